// Sangdam: small progressive enhancements; every page works without this file.
"use strict";
// One post per form at a time: a second tap on 저장 while the first post is
// on its way would store the same thing twice (a double tap on a slow
// connection). Forms that post by script, and confirm.js's questions,
// prevent the event first; window hears it after every document listener.
window.addEventListener("submit", function (event) {
  var form = event.target;
  if (event.defaultPrevented || !form.dataset || (form.method || "").toLowerCase() !== "post") return;
  if (form.dataset.posting) { event.preventDefault(); return; }
  form.dataset.posting = "1";
  setTimeout(function () { delete form.dataset.posting; }, 4000);
});
// A page shown again from the history can post again at once.
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form[data-posting]").forEach(function (form) { delete form.dataset.posting; });
});
document.addEventListener("DOMContentLoaded", function () {
  // Form errors: each invalid field is described by its message (the
  // error paragraph after it), the summary at the top names each field's
  // label, takes the focus, and its links move the focus to the field.
  var invalid = document.querySelectorAll("[aria-invalid=true]");
  Array.prototype.forEach.call(invalid, function (field, i) {
    var message = field.nextElementSibling;
    while (message && !message.classList.contains("error") && !message.matches("input, select, textarea"))
      message = message.nextElementSibling;
    if (!message || !message.classList.contains("error")) return;
    if (!message.id) message.id = "field-error-" + i;
    var described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (described.indexOf(message.id) < 0) described.push(message.id);
    field.setAttribute("aria-describedby", described.join(" "));
  });
  var summary = document.getElementById("form-summary");
  if (summary) {
    summary.querySelectorAll("a[data-field]").forEach(function (link) {
      var field = document.getElementById(link.dataset.field)
        || document.querySelector('[name="' + link.dataset.field.replace(/"/g, "") + '"]');
      if (!field) return;
      // a label naming it, or the label around it (a checkbox's agreement)
      var label = (field.id && document.querySelector('label[for="' + field.id + '"]'))
        || field.closest("label");
      var name = label ? label.textContent.trim() : field.getAttribute("aria-label");
      if (name) link.textContent = name + ": " + link.textContent;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        field.focus();
      });
    });
    summary.focus();
  }

  // Copy buttons: <button data-copy="#id"> copies the text of the element #id.
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.querySelector(button.dataset.copy);
      if (!source || !navigator.clipboard) return;
      navigator.clipboard.writeText(source.value || source.textContent).then(function () {
        button.textContent = button.dataset.copied || button.textContent;
      });
    });
  });
});

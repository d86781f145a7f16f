// Sangdam: asks before a form that cannot be undone is sent (issue 13). A
// form with data-confirm="question" opens a modal <dialog> (the question,
// data-confirm-target in bold, a way back and the action's button, named by
// data-confirm-yes or else the form's own button); yes sends the form with
// confirm=1, going back or Escape sends nothing. Without this file the server
// answers such a form with its confirmation page. The default texts come from
// the catalogs through this script tag's data-yes and data-no. A link to a
// confirmation page with data-confirm-post="question" (and data-csrf) asks the
// same way and then posts to the link's address, as that page's button would.
"use strict";
(function () {
  var tag = document.currentScript;
  var texts = {
    yes: (tag && tag.dataset.yes) || "OK",
    no: (tag && tag.dataset.no) || "Cancel",
  };
  var dialog = null;

  function element(name, attributes, text) {
    var node = document.createElement(name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text) node.textContent = text;
    return node;
  }

  // The one dialog of the page, made on first use.
  function theDialog() {
    if (dialog) return dialog;
    dialog = element("dialog", { "class": "confirm-dialog", "data-confirm-box": "",
      "aria-labelledby": "confirm-box-question" });
    var form = element("form", { method: "dialog" });
    form.appendChild(element("p", { id: "confirm-box-question", "data-confirm-question": "" }));
    form.appendChild(element("p", { "class": "confirm-target", "data-confirm-target": "" }));
    var buttons = element("div", { "class": "dialog-buttons" });
    buttons.appendChild(element("button", { type: "submit", value: "no",
      "data-confirm-no": "" }, texts.no));
    buttons.appendChild(element("button", { type: "submit", value: "yes", "class": "danger",
      "data-confirm-yes": "" }, texts.yes));
    form.appendChild(buttons);
    dialog.appendChild(form);
    document.body.appendChild(dialog);
    return dialog;
  }

  // Resolves true when the person chose the action.
  function ask(question, target, yesText) {
    var box = theDialog();
    if (!box.showModal) return Promise.resolve(window.confirm(question));
    box.querySelector("[data-confirm-question]").textContent = question;
    var strong = box.querySelector("[data-confirm-target]");
    strong.textContent = target || "";
    strong.hidden = !target;
    box.querySelector("[data-confirm-yes]").textContent = yesText || texts.yes;
    box.returnValue = "";
    return new Promise(function (resolve) {
      box.addEventListener("close", function () { resolve(box.returnValue === "yes"); },
        { once: true });
      box.showModal();
      box.querySelector("[data-confirm-no]").focus();
    });
  }

  // Sends form as its submitter would have, with confirm=1 and no second question.
  function send(form, submitter) {
    var yes = form.querySelector('input[name="confirm"]') || element("input",
      { type: "hidden", name: "confirm" });
    yes.value = "1";
    form.appendChild(yes);
    form.dataset.confirmed = "1";
    if (form.requestSubmit) form.requestSubmit(submitter || undefined);
    else form.submit();
  }

  // Posts to the link's address with its csrf token and confirm=1.
  function post(link) {
    var form = element("form", { method: "post", action: link.getAttribute("href") });
    var csrf = link.dataset.csrf || "";
    form.appendChild(element("input", { type: "hidden", name: "csrf", value: csrf }));
    form.appendChild(element("input", { type: "hidden", name: "confirm", value: "1" }));
    document.body.appendChild(form);
    form.submit();
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-confirm-post]");
    if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey
      || event.shiftKey) return;
    event.preventDefault();
    var yesText = link.dataset.confirmYes || link.textContent.trim();
    ask(link.dataset.confirmPost, link.dataset.confirmTarget, yesText).then(function (yes) {
      if (yes) post(link);
    });
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-confirm]")) return;
    if (form.dataset.confirmed === "1") {
      delete form.dataset.confirmed;
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    var submitter = event.submitter || form.querySelector("[type=submit]");
    var yesText = form.dataset.confirmYes || (submitter && submitter.textContent.trim());
    ask(form.dataset.confirm, form.dataset.confirmTarget, yesText).then(function (yes) {
      if (yes) send(form, submitter);
    });
  }, true);
})();

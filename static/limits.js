// Sangdam: length limits in the browser as the server counts them, in code
// points (param.h), never by UTF-16 units as maxlength does. A field with
// data-maxlength="N" gets a counter, shown from 80 % of N (a field of at
// most 10 only past N); past N it is marked invalid and the counter says
// so, but nothing typed or pasted is ever cut.
"use strict";
(function () {
  function points(text) {
    var n = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.length) {
        var d = text.charCodeAt(i + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) i++;
      }
      n++;
    }
    return n;
  }
  window.sangdamLength = points;

  function watch(field) {
    var max = parseInt(field.dataset.maxlength, 10);
    if (!(max > 0) || field.dataset.limitWatched) return;
    field.dataset.limitWatched = "1";
    var counter = document.createElement("span");
    counter.className = "limit-counter";
    counter.id = (field.id || field.name || "field") + "-limit";
    counter.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    var described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    described.push(counter.id);
    field.setAttribute("aria-describedby", described.join(" "));
    var serverInvalid = field.getAttribute("aria-invalid") === "true";
    function update() {
      var n = points(field.value);
      var over = n > max;
      counter.textContent = n + " / " + max;
      counter.classList.toggle("over", over);
      // near the limit, or past it; a short field (a time, a code) only past it
      counter.hidden = !over && (max <= 10 || n < max * 0.8);
      if (over) field.setAttribute("aria-invalid", "true");
      else if (!serverInvalid) field.removeAttribute("aria-invalid");
      field.setCustomValidity && field.setCustomValidity(over ? counter.textContent : "");
    }
    field.addEventListener("input", function () { serverInvalid = false; update(); });
    update();
  }

  function scan(root) {
    (root || document).querySelectorAll("input[data-maxlength], textarea[data-maxlength]").forEach(watch);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { scan(); });
  else scan();
  window.sangdamLimits = scan;
})();

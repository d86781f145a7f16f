// Sangdam FAQ page: reordering entries by dragging (FAQ-1). Without this file
// the up/down buttons do the same; the new order is sent as the form
// POST /a/CODE/faq/order would send it (id=... in order), then the page
// reloads to show it and the "not yet published" notice.
"use strict";
(function () {
  function setup(list) {
    var dragged = null;
    list.querySelectorAll("li[data-id]").forEach(function (item) {
      item.draggable = true;
      item.addEventListener("dragstart", function (event) {
        dragged = item;
        item.classList.add("dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", item.dataset.id);
      });
      item.addEventListener("dragend", function () {
        item.classList.remove("dragging");
        dragged = null;
      });
      item.addEventListener("dragover", function (event) {
        if (!dragged || dragged === item) return;
        event.preventDefault();
        var box = item.getBoundingClientRect();
        var after = event.clientY > box.top + box.height / 2;
        list.insertBefore(dragged, after ? item.nextSibling : item);
      });
      item.addEventListener("drop", function (event) {
        event.preventDefault();
        save(list);
      });
    });
  }

  function save(list) {
    var body = new URLSearchParams();
    body.append("csrf", list.dataset.csrf);
    list.querySelectorAll("li[data-id]").forEach(function (item) { body.append("id", item.dataset.id); });
    fetch(list.dataset.orderUrl, {
      method: "POST", body: body, credentials: "same-origin", headers: { Accept: "application/json" },
    }).then(function () { window.location.reload(); }, function () { window.location.reload(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var list = document.querySelector("[data-faq-list]");
    if (list) setup(list);
  });
})();

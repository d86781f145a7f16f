// Sangdam backups page: moves each running backup's progress bar without a
// reload by polling its small status route (EXP-1). Without this file the
// page's refresh link shows the same. When a backup ends the page reloads
// once, to show the download link or the failure.
"use strict";
(function () {
  function poll(item) {
    var url = item.dataset.statusUrl;
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (status) {
        var bar = item.querySelector("progress");
        if (bar) {
          bar.value = status.percent;
          bar.textContent = status.percent + "%";
        }
        item.querySelector("[data-done]").textContent = status.done;
        item.querySelector("[data-total]").textContent = status.total;
        item.querySelector("[data-status-text]").textContent = status.text;
        item.dataset.status = status.status;
        if (status.status === "queued" || status.status === "running")
          setTimeout(function () { poll(item); }, 1000);
        else
          window.location.reload();
      })
      .catch(function () {
        setTimeout(function () { poll(item); }, 5000);
      });
  }
  document.querySelectorAll("li[data-status-url]").forEach(function (item) {
    setTimeout(function () { poll(item); }, 500);
  });
})();

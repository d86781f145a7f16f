// coupon: the progress bar of a coupon's codes while the worker loads them
// (GET .../progress every 2 s); the page reloads once they are ready or failed.
// Also asks before "staff confirmed" on the entry page, which cannot be undone
// (then sent with confirmed=1; without script the server asks on a page).
// Stopping asks in the shared dialog of confirm.js (without script the link's
// page asks).
(function () {
  'use strict';
  // confirmed=1: asked here, so the server's confirmation page is skipped
  document.querySelectorAll('form[data-confirm]').forEach(function (f) {
    f.addEventListener('submit', function (event) {
      if (!window.confirm(f.getAttribute('data-confirm'))) { event.preventDefault(); return; }
      var yes = document.createElement('input');
      yes.type = 'hidden'; yes.name = 'confirmed'; yes.value = '1';
      f.appendChild(yes);
    });
  });
})();
(function () {
  'use strict';
  var box = document.querySelector('[data-coupon-progress]');
  if (!box) return;
  var bar = box.querySelector('progress');
  var done = box.querySelector('[data-codes-done]');
  function poll() {
    fetch(box.getAttribute('data-coupon-progress'), { headers: { Accept: 'application/json' },
      credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (p) {
        if (p.state !== 'loading') { window.location.reload(); return; }
        bar.value = p.done;
        bar.textContent = String(p.done);
        done.textContent = String(p.done);
        setTimeout(poll, 2000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 2000);
})();

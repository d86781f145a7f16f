// coupon: the progress bar of a coupon's codes while the worker loads them
// (GET .../progress every 2 s); the page reloads once they are ready or failed.
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

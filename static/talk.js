// Sangdam chat page (/talk/CODE): sends without reloading, shows new messages
// as they come (Server-Sent Events, else polling). The page works without it.
"use strict";
(function () {
  var app = document.getElementById("talk");
  if (!app) return;
  app.classList.add("js");

  var code = app.dataset.code;
  var csrf = app.dataset.csrf;
  var list = document.getElementById("talk-messages");
  var form = document.getElementById("talk-form");
  var lastId = parseInt(app.dataset.lastId || "0", 10) || 0;
  var base = "/talk/" + encodeURIComponent(code);

  // Leaving and removing the friend ask first (without the script the
  // server shows a confirmation page); confirmed=1 says it was asked.
  document.querySelectorAll("form[data-confirm]").forEach(function (f) {
    f.addEventListener("submit", function (event) {
      if (!window.confirm(f.dataset.confirm)) { event.preventDefault(); return; }
      var yes = document.createElement("input");
      yes.type = "hidden"; yes.name = "confirmed"; yes.value = "1";
      f.appendChild(yes);
    });
  });

  // The cue of a reply: a short tone (once the customer has touched the
  // page, as browsers require) and, while the page is not looked at, the
  // title says so until it is.
  var plainTitle = document.title, audio = null;
  function unlockAudio() {
    if (audio || !(window.AudioContext || window.webkitAudioContext)) return;
    audio = new (window.AudioContext || window.webkitAudioContext)();
  }
  ["pointerdown", "keydown"].forEach(function (type) {
    document.addEventListener(type, unlockAudio, { once: true, capture: true });
  });
  function tone() {
    if (!audio) return;
    var osc = audio.createOscillator(), gain = audio.createGain(), t = audio.currentTime;
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.12, t);
    gain.gain.exponentialRampToValueAtTime(0.001, t + 0.25);
    osc.connect(gain); gain.connect(audio.destination);
    osc.start(t); osc.stop(t + 0.25);
  }
  function away() { return document.hidden || !document.hasFocus(); }
  function cueReply() {
    tone();
    if (away()) document.title = "(" + app.dataset.newReply + ") " + plainTitle;
  }
  function back() { if (!away()) document.title = plainTitle; }
  window.addEventListener("focus", back);
  document.addEventListener("visibilitychange", back);

  // The unread mark ("1") on the customer's newest n messages that no
  // agent has read yet.
  function markUnread(n) {
    var mine = list ? list.querySelectorAll(".msg-mine") : [];
    Array.prototype.forEach.call(mine, function (item, i) {
      var mark = item.querySelector(".msg-unread");
      var want = i >= mine.length - n;
      if (want && !mark) {
        mark = document.createElement("span");
        mark.className = "msg-unread";
        mark.title = app.dataset.unreadLabel;
        mark.innerHTML = '<span aria-hidden="true">1</span><span class="visually-hidden"></span>';
        mark.lastChild.textContent = app.dataset.unreadLabel;
        var time = item.querySelector(".msg-time");
        if (time) time.parentNode.insertBefore(mark, time);
      } else if (!want && mark) {
        mark.remove();
      }
    });
  }
  function refreshRead() {
    fetch(base + "/read", { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.status === 200 ? response.json() : null; })
      .then(function (body) { if (body && typeof body.unread === "number") markUnread(body.unread); })
      .catch(function () {});
  }

  function scrollToNewest() {
    var last = list && list.lastElementChild;
    if (last) last.scrollIntoView({ block: "end" });
  }

  // Adds the list items of a fragment that are not on the page yet.
  function append(html) {
    var holder = document.createElement("template");
    holder.innerHTML = html;
    var added = false, replied = false;
    Array.prototype.slice.call(holder.content.children).forEach(function (item) {
      if (item.dataset.day) {
        if (!list.querySelector('.talk-day[data-day="' + item.dataset.day + '"]')) list.appendChild(item);
        return;
      }
      var id = parseInt(item.dataset.id || "0", 10);
      if (!id || document.getElementById("m" + id)) return;
      list.appendChild(item);
      if (id > lastId) lastId = id;
      added = true;
      if (item.classList.contains("msg-theirs")) replied = true;
    });
    if (added) {
      var empty = document.getElementById("talk-empty");
      if (empty) empty.remove();
      // the greetings shown before a conversation are now stored in it
      list.querySelectorAll(".msg-greeting").forEach(function (g) { g.remove(); });
      scrollToNewest();
    }
    if (replied) cueReply();
  }

  // Fetches the messages after the last one shown; one fetch at a time.
  var fetching = false, again = false;
  function refresh() {
    if (!list) return;
    if (fetching) { again = true; return; }
    fetching = true;
    fetch(base + "/messages?after=" + lastId, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.status === 200 ? response.text() : ""; })
      .then(function (html) { if (html) append(html); })
      .catch(function () {})
      .then(refreshRead)
      .then(function () {
        fetching = false;
        if (again) { again = false; refresh(); }
      });
  }

  // Live updates: the events stream (/events/talk/CODE) says when the room
  // changed ("message"), or that something may have been missed ("reload");
  // either way the messages after the last one shown are fetched. Polling
  // every 5 s stands in while the stream is not connected. There is nothing
  // to follow before the customer's first message has made the room.
  var live = app.dataset.live === "1" && !!list;
  var since = app.dataset.since || "";
  var source = null, pollTimer = null, retryTimer = null;
  function startPolling() { if (!pollTimer) pollTimer = window.setInterval(refresh, 5000); }
  function stopPolling() { if (pollTimer) { window.clearInterval(pollTimer); pollTimer = null; } }
  function connect() {
    if (!live || source) return;
    if (!window.EventSource) { startPolling(); return; }
    source = new EventSource("/events" + base + (since ? "?since=" + encodeURIComponent(since) : ""));
    since = "";
    source.addEventListener("message", refresh);
    source.addEventListener("reload", refresh);
    source.addEventListener("read", refreshRead);
    source.addEventListener("open", function () { stopPolling(); refresh(); });
    source.addEventListener("error", function () {
      startPolling();
      if (source && source.readyState === EventSource.CLOSED) {
        // refused or gone (not a mere reconnect): poll, and try again later
        source = null;
        if (!retryTimer) retryTimer = window.setTimeout(function () { retryTimer = null; connect(); }, 30000);
      }
    });
  }
  if (live) {
    if (app.dataset.room === "1") connect();
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible" && (source || pollTimer)) refresh();
    });
  }

  if (!form) { scrollToNewest(); return; }

  var text = document.getElementById("talk-text");
  var fileInput = document.getElementById("talk-file");
  var chosen = document.getElementById("talk-file-chosen");
  var chosenName = document.getElementById("talk-file-chosen-name");
  var clearFile = document.getElementById("talk-file-clear");
  var send = document.getElementById("talk-send");
  var errorBox = document.getElementById("talk-error");
  var clientId = form.querySelector('input[name="client_id"]');
  var maxBytes = 20 * 1024 * 1024;

  function showError(message) {
    form.querySelectorAll(".error:not(#talk-error)").forEach(function (old) { old.remove(); });
    errorBox.textContent = message || "";
    errorBox.hidden = !message;
  }

  function newClientId() {
    var bytes = new Uint8Array(32);
    window.crypto.getRandomValues(bytes);
    var binary = "";
    bytes.forEach(function (b) { binary += String.fromCharCode(b); });
    return window.btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function grow() {
    text.style.height = "auto";
    text.style.height = Math.min(text.scrollHeight + 2, 128) + "px";
  }

  function showChosen() {
    var file = fileInput.files && fileInput.files[0];
    chosen.hidden = !file;
    chosenName.textContent = file ? file.name : "";
  }

  fileInput.addEventListener("change", function () {
    showChosen();
    var file = fileInput.files && fileInput.files[0];
    showError(file && file.size > maxBytes ? app.dataset.errTooLarge : "");
  });
  clearFile.addEventListener("click", function () {
    fileInput.value = "";
    showChosen();
    showError("");
  });
  text.addEventListener("input", grow);
  // What the customer typed and has not sent survives a reload or a closed
  // tab (this browser only; cleared once sent).
  var draftKey = "sangdam.talk.draft." + code;
  function saveDraft() {
    try {
      if (text.value) window.localStorage.setItem(draftKey, text.value);
      else window.localStorage.removeItem(draftKey);
    } catch (e) { /* storage off: nothing kept */ }
  }
  try {
    if (!text.value) text.value = window.localStorage.getItem(draftKey) || "";
  } catch (e) { /* storage off */ }
  if (text.value) { grow(); text.dispatchEvent(new Event("input")); }
  text.addEventListener("input", saveDraft);
  // Enter sends on a keyboard, Shift+Enter breaks the line; never while an
  // input method (Korean) is still composing, and not on touch screens.
  var touch = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
  text.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229 && !touch) {
      event.preventDefault();
      if (typeof form.requestSubmit === "function") form.requestSubmit();
      else form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });

  function messageFor(status) {
    if (status === 413) return app.dataset.errTooLarge;
    if (status === 429) return app.dataset.errRate;
    return app.dataset.errGeneric;
  }

  var sending = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (sending) return;
    var file = fileInput.files && fileInput.files[0];
    if (!text.value.trim() && !file) { showError(app.dataset.errEmpty); text.focus(); return; }
    if (file && file.size > maxBytes) { showError(app.dataset.errTooLarge); return; }
    sending = true;
    send.disabled = true;
    var label = send.textContent;
    send.textContent = app.dataset.sending;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRF-Token": csrf }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (response.status === 200 && body.ok) {
          text.value = "";
          text.dispatchEvent(new Event("input")); // the counter of limits.js; the draft goes
          fileInput.value = "";
          showChosen();
          grow();
          showError("");
          clientId.value = newClientId(); // the next message is a new one
          var nameRow = document.getElementById("talk-name-row");
          if (nameRow) nameRow.remove();
          refresh();
          connect(); // the first message has made the room: follow it
        } else {
          // The same client id stays, so sending again cannot store it twice.
          showError(body.error || messageFor(response.status));
        }
      });
    }).catch(function () {
      showError(app.dataset.errNetwork);
    }).then(function () {
      sending = false;
      send.disabled = false;
      send.textContent = label;
    });
  });

  grow();
  scrollToNewest();
})();

// Sangdam inbox: live updates (Server-Sent Events), sending without a reload,
// select-all for bulk actions, a short sound for new customer messages, and
// the canned-reply picker ("/" and a few letters in a room's message box).
// Every page works without this file; values come from data- attributes.
"use strict";
(function () {
  var audioContext = null;

  function audio() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return null;
    if (!audioContext) audioContext = new Context();
    if (audioContext.state === "suspended") audioContext.resume();
    return audioContext;
  }

  // Browsers start audio only after a gesture: prepare it on the first one.
  function unlockAudio() {
    document.removeEventListener("pointerdown", unlockAudio);
    document.removeEventListener("keydown", unlockAudio);
    try { audio(); } catch (e) { /* no sound then */ }
  }

  // A short two-tone beep from an oscillator (no sound file).
  function beep() {
    if (document.hidden) return;
    try {
      var context = audio();
      if (!context) return;
      var start = context.currentTime;
      [880, 1320].forEach(function (frequency, i) {
        var oscillator = context.createOscillator();
        var gain = context.createGain();
        var at = start + i * 0.12;
        oscillator.type = "sine";
        oscillator.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.15, at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.11);
        oscillator.connect(gain);
        gain.connect(context.destination);
        oscillator.start(at);
        oscillator.stop(at + 0.12);
      });
    } catch (e) { /* no sound then */ }
  }

  // Calls fn at most once per wait milliseconds, after the last call.
  function debounce(fn, wait) {
    var timer = null;
    return function () {
      if (timer) clearTimeout(timer);
      timer = setTimeout(function () { timer = null; fn(); }, wait);
    };
  }

  function getText(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        // the second factor is due again (AUTH-6): the page itself asks for it
        if (response.redirected && new URL(response.url).pathname === "/second-factor") {
          window.location.reload();
          return "";
        }
        return response.status === 200 ? response.text() : "";
      });
  }

  // Sets a badge's number, making the badge inside parent when missing.
  function setBadge(selector, attribute, parent, count) {
    var badges = document.querySelectorAll(selector);
    if (badges.length === 0 && parent && count > 0) {
      var badge = document.createElement("span");
      badge.className = "badge";
      badge.setAttribute(attribute, "");
      parent.appendChild(document.createTextNode(" "));
      parent.appendChild(badge);
      badges = [badge];
    }
    Array.prototype.forEach.call(badges, function (badge) {
      badge.textContent = String(count);
      badge.hidden = count <= 0;
    });
  }

  // The unread counts: updates the header and menu badges; resolves with the
  // account's count, or null.
  function updateUnread(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return null;
        setBadge("[data-unread]", "data-unread",
          document.querySelector(".account-areas a[href$='/chats']"), data.unread);
        setBadge("[data-unread-all]", "data-unread-all",
          document.querySelector(".account-menu summary"), data.all);
        return data.unread;
      })
      .catch(function () { return null; });
  }

  // Listens to the account's events; falls back to polling when the event
  // stream is not available. handler(kind, data) with data {a, r, k}.
  function listen(url, handler) {
    var polling = null;
    function poll() {
      if (!polling) polling = setInterval(function () { handler("poll", {}); }, 20000);
    }
    if (!window.EventSource) { poll(); return; }
    var source = new EventSource(url);
    ["message", "room", "read"].forEach(function (kind) {
      source.addEventListener(kind, function (event) {
        var data = {};
        try { data = JSON.parse(event.data); } catch (e) { /* keep {} */ }
        handler(kind, data);
      });
    });
    source.addEventListener("error", function () {
      if (source.readyState === EventSource.CLOSED) poll();
    });
  }

  function setupList(box) {
    var rows = box.querySelector("[data-rows-box]");
    var form = box.querySelector("[data-bulk-form]");
    var live = box.dataset.live === "1";
    var lastUnread = null;

    // Select all on this page, and only the fields of the chosen action.
    var selectAll = box.querySelector("[data-select-all]");
    if (selectAll && form) {
      selectAll.hidden = false;
      var all = selectAll.querySelector("input");
      all.addEventListener("change", function () {
        form.querySelectorAll("input.pick").forEach(function (pick) { pick.checked = all.checked; });
      });
    }
    var action = box.querySelector("[data-bulk-action]");
    function showActionFields() {
      box.querySelectorAll("[data-for-action]").forEach(function (field) {
        field.hidden = field.dataset.forAction !== action.value;
      });
    }
    if (action) {
      action.addEventListener("change", showActionFields);
      showActionFields();
    }

    var refresh = debounce(function () {
      updateUnread(box.dataset.unreadUrl).then(function (count) {
        if (count !== null && lastUnread !== null && count > lastUnread) beep();
        if (count !== null) lastUnread = count;
      });
      if (!live || !rows) return;
      getText(box.dataset.fragment).then(function (html) {
        if (!html) return;
        var checked = {};
        rows.querySelectorAll("input.pick:checked").forEach(function (pick) { checked[pick.value] = true; });
        rows.innerHTML = html;
        rows.querySelectorAll("input.pick").forEach(function (pick) { pick.checked = !!checked[pick.value]; });
      });
    }, 300);
    updateUnread(box.dataset.unreadUrl).then(function (count) { lastUnread = count; });
    listen(box.dataset.events, function () { refresh(); });
  }

  function newClientId() {
    var bytes = new Uint8Array(24);
    window.crypto.getRandomValues(bytes);
    var text = "";
    bytes.forEach(function (b) { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function setupRoom(box) {
    var list = box.querySelector("[data-messages]");
    var scroller = box.querySelector("[data-scroll]");
    var room = box.dataset.room;
    var lastId = parseInt(box.dataset.lastId, 10) || 0;
    var live = box.dataset.live === "1";
    var lastUnread = null;

    function scrollToEnd() {
      // A column-reverse box (wide screens) is at its end at 0.
      if (scroller) {
        var reversed = window.getComputedStyle(scroller).flexDirection === "column-reverse";
        scroller.scrollTop = reversed ? 0 : scroller.scrollHeight;
      }
      var last = list.lastElementChild;
      if (last && last.scrollIntoView && window.innerWidth < 900) last.scrollIntoView({ block: "end" });
    }

    // Appends the messages newer than the last shown; resolves with true when
    // one of them came from the customer.
    function loadNew() {
      if (!live) return Promise.resolve(false);
      return getText(box.dataset.messagesUrl + "?after=" + lastId).then(function (html) {
        if (!html) return false;
        var template = document.createElement("template");
        template.innerHTML = html;
        var fromCustomer = false;
        template.content.querySelectorAll("li[data-id]").forEach(function (item) {
          var id = parseInt(item.dataset.id, 10);
          if (id > lastId && !document.getElementById(item.id)) {
            list.appendChild(item);
            lastId = id;
            fromCustomer = fromCustomer || item.classList.contains("from-customer");
          }
        });
        var empty = box.querySelector(".conversation > .empty");
        if (empty) empty.remove();
        scrollToEnd();
        return fromCustomer;
      });
    }

    var refresh = debounce(function () {
      loadNew().then(function (fromCustomer) {
        if (fromCustomer) beep();
        return updateUnread(box.dataset.unreadUrl);
      }).then(function (count) {
        if (count !== null && lastUnread !== null && count > lastUnread) beep();
        if (count !== null) lastUnread = count;
      });
    }, 200);
    updateUnread(box.dataset.unreadUrl).then(function (count) { lastUnread = count; });
    listen(box.dataset.events, function (kind, data) {
      if (kind === "message" || kind === "poll" || String(data.r) === room) refresh();
      else updateUnread(box.dataset.unreadUrl);
    });

    var form = box.querySelector("[data-send-form]");
    if (!form || !window.fetch || !window.FormData) return;
    var errorBox = form.querySelector("[data-send-error]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      var csrf = form.querySelector("input[name=csrf]");
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRF-Token": csrf ? csrf.value : "" }
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          return { status: response.status, body: body };
        });
      }).then(function (result) {
        if (result.status === 200 && result.body.ok) {
          form.reset();
          form.querySelector("input[name=client_id]").value = newClientId();
          errorBox.hidden = true;
          form.querySelectorAll("[aria-invalid]").forEach(function (field) { field.removeAttribute("aria-invalid"); });
          loadNew();
        } else {
          errorBox.textContent = result.body.error
            || (result.status === 413 ? form.dataset.errorTooLarge : form.dataset.errorNetwork);
          errorBox.hidden = false;
        }
      }).catch(function () {
        errorBox.textContent = form.dataset.errorNetwork;
        errorBox.hidden = false;
      }).then(function () {
        button.disabled = false;
      });
    });
    // Enter sends, Shift+Enter makes a new line (as in chat apps).
    var text = form.querySelector("textarea[name=text]");
    if (text) {
      text.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
          event.preventDefault();
          if (form.requestSubmit) form.requestSubmit(); else form.dispatchEvent(new Event("submit"));
        }
      });
    }
    scrollToEnd();
  }

  // Canned replies (FAQ-3): "/" and a few letters before the cursor list the
  // matching replies under the box; choosing one replaces "/letters" with its
  // text, to be edited and sent by the agent (never sent from here).
  function setupReplyPicker(text) {
    var list = text.form.querySelector("[data-reply-picker]");
    if (!list || !text.dataset.repliesUrl) return;
    var items = [], active = 0, token = null, asked = 0;
    function close() { list.hidden = true; list.textContent = ""; items = []; token = null; }
    function mark() {
      items.forEach(function (item, i) { item.el.setAttribute("aria-selected", i === active ? "true" : "false"); });
    }
    function choose(i) {
      var reply = items[i];
      if (!reply || !token) return;
      var before = text.value.slice(0, token.start), after = text.value.slice(token.end);
      text.value = before + reply.text + after;
      var caret = before.length + reply.text.length;
      text.setSelectionRange(caret, caret);
      close();
      text.focus();
    }
    function show(replies) {
      list.textContent = "";
      items = replies.slice(0, 8).map(function (reply, i) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        li.className = "reply-option";
        var title = document.createElement("strong");
        title.textContent = reply.title;
        var preview = document.createElement("span");
        preview.textContent = reply.text.length > 60 ? reply.text.slice(0, 60) + "…" : reply.text;
        li.appendChild(title);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(preview);
        li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
        list.appendChild(li);
        return { el: li, text: reply.text };
      });
      active = 0;
      mark();
      list.hidden = items.length === 0;
    }
    text.addEventListener("input", function () {
      var upto = text.value.slice(0, text.selectionStart);
      var match = /(^|\s)\/([^\s\/]{0,20})$/.exec(upto);
      if (!match) { close(); return; }
      token = { start: upto.length - match[2].length - 1, end: upto.length };
      var ask = ++asked;
      fetch(text.dataset.repliesUrl + "?q=" + encodeURIComponent(match[2]),
        { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (replies) { if (ask === asked && token) show(replies); })
        .catch(function () { close(); });
    });
    text.addEventListener("keydown", function (event) {
      if (list.hidden || items.length === 0) return;
      var keys = { ArrowDown: 1, ArrowUp: -1 };
      if (event.key in keys) {
        active = (active + keys[event.key] + items.length) % items.length;
        mark();
      } else if (event.key === "Enter" || event.key === "Tab") {
        choose(active);
      } else if (event.key === "Escape") {
        close();
      } else {
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
    });
    text.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var replyText = document.querySelector("textarea[data-replies-url]");
    if (replyText) setupReplyPicker(replyText);
    document.addEventListener("pointerdown", unlockAudio);
    document.addEventListener("keydown", unlockAudio);
    var list = document.querySelector("[data-inbox-list]");
    if (list) setupList(list);
    var room = document.querySelector("[data-room-page]");
    if (room) setupRoom(room);
  });
})();

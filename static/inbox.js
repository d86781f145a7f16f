// Sangdam agents' workspace (/a/CODE/chats and its rooms): live list, counts
// and room (Server-Sent Events; refetched on every (re)connection and on
// `reload`), rooms swapped in place, drafts kept per room, a signed-out
// answer that keeps the draft, the unread total in the title, favicon, sound
// and desktop notifications, confirmations, the image viewer, pasted and
// dropped images, who else views or types, and the canned-reply picker.
// Every page works without this file; values come from data- attributes.
"use strict";
(function () {
  var ws = null;          // the [data-workspace] element
  var signedOut = false;
  var me = "";            // the partner id of this page's member

  // ---- requests ----------------------------------------------------------

  // fetch for this page's scripts: the server answers a sign-in that ended
  // with 401 {"signed_out":true} instead of the login page.
  function request(url, options) {
    options = options || {};
    options.credentials = "same-origin";
    options.headers = options.headers || {};
    options.headers["X-Requested-With"] = "fetch";
    return fetch(url, options).then(function (response) {
      // the second factor is due again (AUTH-6): the page itself asks for it
      if (response.redirected && new URL(response.url).pathname === "/second-factor") {
        window.location.reload();
      } else if (response.status === 401) {
        response.clone().json().then(function (body) {
          if (body && body.second_factor) window.location.href = body.second_factor;
          else showSignedOut();
        }, function () { showSignedOut(); });
      }
      return response;
    });
  }

  function getText(url) {
    return request(url, { headers: { Accept: "text/html" } })
      .then(function (response) { return response.status === 200 ? response.text() : ""; });
  }

  function getJSON(url) {
    return request(url, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .catch(function () { return null; });
  }

  function showSignedOut() {
    if (signedOut || !ws) return;
    signedOut = true;
    var box = document.createElement("p");
    box.className = "notice error-box signed-out";
    box.setAttribute("role", "alert");
    box.textContent = ws.dataset.signedOut + " ";
    var link = document.createElement("a");
    link.href = ws.dataset.login + "?next=" + encodeURIComponent(location.pathname + location.search);
    link.textContent = "→";
    link.setAttribute("aria-label", ws.dataset.signedOut);
    box.appendChild(link);
    ws.insertBefore(box, ws.firstChild);
  }

  // ---- attention: sound, title, favicon, notifications --------------------

  var audioContext = null;
  var interacted = false;
  function audio() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return null;
    if (!audioContext) audioContext = new Context();
    if (audioContext.state === "suspended") audioContext.resume();
    return audioContext;
  }
  // Browsers start audio only after a gesture: prepare it on the first one;
  // after that the sound plays also while the tab is hidden.
  function unlockAudio() {
    interacted = true;
    if (ws && ws.dataset.notify === "1" && window.Notification && Notification.permission === "default") {
      try { Notification.requestPermission(); } catch (e) { /* asked another time */ }
    }
    document.removeEventListener("pointerdown", unlockAudio);
    document.removeEventListener("keydown", unlockAudio);
    try { audio(); } catch (e) { /* no sound then */ }
  }
  // The member's quiet time (에티켓 시간, HOURS-6) "START-END" in minutes of
  // the day: no sound and no notification then.
  function quietNow() {
    var m = /^(\d+)-(\d+)$/.exec(ws.dataset.quiet || "");
    if (!m) return false;
    var now = new Date(), minute = now.getHours() * 60 + now.getMinutes();
    var start = +m[1], end = +m[2];
    return start <= end ? minute >= start && minute < end : minute >= start || minute < end;
  }
  // One sound for one event: the unread total and the open room may both
  // report the same customer message.
  var lastBeep = 0;
  function beep() {
    if (!interacted || quietNow() || Date.now() - lastBeep < 1500) return;
    lastBeep = Date.now();
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

  var baseTitle = document.title.replace(/^\(\d+\) /, "");
  var faviconLink = null;
  // "(N) title" and a favicon with a red badge drawn on a canvas.
  function showTotal(count) {
    document.title = count > 0 ? "(" + count + ") " + baseTitle : baseTitle;
    ws.dataset.total = String(count);
    var canvas = document.createElement("canvas");
    if (!canvas.getContext) return;
    canvas.width = canvas.height = 32;
    var g = canvas.getContext("2d");
    g.fillStyle = "#1e6fd9";
    g.beginPath(); g.arc(16, 16, 14, 0, Math.PI * 2); g.fill();
    g.fillStyle = "#fff";
    g.font = "bold 16px sans-serif"; g.textAlign = "center"; g.textBaseline = "middle";
    g.fillText("S", 16, 17);
    if (count > 0) {
      g.fillStyle = "#c62828";
      g.beginPath(); g.arc(23, 9, 9, 0, Math.PI * 2); g.fill();
      g.fillStyle = "#fff"; g.font = "bold 12px sans-serif";
      g.fillText(count > 99 ? "99" : String(count), 23, 10);
    }
    if (!faviconLink) {
      // the page's own icon (favicon.svg) becomes the drawn one
      faviconLink = document.querySelector('link[rel~="icon"]') || document.createElement("link");
      faviconLink.rel = "icon";
      document.head.appendChild(faviconLink);
    }
    faviconLink.type = "image/png";
    faviconLink.href = canvas.toDataURL("image/png");
  }

  // A desktop notification (when the member turned them on in their
  // settings and the browser allows them) that opens the room.
  function notify(title, body, url) {
    if (ws.dataset.notify !== "1" || !window.Notification || Notification.permission !== "granted") return;
    if (quietNow()) return;
    if (!document.hidden) return;
    try {
      var n = new Notification(title, { body: body, tag: url });
      n.onclick = function () { window.focus(); openRoom(url, true); n.close(); };
    } catch (e) { /* not shown */ }
  }

  function announce(text) {
    var box = ws.querySelector("[data-announce]");
    if (!box) return;
    box.textContent = "";
    window.setTimeout(function () { box.textContent = text; }, 50);
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

  var lastUnread = null;
  // The unread totals: this account's (menu badge, title, favicon) and all
  // the partner's accounts' (the header); a sound when they grew.
  function updateUnread() {
    return getJSON(ws.dataset.unreadUrl).then(function (data) {
      if (!data) return;
      setBadge("[data-unread]", "data-unread",
        document.querySelector(".account-areas-wide a[href$='/chats']"), data.unread);
      setBadge("[data-unread-all]", "data-unread-all",
        document.querySelector(".account-menu summary"), data.all);
      if (lastUnread !== null && data.all > lastUnread) beep();
      lastUnread = data.all;
      showTotal(data.unread);
    });
  }

  function updateCounts() {
    var url = "/a/" + ws.dataset.account + "/chats/counts";
    return getJSON(url).then(function (data) {
      if (!data) return;
      Object.keys(data).forEach(function (tab) {
        var box = ws.querySelector('[data-tab-count="' + tab + '"]');
        if (box) box.textContent = String(data[tab]);
      });
    });
  }

  // ---- the list --------------------------------------------------------------

  function markCurrent() {
    var pane = ws.querySelector("[data-room-pane][data-room]");
    var room = pane ? pane.dataset.room : "";
    ws.querySelectorAll("li.room").forEach(function (li) {
      var link = li.querySelector("a.room-main");
      if (li.dataset.room === room) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    });
  }

  function refreshList() {
    var rows = ws.querySelector("[data-rows-box]");
    if (ws.dataset.live !== "1" || !rows) return Promise.resolve();
    return getText(ws.dataset.fragment).then(function (html) {
      if (!html) return;
      var checked = {};
      rows.querySelectorAll("input.pick:checked").forEach(function (pick) { checked[pick.value] = true; });
      var before = rows.querySelectorAll("li.has-unread").length;
      rows.innerHTML = html;
      rows.querySelectorAll("input.pick").forEach(function (pick) { pick.checked = !!checked[pick.value]; });
      var after = rows.querySelectorAll("li.has-unread");
      if (after.length > before) {
        var first = after[0].querySelector(".customer");
        announce(ws.dataset.newMessage + (first ? " " + first.textContent : ""));
      }
      markCurrent();
    });
  }

  function setupList() {
    var form = ws.querySelector("[data-bulk-form]");
    if (!form) return;
    var selectAll = form.querySelector("[data-select-all]");
    if (selectAll) {
      selectAll.hidden = false;
      var all = selectAll.querySelector("input");
      all.addEventListener("change", function () {
        form.querySelectorAll("input.pick").forEach(function (pick) { pick.checked = all.checked; });
      });
    }
    var action = form.querySelector("[data-bulk-action]");
    function showActionFields() {
      form.querySelectorAll("[data-for-action]").forEach(function (field) {
        field.hidden = field.dataset.forAction !== action.value;
      });
    }
    if (action) {
      action.addEventListener("change", showActionFields);
      showActionFields();
    }
    // leave and block: asked here in a dialog, then sent with confirm=1
    form.addEventListener("submit", function (event) {
      var which = action ? action.value : "";
      if (form.dataset.confirmed === "1" || (which !== "leave" && which !== "block")) return;
      if (!form.querySelector("input.pick:checked")) return; // the server says "none"
      event.preventDefault();
      var text = which === "leave" ? form.dataset.confirmLeave : form.dataset.confirmBlock;
      confirmDialog(text, null).then(function (yes) {
        if (!yes) return;
        var confirm = document.createElement("input");
        confirm.type = "hidden"; confirm.name = "confirm"; confirm.value = "1";
        form.appendChild(confirm);
        form.dataset.confirmed = "1";
        form.submit();
      });
    });
    // A list page (with its search and filters) that opened rooms in place:
    // 목록으로 goes back to it, not to the whole list the link names.
    var listUrl = /\/chats\/\d+$/.test(location.pathname) ? null : location.href;
    ws.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0 || !event.target.closest) return;
      var back = event.target.closest("a.back-link");
      if (back && listUrl) {
        event.preventDefault();
        location.assign(listUrl);
        return;
      }
      var link = event.target.closest("a[data-room-link]");
      if (!link) return;
      event.preventDefault();
      openRoom(link.href, true);
    });
  }

  // ---- confirmations -------------------------------------------------------

  // Asks text in a modal dialog; resolves true for yes. With action, the
  // dialog's own form posts there instead (the room's leave and block).
  function confirmDialog(text, action, yesLabel) {
    var dialog = document.querySelector("[data-confirm-dialog]");
    if (!dialog || !dialog.showModal) return Promise.resolve(window.confirm(text));
    var form = dialog.querySelector("[data-confirm-form]");
    dialog.querySelector("[data-confirm-text]").textContent = text;
    var yes = dialog.querySelector("[data-confirm-yes]");
    yes.textContent = yesLabel || yes.textContent || "OK";
    return new Promise(function (resolve) {
      function done(answer) {
        form.removeEventListener("submit", onSubmit);
        cancel.removeEventListener("click", onCancel);
        dialog.removeEventListener("cancel", onCancel);
        if (dialog.open) dialog.close();
        resolve(answer);
      }
      function onSubmit(event) {
        if (action) { form.action = action; return; } // posts itself
        event.preventDefault();
        done(true);
      }
      function onCancel(event) { if (event) event.preventDefault(); done(false); }
      var cancel = dialog.querySelector("[data-confirm-cancel]");
      form.addEventListener("submit", onSubmit);
      cancel.addEventListener("click", onCancel);
      dialog.addEventListener("cancel", onCancel);
      if (action) form.action = action;
      dialog.showModal();
      cancel.focus();
    });
  }

  // ---- drafts ----------------------------------------------------------------

  function draftKey(room) { return "sangdam.draft." + ws.dataset.account + "." + room; }
  function saveDraft(room, text) {
    try {
      if (text) window.localStorage.setItem(draftKey(room), text);
      else window.localStorage.removeItem(draftKey(room));
    } catch (e) { /* storage full or off */ }
  }
  function loadDraft(room) {
    try { return window.localStorage.getItem(draftKey(room)) || ""; } catch (e) { return ""; }
  }

  // ---- the room --------------------------------------------------------------

  var room = null; // the open room's state

  function newClientId() {
    var bytes = new Uint8Array(24);
    window.crypto.getRandomValues(bytes);
    var text = "";
    bytes.forEach(function (b) { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function scrollToEnd(pane) {
    var scroller = pane.querySelector("[data-scroll]");
    if (scroller) scroller.scrollTop = scroller.scrollHeight;
  }

  // Appends the messages newer than the last shown; resolves with the
  // customer's newest text when one of them came from the customer, else null.
  function loadNew(state) {
    if (!state.live) return Promise.resolve(null);
    return getText(state.pane.dataset.messagesUrl + "?after=" + state.lastId).then(function (html) {
      if (!html || state !== room) return null;
      var template = document.createElement("template");
      template.innerHTML = html;
      var fromCustomer = null;
      var scroller = state.pane.querySelector("[data-scroll]");
      var atEnd = !scroller || scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
      template.content.querySelectorAll("li[data-id]").forEach(function (item) {
        var id = parseInt(item.dataset.id, 10);
        if (id > state.lastId && !document.getElementById(item.id)) {
          state.list.appendChild(item);
          state.lastId = id;
          if (item.classList.contains("from-customer")) {
            var text = item.querySelector(".text");
            fromCustomer = text ? text.textContent : "";
          }
        }
      });
      var empty = state.pane.querySelector("[data-scroll] > .empty");
      if (empty && state.lastId) empty.remove();
      if (atEnd || fromCustomer === null) scrollToEnd(state.pane);
      return fromCustomer;
    });
  }

  // A desktop notification for a customer's message in a room that is not
  // the open one: its list row, fetched just before, gives the name, the
  // text and the room to open.
  function notifyRow(id) {
    var li = ws.querySelector('li.room[data-room="' + id + '"]');
    if (!li || !li.classList.contains("has-unread")) return;
    var name = li.querySelector(".customer"), text = li.querySelector(".room-last");
    var link = li.querySelector("a.room-main");
    if (!link) return;
    notify(name ? name.textContent : baseTitle, text ? text.textContent : "", link.getAttribute("href"));
  }

  function refreshRoom() {
    if (!room) return Promise.resolve();
    var state = room;
    return loadNew(state).then(function (text) {
      if (text === null) return;
      beep();
      var title = state.pane.querySelector("#room-title");
      notify(title ? title.textContent : baseTitle, text, location.pathname);
    });
  }

  // Another member changed the open room (assigned, completed or marked it,
  // saved its details): its title, tags and details pane are fetched again.
  // The messages and the composer (its draft) stay; a details pane being
  // edited here is left as it is (its save changes only what is edited).
  function refreshRoomParts(state) {
    return request(location.pathname + location.search, { headers: { Accept: "text/html" } })
      .then(function (response) { return response.status === 200 ? response.text() : null; })
      .then(function (html) {
        if (!html || state !== room) return;
        var doc = new DOMParser().parseFromString(html, "text/html");
        if (!doc.querySelector('[data-room-pane][data-room="' + state.id + '"]')) return;
        ["#room-title", "[data-room-tags]"].forEach(function (selector) {
          var fresh = doc.querySelector(selector), here = state.pane.querySelector(selector);
          if (fresh && here) here.innerHTML = fresh.innerHTML;
        });
        var details = ws.querySelector("[data-details-pane]");
        var fresh = doc.querySelector("[data-details-pane]");
        if (details && fresh && !details.contains(document.activeElement)) {
          details.replaceWith(document.importNode(fresh, true));
          setupDetails(state);
        }
      }).catch(function () {});
  }

  // Who else has the room open, from the events "viewing" and "typing".
  function showPresence(state, kind, partner) {
    var box = state.pane.querySelector("[data-presence]");
    if (!box) return;
    var option = document.querySelector('#r-assignee option[value="' + partner + '"]');
    var name = option ? option.textContent : "";
    box.textContent = (kind === "typing" ? state.pane.dataset.typing : state.pane.dataset.viewing)
      .replace("{name}", name);
    box.hidden = false;
    if (state.presenceTimer) clearTimeout(state.presenceTimer);
    state.presenceTimer = setTimeout(function () { box.hidden = true; },
      kind === "typing" ? 6000 : 45000);
  }

  function sendPresence(state, kind) {
    var now = Date.now();
    var last = state.presenceSent[kind] || 0;
    if (now - last < (kind === "typing" ? 3000 : 20000)) return;
    state.presenceSent[kind] = now;
    var csrf = state.form ? state.form.querySelector("input[name=csrf]") : null;
    var body = new URLSearchParams();
    body.set("state", kind);
    if (csrf) body.set("csrf", csrf.value);
    request(state.pane.dataset.presenceUrl, { method: "POST", body: body }).catch(function () {});
  }

  function setupComposer(state) {
    var form = state.form;
    var text = form.querySelector("textarea[name=text]");
    var fileInput = form.querySelector("input[type=file]");
    var chosen = form.querySelector("[data-file-chosen]");
    var errorBox = form.querySelector("[data-send-error]");
    state.text = text;
    // the picker first: its Enter chooses a reply and stops the one that sends
    setupReplyPicker(text);
    var draft = loadDraft(state.id);
    var query = new URLSearchParams(location.search);
    if (!text.value) {
      text.value = draft;
    } else if (query.has("reply")) {
      // a reply chosen on the picker's page (?reply=ID) goes after the draft,
      // never over it; once used, the address forgets it, or every reload
      // would put it back
      if (draft && draft.indexOf(text.value) < 0) text.value = draft.replace(/\s+$/, "") + "\n" + text.value;
      else if (draft) text.value = draft;
      saveDraft(state.id, text.value);
      query.delete("reply");
      var rest = query.toString();
      history.replaceState(history.state, "", location.pathname + (rest ? "?" + rest : "") + location.hash);
    }
    text.addEventListener("input", function () {
      saveDraft(state.id, text.value);
      sendPresence(state, "typing");
    });
    function showChosen() {
      var file = fileInput.files && fileInput.files[0];
      chosen.hidden = !file;
      chosen.querySelector("[data-file-name]").textContent = file ? file.name : "";
    }
    fileInput.addEventListener("change", showChosen);
    chosen.querySelector("[data-file-clear]").addEventListener("click", function () {
      fileInput.value = "";
      showChosen();
      text.focus();
    });
    // images pasted into the box or dropped on the conversation are attached
    function attach(files) {
      if (!files || !files.length || !window.DataTransfer) return false;
      var transfer = new DataTransfer();
      transfer.items.add(files[0]);
      fileInput.files = transfer.files;
      showChosen();
      return true;
    }
    text.addEventListener("paste", function (event) {
      var files = event.clipboardData && event.clipboardData.files;
      if (files && files.length && attach(files)) event.preventDefault();
    });
    state.pane.addEventListener("dragover", function (event) { event.preventDefault(); });
    state.pane.addEventListener("drop", function (event) {
      if (event.dataTransfer && attach(event.dataTransfer.files)) event.preventDefault();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (signedOut) { errorBox.textContent = ws.dataset.signedOut; errorBox.hidden = false; return; }
      var button = form.querySelector("button[type=submit]");
      var csrf = form.querySelector("input[name=csrf]");
      button.disabled = true;
      request(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json", "X-CSRF-Token": csrf ? csrf.value : "" }
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          return { status: response.status, body: body };
        });
      }).then(function (result) {
        if (result.status === 200 && result.body.ok) {
          text.value = "";
          fileInput.value = "";
          showChosen();
          saveDraft(state.id, "");
          form.querySelector("input[name=client_id]").value = newClientId();
          errorBox.hidden = true;
          form.querySelectorAll("[aria-invalid]").forEach(function (field) { field.removeAttribute("aria-invalid"); });
          // the header's status tag follows the reply (답변하지 않은 → 답변한)
          var tag = state.pane.querySelector("[data-room-status]");
          if (tag && result.body.status) {
            tag.className = "tag st-" + result.body.status;
            tag.textContent = result.body.status_text;
          }
          loadNew(state);
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
        text.focus(); // focus stays in the composer after 보내기
      });
    });
    // Enter sends, Shift+Enter makes a new line; never while an input method
    // (Korean) is composing, nor on touch screens.
    var touch = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
    // Only where Enter sends does the box say so; without JavaScript and on
    // a touch screen Enter makes a new line, and 보내기 sends.
    if (!touch && text.dataset.placeholderKeys) text.placeholder = text.dataset.placeholderKeys;
    text.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229 && !touch) {
        event.preventDefault();
        if (form.requestSubmit) form.requestSubmit(); else form.dispatchEvent(new Event("submit"));
      }
    });
  }

  // Name, memo and labels: one form; with JavaScript each change is saved
  // at once (the whole form, so nothing typed elsewhere is lost).
  function setupDetails(state) {
    var form = document.querySelector("[data-details-form]");
    if (!form) return;
    var status = form.querySelector("[data-details-status]");
    var timer = null;
    // After a save, what the form shows is what it saved: the next save
    // changes only what is changed after it (another member's edits stay).
    function remember(sent) {
      form.querySelectorAll("[data-was]").forEach(function (was) {
        was.value = sent.get(was.dataset.was) || "";
      });
      var labels = form.querySelector("[data-labels-was]");
      if (!labels) return;
      labels.textContent = "";
      sent.getAll("label").forEach(function (id) {
        var input = document.createElement("input");
        input.type = "hidden"; input.name = "label_was"; input.value = id;
        labels.appendChild(input);
      });
    }
    function save() {
      var body = new URLSearchParams(new FormData(form));
      request(form.action, { method: "POST", body: body, headers: { Accept: "application/json" } })
        .then(function (response) {
          if (response.ok) remember(body);
          return response.json().catch(function () { return {}; }).then(function (data) {
            status.textContent = response.ok ? form.dataset.saved : (data.error || "");
          });
        }).catch(function () {});
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); save(); });
    form.addEventListener("change", save);
    form.addEventListener("input", function () {
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, 1200);
    });
    state.detailsForm = form;
  }

  function setupViewer() {
    var dialog = document.querySelector("[data-viewer]");
    if (!dialog || !dialog.showModal) return;
    var image = dialog.querySelector("[data-viewer-image]");
    dialog.querySelector("[data-viewer-close]").addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
    return function (link) {
      var img = link.querySelector("img");
      image.src = link.href;
      image.alt = img ? img.alt : "";
      dialog.querySelector("[data-viewer-open]").href = link.href;
      dialog.showModal();
    };
  }

  // Prepares the room pane shown now (on load or after a swap).
  function setupRoom() {
    var pane = ws.querySelector("[data-room-pane][data-room]");
    if (!pane) { room = null; return; }
    var state = {
      pane: pane,
      id: pane.dataset.room,
      list: pane.querySelector("[data-messages]"),
      lastId: parseInt(pane.dataset.lastId, 10) || 0,
      live: pane.dataset.live === "1",
      form: pane.querySelector("[data-send-form]"),
      presenceSent: {}
    };
    room = state;
    if (state.form && window.fetch && window.FormData) setupComposer(state);
    setupDetails(state);
    var view = setupViewer();
    pane.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[data-viewer]");
      if (link && view && event.button === 0 && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        view(link);
      }
    });
    document.querySelectorAll("a[data-confirm]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        confirmDialog(link.dataset.confirm, link.href, link.dataset.confirmYes);
      });
    });
    // images carry their size, so the end is the end; once more after they load
    scrollToEnd(pane);
    pane.querySelectorAll("img").forEach(function (img) {
      if (!img.complete) img.addEventListener("load", function () { if (state.stick) scrollToEnd(pane); });
    });
    state.stick = true;
    var scroller = pane.querySelector("[data-scroll]");
    if (scroller) {
      scroller.addEventListener("scroll", function () {
        state.stick = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
      });
      // the window or the composer changing size keeps the newest in view
      if (window.ResizeObserver) new ResizeObserver(function () {
        if (state.stick) scrollToEnd(pane);
      }).observe(scroller);
    }
    if (!document.hidden) sendPresence(state, "viewing");
    markCurrent();
  }

  var shownPath = location.pathname; // the page shown, whatever its fragment

  // Shows the room at url in place (fetching its page, keeping the list and
  // the stream), pushing it to the history when push.
  function openRoom(url, push) {
    shownPath = new URL(url, location.href).pathname;
    if (room && room.text) saveDraft(room.id, room.text.value);
    return request(url, { headers: { Accept: "text/html" } }).then(function (response) {
      if (response.status !== 200) { if (response.status !== 401) location.href = url; return null; }
      return response.text();
    }).then(function (html) {
      if (!html) return;
      var doc = new DOMParser().parseFromString(html, "text/html");
      var parts = ["[data-room-pane]", "[data-details-pane]", "[data-confirm-dialog]", "[data-viewer]"];
      var old = ws.querySelector("[data-room-pane]");
      parts.forEach(function (selector) {
        var fresh = doc.querySelector(selector);
        var here = ws.querySelector(selector);
        if (fresh && here) here.replaceWith(document.importNode(fresh, true));
        else if (fresh && selector !== "[data-room-pane]") ws.appendChild(document.importNode(fresh, true));
      });
      if (!old) return;
      ws.classList.add("has-room");
      if (push) history.pushState({ room: true }, "", url);
      document.title = doc.title;
      baseTitle = doc.title.replace(/^\(\d+\) /, "");
      setupRoom();
      showTotal(parseInt(ws.dataset.total, 10) || 0);
      var text = ws.querySelector("textarea[name=text]");
      if (text && window.innerWidth >= 1024) text.focus();
      updateUnread();
      updateCounts();
    }).catch(function () { location.href = url; });
  }

  // ---- live updates ------------------------------------------------------------

  function refreshAll() {
    refreshList();
    updateCounts();
    updateUnread();
    return refreshRoom();
  }

  // The events stream: `open` (every connection and reconnection) and
  // `reload` fetch everything again; the first connection passes the page's
  // render time (?since=), so what happened in between comes as a reload.
  // Polling every 20 s stands in while the stream is down.
  function listen() {
    var since = ws.dataset.since || "";
    var source = null, poll = null, retry = null;
    var pending = null;
    function soon(fn) { // at most one refresh per 300 ms
      if (pending) return;
      pending = setTimeout(function () { pending = null; fn(); }, 300);
    }
    function startPolling() { if (!poll) poll = setInterval(refreshAll, 20000); }
    function stopPolling() { if (poll) { clearInterval(poll); poll = null; } }
    function connect() {
      if (source || signedOut) return;
      if (!window.EventSource) { startPolling(); return; }
      source = new EventSource(ws.dataset.events + (since ? "?since=" + encodeURIComponent(since) : ""));
      since = "";
      source.addEventListener("open", function () { stopPolling(); refreshAll(); });
      source.addEventListener("reload", function () { refreshAll(); });
      ["message", "room", "read"].forEach(function (kind) {
        source.addEventListener(kind, function (event) {
          var data = {};
          try { data = JSON.parse(event.data); } catch (e) { /* keep {} */ }
          soon(function () {
            var listed = refreshList();
            updateCounts(); updateUnread();
            if (room && String(data.r) === room.id) {
              refreshRoom();
              if (kind === "room") refreshRoomParts(room);
            }
            else if (kind === "message" && data.r) listed.then(function () { notifyRow(String(data.r)); });
          });
        });
      });
      source.addEventListener("unread", function () { updateUnread(); });
      ["viewing", "typing"].forEach(function (kind) {
        source.addEventListener(kind, function (event) {
          var data = {};
          try { data = JSON.parse(event.data); } catch (e) { return; }
          if (room && String(data.r) === room.id && String(data.p) !== me) showPresence(room, kind, data.p);
        });
      });
      source.addEventListener("error", function () {
        startPolling();
        if (source && source.readyState === EventSource.CLOSED) {
          // refused, or signed out (the counts then answer 401): try later
          source = null;
          updateUnread();
          if (!retry) retry = setTimeout(function () { retry = null; connect(); }, 15000);
        }
      });
    }
    connect();
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") {
        refreshAll();
        if (room) sendPresence(room, "viewing");
      }
    });
  }

  // ---- canned replies (FAQ-3) ------------------------------------------------
  // "/" and a few letters before the cursor list the matching replies under
  // the box; choosing one replaces "/letters" with its text, to be edited and
  // sent by the agent (never sent from here).
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
    // No match: a line that says so (Enter then sends nothing; Esc lets
    // the text go as it is), not an option to choose.
    function showNone() {
      list.textContent = "";
      items = [];
      var li = document.createElement("li");
      li.className = "reply-none";
      li.textContent = text.dataset.repliesNone || "";
      list.appendChild(li);
      list.hidden = false;
    }
    function show(replies) {
      if (!replies.length) { showNone(); return; }
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
      getJSON(text.dataset.repliesUrl + "?q=" + encodeURIComponent(match[2]))
        .then(function (replies) { if (ask === asked && token) show(replies || []); });
    });
    text.addEventListener("keydown", function (event) {
      // "/letters" is a search for a reply, never a message: Enter with no
      // reply to choose (none found, or not answered yet) sends nothing
      if (token && items.length === 0 && event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        showNone();
        event.preventDefault();
        event.stopImmediatePropagation();
        return;
      }
      if (token && items.length === 0 && event.key === "Escape") {
        close();
        event.preventDefault();
        return;
      }
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

  // The status tabs scroll sideways on a phone: the current one (나간 채팅방
  // is the last) is scrolled into the row's view.
  function showCurrentTab() {
    var tabs = document.querySelector(".status-tabs");
    var current = tabs && tabs.querySelector("[aria-current=page]");
    if (!current) return;
    var row = tabs.getBoundingClientRect(), tab = current.getBoundingClientRect();
    if (tab.right > row.right || tab.left < row.left) tabs.scrollLeft += tab.left - row.left - 12;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.addEventListener("pointerdown", unlockAudio);
    document.addEventListener("keydown", unlockAudio);
    ws = document.querySelector("[data-workspace]");
    if (!ws) return;
    me = ws.dataset.partner || "";
    ws.classList.add("js");
    // the panes fill the window below the header, whatever its height
    var fit = function () {
      ws.style.setProperty("--ws-top", Math.round(ws.getBoundingClientRect().top + window.scrollY) + "px");
    };
    fit();
    window.addEventListener("resize", fit);
    setupRoom();
    setupList();
    showCurrentTab();
    window.addEventListener("popstate", function () {
      // a fragment link (the phone's #room-details) is no new page: fetching
      // the room again would replace its panes under an open dialog
      if (location.pathname === shownPath) return;
      if (/\/chats\/\d+$/.test(location.pathname)) openRoom(location.href, false);
      else location.reload();
    });
    if (room && window.innerWidth >= 1024 && room.text && !location.hash) room.text.focus();
    updateUnread();
    listen();
  });
})();

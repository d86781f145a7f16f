{{%AUTOESCAPE context="HTML"}}<!doctype html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>{{PAGE_TITLE}} · [[talk.title]]</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/sangdam.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/talk.css">
<script src="/static/limits.js" defer></script>
<script src="/static/talk.js" defer></script>
</head>
<body class="talk-body">
<div class="talk-app" id="talk" data-code="{{CODE}}" data-csrf="{{CSRF}}" data-last-id="{{LAST_ID}}" data-since="{{SINCE}}"{{#LIVE}} data-live="1"{{/LIVE}}{{#HAS_ROOM}} data-room="1"{{/HAS_ROOM}}
  data-err-empty="[[talk.err.empty]]" data-err-too-large="[[talk.err.file_too_large]]" data-err-rate="[[talk.err.rate]]"
  data-err-network="[[talk.err.network]]" data-err-generic="[[talk.err.generic]]" data-sending="[[talk.sending]]"
  data-new-reply="[[talk.new_reply]]" data-unread-label="[[talk.unread]]">
<header class="talk-profile{{#HAS_BACKGROUND_IMAGE}} has-background{{/HAS_BACKGROUND_IMAGE}}">
  {{#HAS_BACKGROUND_IMAGE}}<img class="talk-background" src="/talk/{{CODE}}/images/background" alt="">{{/HAS_BACKGROUND_IMAGE}}
  <div class="talk-identity">
    {{#HAS_PROFILE_IMAGE}}<img class="talk-avatar" src="/talk/{{CODE}}/images/profile" alt="" width="48" height="48">{{/HAS_PROFILE_IMAGE}}
    {{#NO_PROFILE_IMAGE}}<span class="talk-avatar talk-initial" aria-hidden="true">{{INITIAL}}</span>{{/NO_PROFILE_IMAGE}}
    <div class="talk-names">
      <h1>{{ACCOUNT_NAME}}</h1>
      {{#HAS_INTRO}}<p class="talk-intro">{{ACCOUNT_INTRO}}</p>{{/HAS_INTRO}}
    </div>
    <div class="talk-actions">
      {{#FRIEND_ADD}}<form method="post" action="/talk/{{CODE}}/friend"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="talk-friend">[[talk.friend_add]]</button></form>{{/FRIEND_ADD}}
      {{#FRIEND_REMOVE}}<form method="post" action="/talk/{{CODE}}/unfriend" data-confirm="[[talk.confirm.unfriend.question]]"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="talk-friend is-friend" title="[[talk.friend_remove]]"><span aria-hidden="true">&#10003;</span> [[talk.is_friend]]<span class="visually-hidden"> · [[talk.friend_remove]]</span></button></form>{{/FRIEND_REMOVE}}
      <details class="talk-menu">
        <summary aria-label="[[talk.menu]]"><span aria-hidden="true">&#8942;</span></summary>
        <div class="talk-menu-items">
          {{#CAN_LEAVE}}<form method="post" action="/talk/{{CODE}}/leave" data-confirm="[[talk.leave_confirm]]"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="link">[[talk.leave]]</button></form>{{/CAN_LEAVE}}
          <form method="post" action="/settings/language"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="next" value="{{HERE}}">
            {{#LANG_KO}}<button type="submit" name="lang" value="en" class="link" lang="en">English</button>{{/LANG_KO}}
            {{#LANG_EN}}<button type="submit" name="lang" value="ko" class="link" lang="ko">한국어</button>{{/LANG_EN}}
          </form>
        </div>
      </details>
    </div>
  </div>
  {{>HOURS_LINE}}
</header>
{{#HAS_FAQ}}<details class="talk-faq" open>
  <summary>[[faq.talk.banner]]</summary>
  <ul class="talk-faq-list">{{#FAQ_ENTRIES}}<li><form method="post" action="/talk/{{CODE}}/faq/{{FAQ_ID}}" data-tap><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="talk-faq-q">{{FAQ_QUESTION}}</button></form></li>{{/FAQ_ENTRIES}}</ul>
</details>{{/HAS_FAQ}}
<main class="talk-log" id="talk-log">
  <div class="talk-scroll">
    {{#EMPTY}}<p class="talk-empty" id="talk-empty">[[talk.empty]]</p>{{/EMPTY}}
    <ol class="talk-messages" id="talk-messages" aria-label="[[talk.messages_label]]" aria-live="polite">
{{#GREETINGS}}<li class="msg msg-theirs msg-greeting"><div class="msg-row"><div class="msg-bubble"><p class="msg-text">{{BODY:pre_escape}}</p></div></div></li>
{{/GREETINGS}}{{>MESSAGE_LIST}}
    </ol>
  </div>
</main>
<footer class="talk-composer">
  {{#BLOCKED}}<p class="talk-notice blocked" role="alert">[[talk.blocked]]</p>{{/BLOCKED}}
  {{#CLOSED}}<p class="talk-notice" role="status">{{CLOSED_TEXT}}</p>{{/CLOSED}}
  {{#COMPOSER}}
  <form class="talk-form" id="talk-form" method="post" action="/talk/{{CODE}}/messages" enctype="multipart/form-data" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="client_id" value="{{CLIENT_ID}}">
    <input type="hidden" name="ref" value="{{REF}}">
    <input type="hidden" name="referrer" value="{{REFERRER}}">
    {{#FORM_ERROR}}<p class="error talk-form-error" role="alert">{{FORM_ERROR}}</p>{{/FORM_ERROR}}
    <p class="error talk-form-error" id="talk-error" role="alert" hidden></p>
    {{#ASK_NAME}}
    <div class="talk-name-row" id="talk-name-row">
      <label for="talk-name">[[talk.name]]</label>
      <input id="talk-name" name="name" type="text" data-maxlength="20" value="{{NAME}}" placeholder="{{NAME_PLACEHOLDER}}" autocomplete="nickname"{{#NAME_INVALID}} aria-invalid="true"{{/NAME_INVALID}}>
      {{#NAME_INVALID}}<p class="error">{{NAME_ERROR}}</p>{{/NAME_INVALID}}
    </div>
    {{/ASK_NAME}}
    <div class="talk-file-row">
      <input id="talk-file" name="file" type="file" accept="image/jpeg,image/png,image/gif,image/webp,.pdf,.txt,.csv,.xlsx,.docx,.hwp,.zip" aria-describedby="talk-file-hint"{{#FILE_INVALID}} aria-invalid="true"{{/FILE_INVALID}}>
      <p class="hint" id="talk-file-hint">[[talk.attach_hint]]</p>
      <p class="talk-file-chosen" id="talk-file-chosen" hidden><span id="talk-file-chosen-name"></span> <button type="button" class="link" id="talk-file-clear">[[talk.attach_remove]]</button></p>
      {{#FILE_INVALID}}<p class="error">{{FILE_ERROR}}</p>{{/FILE_INVALID}}
    </div>
    <div class="talk-input-row">
      <label class="talk-attach" for="talk-file" title="[[talk.attach]]"><span aria-hidden="true">+</span><span class="visually-hidden">[[talk.attach]]</span></label>
      <textarea id="talk-text" name="text" rows="1" data-maxlength="1000" placeholder="[[talk.placeholder]]" aria-label="[[talk.placeholder]]"{{#TEXT_INVALID}} aria-invalid="true" aria-describedby="talk-text-error"{{/TEXT_INVALID}}>{{TEXT:pre_escape}}</textarea>
      <button type="submit" class="talk-send" id="talk-send">[[talk.send]]</button>
    </div>
    {{#TEXT_INVALID}}<p class="error" id="talk-text-error">{{TEXT_ERROR}}</p>{{/TEXT_INVALID}}
  </form>
  {{/COMPOSER}}
  {{#REQUEST_FORM}}
  <form class="talk-request" method="post" action="/talk/{{CODE}}/request" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <h2>[[faq.talk.request_title]]</h2>
    {{#FORM_ERROR}}<p class="error talk-form-error" role="alert">{{FORM_ERROR}}</p>{{/FORM_ERROR}}
    {{#REQUEST_QUESTIONS}}<fieldset class="talk-request-q">
      <legend>{{PROMPT}}</legend>
      {{#CHOICES}}<label class="talk-choice"><input type="radio" name="{{FIELD}}" value="{{CHOICE}}" required> {{CHOICE}}</label>{{/CHOICES}}
      {{#FREE_ANSWER}}<input type="text" name="{{FIELD}}" data-maxlength="100" required aria-label="{{PROMPT}}">{{/FREE_ANSWER}}
    </fieldset>{{/REQUEST_QUESTIONS}}
    <button type="submit" class="talk-send">[[faq.talk.request_send]]</button>
  </form>
  {{/REQUEST_FORM}}
  {{#HAS_MENU}}<nav class="talk-chat-menu" aria-label="[[faq.talk.menu]]">{{#MENU_BUTTONS}}<form method="post" action="/talk/{{CODE}}/menu/{{BUTTON_ID}}" data-tap><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">{{BUTTON_LABEL}}</button></form>{{/MENU_BUTTONS}}</nav>{{/HAS_MENU}}
</footer>
</div>
</body>
</html>

{{%AUTOESCAPE context="HTML"}}<!doctype html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{PAGE_TITLE}} · [[app.name]]</title>
<link rel="stylesheet" href="/static/sangdam.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<script src="/static/sangdam.js" defer></script>
<script src="/static/limits.js" defer></script>
<script src="/static/confirm.js" defer data-yes="[[confirm.yes]]" data-no="[[confirm.cancel]]"></script>
</head>
<body>
<a class="skip-link" href="#main">[[nav.skip]]</a>
<header class="top">
  <a class="brand" href="/">[[app.name]]</a>
  {{#SIGNED_IN}}
  <a class="notices" href="/notifications" aria-label="[[nav.notifications]]{{#NOTICES_UNREAD}} {{NOTICES_UNREAD_COUNT}}{{/NOTICES_UNREAD}}">[[nav.notifications]]{{#NOTICES_UNREAD}} <span class="badge" data-notices>{{NOTICES_UNREAD_COUNT}}</span>{{/NOTICES_UNREAD}}</a>
  <details class="account-menu">
    <summary><span class="who">{{PARTNER_NAME}}</span>{{#UNREAD_ALL}} <span class="badge" data-unread-all title="[[nav.unread]]">{{UNREAD_ALL_COUNT}}</span>{{/UNREAD_ALL}}</summary>
    <nav>
      <a href="/accounts">[[nav.accounts]]</a>
      <a href="/settings">[[nav.settings]]</a>
      {{#OPERATOR}}<a href="/ops/">[[nav.ops]]</a>{{/OPERATOR}}
      <form method="post" action="/logout"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="link">[[nav.logout]]</button></form>
    </nav>
  </details>
  {{/SIGNED_IN}}
  {{#SIGNED_OUT}}
  <nav class="guest"><a href="/login">[[nav.login]]</a> <a href="/signup">[[nav.signup]]</a></nav>
  {{/SIGNED_OUT}}
</header>
{{#ACCOUNT}}
<nav class="account-bar" aria-label="[[menu.label]]">
  <div class="account-title"><a href="/a/{{ACCOUNT_CODE}}/">{{ACCOUNT_NAME}}</a> <span class="tag status-{{ACCOUNT_STATUS}}">{{ACCOUNT_STATUS_TEXT}}</span></div>
  <form method="post" action="/a/{{ACCOUNT_CODE}}/availability" class="availability inline">
    <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="next" value="{{HERE}}">
    {{#MEMBER_AVAILABLE}}<input type="hidden" name="available" value="0"><span class="tag available" data-availability="available">[[availability.available]]</span> <button type="submit" class="link">[[availability.set_away]]</button>{{/MEMBER_AVAILABLE}}
    {{#MEMBER_AWAY}}<input type="hidden" name="available" value="1"><span class="tag away" data-availability="away">[[availability.away]]</span> <button type="submit" class="link">[[availability.set_available]]</button>{{/MEMBER_AWAY}}
  </form>
  <details class="account-areas">
    <summary>[[menu.label]]</summary>
    <ul>
      <li><a href="/a/{{ACCOUNT_CODE}}/"{{#MENU_home}} aria-current="page"{{/MENU_home}}>[[menu.home]]</a></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/chats"{{#MENU_chats}} aria-current="page"{{/MENU_chats}}>[[menu.chats]]{{#UNREAD_TOTAL}} <span class="badge" data-unread>{{UNREAD}}</span>{{/UNREAD_TOTAL}}</a></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/labels"{{#MENU_labels}} aria-current="page"{{/MENU_labels}}>[[menu.labels]]</a></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/profile"{{#MENU_profile}} aria-current="page"{{/MENU_profile}}>[[menu.profile]]</a></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/exposure"{{#MENU_exposure}} aria-current="page"{{/MENU_exposure}}>[[menu.exposure]]</a></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/hours"{{#MENU_hours}} aria-current="page"{{/MENU_hours}}>[[menu.hours]]</a></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/faq"{{#MENU_faq}} aria-current="page"{{/MENU_faq}}>[[menu.faq]]</a></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/menu"{{#MENU_menu}} aria-current="page"{{/MENU_menu}}>[[menu.chat_menu]]</a></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/replies"{{#MENU_replies}} aria-current="page"{{/MENU_replies}}>[[menu.replies]]</a></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/request-form"{{#MENU_request}} aria-current="page"{{/MENU_request}}>[[menu.request_form]]</a></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/members"{{#MENU_members}} aria-current="page"{{/MENU_members}}>[[menu.members]]</a></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/coupons"{{#MENU_coupons}} aria-current="page"{{/MENU_coupons}}>[[menu.coupons]]</a></li>
      <li><span class="coming">[[menu.wallet]] <small>[[menu.coming]]</small></span></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/history"{{#MENU_history}} aria-current="page"{{/MENU_history}}>[[menu.history]]</a></li>
      <li><span class="coming">[[menu.stats]] <small>[[menu.coming]]</small></span></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/backups"{{#MENU_backups}} aria-current="page"{{/MENU_backups}}>[[menu.backup]]</a></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/manage"{{#MENU_manage}} aria-current="page"{{/MENU_manage}}>[[menu.manage]]</a></li>
</ul>
  </details>
  <div class="account-areas-wide">
  <ul class="areas">
      <li><a href="/a/{{ACCOUNT_CODE}}/"{{#MENU_home}} aria-current="page"{{/MENU_home}}>[[menu.home]]</a></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/chats"{{#MENU_chats}} aria-current="page"{{/MENU_chats}}>[[menu.chats]]{{#UNREAD_TOTAL}} <span class="badge" data-unread>{{UNREAD}}</span>{{/UNREAD_TOTAL}}</a></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/labels"{{#MENU_labels}} aria-current="page"{{/MENU_labels}}>[[menu.labels]]</a></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/profile"{{#MENU_profile}} aria-current="page"{{/MENU_profile}}>[[menu.profile]]</a></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/exposure"{{#MENU_exposure}} aria-current="page"{{/MENU_exposure}}>[[menu.exposure]]</a></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/hours"{{#MENU_hours}} aria-current="page"{{/MENU_hours}}>[[menu.hours]]</a></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/faq"{{#MENU_faq}} aria-current="page"{{/MENU_faq}}>[[menu.faq]]</a></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/menu"{{#MENU_menu}} aria-current="page"{{/MENU_menu}}>[[menu.chat_menu]]</a></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/replies"{{#MENU_replies}} aria-current="page"{{/MENU_replies}}>[[menu.replies]]</a></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/request-form"{{#MENU_request}} aria-current="page"{{/MENU_request}}>[[menu.request_form]]</a></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/members"{{#MENU_members}} aria-current="page"{{/MENU_members}}>[[menu.members]]</a></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/coupons"{{#MENU_coupons}} aria-current="page"{{/MENU_coupons}}>[[menu.coupons]]</a></li>
      <li><span class="coming">[[menu.wallet]] <small>[[menu.coming]]</small></span></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/history"{{#MENU_history}} aria-current="page"{{/MENU_history}}>[[menu.history]]</a></li>
      <li><span class="coming">[[menu.stats]] <small>[[menu.coming]]</small></span></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/backups"{{#MENU_backups}} aria-current="page"{{/MENU_backups}}>[[menu.backup]]</a></li>
      <li><a href="/a/{{ACCOUNT_CODE}}/manage"{{#MENU_manage}} aria-current="page"{{/MENU_manage}}>[[menu.manage]]</a></li>
</ul>
  </div>
</nav>
{{/ACCOUNT}}
<main id="main">
{{#FORM_SUMMARY}}<div class="form-summary" id="form-summary" role="alert" tabindex="-1" aria-labelledby="form-summary-title">
  <p id="form-summary-title">[[err.form_summary]]</p>
  <ul>{{#SUMMARY_ITEMS}}<li><a href="#{{SUMMARY_FIELD}}" data-field="{{SUMMARY_FIELD}}">{{SUMMARY_MESSAGE}}</a></li>{{/SUMMARY_ITEMS}}</ul>
</div>{{/FORM_SUMMARY}}

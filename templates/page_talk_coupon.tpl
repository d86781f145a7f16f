{{%AUTOESCAPE context="HTML"}}<!doctype html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>{{SHOWN_TITLE}} · {{ACCOUNT_NAME}}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/sangdam.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/talk.css">
<link rel="stylesheet" href="/static/coupon.css">
<script src="/static/coupon.js" defer></script>
</head>
<body class="talk-body">
<main class="coupon-entry" data-coupon="{{COUPON_ID}}">
  <p class="coupon-account"><a href="/talk/{{CODE}}">{{ACCOUNT_NAME}}</a></p>
  {{#HAS_IMAGE}}<img class="coupon-image" src="/talk/{{CODE}}/coupons/{{COUPON_ID}}/image" alt="">{{/HAS_IMAGE}}
  <h1>{{SHOWN_TITLE}}</h1>
  <p class="coupon-details">{{SHOWN_DETAILS}}</p>
  <dl class="coupon-info">
    <dt>[[talk.coupon.period]]</dt><dd>{{ENTRY_START}} ~ {{ENTRY_END}}</dd>
    <dt>[[talk.coupon.use_by]]</dt><dd data-use-by>{{USE_BY}}</dd>
  </dl>
  {{#WON}}<section class="coupon-result" data-result="won">
    <h2>[[talk.coupon.won]]</h2>
    <p>[[talk.coupon.code]] <strong class="coupon-code" data-code>{{CODE_TEXT}}</strong></p>
    {{#HAS_BARCODE}}<div class="coupon-barcode" data-barcode>{{BARCODE:none}}</div>{{/HAS_BARCODE}}
    {{#ONLINE}}<p><a class="button primary" href="{{REDEEM_URL}}" rel="noopener noreferrer" target="_blank">[[talk.coupon.redeem]]</a></p>{{/ONLINE}}
    {{#NOT_USED}}<form method="post" action="/talk/{{CODE}}/coupons/{{COUPON_ID}}/used" data-confirm="[[talk.coupon.staff_confirm]]">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <button type="submit" class="primary">[[talk.coupon.staff]]</button>
      <p class="hint">[[talk.coupon.staff_hint]]</p>
    </form>{{/NOT_USED}}
    {{#USED}}<p class="tag" data-used>[[talk.coupon.used]] {{USED_AT}}</p>{{/USED}}
  </section>{{/WON}}
  {{#LOST}}<p class="coupon-result" data-result="lost">[[talk.coupon.lost]]</p>{{/LOST}}
  {{#RAN_OUT}}<p class="coupon-result" data-result="ran_out">[[talk.coupon.ran_out]]</p>{{/RAN_OUT}}
  {{#STOPPED}}<p class="coupon-result" data-result="stopped">[[talk.coupon.stopped]]</p>{{/STOPPED}}
  {{#SCHEDULED}}<p class="coupon-result" data-result="scheduled">[[talk.coupon.scheduled]]</p>{{/SCHEDULED}}
  {{#ENDED}}<p class="coupon-result" data-result="ended">[[talk.coupon.ended]]</p>{{/ENDED}}
  {{#ADD_FRIEND}}<form method="post" action="/talk/{{CODE}}/friend" data-add-friend>
    <p>[[talk.coupon.add_friend]]</p>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="coupon" value="{{COUPON_ID}}">
    <button type="submit" class="primary">[[talk.coupon.friend_add]]</button>
  </form>{{/ADD_FRIEND}}
  {{#CAN_ENTER}}<form method="post" action="/talk/{{CODE}}/coupons/{{COUPON_ID}}/entries" data-enter novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="coupon-phone">[[talk.coupon.phone]]</label>
    <input id="coupon-phone" name="phone" type="tel" autocomplete="tel" value="{{PHONE}}" required{{#PHONE_INVALID}} aria-invalid="true"{{/PHONE_INVALID}}>
    <p class="hint">[[talk.coupon.phone_hint]]</p>
    {{#PHONE_INVALID}}<p class="error">{{PHONE_ERROR}}</p>{{/PHONE_INVALID}}
    <button type="submit" class="primary">[[talk.coupon.enter]]</button>
  </form>{{/CAN_ENTER}}
  {{#SHARE_ON}}<form method="post" action="/talk/{{CODE}}/coupons/{{COUPON_ID}}/share">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button type="submit">[[talk.coupon.share]]</button>
  </form>{{/SHARE_ON}}
  {{#SHARED}}<p data-shared>[[talk.coupon.shared]] <input type="text" readonly value="{{SHARE_URL}}" aria-label="[[talk.coupon.share]]"></p>{{/SHARED}}
  <p class="back-link"><a href="/talk/{{CODE}}">[[talk.coupon.back]]</a></p>
</main>
</body>
</html>

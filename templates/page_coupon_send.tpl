{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<link rel="stylesheet" href="/static/coupon.css">
<section class="panel coupon-page">
  <h1>[[coupon.send.title]]</h1>
  <p class="lead">[[coupon.send.lead]]</p>
  {{#NOT_FRIEND}}<p class="notice warn">[[coupon.send.not_friend]]</p>{{/NOT_FRIEND}}
  {{#NO_COUPONS}}<p class="hint">[[coupon.send.empty]]</p>{{/NO_COUPONS}}
  <ul class="faq-list">
  {{#COUPONS}}<li class="faq-entry">
    <form method="post" action="/a/{{ACCOUNT_CODE}}/chats/{{ROOM_ID}}/coupons/{{COUPON_ID}}{{LIST_PARAM}}" class="inline">
      <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="form_key" value="{{FORM_KEY}}">
      <strong>{{SHOWN_TITLE}}</strong> <span class="hint">{{SHOWN_ENTRY_START}} ~ {{SHOWN_ENTRY_END}} · {{REMAINING}} / {{ISSUED}}</span>
      <button type="submit" class="primary">{{#FRIEND}}[[coupon.send.button]]{{/FRIEND}}{{#NOT_FRIEND}}[[coupon.send.friend_request]]{{/NOT_FRIEND}}</button>
    </form>
  </li>{{/COUPONS}}
  </ul>
  <p><a class="button" href="{{BACK}}">[[coupon.send.back]]</a></p>
</section>
{{>FOOT}}

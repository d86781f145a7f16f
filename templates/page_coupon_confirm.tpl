{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<link rel="stylesheet" href="/static/coupon.css">
<section class="panel coupon-page">
  <h1>[[coupon.stop_confirm.title]]</h1>
  <p><strong>{{SHOWN_TITLE}}</strong></p>
  <p>[[coupon.stop_confirm.question]]</p>
  <form method="post" action="/a/{{ACCOUNT_CODE}}/coupons/{{COUPON_ID}}/stop">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button type="submit" class="danger">[[coupon.stop]]</button>
    <a class="button" href="/a/{{ACCOUNT_CODE}}/coupons/{{COUPON_ID}}">[[coupon.stop_confirm.no]]</a>
  </form>
</section>
{{>FOOT}}

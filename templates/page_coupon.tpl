{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<link rel="stylesheet" href="/static/coupon.css">
<script src="/static/coupon.js" defer></script>
<section class="panel coupon-page">
  <h1>{{#HAS_IMAGE}}<img class="coupon-thumb" src="/a/{{ACCOUNT_CODE}}/coupons/{{COUPON_ID}}/image" alt="" width="48" height="48">{{/HAS_IMAGE}}{{SHOWN_TITLE}} <span class="tag coupon-{{STATUS_WORD}}" data-status="{{STATUS_WORD}}">{{STATUS_TEXT}}</span></h1>
  {{#DONE_created}}<p class="notice" role="status">[[coupon.done.created]]</p>{{/DONE_created}}
  {{#DONE_saved}}<p class="notice" role="status">[[coupon.done.saved]]</p>{{/DONE_saved}}
  {{#DONE_stopped}}<p class="notice" role="status">[[coupon.done.stopped]]</p>{{/DONE_stopped}}
  {{#CODES_loading}}<div class="notice" data-coupon-progress="/a/{{ACCOUNT_CODE}}/coupons/{{COUPON_ID}}/progress" data-codes-state="loading">
    <p>[[coupon.codes.loading]]</p>
    <label for="codes-progress">[[coupon.codes.progress]]</label>
    <progress id="codes-progress" {{#GENERATED}}max="{{CODES_WANTED}}" {{/GENERATED}}value="{{CODES_DONE}}">{{CODES_DONE}}</progress> <span data-codes-done>{{CODES_DONE}}</span>{{#GENERATED}} / {{CODES_WANTED}}{{/GENERATED}}
    <a href="/a/{{ACCOUNT_CODE}}/coupons/{{COUPON_ID}}">[[coupon.codes.refresh]]</a>
  </div>{{/CODES_loading}}
  {{#CODES_failed}}<div class="notice warn" data-codes-state="failed">
    <p><strong>[[coupon.codes.failed]]</strong> {{CODES_ERROR}}</p>
    <p>[[coupon.codes.counts]]</p>
    <ul class="coupon-problems">{{#PROBLEMS}}<li data-line="{{LINE}}">[[coupon.problem.line]] {{LINE}}: {{KIND}}{{#DUPLICATE}} ([[coupon.problem.first_line]] {{FIRST_LINE}}){{/DUPLICATE}}</li>{{/PROBLEMS}}</ul>
  </div>{{/CODES_failed}}
  {{#CODES_ready}}<span data-codes-state="ready"></span>{{/CODES_ready}}
  <dl class="coupon-info">
    <dt>[[coupon.info.period]]</dt><dd>{{SHOWN_ENTRY_START}} ~ {{SHOWN_ENTRY_END}}</dd>
    <dt>[[coupon.info.use_by]]</dt><dd>{{SHOWN_USE_BY}}</dd>
    <dt>[[coupon.info.place]]</dt><dd>{{PLACE_TEXT}} {{SHOWN_REDEEM_URL}}</dd>
    <dt>[[coupon.info.probability]]</dt><dd>{{SHOWN_PROBABILITY}}%</dd>
    <dt>[[coupon.info.codes]]</dt><dd data-remaining>{{REMAINING}} / {{ISSUED}}</dd>
    <dt>[[coupon.info.link]]</dt><dd class="coupon-entry-url"><a href="{{ENTRY_URL}}">{{ENTRY_URL}}</a></dd>
  </dl>
  <p class="coupon-details">{{SHOWN_DETAILS}}</p>
  <p><a class="button" href="/a/{{ACCOUNT_CODE}}/coupons/{{COUPON_ID}}/edit">[[coupon.edit]]</a></p>
  {{#CAN_STOP}}<p class="delete-form"><a class="button danger" href="/a/{{ACCOUNT_CODE}}/coupons/{{COUPON_ID}}/stop" data-confirm-post="[[coupon.stop_confirm.question]]" data-confirm-target="{{SHOWN_TITLE}}" data-csrf="{{CSRF}}">[[coupon.stop]]</a> <span class="hint">[[coupon.stop_hint]]</span></p>{{/CAN_STOP}}
</section>
<section class="panel coupon-page">
  <h2>[[coupon.stats]]</h2>
  {{#NO_DAYS}}<p class="hint">[[coupon.stats.empty]]</p>{{/NO_DAYS}}
  {{#HAS_DAYS}}
  <figure class="coupon-chart-wrap">{{CHART:none}}
    <figcaption><span class="chart-key chart-views">[[coupon.stats.views]]</span> <span class="chart-key chart-entries">[[coupon.stats.entries]]</span> <span class="chart-key chart-wins">[[coupon.stats.wins]]</span> <span class="chart-key chart-shares">[[coupon.stats.shares]]</span></figcaption>
  </figure>
  <div class="table-wrap"><table class="coupon-days">
    <thead><tr><th>[[coupon.stats.day]]</th><th>[[coupon.stats.views]]</th><th>[[coupon.stats.entries]]</th><th>[[coupon.stats.wins]]</th><th>[[coupon.stats.shares]]</th></tr></thead>
    <tbody>{{#DAYS}}<tr><td>{{DAY}}</td><td>{{VIEWS}}</td><td>{{ENTRIES}}</td><td>{{WINS}}</td><td>{{SHARES}}</td></tr>{{/DAYS}}</tbody>
  </table></div>
  {{/HAS_DAYS}}
</section>
<section class="panel coupon-page">
  <h2>[[coupon.lookup]]</h2>
  <form method="get" action="/a/{{ACCOUNT_CODE}}/coupons/{{COUPON_ID}}" class="inline">
    <label for="lookup-phone">[[coupon.lookup.phone]]</label>
    <input id="lookup-phone" name="phone" type="tel" value="{{PHONE}}"{{#PHONE_INVALID}} aria-invalid="true"{{/PHONE_INVALID}}>
    <button type="submit">[[coupon.lookup.search]]</button>
    {{#PHONE_INVALID}}<p class="error">{{PHONE_ERROR}}</p>{{/PHONE_INVALID}}
  </form>
  {{#LOOKUP_NONE}}<p class="hint" data-lookup="none">[[coupon.lookup.none]]</p>{{/LOOKUP_NONE}}
  {{#LOOKUP_FOUND}}<div class="table-wrap"><table class="coupon-lookup">
    <thead><tr><th>[[coupon.lookup.time]]</th><th>[[coupon.lookup.result]]</th><th>[[coupon.lookup.code]]</th><th>[[coupon.lookup.used]]</th></tr></thead>
    <tbody>{{#LOOKUP}}<tr><td>{{ENTRY_TIME}}</td><td>{{RESULT}}</td><td data-code>{{ENTRY_CODE}}</td><td>{{USED}}</td></tr>{{/LOOKUP}}</tbody>
  </table></div>{{/LOOKUP_FOUND}}
</section>
{{#CODES_ready}}<section class="panel coupon-page">
  <h2>[[coupon.download]]</h2>
  <p><a class="button" href="/a/{{ACCOUNT_CODE}}/coupons/{{COUPON_ID}}/codes.txt" download>[[coupon.download.all]]</a>
  {{#CAN_REMAINING}}<a class="button" href="/a/{{ACCOUNT_CODE}}/coupons/{{COUPON_ID}}/remaining.txt" download>[[coupon.download.remaining]]</a>{{/CAN_REMAINING}}</p>
</section>{{/CODES_ready}}
{{>FOOT}}

{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<link rel="stylesheet" href="/static/coupon.css">
<section class="panel coupon-page">
  <h1>[[coupon.list.title]]</h1>
  <p class="lead">[[coupon.lead]]</p>
  {{#DONE_created}}<p class="notice" role="status">[[coupon.done.created]]</p>{{/DONE_created}}
  <p><span class="tag">[[coupon.active]]</span></p>
  {{#AT_LIMIT}}<p class="notice warn">[[coupon.err.full]]</p>{{/AT_LIMIT}}
  <p><a class="button primary" href="/a/{{ACCOUNT_CODE}}/coupons/new">[[coupon.new]]</a></p>
  <form method="get" action="/a/{{ACCOUNT_CODE}}/coupons" class="coupon-filter">
    <div><label for="cf-status">[[coupon.filter.status]]</label>
    <select id="cf-status" name="status">
      <option value="">[[coupon.filter.all]]</option>
      <option value="scheduled"{{#STATUS_IS_SCHEDULED}} selected{{/STATUS_IS_SCHEDULED}}>[[coupon.status.scheduled]]</option>
      <option value="running"{{#STATUS_IS_RUNNING}} selected{{/STATUS_IS_RUNNING}}>[[coupon.status.running]]</option>
      <option value="ended"{{#STATUS_IS_ENDED}} selected{{/STATUS_IS_ENDED}}>[[coupon.status.ended]]</option>
      <option value="stopped"{{#STATUS_IS_STOPPED}} selected{{/STATUS_IS_STOPPED}}>[[coupon.status.stopped]]</option>
    </select></div>
    <div><label for="cf-from">[[coupon.filter.from]]</label>
    <input id="cf-from" name="from" type="date" value="{{FROM}}"{{#FROM_INVALID}} aria-invalid="true" aria-describedby="cf-from-error"{{/FROM_INVALID}}>
    {{#FROM_INVALID}}<p class="error" id="cf-from-error" role="alert">{{FROM_ERROR}}</p>{{/FROM_INVALID}}</div>
    <div><label for="cf-to">[[coupon.filter.to]]</label>
    <input id="cf-to" name="to" type="date" value="{{TO}}"{{#TO_INVALID}} aria-invalid="true" aria-describedby="cf-to-error"{{/TO_INVALID}}>
    {{#TO_INVALID}}<p class="error" id="cf-to-error" role="alert">{{TO_ERROR}}</p>{{/TO_INVALID}}</div>
    <div><label for="cf-q">[[coupon.filter.q]]</label>
    <input id="cf-q" name="q" type="search" data-maxlength="30" value="{{Q}}"{{#Q_INVALID}} aria-invalid="true" aria-describedby="cf-q-error"{{/Q_INVALID}}>
    {{#Q_INVALID}}<p class="error" id="cf-q-error" role="alert">{{Q_ERROR}}</p>{{/Q_INVALID}}</div>
    <div><button type="submit">[[coupon.filter.search]]</button></div>
  </form>
</section>
<section class="panel coupon-page">
  {{#NO_COUPONS}}<p class="hint">[[coupon.empty]]</p>{{/NO_COUPONS}}
  {{#HAS_COUPONS}}
  <div class="table-wrap"><table class="coupon-list">
    <thead><tr><th>[[coupon.col.created]]</th><th>[[coupon.col.title]]</th><th>[[coupon.col.remaining]]</th><th>[[coupon.col.entry_start]]</th><th>[[coupon.col.use_by]]</th><th>[[coupon.col.status]]</th></tr></thead>
    <tbody>
    {{#COUPONS}}<tr data-coupon="{{COUPON_ID}}">
      <td data-label="[[coupon.col.created]]">{{CREATED}}</td>
      <td class="coupon-title-cell"><a class="coupon-title" href="/a/{{ACCOUNT_CODE}}/coupons/{{COUPON_ID}}">{{#HAS_IMAGE}}<img class="coupon-thumb" src="/a/{{ACCOUNT_CODE}}/coupons/{{COUPON_ID}}/image" alt="" width="40" height="40">{{/HAS_IMAGE}}{{SHOWN_TITLE}}</a></td>
      <td data-label="[[coupon.col.remaining]]" data-remaining>{{REMAINING}} / {{ISSUED}}</td>
      <td data-label="[[coupon.col.entry_start]]">{{SHOWN_ENTRY_START}}</td>
      <td data-label="[[coupon.col.use_by]]">{{SHOWN_USE_BY}}</td>
      <td data-label="[[coupon.col.status]]"><span class="tag coupon-{{STATUS_WORD}}" data-status="{{STATUS_WORD}}">{{STATUS_TEXT}}</span></td>
    </tr>{{/COUPONS}}
    </tbody>
  </table></div>
  {{/HAS_COUPONS}}
  {{#PAGER}}<p class="pager">{{#PAGED}}<a class="button" href="/a/{{ACCOUNT_CODE}}/coupons">[[coupon.page.first]]</a> {{/PAGED}}{{#MORE}}<a class="button" rel="next" href="/a/{{ACCOUNT_CODE}}/coupons?{{NEXT_QUERY}}">[[coupon.page.next]]</a>{{/MORE}}</p>{{/PAGER}}
</section>
{{>FOOT}}

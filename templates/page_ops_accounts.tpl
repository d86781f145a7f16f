{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel">
  <h1>[[ops_accounts.title]]</h1>
  {{#NO_PENDING}}<p class="lead">[[ops_accounts.none]]</p>{{/NO_PENDING}}
  <ul class="cards">
  {{#PENDING}}
    <li class="card" id="review-{{CODE}}">
      <p class="card-title"><bdi>{{NAME}}</bdi> <span class="tag">{{KIND_TEXT}}</span></p>
      <dl class="facts">
        <dt>[[ops_accounts.code]]</dt><dd>{{CODE}}</dd>
        <dt>[[ops_accounts.master]]</dt><dd>{{MASTER_EMAIL}}</dd>
        <dt>[[field.category1]]</dt><dd>{{CATEGORY}}</dd>
        <dt>[[field.brn]]</dt><dd>{{BRN}}</dd>
        <dt>[[field.company]]</dt><dd>{{COMPANY}}</dd>
        <dt>[[field.representative]]</dt><dd>{{REPRESENTATIVE}}</dd>
        <dt>[[common.when]]</dt><dd>{{CREATED}}</dd>
      </dl>
      <form method="post" action="/ops/accounts/{{CODE}}/approve" class="inline">
        <input type="hidden" name="csrf" value="{{CSRF}}">
        <button type="submit">[[ops_accounts.approve]]</button>
      </form>
      <form method="post" action="/ops/accounts/{{CODE}}/reject">
        <input type="hidden" name="csrf" value="{{CSRF}}">
        <label for="reason-{{CODE}}">[[ops_accounts.reason]]</label>
        <textarea id="reason-{{CODE}}" name="reason" data-maxlength="500" rows="2"{{#REASON_INVALID}} aria-invalid="true"{{/REASON_INVALID}}>{{REASON:pre_escape}}</textarea>
        {{#REASON_INVALID}}<p class="error">{{REASON_ERROR}}</p>{{/REASON_INVALID}}
        <button type="submit" class="danger">[[ops_accounts.reject]]</button>
      </form>
    </li>
  {{/PENDING}}
  </ul>
</section>
{{>FOOT}}

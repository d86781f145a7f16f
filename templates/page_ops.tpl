{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel">
  <h1>[[ops.title]]</h1>
  <h2>[[ops.waiting]] <span class="count">{{WAITING}}</span></h2>
  {{#NO_WAITING}}<p class="lead">[[ops_accounts.none]]</p>{{/NO_WAITING}}
  {{#HAS_WAITING}}<ul class="cards">{{#WAITING_ROWS}}<li class="card"><a class="card-title" href="/ops/accounts#review-{{CODE}}"><bdi>{{NAME}}</bdi></a> <span class="tag">{{KIND_TEXT}}</span> <span class="hint">{{CREATED}}</span></li>{{/WAITING_ROWS}}</ul>
  <p><a class="button primary-inline" href="/ops/accounts">[[ops.review_now]]</a></p>{{/HAS_WAITING}}
  <h2>[[ops.server]]</h2>
  <dl class="facts">
    <dt>[[ops.partners]]</dt><dd>{{PARTNERS}}</dd>
    <dt>[[ops.sessions]]</dt><dd>{{SESSIONS}}</dd>
    <dt>[[ops.database_size]]</dt><dd>{{DATABASE_SIZE}}</dd>
  </dl>
  <p><a class="button" href="/ops/accounts">[[ops_accounts.title]]</a></p>
  <p><a class="button" href="/ops/backups">[[backups.ops_title]]</a></p>
</section>
{{>FOOT}}

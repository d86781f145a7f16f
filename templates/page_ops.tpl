{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel">
  <h1>[[ops.title]]</h1>
  <dl class="facts">
    <dt>[[ops.partners]]</dt><dd>{{PARTNERS}}</dd>
    <dt>[[ops.sessions]]</dt><dd>{{SESSIONS}}</dd>
    <dt>[[ops.database_size]]</dt><dd>{{DATABASE_SIZE}}</dd>
  </dl>
  <p><a class="button" href="/ops/accounts">[[ops_accounts.title]]</a></p>
  <p><a class="button" href="/ops/backups">[[backups.ops_title]]</a></p>
</section>
{{>FOOT}}

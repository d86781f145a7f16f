{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<link rel="stylesheet" href="/static/inbox.css">
<section class="panel narrow">
  <p class="back-link"><a href="/a/{{ACCOUNT_CODE}}/chats">[[inbox.back_to_list]]</a></p>
  <h1>[[inbox.settings.title]]</h1>
  {{#DONE_saved}}<p class="notice" role="status">[[common.saved]]</p>{{/DONE_saved}}
  <form method="post" action="/a/{{ACCOUNT_CODE}}/chats/settings" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="session_timeout_minutes">[[inbox.settings.timeout]]</label>
    <input id="session_timeout_minutes" name="session_timeout_minutes" type="number" min="5" max="43200" step="1" inputmode="numeric" value="{{SESSION_TIMEOUT_MINUTES}}"{{#SESSION_TIMEOUT_MINUTES_INVALID}} aria-invalid="true"{{/SESSION_TIMEOUT_MINUTES_INVALID}}>
    <p class="hint">[[inbox.settings.timeout_hint]]</p>
    {{#SESSION_TIMEOUT_MINUTES_INVALID}}<p class="error">{{SESSION_TIMEOUT_MINUTES_ERROR}}</p>{{/SESSION_TIMEOUT_MINUTES_INVALID}}
    <label for="retention_years">[[backups.retention]]</label>
    <input id="retention_years" name="retention_years" type="number" min="1" max="10" step="1" inputmode="numeric" value="{{RETENTION_YEARS}}"{{#RETENTION_YEARS_INVALID}} aria-invalid="true"{{/RETENTION_YEARS_INVALID}}>
    <p class="hint">[[backups.retention_hint]] <a href="/a/{{ACCOUNT_CODE}}/backups">[[backups.title]]</a></p>
    {{#RETENTION_YEARS_INVALID}}<p class="error">{{RETENTION_YEARS_ERROR}}</p>{{/RETENTION_YEARS_INVALID}}
    <label class="check"><input type="checkbox" name="reply_assigns" value="1"{{#REPLY_ASSIGNS_CHECKED}} checked{{/REPLY_ASSIGNS_CHECKED}}> [[inbox.settings.reply_assigns]]</label>
    <p class="hint">[[inbox.settings.reply_assigns_hint]]</p>
    <button type="submit" class="primary">[[common.save]]</button>
  </form>
  <h2>[[assign.title]]</h2>
  <form method="post" action="/a/{{ACCOUNT_CODE}}/chats/settings/assign" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <p class="hint">[[assign.hint]]</p>
    <label class="check"><input type="checkbox" name="auto_assign" value="1"{{#AUTO_ASSIGN_CHECKED}} checked{{/AUTO_ASSIGN_CHECKED}}> [[assign.on]]</label>
    <label for="assign_limit">[[assign.limit]]</label>
    <input id="assign_limit" name="assign_limit" type="number" min="1" max="1000" step="1" inputmode="numeric" value="{{ASSIGN_LIMIT}}"{{#ASSIGN_LIMIT_INVALID}} aria-invalid="true"{{/ASSIGN_LIMIT_INVALID}}>
    {{#ASSIGN_LIMIT_INVALID}}<p class="error">{{ASSIGN_LIMIT_ERROR}}</p>{{/ASSIGN_LIMIT_INVALID}}
    <button type="submit" class="primary">[[common.save]]</button>
  </form>
</section>
{{>FOOT}}

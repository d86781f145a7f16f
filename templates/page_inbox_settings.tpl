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
    <label class="check"><input type="checkbox" name="reply_assigns" value="1"{{#REPLY_ASSIGNS_CHECKED}} checked{{/REPLY_ASSIGNS_CHECKED}}> [[inbox.settings.reply_assigns]]</label>
    <p class="hint">[[inbox.settings.reply_assigns_hint]]</p>
    <button type="submit" class="primary">[[common.save]]</button>
  </form>
</section>
{{>FOOT}}

{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<link rel="stylesheet" href="/static/inbox.css">
<section class="panel narrow">
  <h1>[[inbox.bulk.title]]</h1>
  <p class="error" role="alert">{{MESSAGE}}</p>
  {{#CONFIRM_LEAVE}}
  <form method="post" action="/a/{{ACCOUNT_CODE}}/chats/bulk">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="action" value="leave">
    <input type="hidden" name="confirm" value="1">
    <input type="hidden" name="back" value="{{BACK}}">
    {{#ROOMS}}<input type="hidden" name="room" value="{{ID}}">{{/ROOMS}}
    <button type="submit" class="danger">[[inbox.bulk.leave_confirm]]</button>
  </form>
  {{/CONFIRM_LEAVE}}
  <p><a href="{{BACK}}">[[inbox.bulk.go_back]]</a></p>
</section>
{{>FOOT}}

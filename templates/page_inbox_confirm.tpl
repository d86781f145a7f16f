{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<link rel="stylesheet" href="/static/inbox.css">
<section class="panel narrow confirm-page">
  <h1>[[inbox.confirm.title]]</h1>
  <p>{{QUESTION}}</p>
  <p class="confirm-target"><strong>{{COUNT_TEXT}}</strong></p>
  <form method="post" action="{{FORM_ACTION}}" class="confirm-form">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="action" value="{{ACTION}}">
    <input type="hidden" name="confirm" value="1">
    <input type="hidden" name="ask" value="1">
    <input type="hidden" name="back" value="{{BACK}}">
    {{#ROOMS}}<input type="hidden" name="room" value="{{ID}}">{{/ROOMS}}
    <button type="submit" class="danger">[[inbox.confirm.yes]]</button>
    <a class="button" href="{{BACK}}">[[inbox.confirm.cancel]]</a>
  </form>
</section>
{{>FOOT}}

{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel narrow">
  <h1>[[login.title]]</h1>
  {{#DONE_reset}}<p class="notice">[[login.done_reset]]</p>{{/DONE_reset}}
  {{#DONE_unlocked}}<p class="notice">[[login.done_unlocked]]</p>{{/DONE_unlocked}}
  {{#FORM_ERROR}}<p class="error" role="alert">{{FORM_ERROR}}</p>{{/FORM_ERROR}}
  <form method="post" action="/login">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="next" value="{{NEXT}}">
    <label for="email">[[field.email]]</label>
    <input id="email" name="email" type="email" autocomplete="username" value="{{EMAIL}}" required data-maxlength="254">
    <label for="password">[[field.password]]</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required data-maxlength="128">
    <button type="submit" class="primary">[[login.submit]]</button>
  </form>
  <p class="aside"><a href="/password/forgot">[[login.forgot]]</a> · <a href="/signup{{NEXT_QUERY}}">[[nav.signup]]</a></p>
</section>
{{>FOOT}}

{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel narrow">
  <h1>[[reset.title]]</h1>
  {{#TOKEN_INVALID}}<p class="error">{{TOKEN_ERROR}} <a href="/password/forgot">[[forgot.title]]</a></p>{{/TOKEN_INVALID}}
  <form method="post" action="/password/reset">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="token" value="{{TOKEN}}">
    <label for="password">[[password.new]]</label>
    <input id="password" name="password" type="password" autocomplete="new-password" required minlength="10" data-maxlength="128"{{#PASSWORD_INVALID}} aria-invalid="true"{{/PASSWORD_INVALID}}>
    <p class="hint">[[field.password.hint]]</p>
    {{#PASSWORD_INVALID}}<p class="error">{{PASSWORD_ERROR}}</p>{{/PASSWORD_INVALID}}
    <button type="submit" class="primary">[[common.save]]</button>
  </form>
</section>
{{>FOOT}}

{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel narrow">
  <h1>[[password.title]]</h1>
  <p class="lead">[[password.lead]]</p>
  <form method="post" action="/settings/password">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="current_password">[[password.current]]</label>
    <input id="current_password" name="current_password" type="password" autocomplete="current-password" required{{#CURRENT_PASSWORD_INVALID}} aria-invalid="true"{{/CURRENT_PASSWORD_INVALID}}>
    {{#CURRENT_PASSWORD_INVALID}}<p class="error">{{CURRENT_PASSWORD_ERROR}}</p>{{/CURRENT_PASSWORD_INVALID}}
    <label for="new_password">[[password.new]]</label>
    <input id="new_password" name="new_password" type="password" autocomplete="new-password" required minlength="10" data-maxlength="128"{{#NEW_PASSWORD_INVALID}} aria-invalid="true"{{/NEW_PASSWORD_INVALID}}>
    <p class="hint">[[field.password.hint]]</p>
    {{#NEW_PASSWORD_INVALID}}<p class="error">{{NEW_PASSWORD_ERROR}}</p>{{/NEW_PASSWORD_INVALID}}
    <button type="submit" class="primary">[[common.save]]</button>
  </form>
</section>
{{>FOOT}}

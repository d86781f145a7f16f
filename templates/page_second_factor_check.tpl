{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel narrow second-factor">
  <h1>[[totp.check_title]]</h1>
  <p class="lead">[[totp.check_lead]]</p>
  <form method="post" action="/second-factor" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="next" value="{{NEXT}}">
    <label for="code">[[totp.code_or_recovery]]</label>
    <input id="code" name="code" type="text" autocomplete="one-time-code" data-maxlength="40" required autofocus{{#CODE_INVALID}} aria-invalid="true" aria-describedby="code-error"{{/CODE_INVALID}}>
    {{#CODE_INVALID}}<p class="error" id="code-error">{{CODE_ERROR}}</p>{{/CODE_INVALID}}
    <button type="submit" class="primary">[[totp.check_submit]]</button>
  </form>
</section>
{{>FOOT}}

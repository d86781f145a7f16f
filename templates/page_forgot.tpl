{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel narrow">
  <h1>[[forgot.title]]</h1>
  {{#DONE_sent}}<p class="notice">[[forgot.done_sent]]</p>{{/DONE_sent}}
  <p class="lead">[[forgot.lead]]</p>
  <form method="post" action="/password/forgot">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="email">[[field.email]]</label>
    <input id="email" name="email" type="email" autocomplete="email" value="{{EMAIL}}" required{{#EMAIL_INVALID}} aria-invalid="true"{{/EMAIL_INVALID}}>
    {{#EMAIL_INVALID}}<p class="error">{{EMAIL_ERROR}}</p>{{/EMAIL_INVALID}}
    <button type="submit" class="primary">[[forgot.submit]]</button>
  </form>
</section>
{{>FOOT}}

{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel narrow">
  <h1>[[unlock.title]]</h1>
  {{#FORM_ERROR}}<p class="error" role="alert">{{FORM_ERROR}}</p>
  <p class="aside"><a href="/login">[[nav.login]]</a> · <a href="/password/forgot">[[login.forgot]]</a></p>{{/FORM_ERROR}}
  {{#CONFIRM}}<p class="lead">[[unlock.lead]]</p>
  <form method="post" action="{{ACTION}}">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button type="submit" class="primary">[[unlock.submit]]</button>
  </form>{{/CONFIRM}}
</section>
{{>FOOT}}

{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel narrow">
  <h1>[[signup.confirm.title]]</h1>
  {{#FORM_ERROR}}<p class="error" role="alert">{{FORM_ERROR}}</p>
  <p class="aside"><a href="/signup">[[nav.signup]]</a> · <a href="/login">[[nav.login]]</a></p>{{/FORM_ERROR}}
  {{#CONFIRM}}<p class="lead">[[signup.confirm.lead]]</p>
  <form method="post" action="{{ACTION}}">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="next" value="{{NEXT}}">
    <button type="submit" class="primary">[[signup.confirm.submit]]</button>
  </form>{{/CONFIRM}}
</section>
{{>FOOT}}

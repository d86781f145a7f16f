{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel narrow confirm-page">
  <h1>{{BUTTON}}</h1>
  {{>CONFIRM}}
</section>
{{>FOOT}}

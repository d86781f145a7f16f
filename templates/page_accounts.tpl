{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel">
  <h1>[[accounts.title]]</h1>
  <p class="lead">[[accounts.empty]]</p>
</section>
{{>FOOT}}

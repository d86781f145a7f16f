{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel narrow">
  <h1>{{PAGE_TITLE}}</h1>
  <p>{{DETAIL}}</p>
  <p><a class="button" href="/">[[error.home]]</a></p>
</section>
{{>FOOT}}

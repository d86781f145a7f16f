{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel narrow legal">
  <h1>{{DOC_TITLE}}</h1>
  <p class="hint">[[legal.updated]]</p>
  {{#ARTICLES}}<h2>{{ARTICLE_HEAD}}</h2>
  <p>{{ARTICLE_BODY}}</p>
  {{/ARTICLES}}
</section>
{{>FOOT}}

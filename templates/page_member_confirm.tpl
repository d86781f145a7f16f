{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel">
  <h1>[[member.confirm.title]]</h1>
  <p>{{QUESTION}}</p>
  <form method="post" action="{{ACTION}}">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button type="submit" class="danger">{{BUTTON}}</button>
    <a class="button" href="{{BACK}}">[[member.confirm.no]]</a>
  </form>
</section>
{{>FOOT}}

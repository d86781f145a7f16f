{{%AUTOESCAPE context="HTML"}}</main>
<footer class="bottom">
  <form method="post" action="/settings/language" class="lang-switch">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="next" value="{{HERE}}">
    {{#LANG_KO}}<button type="submit" name="lang" value="en" class="link" lang="en">English</button>{{/LANG_KO}}
    {{#LANG_EN}}<button type="submit" name="lang" value="ko" class="link" lang="ko">한국어</button>{{/LANG_EN}}
  </form>
  <p>[[app.footer]]</p>
</footer>
</body>
</html>

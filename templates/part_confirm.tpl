{{%AUTOESCAPE context="HTML"}}<p id="confirm-question">{{QUESTION}}</p>
{{#TARGET}}<p class="confirm-target"><strong>{{TARGET_TEXT}}</strong></p>{{/TARGET}}
<form method="post" action="{{CONFIRM_ACTION}}" class="confirm-form" aria-describedby="confirm-question">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="confirm" value="1">
  <button type="submit" class="danger">{{BUTTON}}</button>
  <a class="button" href="{{BACK}}">[[confirm.cancel]]</a>
</form>

{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel hours-page">
  <h1>[[hours.messages.title]]</h1>
  {{#DONE_saved}}<p class="notice">[[common.saved]]</p>{{/DONE_saved}}
  <p class="links-line"><a href="/a/{{ACCOUNT_CODE}}/hours">[[hours.title]]</a></p>
  <p class="hint">[[hours.messages.hint]]</p>
  <form method="post" action="/a/{{ACCOUNT_CODE}}/hours/messages" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="away_message">[[hours.away_message]]</label>
    <textarea id="away_message" name="away_message" data-maxlength="500"{{#AWAY_MESSAGE_INVALID}} aria-invalid="true"{{/AWAY_MESSAGE_INVALID}}>{{AWAY_MESSAGE:pre_escape}}</textarea>
    <p class="hint">[[hours.away_message_hint]]</p>
    {{#AWAY_MESSAGE_INVALID}}<p class="error">{{AWAY_MESSAGE_ERROR}}</p>{{/AWAY_MESSAGE_INVALID}}
    <label for="holiday_message">[[hours.holiday_message]]</label>
    <textarea id="holiday_message" name="holiday_message" data-maxlength="500"{{#HOLIDAY_MESSAGE_INVALID}} aria-invalid="true"{{/HOLIDAY_MESSAGE_INVALID}}>{{HOLIDAY_MESSAGE:pre_escape}}</textarea>
    <p class="hint">[[hours.holiday_message_hint]]</p>
    {{#HOLIDAY_MESSAGE_INVALID}}<p class="error">{{HOLIDAY_MESSAGE_ERROR}}</p>{{/HOLIDAY_MESSAGE_INVALID}}
    <label for="welcome_message">[[hours.welcome_message]]</label>
    <textarea id="welcome_message" name="welcome_message" data-maxlength="500"{{#WELCOME_MESSAGE_INVALID}} aria-invalid="true"{{/WELCOME_MESSAGE_INVALID}}>{{WELCOME_MESSAGE:pre_escape}}</textarea>
    <p class="hint">[[hours.welcome_message_hint]]</p>
    {{#WELCOME_MESSAGE_INVALID}}<p class="error">{{WELCOME_MESSAGE_ERROR}}</p>{{/WELCOME_MESSAGE_INVALID}}
    <label for="notice_message">[[hours.notice_message]]</label>
    <textarea id="notice_message" name="notice_message" data-maxlength="500"{{#NOTICE_MESSAGE_INVALID}} aria-invalid="true"{{/NOTICE_MESSAGE_INVALID}}>{{NOTICE_MESSAGE:pre_escape}}</textarea>
    <label class="check"><input type="checkbox" name="notice_on" value="1"{{#NOTICE_ON_CHECKED}} checked{{/NOTICE_ON_CHECKED}}> [[hours.notice_on]]</label>
    <p class="hint">[[hours.notice_message_hint]]</p>
    {{#NOTICE_MESSAGE_INVALID}}<p class="error">{{NOTICE_MESSAGE_ERROR}}</p>{{/NOTICE_MESSAGE_INVALID}}
    <label for="friend_thanks_message">[[hours.friend_thanks_message]]</label>
    <textarea id="friend_thanks_message" name="friend_thanks_message" data-maxlength="500"{{#FRIEND_THANKS_MESSAGE_INVALID}} aria-invalid="true"{{/FRIEND_THANKS_MESSAGE_INVALID}}>{{FRIEND_THANKS_MESSAGE:pre_escape}}</textarea>
    <p class="hint">[[hours.friend_thanks_message_hint]]</p>
    {{#FRIEND_THANKS_MESSAGE_INVALID}}<p class="error">{{FRIEND_THANKS_MESSAGE_ERROR}}</p>{{/FRIEND_THANKS_MESSAGE_INVALID}}
    <button type="submit" class="primary">[[common.save]]</button>
  </form>
</section>
{{>FOOT}}

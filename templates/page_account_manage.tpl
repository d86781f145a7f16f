{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel">
  <h1>[[manage.title]]</h1>
  {{#DONE_reset}}<p class="notice">[[manage.reset_done]]</p>{{/DONE_reset}}
  {{#MASTER}}
  <h2>[[manage.delete]]</h2>
  {{#ACCOUNT_DELETING}}<p class="notice warn">[[manage.deleting_notice]]</p>
  <form method="post" action="/a/{{ACCOUNT_CODE}}/delete/cancel"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">[[manage.delete_cancel]]</button></form>{{/ACCOUNT_DELETING}}
  {{#ACCOUNT_ACTIVE}}
  <p class="hint">[[manage.delete_hint]]</p>
  <form method="post" action="/a/{{ACCOUNT_CODE}}/delete">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label class="check"><input type="checkbox" name="confirm" value="1"> [[manage.delete_confirm]]</label>
    {{#DELETE_UNCONFIRMED}}<p class="error">{{CONFIRM_ERROR}}</p>{{/DELETE_UNCONFIRMED}}
    <button type="submit" class="danger">[[manage.delete]]</button>
  </form>
  {{/ACCOUNT_ACTIVE}}
  <h2>[[manage.reset]]</h2>
  <p class="hint">[[manage.reset_hint]]</p>
  <form method="post" action="/a/{{ACCOUNT_CODE}}/reset">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label class="check"><input type="checkbox" name="confirm" value="1"> [[manage.reset_confirm]]</label>
    {{#RESET_UNCONFIRMED}}<p class="error">{{CONFIRM_ERROR}}</p>{{/RESET_UNCONFIRMED}}
    <button type="submit" class="danger">[[manage.reset]]</button>
  </form>
  {{/MASTER}}
  {{#NOT_MASTER}}<p class="hint">[[manage.master_only]]</p>{{/NOT_MASTER}}
</section>
{{>FOOT}}

{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
{{#DONE_switches}}<p class="notice">[[common.saved]]</p>{{/DONE_switches}}
{{#DONE_cancelled}}<p class="notice">[[manage.delete_cancelled]]</p>{{/DONE_cancelled}}
{{#DONE_resubmitted}}<p class="notice" role="status">[[account_resubmit.done]]</p>{{/DONE_resubmitted}}
{{#ACCOUNT_DELETING}}
<section class="panel danger-zone">
  <p>[[manage.deleting_notice]] <strong>{{DELETE_AFTER}}</strong></p>
  <form method="post" action="/a/{{ACCOUNT_CODE}}/delete/cancel"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">[[manage.delete_cancel]]</button></form>
</section>
{{/ACCOUNT_DELETING}}
<section class="panel">
  <h1>{{ACCOUNT_NAME}}</h1>
  {{#STATUS_pending}}<p class="notice warn">[[account_home.pending]]</p>{{/STATUS_pending}}
  {{#STATUS_rejected}}<p class="notice error-box">[[account_home.rejected]]</p>
  {{#MASTER}}<p><a class="button" href="/a/{{ACCOUNT_CODE}}/review">[[account_resubmit.link]]</a></p>{{/MASTER}}{{/STATUS_rejected}}
  {{#STATUS_approved}}<p class="notice">[[account_home.approved]]</p>{{/STATUS_approved}}
  <p class="url-line"><span class="hint">[[exposure.chat_url]]</span> <a href="{{CHAT_URL}}">{{CHAT_URL}}</a></p>
  {{>HOURS_LINE}}
  <p class="links-line"><a href="/a/{{ACCOUNT_CODE}}/hours">[[hours.title]]</a> · <a href="/a/{{ACCOUNT_CODE}}/hours/messages">[[hours.messages.title]]</a></p>
</section>
<section class="panel">
  <h2>[[account_home.switches]]</h2>
  <form method="post" action="/a/{{ACCOUNT_CODE}}/switches" class="switches">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label class="check"><input type="checkbox" name="home_public" value="1"{{#HOME_PUBLIC_CHECKED}} checked{{/HOME_PUBLIC_CHECKED}}> <span><strong>[[account_home.home_public]]</strong><br><small class="hint">[[account_home.home_public.hint]]</small></span></label>
    <label class="check"><input type="checkbox" name="chat_on" value="1"{{#CHAT_ON_CHECKED}} checked{{/CHAT_ON_CHECKED}}> <span><strong>[[account_home.chat_on]]</strong><br><small class="hint">[[account_home.chat_on.hint]]</small></span></label>
    <button type="submit">[[common.save]]</button>
  </form>
</section>
<section class="panel">
  <h2>[[account_home.dashboard]]</h2>
  <p class="hint">[[account_home.dashboard.coming]]</p>
</section>
<section class="panel">
  <h2>[[account_home.reviews]]</h2>
  <div class="table-wrap"><table>
    <thead><tr><th>[[common.when]]</th><th>[[account_home.review_action]]</th><th>[[account_home.review_reason]]</th></tr></thead>
    <tbody>
    {{#REVIEWS}}<tr><td>{{AT}}</td><td>{{ACTION_TEXT}}</td><td>{{#HAS_REASON}}{{REASON}}{{/HAS_REASON}}</td></tr>{{/REVIEWS}}
    </tbody>
  </table></div>
</section>
{{>FOOT}}

{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<link rel="stylesheet" href="/static/member.css">
<section class="panel members-page">
  <h1>[[member.title]]</h1>
  <p class="lead">[[member.lead]]</p>
  {{#DONE_invited}}<p class="notice" role="status">[[member.done.invited]]</p>{{/DONE_invited}}
  {{#DONE_cancelled}}<p class="notice" role="status">[[member.done.cancelled]]</p>{{/DONE_cancelled}}
  {{#DONE_removed}}<p class="notice" role="status">[[member.done.removed]]</p>{{/DONE_removed}}
  {{#DONE_delegated}}<p class="notice" role="status">[[member.done.delegated]]</p>{{/DONE_delegated}}
  {{#DONE_joined}}<p class="notice" role="status">[[member.done.joined]]</p>{{/DONE_joined}}
  {{#FORM_ERROR}}<p class="error" role="alert">{{FORM_ERROR}}</p>{{/FORM_ERROR}}
  <h2>[[member.list]] <small>{{MEMBER_COUNT}} / {{MEMBER_MAX}}</small></h2>
  <ul class="member-list">
  {{#MEMBERS}}<li class="member" data-role="{{ROLE}}">
    <div class="member-who"><strong>{{NAME}}</strong>{{#SELF}} <small>[[member.you]]</small>{{/SELF}} <span class="tag role-{{ROLE}}">{{ROLE_TEXT}}</span></div>
    <div class="hint">{{EMAIL}}</div>
    <div class="hint">[[member.joined]] {{JOINED}} · [[member.last_active]] {{LAST_ACTIVE}}</div>
    <div class="member-actions">
      {{#CAN_DELEGATE}}<a class="button" href="/a/{{ACCOUNT_CODE}}/members/{{PARTNER_ID}}/delegate">[[member.delegate]]</a>{{/CAN_DELEGATE}}
      {{#CAN_REMOVE}}<a class="button danger" href="/a/{{ACCOUNT_CODE}}/members/{{PARTNER_ID}}/remove">[[member.remove]]</a>{{/CAN_REMOVE}}
      {{#CAN_LEAVE}}<a class="button danger" href="/a/{{ACCOUNT_CODE}}/members/leave">[[member.leave]]</a>{{/CAN_LEAVE}}
    </div>
  </li>
  {{/MEMBERS}}
  </ul>
  {{#VIEWER_MASTER}}<p class="hint">[[member.master_hint]]</p>{{/VIEWER_MASTER}}
  {{#PERSONAL}}<p class="hint">[[member.personal_hint]]</p>{{/PERSONAL}}
</section>
<section class="panel">
  <h2>[[member.invite]]</h2>
  <p class="hint">[[member.invite_hint]]</p>
  {{#AT_LIMIT}}<p class="notice warn">[[member.err.full]]</p>{{/AT_LIMIT}}
  <form method="post" action="/a/{{ACCOUNT_CODE}}/members/invite" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="form_key" value="{{FORM_KEY}}">
    <label for="invite-email">[[member.email]]</label>
    <input id="invite-email" name="email" type="email" value="{{EMAIL}}" data-maxlength="254" autocomplete="off" required{{#EMAIL_INVALID}} aria-invalid="true"{{/EMAIL_INVALID}}>
    {{#EMAIL_INVALID}}<p class="error">{{EMAIL_ERROR}}</p>{{/EMAIL_INVALID}}
    <button type="submit" class="primary">[[member.send_invite]]</button>
  </form>
  <h3>[[member.pending]]</h3>
  {{#NO_INVITATIONS}}<p class="hint">[[member.no_pending]]</p>{{/NO_INVITATIONS}}
  <ul class="invitation-list">
  {{#INVITATIONS}}<li class="invitation">
    <span>{{INVITED_EMAIL}}</span> <small class="hint">{{INVITED_AT}}</small>{{#EXPIRED}} <span class="tag">[[member.expired]]</span>{{/EXPIRED}}
    <form method="post" action="/a/{{ACCOUNT_CODE}}/members/invitations/{{INVITATION_ID}}/cancel" data-confirm="[[confirm.invite_cancel.question]]" data-confirm-target="{{INVITED_EMAIL}}" data-confirm-yes="[[confirm.invite_cancel]]"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="link">[[member.cancel_invite]]</button></form>
  </li>
  {{/INVITATIONS}}
  </ul>
</section>
{{>FOOT}}

{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel invite-page">
  <h1>[[member.invite.title]]</h1>
  {{#GONE}}<p class="error" role="alert">[[member.invite.gone]]</p>
  <p><a href="/accounts">[[nav.accounts]]</a></p>{{/GONE}}
  {{#INVITE_SIGNED_OUT}}<p>{{INVITE_LEAD}}</p>
  <p>[[member.invite.sign_in_first]] <strong>{{INVITED_EMAIL}}</strong></p>
  <p><a class="button primary" href="/login{{NEXT_QUERY}}">[[nav.login]]</a> <a class="button" href="/signup{{NEXT_QUERY}}">[[nav.signup]]</a></p>
  <p class="hint">[[member.invite.come_back]]</p>{{/INVITE_SIGNED_OUT}}
  {{#OTHER_EMAIL}}<p class="error" role="alert">[[member.invite.other_email]] <strong>{{INVITED_EMAIL}}</strong></p>
  <p class="hint">[[member.invite.other_email_hint]] {{PARTNER_EMAIL}}</p>{{/OTHER_EMAIL}}
  {{#FULL}}<p class="error" role="alert">[[member.err.full]]</p>{{/FULL}}
  {{#ACCEPT}}<p>{{INVITE_LEAD}}</p>
  <form method="post" action="{{ACTION}}">
    <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="form_key" value="{{FORM_KEY}}">
    <button type="submit" class="primary">[[member.invite.accept]]</button>
  </form>{{/ACCEPT}}
</section>
{{>FOOT}}

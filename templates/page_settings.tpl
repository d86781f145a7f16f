{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel">
  <h1>[[settings.title]]</h1>
  {{#DONE_password}}<p class="notice">[[settings.done_password]]</p>{{/DONE_password}}
  {{#DONE_logout_all}}<p class="notice">[[settings.done_logout_all]]</p>{{/DONE_logout_all}}
  {{#DONE_revoked}}<p class="notice">[[settings.done_revoked]]</p>{{/DONE_revoked}}
  <dl class="facts">
    <dt>[[field.display_name]]</dt><dd>{{PARTNER_NAME}}</dd>
    <dt>[[field.email]]</dt><dd>{{PARTNER_EMAIL}}</dd>
  </dl>
  <h2>[[settings.language]]</h2>
  <form method="post" action="/settings/language" class="inline">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="next" value="/settings">
    <select name="lang" aria-label="[[settings.language]]">
      <option value="ko"{{#LANG_IS_KO}} selected{{/LANG_IS_KO}}>한국어</option>
      <option value="en"{{#LANG_IS_EN}} selected{{/LANG_IS_EN}}>English</option>
    </select>
    <button type="submit">[[common.save]]</button>
  </form>
  <h2>[[settings.notify]]</h2>
  {{#DONE_notify}}<p class="notice">[[common.saved]]</p>{{/DONE_notify}}
  <form method="post" action="/settings/notifications">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label class="check"><input type="checkbox" name="desktop_notify" value="1"{{#DESKTOP_NOTIFY_CHECKED}} checked{{/DESKTOP_NOTIFY_CHECKED}}> [[settings.notify_desktop]]</label>
    <p class="hint">[[settings.notify_hint]]</p>
    <button type="submit">[[common.save]]</button>
  </form>
  <h2>[[hours.quiet]]</h2>
  {{#DONE_quiet}}<p class="notice">[[common.saved]]</p>{{/DONE_quiet}}
  <form method="post" action="/settings/quiet" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <p class="hint">[[hours.quiet_hint]]</p>
    <label for="quiet_start">[[hours.quiet_start]]</label>
    <input id="quiet_start" name="quiet_start" type="text" inputmode="numeric" data-maxlength="5" placeholder="22:00" value="{{QUIET_START}}"{{#QUIET_START_INVALID}} aria-invalid="true"{{/QUIET_START_INVALID}}>
    {{#QUIET_START_INVALID}}<p class="error">{{QUIET_START_ERROR}}</p>{{/QUIET_START_INVALID}}
    <label for="quiet_end">[[hours.quiet_end]]</label>
    <input id="quiet_end" name="quiet_end" type="text" inputmode="numeric" data-maxlength="5" placeholder="08:00" value="{{QUIET_END}}"{{#QUIET_END_INVALID}} aria-invalid="true"{{/QUIET_END_INVALID}}>
    {{#QUIET_END_INVALID}}<p class="error">{{QUIET_END_ERROR}}</p>{{/QUIET_END_INVALID}}
    <button type="submit">[[common.save]]</button>
  </form>
  <h2>[[settings.security]]</h2>
  <p><a class="button" href="/settings/password">[[password.title]]</a></p>
  <p><a class="button" href="/settings/second-factor">[[totp.title]]</a> <span class="tag">{{#TOTP_ON}}[[totp.state_on]]{{/TOTP_ON}}{{#TOTP_NOT_ON}}[[totp.state_off]]{{/TOTP_NOT_ON}}</span></p>
  <h2>[[settings.sessions]]</h2>
  <ul class="sessions">
    {{#SESSION}}<li class="session" id="session-{{ID}}">
      <span class="device">{{DEVICE}}</span>{{#THIS_DEVICE}} <strong class="this-device">[[settings.sessions.this_device]]</strong>{{/THIS_DEVICE}}
      <span class="hint">{{ADDRESS}} · [[settings.sessions.last_seen]] {{LAST_SEEN}}</span>
      <form method="post" action="/settings/sessions/{{ID}}/revoke" class="inline">
        <input type="hidden" name="csrf" value="{{CSRF}}">
        <button type="submit">[[settings.sessions.revoke]]</button>
      </form>
    </li>{{/SESSION}}
  </ul>
  <form method="post" action="/settings/logout-all">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <p class="hint">[[settings.logout_all.hint]]</p>
    <button type="submit">[[settings.logout_all]]</button>
  </form>
</section>
{{>FOOT}}

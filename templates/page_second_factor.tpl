{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel narrow second-factor">
  <p class="back-link"><a href="/settings">[[totp.back]]</a></p>
  <h1>[[totp.title]]</h1>
  {{#DONE_off}}<p class="notice" role="status">[[totp.done_off]]</p>{{/DONE_off}}
  {{#TOTP_OFF}}
  <p class="lead" data-totp-state="off">[[totp.lead]]</p>
  <form method="post" action="/settings/second-factor/start">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button type="submit" class="primary">[[totp.start]]</button>
  </form>
  {{/TOTP_OFF}}
  {{#TOTP_PENDING}}
  <p class="lead" data-totp-state="pending">[[totp.scan]]</p>
  <p><img class="qr" src="/settings/second-factor/qr.png" width="300" height="300" alt="[[totp.qr_alt]]"></p>
  <p>[[totp.secret_label]] <code class="totp-secret" data-totp-secret>{{SECRET}}</code></p>
  <details><summary>[[totp.uri_label]]</summary><p><code class="totp-uri">{{URI}}</code></p></details>
  <form method="post" action="/settings/second-factor/confirm" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="code">[[totp.code]]</label>
    <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" data-maxlength="40" required{{#CODE_INVALID}} aria-invalid="true" aria-describedby="code-error"{{/CODE_INVALID}}>
    {{#CODE_INVALID}}<p class="error" id="code-error">{{CODE_ERROR}}</p>{{/CODE_INVALID}}
    <button type="submit" class="primary">[[totp.confirm]]</button>
  </form>
  {{/TOTP_PENDING}}
  {{#TOTP_CODES}}
  <p class="notice" role="status" data-totp-state="codes">{{CODES_DONE}}</p>
  <h2>[[totp.recovery_title]]</h2>
  <p class="hint">[[totp.recovery_hint]]</p>
  <ol class="recovery-codes">
    {{#RECOVERY}}<li><code data-recovery-code>{{CODE}}</code></li>{{/RECOVERY}}
  </ol>
  <p><a class="button" href="/settings/second-factor">[[totp.recovery_saved]]</a></p>
  {{/TOTP_CODES}}
  {{#TOTP_ON}}
  <p class="lead" data-totp-state="on">[[totp.on]]</p>
  <p class="hint">[[totp.recovery_left]] <strong data-recovery-left>{{RECOVERY_LEFT}}</strong></p>
  <h2>[[totp.renew_title]]</h2>
  <form method="post" action="/settings/second-factor/recovery" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="renew_code">[[totp.code_or_recovery]]</label>
    <input id="renew_code" name="renew_code" type="text" autocomplete="one-time-code" data-maxlength="40" required{{#RENEW_CODE_INVALID}} aria-invalid="true" aria-describedby="renew_code-error"{{/RENEW_CODE_INVALID}}>
    {{#RENEW_CODE_INVALID}}<p class="error" id="renew_code-error">{{RENEW_CODE_ERROR}}</p>{{/RENEW_CODE_INVALID}}
    <p class="hint" id="renew-hint">[[totp.renew_hint]]</p>
    <button type="submit" aria-describedby="renew-hint">[[totp.renew]]</button>
  </form>
  <h2>[[totp.off_title]]</h2>
  <form method="post" action="/settings/second-factor/off" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="code">[[totp.code_or_recovery]]</label>
    <input id="code" name="code" type="text" autocomplete="one-time-code" data-maxlength="40" required{{#CODE_INVALID}} aria-invalid="true" aria-describedby="code-error"{{/CODE_INVALID}}>
    {{#CODE_INVALID}}<p class="error" id="code-error">{{CODE_ERROR}}</p>{{/CODE_INVALID}}
    <button type="submit">[[totp.off]]</button>
  </form>
  {{/TOTP_ON}}
</section>
{{>FOOT}}

{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<script src="/static/backups.js" defer></script>
<section class="panel backups-page">
  {{#MEMBER}}<h1>[[backups.title]]</h1>
  <p class="lead">[[backups.lead]]</p>{{/MEMBER}}
  {{#OPS}}<h1>[[backups.ops_title]]</h1>
  <p class="lead">[[backups.ops_lead]]</p>{{/OPS}}
  {{#DONE_started}}<p class="notice" role="status">[[backups.done_started]]</p>{{/DONE_started}}
  {{#DONE_cancelled}}<p class="notice" role="status">[[backups.done_cancelled]]</p>{{/DONE_cancelled}}
  <form method="post" action="{{BASE}}" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="form_key" value="{{FORM_KEY}}">
    <fieldset>
      <legend>[[backups.format]]</legend>
      <label class="check"><input type="radio" name="format" value="zip" {{FORMAT_zip}}> [[backups.format.zip]]</label>
      <label class="check"><input type="radio" name="format" value="csv" {{FORMAT_csv}}> [[backups.format.csv]]</label>
      <label class="check"><input type="radio" name="format" value="jsonl" {{FORMAT_jsonl}}> [[backups.format.jsonl]]</label>
    </fieldset>
    {{#FORMAT_INVALID}}<p class="error">{{FORMAT_ERROR}}</p>{{/FORMAT_INVALID}}
    {{#MEMBER}}
    <label for="backup-from">[[backups.from]]</label>
    <input id="backup-from" name="from" type="date" value="{{FROM}}"{{#FROM_INVALID}} aria-invalid="true"{{/FROM_INVALID}}>
    {{#FROM_INVALID}}<p class="error">{{FROM_ERROR}}</p>{{/FROM_INVALID}}
    <label for="backup-to">[[backups.to]]</label>
    <input id="backup-to" name="to" type="date" value="{{TO}}"{{#TO_INVALID}} aria-invalid="true"{{/TO_INVALID}}>
    {{#TO_INVALID}}<p class="error">{{TO_ERROR}}</p>{{/TO_INVALID}}
    <p class="hint">[[backups.period_hint]]</p>
    {{/MEMBER}}
    <button type="submit" class="primary">[[backups.start]]</button>
  </form>
</section>
<section class="panel">
  <div class="heading-row">
    <h2>[[backups.list]]</h2>
    <a href="{{BASE}}">[[backups.refresh]]</a>
  </div>
  <p class="hint">[[backups.keep_hint]]</p>
  {{#NO_BACKUPS}}<p class="hint">[[backups.empty]]</p>{{/NO_BACKUPS}}
  <ul class="backup-list">
  {{#BACKUPS}}<li class="backup" data-backup="{{ID}}" data-status="{{STATUS}}"{{#ACTIVE}} data-status-url="{{BASE}}/{{ID}}/status"{{/ACTIVE}}>
    <div><strong>{{FORMAT_TEXT}}</strong> <span class="tag" data-status-text>{{STATUS_TEXT}}</span> <small>{{#OPS}}[[backups.account]] {{ACCOUNT}} · {{/OPS}}{{REASON_TEXT}} · {{CREATED}}</small></div>
    <div class="hint">[[backups.period]] {{#PERIOD}}{{FROM}} ~ {{TO}}{{/PERIOD}}{{#ALL_TIME}}[[backups.all_time]]{{/ALL_TIME}}</div>
    <progress max="100" value="{{PERCENT}}" aria-label="[[backups.progress]]">{{PERCENT}}%</progress>
    <span class="hint" data-progress-text>[[backups.messages]] <span data-done>{{DONE}}</span> / <span data-total>{{TOTAL}}</span></span>
    {{#READY}}<p><a class="button" href="{{BASE}}/{{ID}}/download" download>[[backups.download]]</a> {{SIZE}}{{#EXPIRES_AT}} · [[backups.expires]] {{EXPIRES}}{{/EXPIRES_AT}}</p>{{/READY}}
    {{#ACTIVE}}<form method="post" action="{{BASE}}/{{ID}}/cancel" class="inline" data-confirm="[[confirm.backup_cancel.question]]" data-confirm-target="{{FORMAT_TEXT}} · {{CREATED}}" data-confirm-yes="[[confirm.backup_cancel]]">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <button type="submit">[[backups.cancel]]</button>
    </form>{{/ACTIVE}}
  </li>{{/BACKUPS}}
  </ul>
</section>
{{>FOOT}}

{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel hours-page">
  <h1>[[hours.title]]</h1>
  {{#DONE_saved}}<p class="notice">[[common.saved]]</p>{{/DONE_saved}}
  {{#DONE_holiday_added}}<p class="notice">[[hours.holiday_added]]</p>{{/DONE_holiday_added}}
  {{#DONE_holiday_deleted}}<p class="notice">[[hours.holiday_deleted]]</p>{{/DONE_holiday_deleted}}
  {{>HOURS_LINE}}
  <p class="links-line"><a href="/a/{{ACCOUNT_CODE}}/hours/messages">[[hours.messages.title]]</a></p>
  <form method="post" action="/a/{{ACCOUNT_CODE}}/hours" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <p class="hint">[[hours.hint]]</p>
    <div class="table-wrap"><table class="hours-week">
      <thead><tr><th>[[hours.day]]</th><th>[[hours.open]]</th><th>[[hours.start]]</th><th>[[hours.end]]</th></tr></thead>
      <tbody>
      {{#DAYS}}<tr>
        <th scope="row">{{DAY_LABEL}}</th>
        <td><label class="hours-toggle"><input type="checkbox" id="{{DAY}}_open" name="{{DAY}}_open" value="1" aria-label="{{DAY_LABEL}} [[hours.open]]"{{#OPEN_CHECKED}} checked{{/OPEN_CHECKED}}></label></td>
        <td><input type="text" inputmode="numeric" pattern="[0-2]?[0-9]:?[0-5][05]" data-maxlength="5" name="{{DAY}}_start" value="{{DAY_START}}" aria-label="{{DAY_LABEL}} [[hours.start]]"{{#DAY_START_INVALID}} aria-invalid="true"{{/DAY_START_INVALID}}>{{#DAY_START_INVALID}}<p class="error">{{DAY_START_ERROR}}</p>{{/DAY_START_INVALID}}</td>
        <td><input type="text" inputmode="numeric" pattern="[0-2]?[0-9]:?[0-5][05]" data-maxlength="5" name="{{DAY}}_end" value="{{DAY_END}}" aria-label="{{DAY_LABEL}} [[hours.end]]"{{#DAY_END_INVALID}} aria-invalid="true"{{/DAY_END_INVALID}}>{{#DAY_END_INVALID}}<p class="error">{{DAY_END_ERROR}}</p>{{/DAY_END_INVALID}}</td>
      </tr>{{/DAYS}}
      </tbody>
    </table></div>
    <p class="hint">[[hours.end_hint]]</p>
    <label for="timezone">[[hours.timezone]]</label>
    <input id="timezone" name="timezone" type="text" value="{{TIMEZONE}}" data-maxlength="64" required{{#TIMEZONE_INVALID}} aria-invalid="true"{{/TIMEZONE_INVALID}}>
    <p class="hint">[[hours.timezone_hint]]</p>
    {{#TIMEZONE_INVALID}}<p class="error">{{TIMEZONE_ERROR}}</p>{{/TIMEZONE_INVALID}}
    <label class="check"><input type="checkbox" name="away" value="1"{{#AWAY_CHECKED}} checked{{/AWAY_CHECKED}}> <span><strong>[[hours.away]]</strong><br><small class="hint">[[hours.away_hint]]</small></span></label>
    <fieldset>
      <legend>[[hours.outside_hours]]</legend>
      <label class="check"><input type="radio" name="outside_hours" value="accept"{{#OUTSIDE_HOURS_IS_ACCEPT}} checked{{/OUTSIDE_HOURS_IS_ACCEPT}}> [[hours.outside_accept]]</label>
      <label class="check"><input type="radio" name="outside_hours" value="refuse"{{#OUTSIDE_HOURS_IS_REFUSE}} checked{{/OUTSIDE_HOURS_IS_REFUSE}}> [[hours.outside_refuse]]</label>
      {{#OUTSIDE_HOURS_INVALID}}<p class="error">{{OUTSIDE_HOURS_ERROR}}</p>{{/OUTSIDE_HOURS_INVALID}}
    </fieldset>
    <button type="submit" class="primary">[[common.save]]</button>
  </form>
</section>
<section class="panel hours-page">
  <h2>[[hours.holidays]]</h2>
  <p class="hint">[[hours.holidays_hint]]</p>
  {{#NO_HOLIDAYS}}<p class="hint">[[hours.no_holidays]]</p>{{/NO_HOLIDAYS}}
  <ul class="holidays">
  {{#HOLIDAYS}}<li id="holiday-{{ID}}"><span>{{FIRST}}{{#RANGE}} – {{LAST}}{{/RANGE}}</span>
    <form method="post" action="/a/{{ACCOUNT_CODE}}/hours/holidays/{{ID}}/delete" class="inline">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <label class="check"><input type="checkbox" name="confirm" value="1"> [[hours.holiday_confirm]]</label>
      <button type="submit" class="danger">[[hours.holiday_delete]]</button>
      {{#CONFIRM_INVALID}}<p class="error">{{CONFIRM_ERROR}}</p>{{/CONFIRM_INVALID}}
    </form></li>{{/HOLIDAYS}}
  </ul>
  <form method="post" action="/a/{{ACCOUNT_CODE}}/hours/holidays" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="form_key" value="{{FORM_KEY}}">
    <label for="start">[[hours.holiday_start]]</label>
    <input id="start" name="start" type="date" min="{{TODAY}}" value="{{START}}" required{{#START_INVALID}} aria-invalid="true"{{/START_INVALID}}>
    {{#START_INVALID}}<p class="error">{{START_ERROR}}</p>{{/START_INVALID}}
    <label for="end">[[hours.holiday_end]]</label>
    <input id="end" name="end" type="date" min="{{TODAY}}" value="{{END}}" required{{#END_INVALID}} aria-invalid="true"{{/END_INVALID}}>
    {{#END_INVALID}}<p class="error">{{END_ERROR}}</p>{{/END_INVALID}}
    <button type="submit">[[hours.holiday_add]]</button>
  </form>
</section>
{{>FOOT}}

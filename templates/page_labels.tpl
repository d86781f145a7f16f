{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<link rel="stylesheet" href="/static/inbox.css">
<section class="panel">
  <div class="heading-row">
    <h1>[[inbox.labels.title]]</h1>
    <a href="/a/{{ACCOUNT_CODE}}/chats">[[inbox.back_to_list]]</a>
  </div>
  <p class="lead">[[inbox.labels.lead]]</p>
  {{#DONE_created}}<p class="notice" role="status">[[inbox.labels.done_created]]</p>{{/DONE_created}}
  {{#DONE_saved}}<p class="notice" role="status">[[common.saved]]</p>{{/DONE_saved}}
  {{#DONE_deleted}}<p class="notice" role="status">[[inbox.labels.done_deleted]]</p>{{/DONE_deleted}}
  <h2>[[inbox.labels.new]]</h2>
  {{#AT_LIMIT}}<p class="notice warn">[[inbox.err.labels_full]]</p>{{/AT_LIMIT}}
  <form method="post" action="/a/{{ACCOUNT_CODE}}/labels" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="form_key" value="{{FORM_KEY}}">
    <label for="label-name">[[inbox.labels.name]]</label>
    <input id="label-name" name="name" type="text" value="{{NAME}}" data-maxlength="20" required{{#NAME_INVALID}} aria-invalid="true"{{/NAME_INVALID}}>
    <p class="hint">[[inbox.labels.name_hint]]</p>
    {{#NAME_INVALID}}<p class="error">{{NAME_ERROR}}</p>{{/NAME_INVALID}}
    <fieldset class="palette">
      <legend>[[inbox.labels.color]]</legend>
      {{#COLORS}}<label class="swatch"><input type="radio" name="color" value="{{COLOR}}"{{#CHECKED}} checked{{/CHECKED}}> <span class="chip {{COLOR_CLASS}}">{{COLOR_NAME}}</span></label>{{/COLORS}}
    </fieldset>
    {{#COLOR_INVALID}}<p class="error">{{COLOR_ERROR}}</p>{{/COLOR_INVALID}}
    <button type="submit" class="primary">[[inbox.labels.create]]</button>
  </form>
</section>
<section class="panel">
  <h2>[[inbox.labels.list]]</h2>
  {{#NO_LABELS}}<p class="hint">[[inbox.labels.empty]]</p>{{/NO_LABELS}}
  <ul class="label-list">
  {{#LABELS}}<li>
    <div class="label-line"><span class="chip {{LABEL_CLASS}}">{{LABEL_NAME}}</span> <a href="{{FILTER_URL}}">[[inbox.labels.rooms]] {{ROOM_COUNT}}</a></div>
    <details{{#EDIT_OPEN}} open{{/EDIT_OPEN}}>
      <summary>[[inbox.labels.edit]]</summary>
      <form method="post" action="/a/{{ACCOUNT_CODE}}/labels/{{LABEL_ID}}" novalidate>
        <input type="hidden" name="csrf" value="{{CSRF}}">
        <label for="label-name-{{LABEL_ID}}">[[inbox.labels.name]]</label>
        <input id="label-name-{{LABEL_ID}}" name="name" type="text" value="{{EDIT_NAME}}" data-maxlength="20" required{{#EDIT_INVALID}} aria-invalid="true"{{/EDIT_INVALID}}>
        {{#EDIT_INVALID}}<p class="error">{{EDIT_ERROR}}</p>{{/EDIT_INVALID}}
        <fieldset class="palette">
          <legend>[[inbox.labels.color]]</legend>
          {{#EDIT_COLORS}}<label class="swatch"><input type="radio" name="color" value="{{COLOR}}"{{#CHECKED}} checked{{/CHECKED}}> <span class="chip {{COLOR_CLASS}}">{{COLOR_NAME}}</span></label>{{/EDIT_COLORS}}
        </fieldset>
        <button type="submit">[[common.save]]</button>
      </form>
      <form method="post" action="/a/{{ACCOUNT_CODE}}/labels/{{LABEL_ID}}/delete" class="delete-form" data-confirm="[[confirm.label_delete.question]]" data-confirm-target="{{LABEL_NAME}}" data-confirm-yes="[[confirm.label_delete]]">
        <input type="hidden" name="csrf" value="{{CSRF}}">
        <button type="submit" class="danger">[[inbox.labels.delete]]</button>
        <span class="hint">[[inbox.labels.delete_hint]]</span>
      </form>
    </details>
  </li>
  {{/LABELS}}
  </ul>
</section>
{{>FOOT}}

{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<link rel="stylesheet" href="/static/inbox.css">
<section class="panel">
  <div class="heading-row">
    <h1>[[inbox.groups.title]]</h1>
    <a href="/a/{{ACCOUNT_CODE}}/chats">[[inbox.back_to_list]]</a>
  </div>
  <p class="lead">[[inbox.groups.lead]]</p>
  {{#DONE_created}}<p class="notice" role="status">[[inbox.groups.done_created]]</p>{{/DONE_created}}
  {{#DONE_deleted}}<p class="notice" role="status">[[inbox.groups.done_deleted]]</p>{{/DONE_deleted}}
  <h2>[[inbox.groups.new]]</h2>
  <form method="post" action="/a/{{ACCOUNT_CODE}}/groups" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="form_key" value="{{FORM_KEY}}">
    <label for="group-name">[[inbox.groups.name]]</label>
    <input id="group-name" name="name" type="text" value="{{NAME}}" data-maxlength="30" required{{#NAME_INVALID}} aria-invalid="true"{{/NAME_INVALID}}>
    {{#NAME_INVALID}}<p class="error">{{NAME_ERROR}}</p>{{/NAME_INVALID}}
    <label for="group-description">[[inbox.groups.description]]</label>
    <textarea id="group-description" name="description" data-maxlength="200"{{#DESCRIPTION_INVALID}} aria-invalid="true"{{/DESCRIPTION_INVALID}}>{{DESCRIPTION:pre_escape}}</textarea>
    {{#DESCRIPTION_INVALID}}<p class="error">{{DESCRIPTION_ERROR}}</p>{{/DESCRIPTION_INVALID}}
    <button type="submit" class="primary">[[inbox.groups.create]]</button>
  </form>
</section>
<section class="panel">
  <h2>[[inbox.groups.list]]</h2>
  {{#NO_GROUPS}}<p class="hint">[[inbox.groups.empty]]</p>{{/NO_GROUPS}}
  <ul class="cards group-list">
  {{#GROUPS}}<li class="card">
    <span class="card-title">{{GROUP_NAME}}</span> <span class="tag">[[inbox.groups.members]] {{MEMBER_COUNT}}</span> <span class="tag">[[inbox.groups.friends]] {{FRIEND_COUNT}}</span>
    {{#HAS_DESCRIPTION}}<p class="hint">{{GROUP_DESCRIPTION}}</p>{{/HAS_DESCRIPTION}}
    <form method="post" action="/a/{{ACCOUNT_CODE}}/groups/{{GROUP_ID}}/delete" class="delete-form" data-confirm="[[confirm.group_delete.question]]" data-confirm-target="{{GROUP_NAME}}" data-confirm-yes="[[confirm.group_delete]]">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <button type="submit" class="danger">[[inbox.groups.delete]]</button>
    </form>
  </li>
  {{/GROUPS}}
  </ul>
  <p class="hint">[[inbox.groups.how_to_add]]</p>
</section>
{{>FOOT}}

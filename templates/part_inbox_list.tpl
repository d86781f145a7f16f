{{%AUTOESCAPE context="HTML"}}<div class="list-head">
  <h1 class="list-title"><a href="/a/{{ACCOUNT_CODE}}/chats">[[inbox.title]]</a></h1>
  <nav class="inbox-links" aria-label="[[inbox.links]]">
    <a href="/a/{{ACCOUNT_CODE}}/labels">[[inbox.link.labels]]</a>
    <a href="/a/{{ACCOUNT_CODE}}/groups">[[inbox.link.groups]]</a>
    <a href="/a/{{ACCOUNT_CODE}}/chats/settings">[[inbox.link.settings]]</a>
  </nav>
</div>
<nav class="status-tabs" aria-label="[[inbox.filter.status]]">
  {{#TABS}}<a href="{{TAB_URL}}" data-tab="{{TAB_NAME}}"{{#TAB_CURRENT}} aria-current="page"{{/TAB_CURRENT}}>{{TAB_TEXT}}{{#TAB_COUNTED}} <span class="tab-count" data-tab-count="{{TAB_NAME}}">{{TAB_COUNT}}</span>{{/TAB_COUNTED}}</a>{{/TABS}}
</nav>
<div class="list-tools">
  {{#SORTABLE}}<p class="sort">{{#SORT_NEWEST}}<span class="sort-now">[[inbox.sort.newest]]</span> · <a href="{{SORT_OTHER_URL}}" data-sort="waiting">[[inbox.sort.waiting]]</a>{{/SORT_NEWEST}}{{#SORT_WAITING}}<a href="{{SORT_OTHER_URL}}" data-sort="newest">[[inbox.sort.newest]]</a> · <span class="sort-now">[[inbox.sort.waiting]]</span>{{/SORT_WAITING}}</p>{{/SORTABLE}}
<details class="filters"{{#FILTERS_OPEN}} open{{/FILTERS_OPEN}}>
    <summary>[[inbox.filter.title]]{{#FILTERED}} <span class="tag">[[inbox.filter.active]]</span>{{/FILTERED}}{{#SEARCHED}} <span class="tag search-word">{{Q}}</span>{{/SEARCHED}}</summary>
    <form method="get" action="/a/{{ACCOUNT_CODE}}/chats" class="filter-form" role="search">
      {{#LEFT_LIST}}<input type="hidden" name="left" value="1">{{/LEFT_LIST}}
      {{#SORT_WAITING}}<input type="hidden" name="sort" value="waiting">{{/SORT_WAITING}}
      <div class="field wide">
        <label for="f-q">[[inbox.filter.q]]</label>
        <input id="f-q" type="search" name="q" value="{{Q}}" data-maxlength="100" placeholder="[[inbox.filter.q_hint]]"{{#Q_INVALID}} aria-invalid="true" aria-describedby="f-q-error"{{/Q_INVALID}}>
        {{#Q_INVALID}}<p class="error" id="f-q-error" role="alert">{{Q_ERROR}}</p>{{/Q_INVALID}}
      </div>
      <div class="field">
        <label for="f-status">[[inbox.filter.status]]</label>
        <select id="f-status" name="status">
          <option value="">[[inbox.filter.any]]</option>
          {{#STATUS_CHOICES}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>{{/STATUS_CHOICES}}
        </select>
      </div>
      <div class="field">
        <label for="f-label">[[inbox.filter.label]]</label>
        <select id="f-label" name="label">
          <option value="">[[inbox.filter.any]]</option>
          {{#LABEL_CHOICES}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>{{/LABEL_CHOICES}}
        </select>
      </div>
      <div class="field">
        <label for="f-assignee">[[inbox.filter.assignee]]</label>
        <select id="f-assignee" name="assignee">
          <option value="">[[inbox.filter.any]]</option>
          <option value="mine"{{#ASSIGNEE_MINE}} selected{{/ASSIGNEE_MINE}}>[[inbox.filter.mine]]</option>
          <option value="unassigned"{{#ASSIGNEE_UNASSIGNED}} selected{{/ASSIGNEE_UNASSIGNED}}>[[inbox.filter.unassigned]]</option>
          {{#MEMBER_CHOICES}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>{{/MEMBER_CHOICES}}
        </select>
      </div>
      <div class="field">
        <label for="f-period">[[inbox.filter.period]]</label>
        <select id="f-period" name="period">
          <option value="">[[inbox.filter.any]]</option>
          {{#PERIOD_CHOICES}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>{{/PERIOD_CHOICES}}
        </select>
      </div>
      <div class="field checks">
        <label class="check"><input type="checkbox" name="important" value="1"{{#IMPORTANT_CHECKED}} checked{{/IMPORTANT_CHECKED}}> [[inbox.filter.important]]</label>
        <label class="check"><input type="checkbox" name="blocked" value="1"{{#BLOCKED_CHECKED}} checked{{/BLOCKED_CHECKED}}> [[inbox.filter.blocked]]</label>
      </div>
      <div class="field buttons">
        <button type="submit" class="primary-inline">[[inbox.filter.apply]]</button>
      </div>
    </form>
  </details>
  {{#FILTERED}}<a class="filter-clear" href="{{CLEAR_URL}}">[[inbox.filter.clear]]</a>{{/FILTERED}}
  <input type="checkbox" id="select-mode" class="select-toggle" aria-controls="bulk-bar">
  <label for="select-mode" class="select-label">[[inbox.select_mode]]</label>
</div>
<form method="post" action="/a/{{ACCOUNT_CODE}}/chats/bulk" class="bulk-form" data-bulk-form data-confirm-leave="[[inbox.confirm.leave]]" data-confirm-block="[[inbox.confirm.block]]">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="back" value="{{BACK}}">
  <input type="hidden" name="ask" value="1">
  <div class="bulk-bar" id="bulk-bar">
    <label class="check select-all" data-select-all hidden><input type="checkbox"> [[inbox.bulk.select_all]]</label>
    <div class="field">
      <label for="b-action">[[inbox.bulk.action]]</label>
      <select id="b-action" name="action" data-bulk-action>
        {{#LEFT_LIST}}<option value="restore">[[inbox.action.restore]]</option>{{/LEFT_LIST}}
        <option value="read">[[inbox.action.read]]</option>
        <option value="important">[[inbox.action.important]]</option>
        <option value="unimportant">[[inbox.action.unimportant]]</option>
        <option value="assign">[[inbox.action.assign]]</option>
        <option value="complete">[[inbox.action.complete]]</option>
        <option value="group">[[inbox.action.group]]</option>
        <option value="leave">[[inbox.action.leave]]</option>
        <option value="block">[[inbox.action.block]]</option>
        <option value="unblock">[[inbox.action.unblock]]</option>
      </select>
    </div>
    <div class="field" data-for-action="assign">
      <label for="b-assignee">[[inbox.bulk.assignee]]</label>
      <select id="b-assignee" name="assignee">
        <option value="none">[[inbox.bulk.no_assignee]]</option>
        {{#ASSIGN_CHOICES}}<option value="{{VALUE}}">{{TEXT}}</option>{{/ASSIGN_CHOICES}}
      </select>
    </div>
    <div class="field" data-for-action="group">
      <label for="b-group">[[inbox.bulk.group]]</label>
      <select id="b-group" name="group">
        <option value="">[[inbox.bulk.new_group_option]]</option>
        {{#GROUP_CHOICES}}<option value="{{VALUE}}">{{TEXT}}</option>{{/GROUP_CHOICES}}
      </select>
      <input type="text" name="new_group" data-maxlength="30" placeholder="[[inbox.bulk.new_group]]" aria-label="[[inbox.bulk.new_group]]">
    </div>
    <div class="field buttons">
      <button type="submit">[[inbox.bulk.apply]]</button>
    </div>
  </div>
  <div data-rows-box>{{ROWS_HTML:none}}</div>
</form>

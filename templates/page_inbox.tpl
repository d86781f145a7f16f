{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<link rel="stylesheet" href="/static/inbox.css">
<script src="/static/inbox.js" defer></script>
<div class="inbox" data-inbox-list data-events="/events/a/{{ACCOUNT_CODE}}" data-fragment="{{FRAGMENT_URL}}" data-unread-url="/a/{{ACCOUNT_CODE}}/chats/unread"{{#FIRST_PAGE}} data-live="1"{{/FIRST_PAGE}}>
<div class="heading-row inbox-head">
  <h1>[[inbox.title]]</h1>
  <nav class="inbox-links" aria-label="[[inbox.links]]">
    <a href="/a/{{ACCOUNT_CODE}}/labels">[[inbox.link.labels]]</a>
    <a href="/a/{{ACCOUNT_CODE}}/groups">[[inbox.link.groups]]</a>
    <a href="/a/{{ACCOUNT_CODE}}/chats/settings">[[inbox.link.settings]]</a>
  </nav>
</div>
{{#DONE_bulk}}<p class="notice">[[inbox.bulk.done]]</p>{{/DONE_bulk}}
<nav class="status-tabs" aria-label="[[inbox.filter.status]]">
  {{#TABS}}<a href="{{TAB_URL}}"{{#TAB_CURRENT}} aria-current="page"{{/TAB_CURRENT}}>{{TAB_TEXT}}</a>{{/TABS}}
</nav>
<details class="filters panel"{{#FILTERED}} open{{/FILTERED}}>
  <summary>[[inbox.filter.title]]{{#FILTERED}} <span class="tag">[[inbox.filter.active]]</span>{{/FILTERED}}</summary>
  <form method="get" action="/a/{{ACCOUNT_CODE}}/chats" class="filter-form" role="search">
    <div class="field wide">
      <label for="f-q">[[inbox.filter.q]]</label>
      <input id="f-q" type="search" name="q" value="{{Q}}" maxlength="100" placeholder="[[inbox.filter.q_hint]]">
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
      {{#FILTERED}}<a href="{{CLEAR_URL}}">[[inbox.filter.clear]]</a>{{/FILTERED}}
    </div>
  </form>
</details>
<form method="post" action="/a/{{ACCOUNT_CODE}}/chats/bulk" class="bulk-form" data-bulk-form>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="back" value="{{BACK}}">
  <div class="bulk-bar">
    <label class="check select-all" data-select-all hidden><input type="checkbox"> [[inbox.bulk.select_all]]</label>
    <div class="field">
      <label for="b-action">[[inbox.bulk.action]]</label>
      <select id="b-action" name="action" data-bulk-action>
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
      <input type="text" name="new_group" maxlength="30" placeholder="[[inbox.bulk.new_group]]" aria-label="[[inbox.bulk.new_group]]">
    </div>
    <div class="field buttons">
      <button type="submit">[[inbox.bulk.apply]]</button>
    </div>
  </div>
  <div data-rows-box>{{>ROWS}}</div>
</form>
</div>
{{>FOOT}}

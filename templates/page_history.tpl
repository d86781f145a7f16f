{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<link rel="stylesheet" href="/static/history.css">
<section class="panel history-page">
  <div class="heading-row">
    <h1>[[history.title]]</h1>
    <a href="{{CSV_URL}}" class="button" download>[[history.download]]</a>
  </div>
  <p class="lead">[[history.lead]]</p>
  <form method="get" action="/a/{{ACCOUNT_CODE}}/history" class="history-filter" role="search">
    <div>
      <label for="history-menu">[[history.menu]]</label>
      <select id="history-menu" name="menu">
        <option value="">[[history.all]]</option>
        {{#MENUS}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>{{/MENUS}}
      </select>
    </div>
    <div>
      <label for="history-member">[[history.who]]</label>
      <select id="history-member" name="member">
        <option value="">[[history.all]]</option>
        {{#MEMBERS}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>{{/MEMBERS}}
      </select>
    </div>
    <div>
      <label for="history-from">[[history.from]]</label>
      <input id="history-from" name="from" type="date" value="{{FROM}}">
    </div>
    <div>
      <label for="history-to">[[history.to]]</label>
      <input id="history-to" name="to" type="date" value="{{TO}}">
    </div>
    <div class="history-filter-go">
      <button type="submit" class="primary">[[history.filter]]</button>
    </div>
  </form>
  <p class="hint">[[history.time_zone]] {{TIME_ZONE}}</p>
  {{#NO_ENTRIES}}<p class="hint">[[history.empty]]</p>{{/NO_ENTRIES}}
  <ol class="history-list">
  {{#ENTRIES}}<li class="history-entry" data-id="{{ID}}">
    <p class="history-head"><time>{{AT}}</time> <span class="history-who">{{WHO}}</span> <span class="tag">{{MENU_TEXT}}</span> <strong>{{ACTION_TEXT}}</strong></p>
    {{#HAS_TARGET}}<p class="history-target">{{TARGET}}</p>{{/HAS_TARGET}}
    {{#HAS_BEFORE}}<div class="history-change"><span class="history-label">[[history.before]]</span><p class="history-value">{{BEFORE:pre_escape}}</p></div>{{/HAS_BEFORE}}
    {{#HAS_AFTER}}<div class="history-change"><span class="history-label">[[history.after]]</span><p class="history-value">{{AFTER:pre_escape}}</p></div>{{/HAS_AFTER}}
  </li>
  {{/ENTRIES}}
  </ol>
  <nav class="history-pager" aria-label="[[history.pages]]">
    {{#HAS_FIRST}}<a href="{{FIRST_URL}}">[[history.newest]]</a>{{/HAS_FIRST}}
    {{#HAS_NEXT}}<a href="{{NEXT_URL}}" class="next" rel="next">[[history.older]]</a>{{/HAS_NEXT}}
  </nav>
</section>
{{>FOOT}}

{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<link rel="stylesheet" href="/static/member.css">
<section class="panel notifications-page">
  <h1>[[notification.title]]</h1>
  <p class="hint">[[notification.lead]]</p>
  {{#NO_NOTICES}}<p class="hint">[[notification.empty]]</p>{{/NO_NOTICES}}
  <ul class="notice-list">
  {{#NOTICES}}<li class="notification{{#UNREAD}} unread{{/UNREAD}}">
    {{#UNREAD}}<span class="tag">[[notification.new]]</span> {{/UNREAD}}{{#HAS_LINK}}<a href="{{LINK}}">{{TEXT}}</a>{{/HAS_LINK}}{{#NO_LINK}}{{TEXT}}{{/NO_LINK}}
    <small class="hint">{{AT}}</small>
  </li>
  {{/NOTICES}}
  </ul>
</section>
{{>FOOT}}

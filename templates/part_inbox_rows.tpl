{{%AUTOESCAPE context="HTML"}}{{#HAS_ROOMS}}<ul class="rooms">
{{#ROOMS}}<li class="room st-{{STATUS}}{{#HAS_UNREAD}} has-unread{{/HAS_UNREAD}}" data-room="{{ID}}">
  <input type="checkbox" name="room" value="{{ID}}" class="pick" id="pick-{{ID}}" aria-label="{{CUSTOMER}}{{#RENAMED}} ({{ROOM_NAME}}){{/RENAMED}} [[inbox.bulk.select_suffix]]">
  <a class="room-main" href="{{ROOM_URL}}" data-room-link>
    <span class="room-line"><strong class="customer">{{CUSTOMER}}</strong>{{#RENAMED}} <span class="room-name">{{ROOM_NAME}}</span>{{/RENAMED}}{{#IMPORTANT}} <span class="tag important">[[inbox.important]]</span>{{/IMPORTANT}}{{#BLOCKED}} <span class="tag blocked">[[inbox.blocked]]</span>{{/BLOCKED}}{{#FRIEND}} <span class="tag friend">[[inbox.friend]]</span>{{/FRIEND}}{{#ASSIGNED}} <span class="assignee" title="[[inbox.assignee]]">{{ASSIGNEE}}</span>{{/ASSIGNED}}{{#HAS_LABELS}} <span class="room-chips">{{#LABELS}}<span class="chip {{LABEL_CLASS}}">{{LABEL_NAME}}</span>{{/LABELS}}</span>{{/HAS_LABELS}}<span class="room-end">{{#WAITING}}<span class="waiting" data-waiting="{{WAITING_MINUTES}}">{{WAITING_TEXT}}</span> {{/WAITING}}<time class="room-time" title="{{TIME_FULL}}">{{TIME}}</time></span></span>
    <span class="room-line"><span class="room-last">{{LAST_TEXT}}</span><span class="room-end"><span class="tag st-{{STATUS}}">{{STATUS_TEXT}}</span>{{#HAS_UNREAD}} <span class="badge" title="[[inbox.unread]]">{{UNREAD}}</span>{{/HAS_UNREAD}}</span></span>
  </a>
</li>
{{/ROOMS}}</ul>{{/HAS_ROOMS}}
{{#EMPTY}}<p class="empty">[[inbox.empty]]</p>{{/EMPTY}}
<nav class="pager" aria-label="[[inbox.pages]]">{{#HAS_FIRST}}<a href="{{FIRST_URL}}">[[inbox.first_page]]</a>{{/HAS_FIRST}}{{#HAS_NEXT}} <a href="{{NEXT_URL}}" rel="next" class="next">[[inbox.next_page]]</a>{{/HAS_NEXT}}</nav>

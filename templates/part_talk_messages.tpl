{{%AUTOESCAPE context="HTML"}}{{#MESSAGES}}{{#NEW_DAY}}<li class="talk-day" data-day="{{DAY}}"><span>{{DAY}}</span></li>
{{/NEW_DAY}}<li class="msg msg-{{SIDE}}" id="m{{ID}}" data-id="{{ID}}">
{{#THEIRS}}{{#SHOW_SENDER}}<p class="msg-sender">{{ACCOUNT_NAME}}</p>{{/SHOW_SENDER}}{{/THEIRS}}<div class="msg-row">
<div class="msg-bubble">
{{#IMAGE}}<a class="msg-image" href="/talk/{{CODE}}/files/{{FILE_ID}}" target="_blank" rel="noopener"><img src="/talk/{{CODE}}/files/{{FILE_ID}}" alt="{{FILE_NAME}}"{{#SIZED}} width="{{WIDTH}}" height="{{HEIGHT}}"{{/SIZED}}></a>{{/IMAGE}}
{{#FILE}}<a class="msg-file" href="/talk/{{CODE}}/files/{{FILE_ID}}" download="{{FILE_NAME}}"><svg class="msg-file-icon" aria-hidden="true" viewBox="0 0 24 24" width="22" height="22"><path d="M6 2h8l5 5v15H6z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/><path d="M14 2v5h5" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/></svg><span class="msg-file-name">{{FILE_NAME}}</span> <span class="msg-file-size">{{FILE_SIZE}}</span></a>{{/FILE}}
{{#HAS_BODY}}<p class="msg-text">{{#BODY_PARTS}}{{#IS_LINK}}<a href="{{PART}}" rel="noopener noreferrer nofollow" target="_blank">{{PART:pre_escape}}</a>{{/IS_LINK}}{{#IS_PLAIN}}{{PART:pre_escape}}{{/IS_PLAIN}}{{/BODY_PARTS}}</p>{{/HAS_BODY}}
{{#FRIEND_REQUEST}}<form method="post" action="/talk/{{CODE}}/friend" class="msg-action"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="talk-friend">[[talk.friend_add]]</button></form>{{/FRIEND_REQUEST}}
</div>
{{#UNREAD}}<span class="msg-unread" title="[[talk.unread]]"><span aria-hidden="true">1</span><span class="visually-hidden">[[talk.unread]]</span></span>{{/UNREAD}}<time class="msg-time" datetime="{{DAY}}T{{TIME}}">{{TIME}}</time>
</div>
</li>
{{/MESSAGES}}

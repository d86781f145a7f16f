{{%AUTOESCAPE context="HTML"}}{{#MESSAGES}}{{#TIMELINE}}<li class="timeline" id="m{{MESSAGE_ID}}" data-id="{{MESSAGE_ID}}"><p>{{TIMELINE_TEXT}} <time>{{AT}}</time></p></li>{{/TIMELINE}}{{#BUBBLE}}<li class="msg from-{{SENDER}}{{#FROM_SYSTEM}} automatic{{/FROM_SYSTEM}}" id="m{{MESSAGE_ID}}" data-id="{{MESSAGE_ID}}"{{#FROM_SYSTEM}} data-automatic="1"{{/FROM_SYSTEM}}>
<div class="bubble">
<p class="msg-head">{{#FROM_AGENT}}<span class="sender agent">{{AGENT_NAME}}</span>{{/FROM_AGENT}}{{#FROM_CUSTOMER}}<span class="sender">{{CUSTOMER}}</span>{{/FROM_CUSTOMER}}{{#FROM_SYSTEM}}<span class="sender automatic">[[hours.automatic]]</span>{{/FROM_SYSTEM}} <time>{{AT}}</time></p>
{{#FRIEND_REQUEST}}<p class="kind">[[inbox.msg.friend_request]]</p>{{/FRIEND_REQUEST}}
{{#HAS_TEXT}}<p class="text">{{#BODY_PARTS}}{{#IS_LINK}}<a href="{{PART}}" rel="noopener noreferrer nofollow" target="_blank">{{PART:pre_escape}}</a>{{/IS_LINK}}{{#IS_PLAIN}}{{PART:pre_escape}}{{/IS_PLAIN}}{{/BODY_PARTS}}</p>{{/HAS_TEXT}}
{{#IMAGE}}<a class="image" href="{{FILE_URL}}" data-viewer><img src="{{FILE_URL}}" alt="{{FILE_NAME}}"{{#SIZED}} width="{{WIDTH}}" height="{{HEIGHT}}"{{/SIZED}}></a>{{/IMAGE}}
{{#FILE}}<p class="file"><a href="{{FILE_URL}}" download="{{FILE_NAME}}">{{FILE_NAME}}</a> <small>{{FILE_SIZE}}</small></p>{{/FILE}}
{{#FILE_GONE}}<p class="hint">[[inbox.msg.file_gone]]</p>{{/FILE_GONE}}
{{#UNDELIVERED}}<p class="hint">[[inbox.msg.undelivered]]</p>{{/UNDELIVERED}}
</div>
</li>{{/BUBBLE}}
{{/MESSAGES}}

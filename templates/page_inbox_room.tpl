{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<link rel="stylesheet" href="/static/inbox.css">
<script src="/static/inbox.js" defer></script>
<div class="room-page" data-room-page data-events="/events/a/{{ACCOUNT_CODE}}" data-room="{{ROOM_ID}}" data-messages-url="{{ROOM_URL}}/messages" data-last-id="{{LAST_ID}}" data-unread-url="/a/{{ACCOUNT_CODE}}/chats/unread"{{#LIVE}} data-live="1"{{/LIVE}}>
<p class="back-link"><a href="{{LIST_URL}}">[[inbox.back_to_list]]</a></p>
{{#DONE_sent}}<p class="notice" role="status">[[inbox.done.sent]]</p>{{/DONE_sent}}
{{#DONE_renamed}}<p class="notice" role="status">[[inbox.done.renamed]]</p>{{/DONE_renamed}}
{{#DONE_memo}}<p class="notice" role="status">[[inbox.done.memo]]</p>{{/DONE_memo}}
{{#DONE_labels}}<p class="notice" role="status">[[inbox.done.labels]]</p>{{/DONE_labels}}
{{#DONE_completed}}<p class="notice" role="status">[[inbox.done.completed]]</p>{{/DONE_completed}}
{{#DONE_friend_request}}<p class="notice" role="status">[[inbox.done.friend_request]]</p>{{/DONE_friend_request}}
{{#DONE_already_friend}}<p class="notice warn" role="status">[[inbox.done.already_friend]]</p>{{/DONE_already_friend}}
<div class="room-layout">
<section class="panel conversation" aria-labelledby="room-title">
  <div class="room-head">
    <h1 id="room-title">{{ROOM_TITLE}}</h1>
    <span class="tag st-{{STATUS}}">{{STATUS_TEXT}}</span>{{#IMPORTANT}} <span class="tag important">[[inbox.important]]</span>{{/IMPORTANT}}{{#BLOCKED}} <span class="tag blocked">[[inbox.blocked]]</span>{{/BLOCKED}}
    <span class="chips">{{#ROOM_LABELS}}<span class="chip {{LABEL_CLASS}}">{{LABEL_NAME}}</span>{{/ROOM_LABELS}}</span>
  </div>
  {{#HAS_REQUEST_ANSWERS}}<section class="request-answers" aria-label="[[faq.inbox.request]]">
    <h2>[[faq.inbox.request]]</h2>
    <dl class="facts">{{#REQUEST_ANSWERS}}<dt>{{PROMPT}}</dt><dd>{{ANSWER}}</dd>{{/REQUEST_ANSWERS}}</dl>
  </section>{{/HAS_REQUEST_ANSWERS}}
  {{#HAS_OLDER}}<p class="older"><a href="{{OLDER_URL}}">[[inbox.older]]</a></p>{{/HAS_OLDER}}
  {{#OLDER_SHOWN}}<p class="older"><a href="{{ROOM_URL}}">[[inbox.newest]]</a></p>{{/OLDER_SHOWN}}
  <div class="message-scroll" data-scroll><ol class="messages" data-messages>
{{>MESSAGES_PART}}
  </ol></div>
  {{#NO_MESSAGES}}<p class="empty">[[inbox.no_messages]]</p>{{/NO_MESSAGES}}
  {{#SESSION_ENDED}}<p class="notice warn" role="status">[[inbox.session_ended]]</p>{{/SESSION_ENDED}}
  {{#MESSAGE_REFUSED}}<p class="error" role="alert">{{MESSAGE_ERROR}}</p>{{/MESSAGE_REFUSED}}
  <form method="post" action="{{ROOM_URL}}/messages" enctype="multipart/form-data" class="send-form" data-send-form data-error-network="[[inbox.err.network]]" data-error-too-large="[[inbox.err.too_large]]" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="client_id" value="{{CLIENT_ID}}">
    <label for="text">[[inbox.send.text]]</label>
    <textarea id="text" name="text" maxlength="1000" rows="3" data-replies-url="/a/{{ACCOUNT_CODE}}/replies.json" aria-describedby="replies-hint"{{#TEXT_INVALID}} aria-invalid="true"{{/TEXT_INVALID}}>{{TEXT:pre_escape}}</textarea>
    <ul class="reply-picker" data-reply-picker role="listbox" aria-label="[[faq.replies.title]]" hidden></ul>
    <p class="hint" id="replies-hint">[[faq.inbox.replies_hint]] <a href="/a/{{ACCOUNT_CODE}}/replies?room={{ROOM_ID}}" data-replies-link>[[faq.inbox.replies]]</a></p>
    {{#TEXT_INVALID}}<p class="error">{{TEXT_ERROR}}</p>{{/TEXT_INVALID}}
    <label for="file">[[inbox.send.file]]</label>
    <input id="file" name="file" type="file"{{#FILE_INVALID}} aria-invalid="true"{{/FILE_INVALID}}>
    <p class="hint">[[inbox.send.file_hint]]</p>
    {{#FILE_INVALID}}<p class="error">{{FILE_ERROR}}</p>{{/FILE_INVALID}}
    <p class="error" role="alert" data-send-error hidden></p>
    <button type="submit" class="primary">[[inbox.send.submit]]</button>
  </form>
  <fieldset class="coming-tools" disabled>
    <legend>[[inbox.coming.title]] <small>[[menu.coming]]</small></legend>
    <button type="button" disabled>[[inbox.coming.coupon]]</button>
    <p class="hint">[[inbox.coming.hint]]</p>
  </fieldset>
</section>
<aside class="room-side">
  <section class="panel summary">
    <h2>[[inbox.summary]]</h2>
    <dl class="facts">
      <dt>[[inbox.summary.customer]]</dt><dd>{{CUSTOMER}}</dd>
      {{#RENAMED}}<dt>[[inbox.summary.room_name]]</dt><dd>{{ROOM_TITLE}}</dd>{{/RENAMED}}
      <dt>[[inbox.summary.friend]]</dt><dd>{{#FRIEND}}[[inbox.summary.friend_yes]]{{/FRIEND}}{{#NOT_FRIEND}}[[inbox.summary.friend_no]]{{/NOT_FRIEND}}</dd>
      <dt>[[inbox.summary.blocked]]</dt><dd>{{#BLOCKED}}[[inbox.summary.blocked_yes]]{{/BLOCKED}}{{#NOT_BLOCKED}}[[inbox.summary.blocked_no]]{{/NOT_BLOCKED}}</dd>
      <dt>[[inbox.summary.ref]]</dt><dd>{{INFLOW}}</dd>
      <dt>[[inbox.summary.referrer]]</dt><dd class="referrer">{{#REFERRER_LINK}}<a href="{{REFERRER}}" rel="noopener noreferrer nofollow" target="_blank">{{REFERRER}}</a>{{/REFERRER_LINK}}{{#REFERRER_TEXT}}<span>{{REFERRER}}</span>{{/REFERRER_TEXT}}{{#NO_REFERRER}}[[inbox.summary.none]]{{/NO_REFERRER}}</dd>
      <dt>[[inbox.summary.first_contact]]</dt><dd>{{FIRST_CONTACT}}</dd>
      <dt>[[inbox.summary.last_customer]]</dt><dd>{{LAST_CUSTOMER}}</dd>
      <dt>[[inbox.summary.assignee]]</dt><dd>{{#ASSIGNED}}{{ASSIGNEE}}{{/ASSIGNED}}{{#UNASSIGNED}}[[inbox.summary.unassigned]]{{/UNASSIGNED}}</dd>
      <dt>[[inbox.summary.session]]</dt><dd>{{#SESSION_OPEN}}[[inbox.summary.session_open]]{{/SESSION_OPEN}}{{#SESSION_ENDED}}[[inbox.summary.session_ended]]{{/SESSION_ENDED}}</dd>
    </dl>
    {{#HIDDEN}}<p class="hint">[[inbox.summary.hidden]]</p>{{/HIDDEN}}
  </section>
  <section class="panel tools">
    <h2>[[inbox.tools]]</h2>
    <div class="tool-buttons">
    {{#CAN_COMPLETE}}<form method="post" action="{{ROOM_URL}}/complete"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">[[inbox.tools.complete]]</button></form>{{/CAN_COMPLETE}}
    {{#NOT_FRIEND}}<form method="post" action="{{ROOM_URL}}/friend-request"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="client_id" value="{{CLIENT_ID}}f"><button type="submit">[[inbox.tools.friend_request]]</button></form>{{/NOT_FRIEND}}
    <a class="button" href="{{ROOM_URL}}/coupons">[[coupon.send.link]]</a>
    <form method="post" action="/a/{{ACCOUNT_CODE}}/chats/bulk">
      <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="room" value="{{ROOM_ID}}"><input type="hidden" name="back" value="{{ROOM_URL}}">
      {{#NOT_IMPORTANT}}<button type="submit" name="action" value="important">[[inbox.action.important]]</button>{{/NOT_IMPORTANT}}
      {{#IMPORTANT}}<button type="submit" name="action" value="unimportant">[[inbox.action.unimportant]]</button>{{/IMPORTANT}}
    </form>
    </div>
    <form method="post" action="/a/{{ACCOUNT_CODE}}/chats/bulk" class="tool inline">
      <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="room" value="{{ROOM_ID}}"><input type="hidden" name="back" value="{{ROOM_URL}}"><input type="hidden" name="action" value="assign">
      <label for="r-assignee" class="sr-label">[[inbox.bulk.assignee]]</label>
      <select id="r-assignee" name="assignee">
        <option value="none">[[inbox.bulk.no_assignee]]</option>
        {{#ASSIGN_CHOICES}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>{{/ASSIGN_CHOICES}}
      </select>
      <button type="submit">[[inbox.action.assign]]</button>
    </form>
    <form method="post" action="/a/{{ACCOUNT_CODE}}/chats/bulk" class="tool inline">
      <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="room" value="{{ROOM_ID}}"><input type="hidden" name="back" value="{{ROOM_URL}}"><input type="hidden" name="action" value="group">
      <label for="r-group" class="sr-label">[[inbox.bulk.group]]</label>
      <select id="r-group" name="group">
        <option value="">[[inbox.bulk.new_group_option]]</option>
        {{#GROUP_CHOICES}}<option value="{{VALUE}}">{{TEXT}}</option>{{/GROUP_CHOICES}}
      </select>
      <input type="text" name="new_group" maxlength="30" placeholder="[[inbox.bulk.new_group]]" aria-label="[[inbox.bulk.new_group]]">
      <button type="submit">[[inbox.action.group]]</button>
    </form>
    <form method="post" action="/a/{{ACCOUNT_CODE}}/chats/bulk" class="tool">
      <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="room" value="{{ROOM_ID}}"><input type="hidden" name="back" value="{{ROOM_URL}}">
      {{#NOT_BLOCKED}}<button type="submit" name="action" value="block" class="danger">[[inbox.action.block]]</button>{{/NOT_BLOCKED}}
      {{#BLOCKED}}<button type="submit" name="action" value="unblock">[[inbox.action.unblock]]</button>{{/BLOCKED}}
      <button type="submit" name="action" value="leave" class="danger">[[inbox.action.leave]]</button>
    </form>
  </section>
  <section class="panel">
    <h2><label for="name">[[inbox.rename]]</label></h2>
    <form method="post" action="{{ROOM_URL}}/rename" novalidate>
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <input id="name" name="name" type="text" value="{{NAME}}" maxlength="30" placeholder="{{CUSTOMER}}"{{#NAME_INVALID}} aria-invalid="true"{{/NAME_INVALID}}>
      <p class="hint">[[inbox.rename.hint]]</p>
      {{#NAME_INVALID}}<p class="error">{{NAME_ERROR}}</p>{{/NAME_INVALID}}
      <button type="submit">[[common.save]]</button>
    </form>
  </section>
  <section class="panel">
    <h2><label for="memo">[[inbox.memo]]</label></h2>
    <form method="post" action="{{ROOM_URL}}/memo" novalidate>
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <textarea id="memo" name="memo" maxlength="1000"{{#MEMO_INVALID}} aria-invalid="true"{{/MEMO_INVALID}}>{{MEMO:pre_escape}}</textarea>
      <p class="hint">[[inbox.memo.hint]]</p>
      {{#MEMO_INVALID}}<p class="error">{{MEMO_ERROR}}</p>{{/MEMO_INVALID}}
      <button type="submit">[[common.save]]</button>
    </form>
  </section>
  <section class="panel">
    <h2>[[inbox.labels]]</h2>
    {{#HAS_LABELS}}<form method="post" action="{{ROOM_URL}}/labels">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <div class="label-checks">{{#LABEL_CHOICES}}<label class="check"><input type="checkbox" name="label" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}> <span class="chip {{LABEL_CLASS}}">{{TEXT}}</span></label>{{/LABEL_CHOICES}}</div>
      {{#LABELS_INVALID}}<p class="error">{{LABELS_ERROR}}</p>{{/LABELS_INVALID}}
      <button type="submit">[[common.save]]</button>
    </form>{{/HAS_LABELS}}
    {{#NO_LABELS}}<p class="hint">[[inbox.labels.none_yet]]</p>{{/NO_LABELS}}
    <p><a href="/a/{{ACCOUNT_CODE}}/labels">[[inbox.link.labels]]</a></p>
  </section>
</aside>
</div>
</div>
{{>FOOT}}

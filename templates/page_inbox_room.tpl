{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<link rel="stylesheet" href="/static/inbox.css">
<script src="/static/inbox.js" defer></script>
<a class="skip-link" href="#room-list">[[inbox.skip_to_list]]</a>
<div class="workspace has-room" data-workspace data-account="{{ACCOUNT_CODE}}" data-events="/events/a/{{ACCOUNT_CODE}}" data-since="{{SINCE}}" data-fragment="{{FRAGMENT_URL}}" data-unread-url="/a/{{ACCOUNT_CODE}}/chats/unread"{{#FIRST_PAGE}} data-live="1"{{/FIRST_PAGE}} data-partner="{{PARTNER_ID}}" data-notify="{{NOTIFY}}" data-quiet="{{QUIET}}" data-signed-out="[[session.signed_out]]" data-login="/login" data-new-message="[[inbox.announce.new_message]]">
<p class="sr-label" role="status" aria-live="polite" data-announce></p>
<section class="pane-list" id="room-list" tabindex="-1" aria-label="[[inbox.list_pane]]">
{{>LIST_PANE}}
</section>
<section class="pane-room" data-room-pane data-room="{{ROOM_ID}}" data-messages-url="{{ROOM_URL}}/messages" data-last-id="{{LAST_ID}}" data-presence-url="{{ROOM_URL}}/presence" data-viewing="[[inbox.presence.viewing]]" data-typing="[[inbox.presence.typing]]"{{#LIVE}} data-live="1"{{/LIVE}} aria-labelledby="room-title">
  <div class="room-head">
    <a class="back-link" href="{{LIST_URL}}" aria-label="[[inbox.back_to_list]]">[[inbox.back_to_list]]</a>
    <h1 id="room-title">{{ROOM_TITLE}}</h1>
    <span class="room-tags" data-room-tags><span class="tag st-{{STATUS}}" data-room-status>{{STATUS_TEXT}}</span>{{#IMPORTANT}} <span class="tag important">[[inbox.important]]</span>{{/IMPORTANT}}{{#BLOCKED}} <span class="tag blocked">[[inbox.blocked]]</span>{{/BLOCKED}}
    <span class="chips">{{#ROOM_LABELS}}<span class="chip {{LABEL_CLASS}}">{{LABEL_NAME}}</span>{{/ROOM_LABELS}}</span></span>
    <a class="details-link" href="#room-details">[[inbox.details]]</a>
    <p class="presence" data-presence role="status" hidden></p>
  </div>
  {{#BULK_REPORT}}<p class="notice" role="status">{{BULK_TEXT}}</p>{{/BULK_REPORT}}
  {{#DONE_sent}}<p class="notice" role="status">[[inbox.done.sent]]</p>{{/DONE_sent}}
  {{#DONE_coupon_sent}}<p class="notice" role="status">[[inbox.done.coupon_sent]]</p>{{/DONE_coupon_sent}}
  {{#DONE_renamed}}<p class="notice" role="status">[[inbox.done.renamed]]</p>{{/DONE_renamed}}
  {{#DONE_memo}}<p class="notice" role="status">[[inbox.done.memo]]</p>{{/DONE_memo}}
  {{#DONE_labels}}<p class="notice" role="status">[[inbox.done.labels]]</p>{{/DONE_labels}}
  {{#DONE_details}}<p class="notice" role="status">[[inbox.done.details]]</p>{{/DONE_details}}
  {{#DONE_completed}}<p class="notice" role="status">[[inbox.done.completed]]</p>{{/DONE_completed}}
  {{#DONE_friend_request}}<p class="notice" role="status">[[inbox.done.friend_request]]</p>{{/DONE_friend_request}}
  {{#DONE_already_friend}}<p class="notice warn" role="status">[[inbox.done.already_friend]]</p>{{/DONE_already_friend}}
  {{#DONE_restored}}<p class="notice" role="status">[[inbox.done.restored]]</p>{{/DONE_restored}}
  {{#DONE_blocked}}<p class="notice" role="status">[[inbox.done.blocked]]</p>{{/DONE_blocked}}
  {{#HIDDEN}}<form method="post" action="{{ROOM_URL}}/restore{{LIST_QUERY}}" class="notice warn left-notice"><input type="hidden" name="csrf" value="{{CSRF}}">[[inbox.summary.hidden]] <button type="submit" class="link">[[inbox.action.restore]]</button></form>{{/HIDDEN}}
  <div class="message-scroll" data-scroll>
    {{#HAS_REQUEST_ANSWERS}}<section class="request-answers" aria-label="[[faq.inbox.request]]">
      <h2>[[faq.inbox.request]]</h2>
      <dl class="facts">{{#REQUEST_ANSWERS}}<dt>{{PROMPT}}</dt><dd>{{ANSWER}}</dd>{{/REQUEST_ANSWERS}}</dl>
    </section>{{/HAS_REQUEST_ANSWERS}}
    {{#HAS_OLDER}}<p class="older"><a href="{{OLDER_URL}}">[[inbox.older]]</a></p>{{/HAS_OLDER}}
    {{#OLDER_SHOWN}}<p class="older"><a href="{{ROOM_URL}}{{LIST_QUERY}}">[[inbox.newest]]</a></p>{{/OLDER_SHOWN}}
    <ol class="messages" data-messages aria-live="polite" aria-relevant="additions" aria-label="[[inbox.messages]]">
{{>MESSAGES_PART}}
    </ol>
    {{#NO_MESSAGES}}<p class="empty">[[inbox.no_messages]]</p>{{/NO_MESSAGES}}
  </div>
  {{#SESSION_ENDED}}<p class="notice warn" role="status">[[inbox.session_ended]]</p>{{/SESSION_ENDED}}
  {{#MESSAGE_REFUSED}}<p class="error" role="alert">{{MESSAGE_ERROR}}</p>{{/MESSAGE_REFUSED}}
  <form method="post" action="{{ROOM_URL}}/messages{{LIST_QUERY}}" enctype="multipart/form-data" class="send-form" data-send-form data-error-network="[[inbox.err.network]]" data-error-too-large="[[inbox.err.too_large]]" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="client_id" value="{{CLIENT_ID}}">
    <label for="text" class="sr-label">[[inbox.send.text]]</label>
    <div class="composer">
      <input id="file" name="file" type="file" class="file-input"{{#FILE_INVALID}} aria-invalid="true"{{/FILE_INVALID}} aria-describedby="file-hint">
      <label for="file" class="attach" title="[[inbox.send.file]]"><span aria-hidden="true">+</span><span class="sr-label">[[inbox.send.file]]</span></label>
      <textarea id="text" name="text" data-maxlength="1000" rows="2" data-replies-url="/a/{{ACCOUNT_CODE}}/replies.json" data-replies-none="[[inbox.replies.none]]" aria-describedby="replies-hint" placeholder="[[inbox.send.placeholder]]" data-placeholder-keys="[[inbox.send.placeholder_keys]]"{{#TEXT_INVALID}} aria-invalid="true"{{/TEXT_INVALID}}>{{TEXT:pre_escape}}</textarea>
      <button type="submit" class="send">[[inbox.send.submit]]</button>
    </div>
    <ul class="reply-picker" data-reply-picker role="listbox" aria-label="[[faq.replies.title]]" hidden></ul>
    <p class="file-chosen" data-file-chosen hidden><span data-file-name></span> <button type="button" class="link" data-file-clear>[[inbox.send.file_clear]]</button></p>
    {{#TEXT_INVALID}}<p class="error">{{TEXT_ERROR}}</p>{{/TEXT_INVALID}}
    {{#FILE_INVALID}}<p class="error">{{FILE_ERROR}}</p>{{/FILE_INVALID}}
    <p class="error" role="alert" data-send-error hidden></p>
    <p class="hint composer-hint"><span id="replies-hint"><span class="hint-text">[[faq.inbox.replies_hint]]</span> <a href="{{REPLIES_URL}}" data-replies-link>[[faq.inbox.replies]]</a></span> <span id="file-hint">[[inbox.send.file_hint]]</span></p>
  </form>
</section>
<aside class="pane-details" id="room-details" data-details-pane aria-label="[[inbox.details]]">
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
  </section>
  <section class="panel tools">
    <h2>[[inbox.tools]]</h2>
    <div class="tool-buttons">
    {{#CAN_COMPLETE}}<form method="post" action="{{ROOM_URL}}/complete{{LIST_QUERY}}"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">[[inbox.tools.complete]]</button></form>{{/CAN_COMPLETE}}
    {{#NOT_FRIEND}}<form method="post" action="{{ROOM_URL}}/friend-request{{LIST_QUERY}}"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="client_id" value="{{CLIENT_ID}}f"><button type="submit">[[inbox.tools.friend_request]]</button></form>{{/NOT_FRIEND}}
    <a class="button" href="{{COUPONS_URL}}">[[coupon.send.link]]</a>
    <form method="post" action="/a/{{ACCOUNT_CODE}}/chats/bulk">
      <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="room" value="{{ROOM_ID}}"><input type="hidden" name="back" value="{{ROOM_URL}}{{LIST_QUERY}}"><input type="hidden" name="ask" value="1">
      {{#NOT_IMPORTANT}}<button type="submit" name="action" value="important">[[inbox.action.important]]</button>{{/NOT_IMPORTANT}}
      {{#IMPORTANT}}<button type="submit" name="action" value="unimportant">[[inbox.action.unimportant]]</button>{{/IMPORTANT}}
    </form>
    </div>
    <form method="post" action="/a/{{ACCOUNT_CODE}}/chats/bulk" class="tool inline">
      <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="room" value="{{ROOM_ID}}"><input type="hidden" name="back" value="{{ROOM_URL}}{{LIST_QUERY}}"><input type="hidden" name="action" value="assign"><input type="hidden" name="ask" value="1">
      <label for="r-assignee" class="sr-label">[[inbox.bulk.assignee]]</label>
      <select id="r-assignee" name="assignee">
        <option value="none">[[inbox.bulk.no_assignee]]</option>
        {{#ASSIGN_CHOICES}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>{{/ASSIGN_CHOICES}}
      </select>
      <button type="submit">[[inbox.action.assign]]</button>
    </form>
    <form method="post" action="/a/{{ACCOUNT_CODE}}/chats/bulk" class="tool inline">
      <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="room" value="{{ROOM_ID}}"><input type="hidden" name="back" value="{{ROOM_URL}}{{LIST_QUERY}}"><input type="hidden" name="action" value="group"><input type="hidden" name="ask" value="1">
      <label for="r-group" class="sr-label">[[inbox.bulk.group]]</label>
      <select id="r-group" name="group">
        <option value="">[[inbox.bulk.new_group_option]]</option>
        {{#GROUP_CHOICES}}<option value="{{VALUE}}">{{TEXT}}</option>{{/GROUP_CHOICES}}
      </select>
      <input type="text" name="new_group" data-maxlength="30" placeholder="[[inbox.bulk.new_group]]" aria-label="[[inbox.bulk.new_group]]">
      <button type="submit">[[inbox.action.group]]</button>
    </form>
    <div class="tool danger-tools">
      {{#NOT_BLOCKED}}<a class="button danger" href="{{ROOM_URL}}/block{{LIST_QUERY}}" data-confirm="[[inbox.confirm.block]]" data-confirm-yes="[[inbox.confirm.yes_block]]">[[inbox.action.block]]</a>{{/NOT_BLOCKED}}
      {{#BLOCKED}}<form method="post" action="/a/{{ACCOUNT_CODE}}/chats/bulk"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="room" value="{{ROOM_ID}}"><input type="hidden" name="back" value="{{ROOM_URL}}{{LIST_QUERY}}"><input type="hidden" name="ask" value="1"><button type="submit" name="action" value="unblock">[[inbox.action.unblock]]</button></form>{{/BLOCKED}}
      <a class="button danger" href="{{ROOM_URL}}/leave{{LIST_QUERY}}" data-confirm="[[inbox.confirm.leave]]" data-confirm-yes="[[inbox.confirm.yes_leave]]">[[inbox.action.leave]]</a>
    </div>
  </section>
  <section class="panel">
    <h2>[[inbox.details_form]]</h2>
    <form method="post" action="{{ROOM_URL}}/details{{LIST_QUERY}}" class="details-form" data-details-form data-saved="[[inbox.done.details]]" novalidate>
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <input type="hidden" name="was" value="1"><input type="hidden" name="name_was" value="{{STORED_NAME}}" data-was="name"><input type="hidden" name="memo_was" value="{{STORED_MEMO}}" data-was="memo">
      <span data-labels-was>{{#LABEL_CHOICES}}{{#ON_ROOM}}<input type="hidden" name="label_was" value="{{VALUE}}">{{/ON_ROOM}}{{/LABEL_CHOICES}}</span>
      <label for="name">[[inbox.rename]]</label>
      <input id="name" name="name" type="text" value="{{NAME}}" data-maxlength="30" placeholder="{{CUSTOMER}}" aria-describedby="name-hint"{{#NAME_INVALID}} aria-invalid="true"{{/NAME_INVALID}}>
      <p class="hint" id="name-hint">[[inbox.rename.hint]]</p>
      {{#NAME_INVALID}}<p class="error">{{NAME_ERROR}}</p>{{/NAME_INVALID}}
      <label for="memo">[[inbox.memo]]</label>
      <textarea id="memo" name="memo" data-maxlength="1000" aria-describedby="memo-hint"{{#MEMO_INVALID}} aria-invalid="true"{{/MEMO_INVALID}}>{{MEMO:pre_escape}}</textarea>
      <p class="hint" id="memo-hint">[[inbox.memo.hint]]</p>
      {{#MEMO_INVALID}}<p class="error">{{MEMO_ERROR}}</p>{{/MEMO_INVALID}}
      <fieldset class="label-set">
        <legend>[[inbox.labels]]</legend>
        {{#HAS_LABELS}}<div class="label-checks">{{#LABEL_CHOICES}}<label class="check"><input type="checkbox" name="label" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}> <span class="chip {{LABEL_CLASS}}">{{TEXT}}</span></label>{{/LABEL_CHOICES}}</div>{{/HAS_LABELS}}
        {{#NO_LABELS}}<p class="hint">[[inbox.labels.none_yet]]</p>{{/NO_LABELS}}
        {{#LABELS_INVALID}}<p class="error">{{LABELS_ERROR}}</p>{{/LABELS_INVALID}}
        <p class="hint"><a href="/a/{{ACCOUNT_CODE}}/labels">[[inbox.link.labels]]</a></p>
      </fieldset>
      <p class="hint" role="status" data-details-status></p>
      <button type="submit">[[inbox.details_save]]</button>
    </form>
  </section>
</aside>
<dialog class="confirm-dialog" data-confirm-dialog aria-labelledby="confirm-text">
  <form method="post" data-confirm-form>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <p id="confirm-text" data-confirm-text></p>
    <div class="dialog-buttons">
      <button type="button" value="cancel" data-confirm-cancel>[[inbox.confirm.cancel]]</button>
      <button type="submit" class="danger" data-confirm-yes></button>
    </div>
  </form>
</dialog>
<dialog class="viewer" data-viewer aria-label="[[inbox.viewer]]">
  <img alt="" data-viewer-image>
  <p class="viewer-bar"><a data-viewer-open href="#" target="_blank" rel="noopener">[[inbox.viewer.original]]</a> <button type="button" data-viewer-close>[[inbox.viewer.close]]</button></p>
</dialog>
</div>
{{>FOOT}}

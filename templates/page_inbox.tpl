{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<link rel="stylesheet" href="/static/inbox.css">
<script src="/static/inbox.js" defer></script>
<a class="skip-link" href="#room-list">[[inbox.skip_to_list]]</a>
<div class="workspace" data-workspace data-account="{{ACCOUNT_CODE}}" data-events="/events/a/{{ACCOUNT_CODE}}" data-since="{{SINCE}}" data-fragment="{{FRAGMENT_URL}}" data-unread-url="/a/{{ACCOUNT_CODE}}/chats/unread" data-partner="{{PARTNER_ID}}" data-notify="{{NOTIFY}}" data-quiet="{{QUIET}}"{{#FIRST_PAGE}} data-live="1"{{/FIRST_PAGE}} data-signed-out="[[session.signed_out]]" data-login="/login" data-new-message="[[inbox.announce.new_message]]">
<p class="sr-label" role="status" aria-live="polite" data-announce></p>
<section class="pane-list" id="room-list" tabindex="-1" aria-label="[[inbox.list_pane]]">
{{#BULK_REPORT}}<p class="notice" role="status">{{BULK_TEXT}}</p>{{/BULK_REPORT}}
{{#BULK_NONE}}<p class="notice warn" role="status">[[inbox.done.none]]</p>{{/BULK_NONE}}
{{#LEFT_NOTICE}}<form method="post" action="{{RESTORE_URL}}" class="notice left-notice" role="status"><input type="hidden" name="csrf" value="{{CSRF}}">[[inbox.done.left]] <button type="submit" class="link">[[inbox.action.restore]]</button></form>{{/LEFT_NOTICE}}
{{>LIST_PANE}}
</section>
<section class="pane-room pane-empty" data-room-pane aria-label="[[inbox.room_pane]]">
  <p class="empty">[[inbox.choose_room]]</p>
</section>
</div>
{{>FOOT}}

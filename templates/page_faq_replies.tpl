{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel">
  <h1>[[faq.replies.title]]</h1>
  <p class="lead">[[faq.replies.lead]]</p>
  {{#PICKING}}<p class="notice" role="status">[[faq.replies.picking]] <a href="/a/{{ACCOUNT_CODE}}/chats/{{ROOM}}{{LIST}}">[[faq.replies.back_to_room]]</a></p>{{/PICKING}}
  {{#DONE_created}}<p class="notice" role="status">[[faq.replies.done_created]]</p>{{/DONE_created}}
  {{#DONE_saved}}<p class="notice" role="status">[[common.saved]]</p>{{/DONE_saved}}
  {{#DONE_deleted}}<p class="notice" role="status">[[faq.replies.done_deleted]]</p>{{/DONE_deleted}}
  <form method="get" action="/a/{{ACCOUNT_CODE}}/replies" class="inline" role="search">
    {{#PICKING}}<input type="hidden" name="room" value="{{ROOM}}"><input type="hidden" name="list" value="{{LIST}}">{{/PICKING}}
    <label for="replies-q">[[faq.replies.search]]</label>
    <input id="replies-q" name="q" type="search" data-maxlength="100" value="{{Q}}"{{#Q_INVALID}} aria-invalid="true" aria-describedby="replies-q-error"{{/Q_INVALID}}>
    {{#Q_INVALID}}<p class="error" id="replies-q-error" role="alert">{{Q_ERROR}}</p>{{/Q_INVALID}}
    <button type="submit">[[faq.replies.search_button]]</button>
  </form>
  {{#NO_REPLIES}}<p class="hint">[[faq.replies.empty]]</p>{{/NO_REPLIES}}
  <ul class="faq-list">
  {{#REPLIES}}<li class="faq-entry">
    <div class="faq-line"><strong class="faq-q">{{SHOWN_TITLE}}</strong>{{#PICK}} <a class="button" href="{{PICK_URL}}">[[faq.replies.pick]]</a>{{/PICK}}</div>
    <p class="faq-a">{{SHOWN_TEXT}}</p>
    <details{{#EDIT_OPEN}} open{{/EDIT_OPEN}}>
      <summary>[[faq.edit]]</summary>
      <form method="post" action="/a/{{ACCOUNT_CODE}}/replies/{{REPLY_ID}}" novalidate>
        <input type="hidden" name="csrf" value="{{CSRF}}">
        <label for="rt-{{REPLY_ID}}">[[faq.replies.reply_title]]</label>
        <input id="rt-{{REPLY_ID}}" name="title" type="text" data-maxlength="50" value="{{TITLE}}"{{#TITLE_INVALID}} aria-invalid="true"{{/TITLE_INVALID}}>
        {{#TITLE_INVALID}}<p class="error">{{TITLE_ERROR}}</p>{{/TITLE_INVALID}}
        <label for="rx-{{REPLY_ID}}">[[faq.replies.text]]</label>
        <textarea id="rx-{{REPLY_ID}}" name="text" data-maxlength="1000" rows="4"{{#TEXT_INVALID}} aria-invalid="true"{{/TEXT_INVALID}}>{{TEXT:pre_escape}}</textarea>
        {{#TEXT_INVALID}}<p class="error">{{TEXT_ERROR}}</p>{{/TEXT_INVALID}}
        <button type="submit">[[common.save]]</button>
      </form>
      <form method="post" action="/a/{{ACCOUNT_CODE}}/replies/{{REPLY_ID}}/delete" class="delete-form" data-confirm="[[faq.confirm.delete_reply]]" data-confirm-target="{{SHOWN_TITLE}}">
        <input type="hidden" name="csrf" value="{{CSRF}}">
        <button type="submit" class="danger">[[faq.delete]]</button>
      </form>
    </details>
  </li>
  {{/REPLIES}}
  </ul>
</section>
<section class="panel">
  <h2>[[faq.replies.new]]</h2>
  <form method="post" action="/a/{{ACCOUNT_CODE}}/replies" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="form_key" value="{{FORM_KEY}}">
    <label for="reply-title">[[faq.replies.reply_title]]</label>
    <input id="reply-title" name="title" type="text" data-maxlength="50" value="{{TITLE}}" required{{#TITLE_INVALID}} aria-invalid="true"{{/TITLE_INVALID}}>
    {{#TITLE_INVALID}}<p class="error">{{TITLE_ERROR}}</p>{{/TITLE_INVALID}}
    <label for="reply-text">[[faq.replies.text]]</label>
    <textarea id="reply-text" name="text" data-maxlength="1000" rows="4" required{{#TEXT_INVALID}} aria-invalid="true"{{/TEXT_INVALID}}>{{TEXT:pre_escape}}</textarea>
    {{#TEXT_INVALID}}<p class="error">{{TEXT_ERROR}}</p>{{/TEXT_INVALID}}
    <button type="submit" class="primary">[[faq.replies.add]]</button>
  </form>
</section>
{{>FOOT}}

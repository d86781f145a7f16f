{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<script src="/static/faq.js" defer></script>
<section class="panel">
  <h1>[[faq.title]]</h1>
  <p class="lead">[[faq.lead]]</p>
  {{#DONE_created}}<p class="notice" role="status">[[faq.done.created]]</p>{{/DONE_created}}
  {{#DONE_saved}}<p class="notice" role="status">[[common.saved]]</p>{{/DONE_saved}}
  {{#DONE_deleted}}<p class="notice" role="status">[[faq.done.deleted]]</p>{{/DONE_deleted}}
  {{#DONE_moved}}<p class="notice" role="status">[[faq.done.moved]]</p>{{/DONE_moved}}
  {{#DONE_published}}<p class="notice" role="status">[[faq.done.published]]</p>{{/DONE_published}}
  <form method="post" action="/a/{{ACCOUNT_CODE}}/faq/publish" class="faq-publish" data-faq-publish>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{#PENDING}}<p class="notice warn" data-faq-pending>[[faq.pending]]</p>{{/PENDING}}
    <button type="submit" class="primary">[[faq.publish]]</button>
    <span class="hint">[[faq.publish_hint]]</span>
  </form>
</section>
<section class="panel">
  <h2>[[faq.new]]</h2>
  {{#AT_LIMIT}}<p class="notice warn">[[faq.err.full]]</p>{{/AT_LIMIT}}
  {{#FORM_ERROR}}<p class="error" role="alert">{{FORM_ERROR}}</p>{{/FORM_ERROR}}
  <form method="post" action="/a/{{ACCOUNT_CODE}}/faq" enctype="multipart/form-data" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="form_key" value="{{FORM_KEY}}">
    <label for="faq-question">[[faq.question]]</label>
    <input id="faq-question" name="question" type="text" data-maxlength="100" value="{{QUESTION}}" required{{#QUESTION_INVALID}} aria-invalid="true"{{/QUESTION_INVALID}}>
    <p class="hint">[[faq.question_hint]]</p>
    {{#QUESTION_INVALID}}<p class="error">{{QUESTION_ERROR}}</p>{{/QUESTION_INVALID}}
    <label for="faq-answer">[[faq.answer]]</label>
    <textarea id="faq-answer" name="answer" data-maxlength="1000" rows="4" required{{#ANSWER_INVALID}} aria-invalid="true"{{/ANSWER_INVALID}}>{{ANSWER:pre_escape}}</textarea>
    <p class="hint">[[faq.answer_hint]]</p>
    {{#ANSWER_INVALID}}<p class="error">{{ANSWER_ERROR}}</p>{{/ANSWER_INVALID}}
    <label for="faq-link">[[faq.link]]</label>
    <input id="faq-link" name="link" type="url" data-maxlength="500" value="{{LINK}}" placeholder="https://"{{#LINK_INVALID}} aria-invalid="true"{{/LINK_INVALID}}>
    {{#LINK_INVALID}}<p class="error">{{LINK_ERROR}}</p>{{/LINK_INVALID}}
    <label for="faq-image">[[faq.image]]</label>
    <input id="faq-image" name="image" type="file" accept="image/jpeg,image/png,image/gif,image/webp"{{#IMAGE_INVALID}} aria-invalid="true"{{/IMAGE_INVALID}}>
    <p class="hint">[[faq.image_hint]]</p>
    {{#IMAGE_INVALID}}<p class="error">{{IMAGE_ERROR}}</p>{{/IMAGE_INVALID}}
    <button type="submit" class="primary">[[faq.add]]</button>
  </form>
</section>
<section class="panel">
  <h2>[[faq.list]]</h2>
  {{#NO_ENTRIES}}<p class="hint">[[faq.empty]]</p>{{/NO_ENTRIES}}
  {{#HAS_ENTRIES}}<p class="hint">[[faq.order_hint]]</p>{{/HAS_ENTRIES}}
  <ol class="faq-list" data-faq-list data-order-url="/a/{{ACCOUNT_CODE}}/faq/order" data-csrf="{{CSRF}}">
  {{#ENTRIES}}<li class="faq-entry" data-id="{{ENTRY_ID}}">
    <div class="faq-line">
      <span class="faq-handle" aria-hidden="true">&#8942;&#8942;</span>
      <strong class="faq-q">{{SHOWN_QUESTION}}</strong>
      <span class="faq-moves">
        {{#CAN_UP}}<form method="post" action="/a/{{ACCOUNT_CODE}}/faq/{{ENTRY_ID}}/move"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="form_key" value="{{FORM_KEY}}"><button type="submit" name="dir" value="up" title="[[faq.up]]"><span aria-hidden="true">&#8593;</span><span class="visually-hidden">[[faq.up]] {{NUMBER}}</span></button></form>{{/CAN_UP}}
        {{#CAN_DOWN}}<form method="post" action="/a/{{ACCOUNT_CODE}}/faq/{{ENTRY_ID}}/move"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="form_key" value="{{FORM_KEY}}"><button type="submit" name="dir" value="down" title="[[faq.down]]"><span aria-hidden="true">&#8595;</span><span class="visually-hidden">[[faq.down]] {{NUMBER}}</span></button></form>{{/CAN_DOWN}}
      </span>
    </div>
    <p class="faq-a">{{SHOWN_ANSWER}}</p>
    {{#HAS_LINK}}<p class="faq-link"><a href="{{SHOWN_LINK}}" rel="noopener noreferrer nofollow" target="_blank">{{SHOWN_LINK}}</a></p>{{/HAS_LINK}}
    {{#HAS_IMAGE}}<img class="faq-thumb" src="/a/{{ACCOUNT_CODE}}/faq/{{ENTRY_ID}}/image" alt="" loading="lazy">{{/HAS_IMAGE}}
    <details{{#EDIT_OPEN}} open{{/EDIT_OPEN}}>
      <summary>[[faq.edit]]</summary>
      <form method="post" action="/a/{{ACCOUNT_CODE}}/faq/{{ENTRY_ID}}" enctype="multipart/form-data" novalidate>
        <input type="hidden" name="csrf" value="{{CSRF}}">
        <label for="q-{{ENTRY_ID}}">[[faq.question]]</label>
        <input id="q-{{ENTRY_ID}}" name="question" type="text" data-maxlength="100" value="{{QUESTION}}"{{#QUESTION_INVALID}} aria-invalid="true"{{/QUESTION_INVALID}}>
        {{#QUESTION_INVALID}}<p class="error">{{QUESTION_ERROR}}</p>{{/QUESTION_INVALID}}
        <label for="a-{{ENTRY_ID}}">[[faq.answer]]</label>
        <textarea id="a-{{ENTRY_ID}}" name="answer" data-maxlength="1000" rows="4"{{#ANSWER_INVALID}} aria-invalid="true"{{/ANSWER_INVALID}}>{{ANSWER:pre_escape}}</textarea>
        {{#ANSWER_INVALID}}<p class="error">{{ANSWER_ERROR}}</p>{{/ANSWER_INVALID}}
        <label for="l-{{ENTRY_ID}}">[[faq.link]]</label>
        <input id="l-{{ENTRY_ID}}" name="link" type="url" data-maxlength="500" value="{{LINK}}"{{#LINK_INVALID}} aria-invalid="true"{{/LINK_INVALID}}>
        {{#LINK_INVALID}}<p class="error">{{LINK_ERROR}}</p>{{/LINK_INVALID}}
        <label for="i-{{ENTRY_ID}}">[[faq.image]]</label>
        <input id="i-{{ENTRY_ID}}" name="image" type="file" accept="image/jpeg,image/png,image/gif,image/webp"{{#IMAGE_INVALID}} aria-invalid="true"{{/IMAGE_INVALID}}>
        {{#IMAGE_INVALID}}<p class="error">{{IMAGE_ERROR}}</p>{{/IMAGE_INVALID}}
        {{#HAS_IMAGE}}<label class="check"><input type="checkbox" name="remove_image" value="1"> [[faq.remove_image]]</label>{{/HAS_IMAGE}}
        <button type="submit">[[common.save]]</button>
      </form>
      <form method="post" action="/a/{{ACCOUNT_CODE}}/faq/{{ENTRY_ID}}/delete" class="delete-form" data-confirm="[[faq.confirm.delete_entry]]" data-confirm-target="{{SHOWN_QUESTION}}">
        <input type="hidden" name="csrf" value="{{CSRF}}">
        <button type="submit" class="danger">[[faq.delete]]</button>
      </form>
    </details>
  </li>
  {{/ENTRIES}}
  </ol>
</section>
{{>FOOT}}

{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel">
  <h1>[[faq.menu.title]]</h1>
  <p class="lead">[[faq.menu.lead]]</p>
  {{#DONE_created}}<p class="notice" role="status">[[faq.menu.done_created]]</p>{{/DONE_created}}
  {{#DONE_saved}}<p class="notice" role="status">[[common.saved]]</p>{{/DONE_saved}}
  {{#DONE_deleted}}<p class="notice" role="status">[[faq.menu.done_deleted]]</p>{{/DONE_deleted}}
  <h2>[[faq.menu.new]]</h2>
  {{#AT_LIMIT}}<p class="notice warn">[[faq.err.menu_full]]</p>{{/AT_LIMIT}}
  <form method="post" action="/a/{{ACCOUNT_CODE}}/menu" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="form_key" value="{{FORM_KEY}}">
    <label for="menu-label">[[faq.menu.label]]</label>
    <input id="menu-label" name="label" type="text" data-maxlength="20" value="{{LABEL}}" required{{#LABEL_INVALID}} aria-invalid="true"{{/LABEL_INVALID}}>
    <p class="hint">[[faq.menu.label_hint]]</p>
    {{#LABEL_INVALID}}<p class="error">{{LABEL_ERROR}}</p>{{/LABEL_INVALID}}
    <label for="menu-response">[[faq.menu.response]]</label>
    <textarea id="menu-response" name="response" data-maxlength="1000" rows="3" required{{#RESPONSE_INVALID}} aria-invalid="true"{{/RESPONSE_INVALID}}>{{RESPONSE:pre_escape}}</textarea>
    {{#RESPONSE_INVALID}}<p class="error">{{RESPONSE_ERROR}}</p>{{/RESPONSE_INVALID}}
    <button type="submit" class="primary">[[faq.menu.add]]</button>
  </form>
</section>
<section class="panel">
  <h2>[[faq.menu.list]]</h2>
  {{#NO_BUTTONS}}<p class="hint">[[faq.menu.empty]]</p>{{/NO_BUTTONS}}
  <ul class="faq-list">
  {{#BUTTONS}}<li class="faq-entry">
    <div class="faq-line"><strong class="faq-q">{{SHOWN_LABEL}}</strong> <span class="hint">[[faq.menu.taps_today]] {{TAPS_TODAY}}</span></div>
    <p class="faq-a">{{SHOWN_RESPONSE}}</p>
    <details{{#EDIT_OPEN}} open{{/EDIT_OPEN}}>
      <summary>[[faq.edit]]</summary>
      <form method="post" action="/a/{{ACCOUNT_CODE}}/menu/{{BUTTON_ID}}" novalidate>
        <input type="hidden" name="csrf" value="{{CSRF}}">
        <label for="ml-{{BUTTON_ID}}">[[faq.menu.label]]</label>
        <input id="ml-{{BUTTON_ID}}" name="label" type="text" data-maxlength="20" value="{{LABEL}}"{{#LABEL_INVALID}} aria-invalid="true"{{/LABEL_INVALID}}>
        {{#LABEL_INVALID}}<p class="error">{{LABEL_ERROR}}</p>{{/LABEL_INVALID}}
        <label for="mr-{{BUTTON_ID}}">[[faq.menu.response]]</label>
        <textarea id="mr-{{BUTTON_ID}}" name="response" data-maxlength="1000" rows="3"{{#RESPONSE_INVALID}} aria-invalid="true"{{/RESPONSE_INVALID}}>{{RESPONSE:pre_escape}}</textarea>
        {{#RESPONSE_INVALID}}<p class="error">{{RESPONSE_ERROR}}</p>{{/RESPONSE_INVALID}}
        <button type="submit">[[common.save]]</button>
      </form>
      <form method="post" action="/a/{{ACCOUNT_CODE}}/menu/{{BUTTON_ID}}/delete" class="delete-form" data-confirm="[[faq.confirm.delete_button]]" data-confirm-target="{{SHOWN_LABEL}}">
        <input type="hidden" name="csrf" value="{{CSRF}}">
        <button type="submit" class="danger">[[faq.delete]]</button>
      </form>
    </details>
  </li>
  {{/BUTTONS}}
  </ul>
</section>
{{>FOOT}}

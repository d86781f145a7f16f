{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel">
  <h1>[[faq.request.title]]</h1>
  <p class="lead">[[faq.request.lead]]</p>
  {{#DONE_saved}}<p class="notice" role="status">[[common.saved]]</p>{{/DONE_saved}}
  {{#DONE_deleted}}<p class="notice" role="status">[[faq.request.done_deleted]]</p>{{/DONE_deleted}}
  {{#DONE_moved}}<p class="notice" role="status">[[faq.done.moved]]</p>{{/DONE_moved}}
  {{#FORM_ERROR}}<p class="error" role="alert">{{FORM_ERROR}}</p>{{/FORM_ERROR}}
  <form method="post" action="/a/{{ACCOUNT_CODE}}/request-form" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="form_key" value="{{FORM_KEY}}">
    <label class="check"><input type="checkbox" name="on" value="1"{{#ON_CHECKED}} checked{{/ON_CHECKED}}> [[faq.request.on]]</label>
    <p class="hint">[[faq.request.on_hint]]</p>
    <fieldset>
      <legend>[[faq.request.new]]</legend>
      {{#AT_LIMIT}}<p class="notice warn">[[faq.err.questions_full]]</p>{{/AT_LIMIT}}
      <label for="rq-question">[[faq.request.question]]</label>
      <input id="rq-question" name="question" type="text" data-maxlength="100" value="{{QUESTION}}"{{#QUESTION_INVALID}} aria-invalid="true"{{/QUESTION_INVALID}}>
      {{#QUESTION_INVALID}}<p class="error">{{QUESTION_ERROR}}</p>{{/QUESTION_INVALID}}
      <label class="check"><input type="radio" name="kind" value="choice"{{#KIND_IS_CHOICE}} checked{{/KIND_IS_CHOICE}}> [[faq.request.kind_choice]]</label>
      <label class="check"><input type="radio" name="kind" value="text"{{#KIND_IS_TEXT}} checked{{/KIND_IS_TEXT}}> [[faq.request.kind_text]]</label>
      <label for="rq-choices">[[faq.request.choices]]</label>
      <textarea id="rq-choices" name="choices" rows="4"{{#CHOICES_INVALID}} aria-invalid="true"{{/CHOICES_INVALID}}>{{CHOICES:pre_escape}}</textarea>
      <p class="hint">[[faq.request.choices_hint]]</p>
      {{#CHOICES_INVALID}}<p class="error">{{CHOICES_ERROR}}</p>{{/CHOICES_INVALID}}
    </fieldset>
    <button type="submit" class="primary">[[common.save]]</button>
  </form>
</section>
<section class="panel">
  <h2>[[faq.request.list]]</h2>
  {{#NO_QUESTIONS}}<p class="hint">[[faq.request.empty]]</p>{{/NO_QUESTIONS}}
  <ol class="faq-list">
  {{#QUESTIONS}}<li class="faq-entry">
    <div class="faq-line"><strong class="faq-q">{{PROMPT}}</strong>
      <span class="faq-moves">
        {{#CAN_UP}}<form method="post" action="/a/{{ACCOUNT_CODE}}/request-form/{{QUESTION_ID}}/move"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="form_key" value="{{FORM_KEY}}"><button type="submit" name="dir" value="up" title="[[faq.up]]"><span aria-hidden="true">&#8593;</span><span class="visually-hidden">[[faq.up]]</span></button></form>{{/CAN_UP}}
        {{#CAN_DOWN}}<form method="post" action="/a/{{ACCOUNT_CODE}}/request-form/{{QUESTION_ID}}/move"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="form_key" value="{{FORM_KEY}}"><button type="submit" name="dir" value="down" title="[[faq.down]]"><span aria-hidden="true">&#8595;</span><span class="visually-hidden">[[faq.down]]</span></button></form>{{/CAN_DOWN}}
      </span>
    </div>
    {{#IS_CHOICE}}<ul class="faq-choices">{{#CHOICES}}<li>{{CHOICE}}</li>{{/CHOICES}}</ul>{{/IS_CHOICE}}
    {{#IS_TEXT}}<p class="hint">[[faq.request.kind_text]]</p>{{/IS_TEXT}}
    <form method="post" action="/a/{{ACCOUNT_CODE}}/request-form/{{QUESTION_ID}}/delete" class="delete-form" data-confirm="[[faq.confirm.delete_question]]" data-confirm-target="{{PROMPT}}">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <button type="submit" class="danger">[[faq.delete]]</button>
    </form>
  </li>
  {{/QUESTIONS}}
  </ol>
</section>
{{>FOOT}}

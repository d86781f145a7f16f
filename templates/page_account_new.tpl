{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel narrow">
  {{#CREATE}}<h1>[[account_new.title]]</h1>{{/CREATE}}
  {{#RESUBMIT}}<h1>[[account_resubmit.title]]</h1>
  <p class="lead">[[account_resubmit.lead]]</p>{{/RESUBMIT}}
  {{#CREATE}}<ol class="steps" aria-label="[[account_new.steps]]">
    <li>[[account_new.step_terms]]</li><li>[[account_new.step_info]]</li><li>[[account_new.step_review]]</li><li>[[account_new.step_done]]</li>
  </ol>{{/CREATE}}
  {{#FORM_ERROR}}<p class="error" role="alert">{{FORM_ERROR}}</p>{{/FORM_ERROR}}
  <form method="post" action="{{FORM_ACTION}}" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="form_key" value="{{FORM_KEY}}">
    {{#RESUBMIT}}<input type="hidden" name="agree_terms" value="1">{{/RESUBMIT}}
    {{#CREATE}}<fieldset>
      <legend>1. [[account_new.step_terms]]</legend>
      <p class="hint">[[account_new.terms_text]] <a href="/policy" target="_blank" rel="noopener">[[legal.policy.title]]</a></p>
      <label class="check"><input type="checkbox" name="agree_terms" value="1"{{#AGREE_TERMS_CHECKED}} checked{{/AGREE_TERMS_CHECKED}}> [[account_new.agree_terms]]</label>
      {{#AGREE_TERMS_INVALID}}<p class="error">{{AGREE_TERMS_ERROR}}</p>{{/AGREE_TERMS_INVALID}}
    </fieldset>{{/CREATE}}
    <fieldset>
      <legend>2. [[account_new.step_info]]</legend>
      <p class="label">[[field.kind]]</p>
      <div class="choices">
        <label class="check"><input type="radio" name="kind" value="personal"{{#KIND_IS_PERSONAL}} checked{{/KIND_IS_PERSONAL}}> [[kind.personal]]</label>
        <label class="check"><input type="radio" name="kind" value="business"{{#KIND_IS_BUSINESS}} checked{{/KIND_IS_BUSINESS}}> [[kind.business]]</label>
        <label class="check"><input type="radio" name="kind" value="organization"{{#KIND_IS_ORGANIZATION}} checked{{/KIND_IS_ORGANIZATION}}> [[kind.organization]]</label>
      </div>
      {{#KIND_INVALID}}<p class="error">{{KIND_ERROR}}</p>{{/KIND_INVALID}}
      <label for="name">[[field.account_name]]</label>
      <input id="name" name="name" type="text" value="{{NAME}}" data-maxlength="20" required{{#NAME_INVALID}} aria-invalid="true"{{/NAME_INVALID}}>
      <p class="hint">[[field.account_name.hint]]</p>
      {{#NAME_INVALID}}<p class="error">{{NAME_ERROR}}</p>{{/NAME_INVALID}}
      <label for="category1">[[field.category1]]</label>
      <select id="category1" name="category1"{{#CATEGORY1_INVALID}} aria-invalid="true"{{/CATEGORY1_INVALID}}>
        <option value="">[[common.choose]]</option>
        {{#CATEGORIES}}<option value="{{KEY}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/CATEGORIES}}
      </select>
      {{#CATEGORY1_INVALID}}<p class="error">{{CATEGORY1_ERROR}}</p>{{/CATEGORY1_INVALID}}
      <div class="business-only">
        <p class="hint">[[account_new.business_hint]]</p>
        <label for="brn">[[field.brn]]</label>
        <input id="brn" name="brn" type="text" inputmode="numeric" value="{{BRN}}" data-maxlength="12" placeholder="123-45-67891"{{#BRN_INVALID}} aria-invalid="true"{{/BRN_INVALID}}>
        {{#BRN_INVALID}}<p class="error">{{BRN_ERROR}}</p>{{/BRN_INVALID}}
        <label for="company">[[field.company]]</label>
        <input id="company" name="company" type="text" value="{{COMPANY}}" data-maxlength="50"{{#COMPANY_INVALID}} aria-invalid="true"{{/COMPANY_INVALID}}>
        {{#COMPANY_INVALID}}<p class="error">{{COMPANY_ERROR}}</p>{{/COMPANY_INVALID}}
        <label for="representative">[[field.representative]]</label>
        <input id="representative" name="representative" type="text" value="{{REPRESENTATIVE}}" data-maxlength="30"{{#REPRESENTATIVE_INVALID}} aria-invalid="true"{{/REPRESENTATIVE_INVALID}}>
        {{#REPRESENTATIVE_INVALID}}<p class="error">{{REPRESENTATIVE_ERROR}}</p>{{/REPRESENTATIVE_INVALID}}
      </div>
    </fieldset>
    <fieldset>
      <legend>3. [[account_new.step_review]]</legend>
      <p class="hint">{{#REVIEW_MANUAL}}[[account_new.review_text]]{{/REVIEW_MANUAL}}{{#REVIEW_AUTO}}[[account_new.review_auto]]{{/REVIEW_AUTO}}</p>
    </fieldset>
    <button type="submit" class="primary">{{#CREATE}}[[account_new.submit]]{{/CREATE}}{{#RESUBMIT}}[[account_resubmit.submit]]{{/RESUBMIT}}</button>
  </form>
</section>
{{>FOOT}}

{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<link rel="stylesheet" href="/static/coupon.css">
<script src="/static/coupon.js" defer></script>
<section class="panel coupon-page">
  <h1>{{#CREATE}}[[coupon.new.title]]{{/CREATE}}{{#EDIT}}[[coupon.edit.title]]{{/EDIT}}</h1>
  {{#FORM_ERROR}}<p class="error" role="alert">{{FORM_ERROR}}</p>{{/FORM_ERROR}}
  <form method="post" action="{{ACTION}}" enctype="multipart/form-data" novalidate class="coupon-form">
    <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="form_key" value="{{FORM_KEY}}">
    <label for="c-title">[[coupon.field.title]]</label>
    <input id="c-title" name="title" type="text" data-maxlength="30" value="{{TITLE}}" required{{#TITLE_INVALID}} aria-invalid="true"{{/TITLE_INVALID}}>
    <p class="hint">[[coupon.field.title_hint]]</p>
    {{#TITLE_INVALID}}<p class="error">{{TITLE_ERROR}}</p>{{/TITLE_INVALID}}
    <label for="c-image">[[coupon.field.image]]</label>
    <input id="c-image" name="image" type="file" accept="image/jpeg,image/png"{{#IMAGE_INVALID}} aria-invalid="true"{{/IMAGE_INVALID}}>
    <p class="hint">[[coupon.field.image_hint]]</p>
    {{#IMAGE_INVALID}}<p class="error">{{IMAGE_ERROR}}</p>{{/IMAGE_INVALID}}
    <label for="c-details">[[coupon.field.details]]</label>
    <textarea id="c-details" name="details" data-maxlength="600" rows="4"{{#DETAILS_INVALID}} aria-invalid="true"{{/DETAILS_INVALID}}>{{DETAILS:pre_escape}}</textarea>
    <p class="hint">[[coupon.field.details_hint]]</p>
    {{#DETAILS_INVALID}}<p class="error">{{DETAILS_ERROR}}</p>{{/DETAILS_INVALID}}
    <label for="c-start">[[coupon.field.entry_start]]</label>
    <input id="c-start" name="entry_start" type="date" value="{{ENTRY_START}}" required{{#ENTRY_START_INVALID}} aria-invalid="true"{{/ENTRY_START_INVALID}}>
    {{#START_LOCKED}}<p class="hint">[[coupon.field.start_locked]]</p>{{/START_LOCKED}}
    {{#ENTRY_START_INVALID}}<p class="error">{{ENTRY_START_ERROR}}</p>{{/ENTRY_START_INVALID}}
    <label for="c-end">[[coupon.field.entry_end]]</label>
    <input id="c-end" name="entry_end" type="date" value="{{ENTRY_END}}" required{{#ENTRY_END_INVALID}} aria-invalid="true"{{/ENTRY_END_INVALID}}>
    {{#ENTRY_END_INVALID}}<p class="error">{{ENTRY_END_ERROR}}</p>{{/ENTRY_END_INVALID}}
    <label for="c-use-by">[[coupon.field.use_by]]</label>
    <input id="c-use-by" name="use_by" type="date" value="{{USE_BY}}" required{{#USE_BY_INVALID}} aria-invalid="true"{{/USE_BY_INVALID}}>
    <p class="hint">[[coupon.field.use_by_hint]]</p>
    {{#USE_BY_INVALID}}<p class="error">{{USE_BY_ERROR}}</p>{{/USE_BY_INVALID}}
    {{#CREATE}}
    <fieldset>
      <legend>[[coupon.field.place]]</legend>
      <label class="check"><input type="radio" name="place" value="online"{{#PLACE_IS_ONLINE}} checked{{/PLACE_IS_ONLINE}}> [[coupon.place.online]]</label>
      <label class="check"><input type="radio" name="place" value="offline"{{#PLACE_IS_OFFLINE}} checked{{/PLACE_IS_OFFLINE}}> [[coupon.place.offline]]</label>
      {{#PLACE_INVALID}}<p class="error">{{PLACE_ERROR}}</p>{{/PLACE_INVALID}}
    </fieldset>
    {{/CREATE}}
    {{#CREATE}}<label for="c-url">[[coupon.field.redeem_url]]</label>
    <input id="c-url" name="redeem_url" type="url" data-maxlength="1000" value="{{REDEEM_URL}}"{{#REDEEM_URL_INVALID}} aria-invalid="true"{{/REDEEM_URL_INVALID}}>
    <p class="hint">[[coupon.field.redeem_url_hint]]</p>{{/CREATE}}
    {{#EDIT_ONLINE}}<label for="c-url">[[coupon.field.redeem_url]]</label>
    <input id="c-url" name="redeem_url" type="url" data-maxlength="1000" value="{{REDEEM_URL}}"{{#REDEEM_URL_INVALID}} aria-invalid="true"{{/REDEEM_URL_INVALID}}>{{/EDIT_ONLINE}}
    {{#REDEEM_URL_INVALID}}<p class="error">{{REDEEM_URL_ERROR}}</p>{{/REDEEM_URL_INVALID}}
    <label class="check"><input type="checkbox" name="share" value="1"{{#SHARE_CHECKED}} checked{{/SHARE_CHECKED}}> [[coupon.field.share]]</label>
    <label for="c-probability">[[coupon.field.probability]]</label>
    <input id="c-probability" name="probability" type="text" inputmode="decimal" data-maxlength="12" value="{{PROBABILITY}}" required{{#PROBABILITY_INVALID}} aria-invalid="true"{{/PROBABILITY_INVALID}}>
    <p class="hint">[[coupon.field.probability_hint]]</p>
    {{#PROBABILITY_INVALID}}<p class="error">{{PROBABILITY_ERROR}}</p>{{/PROBABILITY_INVALID}}
    {{#CREATE}}
    <fieldset>
      <legend>[[coupon.field.codes]]</legend>
      <label class="check"><input type="radio" name="codes" value="generate"{{#CODES_IS_GENERATE}} checked{{/CODES_IS_GENERATE}}> [[coupon.field.codes_generate]]</label>
      <label class="check"><input type="radio" name="codes" value="upload"{{#CODES_IS_UPLOAD}} checked{{/CODES_IS_UPLOAD}}> [[coupon.field.codes_upload]]</label>
      {{#CODES_INVALID}}<p class="error">{{CODES_ERROR}}</p>{{/CODES_INVALID}}
      <label for="c-quantity">[[coupon.field.quantity]]</label>
      <input id="c-quantity" name="quantity" type="number" min="1" max="{{GENERATE_MAX}}" value="{{QUANTITY}}"{{#QUANTITY_INVALID}} aria-invalid="true"{{/QUANTITY_INVALID}}>
      <p class="hint">[[coupon.field.quantity_hint]]</p>
      {{#QUANTITY_INVALID}}<p class="error">{{QUANTITY_ERROR}}</p>{{/QUANTITY_INVALID}}
      <label for="c-file">[[coupon.field.code_file]]</label>
      <input id="c-file" name="code_file" type="file" accept=".txt,.csv,.xls,.xlsx"{{#CODE_FILE_INVALID}} aria-invalid="true" aria-describedby="c-file-error"{{/CODE_FILE_INVALID}}>
      <p class="hint">[[coupon.field.code_file_hint]]</p>
      {{#CODE_FILE_INVALID}}<p class="error" id="c-file-error" data-error="code_file">{{CODE_FILE_ERROR}}</p>{{/CODE_FILE_INVALID}}
    </fieldset>
    <button type="submit" class="primary">[[coupon.create]]</button>
    {{/CREATE}}
    {{#EDIT}}<button type="submit" class="primary">[[coupon.save]]</button> <a class="button" href="{{BACK}}">[[coupon.cancel]]</a>{{/EDIT}}
  </form>
</section>
{{>FOOT}}

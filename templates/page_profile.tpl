{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel">
  <h1>[[profile.title]]</h1>
  {{#DONE_saved}}<p class="notice">[[common.saved]]</p>{{/DONE_saved}}
  <form method="post" action="/a/{{ACCOUNT_CODE}}/profile" enctype="multipart/form-data" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="name">[[field.account_name]]</label>
    <input id="name" name="name" type="text" value="{{NAME}}" data-maxlength="20" required{{#NAME_INVALID}} aria-invalid="true"{{/NAME_INVALID}}>
    <p class="hint">[[field.account_name.hint]]</p>
    {{#NAME_INVALID}}<p class="error">{{NAME_ERROR}}</p>{{/NAME_INVALID}}
    <label for="intro">[[field.intro]]</label>
    <textarea id="intro" name="intro" data-maxlength="200"{{#INTRO_INVALID}} aria-invalid="true"{{/INTRO_INVALID}}>{{INTRO:pre_escape}}</textarea>
    <p class="hint">[[field.intro.hint]]</p>
    {{#INTRO_INVALID}}<p class="error">{{INTRO_ERROR}}</p>{{/INTRO_INVALID}}
    <label for="homepage">[[field.homepage]]</label>
    <input id="homepage" name="homepage" type="url" value="{{HOMEPAGE}}" data-maxlength="500" placeholder="https://"{{#HOMEPAGE_INVALID}} aria-invalid="true"{{/HOMEPAGE_INVALID}}>
    {{#HOMEPAGE_INVALID}}<p class="error">{{HOMEPAGE_ERROR}}</p>{{/HOMEPAGE_INVALID}}
    <label for="phone">[[field.phone]]</label>
    <input id="phone" name="phone" type="tel" value="{{PHONE}}" data-maxlength="20" placeholder="02-123-4567"{{#PHONE_INVALID}} aria-invalid="true"{{/PHONE_INVALID}}>
    {{#PHONE_INVALID}}<p class="error">{{PHONE_ERROR}}</p>{{/PHONE_INVALID}}
    <label for="category1">[[field.category1]]</label>
    <select id="category1" name="category1"{{#CATEGORY1_INVALID}} aria-invalid="true"{{/CATEGORY1_INVALID}}>
      <option value="">[[common.choose]]</option>
      {{#CATEGORIES1}}<option value="{{KEY}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/CATEGORIES1}}
    </select>
    {{#CATEGORY1_INVALID}}<p class="error">{{CATEGORY1_ERROR}}</p>{{/CATEGORY1_INVALID}}
    <label for="category2">[[field.category2]]</label>
    <select id="category2" name="category2"{{#CATEGORY2_INVALID}} aria-invalid="true"{{/CATEGORY2_INVALID}}>
      <option value="">[[common.none]]</option>
      {{#CATEGORIES2}}<option value="{{KEY}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/CATEGORIES2}}
    </select>
    {{#CATEGORY2_INVALID}}<p class="error">{{CATEGORY2_ERROR}}</p>{{/CATEGORY2_INVALID}}
    <label for="profile_image">[[field.profile_image]]</label>
    {{#HAS_PROFILE_IMAGE}}<img class="preview square" src="/a/{{ACCOUNT_CODE}}/images/profile" alt="[[field.profile_image]]">{{/HAS_PROFILE_IMAGE}}
    <input id="profile_image" name="profile_image" type="file" accept="image/jpeg,image/png"{{#PROFILE_IMAGE_INVALID}} aria-invalid="true"{{/PROFILE_IMAGE_INVALID}}>
    <p class="hint">[[field.profile_image.hint]]</p>
    {{#PROFILE_IMAGE_INVALID}}<p class="error">{{PROFILE_IMAGE_ERROR}}</p>{{/PROFILE_IMAGE_INVALID}}
    <label for="background_image">[[field.background_image]]</label>
    {{#HAS_BACKGROUND_IMAGE}}<img class="preview wide" src="/a/{{ACCOUNT_CODE}}/images/background" alt="[[field.background_image]]">{{/HAS_BACKGROUND_IMAGE}}
    <input id="background_image" name="background_image" type="file" accept="image/jpeg,image/png"{{#BACKGROUND_IMAGE_INVALID}} aria-invalid="true"{{/BACKGROUND_IMAGE_INVALID}}>
    <p class="hint">[[field.background_image.hint]]</p>
    {{#BACKGROUND_IMAGE_INVALID}}<p class="error">{{BACKGROUND_IMAGE_ERROR}}</p>{{/BACKGROUND_IMAGE_INVALID}}
    <button type="submit" class="primary">[[common.save]]</button>
  </form>
</section>
{{>FOOT}}

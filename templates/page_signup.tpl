{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel narrow">
  <h1>[[signup.title]]</h1>
  {{#DONE_sent}}<p class="notice" role="status">[[signup.done_sent]]</p>
  <p class="aside">[[signup.sent_other]] <a href="/signup{{NEXT_QUERY}}">[[signup.sent_again]]</a></p>{{/DONE_sent}}
  {{#FORM}}<p class="lead">[[signup.lead]]</p>
  <form method="post" action="/signup" novalidate>
    <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="form_key" value="{{FORM_KEY}}">
    <input type="hidden" name="next" value="{{NEXT}}">
    <label for="email">[[field.email]]</label>
    <input id="email" name="email" type="email" autocomplete="email" value="{{EMAIL}}" required data-maxlength="254"{{#EMAIL_INVALID}} aria-invalid="true" aria-describedby="email-error"{{/EMAIL_INVALID}}>
    {{#EMAIL_INVALID}}<p class="error" id="email-error">{{EMAIL_ERROR}}</p>{{/EMAIL_INVALID}}
    <label for="password">[[field.password]]</label>
    <input id="password" name="password" type="password" autocomplete="new-password" required minlength="10" data-maxlength="128"{{#PASSWORD_INVALID}} aria-invalid="true" aria-describedby="password-error"{{/PASSWORD_INVALID}}>
    <p class="hint">[[field.password.hint]]</p>
    {{#PASSWORD_INVALID}}<p class="error" id="password-error">{{PASSWORD_ERROR}}</p>{{/PASSWORD_INVALID}}
    <label for="name">[[field.display_name]]</label>
    <input id="name" name="name" type="text" autocomplete="name" value="{{NAME}}" required data-maxlength="40"{{#NAME_INVALID}} aria-invalid="true" aria-describedby="name-error"{{/NAME_INVALID}}>
    {{#NAME_INVALID}}<p class="error" id="name-error">{{NAME_ERROR}}</p>{{/NAME_INVALID}}
    <label class="check"><input type="checkbox" name="agree_terms" value="1"{{#AGREE_TERMS_CHECKED}} checked{{/AGREE_TERMS_CHECKED}}> [[signup.agree_terms]]</label>
    <p class="hint legal-links"><a href="/terms" target="_blank" rel="noopener">[[legal.terms.title]]</a> · <a href="/privacy" target="_blank" rel="noopener">[[legal.privacy.title]]</a></p>
    {{#AGREE_TERMS_INVALID}}<p class="error">{{AGREE_TERMS_ERROR}}</p>{{/AGREE_TERMS_INVALID}}
    <label class="check"><input type="checkbox" name="agree_age" value="1"{{#AGREE_AGE_CHECKED}} checked{{/AGREE_AGE_CHECKED}}> [[signup.agree_age]]</label>
    {{#AGREE_AGE_INVALID}}<p class="error">{{AGREE_AGE_ERROR}}</p>{{/AGREE_AGE_INVALID}}
    <button type="submit" class="primary">[[signup.submit]]</button>
  </form>{{/FORM}}
  <p class="aside">[[signup.have_login]] <a href="/login{{NEXT_QUERY}}">[[nav.login]]</a></p>
</section>
{{>FOOT}}

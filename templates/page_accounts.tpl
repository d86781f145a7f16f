{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
{{#OPERATOR_HOME}}<p class="notice warn" id="ops-waiting">[[accounts.ops_waiting]] <strong>{{WAITING}}</strong> · <a href="/ops/">[[ops.title]]</a></p>{{/OPERATOR_HOME}}
<section class="panel">
  <div class="heading-row">
    <h1>[[accounts.title]]</h1>
    {{#CAN_CREATE}}<a class="button" href="/accounts/new">[[accounts.new]]</a>{{/CAN_CREATE}}
  </div>
  {{#AT_LIMIT}}<p class="notice warn">[[accounts.at_limit]]</p>{{/AT_LIMIT}}
  {{#NO_ACCOUNTS}}<p class="lead">[[accounts.empty]]</p>{{/NO_ACCOUNTS}}
  <ul class="cards">
    {{#ACCOUNTS}}
    <li class="card">
      <a class="card-title" href="/a/{{CODE}}/">{{NAME}}</a>
      <span class="tag status-{{STATUS}}">{{STATUS_TEXT}}</span>
      {{#DELETING}}<span class="tag status-rejected">[[accounts.deleting]]</span>{{/DELETING}}
      <p class="hint">{{KIND_TEXT}} · {{ROLE_TEXT}} · /talk/{{CODE}}</p>
    </li>
    {{/ACCOUNTS}}
  </ul>
</section>
{{>FOOT}}

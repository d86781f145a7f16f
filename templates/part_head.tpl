{{%AUTOESCAPE context="HTML"}}<!doctype html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · [[app.name]]</title>
<link rel="stylesheet" href="/static/sangdam.css">
<script src="/static/sangdam.js" defer></script>
</head>
<body>
<header class="top">
  <a class="brand" href="/">[[app.name]]</a>
  {{#SIGNED_IN}}
  <details class="account-menu">
    <summary><span class="who">{{PARTNER_NAME}}</span></summary>
    <nav>
      <a href="/accounts">[[nav.accounts]]</a>
      <a href="/settings">[[nav.settings]]</a>
      {{#OPERATOR}}<a href="/ops/">[[nav.ops]]</a>{{/OPERATOR}}
      <form method="post" action="/logout"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="link">[[nav.logout]]</button></form>
    </nav>
  </details>
  {{/SIGNED_IN}}
  {{#SIGNED_OUT}}
  <nav class="guest"><a href="/login">[[nav.login]]</a> <a href="/signup">[[nav.signup]]</a></nav>
  {{/SIGNED_OUT}}
</header>
<main>

{{%AUTOESCAPE context="HTML"}}<!doctype html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{PAGE_TITLE}} · {{ACCOUNT_NAME}}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/sangdam.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/talk.css">
</head>
<body class="talk-body">
<main class="talk-confirm">
  <h1>{{PAGE_TITLE}}</h1>
  <p>{{QUESTION}}</p>
  <form method="post" action="/talk/{{CODE}}/{{ACTION}}">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="confirmed" value="1">
    <button type="submit" class="danger">{{BUTTON}}</button>
    <a class="button" href="{{BACK}}">[[talk.confirm.back]]</a>
  </form>
</main>
</body>
</html>

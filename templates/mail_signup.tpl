{{%AUTOESCAPE context="HTML"}}[[mail.signup.body]]

{{LINK}}

[[mail.signup.footer]]

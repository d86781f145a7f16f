{{%AUTOESCAPE context="HTML"}}[[mail.reset.body]]

{{LINK}}

[[mail.reset.footer]]

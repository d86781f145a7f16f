{{%AUTOESCAPE context="HTML"}}[[mail.unlock.body]]

{{LINK}}

[[mail.unlock.footer]]

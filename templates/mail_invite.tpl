{{%AUTOESCAPE context="HTML"}}[[mail.invite.body]]

{{LINK}}

[[mail.invite.footer]]

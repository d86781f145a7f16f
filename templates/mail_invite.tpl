{{%AUTOESCAPE context="HTML"}}[[mail.invite.account]] {{ACCOUNT}}
[[mail.invite.inviter]] {{INVITER}}

[[mail.invite.body]]

{{LINK}}

[[mail.invite.footer]]

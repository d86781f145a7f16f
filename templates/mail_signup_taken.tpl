{{%AUTOESCAPE context="HTML"}}[[mail.signup_taken.body]]

[[mail.signup_taken.login]]
{{LINK}}

[[mail.signup_taken.forgot]]
{{FORGOT}}

[[mail.signup_taken.footer]]

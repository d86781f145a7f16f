-- Sign-up finished by a mailed link (AUTH-9): a pending sign-up waits in
-- table signups until its link is posted, and only then becomes a partner.
-- Sessions keep the browser's User-Agent so that "my account" can name the
-- device of each one.

CREATE TABLE signups (
    token_hash     text PRIMARY KEY,
    email          text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    password_hash  text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL
);
CREATE INDEX signups_email ON signups (lower(email), created_at);
CREATE INDEX signups_expires ON signups (expires_at);

ALTER TABLE sessions ADD COLUMN user_agent text;

-- Partners (people with a login), their sessions, sign-in failures and
-- password-reset tokens. Tokens are stored only as hashes.

CREATE TABLE partners (
    id             bigserial PRIMARY KEY,
    email          text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    password_hash  text NOT NULL,
    lang           text NOT NULL DEFAULT 'ko' CHECK (lang IN ('ko', 'en')),
    is_operator    boolean NOT NULL DEFAULT false,
    agreed_at      timestamptz NOT NULL DEFAULT now(),
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX partners_email_key ON partners (lower(email));

CREATE TABLE sessions (
    id            bigserial PRIMARY KEY,
    partner_id    bigint NOT NULL REFERENCES partners ON DELETE CASCADE,
    token_hash    text NOT NULL UNIQUE,
    remote_addr   text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL
);
CREATE INDEX sessions_partner ON sessions (partner_id);

CREATE TABLE sign_in_failures (
    key        text NOT NULL,
    failed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failures_key ON sign_in_failures (key, failed_at);

CREATE TABLE password_resets (
    token_hash  text PRIMARY KEY,
    partner_id  bigint NOT NULL REFERENCES partners ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX password_resets_partner ON password_resets (partner_id);

-- Accounts (ACC): the business identities customers chat with, their members,
-- review history, and every public code ever issued (codes are never reused).

CREATE TABLE account_codes (
    code        text PRIMARY KEY CHECK (code ~ '^[a-z0-9]{6}$'),
    issued_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE accounts (
    id                     bigserial PRIMARY KEY,
    code                   text NOT NULL UNIQUE REFERENCES account_codes,
    kind                   text NOT NULL CHECK (kind IN ('personal', 'business', 'organization')),
    name                   text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 20),
    intro                  text NOT NULL DEFAULT '' CHECK (char_length(intro) <= 200),
    homepage               text NOT NULL DEFAULT '',
    phone                  text NOT NULL DEFAULT '',
    category1              text NOT NULL,
    category2              text NOT NULL DEFAULT '',
    brn                    text NOT NULL DEFAULT '' CHECK (brn = '' OR brn ~ '^[0-9]{10}$'),
    company                text NOT NULL DEFAULT '',
    representative         text NOT NULL DEFAULT '',
    profile_image          text,
    profile_image_type     text,
    background_image       text,
    background_image_type  text,
    status                 text NOT NULL DEFAULT 'pending'
                           CHECK (status IN ('pending', 'approved', 'rejected')),
    home_public            boolean NOT NULL DEFAULT true,
    chat_on                boolean NOT NULL DEFAULT true,
    time_zone              text NOT NULL DEFAULT 'Asia/Seoul',
    delete_after           timestamptz,
    created_at             timestamptz NOT NULL DEFAULT now(),
    CHECK (kind = 'personal' OR brn <> '')
);
CREATE UNIQUE INDEX accounts_name_key ON accounts (lower(name));
CREATE INDEX accounts_pending ON accounts (created_at) WHERE status = 'pending';
CREATE INDEX accounts_deleting ON accounts (delete_after) WHERE delete_after IS NOT NULL;

CREATE TABLE members (
    account_id  bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    partner_id  bigint NOT NULL REFERENCES partners ON DELETE CASCADE,
    role        text NOT NULL CHECK (role IN ('master', 'manager')),
    joined_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, partner_id)
);
CREATE UNIQUE INDEX members_one_master ON members (account_id) WHERE role = 'master';
CREATE INDEX members_partner ON members (partner_id);

CREATE TABLE account_reviews (
    id           bigserial PRIMARY KEY,
    account_id   bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    action       text NOT NULL CHECK (action IN ('submitted', 'approved', 'rejected')),
    reason       text NOT NULL DEFAULT '' CHECK (char_length(reason) <= 500),
    operator_id  bigint REFERENCES partners ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX account_reviews_account ON account_reviews (account_id, created_at);

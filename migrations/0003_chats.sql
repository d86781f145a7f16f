-- Consultations (CHAT): customers, chat rooms, messages and attachments,
-- labels, friend groups, customer rate limits, and the background job table.

ALTER TABLE accounts
    ADD COLUMN customer_count integer NOT NULL DEFAULT 0,
    ADD COLUMN session_timeout_minutes integer NOT NULL DEFAULT 1440
        CHECK (session_timeout_minutes BETWEEN 5 AND 43200);

CREATE TABLE customers (
    id            bigserial PRIMARY KEY,
    account_id    bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    key_hash      text NOT NULL,
    number        integer NOT NULL,
    display_name  text NOT NULL DEFAULT '' CHECK (char_length(display_name) <= 20),
    is_friend     boolean NOT NULL DEFAULT false,
    friend_since  timestamptz,
    blocked       boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, key_hash),
    UNIQUE (account_id, number)
);

CREATE TABLE rooms (
    id                        bigserial PRIMARY KEY,
    account_id                bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    customer_id               bigint NOT NULL REFERENCES customers ON DELETE CASCADE,
    name                      text NOT NULL DEFAULT '' CHECK (char_length(name) <= 30),
    memo                      text NOT NULL DEFAULT '' CHECK (char_length(memo) <= 1000),
    ref                       text NOT NULL DEFAULT '' CHECK (char_length(ref) <= 100),
    referrer                  text NOT NULL DEFAULT '' CHECK (char_length(referrer) <= 1000),
    status                    text NOT NULL DEFAULT 'unread'
                              CHECK (status IN ('unread', 'unanswered', 'answered', 'completed')),
    unread_count              integer NOT NULL DEFAULT 0 CHECK (unread_count >= 0),
    important                 boolean NOT NULL DEFAULT false,
    assignee_id               bigint REFERENCES partners ON DELETE SET NULL,
    hidden                    boolean NOT NULL DEFAULT false,  -- left by the partner (CHAT-13)
    customer_cleared_at       timestamptz,                     -- left by the customer (CHAT-5)
    last_message_at           timestamptz NOT NULL DEFAULT now(),
    last_message_text         text NOT NULL DEFAULT '',
    last_customer_message_at  timestamptz NOT NULL DEFAULT now(),
    created_at                timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, customer_id)
);
CREATE INDEX rooms_inbox ON rooms (account_id, last_message_at DESC, id DESC) WHERE NOT hidden;
CREATE INDEX rooms_status ON rooms (account_id, status, last_message_at DESC, id DESC) WHERE NOT hidden;
CREATE INDEX rooms_unread ON rooms (account_id) WHERE unread_count > 0;

CREATE TABLE attachments (
    id            bigserial PRIMARY KEY,
    account_id    bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    room_id       bigint NOT NULL REFERENCES rooms ON DELETE CASCADE,
    stored_name   text NOT NULL,
    mime          text NOT NULL,
    display_name  text NOT NULL,
    size          bigint NOT NULL CHECK (size > 0),
    is_image      boolean NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_room ON attachments (room_id);

CREATE TABLE messages (
    id             bigserial PRIMARY KEY,
    account_id     bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    room_id        bigint NOT NULL REFERENCES rooms ON DELETE CASCADE,
    sender         text NOT NULL CHECK (sender IN ('customer', 'agent', 'system')),
    partner_id     bigint REFERENCES partners ON DELETE SET NULL,
    kind           text NOT NULL DEFAULT 'text'
                   CHECK (kind IN ('text', 'image', 'file', 'friend_request', 'notice')),
    body           text NOT NULL DEFAULT '' CHECK (char_length(body) <= 1000),
    attachment_id  bigint REFERENCES attachments ON DELETE SET NULL,
    client_id      text CHECK (client_id IS NULL OR char_length(client_id) BETWEEN 8 AND 64),
    delivered      boolean NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (room_id, client_id)
);
CREATE INDEX messages_room ON messages (room_id, id);
CREATE INDEX messages_search ON messages USING gin (to_tsvector('simple', body));

CREATE TABLE labels (
    id          bigserial PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 20),
    color       text NOT NULL CHECK (color ~ '^#[0-9a-f]{6}$'),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX labels_name_key ON labels (account_id, lower(name));

CREATE TABLE room_labels (
    room_id   bigint NOT NULL REFERENCES rooms ON DELETE CASCADE,
    label_id  bigint NOT NULL REFERENCES labels ON DELETE CASCADE,
    PRIMARY KEY (room_id, label_id)
);
CREATE INDEX room_labels_label ON room_labels (label_id);

CREATE TABLE friend_groups (
    id           bigserial PRIMARY KEY,
    account_id   bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    name         text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 30),
    description  text NOT NULL DEFAULT '' CHECK (char_length(description) <= 200),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX friend_groups_name_key ON friend_groups (account_id, lower(name));

CREATE TABLE friend_group_members (
    group_id     bigint NOT NULL REFERENCES friend_groups ON DELETE CASCADE,
    customer_id  bigint NOT NULL REFERENCES customers ON DELETE CASCADE,
    added_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (group_id, customer_id)
);

-- Fixed-window counters for rate limits (one row per key).
CREATE TABLE rate_counters (
    key           text PRIMARY KEY,
    window_start  timestamptz NOT NULL,
    count         integer NOT NULL
);

-- Background jobs, taken with FOR UPDATE SKIP LOCKED by any worker.
CREATE TABLE jobs (
    id           bigserial PRIMARY KEY,
    kind         text NOT NULL,
    account_id   bigint REFERENCES accounts ON DELETE CASCADE,
    payload      jsonb NOT NULL DEFAULT '{}',
    run_at       timestamptz NOT NULL DEFAULT now(),
    attempts     integer NOT NULL DEFAULT 0,
    started_at   timestamptz,
    finished_at  timestamptz,
    error        text
);
CREATE INDEX jobs_due ON jobs (run_at) WHERE finished_at IS NULL;

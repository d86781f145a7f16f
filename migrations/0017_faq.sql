-- FAQ, chat menu, canned replies and the consultation request form (FAQ-1..4).
-- A FAQ answer or a menu response is an automatic message: sender 'system',
-- like those of the hours (0016); it never answers a room (CHAT-23) and
-- agents see it marked automatic.

-- The FAQ being edited (the draft); position orders it (0 first).
CREATE TABLE faq_entries (
    id          bigserial PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    position    integer NOT NULL,
    question    text NOT NULL CHECK (char_length(question) BETWEEN 1 AND 100),
    answer      text NOT NULL CHECK (char_length(answer) BETWEEN 1 AND 1000),
    link        text NOT NULL DEFAULT '' CHECK (char_length(link) <= 1000),
    image_name  text,
    image_mime  text,
    image_size  bigint,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((image_name IS NULL) = (image_mime IS NULL) AND (image_name IS NULL) = (image_size IS NULL))
);
CREATE INDEX faq_entries_account ON faq_entries (account_id, position, id);

-- The FAQ customers see: a copy of the draft taken by 반영하기 (publish).
CREATE TABLE faq_published (
    id          bigserial PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    position    integer NOT NULL,
    question    text NOT NULL,
    answer      text NOT NULL,
    link        text NOT NULL DEFAULT '',
    image_name  text,
    image_mime  text,
    image_size  bigint
);
CREATE INDEX faq_published_account ON faq_published (account_id, position, id);

ALTER TABLE accounts
    ADD COLUMN faq_published_at timestamptz,
    ADD COLUMN request_form_on boolean NOT NULL DEFAULT false;

-- The chat menu (채팅방 메뉴): at most 10 buttons, counted in the program
-- under the account's row lock.
CREATE TABLE chat_menu_buttons (
    id          bigserial PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    label       text NOT NULL CHECK (char_length(label) BETWEEN 1 AND 20),
    response    text NOT NULL CHECK (char_length(response) BETWEEN 1 AND 1000),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chat_menu_buttons_account ON chat_menu_buttons (account_id, id);

-- Taps of each button per day in the account's time zone, for statistics.
CREATE TABLE chat_menu_counts (
    button_id   bigint NOT NULL REFERENCES chat_menu_buttons ON DELETE CASCADE,
    account_id  bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    day         date NOT NULL,
    taps        integer NOT NULL DEFAULT 0,
    PRIMARY KEY (button_id, day)
);
CREATE INDEX chat_menu_counts_account ON chat_menu_counts (account_id, day);

-- Canned replies (자주 쓰는 답변), shared by the account's members.
CREATE TABLE canned_replies (
    id          bigserial PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    title       text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 50),
    text        text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 1000),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX canned_replies_account ON canned_replies (account_id, lower(title), id);

-- The consultation request form (상담요청배너): ordered questions, each with
-- 2..10 choices or a short free answer (kind 'text', choices empty).
CREATE TABLE request_questions (
    id          bigserial PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    position    integer NOT NULL,
    prompt      text NOT NULL CHECK (char_length(prompt) BETWEEN 1 AND 100),
    kind        text NOT NULL CHECK (kind IN ('choice', 'text')),
    choices     text[] NOT NULL DEFAULT '{}',
    CHECK ((kind = 'text' AND cardinality(choices) = 0)
        OR (kind = 'choice' AND cardinality(choices) BETWEEN 2 AND 10))
);
CREATE INDEX request_questions_account ON request_questions (account_id, position, id);

-- A customer's answers, with the question as it was asked; a customer has
-- one room per account, so these are the room's (shown at its top).
CREATE TABLE request_answers (
    id           bigserial PRIMARY KEY,
    account_id   bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    customer_id  bigint NOT NULL REFERENCES customers ON DELETE CASCADE,
    position     integer NOT NULL,
    prompt       text NOT NULL,
    answer       text NOT NULL CHECK (char_length(answer) <= 100),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX request_answers_customer ON request_answers (customer_id, position);

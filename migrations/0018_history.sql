-- The account history (LOG-1, LOG-2): one row per change a member (or the
-- worker, for its own jobs) made to an account, written in the same
-- transaction as the change. Rows are never changed or removed by the
-- programs: the database refuses UPDATE and DELETE to their role. They go only
-- with the account (ON DELETE CASCADE runs with the table owner's rights).
CREATE TABLE account_history (
    id            bigserial PRIMARY KEY,
    account_id    bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    partner_id    bigint REFERENCES partners ON DELETE SET NULL,
    partner_name  text NOT NULL DEFAULT '',  -- kept when the partner is gone
    at            timestamptz NOT NULL DEFAULT now(),
    menu          text NOT NULL CHECK (menu ~ '^[a-z_]{1,32}$'),
    action        text NOT NULL CHECK (action ~ '^[a-z_]{1,48}$'),
    target        text NOT NULL DEFAULT '' CHECK (char_length(target) <= 200),
    before        text NOT NULL DEFAULT '' CHECK (char_length(before) <= 2000),
    after         text NOT NULL DEFAULT '' CHECK (char_length(after) <= 2000)
);
-- Newest first within an account, keyset-paged on (at, id); also by menu and
-- by member.
CREATE INDEX account_history_page ON account_history (account_id, at DESC, id DESC);
CREATE INDEX account_history_menu ON account_history (account_id, menu, at DESC, id DESC);
CREATE INDEX account_history_partner ON account_history (account_id, partner_id, at DESC, id DESC);

REVOKE UPDATE, DELETE, TRUNCATE ON account_history FROM :"app_role";

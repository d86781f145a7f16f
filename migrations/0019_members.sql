-- Members (MEM-1..5) and notifications (LOG-3): pending invitations to join
-- an account, and each partner's latest notifications.

-- One pending invitation per account and address: inviting the address
-- again replaces the row (and so its token); accepting or cancelling
-- deletes it. Only a hash of the mailed token is kept; a link is valid
-- for 7 days from created_at.
CREATE TABLE member_invitations (
    id          bigserial PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    email       text NOT NULL CHECK (char_length(email) BETWEEN 3 AND 254),
    token_hash  text NOT NULL UNIQUE,
    invited_by  bigint REFERENCES partners ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX member_invitations_email ON member_invitations (account_id, lower(email));

-- A partner's notifications, newest by id; kind names the catalog text
-- ("notification.KIND"), account_name and who fill it in. The programs keep
-- the latest 100 per partner (notify_partner).
CREATE TABLE notifications (
    id            bigserial PRIMARY KEY,
    partner_id    bigint NOT NULL REFERENCES partners ON DELETE CASCADE,
    kind          text NOT NULL CHECK (kind ~ '^[a-z_]{1,32}$'),
    account_id    bigint REFERENCES accounts ON DELETE SET NULL,
    account_name  text NOT NULL DEFAULT '',
    who           text NOT NULL DEFAULT '' CHECK (char_length(who) <= 200),
    created_at    timestamptz NOT NULL DEFAULT now(),
    read_at       timestamptz
);
CREATE INDEX notifications_partner ON notifications (partner_id, id DESC);
-- The unread count in every page's header (sessions_get_in_account).
CREATE INDEX notifications_unread ON notifications (partner_id) WHERE read_at IS NULL;

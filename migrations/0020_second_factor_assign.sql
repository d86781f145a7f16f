-- The second factor of a partner (AUTH-6) and automatic assignment of new
-- rooms (MEM-6, CHAT-18).
--
-- totp_secrets holds one TOTP secret per partner, encrypted with a key derived
-- from the configuration's secret (src/totp.c): pending until a typed code
-- confirms it (enabled), then required for the chat pages. last_step is the
-- last RFC 6238 time step accepted, so that each code passes once.
CREATE TABLE totp_secrets (
    partner_id  bigint PRIMARY KEY REFERENCES partners ON DELETE CASCADE,
    secret      text NOT NULL CHECK (length(secret) BETWEEN 1 AND 200),
    enabled     boolean NOT NULL DEFAULT false,
    last_step   bigint NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Ten single-use recovery codes per partner, as BLAKE2b hashes (hex) of
-- codes of 79 random bits.
CREATE TABLE recovery_codes (
    partner_id  bigint NOT NULL REFERENCES partners ON DELETE CASCADE,
    code_hash   text NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
    used_at     timestamptz,
    PRIMARY KEY (partner_id, code_hash)
);

-- When this session last passed the second factor; NULL: never.
ALTER TABLE sessions ADD COLUMN totp_at timestamptz;

-- Availability (MEM-6): a member away gets no rooms from automatic
-- assignment; assigned_at orders the round (least recently assigned first).
ALTER TABLE members
    ADD COLUMN available boolean NOT NULL DEFAULT true,
    ADD COLUMN assigned_at timestamptz;

-- Automatic assignment (CHAT-18): off, or on with a limit of open rooms per member.
ALTER TABLE accounts
    ADD COLUMN auto_assign boolean NOT NULL DEFAULT false,
    ADD COLUMN assign_limit integer NOT NULL DEFAULT 10 CHECK (assign_limit BETWEEN 1 AND 1000);

-- Counts a member's open rooms for the pick.
CREATE INDEX rooms_open_assignee ON rooms (account_id, assignee_id)
    WHERE assignee_id IS NOT NULL AND status <> 'completed';

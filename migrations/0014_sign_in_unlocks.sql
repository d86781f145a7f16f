-- Mailed unlock links (AUTH-5, issue 14 item 3): when sign-in refuses an
-- email because too many addresses have failed for it, its owner is mailed a
-- single-use link, valid for 15 minutes, whose button marks that browser as
-- trusted for the email. Only the hash of the link's token is kept.
CREATE TABLE sign_in_unlocks (
    token_hash  text PRIMARY KEY,
    partner_id  bigint NOT NULL REFERENCES partners ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);
CREATE INDEX sign_in_unlocks_partner ON sign_in_unlocks (partner_id);
CREATE INDEX sign_in_unlocks_expires ON sign_in_unlocks (expires_at);

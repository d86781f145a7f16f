-- Sign-in throttling per email and client address pair (AUTH-5): each failed
-- sign-in keeps the email in its normal form (NFC, then Unicode case folding,
-- auth_email_normal) and the address apart, so that one statement counts a
-- pair, the addresses that failed for an email, and an address. The old rows
-- held one key each and cannot be split; they are at most a day old and go.
DROP TABLE sign_in_failures;
CREATE TABLE sign_in_failures (
    email      text NOT NULL,
    address    text NOT NULL,
    failed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failures_email ON sign_in_failures (email, failed_at);
CREATE INDEX sign_in_failures_address ON sign_in_failures (address, failed_at);
CREATE INDEX sign_in_failures_failed ON sign_in_failures (failed_at);

-- Partners' emails are printable ASCII (the form's email check), where
-- lower() and Unicode case folding agree: sign-in finds the partner by
-- comparing lower(email) with the folded form it also counts failures under.
ALTER TABLE partners ADD CONSTRAINT partners_email_ascii CHECK (email ~ '^[!-~]+$');

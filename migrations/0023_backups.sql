-- Consultation history backups (EXP-1..6) and retention (CHAT-19): the
-- backups members and the operator start (their files live under
-- export_dir for 7 days; the ones written before an account is deleted stay
-- for the operator), each account's retention in years, the member a
-- restored message came from, and the one narrow way the programs' role may
-- delete messages.

-- A backup: one file (csv, jsonl or zip) of one account's history, or of
-- every account's (account_id NULL and scope 'all'). account_id becomes NULL
-- when the account is deleted; account_code keeps its name for the operator.
CREATE TABLE backups (
    id            bigserial PRIMARY KEY,
    account_id    bigint REFERENCES accounts ON DELETE SET NULL,
    account_code  text NOT NULL DEFAULT '',
    scope         text NOT NULL CHECK (scope IN ('account', 'all')),
    reason        text NOT NULL CHECK (reason IN ('member', 'operator', 'retention', 'deletion')),
    format        text NOT NULL CHECK (format IN ('csv', 'jsonl', 'zip')),
    period_from   timestamptz,                -- NULL: from the first message
    period_to     timestamptz,                -- NULL: up to the start; exclusive
    status        text NOT NULL DEFAULT 'queued'
                  CHECK (status IN ('queued', 'running', 'ready', 'failed', 'cancelled', 'expired')),
    done          bigint NOT NULL DEFAULT 0,  -- messages written so far
    total         bigint NOT NULL DEFAULT 0,  -- messages in the snapshot
    file_name     text CHECK (file_name ~ '^[0-9]+-[0-9a-f]{32}\.(csv|jsonl|zip)$'),
    size          bigint,
    started_by    bigint REFERENCES partners ON DELETE SET NULL,
    heartbeat_at  timestamptz,                -- the running worker's last sign of life
    created_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    expires_at    timestamptz,                -- NULL while not ready, or kept for the operator
    error         text CHECK (char_length(error) <= 200)
);
CREATE INDEX backups_account ON backups (account_id, created_at DESC);
CREATE INDEX backups_operator ON backups (created_at DESC) WHERE account_id IS NULL;
CREATE INDEX backups_expiring ON backups (expires_at) WHERE status = 'ready';
CREATE INDEX backups_running ON backups (heartbeat_at) WHERE status = 'running';

-- CHAT-19: messages older than this many years are deleted by the daily
-- retention job, after it wrote them to a backup.
ALTER TABLE accounts
    ADD COLUMN retention_years smallint NOT NULL DEFAULT 3 CHECK (retention_years BETWEEN 1 AND 10),
    ADD COLUMN retention_checked_at timestamptz;

-- A restored message whose member is no partner of this server keeps who
-- wrote it (EXP-5); NULL for messages written here.
ALTER TABLE messages
    ADD COLUMN sender_name   text CHECK (char_length(sender_name) <= 40),
    ADD COLUMN sender_email  text CHECK (char_length(sender_email) <= 254);

-- The programs' role may not DELETE messages (0011_roles.sql). Retention
-- deletes through this function only, which runs with the owner's rights and
-- refuses unless a finished retention backup of that account covers every
-- message it deletes (EXP-6). It deletes the messages older than before and
-- their attachments and returns the attachments' stored names, so that the
-- caller removes the files after its commit.
CREATE FUNCTION retention_delete(p_account bigint, p_before timestamptz, p_backup bigint)
RETURNS SETOF text LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    gone_files bigint[];
BEGIN
    IF NOT EXISTS (SELECT 1 FROM backups
                   WHERE id = p_backup AND account_id = p_account AND reason = 'retention'
                     AND status = 'ready' AND period_from IS NULL AND period_to >= p_before) THEN
        RAISE EXCEPTION 'retention_delete: no finished backup covers the messages'
            USING ERRCODE = 'check_violation';
    END IF;
    SELECT coalesce(array_agg(attachment_id), '{}') INTO gone_files FROM messages
    WHERE account_id = p_account AND created_at < p_before AND attachment_id IS NOT NULL;
    DELETE FROM messages WHERE account_id = p_account AND created_at < p_before;
    RETURN QUERY
    DELETE FROM attachments
    WHERE id = ANY (gone_files) AND account_id = p_account
      AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.attachment_id = attachments.id)
    RETURNING stored_name;
END $$;
REVOKE ALL ON FUNCTION retention_delete(bigint, timestamptz, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION retention_delete(bigint, timestamptz, bigint) TO :"app_role";

-- The daily retention job finds messages by age within an account.
CREATE INDEX messages_account_time ON messages (account_id, created_at);

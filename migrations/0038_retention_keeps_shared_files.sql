-- Retention keeps a file that something else still names.
--
-- A customer's tap on an FAQ entry with an image stores an attachment whose
-- stored_name is the FAQ image's own file (chat_post_tap). retention_delete
-- (0023) returned the stored names of every attachment it deleted, and the
-- worker removed those files: the FAQ entry, its published copy and every
-- later tap then named a file that was gone (404 on the FAQ's image and on
-- the new taps' attachments, and a zip backup without it).
--
-- Now it returns a name only when no attachment left, no FAQ entry and no
-- published FAQ entry names it; the FAQ's own deletion already asks the same
-- (db_faq_entries_image_unused). The index serves both questions, which
-- read every attachment before.
CREATE INDEX attachments_stored_name ON attachments (stored_name);

CREATE OR REPLACE FUNCTION retention_delete(p_account bigint, p_before timestamptz, p_backup bigint)
RETURNS SETOF text LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    gone_files bigint[];
    gone_names text[];
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
    WITH gone AS (
        DELETE FROM attachments
        WHERE id = ANY (gone_files) AND account_id = p_account
          AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.attachment_id = attachments.id)
        RETURNING stored_name)
    SELECT coalesce(array_agg(DISTINCT stored_name), '{}') INTO gone_names FROM gone;
    RETURN QUERY
    SELECT n FROM unnest(gone_names) n
    WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE a.stored_name = n)
      AND NOT EXISTS (SELECT 1 FROM faq_entries f WHERE f.image_name = n)
      AND NOT EXISTS (SELECT 1 FROM faq_published f WHERE f.image_name = n);
END $$;

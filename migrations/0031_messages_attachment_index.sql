-- Messages by their attachment, only those that have one (a few in a
-- hundred). Without it, deleting an attachment row (retention, EXP-6) made
-- the foreign key's ON DELETE SET NULL and retention_delete's NOT EXISTS
-- read every message of the server once per attachment, and a backup's list
-- of attachment files (EXP-2) walked every message of the period to find the
-- few with a file (issue 12).
CREATE INDEX messages_attachment ON messages (attachment_id) WHERE attachment_id IS NOT NULL;

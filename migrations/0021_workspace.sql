-- The agents' workspace (issue 13): image sizes so that a conversation does
-- not jump while images load, the time a room has waited for an answer (the
-- customer's oldest unanswered message) for the queue's "longest waiting"
-- order, the account setting that a reply to an unassigned room assigns it
-- to the replier, and the partner's choice of desktop notifications.

ALTER TABLE attachments
    ADD COLUMN width integer CHECK (width IS NULL OR width BETWEEN 1 AND 65535),
    ADD COLUMN height integer CHECK (height IS NULL OR height BETWEEN 1 AND 65535);

ALTER TABLE rooms ADD COLUMN waiting_since timestamptz;
UPDATE rooms SET waiting_since = last_customer_message_at
    WHERE status IN ('unread', 'unanswered') AND NOT hidden;
CREATE INDEX rooms_waiting ON rooms (account_id, waiting_since, id)
    WHERE waiting_since IS NOT NULL AND NOT hidden;
CREATE INDEX rooms_left ON rooms (account_id, last_message_at DESC, id DESC) WHERE hidden;

ALTER TABLE accounts ADD COLUMN reply_assigns boolean NOT NULL DEFAULT false;

ALTER TABLE partners ADD COLUMN desktop_notify boolean NOT NULL DEFAULT false;

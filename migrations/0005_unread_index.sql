-- The unread badges sum unread_count over an account's listed rooms on every
-- page; this covering partial index lets that be an index-only scan.
DROP INDEX rooms_unread;
CREATE INDEX rooms_unread ON rooms (account_id) INCLUDE (unread_count)
    WHERE unread_count > 0 AND NOT hidden;

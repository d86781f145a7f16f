-- The inbox's status tabs (unread, unanswered, answered, completed, left; issue
-- 13) were counted on every list view by one pass over the account's rooms:
-- 80-190 ms at 100,000 rooms (a sequential scan, rooms' rows being wide), so
-- that the inbox served 10-15 pages a second (issue 8). Here a trigger keeps
-- the counts per account instead, as unread_counts (migration 0015) keeps the
-- unread sums, and a page reads a few rows.
--
-- A room counts once: under "left" when hidden, else under its status. The
-- counts of an account are spread over 64 slots, a room's changes going to
-- slot id % 64: connections changing one account's rooms at once seldom wait
-- for each other's row lock (as with unread_counts' slots), and a statement
-- changing many rooms in one transaction (the bench's seed, restore-account,
-- ACC-9's reset of every room) makes 64 short chains of row versions, not one
-- long one that each later change of that transaction would walk (100,000
-- changes of one row in one transaction take minutes). A slot alone means
-- nothing; the sum of an account's slots is the count. The trigger fires
-- only when a room's category can change (a new or deleted room, status,
-- hidden or account), so that a customer writing into a room already unread
-- costs nothing here.

CREATE TABLE room_status_counts (
    account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    slot        smallint NOT NULL,
    unread      bigint NOT NULL DEFAULT 0,
    unanswered  bigint NOT NULL DEFAULT 0,
    answered    bigint NOT NULL DEFAULT 0,
    completed   bigint NOT NULL DEFAULT 0,
    left_rooms  bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, slot)
);

-- Adds sign (1 or -1) to the count of room of account with status and hidden;
-- nothing when the account is being deleted (its rooms go with it and its
-- slots with the account).
CREATE FUNCTION room_status_counts_add(account bigint, room bigint, status text,
                                       hidden boolean, sign integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO room_status_counts (account_id, slot, unread, unanswered, answered,
                                    completed, left_rooms)
    SELECT account, room % 64,
           CASE WHEN NOT hidden AND status = 'unread' THEN sign ELSE 0 END,
           CASE WHEN NOT hidden AND status = 'unanswered' THEN sign ELSE 0 END,
           CASE WHEN NOT hidden AND status = 'answered' THEN sign ELSE 0 END,
           CASE WHEN NOT hidden AND status = 'completed' THEN sign ELSE 0 END,
           CASE WHEN hidden THEN sign ELSE 0 END
    WHERE EXISTS (SELECT 1 FROM accounts WHERE id = account)
    ON CONFLICT (account_id, slot) DO UPDATE SET
        unread = room_status_counts.unread + EXCLUDED.unread,
        unanswered = room_status_counts.unanswered + EXCLUDED.unanswered,
        answered = room_status_counts.answered + EXCLUDED.answered,
        completed = room_status_counts.completed + EXCLUDED.completed,
        left_rooms = room_status_counts.left_rooms + EXCLUDED.left_rooms;
END
$$;

-- A statement changing many rooms in one transaction would still make each
-- slot's chain long (ACC-9's reset of 100,000 rooms took minutes), so such
-- work pauses the trigger for its transaction and recounts the account at the
-- end: room_status_counts_pause(), the changes, room_status_counts_recount().
CREATE FUNCTION room_status_counts_paused() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('sangdam.room_status_counts', true), '') = 'paused'
$$;

CREATE FUNCTION room_status_counts_pause() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('sangdam.room_status_counts', 'paused', true);
END
$$;

-- Counts account's rooms afresh and ends the pause. The account's row is
-- locked first (FOR UPDATE waits for, and then holds off, every transaction
-- adding a room to it, whose foreign key check holds KEY SHARE), and the
-- rooms are counted by a later statement, whose snapshot sees them.
CREATE FUNCTION room_status_counts_recount(account bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('sangdam.room_status_counts', '', true);
    PERFORM 1 FROM accounts WHERE id = account FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    DELETE FROM room_status_counts WHERE account_id = account;
    INSERT INTO room_status_counts (account_id, slot, unread, unanswered, answered,
                                    completed, left_rooms)
    SELECT account, 0,
           count(*) FILTER (WHERE NOT hidden AND status = 'unread'),
           count(*) FILTER (WHERE NOT hidden AND status = 'unanswered'),
           count(*) FILTER (WHERE NOT hidden AND status = 'answered'),
           count(*) FILTER (WHERE NOT hidden AND status = 'completed'),
           count(*) FILTER (WHERE hidden)
    FROM rooms WHERE account_id = account;
END
$$;

CREATE FUNCTION rooms_status_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM room_status_counts_add(OLD.account_id, OLD.id, OLD.status, OLD.hidden, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM room_status_counts_add(NEW.account_id, NEW.id, NEW.status, NEW.hidden, 1);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER rooms_status_counts_insert AFTER INSERT ON rooms FOR EACH ROW
    WHEN (NOT room_status_counts_paused())
    EXECUTE FUNCTION rooms_status_counts();
CREATE TRIGGER rooms_status_counts_update AFTER UPDATE OF status, hidden, account_id
    ON rooms FOR EACH ROW
    WHEN ((OLD.status <> NEW.status OR OLD.hidden <> NEW.hidden
           OR OLD.account_id <> NEW.account_id) AND NOT room_status_counts_paused())
    EXECUTE FUNCTION rooms_status_counts();
CREATE TRIGGER rooms_status_counts_delete AFTER DELETE ON rooms FOR EACH ROW
    WHEN (NOT room_status_counts_paused())
    EXECUTE FUNCTION rooms_status_counts();

-- The counts so far; no room changes while they are taken.
LOCK TABLE rooms IN SHARE MODE;
INSERT INTO room_status_counts (account_id, slot, unread, unanswered, answered, completed,
                                left_rooms)
SELECT account_id, 0,
       count(*) FILTER (WHERE NOT hidden AND status = 'unread'),
       count(*) FILTER (WHERE NOT hidden AND status = 'unanswered'),
       count(*) FILTER (WHERE NOT hidden AND status = 'answered'),
       count(*) FILTER (WHERE NOT hidden AND status = 'completed'),
       count(*) FILTER (WHERE hidden)
FROM rooms GROUP BY account_id;

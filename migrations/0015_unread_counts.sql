-- The unread badges (CHAT-10) are on every agent's page. Summing unread_count
-- over an account's rooms read every unread room (1.4-3 ms at 16,000 unread
-- rooms, most of an inbox page's database time); here a trigger keeps the sum
-- per account instead, so a page reads a few rows.
--
-- The sum of an account is spread over slots: a change is added to the slot
-- of the server process that makes it (pg_backend_pid() % 32), so that two
-- connections posting to one account at once seldom wait for each other's
-- row lock until commit. A slot alone means nothing (it may go below zero);
-- the sum of an account's slots is the sum of unread_count over its rooms
-- that are not hidden, as the badges counted before.

CREATE TABLE unread_counts (
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    slot       smallint NOT NULL,
    total      bigint NOT NULL,
    PRIMARY KEY (account_id, slot)
);

-- What a room adds to its account's badge.
CREATE FUNCTION room_unread(unread_count integer, hidden boolean) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN hidden THEN 0 ELSE unread_count END
$$;

-- Adds delta to account's sum; nothing when the account is being deleted (its
-- rooms go with it and its slots with the account).
CREATE FUNCTION unread_counts_add(account bigint, delta bigint) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO unread_counts (account_id, slot, total)
    SELECT account, pg_backend_pid() % 32, delta
    WHERE delta <> 0 AND EXISTS (SELECT 1 FROM accounts WHERE id = account)
    ON CONFLICT (account_id, slot) DO UPDATE SET total = unread_counts.total + EXCLUDED.total
$$;

CREATE FUNCTION rooms_unread_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM unread_counts_add(OLD.account_id, -room_unread(OLD.unread_count, OLD.hidden));
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM unread_counts_add(NEW.account_id, room_unread(NEW.unread_count, NEW.hidden));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER rooms_unread_counts_insert AFTER INSERT ON rooms FOR EACH ROW
    WHEN (room_unread(NEW.unread_count, NEW.hidden) <> 0)
    EXECUTE FUNCTION rooms_unread_counts();
CREATE TRIGGER rooms_unread_counts_update AFTER UPDATE OF unread_count, hidden, account_id
    ON rooms FOR EACH ROW
    WHEN (room_unread(OLD.unread_count, OLD.hidden) <> room_unread(NEW.unread_count, NEW.hidden)
          OR OLD.account_id <> NEW.account_id)
    EXECUTE FUNCTION rooms_unread_counts();
CREATE TRIGGER rooms_unread_counts_delete AFTER DELETE ON rooms FOR EACH ROW
    WHEN (room_unread(OLD.unread_count, OLD.hidden) <> 0)
    EXECUTE FUNCTION rooms_unread_counts();

-- The sums so far; no room changes while they are taken.
LOCK TABLE rooms IN SHARE MODE;
INSERT INTO unread_counts (account_id, slot, total)
SELECT account_id, 0, sum(room_unread(unread_count, hidden))
FROM rooms WHERE unread_count > 0 AND NOT hidden GROUP BY account_id;

-- The covering index of the old sum has no reader left.
DROP INDEX rooms_unread;

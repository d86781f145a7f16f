-- Shared counter rows written once per statement or transaction, not once per
-- row (issue 8).
--
-- A statement changing many rows that each upsert the same counter row makes
-- a chain of row versions, and every later upsert in that transaction walks
-- the chain to its end: the work grows with the square of the rows. Measured
-- at 100,000 rooms and customers, inside a transaction rolled back after:
--   UPDATE of 20,000 customers' friend marks: 4.6 s, of which 4.3 s was
--     customers_inbox_version bumping one inbox_versions row 20,000 times
--     (0.3 s without it); 100,000 customers (the bench's friends) took
--     minutes;
--   ACC-9's reset of 100,000 rooms, 16,666 of them unread: 4.6 s, of which
--     2.3 s was rooms_unread_counts upserting one unread_counts row 16,666
--     times.
-- Each grows on: 50,000 unread rooms would take the reset some 20 s more.

-- 1. An inbox version needs one bump per transaction, not per change
-- (migration 0032): readers see a transaction's changes and its bump at its
-- commit, together. A slot row this transaction has bumped already is left
-- as it is (the upsert still takes its row lock, which the transaction
-- holds): one it wrote itself (xmin) and that names it (bumped_in, the
-- 64-bit id). Either alone can match another transaction: a 32-bit xmin,
-- even frozen, comes round again after 2^32 transactions, and bumped_in
-- copied by a dump to a cluster whose ids are still lower may be reached
-- again there. A bump made in a subtransaction that is rolled back goes
-- with it, and the next change bumps again; one made in a subtransaction
-- that is kept has the subtransaction's xmin, so the next change bumps once
-- more, which is harmless.
ALTER TABLE inbox_versions ADD COLUMN bumped_in xid8;

CREATE OR REPLACE FUNCTION inbox_versions_bump(accounts bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO inbox_versions AS v (account_id, slot, version, bumped_in)
    SELECT a.id, pg_backend_pid() % 64, 1, pg_current_xact_id() FROM accounts a
    WHERE a.id = ANY (accounts) ORDER BY a.id
    ON CONFLICT (account_id, slot) DO UPDATE
        SET version = v.version + 1, bumped_in = EXCLUDED.bumped_in
        WHERE v.bumped_in IS DISTINCT FROM EXCLUDED.bumped_in
           OR v.xmin <> pg_current_xact_id()::xid;
END
$$;

-- 2. The unread sums (migrations 0015, 0026, 0030) add each statement's
-- difference per account once, from the statement's transition tables. A
-- statement that changes no unread count (a room's name, memo, mark)
-- upserts nothing.
DROP TRIGGER rooms_unread_counts_insert ON rooms;
DROP TRIGGER rooms_unread_counts_update ON rooms;
DROP TRIGGER rooms_unread_counts_delete ON rooms;
DROP FUNCTION rooms_unread_counts();

CREATE FUNCTION rooms_unread_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM unread_counts_add(account_id, sum(room_unread(unread_count, hidden))::bigint)
        FROM new_rows GROUP BY account_id
        HAVING sum(room_unread(unread_count, hidden)) <> 0;
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM unread_counts_add(d.account_id, sum(d.delta)::bigint)
        FROM (SELECT account_id, room_unread(unread_count, hidden) AS delta FROM new_rows
              UNION ALL
              SELECT account_id, -room_unread(unread_count, hidden) FROM old_rows) d
        GROUP BY d.account_id HAVING sum(d.delta) <> 0;
    ELSE
        PERFORM unread_counts_add(account_id, -sum(room_unread(unread_count, hidden))::bigint)
        FROM old_rows GROUP BY account_id
        HAVING sum(room_unread(unread_count, hidden)) <> 0;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER rooms_unread_counts_insert AFTER INSERT ON rooms
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION rooms_unread_counts();
CREATE TRIGGER rooms_unread_counts_update AFTER UPDATE ON rooms
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION rooms_unread_counts();
CREATE TRIGGER rooms_unread_counts_delete AFTER DELETE ON rooms
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION rooms_unread_counts();

-- The inbox list's version (issue 8). The inbox program keeps the rendered
-- rows of a list per account and filter (cgi-bin/inbox/rows_cache.c) and asks
-- here, in the round trip that reads the account's labels and members,
-- whether anything the rows show has changed since: a page whose rows are
-- still current then skips the list statement and its rendering.
--
-- The version of an account is the sum of its slots. Every committed change
-- to what a row of the list shows adds at least one to one slot, inside the
-- change's own transaction: a reader's snapshot sees the change and the
-- larger sum together, or neither. Snapshots taken one after another see
-- ever larger sets of commits, so an equal sum means the same rows. A slot
-- alone means nothing; a connection adds to slot pg_backend_pid() % 64, so
-- that connections changing one account's rooms at once seldom wait for
-- each other's row lock (as with room_status_counts, migration 0028). The
-- sum only grows: slots go only with their account.
--
-- What the rows show and who bumps it:
--   rooms (any column, any statement)       rooms_inbox_version_*
--   the labels on a room                    room_labels_inbox_version_*
--   a customer's name, number, friend and   customers_inbox_version
--   blocked marks
--   an assignee's name                      partners_inbox_version
-- The labels' names and colours come from the account's choices, which
-- every page reads anyway; the program keys its entries on them (and on the
-- members' names), on the account's time zone and on the minute (the rows'
-- times and waiting minutes). TRUNCATE, which fires no row or statement
-- trigger, is not granted to the programs (migration 0011).

CREATE TABLE inbox_versions (
    account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    slot        smallint NOT NULL,
    version     bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, slot)
);

-- Adds one to the slot of this connection for each account of accounts;
-- nothing for an account that is gone or being deleted (its rooms and
-- customers go with it, and its slots with the account).
CREATE FUNCTION inbox_versions_bump(accounts bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO inbox_versions AS v (account_id, slot, version)
    SELECT a.id, pg_backend_pid() % 64, 1 FROM accounts a
    WHERE a.id = ANY (accounts) ORDER BY a.id
    ON CONFLICT (account_id, slot) DO UPDATE SET version = v.version + 1;
END
$$;

-- Once per statement, not per row: a statement changing 100,000 rooms (a
-- restore, ACC-9's reset) adds one per account, not a long chain of row
-- versions of 64 slots.
CREATE FUNCTION rooms_inbox_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM inbox_versions_bump(ARRAY(SELECT DISTINCT account_id FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM inbox_versions_bump(ARRAY(SELECT account_id FROM new_rows
                                          UNION SELECT account_id FROM old_rows));
    ELSE
        PERFORM inbox_versions_bump(ARRAY(SELECT DISTINCT account_id FROM old_rows));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER rooms_inbox_version_insert AFTER INSERT ON rooms
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION rooms_inbox_version();
CREATE TRIGGER rooms_inbox_version_update AFTER UPDATE ON rooms
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION rooms_inbox_version();
CREATE TRIGGER rooms_inbox_version_delete AFTER DELETE ON rooms
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION rooms_inbox_version();

-- room_labels has no account: the rooms tell it. A room deleted with its
-- labels has bumped its account already (above).
CREATE FUNCTION room_labels_inbox_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM inbox_versions_bump(ARRAY(SELECT DISTINCT r.account_id FROM new_rows l
                                          JOIN rooms r ON r.id = l.room_id));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM inbox_versions_bump(ARRAY(SELECT r.account_id FROM new_rows l
                                          JOIN rooms r ON r.id = l.room_id
                                          UNION SELECT r.account_id FROM old_rows l
                                          JOIN rooms r ON r.id = l.room_id));
    ELSE
        PERFORM inbox_versions_bump(ARRAY(SELECT DISTINCT r.account_id FROM old_rows l
                                          JOIN rooms r ON r.id = l.room_id));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER room_labels_inbox_version_insert AFTER INSERT ON room_labels
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION room_labels_inbox_version();
CREATE TRIGGER room_labels_inbox_version_update AFTER UPDATE ON room_labels
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION room_labels_inbox_version();
CREATE TRIGGER room_labels_inbox_version_delete AFTER DELETE ON room_labels
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION room_labels_inbox_version();

-- Per row, only when a column the list shows changed: a customer's row is
-- also written where the list shows nothing new.
CREATE FUNCTION customers_inbox_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM inbox_versions_bump(ARRAY[NEW.account_id, OLD.account_id]);
    RETURN NULL;
END
$$;

CREATE TRIGGER customers_inbox_version AFTER UPDATE ON customers FOR EACH ROW
    WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name
          OR OLD.number IS DISTINCT FROM NEW.number
          OR OLD.is_friend IS DISTINCT FROM NEW.is_friend
          OR OLD.blocked IS DISTINCT FROM NEW.blocked
          OR OLD.account_id IS DISTINCT FROM NEW.account_id)
    EXECUTE FUNCTION customers_inbox_version();

-- A partner's new name shows where they are the assignee: in the accounts
-- they are a member of, and in any whose rooms still name them (an
-- assignment that raced with their removal). Renames are rare; those rooms
-- are found without an index.
CREATE FUNCTION partners_inbox_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM inbox_versions_bump(ARRAY(SELECT account_id FROM members WHERE partner_id = NEW.id
                                      UNION SELECT account_id FROM rooms
                                      WHERE assignee_id = NEW.id));
    RETURN NULL;
END
$$;

CREATE TRIGGER partners_inbox_version AFTER UPDATE OF name ON partners FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION partners_inbox_version();

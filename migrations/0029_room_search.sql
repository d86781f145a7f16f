-- The search terms of a room (CHAT-12 q, migration 0013) move out of the rooms
-- row into a table of their own, room_search, one row per room (issue 8).
--
-- Every customer post writes its room's row (status, unread count, last
-- message), and a room's row versions are never HOT (the inbox's btree
-- indexes hold last_message_at, status and waiting_since), so each post
-- inserted all of the room's few hundred terms into the GIN index rooms_search
-- again, whatever the message said: most of a post's time in PostgreSQL. Now
-- the rooms row carries no GIN-indexed column; a room's terms are written only
-- when a message (or a name, a memo, the customer's name) brings terms the
-- room has not had, which a room's usual vocabulary soon makes rare.
--
-- The terms are the same (search_terms, search_query_terms and the
-- only-added rule of migration 0013), so is the search: a room is a candidate
-- when its row of room_search holds the query's terms, then checked exactly.
-- Every room has its row, made with the room (rooms_search_insert) so that
-- a message's trigger usually only reads it.

CREATE TABLE room_search (
    room_id    bigint PRIMARY KEY REFERENCES rooms (id) ON DELETE CASCADE,
    account_id bigint NOT NULL,
    terms      text[] NOT NULL DEFAULT '{}'
);

INSERT INTO room_search (room_id, account_id, terms)
SELECT id, account_id, search_terms FROM rooms;

-- The terms alone, without account_id: a GIN scan ANDs the account's entry
-- (a posting tree of every room of the account) with the terms', which cost
-- a word that matches nothing 66 ms at 100,000 rooms; the account is checked
-- on the few rows the terms find (0.5 ms).
CREATE INDEX room_search_terms ON room_search USING gin (terms);

DROP INDEX rooms_search;
DROP TRIGGER rooms_search_names ON rooms;
DROP TRIGGER rooms_search_customer ON rooms;
DROP TRIGGER customers_search_name ON customers;
DROP TRIGGER messages_search_text ON messages;
DROP FUNCTION rooms_search_names();
DROP FUNCTION rooms_search_customer();
DROP FUNCTION customers_search_name();
DROP FUNCTION messages_search_text();
ALTER TABLE rooms DROP COLUMN search_terms;

-- Adds the terms of t to room's row: one update, only when t brings new ones
-- (the usual case reads the row and writes nothing); a room without its row
-- (made while the rooms trigger was off) gets one.
CREATE FUNCTION room_search_add(room bigint, t text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    added text[];
    known text[];
BEGIN
    IF t IS NULL OR t = '' THEN
        RETURN;
    END IF;
    added := search_terms(t);
    SELECT terms INTO known FROM room_search WHERE room_id = room;
    IF NOT FOUND THEN
        INSERT INTO room_search (room_id, account_id, terms)
        SELECT id, account_id, added FROM rooms WHERE id = room
        ON CONFLICT (room_id) DO NOTHING;
        IF FOUND THEN
            RETURN;
        END IF;
    ELSIF known @> added THEN
        RETURN;
    END IF;
    UPDATE room_search SET terms = ARRAY(SELECT DISTINCT x FROM unnest(terms || added) AS x)
    WHERE room_id = room AND NOT terms @> added;
END
$$;

-- New rooms get their row, with their customer's name, once per statement
-- (bulk inserts stay cheap; rooms_open's ON CONFLICT path inserts nothing).
-- A statement that also stores the rooms' messages may have fired their
-- trigger first, which made the row: the names' terms join it.
CREATE FUNCTION rooms_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO room_search AS s (room_id, account_id, terms)
    SELECT n.id, n.account_id,
           search_terms_add(search_terms_add(search_terms_add('{}', c.display_name), n.name),
                            n.memo)
    FROM new_rooms n JOIN customers c ON c.id = n.customer_id
    ON CONFLICT (room_id) DO UPDATE
        SET terms = ARRAY(SELECT DISTINCT x FROM unnest(s.terms || EXCLUDED.terms) AS x)
        WHERE NOT s.terms @> EXCLUDED.terms;
    RETURN NULL;
END
$$;
CREATE TRIGGER rooms_search_insert AFTER INSERT ON rooms REFERENCING NEW TABLE AS new_rooms
    FOR EACH STATEMENT EXECUTE FUNCTION rooms_search_insert();

-- A room's new name or memo.
CREATE FUNCTION rooms_search_names() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.name IS DISTINCT FROM OLD.name THEN
        PERFORM room_search_add(NEW.id, NEW.name);
    END IF;
    IF NEW.memo IS DISTINCT FROM OLD.memo THEN
        PERFORM room_search_add(NEW.id, NEW.memo);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER rooms_search_names AFTER UPDATE OF name, memo ON rooms
    FOR EACH ROW WHEN (NEW.name IS DISTINCT FROM OLD.name OR NEW.memo IS DISTINCT FROM OLD.memo)
    EXECUTE FUNCTION rooms_search_names();

-- The customer's name, in each of the customer's rooms.
CREATE FUNCTION customers_search_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM room_search_add(r.id, NEW.display_name)
    FROM rooms r WHERE r.account_id = NEW.account_id AND r.customer_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER customers_search_name AFTER UPDATE OF display_name ON customers
    FOR EACH ROW WHEN (NEW.display_name IS DISTINCT FROM OLD.display_name)
    EXECUTE FUNCTION customers_search_name();

-- A message's text, in its room.
CREATE FUNCTION messages_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM room_search_add(NEW.room_id, NEW.body);
    RETURN NULL;
END
$$;
CREATE TRIGGER messages_search_text AFTER INSERT ON messages
    FOR EACH ROW WHEN (NEW.body <> '') EXECUTE FUNCTION messages_search_text();

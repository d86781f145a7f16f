-- A long room's search keys are kept in chunks, and a message adds its keys
-- to the last chunk only (issue 8).
--
-- room_search_add (0035) rebuilt a room's whole key array (unnested, sorted
-- for DISTINCT, gathered again) whenever a text brought a new key, and the
-- new row version put every key of the room into the GIN index
-- room_search_keys again. So a post cost in proportion to the room's whole
-- history: in a room grown to 5,303 keys (21 kB), a customer's message with
-- a new word took 4.4-5.4 ms of the database, against about 1.1 ms in a
-- room of 300 keys, and its 5,303 index entries filled the index's pending
-- list, whose merge one unlucky post then pays (164 ms seen once).
--
-- Now a room has one row per chunk, (room_id, chunk). A text's missing keys
-- are appended to the room's last chunk while it holds at most
-- search_chunk_keys() keys; past that a new chunk starts with all of the
-- text's keys. So a write touches at most one chunk of about 2 kB, which
-- stays in the row uncompressed. Most rooms never pass one chunk.
--
-- Why every search stays right with no change to its statements: a room
-- matches when one of its texts (a message, its name, its memo, its
-- customer's name) holds the query (src/db_rooms.c, the exact check), and
-- the query's keys are then among that text's keys. Every text's keys are
-- kept whole in one chunk (appended to the chunk that already held the
-- rest, or all together in a new one), so a room that matches has one chunk
-- that holds all the query's keys: the searches' "a row of the room holds
-- the keys" reads any chunk, and the GIN index finds it by any chunk. A key
-- may repeat in two chunks; that costs space, never a result.
--
-- Writers of one room's keys take its chunk 0 FOR UPDATE, then read the
-- last chunk again, so two posts racing into a room neither append a key
-- twice nor both start the same new chunk. Only a text that brings new
-- keys takes the lock; the usual post reads and writes nothing.
--
-- room_search_rebuild (restore) still makes one row per room, chunk 0,
-- holding every text's keys: the invariant holds, and the next new keys
-- start chunk 1.
--
-- A long text's keys (more than about 500) are stored out of line; they do
-- not compress (integers of code points), so the column is STORAGE
-- EXTERNAL and pglz is no longer tried on each such write.

ALTER TABLE room_search ADD COLUMN chunk smallint NOT NULL DEFAULT 0;
ALTER TABLE room_search DROP CONSTRAINT room_search_pkey;
ALTER TABLE room_search ADD PRIMARY KEY (room_id, chunk);
ALTER TABLE room_search ALTER COLUMN keys SET STORAGE EXTERNAL;

-- The keys a chunk may reach by appends: 480 four-byte keys and the array's
-- header stay under the 2 kB at which PostgreSQL moves a value out of line.
CREATE FUNCTION search_chunk_keys() RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT 480 $$;

CREATE OR REPLACE FUNCTION room_search_add(room bigint, t text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    added integer[];
    known integer[];
    last smallint;
    missing integer[];
BEGIN
    IF t IS NULL OR t = '' THEN
        RETURN;
    END IF;
    added := search_keys(t);
    SELECT chunk, keys INTO last, known FROM room_search
    WHERE room_id = room ORDER BY chunk DESC LIMIT 1;
    IF NOT FOUND THEN
        INSERT INTO room_search (room_id, chunk, account_id, keys)
        SELECT id, 0, account_id, added FROM rooms WHERE id = room
        ON CONFLICT (room_id, chunk) DO NOTHING;
        IF FOUND THEN
            RETURN;
        END IF;
    ELSIF known @> added THEN
        RETURN;
    END IF;
    -- The room's writers one at a time; then the last chunk as it is now.
    PERFORM 1 FROM room_search WHERE room_id = room AND chunk = 0 FOR UPDATE;
    SELECT chunk, keys INTO last, known FROM room_search
    WHERE room_id = room ORDER BY chunk DESC LIMIT 1;
    IF NOT FOUND OR known @> added THEN
        RETURN;
    END IF;
    missing := ARRAY(SELECT k FROM unnest(added) AS k WHERE NOT k = ANY (known));
    IF cardinality(known) + cardinality(missing) <= search_chunk_keys() THEN
        UPDATE room_search SET keys = keys || missing WHERE room_id = room AND chunk = last;
    ELSE
        INSERT INTO room_search (room_id, chunk, account_id, keys)
        SELECT id, last + 1, account_id, added FROM rooms WHERE id = room;
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION rooms_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO room_search AS s (room_id, chunk, account_id, keys)
    SELECT n.id, 0, n.account_id,
           search_keys_add(search_keys_add(search_keys_add('{}', c.display_name), n.name),
                           n.memo)
    FROM new_rooms n JOIN customers c ON c.id = n.customer_id
    ON CONFLICT (room_id, chunk) DO UPDATE
        SET keys = ARRAY(SELECT DISTINCT x FROM unnest(s.keys || EXCLUDED.keys) AS x)
        WHERE NOT s.keys @> EXCLUDED.keys;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION room_search_rebuild(account bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM trigger_work_pause('room_search', false);
    INSERT INTO room_search AS s (room_id, chunk, account_id, keys)
    SELECT r.id, 0, r.account_id,
           ARRAY(SELECT DISTINCT x FROM messages m, unnest(search_keys(m.body)) AS x
                 WHERE m.room_id = r.id AND m.body <> '')
    FROM rooms r WHERE r.account_id = account
    ON CONFLICT (room_id, chunk) DO UPDATE
        SET keys = ARRAY(SELECT DISTINCT x FROM unnest(s.keys || EXCLUDED.keys) AS x)
        WHERE NOT s.keys @> EXCLUDED.keys;
END
$$;

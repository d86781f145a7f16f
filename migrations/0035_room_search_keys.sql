-- A room's search terms are kept as integer keys, not as text (issue 8).
--
-- The inbox search (CHAT-12 q) walks the newest rooms when its word is
-- common and checks each room's terms: a text[] of some 300 one- and
-- two-character terms, over 2 kB, so stored compressed (pglz) and
-- decompressed, split into its elements and compared as text for every room
-- checked, about 10 µs a room, the most of a search for 배송 (65 rooms
-- checked, 1.8 ms in all at 1,000,000 messages). A term of one or two
-- characters is as well told by an integer made of its code points: 4
-- bytes, an array small enough to be stored as it is (1.2 kB for 300 keys),
-- fixed-width elements compared as integers, about 1 µs a room.
--
-- search_key maps a term to its key: a character's code point c (below
-- 0x110000) is itself; a pair (c1, c2) is (c1 + 1) * 0x110000 + c2 taken
-- modulo 2^32 as a signed 32-bit integer. Distinct terms may share a key
-- (pairs whose first characters lie 65,536 apart, say, or a pair and a
-- character beyond the BMP; two pairs of BMP characters never do); a search
-- that finds a room by a shared key checks the room's text exactly anyway,
-- so a shared key costs a check, never a wrong room.
-- src/search_plan.c makes the same keys from a query.
--
-- The terms themselves (search_terms, search_query_terms of migration 0013)
-- and every rule of when a room's row is written stay as they were; the
-- column terms becomes keys.

-- Not STRICT, so that PostgreSQL inlines it (a NULL term has a NULL key).
CREATE FUNCTION search_key(term text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ((CASE WHEN char_length(term) = 1 THEN ascii(term)::bigint
                  ELSE (ascii(term)::bigint + 1) * 1114112 + ascii(substr(term, 2)) END
             + 2147483648) % 4294967296 - 2147483648)::integer
$$;

-- The distinct keys of terms. PL/pgSQL, as the functions that call it, so
-- that its query is planned once per connection, not once per call.
CREATE FUNCTION search_keys_of(terms text[]) RETURNS integer[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
BEGIN
    RETURN ARRAY(SELECT DISTINCT search_key(x) FROM unnest(terms) AS x);
END
$$;

-- The keys of the terms of t (search_terms), and those a query must find
-- (search_query_terms).
CREATE FUNCTION search_keys(t text) RETURNS integer[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
BEGIN
    RETURN search_keys_of(search_terms(t));
END
$$;

CREATE FUNCTION search_query_keys(q text) RETURNS integer[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
BEGIN
    RETURN search_keys_of(search_query_terms(q));
END
$$;

-- keys with those of t added (keys itself when t brings nothing new).
CREATE FUNCTION search_keys_add(keys integer[], t text) RETURNS integer[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    added integer[];
BEGIN
    keys := coalesce(keys, '{}');
    IF t IS NULL OR t = '' THEN
        RETURN keys;
    END IF;
    added := search_keys(t);
    IF added <@ keys THEN
        RETURN keys;
    END IF;
    RETURN ARRAY(SELECT DISTINCT x FROM unnest(keys || added) AS x);
END
$$;

ALTER TABLE room_search ALTER COLUMN terms DROP DEFAULT;
ALTER TABLE room_search ALTER COLUMN terms TYPE integer[] USING search_keys_of(terms);
ALTER TABLE room_search RENAME COLUMN terms TO keys;
ALTER TABLE room_search ALTER COLUMN keys SET DEFAULT '{}';
ALTER INDEX room_search_terms RENAME TO room_search_keys;

CREATE OR REPLACE FUNCTION room_search_add(room bigint, t text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    added integer[];
    known integer[];
BEGIN
    IF t IS NULL OR t = '' THEN
        RETURN;
    END IF;
    added := search_keys(t);
    SELECT keys INTO known FROM room_search WHERE room_id = room;
    IF NOT FOUND THEN
        INSERT INTO room_search (room_id, account_id, keys)
        SELECT id, account_id, added FROM rooms WHERE id = room
        ON CONFLICT (room_id) DO NOTHING;
        IF FOUND THEN
            RETURN;
        END IF;
    ELSIF known @> added THEN
        RETURN;
    END IF;
    UPDATE room_search SET keys = ARRAY(SELECT DISTINCT x FROM unnest(keys || added) AS x)
    WHERE room_id = room AND NOT keys @> added;
END
$$;

CREATE OR REPLACE FUNCTION rooms_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO room_search AS s (room_id, account_id, keys)
    SELECT n.id, n.account_id,
           search_keys_add(search_keys_add(search_keys_add('{}', c.display_name), n.name),
                           n.memo)
    FROM new_rooms n JOIN customers c ON c.id = n.customer_id
    ON CONFLICT (room_id) DO UPDATE
        SET keys = ARRAY(SELECT DISTINCT x FROM unnest(s.keys || EXCLUDED.keys) AS x)
        WHERE NOT s.keys @> EXCLUDED.keys;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION room_search_rebuild(account bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM trigger_work_pause('room_search', false);
    INSERT INTO room_search AS s (room_id, account_id, keys)
    SELECT r.id, r.account_id,
           ARRAY(SELECT DISTINCT x FROM messages m, unnest(search_keys(m.body)) AS x
                 WHERE m.room_id = r.id AND m.body <> '')
    FROM rooms r WHERE r.account_id = account
    ON CONFLICT (room_id) DO UPDATE
        SET keys = ARRAY(SELECT DISTINCT x FROM unnest(s.keys || EXCLUDED.keys) AS x)
        WHERE NOT s.keys @> EXCLUDED.keys;
END
$$;

DROP FUNCTION search_terms_add(text[], text);

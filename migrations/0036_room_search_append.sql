-- A message adds to its room's search keys only the keys the room lacks
-- (issue 8).
--
-- room_search_add (0035) rebuilt a room's whole array whenever a text
-- brought a new key: the old keys and the new ones unnested, sorted for
-- DISTINCT and gathered again. That costs in proportion to the room's keys,
-- not to the message: in a long room (5,303 keys, 21 kB) a customer's post
-- with a new word took about 5 ms of the database, against about 1 ms in a
-- room of 300 keys. The new keys are now those of the text that the row
-- does not hold, appended as they are: the array is a set whose order no
-- reader relies on (@> and the walk's check ignore it).
--
-- The missing keys are computed in the UPDATE against the row it changes,
-- so that two posts racing into one room, the second re-reading the row
-- the first wrote, never append a key twice.
--
-- A long room's keys no longer compress (integers of code points), yet
-- PostgreSQL tried pglz on every write of an array over 2 kB: EXTERNAL
-- stores such an array out of line as it is. Arrays under 2 kB, most rooms
-- (300 keys, 1.2 kB), stay in the row as before.
--
-- Measured on the bench's data, one room grown to 5,303 keys, a message
-- with new words inserted in psql: 4.9-5.3 ms before, 3.4-3.9 ms after
-- (the rest is mostly the GIN index taking the new row's keys).

ALTER TABLE room_search ALTER COLUMN keys SET STORAGE EXTERNAL;

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
    UPDATE room_search
    SET keys = keys || ARRAY(SELECT k FROM unnest(added) AS k WHERE NOT k = ANY (keys))
    WHERE room_id = room AND NOT keys @> added;
END
$$;

-- A restore writes each room's search terms once, at its end (issue 8).
--
-- messages_search_text (migration 0029) adds a message's new terms to its
-- room's row of room_search: one update of the whole array, and of every
-- one of its GIN entries, for each message that brings a term the room has
-- not had. A restore inserts a long room's messages one after another in one
-- transaction, so each such message rewrites an ever longer array and makes
-- the row's chain of versions longer: 1,000 messages of varied text in one
-- room took 45 s, 2,000 took 8.5 minutes (rolled back). As with the status
-- counts (migration 0028), such work pauses the trigger for its transaction
-- and rebuilds the account's terms at the end: trigger_work_pause('room_search',
-- true), the inserts, room_search_rebuild(account).

-- Work of a trigger paused for the open transaction, by name: a setting
-- local to the transaction, which a trigger's WHEN reads. The status counts'
-- pause (migration 0028) becomes one of them.
CREATE FUNCTION trigger_work_paused(work text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('sangdam.' || work, true), '') = 'paused'
$$;

CREATE FUNCTION trigger_work_pause(work text, paused boolean) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('sangdam.' || work, CASE WHEN paused THEN 'paused' ELSE '' END, true);
END
$$;

CREATE OR REPLACE FUNCTION room_status_counts_paused() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT trigger_work_paused('room_status_counts')
$$;

CREATE OR REPLACE FUNCTION room_status_counts_pause() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM trigger_work_pause('room_status_counts', true);
END
$$;

-- Ends the pause, then adds to each room of account the terms of its
-- messages, as messages_search_text would have, one write per room and none
-- where the row holds them all already; a room without its row gets one.
CREATE FUNCTION room_search_rebuild(account bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM trigger_work_pause('room_search', false);
    INSERT INTO room_search AS s (room_id, account_id, terms)
    SELECT r.id, r.account_id,
           ARRAY(SELECT DISTINCT x FROM messages m, unnest(search_terms(m.body)) AS x
                 WHERE m.room_id = r.id AND m.body <> '')
    FROM rooms r WHERE r.account_id = account
    ON CONFLICT (room_id) DO UPDATE
        SET terms = ARRAY(SELECT DISTINCT x FROM unnest(s.terms || EXCLUDED.terms) AS x)
        WHERE NOT s.terms @> EXCLUDED.terms;
END
$$;

DROP TRIGGER messages_search_text ON messages;
CREATE TRIGGER messages_search_text AFTER INSERT ON messages
    FOR EACH ROW WHEN (NEW.body <> '' AND NOT trigger_work_paused('room_search'))
    EXECUTE FUNCTION messages_search_text();

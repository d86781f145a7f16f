-- The unread sums' trigger (migrations 0015 and 0026) took a room's old
-- unread count away and added its new one: two upserts of the same slot row
-- for every customer message, each about a tenth of a millisecond of a
-- post's time in the database (pg_stat_user_functions under the bench's
-- posts: unread_counts_add 10,398 calls for 5,199 posts). A room that stays
-- in its account now adds the difference once; a room that moves to another
-- account still leaves the one sum and joins the other (issue 8).
CREATE OR REPLACE FUNCTION rooms_unread_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.account_id = NEW.account_id THEN
        PERFORM unread_counts_add(NEW.account_id,
            room_unread(NEW.unread_count, NEW.hidden) - room_unread(OLD.unread_count, OLD.hidden));
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM unread_counts_add(OLD.account_id, -room_unread(OLD.unread_count, OLD.hidden));
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM unread_counts_add(NEW.account_id, room_unread(NEW.unread_count, NEW.hidden));
    END IF;
    RETURN NULL;
END
$$;

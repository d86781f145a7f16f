-- Search in the inbox (CHAT-12 q) through one GIN index on rooms: each room
-- keeps search_terms, the set of every character and every pair of adjacent
-- characters (bigram) of its customer's name, its name, its memo and every
-- message written in it, lower-cased. Korean words are often two syllables,
-- which trigrams (pg_trgm) cannot index; bigrams can, and single characters
-- serve one-character queries. A query's own terms must all be in a room's
-- set (search_terms @> terms, answered by the index), then the room is
-- checked exactly with ILIKE, so a phrase whose pairs are spread over several
-- messages is not a false match. Terms are only added, never removed: a stale
-- term costs one exact check, never a wrong answer.
--
-- Maintained here by triggers, so that every path that writes a message, a
-- name or a memo keeps the terms: a message adds its terms to its room only
-- when it brings new ones (the usual vocabulary of a room soon holds them all).

CREATE EXTENSION IF NOT EXISTS btree_gin;

-- The functions are PL/pgSQL so that each session plans their queries once
-- (an SQL function with a FROM clause is planned again at every call, which
-- would cost every message a millisecond).

-- The terms of t: its characters and its pairs of adjacent characters within
-- each run of non-space characters, lower-cased, without duplicates.
CREATE FUNCTION search_terms(t text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
BEGIN
    RETURN (SELECT coalesce(array_agg(DISTINCT term), '{}')
            FROM regexp_split_to_table(lower(t), '\s+') AS word,
                 LATERAL generate_series(1, char_length(word)) AS i,
                 LATERAL (VALUES (substr(word, i, 1)), (substr(word, i, 2))) AS terms(term)
            WHERE term <> '' AND (char_length(term) = 1 OR i < char_length(word)));
END
$$;

-- The terms a query must find: per word its bigrams, or the word itself when
-- it is one character (a word's characters are implied by its bigrams, and
-- fewer terms give PostgreSQL a truer estimate of how many rooms match).
CREATE FUNCTION search_query_terms(q text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
BEGIN
    RETURN (SELECT coalesce(array_agg(DISTINCT term), '{}')
            FROM regexp_split_to_table(lower(q), '\s+') AS word,
                 LATERAL generate_series(1, greatest(char_length(word) - 1, 1)) AS i,
                 LATERAL (VALUES (substr(word, i, 2))) AS terms(term)
            WHERE term <> '');
END
$$;

-- terms with those of t added (terms itself when t brings nothing new).
CREATE FUNCTION search_terms_add(terms text[], t text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    added text[];
BEGIN
    terms := coalesce(terms, '{}');
    IF t IS NULL OR t = '' THEN
        RETURN terms;
    END IF;
    added := search_terms(t);
    IF added <@ terms THEN
        RETURN terms;
    END IF;
    RETURN ARRAY(SELECT DISTINCT x FROM unnest(terms || added) AS x);
END
$$;

ALTER TABLE rooms ADD COLUMN search_terms text[] NOT NULL DEFAULT '{}';

UPDATE rooms r SET search_terms = search_terms_add(search_terms_add(search_terms_add(
    (SELECT coalesce(array_agg(DISTINCT x), '{}') FROM messages m,
        LATERAL unnest(search_terms(m.body)) AS x WHERE m.room_id = r.id),
    r.name), r.memo), (SELECT c.display_name FROM customers c WHERE c.id = r.customer_id));

CREATE INDEX rooms_search ON rooms USING gin (account_id, search_terms);

-- A room's own name and memo: only what is new and not empty.
CREATE FUNCTION rooms_search_names() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.name <> '' AND (TG_OP = 'INSERT' OR NEW.name IS DISTINCT FROM OLD.name) THEN
        NEW.search_terms := search_terms_add(NEW.search_terms, NEW.name);
    END IF;
    IF NEW.memo <> '' AND (TG_OP = 'INSERT' OR NEW.memo IS DISTINCT FROM OLD.memo) THEN
        NEW.search_terms := search_terms_add(NEW.search_terms, NEW.memo);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER rooms_search_names BEFORE INSERT OR UPDATE OF name, memo ON rooms
    FOR EACH ROW WHEN (NEW.name <> '' OR NEW.memo <> '') EXECUTE FUNCTION rooms_search_names();

-- New rooms take their customer's name, once per statement (bulk inserts
-- stay cheap; rooms_open's ON CONFLICT path inserts nothing and adds nothing).
CREATE FUNCTION rooms_search_customer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE rooms r SET search_terms = search_terms_add(r.search_terms, c.display_name)
    FROM new_rooms n JOIN customers c ON c.id = n.customer_id
    WHERE r.id = n.id AND c.display_name <> '';
    RETURN NULL;
END
$$;
CREATE TRIGGER rooms_search_customer AFTER INSERT ON rooms REFERENCING NEW TABLE AS new_rooms
    FOR EACH STATEMENT EXECUTE FUNCTION rooms_search_customer();

-- The customer's name, in each of the customer's rooms.
CREATE FUNCTION customers_search_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE rooms SET search_terms = search_terms_add(search_terms, NEW.display_name)
    WHERE account_id = NEW.account_id AND customer_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER customers_search_name AFTER UPDATE OF display_name ON customers
    FOR EACH ROW WHEN (NEW.display_name IS DISTINCT FROM OLD.display_name)
    EXECUTE FUNCTION customers_search_name();

-- A message's text, in its room: one update, only when it brings new terms.
CREATE FUNCTION messages_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    added text[] := search_terms(NEW.body);
BEGIN
    UPDATE rooms SET search_terms = ARRAY(SELECT DISTINCT x FROM unnest(search_terms || added) AS x)
    WHERE id = NEW.room_id AND NOT search_terms @> added;
    RETURN NULL;
END
$$;
CREATE TRIGGER messages_search_text AFTER INSERT ON messages
    FOR EACH ROW WHEN (NEW.body <> '') EXECUTE FUNCTION messages_search_text();

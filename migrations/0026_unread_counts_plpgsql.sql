-- The unread sums' trigger (migration 0015) calls unread_counts_add twice
-- for each change of a room's unread count, a customer's message included:
-- as a SQL function its INSERT was parsed and planned again on every call
-- (about a sixth of a customer post's time in the database under perf); in
-- PL/pgSQL the plan is kept per connection (issue 8).
CREATE OR REPLACE FUNCTION unread_counts_add(account bigint, delta bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO unread_counts (account_id, slot, total)
    SELECT account, pg_backend_pid() % 32, delta
    WHERE delta <> 0 AND EXISTS (SELECT 1 FROM accounts WHERE id = account)
    ON CONFLICT (account_id, slot) DO UPDATE SET total = unread_counts.total + EXCLUDED.total;
END
$$;

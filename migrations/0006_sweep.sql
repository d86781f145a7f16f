-- Indexes for the worker's sweep of expired rows (cgi-bin/worker.c,
-- sweep_expired): each DELETE there finds its rows through one of these.
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX password_resets_expires ON password_resets (expires_at);
CREATE INDEX rate_counters_window ON rate_counters (window_start);
CREATE INDEX sign_in_failures_failed ON sign_in_failures (failed_at);

-- The full-text index on message bodies from 0003: no query uses it (the
-- inbox search does not go through to_tsvector), and it slows every message
-- insert. The search issue chooses the index it needs.
DROP INDEX messages_search;

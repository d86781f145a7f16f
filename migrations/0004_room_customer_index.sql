-- Deleting a customer (or an account) cascades to its room; this index keeps
-- that look-up from scanning every room.
CREATE INDEX rooms_customer ON rooms (customer_id);

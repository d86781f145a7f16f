-- The programs' role gets only the rights the programs use (issue 14 item 12):
-- rows, never the schema. Migrations run as the owner role (sangdam.conf's
-- database_owner), which owns every table; the programs and the worker log in
-- as the role of "database", which owns nothing, is no superuser, and gets:
--
--   SELECT, INSERT, UPDATE, DELETE on every table in schema public, and USAGE,
--   SELECT on every sequence (bigserial ids), now and for every table or
--   sequence that a later migration creates (ALTER DEFAULT PRIVILEGES below,
--   which covers objects made by the owner role, i.e. by migrations);
--   no CREATE on the schema, no TEMPORARY, no TRUNCATE, REFERENCES or TRIGGER;
--   nothing on schema_migrations;
--   no UPDATE or DELETE on rows SPEC.md keeps for good: account_reviews (the
--   review history, ACC-3), account_codes (codes are never reused, ACC-4) and
--   messages (the consultation history; UPDATE of the column delivered only).
--
-- Deleting an account still removes its reviews and messages: a referential
-- action (ON DELETE CASCADE / SET NULL) runs with the rights of the owner of
-- the table holding the foreign key, so the programs need DELETE only on the
-- tables they delete from by name.
--
-- bin/sangdamctl migrate passes the programs' role as the psql variable
-- app_role (the role "database" logs in as) and refuses to migrate when it is
-- the owner role itself. A later migration changes the programs' rights with
-- that variable, e.g. for a history table whose rows are never changed:
--
--   REVOKE UPDATE, DELETE ON account_history FROM :"app_role";
--
-- or, for a column of an immutable table that may change after all:
--
--   GRANT UPDATE (read_at) ON messages TO :"app_role";
--
-- A table created by a later migration needs nothing for the ordinary four
-- rights. Never create tables as a superuser: the default privileges below
-- apply only to objects the owner role creates.

REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SELECT format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database()) \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), :'app_role') \gexec

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app_role";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app_role";
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app_role";
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO :"app_role";

REVOKE ALL ON schema_migrations FROM :"app_role";
REVOKE UPDATE, DELETE ON account_reviews, account_codes FROM :"app_role";
REVOKE UPDATE, DELETE ON messages FROM :"app_role";
GRANT UPDATE (delivered) ON messages TO :"app_role";

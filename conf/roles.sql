-- The two roles of a Sangdam database, run by a superuser of the PostgreSQL
-- server in the app database, with the psql variables owner (the role that
-- runs the migrations and owns every object) and app (the role the programs
-- log in as). Harmless to repeat. bin/sangdamctl runs it on the private
-- cluster at every init; INSTALL shows it for an existing server:
--
--   psql -d sangdam -v owner=sangdam_owner -v app=sangdam_app -f conf/roles.sql
--
-- It creates the roles that are missing (LOGIN, no password: give one with
-- \password when they log in over the network), makes the owner role own the
-- database, schema public and every object in it (a database made before the
-- roles existed belongs to whoever made it), and takes the right to create
-- objects in schema public from everybody else. The programs' rights come from
-- migrations/0011_roles.sql.

\set ON_ERROR_STOP 1
SET client_min_messages = warning;

SELECT format('CREATE ROLE %I LOGIN', r)
FROM unnest(ARRAY[:'owner', :'app']) AS r
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) \gexec

SELECT format('ALTER DATABASE %I OWNER TO %I', current_database(), :'owner') \gexec
ALTER SCHEMA public OWNER TO :"owner";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- Tables, views and sequences that no table owns (owned ones follow their table).
SELECT format('ALTER %s %s OWNER TO %I',
    CASE c.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, c.oid::regclass, :'owner')
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
  AND c.relowner <> :'owner'::regrole
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                    AND d.deptype IN ('a', 'i') AND d.refclassid = 'pg_class'::regclass)
ORDER BY c.relkind <> 'S', c.oid \gexec

SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, :'owner')
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'public' AND p.proowner <> :'owner'::regrole
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                    AND d.deptype = 'e') \gexec

SELECT format('ALTER TYPE %s OWNER TO %I', t.oid::regtype, :'owner')
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'r')
  AND t.typowner <> :'owner'::regrole \gexec

"""The programs' database role holds rows, never the server (issue 14 item 12): connected
with the `database` connection string of VAR/sangdam.conf, as the programs and the worker
are, it cannot create or alter tables, read server files, run programs, or change rows that
SPEC.md keeps for good (account_reviews, account_codes, messages); tables that later
migrations create (as the owner role) get the ordinary rights by default."""

import os
import secrets
import subprocess

from testlib import Skip, expect


def _conf_value(s, key):
    """The value of KEY in VAR/sangdam.conf (the last line wins), or None."""
    value = None
    with open(os.path.join(s.var, "sangdam.conf"), encoding="utf-8") as f:
        for line in f:
            if line.lstrip().startswith("#") or "=" not in line:
                continue
            name, _, rest = line.partition("=")
            if name.strip() == key:
                value = rest.strip()
    return value


def _as(s, key, sql):
    """Runs SQL with the connection string KEY of sangdam.conf, as the OS user that owns
    the cluster (the programs' user); returns the CompletedProcess."""
    conninfo = _conf_value(s, key)
    if not conninfo or "host=%s/run" % s.var not in conninfo:
        raise Skip("%s in sangdam.conf is not the private cluster: %r" % (key, conninfo))
    cmd = s._as_owner(s.pg_data_dir()) + [
        "psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", conninfo, "-c", sql]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60, cwd="/")


def _app(s, sql):
    return _as(s, "database", sql)


def _app_ok(s, sql):
    proc = _app(s, sql)
    expect(proc.returncode == 0,
           "the programs' role could not run %s: %s" % (sql, proc.stderr.strip()))
    return proc.stdout.strip()


def _refused(s, sql, what):
    proc = _app(s, sql)
    expect(proc.returncode != 0,
           "the programs' role could %s: %s gave %r" % (what, sql, proc.stdout))
    expect("permission denied" in proc.stderr or "must be" in proc.stderr,
           "%s failed, but not for want of rights: %s" % (sql, proc.stderr.strip()))


def _one(s, sql):
    return s.psql(sql).strip()


def _database_owner(s):
    return _one(s, "SELECT pg_get_userbyid(datdba) FROM pg_database "
                   "WHERE datname = current_database()")


def _account_with_review(s):
    """An account (as the cluster's owner) with one review; returns (account id, review id)."""
    code = secrets.token_hex(3)
    name = "roles-" + secrets.token_hex(4)
    account = _one(s, (
        "WITH c AS (INSERT INTO account_codes (code) VALUES ('%s') RETURNING code) "
        "INSERT INTO accounts (code, kind, name, category1) SELECT code, 'personal', '%s', 'etc' "
        "FROM c RETURNING id") % (code, name))
    review = _one(s, "INSERT INTO account_reviews (account_id, action) VALUES (%s, 'submitted') "
                     "RETURNING id" % account)
    return account, review


def test_the_programs_role_is_no_superuser_and_owns_nothing(s):
    row = _app_ok(s, "SELECT current_user, rolsuper, rolcreaterole, rolcreatedb, rolreplication, "
                     "rolbypassrls FROM pg_roles WHERE rolname = current_user")
    expect(row.split("|")[1:] == ["f"] * 5, "the programs' role has special powers: %s" % row)
    role = row.split("|")[0]
    owned = _one(s, "SELECT count(*) FROM pg_class WHERE relowner = '%s'::regrole" % role)
    expect(owned == "0", "the programs' role %s owns %s relations" % (role, owned))
    owner = _database_owner(s)
    expect(owner != role, "the programs' role %s owns the database" % role)
    owner_role = _as(s, "database_owner", "SELECT current_user").stdout.strip()
    expect(owner_role == owner, "database_owner logs in as %r, the database belongs to %r"
           % (owner_role, owner))


def test_the_programs_role_cannot_change_the_schema(s):
    _refused(s, "CREATE TABLE roles_probe (id int)", "create a table")
    _refused(s, "CREATE TEMPORARY TABLE roles_probe (id int)", "create a temporary table")
    _refused(s, "ALTER TABLE partners ADD COLUMN roles_probe int", "alter a table")
    _refused(s, "DROP TABLE rate_counters", "drop a table")
    _refused(s, "TRUNCATE sessions", "truncate a table")
    _refused(s, "CREATE FUNCTION roles_probe() RETURNS int LANGUAGE sql AS 'SELECT 1'",
             "create a function")
    _refused(s, "CREATE SCHEMA roles_probe", "create a schema")


def test_the_programs_role_cannot_reach_the_server(s):
    _refused(s, "SELECT pg_read_file('postgresql.conf')", "read a server file")
    _refused(s, "COPY rate_counters FROM '/etc/hostname'", "read a file with COPY")
    _refused(s, "COPY (SELECT 1) TO PROGRAM 'true'", "run a program")
    _refused(s, "ALTER SYSTEM SET work_mem = '64MB'", "change the server's settings")
    _refused(s, "SELECT * FROM schema_migrations", "read schema_migrations")


def test_immutable_rows_stay(s):
    account, review = _account_with_review(s)
    _refused(s, "UPDATE account_reviews SET reason = 'changed' WHERE id = %s" % review,
             "change a review (ACC-3)")
    _refused(s, "DELETE FROM account_reviews WHERE id = %s" % review, "delete a review (ACC-3)")
    code = "(SELECT code FROM accounts WHERE id = %s)" % account
    _refused(s, "UPDATE account_codes SET issued_at = now() WHERE code = " + code,
             "change an issued code (ACC-4)")
    _refused(s, "DELETE FROM account_codes WHERE code = " + code, "delete an issued code (ACC-4)")
    _refused(s, "UPDATE messages SET body = 'changed'", "change a message's text")
    _refused(s, "DELETE FROM messages", "delete messages")
    expect(_one(s, "SELECT reason FROM account_reviews WHERE id = %s" % review) == "",
           "review %s changed" % review)
    # what the programs do: add a review, mark messages, delete an account with its history
    _app_ok(s, "INSERT INTO account_reviews (account_id, action) VALUES (%s, 'approved')" % account)
    _app_ok(s, "UPDATE messages SET delivered = delivered WHERE false")
    _app_ok(s, "DELETE FROM accounts WHERE id = %s" % account)
    left = _one(s, "SELECT count(*) FROM account_reviews WHERE account_id = %s" % account)
    expect(left == "0", "deleting account %s left %s reviews" % (account, left))


def test_tables_of_later_migrations_get_the_rights(s):
    """A table created by the owner role (as a migration does) is the programs' to read and
    write at once, with no TRUNCATE or REFERENCES."""
    app = _app_ok(s, "SELECT current_user")
    owner = _database_owner(s)
    table = "roles_probe_" + secrets.token_hex(4)
    try:
        _as(s, "database_owner", "CREATE TABLE %s (id bigserial PRIMARY KEY, note text)" % table) \
            .check_returncode()
        _app_ok(s, "INSERT INTO %s (note) VALUES ('x'); UPDATE %s SET note = 'y'; "
                   "DELETE FROM %s" % (table, table, table))
        rights = _one(s, "SELECT has_table_privilege('%s', '%s', 'TRUNCATE'), "
                         "has_table_privilege('%s', '%s', 'REFERENCES'), pg_get_userbyid(relowner) "
                         "FROM pg_class WHERE relname = '%s'" % (app, table, app, table, table))
        expect(rights == "f\tf\t%s" % owner, "rights of %s on a new table: %s" % (app, rights))
    finally:
        s.psql("DROP TABLE IF EXISTS %s" % table)


def test_restore_keeps_the_rights_the_dump_had(s):
    """sangdamctl backup, then restore into the same server: the rows are back and the
    programs' role still cannot change messages or the history (the tables created anew by
    the restore must not take the database's default privileges). An account's zip given to
    restore is sent to restore-account."""
    import stack as stack_module
    import tempfile
    t = stack_module.Stack(root=s.root)
    t.start()
    try:
        app = _app_ok(t, "SELECT current_user")
        t.psql("INSERT INTO partners (email, name, password_hash) VALUES "
               "('restore-probe@example.com', '복원 확인', 'x')")
        rights = ("SELECT has_table_privilege('{0}', 'messages', 'UPDATE'), "
                  "has_table_privilege('{0}', 'messages', 'DELETE'), "
                  "has_table_privilege('{0}', 'account_history', 'DELETE'), "
                  "has_column_privilege('{0}', 'messages', 'delivered', 'UPDATE'), "
                  "has_table_privilege('{0}', 'rooms', 'UPDATE')").format(app)
        before = _one(t, rights)
        expect(before == "f\tf\tf\tt\tt", "the rights before the backup: %s" % before)
        folder = tempfile.mkdtemp(prefix="sd-restore-")
        os.chmod(folder, 0o777)
        dump = t.sangdamctl("backup", folder).stdout.split()[0]
        t.psql("DELETE FROM partners WHERE email = 'restore-probe@example.com'")
        t.sangdamctl("restore", dump, timeout=300)
        expect(_one(t, "SELECT name FROM partners WHERE email = 'restore-probe@example.com'") == "복원 확인",
               "the restore did not bring the partner back")
        after = _one(t, rights)
        expect(after == before, "the programs' rights after the restore: %s (before: %s)" % (after, before))
        # a file pg_restore cannot read changes nothing, the default rights included
        junk = os.path.join(folder, "junk.dump")
        open(junk, "wb").write(b"not a dump")
        out = t.sangdamctl("restore", junk, check=False)
        expect(out.returncode != 0 and _one(t, rights) == before,
               "restore of a junk file answered %d and left the rights %s" % (out.returncode, _one(t, rights)))
        probe = "roles_probe_" + secrets.token_hex(3)
        _as(t, "database_owner", "CREATE TABLE %s (id int)" % probe).check_returncode()
        expect(_one(t, "SELECT has_table_privilege('%s', '%s', 'INSERT')" % (app, probe)) == "t",
               "after the refused restore a new table no longer gets the programs' rights")
        zipped = os.path.join(folder, "account.zip")
        open(zipped, "wb").write(b"PK\x05\x06" + b"\0" * 18)
        out = t.sangdamctl("restore", zipped, check=False)
        expect(out.returncode != 0 and "restore-account" in out.stderr,
               "restore of an account's zip answered %d: %s" % (out.returncode, out.stderr[-300:]))
    finally:
        t.stop()

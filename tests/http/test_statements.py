"""Every SQL statement of every db_TABLE module prepares against the freshly
migrated schema (DESIGN.md section 3): a typo or a dropped column fails here,
before any page runs. `bin/sangdamctl check-statements` does the preparing."""

import re

from testlib import expect


def test_every_statement_prepares(s):
    proc = s.sangdamctl("check-statements", check=False, timeout=60)
    out = proc.stdout + proc.stderr
    expect(proc.returncode == 0,
           "check-statements exited %d:\n%s" % (proc.returncode, out[-3000:]))
    m = re.search(r"(\d+) statements in db_modules: (\d+) failed", out)
    expect(m is not None, "check-statements printed no summary:\n%s" % out[-2000:])
    expect(int(m.group(1)) > 0 and int(m.group(2)) == 0,
           "check-statements: %s" % m.group(0))


def test_a_broken_statement_is_reported(s):
    """The check is real: a column renamed under a statement makes it fail."""
    s.psql("ALTER TABLE sessions RENAME COLUMN last_seen_at TO last_seen_at_renamed")
    try:
        proc = s.sangdamctl("check-statements", check=False, timeout=60)
    finally:
        s.psql("ALTER TABLE sessions RENAME COLUMN last_seen_at_renamed TO last_seen_at")
    out = proc.stdout + proc.stderr
    expect(proc.returncode != 0, "check-statements passed with a renamed column:\n%s" % out[-2000:])
    expect("sessions_get" in out, "the failing statement is not named:\n%s" % out[-2000:])

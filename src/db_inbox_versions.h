/* db_inbox_versions: the version of an account's inbox list (migration
 * 0032), which grows with every committed change to what the list's rows
 * show, for the rows' cache of the inbox program (issue 8). */
#ifndef SANGDAM_DB_INBOX_VERSIONS_H
#define SANGDAM_DB_INBOX_VERSIONS_H

#include "db.h"

/* The query of account_id's version, for a page that runs it with other
 * statements in one round trip (db_run_queries); run it before the list's
 * statement, so that the rows read are at least as new as the version. */
struct db_query db_inbox_versions_get_query(struct arena *arena, long long account_id);

/* The version from query's result into *version (>= 0; 0 for an account no
 * change has touched yet): 1, or <0 error. */
int db_inbox_versions_get_rows(const struct db_query *query, long long *version);

#endif

/* db_partners: the queries of table partners (who may sign in, AUTH-1..5). */
#ifndef SANGDAM_DB_PARTNERS_H
#define SANGDAM_DB_PARTNERS_H

#include <stdbool.h>

struct arena;

/* What signing in needs of a partner; strings in the arena. */
struct partner_login {
	long long id;
	const char *password_hash; /* libsodium's Argon2id string */
};

/* Inserts a partner (email as typed, name 1..40 code points, password_hash
 * from auth_hash_password) and sets *id. 1, DB_UNIQUE_VIOLATION when the
 * email is taken in any case, or <0 error. */
int db_partners_insert(struct arena *arena, const char *email, const char *name,
    const char *password_hash, long long *id);

/* Finds the partner whose lower(email) is email, which must be in
 * auth_email_normal form (stored emails are ASCII, where that form is
 * lower()), and fills out. 1 found, 0 none, <0 error. */
int db_partners_get_login(struct arena *arena, const char *email, struct partner_login *out);

/* Fills out with partner id's login. 1 found, 0 none, <0 error. */
int db_partners_get_login_by_id(struct arena *arena, long long id, struct partner_login *out);

/* Sets partner id's password hash. Rows changed (0 or 1), or <0 error. */
int db_partners_set_password(struct arena *arena, long long id, const char *password_hash);

/* Sets partner id's language ("ko" or "en"). Rows changed (0 or 1), or <0
 * error (DB_CHECK_VIOLATION for another language). */
int db_partners_set_lang(struct arena *arena, long long id, const char *lang);

/* Makes the partner with email (any case) an operator with password_hash,
 * creating it (named after the part before the @) when there is none.
 * 1, or <0 error. For `sangdamctl create-operator`. */
int db_partners_upsert_operator(struct arena *arena, const char *email,
    const char *password_hash);

/* Locks partner id's row until the transaction ends, so that one partner's
 * concurrent account creations are counted one after the other. 1, 0 no such
 * partner, <0 error. Call inside db_begin. */
int db_partners_lock(struct arena *arena, long long id);

/* The number of partners (>= 0), or <0 error (ops home). */
int db_partners_count(struct arena *arena);

/* The size of the whole database as PostgreSQL spells it ("12 MB", arena) in
 * *size, for the ops home beside the partner count. 1, or <0 error. */
int db_partners_database_size(struct arena *arena, const char **size);

/* Sets the partner's daily quiet time (HOURS-6), start 0..1435 and end
 * 0..1440 minutes, or none when either is < 0: rows changed, or <0. */
int db_partners_set_quiet(struct arena *arena, long long id, int start, int end);

/* Whether the partner wants desktop notifications of new customer messages
 * (issue 13, the seeds' PC 알림): *on; 1, 0 no such partner, <0 error. */
int db_partners_desktop_notify(struct arena *arena, long long id, bool *on);

/* Sets that choice: rows changed, or <0. */
int db_partners_set_desktop_notify(struct arena *arena, long long id, bool on);

#endif

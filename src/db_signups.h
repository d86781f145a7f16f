/* db_signups: the queries of table signups (sign-ups waiting for their
 * mailed confirmation link, AUTH-9). */
#ifndef SANGDAM_DB_SIGNUPS_H
#define SANGDAM_DB_SIGNUPS_H

struct arena;

/* Stores a pending sign-up under token_hash (auth_token_hash) for email,
 * name (1..40 code points) and password_hash (auth_hash_password), valid
 * for 24 hours, unless a partner has email in any case: then stores nothing
 * and sets *registered_lang to that partner's language (in the arena).
 * 1 stored, 0 registered, <0 error. */
int db_signups_insert(struct arena *arena, const char *token_hash, const char *email,
    const char *name, const char *password_hash, const char **registered_lang);

/* 1 when token_hash names an unexpired pending sign-up, 0 when not, <0 error. */
int db_signups_live(struct arena *arena, const char *token_hash);

/* Spends the live sign-up token_hash (it is deleted, whatever follows) and
 * makes its partner, setting *partner_id. 1 created, 0 no live sign-up
 * (unknown, used or expired), DB_UNIQUE_VIOLATION when the email was
 * registered meanwhile, <0 error. */
int db_signups_use(struct arena *arena, const char *token_hash, long long *partner_id);

/* Deletes the sign-ups past their end (the worker's sweep). Rows deleted,
 * or <0 error. */
int db_signups_delete_expired(struct arena *arena);

#endif

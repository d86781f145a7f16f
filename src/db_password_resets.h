/* db_password_resets: the queries of table password_resets (one-time links
 * that set a forgotten password, AUTH-5). */
#ifndef SANGDAM_DB_PASSWORD_RESETS_H
#define SANGDAM_DB_PASSWORD_RESETS_H

struct arena;

/* Inserts a reset under token_hash (auth_token_hash) for the partner whose
 * email matches email in any case, valid for one hour, unless that partner
 * already asked 5 times in the last hour; sets *lang to the partner's
 * language (in the arena). 1 inserted, 0 unknown email or too many, <0 error. */
int db_password_resets_insert(struct arena *arena, const char *token_hash, const char *email,
    const char **lang);

/* 1 when token_hash names an unused, unexpired reset, 0 when not, <0 error. */
int db_password_resets_live(struct arena *arena, const char *token_hash);

/* Marks the live reset token_hash used and sets *partner_id to its partner.
 * 1 used, 0 none live (unknown, used or expired), <0 error. */
int db_password_resets_use(struct arena *arena, const char *token_hash, long long *partner_id);

/* Deletes the resets past their end, used or not (the worker's sweep).
 * Rows deleted, or <0 error. */
int db_password_resets_delete_expired(struct arena *arena);

#endif

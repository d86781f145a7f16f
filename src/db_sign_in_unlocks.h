/* db_sign_in_unlocks: the queries of table sign_in_unlocks (mailed links that
 * let a partner's browser past the per-email sign-in throttle, AUTH-5). */
#ifndef SANGDAM_DB_SIGN_IN_UNLOCKS_H
#define SANGDAM_DB_SIGN_IN_UNLOCKS_H

struct arena;

/* Stores an unlock link under token_hash (auth_token_hash), valid for 15
 * minutes, for the partner whose lower(email) is email (auth_email_normal
 * form), and sets *to and *lang (in the arena) to that partner's email as
 * registered and language. 1 stored, 0 no such partner, <0 error. */
int db_sign_in_unlocks_insert(struct arena *arena, const char *token_hash, const char *email,
    const char **to, const char **lang);

/* 1 when token_hash names an unexpired link, 0 when not, <0 error. */
int db_sign_in_unlocks_live(struct arena *arena, const char *token_hash);

/* Spends the live link token_hash (it is deleted) and sets *email (in the
 * arena) to its partner's email as registered. 1 spent, 0 no live link
 * (unknown, used or expired), <0 error. */
int db_sign_in_unlocks_use(struct arena *arena, const char *token_hash, const char **email);

/* Deletes the links past their end (the worker's sweep). Rows deleted, or
 * <0 error. */
int db_sign_in_unlocks_delete_expired(struct arena *arena);

#endif

/* db_account_codes: the queries of table account_codes (every public code ever
 * issued, so that a code is never reused). */
#ifndef SANGDAM_DB_ACCOUNT_CODES_H
#define SANGDAM_DB_ACCOUNT_CODES_H

struct arena;

/* Reserves code (6 of a-z 0-9) for good. 1 reserved, 0 issued before, <0 error. */
int db_account_codes_insert(struct arena *arena, const char *code);

/* Draws random codes until one is reserved for good (20 tries at most).
 * The code, allocated in arena; NULL on a database error or when every try
 * was issued before. */
const char *db_account_codes_reserve(struct arena *arena);

#endif

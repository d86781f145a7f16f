/* db_recovery_codes: the queries of table recovery_codes, the single-use
 * codes that stand in for a partner's second factor (AUTH-6). */
#ifndef SANGDAM_DB_RECOVERY_CODES_H
#define SANGDAM_DB_RECOVERY_CODES_H

struct arena;

/* Adds a code (its hash, totp_recovery_hash) for partner_id. 1, or <0 error. */
int db_recovery_codes_insert(struct arena *arena, long long partner_id, const char *code_hash);

/* Marks partner_id's unused code with hash code_hash used. 1 it was
 * there and unused, 0 not (unknown or used before), <0 error. */
int db_recovery_codes_use(struct arena *arena, long long partner_id, const char *code_hash);

/* Deletes every code of partner_id. Rows deleted, or <0 error. */
int db_recovery_codes_delete_partner(struct arena *arena, long long partner_id);

/* The number of partner_id's unused codes (>= 0), or <0 error. */
int db_recovery_codes_count_left(struct arena *arena, long long partner_id);

#endif

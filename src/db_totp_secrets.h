/* db_totp_secrets: the queries of table totp_secrets, each partner's second
 * factor secret (AUTH-6). */
#ifndef SANGDAM_DB_TOTP_SECRETS_H
#define SANGDAM_DB_TOTP_SECRETS_H

#include <stdbool.h>

struct arena;

/* Partner_id's secret: *box (encrypted, src/totp.h; in arena) and whether
 * it is on (*enabled) or still waits for a first code. 1 found, 0 none,
 * <0 error. */
int db_totp_secrets_get(struct arena *arena, long long partner_id, const char **box,
    bool *enabled);

/* db_totp_secrets_get inside an open transaction, the row locked until its
 * end: the uses of one partner's codes and what they allow (renewing the
 * recovery codes, turning it off) then happen one after the other. */
int db_totp_secrets_lock(struct arena *arena, long long partner_id, const char **box,
    bool *enabled);

/* Keeps box as partner_id's pending secret, replacing a pending one. 1, 0
 * when the second factor is already on (nothing changed), <0 error. */
int db_totp_secrets_start(struct arena *arena, long long partner_id, const char *box);

/* Accepts time step for partner_id's secret when it is on (was_enabled) or
 * pending (!was_enabled, which turns it on) and step is after the last step
 * accepted; the row lock makes parallel uses of one code pass once. 1
 * accepted, 0 refused (a reused or older step, or another state), <0 error. */
int db_totp_secrets_use_step(struct arena *arena, long long partner_id, long long step,
    bool was_enabled);

/* Deletes partner_id's secret. Rows deleted (0 or 1), or <0 error. */
int db_totp_secrets_delete(struct arena *arena, long long partner_id);

#endif

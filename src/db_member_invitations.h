/* db_member_invitations: the queries of table member_invitations (pending
 * invitations to join an account, MEM-1). */
#ifndef SANGDAM_DB_MEMBER_INVITATIONS_H
#define SANGDAM_DB_MEMBER_INVITATIONS_H

#include <stdbool.h>

struct arena;

/* How long an invitation link stays valid: 7 days (MEM-1), in the SQL. */

/* A pending invitation as the members page lists it (strings in the arena). */
struct invitation_row {
	long long id;
	const char *email;
	const char *created;   /* "YYYY-MM-DD HH:MI" in the account's time zone */
	bool expired;          /* older than 7 days */
};

/* An invitation found by its token (invite page and acceptance). */
struct invitation {
	long long id;
	long long account_id;
	const char *code;          /* the account's */
	const char *account_name;
	const char *email;         /* the invited address, as typed */
	bool live;                 /* not older than 7 days */
};

/* Invites email to account_id with token_hash, replacing (and so voiding)
 * a pending invitation of the same address (case-insensitive). 1, or <0 error. */
int db_member_invitations_put(struct arena *arena, long long account_id, const char *email,
    const char *token_hash, long long invited_by);

/* The account's invitations, newest first, at most max into out, dates in
 * time_zone. Rows filled, or <0 error. */
int db_member_invitations_list(struct arena *arena, long long account_id, const char *time_zone,
    struct invitation_row *out, int max);

/* Deletes invitation id of account_id and sets *email (arena) to its
 * address. 1, 0 not found, <0 error. */
int db_member_invitations_cancel(struct arena *arena, long long id, long long account_id,
    const char **email);

/* Finds the invitation whose token hashes to token_hash, locking it until
 * the transaction ends (when one is open). 1, 0 none, <0 error. */
int db_member_invitations_find(struct arena *arena, const char *token_hash,
    struct invitation *out);

/* Deletes invitation id (used). Rows deleted (0, 1), or <0 error. */
int db_member_invitations_delete(struct arena *arena, long long id);

#endif

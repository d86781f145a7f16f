/* db_members: the queries of table members (who works in which account, as
 * master or manager). */
#ifndef SANGDAM_DB_MEMBERS_H
#define SANGDAM_DB_MEMBERS_H

#include <stdbool.h>

struct arena;

/* One account of a partner, as the list of accounts shows it. */
struct member_account {
	const char *code;
	const char *name;
	const char *kind;   /* personal, business, organization */
	const char *status; /* pending, approved, rejected */
	const char *role;   /* master, manager */
	bool deleting;      /* deletion scheduled */
};

/* The accounts partner_id is a member of, oldest first: the count and *out
 * (arena array), or <0 error. */
int db_members_list_partner(struct arena *arena, long long partner_id,
    struct member_account **out);

/* How many accounts partner_id is the master of (>= 0), or <0 error. */
int db_members_count_master(struct arena *arena, long long partner_id);

/* Makes partner_id a member of account_id with role ("master", "manager").
 * 1, DB_UNIQUE_VIOLATION when a member already or a second master, <0 error. */
int db_members_insert(struct arena *arena, long long account_id, long long partner_id,
    const char *role);

/* A member as the inbox offers it (assignee choices, db_accounts_choices). */
struct member_name {
	long long partner_id;
	const char *name;
};

/* 1 when partner_id is a member of account_id, 0 not, <0 error. */
int db_members_exists(struct arena *arena, long long account_id, long long partner_id);

/* Marks partner_id available or away in account_id (MEM-6). 1 changed, 0
 * already so (or not a member), <0 error. */
int db_members_set_available(struct arena *arena, long long account_id, long long partner_id,
    bool available);
/* One member of an account as the members page shows it (strings in the arena). */
struct member_row {
	long long partner_id;
	const char *name;
	const char *email;
	const char *role;         /* master, manager */
	const char *joined;       /* "YYYY-MM-DD" in the account's time zone */
	const char *last_active;  /* "YYYY-MM-DD HH:MI", or "" when never */
};

/* The members of account_id, the master first, at most max into out, times
 * in time_zone. Rows filled, or <0 error. */
int db_members_list_account(struct arena *arena, long long account_id, const char *time_zone,
    struct member_row *out, int max);

/* Member partner_id of account_id into out. 1, 0 not a member, <0 error. */
int db_members_get(struct arena *arena, long long account_id, long long partner_id,
    const char *time_zone, struct member_row *out);

/* The number of members of account_id (>= 0), or <0 error. */
int db_members_count_account(struct arena *arena, long long account_id);

/* Sets the role ("master", "manager") of partner_id in account_id. Rows
 * changed (0, 1), DB_UNIQUE_VIOLATION for a second master, <0 error. */
int db_members_set_role(struct arena *arena, long long account_id, long long partner_id,
    const char *role);

/* Removes partner_id from account_id when a manager (a master is never
 * removed). Rows deleted (0, 1), or <0 error. */
int db_members_delete_manager(struct arena *arena, long long account_id, long long partner_id);

#endif

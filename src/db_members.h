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

#endif

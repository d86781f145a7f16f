/* db_members: the queries of table members, who may work in an account. */
#ifndef SANGDAM_DB_MEMBERS_H
#define SANGDAM_DB_MEMBERS_H

struct arena;

/* inbox: */
/* A member as the inbox offers it (assignee choices). */
struct member_name {
	long long partner_id;
	const char *name;
};

/* Lists in *out (arena) the members of account_id with their names, masters
 * first, then by name; returns the count (≥ 0) or <0 DB_* error. */
int db_members_list_names(struct arena *arena, long long account_id, struct member_name **out);

/* 1 when partner_id is a member of account_id, 0 not, <0 error. */
int db_members_exists(struct arena *arena, long long account_id, long long partner_id);
/* end inbox */

#endif

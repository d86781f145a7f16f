/* db_accounts: the queries of table accounts (ACC-1..10): membership look-up,
 * creation, profile and images, switches, review decisions and deletion. */
#ifndef SANGDAM_DB_ACCOUNTS_H
#define SANGDAM_DB_ACCOUNTS_H

#include "db.h"
#include <stdbool.h>

struct account_access;
struct arena;
struct db_rows;
struct chat_account;
struct friend_group;
struct label;
struct member_name;

/* What a partner registers, as the creation form gives it and operators
 * review it; brn, company and representative are "" for a personal account. */
struct account_registration {
	const char *code; /* reserved with db_account_codes_insert */
	const char *kind;
	const char *name;
	const char *category1;
	const char *brn;
	const char *company;
	const char *representative;
};

/* The editable profile of an account. */
struct account_profile {
	const char *name;
	const char *intro;
	const char *homepage;
	const char *phone;
	const char *category1;
	const char *category2;
};

/* The two images of a profile; they size the tables that name them. */
enum account_image { ACCOUNT_IMAGE_PROFILE, ACCOUNT_IMAGE_BACKGROUND, ACCOUNT_IMAGE__MAX };

/* A stored image: upload.h's stored name and MIME type. */
struct account_image_file {
	const char *stored_name;
	const char *mime;
};

/* An account waiting for an operator's review, with its master's address. */
struct account_pending {
	struct account_registration registration;
	const char *created;      /* "YYYY-MM-DD HH:MI", Asia/Seoul */
	const char *master_email;
};

/* Fills out (strings in arena) with the account named code when partner_id is
 * one of its members. 1 member, 0 no such account or not a member, <0 error. */
int db_accounts_get_access(struct arena *arena, const char *code, long long partner_id,
    struct account_access *out);

/* The select list of an account as its member sees it (struct account_access),
 * over accounts a and the member's row m; other modules' statements that
 * read it in the same round trip (db_sessions) include it. */
#define DB_ACCOUNTS_ACCESS_COLUMNS                                                                \
	"a.id, a.code, a.name, a.kind, a.status, m.role = 'master', a.home_public, a.chat_on, "      \
	"to_char(a.delete_after AT TIME ZONE a.time_zone, 'YYYY-MM-DD HH24:MI'), a.time_zone, "      \
	"m.available"

/* Reads DB_ACCOUNTS_ACCESS_COLUMNS from row of rows, starting at column
 * first, into out (strings in the rows' arena): 1, or 0 when a.id is NULL
 * (an outer join found no membership). */
int db_accounts_access_row(const struct db_rows *rows, int row, int first,
    struct account_access *out);

/* Inserts account (status pending); sets *id. 1, DB_UNIQUE_VIOLATION when the
 * name is taken (case-insensitive), or another <0 error. */
int db_accounts_insert(struct arena *arena, const struct account_registration *account,
    long long *id);

/* Records an operator's (or the automatic) decision: sets the status of the
 * pending account code to status ("approved", "rejected") and *id to its id.
 * 1, 0 when no pending account has that code, <0 error. */
int db_accounts_decide(struct arena *arena, const char *code, const char *status, long long *id);

/* Sets the two switches of account id. 1, 0 not found, <0 error. */
int db_accounts_set_switches(struct arena *arena, long long id, bool home_public, bool chat_on);

/* Fills out (strings in arena) and has_image[ACCOUNT_IMAGE__MAX] (true when the
 * image is set) for account id. 1, 0 not found, <0 error. */
int db_accounts_get_profile(struct arena *arena, long long id, struct account_profile *out,
    bool *has_image);

/* Writes the profile of account id and each image of images[ACCOUNT_IMAGE__MAX]
 * whose stored_name is not NULL (the others stay). old_names[i] is set to the
 * replaced image's stored name (arena), or NULL when none was replaced, for
 * removal after the change. 1, 0 the name is taken, <0 error. */
int db_accounts_update_profile(struct arena *arena, long long id,
    const struct account_profile *profile, const struct account_image_file *images,
    const char **old_names);

/* Fills out (strings in arena) with image which of account id. 1, 0 when the
 * account has no such image, <0 error. */
int db_accounts_get_image(struct arena *arena, long long id, enum account_image which,
    struct account_image_file *out);

/* Schedules the deletion of account id in 7 days (ACC-8) unless it is
 * scheduled already. 1, 0 nothing changed, <0 error. */
int db_accounts_schedule_delete(struct arena *arena, long long id);

/* Cancels a scheduled deletion of account id. 1, 0 nothing changed, <0 error. */
int db_accounts_cancel_delete(struct arena *arena, long long id);

/* The pending accounts, oldest first, at most 200: the count and *out (arena
 * array), or <0 error. */
int db_accounts_list_pending(struct arena *arena, struct account_pending **out);

/* Sets *minutes to account_id's chat session timeout (CHAT-17): 1, 0 no such
 * account, <0 DB_* error. */
int db_accounts_session_timeout(struct arena *arena, long long account_id, long long *minutes);

/* Sets account_id's chat session timeout in minutes: rows changed, or <0. */
int db_accounts_set_session_timeout(struct arena *arena, long long account_id,
    long long minutes);

/* Whether a member's reply to an unassigned room of account_id assigns it
 * to that member (issue 13): *on; 1, 0 no such account, <0 error. */
int db_accounts_reply_assigns(struct arena *arena, long long account_id, bool *on);

/* Sets that setting: rows changed, or <0. */
int db_accounts_set_reply_assigns(struct arena *arena, long long account_id, bool on);

/* Deletes up to limit accounts whose deletion time has come and whose
 * history is in a ready deletion backup (ACC-8, EXP-6; their
 * rooms, messages and members go with them by foreign key) and sets *files
 * to the stored names of their uploads (attachments, profile and FAQ images;
 * each once) and *codes to the deleted accounts' codes (both arena,
 * NULL-terminated), for the caller to remove their files and cached
 * answers once the transaction commits. Count of accounts, or <0. */
int db_accounts_delete_due(struct arena *arena, long long limit, const char ***files,
    const char ***codes);

/* 1 when an account (of any status) has code, 0 when none, <0 error. */
int db_accounts_exists(struct arena *arena, const char *code);

/* The account of code as its customers see it; fills out (strings in arena).
 * 1 found, 0 none, <0 DB_* error. */
int db_accounts_get_for_customers(struct arena *arena, const char *code,
    struct chat_account *out);

/* The id of the approved account of code. 1 found, 0 none (or not
 * approved), <0 error. */
int db_accounts_find_approved(struct arena *arena, const char *code, long long *id);

/* Locks account id's row until the transaction ends, so that concurrent
 * creations of the account's labels or groups are counted one after the
 * other (NF-7). 1, 0 no such account, <0 error. Call inside db_begin. */
int db_accounts_lock(struct arena *arena, long long id);

/* What the inbox's forms offer (CHAT-10, 14, 20): an account's labels by
 * name (on_room set for those on room_id), its members (the master first)
 * and its friend groups by name; arrays and strings in the arena. */
struct account_choices {
	struct label *labels;
	int label_count;
	struct member_name *members;
	int member_count;
	struct friend_group *groups;
	int group_count;
};

/* Fills out with account_id's choices in one statement; room_id 0 for no
 * room (no label on_room). The count of all rows (>= 0), or <0 error. */
int db_accounts_choices(struct arena *arena, long long account_id, long long room_id,
    struct account_choices *out);
/* db_accounts_choices in two halves, for a page that runs it with other
 * statements in one round trip (db_run_queries): the query, and the reading
 * of its result, which returns as db_accounts_choices. */
struct db_query db_accounts_choices_query(struct arena *arena, long long account_id,
    long long room_id);
int db_accounts_choices_rows(struct arena *arena, const struct db_query *query,
    struct account_choices *out);

/* Account_id's automatic assignment (CHAT-18): *on and the limit of open
 * rooms per member. 1 found, 0 none, <0 error. */
int db_accounts_assign_get(struct arena *arena, long long account_id, bool *on, long long *limit);

/* Sets account_id's automatic assignment. Rows changed (1), or <0 error. */
int db_accounts_set_assign(struct arena *arena, long long account_id, bool on, long long limit);
/* The registration of account id (code included) into out (arena): 1, 0
 * none, <0 error. */
int db_accounts_get_registration(struct arena *arena, long long id,
    struct account_registration *out);

/* Replaces the registration of the rejected account id with account (its
 * code is not used) and sends it back to review (status pending, ACC-3).
 * 1, 0 when the account is not rejected, DB_UNIQUE_VIOLATION when the name
 * is taken, other <0 errors. */
int db_accounts_resubmit(struct arena *arena, long long id,
    const struct account_registration *account);
/* The retention of account_id in years (CHAT-19) in *years: 1, 0, <0. */
int db_accounts_retention(struct arena *arena, long long account_id, long long *years);

/* Sets it (1..10) and has the daily retention look at the account again:
 * 1, 0, <0. */
int db_accounts_set_retention(struct arena *arena, long long account_id, long long years);

#endif

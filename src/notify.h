/* notify: notifications to partners (LOG-3): what other members did and what
 * needs attention, the latest NOTIFY_KEEP per partner, with an unread count
 * shown in every page's header. */
#ifndef SANGDAM_NOTIFY_H
#define SANGDAM_NOTIFY_H

struct arena;

/* How many notifications a partner keeps (LOG-3): writing one more drops
 * the oldest. */
enum { NOTIFY_KEEP = 100 };

/* Writes a notification of kind for partner_id: kind is a lowercase word
 * (a-z and _, at most 32) whose text is the catalog key "notification.KIND",
 * in which {account} stands for the account's name (account_id > 0; 0: none)
 * and {who} for text_args (who or what it is about: a name, an address, a
 * coupon's title; NULL or "" for nothing, at most 200 code points). Call it
 * inside the transaction of the change it tells of. 1, or <0 a DB_* error
 * (roll back then). */
int notify_partner(struct arena *arena, long long partner_id, const char *kind,
    long long account_id, const char *text_args);

/* The same for every member of account_id but except_partner_id (0: every
 * member; usually the one who made the change). Notifications written
 * (>= 0), or <0 a DB_* error. */
int notify_members(struct arena *arena, long long account_id, long long except_partner_id,
    const char *kind, const char *text_args);

#endif

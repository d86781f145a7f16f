/* db_canned_replies: the queries of table canned_replies, the account's
 * canned replies (자주 쓰는 답변, FAQ-3) shared by its members. */
#ifndef SANGDAM_DB_CANNED_REPLIES_H
#define SANGDAM_DB_CANNED_REPLIES_H

struct arena;

struct canned_reply {
	long long id;
	const char *title; /* 1..50 code points */
	const char *text;  /* 1..1000 code points */
};

/* Lists in *out (arena) at most limit replies of account_id by title whose
 * title or text contains q (any case; "" for all); the count or <0. */
int db_canned_replies_search(struct arena *arena, long long account_id, const char *q,
    long long limit, struct canned_reply **out);

/* Reply id of account_id into out: 1, 0 none, <0. */
int db_canned_replies_get(struct arena *arena, long long account_id, long long id,
    struct canned_reply *out);

/* Adds a reply unless the account has max: 1 added, 0 at the limit, <0.
 * Call inside account_lock (NF-7). */
int db_canned_replies_insert(struct arena *arena, long long account_id, const char *title,
    const char *text, long long max);

/* Changes reply id: rows changed (0 or 1), or <0. */
int db_canned_replies_update(struct arena *arena, long long account_id, long long id,
    const char *title, const char *text);

/* Deletes reply id: rows deleted, or <0. */
int db_canned_replies_delete(struct arena *arena, long long account_id, long long id);

#endif

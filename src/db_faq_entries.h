/* db_faq_entries: the queries of table faq_entries, the FAQ of an account as
 * its members edit it (the draft, FAQ-1); customers see faq_published. */
#ifndef SANGDAM_DB_FAQ_ENTRIES_H
#define SANGDAM_DB_FAQ_ENTRIES_H

#include <stdbool.h>

struct arena;

/* One FAQ entry (draft or published); strings in the arena. */
struct faq_entry {
	long long id;
	const char *question;   /* 1..100 code points */
	const char *answer;     /* 1..1000 code points */
	const char *link;       /* an http(s) URL or "" */
	const char *image_name; /* stored name (upload.h), or NULL */
	const char *image_mime;
	long long image_size;   /* bytes; 0 without an image */
};

/* The image of a new or edited entry: name NULL for none. */
struct faq_image {
	const char *name;
	const char *mime;
	long long size;
};

/* Lists in *out (arena) the draft of account_id in its order; the count or <0. */
int db_faq_entries_list(struct arena *arena, long long account_id, struct faq_entry **out);

/* Entry id of account_id into out: 1 found, 0 none, <0 error. */
int db_faq_entries_get(struct arena *arena, long long account_id, long long id,
    struct faq_entry *out);

/* Appends an entry unless the account has max already: 1 added, 0 at the
 * limit, <0 error. Call inside account_lock (NF-7). */
int db_faq_entries_insert(struct arena *arena, long long account_id,
    const struct faq_entry *entry, long long max);

/* Changes question, answer and link of entry->id; with image set (name not
 * NULL, or remove) also the image, setting *old_image to the replaced
 * stored name (NULL when none). Rows changed (0 or 1), or <0. */
int db_faq_entries_update(struct arena *arena, long long account_id,
    const struct faq_entry *entry, bool set_image, const char **old_image);

/* Deletes entry id, setting *image to its stored image name (NULL: none).
 * Rows deleted, or <0. */
int db_faq_entries_delete(struct arena *arena, long long account_id, long long id,
    const char **image);

/* Deletes the whole FAQ of account_id, draft and published (ACC-9 reset),
 * setting *images (arena, NULL-terminated) to the distinct stored image
 * names the rows had, for upload_release after the commit. The number of
 * names, or <0 error. */
int db_faq_entries_delete_account(struct arena *arena, long long account_id,
    const char ***images);

/* Swaps entry id with its neighbour before it (up) or after it: rows changed
 * (2), 0 when it is first (last) or not found, <0 error. */
int db_faq_entries_move(struct arena *arena, long long account_id, long long id, bool up);

/* Puts the draft in the order of ids (count of them, each an entry of
 * account_id, every entry once): rows changed, 0 when ids are not exactly
 * the account's entries (nothing changed), <0 error. */
int db_faq_entries_reorder(struct arena *arena, long long account_id, const long long *ids,
    int count);

/* 1 when the draft differs from what customers see (not yet published), 0
 * when equal, <0 error. */
int db_faq_entries_pending(struct arena *arena, long long account_id);

/* 1 when stored image name is used by no FAQ entry (draft or published) nor
 * by any message's attachment, so its file may be removed; 0 used; <0. */
int db_faq_entries_image_unused(struct arena *arena, const char *name);

#endif

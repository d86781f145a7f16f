/* db_faq_published: the queries of table faq_published, the FAQ customers
 * see (FAQ-1): a copy of the draft (faq_entries) taken by 반영하기. */
#ifndef SANGDAM_DB_FAQ_PUBLISHED_H
#define SANGDAM_DB_FAQ_PUBLISHED_H

#include "db_faq_entries.h"

struct arena;

/* Replaces the published FAQ of account_id by its draft and stamps the
 * account's faq_published_at; call inside a transaction. Sets *gone (arena,
 * *gone_count names) to the images the replaced rows had. The number of
 * entries published, or <0 error. */
int db_faq_published_publish(struct arena *arena, long long account_id, const char ***gone,
    int *gone_count);

/* Lists in *out (arena) the published entries of account_id in order, with
 * id and question only (the chat page's banner); the count or <0. */
int db_faq_published_list(struct arena *arena, long long account_id, struct faq_entry **out);

/* Published entry id of account_id into out (every field): 1, 0 none, <0. */
int db_faq_published_get(struct arena *arena, long long account_id, long long id,
    struct faq_entry *out);

#endif

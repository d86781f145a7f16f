/* db_attachments: the queries of table attachments (files and images sent in
 * a room, stored under upload_dir, CHAT-4). */
#ifndef SANGDAM_DB_ATTACHMENTS_H
#define SANGDAM_DB_ATTACHMENTS_H

#include <stddef.h>

struct arena;
struct chat_attachment;

/* Records a stored file of room_id (of account_id): stored_name as upload_store
 * gave it, mime as upload_check judged it (image/... marks an image),
 * display_name as shown, size in bytes, an image's width and height in
 * pixels (0: unknown). Sets *id. 1, or <0. */
int db_attachments_insert(struct arena *arena, long long account_id, long long room_id,
    const char *stored_name, const char *mime, const char *display_name, size_t size,
    int width, int height, long long *id);

/* Attachment id of account_id when it belongs to customer_id's own room;
 * fills out (strings in arena). 1 found, 0 none, <0 error. */
int db_attachments_get_for_customer(struct arena *arena, long long account_id,
    long long customer_id, long long id, struct chat_attachment *out);

/* Attachment id of room_id in account_id, for the account's members; fills
 * out (strings in arena). 1 found, 0 none, <0 DB_* error. */
int db_attachments_get(struct arena *arena, long long account_id, long long room_id,
    long long id, struct chat_attachment *out);

#endif

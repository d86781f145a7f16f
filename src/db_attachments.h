/* db_attachments: the queries of table attachments, files sent in rooms. */
#ifndef SANGDAM_DB_ATTACHMENTS_H
#define SANGDAM_DB_ATTACHMENTS_H

struct arena;

/* inbox: */
/* A stored file as upload_serve needs it. */
struct attachment_file {
	const char *stored_name;
	const char *mime;
	const char *display_name;
};

/* Finds attachment id of room_id in account_id: 1 found (out filled, strings
 * in arena), 0 none, <0 DB_* error. */
int db_attachments_get(struct arena *arena, long long account_id, long long room_id,
    long long id, struct attachment_file *out);
/* end inbox */

#endif

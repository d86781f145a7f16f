/* export_part: a text file of a zip backup, deflated on a thread of its own
 * while it is written (export_part.c). */
#ifndef SANGDAM_EXPORT_PART_H
#define SANGDAM_EXPORT_PART_H

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <zip.h>

struct export_part {
	const char *path;  /* the one-entry zip written beside the backup; NULL:
	                      not opened, or freed */
	const char *entry; /* the entry's name, kept in the backup */
	int source;        /* the pipe's read end, for the thread */
	pthread_t thread;
	bool running;      /* the thread was started and not yet joined */
	int result;        /* the thread's: 0 when the part is complete */
	zip_error_t error;
	zip_t *archive;    /* the part opened again for the raw copy */
};

/* Starts the thread that deflates everything written to *file into a zip
 * at path (which must not exist) with one entry named entry; path and entry
 * must live until export_part_free. 0, or -1 (logged); *file, when not NULL,
 * is the caller's to close either way. */
int export_part_open(struct export_part *part, const char *path, const char *entry, FILE **file);

/* After *file has been closed: waits for the thread; 0 when the part's zip
 * is complete, or -1. */
int export_part_finish(struct export_part *part);

/* Adds the finished part's entry to archive under its name, its deflated
 * bytes copied as they are; the part stays open until export_part_free,
 * which must come after zip_close of archive. 0, or -1 (logged). */
int export_part_add(struct export_part *part, zip_t *archive);

/* Joins the thread (its *file must be closed before) and frees the part.
 * Harmless on a zeroed or freed part. */
void export_part_free(struct export_part *part);

#endif

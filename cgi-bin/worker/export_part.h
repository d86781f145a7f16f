/* export_part: a text file of a zip backup, deflated on a thread of its own
 * while it is written (export_part.c). */
#ifndef SANGDAM_EXPORT_PART_H
#define SANGDAM_EXPORT_PART_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <zip.h>

#include "sha256.h"

struct export_part {
	const char *path;  /* the raw deflate stream written beside the backup;
	                      NULL: not opened, or freed */
	const char *entry; /* the entry's name, kept in the backup */
	/* The writer's buffers handed to the thread: two slots, one being
	 * deflated while the writer fills the other; under lock. */
	pthread_mutex_t lock;
	pthread_cond_t changed;
	unsigned char *slots[2];
	size_t slot_length[2];
	int filled;        /* slots handed over and not yet deflated */
	int next_fill, next_deflate;
	bool closed;       /* the writer closed its FILE: no more slots */
	bool gave_up;      /* the thread failed: the writer's writes fail */
	pthread_t thread;
	bool running;      /* the thread was started and not yet joined */
	int result;        /* the thread's: 0 when the part is complete */
	uint64_t size;       /* bytes written by the writer */
	uint64_t compressed; /* bytes of the deflate stream */
	uint32_t crc;        /* CRC-32 of the written bytes (zip's) */
	struct sha256 hash;  /* SHA-256 of the written bytes (the manifest's),
	                        the caller's to finish after export_part_finish */
	time_t mtime;        /* when the part was opened */
	int deflated;        /* the stream opened for libzip's copy, or -1 */
	zip_error_t error;
};

/* Starts the thread that deflates everything written to *file into a raw
 * deflate stream at path (which must not exist) for the entry named entry;
 * path and entry
 * must live until export_part_free. 0, or -1 (logged); *file, when not NULL,
 * is the caller's to close either way. */
int export_part_open(struct export_part *part, const char *path, const char *entry, FILE **file);

/* After *file has been closed: waits for the thread; 0 when the part's
 * stream is complete, or -1. */
int export_part_finish(struct export_part *part);

/* Adds the finished part's entry to archive under its name, its deflated
 * bytes copied as they are; the part stays open until export_part_free,
 * which must come after zip_close of archive. 0, or -1 (logged). */
int export_part_add(struct export_part *part, zip_t *archive);

/* Joins the thread (its *file must be closed before) and frees the part.
 * Harmless on a zeroed or freed part. */
void export_part_free(struct export_part *part);

#endif

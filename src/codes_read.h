/* codes_read: what the readers behind codes_read_file share (internal to the
 * codes*.c files: the judging of one value, the csv reader of text). */
#ifndef SANGDAM_CODES_READ_H
#define SANGDAM_CODES_READ_H

#include "codes.h"

#include <magic.h>
#include <stdbool.h>
#include <stddef.h>

/* A value is judged on at most this many bytes; a longer one is too long. */
#define CODES_VALUE_CAP 4096

/* One reading: where codes go and what is reported. */
struct codes_run {
	const char *path;
	int fd;               /* path, opened read-only */
	magic_t magic;        /* MAGIC_MIME_TYPE, loaded */
	codes_sink sink;
	void *ctx;
	struct codes_report *report;
};

/* Judges the first-column value of line (length bytes of valid UTF-8, cut
 * when the value was longer than what text holds): skipped when blank,
 * counted as a problem, or given to the sink. Returns 0 to go on,
 * CODES_ETOO_MANY, or the sink's nonzero result. */
int codes_take(struct codes_run *run, const char *text, size_t length, bool cut, long long line);

/* Notes that line was read (report->lines is the highest line seen). */
void codes_line_seen(struct codes_run *run, long long line);

/* The readers, each a codes_read_file result. */
int codes_text_read(struct codes_run *run);
int codes_xls_read(struct codes_run *run);
int codes_xlsx_read(struct codes_run *run);

/* The csv reader's state (libcsv inside, first column only). */
struct codes_csv;

/* A csv reader for run (malloc'd; NULL when out of memory). */
struct codes_csv *codes_csv_new(struct codes_run *run);

/* Parses length bytes of UTF-8 text whose line ends are LF. 0, or a
 * codes_read_file result that stops the reading. */
int codes_csv_feed(struct codes_csv *csv, const char *bytes, size_t length);

/* Ends the text (a last record without a line end). 0 or a result. */
int codes_csv_finish(struct codes_csv *csv);

void codes_csv_free(struct codes_csv *csv);

#endif

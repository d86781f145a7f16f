/* codes_csv: the first column of text code files, parsed by libcsv from
 * UTF-8 whose line ends are all LF, each record knowing the line it begins on. */
#include "codes_read.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

/* libcsv holds a field whole: past this many bytes the file is unreadable. */
#define CODES_CSV_FIELD_MAX (1024 * 1024)

struct codes_csv {
	struct codes_run *run;
	struct csv_parser parser;
	size_t field;         /* fields ended in the current record */
	long long lines;      /* lines ended before the current record */
	long long inside;     /* line ends inside the current record's fields */
	int result;           /* a stop value from a callback */
};

/* libcsv's end of a field: the first of a record is judged as a code. */
static void codes_csv_field(void *bytes, size_t length, void *self)
{
	struct codes_csv *csv = self;
	for (const char *p = bytes, *end = p + length;
	    p != NULL && (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
		csv->inside++;
	if (csv->result != 0 || csv->field++ != 0)
		return;
	bool cut = length > CODES_VALUE_CAP;
	csv->result = codes_take(csv->run, bytes, cut ? CODES_VALUE_CAP : length, cut,
	    csv->lines + 1);
}

/* libcsv's end of a record, or (CSV_REPALL_NL) a line end outside one: one
 * line ends either way, and any inside the record's fields. */
static void codes_csv_record(int terminator, void *self)
{
	struct codes_csv *csv = self;
	if (csv->result != 0)
		return;
	if (csv->field > 0 || terminator == '\n')
		csv->lines += 1 + csv->inside;
	csv->field = 0;
	csv->inside = 0;
	codes_line_seen(csv->run, csv->lines);
}

int codes_csv_feed(struct codes_csv *csv, const char *bytes, size_t length)
{
	if (csv_parse(&csv->parser, bytes, length, codes_csv_field, codes_csv_record, csv) !=
	    length || csv_get_buffer_size(&csv->parser) > CODES_CSV_FIELD_MAX)
		return csv->result != 0 ? csv->result : CODES_EUNREADABLE;
	return csv->result;
}

int codes_csv_finish(struct codes_csv *csv)
{
	if (csv_fini(&csv->parser, codes_csv_field, codes_csv_record, csv) != 0)
		return CODES_EUNREADABLE;
	return csv->result;
}

struct codes_csv *codes_csv_new(struct codes_run *run)
{
	struct codes_csv *csv = calloc(1, sizeof(*csv));
	if (csv == NULL)
		return NULL;
	if (csv_init(&csv->parser, CSV_REPALL_NL) != 0) {
		free(csv);
		return NULL;
	}
	csv->run = run;
	return csv;
}

void codes_csv_free(struct codes_csv *csv)
{
	csv_free(&csv->parser);
	free(csv);
}

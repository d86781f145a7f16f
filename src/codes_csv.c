/* codes_csv: the first column of a csv code file, parsed by libcsv from the
 * lines codes_text splits (so that every record knows its line). */
#include "codes_read.h"

#include <csv.h>
#include <stdlib.h>

/* A record may not grow past this many bytes (libcsv holds a field whole). */
#define CODES_CSV_RECORD_MAX (1024 * 1024)

struct codes_csv {
	struct codes_run *run;
	struct csv_parser parser;
	size_t field;         /* fields ended in the current record */
	size_t record_bytes;  /* bytes given since the record began */
	long long line;       /* the line being given */
	int result;           /* a stop value from a callback */
};

/* libcsv's end of a field: the first of a record is judged as a code. */
static void codes_csv_field(void *bytes, size_t length, void *self)
{
	struct codes_csv *csv = self;
	if (csv->result != 0 || csv->field++ != 0)
		return;
	bool cut = length > CODES_VALUE_CAP;
	csv->result = codes_take(csv->run, bytes, cut ? CODES_VALUE_CAP : length, cut, csv->line);
}

/* libcsv's end of a record. */
static void codes_csv_record(int terminator, void *self)
{
	struct codes_csv *csv = self;
	(void)terminator;
	csv->field = 0;
	csv->record_bytes = 0;
}

/* Gives length bytes to libcsv. 0 or a stop value. */
static int codes_csv_parse(struct codes_csv *csv, const char *bytes, size_t length)
{
	csv->record_bytes += length;
	if (csv->record_bytes > CODES_CSV_RECORD_MAX)
		return CODES_EUNREADABLE;
	if (csv_parse(&csv->parser, bytes, length, codes_csv_field, codes_csv_record, csv) != length)
		return CODES_EUNREADABLE;
	return csv->result;
}

static int codes_csv_piece(void *self, const char *bytes, size_t length)
{
	return codes_csv_parse(self, bytes, length);
}

static int codes_csv_end(void *self, long long line)
{
	struct codes_csv *csv = self;
	codes_line_seen(csv->run, line);
	int result = codes_csv_parse(csv, "\n", 1);
	csv->line = line + 1;
	return result;
}

static int codes_csv_finish(void *self)
{
	struct codes_csv *csv = self;
	if (csv_fini(&csv->parser, codes_csv_field, codes_csv_record, csv) != 0)
		return CODES_EUNREADABLE;
	return csv->result;
}

struct codes_csv *codes_csv_new(struct codes_run *run, struct codes_lines *lines)
{
	struct codes_csv *csv = calloc(1, sizeof(*csv));
	if (csv == NULL)
		return NULL;
	if (csv_init(&csv->parser, 0) != 0) {
		free(csv);
		return NULL;
	}
	csv->run = run;
	csv->line = 1;
	*lines = (struct codes_lines){ codes_csv_piece, codes_csv_end, codes_csv_finish, csv };
	return csv;
}

void codes_csv_free(struct codes_csv *csv)
{
	csv_free(&csv->parser);
	free(csv);
}

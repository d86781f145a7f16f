/* codes_xls: the first column of the first sheet of an Excel 97-2003 (BIFF)
 * workbook, read through freexl (at most 65,536 rows by the format), once a
 * child process with a capped data segment has found the sheets' declared
 * sizes small enough for freexl's cell arrays. */
#include "codes_read.h"

#include <errno.h>
#include <fcntl.h>
#include <freexl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* Cells all sheets may declare: freexl allocates 16 bytes for each when it
 * opens the file, even for its abbreviated parse (an xls may declare 65,536
 * x 256 cells a sheet, 268 MB, and any number of sheets). */
#define CODES_XLS_CELLS (65536ULL * 32)
/* The data segment of the child that asks freexl for the declared sizes. */
#define CODES_XLS_CHILD_DATA (256UL * 1024 * 1024)

/* Verdicts of the child, one byte on a pipe. */
enum { CODES_XLS_SMALL = 'S', CODES_XLS_LARGE = 'L', CODES_XLS_BROKEN = 'B' };

/* The text of one cell (numbers as Excel shows them in General format, up to
 * 15 significant digits) in buffer, or NULL for an empty cell. */
static const char *codes_xls_text(const FreeXL_CellValue *cell, char *buffer, size_t size)
{
	switch (cell->type) {
	case FREEXL_CELL_INT:
		snprintf(buffer, size, "%d", cell->value.int_value);
		return buffer;
	case FREEXL_CELL_DOUBLE:
		if (cell->value.double_value == trunc(cell->value.double_value) &&
		    fabs(cell->value.double_value) < 1e15)
			snprintf(buffer, size, "%.0f", cell->value.double_value);
		else
			snprintf(buffer, size, "%.15g", cell->value.double_value);
		return buffer;
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_DATETIME:
	case FREEXL_CELL_TIME:
		return cell->value.text_value;
	default:
		return NULL;
	}
}

/* Reads the rows of the active sheet of handle. */
static int codes_xls_rows(struct codes_run *run, const void *handle)
{
	unsigned int rows;
	unsigned short columns;
	if (freexl_worksheet_dimensions(handle, &rows, &columns) != FREEXL_OK)
		return CODES_EUNREADABLE;
	for (unsigned int row = 0; row < rows; row++) {
		FreeXL_CellValue cell;
		char number[64];
		const char *text = NULL;
		if (columns > 0 && freexl_get_cell_value(handle, row, 0, &cell) != FREEXL_OK)
			return CODES_EUNREADABLE;
		if (columns > 0)
			text = codes_xls_text(&cell, number, sizeof(number));
		size_t length = text != NULL ? strlen(text) : 0;
		bool cut = length > CODES_VALUE_CAP;
		int result = codes_take(run, text != NULL ? text : "", cut ? CODES_VALUE_CAP : length,
		    cut, (long long)row + 1);
		if (result != 0)
			return result;
	}
	return 0;
}

/* The child's verdict: the declared sizes of the sheets summed after
 * freexl's abbreviated parse (which allocates the cells all the same). */
static char codes_xls_size_verdict(const char *path)
{
	const void *handle = NULL;
	unsigned int sheets = 0;
	unsigned long long cells = 0;
	int opened = freexl_open_info(path, &handle);
	/* Out of memory, freexl 1.0.6 may also say FREEXL_OK with no handle. */
	char verdict = opened == FREEXL_INSUFFICIENT_MEMORY ||
	    (opened == FREEXL_OK && handle == NULL) ? CODES_XLS_LARGE : CODES_XLS_BROKEN;
	if (opened == FREEXL_OK && handle != NULL &&
	    freexl_get_info(handle, FREEXL_BIFF_SHEET_COUNT, &sheets) == FREEXL_OK)
		verdict = CODES_XLS_SMALL;
	for (unsigned int i = 0; verdict == CODES_XLS_SMALL && i < sheets; i++) {
		unsigned int rows;
		unsigned short columns;
		if (freexl_select_active_worksheet(handle, (unsigned short)i) != FREEXL_OK ||
		    freexl_worksheet_dimensions(handle, &rows, &columns) != FREEXL_OK)
			verdict = CODES_XLS_BROKEN;
		else if ((cells += (unsigned long long)rows * columns) > CODES_XLS_CELLS)
			verdict = CODES_XLS_LARGE;
	}
	return verdict;
}

/* In the child: caps the data segment (not under AddressSanitizer, whose
 * shadow memory counts as data), writes the verdict, and ends. */
static void codes_xls_child(const char *path, int out)
{
#ifndef __SANITIZE_ADDRESS__
	struct rlimit limit = { CODES_XLS_CHILD_DATA, CODES_XLS_CHILD_DATA };
	setrlimit(RLIMIT_DATA, &limit);
#endif
	char verdict = codes_xls_size_verdict(path);
	_exit(write(out, &verdict, 1) == 1 ? 0 : 1);
}

/* Judges the declared sizes of the sheets of path in a child process, so
 * that freexl's allocations for them cannot grow this one. 0, CODES_EBOMB
 * (too large, or the child died), or CODES_EUNREADABLE. */
static int codes_xls_size(const char *path)
{
	int pipe_ends[2];
	if (pipe2(pipe_ends, O_CLOEXEC) != 0)
		return CODES_EUNREADABLE;
	pid_t child = fork();
	if (child == 0)
		codes_xls_child(path, pipe_ends[1]);
	close(pipe_ends[1]);
	char verdict = CODES_XLS_LARGE;
	ssize_t n;
	while ((n = read(pipe_ends[0], &verdict, 1)) < 0 && errno == EINTR)
		;
	close(pipe_ends[0]);
	if (child < 0)
		return CODES_EUNREADABLE;
	while (waitpid(child, NULL, 0) < 0 && errno == EINTR)
		;
	if (n == 1 && verdict == CODES_XLS_SMALL)
		return 0;
	return n == 1 && verdict == CODES_XLS_BROKEN ? CODES_EUNREADABLE : CODES_EBOMB;
}

int codes_xls_read(struct codes_run *run)
{
	const void *handle = NULL;
	int result = codes_xls_size(run->path);
	if (result != 0)
		return result;
	result = CODES_EUNREADABLE;
	if (freexl_open(run->path, &handle) == FREEXL_OK &&
	    freexl_select_active_worksheet(handle, 0) == FREEXL_OK)
		result = codes_xls_rows(run, handle);
	if (handle != NULL)
		freexl_close(handle);
	return result;
}

/* codes_xls: the first column of the first sheet of an Excel 97-2003 (BIFF)
 * workbook, read through freexl (at most 65,536 rows by the format). */
#include "codes_read.h"

#include <freexl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

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

int codes_xls_read(struct codes_run *run)
{
	const void *handle = NULL;
	int result = CODES_EUNREADABLE;
	if (freexl_open(run->path, &handle) == FREEXL_OK &&
	    freexl_select_active_worksheet(handle, 0) == FREEXL_OK)
		result = codes_xls_rows(run, handle);
	if (handle != NULL)
		freexl_close(handle);
	return result;
}

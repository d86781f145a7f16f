/* csv_out: quoted, formula-safe CSV cells through libcsv's csv_write. */
#include "csv_out.h"
#include "arena.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

void csv_bom(struct strbuf *out)
{
	strbuf_append(out, "\xEF\xBB\xBF", 3);
}

/* True when a spreadsheet would take a cell starting with c for a formula. */
static bool starts_formula(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

void csv_cell_n(struct strbuf *out, const char *text, size_t length, bool last)
{
	if (text == NULL)
		length = 0;
	const char *source = text != NULL ? text : "";
	bool formula = length > 0 && starts_formula(text[0]);
	/* csv_write quotes the cell and doubles its quotes: at most twice the
	 * text, the neutralising apostrophe, two quotes and the separator */
	char *cell = strbuf_reserve(out, 2 * length + 6);
	size_t used = 0;
	if (formula) {
		/* the apostrophe goes inside the quotes: write the rest after it */
		used = csv_write(cell + 1, 2 * length + 4, source, length) + 1;
		cell[0] = '"';
		cell[1] = '\'';
	} else {
		used = csv_write(cell, 2 * length + 5, source, length);
	}
	strbuf_commit(out, used);
	strbuf_append(out, last ? "\r\n" : ",", last ? 2 : 1);
}

void csv_cell(struct strbuf *out, const char *text, bool last)
{
	csv_cell_n(out, text, text != NULL ? strlen(text) : 0, last);
}

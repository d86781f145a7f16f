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
	char *safe = NULL;
	const char *source = text != NULL ? text : "";
	if (length > 0 && starts_formula(text[0])) {
		safe = malloc(length + 1);
		if (safe == NULL)
			abort();
		safe[0] = '\'';
		memcpy(safe + 1, text, length);
		source = safe;
		length++;
	}
	char small[512];
	size_t needed = csv_write(NULL, 0, source, length);
	char *quoted = needed <= sizeof(small) ? small : malloc(needed);
	if (quoted == NULL)
		abort();
	csv_write(quoted, needed, source, length);
	strbuf_append(out, quoted, needed);
	if (quoted != small)
		free(quoted);
	free(safe);
	strbuf_append(out, last ? "\r\n" : ",", last ? 2 : 1);
}

void csv_cell(struct strbuf *out, const char *text, bool last)
{
	csv_cell_n(out, text, text != NULL ? strlen(text) : 0, last);
}

/* csv_out: CSV for spreadsheets (RFC 4180) as the history download (LOG-2)
 * and the backups (EXP-3) write it: UTF-8 with a byte-order mark, every cell
 * quoted by libcsv, and cells a spreadsheet would run as a formula
 * neutralised. */
#ifndef SANGDAM_CSV_OUT_H
#define SANGDAM_CSV_OUT_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf;

/* Appends the UTF-8 byte-order mark (EF BB BF): put it first in a file. */
void csv_bom(struct strbuf *out);

/* Appends one cell: text (NULL as empty) quoted as RFC 4180 says, quotes
 * doubled, CR and LF kept inside the quotes; a cell that starts with = + - @
 * a tab or CR gets a leading apostrophe so that no spreadsheet reads it as a
 * formula (OWASP's CSV injection rule). Then "," or, when last, CRLF. */
void csv_cell(struct strbuf *out, const char *text, bool last);

/* The same for a cell of length bytes (may hold any bytes but NUL). */
void csv_cell_n(struct strbuf *out, const char *text, size_t length, bool last);

#endif

/* csv: the download of the filtered history (LOG-2) as spreadsheet-safe CSV
 * (csv_out: byte-order mark, quoting, formula cells neutralised), written
 * while it is read, HISTORY_CSV_ROWS entries at a time in a memory that is
 * emptied after each batch, so that a long history keeps memory flat. */
#include "pages.h"
#include "account.h"
#include "arena.h"
#include "csv_out.h"
#include "db_account_history.h"
#include "http.h"
#include "view.h"

#include <stdbool.h>

/* The header row, in the request's language. */
static void csv_head(struct request *req, struct strbuf *out)
{
	static const char *const keys[] = { "history.at", "history.who", "history.menu",
		"history.action", "history.target", "history.before", "history.after" };
	size_t count = sizeof(keys) / sizeof(keys[0]);
	for (size_t i = 0; i < count; i++)
		csv_cell(out, view_text(req->lang, keys[i]), i + 1 == count);
}

/* One entry as a row. */
static void csv_row(struct request *req, struct strbuf *out, const struct history_row *row)
{
	csv_cell(out, row->at, false);
	csv_cell(out, history_who_text(req, row), false);
	csv_cell(out, history_menu_text(req, row->menu), false);
	csv_cell(out, history_action_text(req, row->action), false);
	csv_cell(out, row->target, false);
	csv_cell(out, row->before, false);
	csv_cell(out, row->after, true);
}

/* Writes count rows as CSV lines; 0, or -1 when the client is gone. */
static int csv_write_rows(struct request *req, struct arena *batch,
    const struct history_row *rows, int count)
{
	struct strbuf out;
	strbuf_init(&out, batch);
	for (int i = 0; i < count; i++)
		csv_row(req, &out, &rows[i]);
	return out.length == 0 ? 0 : http_write(req, strbuf_text(&out), out.length);
}

/* Sends the headers, the byte-order mark and the header row. */
static int csv_start(struct request *req)
{
	req->status = 200;
	req->content_type = "text/csv; charset=utf-8";
	http_header(req, "Content-Disposition", arena_printf(req->arena,
	    "attachment; filename=\"history-%s.csv\"", req->account->code));
	http_send_headers(req);
	if (req->is_head)
		return -1;
	struct strbuf head;
	strbuf_init(&head, req->arena);
	csv_bom(&head);
	csv_head(req, &head);
	return http_write(req, strbuf_text(&head), head.length);
}

/* The first batch is read before anything is sent, so that a failing
 * database still answers 500; later batches continue from the last entry
 * written (keyset), each in batch, which is emptied in between. */
int history_csv(struct request *req)
{
	struct history_filter filter;
	history_filter_read(req, &filter);
	struct arena *batch = arena_new();
	if (batch == NULL)
		return -1;
	struct history_row *rows;
	int count = db_account_history_list(batch, &filter, HISTORY_CSV_ROWS, &rows);
	if (count < 0) {
		arena_free(batch);
		return -1;
	}
	int sent = csv_start(req);
	while (sent == 0 && count > 0) {
		sent = csv_write_rows(req, batch, rows, count);
		if (count < HISTORY_CSV_ROWS)
			break;
		filter.before_at = rows[count - 1].at_micros;
		filter.before_id = rows[count - 1].id;
		arena_reset(batch);
		count = db_account_history_list(batch, &filter, HISTORY_CSV_ROWS, &rows);
	}
	arena_free(batch);
	return 200;
}

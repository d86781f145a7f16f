/* backups: list rows, status JSON and downloads of backups for the pages. */
#include "backups.h"
#include "arena.h"
#include "confirm.h"
#include "db_backups.h"
#include "http.h"
#include "page.h"
#include "upload.h"
#include "view.h"

#include <string.h>

static int backups_percent(const struct backup *backup)
{
	if (strcmp(backup->status, "ready") == 0)
		return 100;
	if (backup->total <= 0)
		return 0;
	return (int)(backup->done * 100 / backup->total);
}

static bool backups_active(const struct backup *backup)
{
	return strcmp(backup->status, "queued") == 0 || strcmp(backup->status, "running") == 0;
}

void backups_row(struct request *req, struct view *view, const struct backup *backup,
    const char *base)
{
	struct view *row = view_add_row(view, "BACKUPS");
	view_set_int(row, "ID", backup->id);
	view_set(row, "BASE", base);
	view_set(row, "ACCOUNT", backup->account_code);
	if (strncmp(base, "/ops/", 5) == 0)
		view_show(row, "OPS");
	view_set(row, "STATUS", backup->status);
	view_set_text(row, "STATUS_TEXT", arena_printf(req->arena, "backups.status.%s",
	    backup->status));
	view_set_text(row, "REASON_TEXT", arena_printf(req->arena, "backups.reason.%s",
	    backup->reason));
	view_set(row, "FORMAT", backup->format);
	view_set_text(row, "FORMAT_TEXT", arena_printf(req->arena, "backups.format.%s",
	    backup->format));
	view_set(row, "FROM", backup->period_from);
	view_set(row, "TO", backup->period_to);
	view_show(row, *backup->period_from == '\0' && *backup->period_to == '\0'
	    ? "ALL_TIME" : "PERIOD");
	view_set(row, "CREATED", backup->created);
	view_set(row, "EXPIRES", backup->expires);
	view_set_int(row, "DONE", backup->done);
	view_set_int(row, "TOTAL", backup->total);
	view_set_int(row, "PERCENT", backups_percent(backup));
	if (backups_active(backup))
		view_show(row, "ACTIVE");
	if (strcmp(backup->status, "ready") == 0) {
		view_show(row, "READY");
		view_set(row, "SIZE", upload_size_text(req->arena, backup->size));
		if (*backup->expires != '\0')
			view_show(row, "EXPIRES_AT");
	}
}

int backups_status_json(struct request *req, const struct backup *backup)
{
	struct strbuf out;
	strbuf_init(&out, req->arena);
	strbuf_puts(&out, "{\"status\":");
	page_json_string(&out, backup->status);
	strbuf_puts(&out, ",\"text\":");
	page_json_string(&out, view_text(req->lang, arena_printf(req->arena, "backups.status.%s",
	    backup->status)));
	strbuf_printf(&out, ",\"done\":%lld,\"total\":%lld,\"percent\":%d,\"size\":%lld}",
	    backup->done, backup->total, backups_percent(backup), backup->size);
	return page_json(req, 200, strbuf_text(&out));
}

int backups_download(struct request *req, const struct backup *backup)
{
	static const char *const types[][2] = {
		{ "csv", "text/csv; charset=utf-8" },
		{ "jsonl", "application/x-ndjson; charset=utf-8" },
		{ "zip", "application/zip" },
	};
	if (strcmp(backup->status, "ready") != 0 || *backup->file_name == '\0'
	    || strchr(backup->file_name, '/') != NULL)
		return 404;
	const char *type = "application/octet-stream";
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(types[i][0], backup->format) == 0)
			type = types[i][1];
	req->status = 200;
	req->content_type = type;
	req->body.length = 0;
	req->cacheable = false;
	http_header(req, "X-Accel-Redirect", arena_printf(req->arena, "/_exports/%s",
	    backup->file_name));
	http_header(req, "Content-Disposition", arena_printf(req->arena,
	    "attachment; filename=\"sangdam-%s-%lld.%s\"",
	    *backup->account_code != '\0' ? backup->account_code : "all", backup->id,
	    backup->format));
	return 200;
}

int backups_cancel_asked(struct request *req, const struct backup *backup, const char *base)
{
	if (!backups_active(backup))
		return 0;
	const char *format = view_text(req->lang, arena_printf(req->arena, "backups.format.%s",
	    backup->format));
	const struct confirm confirm = {
		.button = "confirm.backup_cancel", .question = "confirm.backup_cancel.question",
		.target = arena_printf(req->arena, "%s · %s", format, backup->created),
		.back = base, .menu = "backups",
	};
	return confirm_ask(req, &confirm);
}

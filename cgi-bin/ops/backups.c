/* backups: the operator's consultation history backup of every account
 * (EXP-1) and the backups kept from deleted accounts (ACC-8, EXP-6), on the
 * page the members' backups use (page_backups). */
#include "pages.h"
#include "arena.h"
#include "backups.h"
#include "db_backups.h"
#include "form.h"
#include "http.h"
#include "session.h"
#include "view.h"

enum { OPS_BACKUP_FORMAT, OPS_BACKUP__MAX };

static const char *const ops_backup_formats[] = { "zip", "csv", "jsonl", NULL };

static const struct param_field ops_backup_fields[OPS_BACKUP__MAX] = {
	[OPS_BACKUP_FORMAT] = { "format", PARAM_CHOICE, true, 0, 0, ops_backup_formats },
};

static const char *const ops_backup_notices[] = { "started", "cancelled", NULL };

static const struct form ops_backup_form = {
	.template_name = "page_backups",
	.title = "backups.ops_title",
	.fields = ops_backup_fields,
	.field_count = OPS_BACKUP__MAX,
	.notices = ops_backup_notices,
};

int ops_backups_page(struct request *req)
{
	struct backup *backups;
	int count = db_backups_list(req->arena, 0, &backups);
	if (count < 0)
		return -1;
	struct view *view = form_view(req, &ops_backup_form, NULL, NULL, NULL);
	view_set(view, "FORMAT_zip", "checked");
	view_set(view, "BASE", "/ops/backups");
	view_show(view, "OPS");
	for (int i = 0; i < count; i++)
		backups_row(req, view, &backups[i], "/ops/backups");
	if (count == 0)
		view_show(view, "NO_BACKUPS");
	return form_render(req, &ops_backup_form, view, 200);
}

int ops_backups_start(struct request *req)
{
	struct param_value values[OPS_BACKUP__MAX];
	if (form_read(req, &ops_backup_form, values, NULL) > 0)
		return form_show(req, &ops_backup_form, values, NULL, NULL, 422);
	struct backup_request request = {
		.scope = "all", .reason = "operator", .format = values[OPS_BACKUP_FORMAT].text,
		.partner_id = req->session->partner_id,
	};
	long long id;
	if (db_backups_start(req->arena, &request, &id) != 1)
		return -1;
	return form_done(req, "/ops/backups", "started");
}

static int ops_backups_find(struct request *req, struct backup *backup)
{
	int found = db_backups_get(req->arena, 0, req->ids[0], backup);
	return found < 0 ? -1 : found == 0 ? 404 : 0;
}

int ops_backups_status(struct request *req)
{
	struct backup backup;
	int found = ops_backups_find(req, &backup);
	return found != 0 ? found : backups_status_json(req, &backup);
}

int ops_backups_file(struct request *req)
{
	struct backup backup;
	int found = ops_backups_find(req, &backup);
	return found != 0 ? found : backups_download(req, &backup);
}

int ops_backups_stop(struct request *req)
{
	struct backup backup;
	int found = ops_backups_find(req, &backup);
	if (found == 0)
		found = backups_cancel_asked(req, &backup, "/ops/backups");
	if (found != 0)
		return found;
	int cancelled = db_backups_cancel(req->arena, 0, backup.id);
	if (cancelled < 0)
		return -1;
	return form_done(req, "/ops/backups", cancelled > 0 ? "cancelled" : NULL);
}

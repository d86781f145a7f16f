/* backups: a member starts 상담 이력 백업 of a period (all time by default)
 * as CSV, JSON Lines or a zip with both and the attachments; the worker
 * writes it while the page shows a progress bar; ready files are listed and
 * downloaded for 7 days; a running backup can be cancelled (EXP-1). Starting
 * and cancelling are recorded in the account history (LOG-1). */
#include "pages.h"
#include "account.h"
#include "arena.h"
#include "backups.h"
#include "db.h"
#include "db_backups.h"
#include "form.h"
#include "history.h"
#include "hours.h"
#include "http.h"
#include "session.h"
#include "view.h"

#include <string.h>

enum { BACKUP_FORMAT, BACKUP_FROM, BACKUP_TO, BACKUP__MAX };

/* Backups that an account's members may have queued or running at once:
 * each one writes the whole period (a zip, every attachment again), so a
 * member cannot fill the disk by starting them over and over. */
enum { BACKUPS_ACTIVE_MAX = 5 };

static const char *const backup_formats[] = { "zip", "csv", "jsonl", NULL };

static const struct param_field backup_fields[BACKUP__MAX] = {
	[BACKUP_FORMAT] = { "format", PARAM_CHOICE, true, 0, 0, backup_formats },
	[BACKUP_FROM] = { "from", PARAM_TEXT, false, 0, 10, NULL },
	[BACKUP_TO] = { "to", PARAM_TEXT, false, 0, 10, NULL },
};

static const char *const backup_notices[] = { "started", "cancelled", NULL };

static const struct form backup_form = {
	.template_name = "page_backups",
	.title = "backups.title",
	.menu = "backups",
	.fields = backup_fields,
	.field_count = BACKUP__MAX,
	.notices = backup_notices,
};

static const char *backups_base(struct request *req)
{
	return arena_printf(req->arena, "/a/%s/backups", req->account->code);
}

/* The page with the account's backups; values: the refused form, or NULL. */
static int backups_show(struct request *req, const struct param_value *values, int status)
{
	struct backup *backups;
	int count = db_backups_list(req->arena, req->account->id, &backups);
	if (count < 0)
		return -1;
	struct view *view = form_view(req, &backup_form, values, NULL, NULL);
	if (values == NULL)
		view_set(view, "FORMAT_zip", "checked");
	else
		view_set(view, arena_printf(req->arena, "FORMAT_%s", values[BACKUP_FORMAT].text),
		    "checked");
	const char *base = backups_base(req);
	view_set(view, "BASE", base);
	view_show(view, "MEMBER");
	for (int i = 0; i < count; i++)
		backups_row(req, view, &backups[i], base);
	if (count == 0)
		view_show(view, "NO_BACKUPS");
	return form_render(req, &backup_form, view, status);
}

int backups_page(struct request *req)
{
	return backups_show(req, NULL, 200);
}

/* Judges the dates: each empty or a real date, from not after to. */
static int backups_check_period(struct param_value *values)
{
	long long days[BACKUP__MAX] = { 0 };
	int errors = 0;
	for (int f = BACKUP_FROM; f <= BACKUP_TO; f++)
		if (values[f].error == NULL && *values[f].text != '\0'
		    && hours_parse_date(values[f].text, &days[f]) != 0) {
			values[f].error = "backups.err.date";
			errors++;
		}
	if (errors == 0 && *values[BACKUP_FROM].text != '\0' && *values[BACKUP_TO].text != '\0'
	    && days[BACKUP_FROM] > days[BACKUP_TO]) {
		values[BACKUP_TO].error = "backups.err.order";
		errors++;
	}
	return errors;
}

int backups_start(struct request *req)
{
	struct param_value values[BACKUP__MAX];
	if (form_read(req, &backup_form, values, NULL) + backups_check_period(values) > 0)
		return backups_show(req, values, 422);
	const char *from = values[BACKUP_FROM].text, *to = values[BACKUP_TO].text;
	struct backup_request request = {
		.account_id = req->account->id, .scope = "account", .reason = "member",
		.format = values[BACKUP_FORMAT].text, .from = *from != '\0' ? from : NULL,
		.to = *to != '\0' ? to : NULL, .partner_id = req->session->partner_id,
	};
	long long id, active = 0;
	const char *period = arena_printf(req->arena, "%s ~ %s", from, to);
	/* the account's row, held to the commit, keeps racing starts under the limit */
	if (account_lock(req) != 0 || db_backups_active(req->arena, req->account->id, &active) != 0)
		return account_unlock(req, -1);
	if (active >= BACKUPS_ACTIVE_MAX) {
		account_unlock(req, 0);
		values[BACKUP_FORMAT].error = "backups.err.busy";
		return backups_show(req, values, 422);
	}
	if (db_backups_start(req->arena, &request, &id) != 1
	    || history_add(req, HISTORY_BACKUPS, "backup_start", request.format, NULL, period) != 1)
		return account_unlock(req, -1);
	if (account_unlock(req, 1) != 1)
		return -1;
	return form_done(req, backups_base(req), "started");
}

/* The backup of the route's {id} in this account; 404 for another's. */
static int backups_find(struct request *req, struct backup *backup)
{
	int found = db_backups_get(req->arena, req->account->id, req->ids[1], backup);
	return found < 0 ? -1 : found == 0 ? 404 : 0;
}

int backups_status(struct request *req)
{
	struct backup backup;
	int found = backups_find(req, &backup);
	return found != 0 ? found : backups_status_json(req, &backup);
}

int backups_file(struct request *req)
{
	struct backup backup;
	int found = backups_find(req, &backup);
	return found != 0 ? found : backups_download(req, &backup);
}

int backups_stop(struct request *req)
{
	struct backup backup;
	int found = backups_find(req, &backup);
	if (found == 0)
		found = backups_cancel_asked(req, &backup, backups_base(req));
	if (found != 0)
		return found;
	if (db_begin(req->arena) != 0)
		return -1;
	int cancelled = db_backups_cancel(req->arena, req->account->id, backup.id);
	if (cancelled < 0)
		return -1;
	if (cancelled == 0) {
		db_rollback(req->arena);
		return form_done(req, backups_base(req), NULL);
	}
	if (history_add(req, HISTORY_BACKUPS, "backup_cancel", backup.format, NULL,
		arena_printf(req->arena, "#%lld", backup.id)) != 1
	    || db_commit(req->arena) != 0)
		return -1;
	return form_done(req, backups_base(req), "cancelled");
}

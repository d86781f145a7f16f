/* notices: a partner's notifications (LOG-3), the newest 100 across their
 * accounts; opening the list marks them read. */
#include "pages.h"
#include "arena.h"
#include "db.h"
#include "db_notifications.h"
#include "http.h"
#include "notify.h"
#include "page.h"
#include "session.h"
#include "view.h"

#include <string.h>

const char *member_text(struct request *req, const char *key, const char *account,
    const char *who)
{
	struct strbuf out;
	strbuf_init(&out, req->arena);
	for (const char *p = view_text(req->lang, key); *p != '\0'; p++) {
		if (strncmp(p, "{account}", 9) == 0) {
			strbuf_puts(&out, account != NULL ? account : "");
			p += 8;
		} else if (strncmp(p, "{who}", 5) == 0) {
			strbuf_puts(&out, who != NULL ? who : "");
			p += 4;
		} else {
			strbuf_append(&out, p, 1);
		}
	}
	return strbuf_text(&out);
}

/* Adds one notification to view's section NOTICES; kinds this build has no
 * text for (written by a newer one) read as "notification.other". */
static void notices_view_row(struct request *req, struct view *view,
    const struct notification_row *notice)
{
	const char *key = arena_printf(req->arena, "notification.%s", notice->kind);
	if (!view_has_text(key))
		key = "notification.other";
	struct view *row = view_add_row(view, "NOTICES");
	view_set(row, "TEXT", member_text(req, key, notice->account_name, notice->who));
	view_set(row, "AT", notice->created);
	if (*notice->code != '\0')
		view_set(row, "LINK", arena_printf(req->arena, "/a/%s/", notice->code));
	view_show(row, *notice->code != '\0' ? "HAS_LINK" : "NO_LINK");
	if (notice->unread)
		view_show(row, "UNREAD");
}

/* GET /notifications: the list, then everything in it is read (the header's
 * count on this page is already 0). */
int notices_page(struct request *req)
{
	struct notification_row *rows = arena_alloc(req->arena, sizeof(*rows) * NOTIFY_KEEP);
	int count = db_notifications_list(req->arena, req->session->partner_id, rows, NOTIFY_KEEP);
	if (count < 0 || db_notifications_mark_read(req->arena, req->session->partner_id) < 0)
		return -1;
	req->session->notices_unread = 0;
	struct view *view = page_new(req, "notification.title");
	for (int i = 0; i < count; i++)
		notices_view_row(req, view, &rows[i]);
	if (count == 0)
		view_show(view, "NO_NOTICES");
	return page_render(req, view, "page_notifications", 200);
}

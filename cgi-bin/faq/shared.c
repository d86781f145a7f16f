/* shared: what the faq program's pages have in common: paths, the
 * confirmation step before deleting, and the answer after a change. */
#include "account.h"
#include "arena.h"
#include "form.h"
#include "history.h"
#include "http.h"
#include "pages.h"
#include "page.h"
#include "view.h"

#include <string.h>

const char *faq_path(struct request *req, const char *area)
{
	return arena_printf(req->arena, "/a/%s/%s", req->account->code, area);
}

bool faq_confirmed(struct request *req, const char *what, const char *back, int *status)
{
	const char *confirm = http_form(req, "confirm");
	if (confirm != NULL && strcmp(confirm, "1") == 0)
		return true;
	struct view *view = account_page_new(req, "faq.confirm.title", "faq");
	view_set_text(view, "QUESTION", what);
	view_set(view, "ACTION", req->path);
	view_set(view, "BACK", back);
	*status = page_render(req, view, "page_faq_confirm", 200);
	return false;
}

int faq_changed(struct request *req, int changed, const char *path, const char *done)
{
	if (changed < 0)
		return -1;
	if (changed == 0)
		return 404;
	return form_done(req, path, done);
}

int faq_commit(struct request *req, int changed, const char *action, const char *target,
    const char *before, const char *after)
{
	return history_commit(req, changed, HISTORY_FAQ, action, target, before, after);
}

void faq_diff(struct request *req, const char *const labels[2], const char *const was[2],
    const char *const is[2], const char **before, const char **after)
{
	const struct history_field fields[2] = {
		{ labels[0], was[0], is[0] },
		{ labels[1], was[1], is[1] },
	};
	history_diff(req, fields, 2, before, after);
}

int faq_direction(struct request *req)
{
	const char *dir = http_form(req, "dir");
	if (dir == NULL)
		return -1;
	return strcmp(dir, "up") == 0 ? 1 : strcmp(dir, "down") == 0 ? 0 : -1;
}

/* shared: what the faq program's pages have in common: paths, the
 * confirmation step before deleting, and the answer after a change. */
#include "account.h"
#include "arena.h"
#include "confirm.h"
#include "form.h"
#include "history.h"
#include "http.h"
#include "pages.h"

#include <string.h>

const char *faq_path(struct request *req, const char *area)
{
	return arena_printf(req->arena, "/a/%s/%s", req->account->code, area);
}

int faq_asked(struct request *req, const char *what, const char *target, const char *area)
{
	const struct confirm confirm = {
		.button = "faq.confirm.yes", .question = what, .target = target,
		.back = faq_path(req, area),
		.menu = strcmp(area, "request-form") == 0 ? "request" : area,
	};
	return confirm_ask(req, &confirm);
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

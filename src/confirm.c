/* confirm: the confirmation page every destructive POST answers until it is
 * sent again with confirm=1 (issue 13; see confirm.h). */
#include "confirm.h"
#include "account.h"
#include "http.h"
#include "page.h"
#include "view.h"

#include <string.h>

int confirm_ask(struct request *req, const struct confirm *confirm)
{
	const char *given = http_form(req, "confirm");
	if (given != NULL && strcmp(given, "1") == 0)
		return 0;
	struct view *view = req->account != NULL
	    ? account_page_new(req, confirm->button, confirm->menu != NULL ? confirm->menu : "")
	    : page_new(req, confirm->button);
	view_set_text(view, "BUTTON", confirm->button);
	view_set_text(view, "QUESTION", confirm->question);
	if (confirm->target != NULL && *confirm->target != '\0') {
		view_show(view, "TARGET");
		view_set(view, "TARGET_TEXT", confirm->target);
	}
	view_set(view, "CONFIRM_ACTION", req->path);
	view_set(view, "BACK", confirm->back);
	view_include(view, "CONFIRM", "part_confirm");
	return page_render(req, view, "page_confirm", 200);
}

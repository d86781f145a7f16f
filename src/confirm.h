/* confirm: the one way an action that cannot be undone asks first (issue 13):
 * a POST without confirm=1 answers a confirmation page whose form posts the
 * same path again with confirm=1; with JavaScript the page's form carries
 * data-confirm and static/confirm.js asks in a dialog and sends confirm=1. */
#ifndef SANGDAM_CONFIRM_H
#define SANGDAM_CONFIRM_H

struct request;

/* What a confirmation page says. Catalog keys are looked up in the request's
 * language; target is shown as given (escaped). */
struct confirm {
	const char *button;   /* catalog key: the action's name (title and button) */
	const char *question; /* catalog key: what it does and that it stays done */
	const char *target;   /* the thing acted on as people know it, or NULL */
	const char *back;     /* the local path that cancelling goes back to */
	const char *menu;     /* account menu item marked current, or NULL */
};

/* 0 when the request's POST carries confirm=1 (the handler goes on to act);
 * else renders the confirmation page of confirm with status 200, changes
 * nothing and returns 200, which the handler answers. Call it after the
 * target was found (another account's id stays a 404). */
int confirm_ask(struct request *req, const struct confirm *confirm);

#endif

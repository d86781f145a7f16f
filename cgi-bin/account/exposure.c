/* exposure: where customers find the chat (ACC-6): its URL, banner snippets,
 * and the URL as QR codes in three PNG sizes and SVG. */
#include "pages.h"
#include "account.h"
#include "arena.h"
#include "cache.h"
#include "config.h"
#include "db_accounts.h"
#include "http.h"
#include "page.h"
#include "qr.h"
#include "route.h"
#include "view.h"

#include <stdlib.h>
#include <string.h>

/* The PNG sizes offered, in pixels, by file name. */
static const struct {
	const char *file;
	int pixels;
} exposure_sizes[] = {
	{ "50.png", 50 },
	{ "350.png", 350 },
	{ "600.png", 600 },
};

/* What the QR codes of account code carry: the chat URL with ref=qr, so
 * that the room of a customer who scanned one says so (CHAT-3). */
static const char *exposure_qr_url(struct request *req, const char *code)
{
	return arena_printf(req->arena, "%s?ref=qr", account_chat_url(req, code));
}

int exposure_page(struct request *req)
{
	struct view *view = account_page_new(req, "exposure.title", "exposure");
	view_set(view, "CHAT_URL", account_chat_url(req, req->account->code));
	view_set(view, "BASE_URL", config_str("base_url"));
	return page_render(req, view, "page_exposure", 200);
}

/* The QR codes are public (issue 8): they carry the chat URL, which anyone
 * who names the account's code in the request knows, and /talk/CODE tells
 * anyone already whether the account exists. So they are cached routes
 * (route.h): made here once per account and size, for any visitor, and
 * from then on sent by nginx from the file (ETag, 304) without asking
 * this program. An unknown account or size is 404, and nothing is stored.
 * Returns 0 when the account of code exists, else the status. */
static int exposure_qr_account(struct request *req)
{
	int found = db_accounts_exists(req->arena, req->params[0]);
	return found > 0 ? 0 : found == 0 ? 404 : -1;
}

int exposure_qr_png(struct request *req)
{
	for (size_t i = 0; i < COUNT(exposure_sizes); i++) {
		if (strcmp(req->params[1], exposure_sizes[i].file) != 0)
			continue;
		int status = exposure_qr_account(req);
		if (status != 0)
			return status;
		unsigned char *png;
		size_t length;
		if (qr_png(exposure_qr_url(req, req->params[0]), exposure_sizes[i].pixels, &png,
			&length) != 0)
			return -1;
		status = cache_answer(req, "image/png", png, length);
		free(png);
		return status;
	}
	return 404;
}

int exposure_qr_svg(struct request *req)
{
	const char *svg;
	int status = exposure_qr_account(req);
	if (status != 0)
		return status;
	if (qr_svg(req->arena, exposure_qr_url(req, req->params[0]), &svg) != 0)
		return -1;
	return cache_answer(req, "image/svg+xml", svg, strlen(svg));
}

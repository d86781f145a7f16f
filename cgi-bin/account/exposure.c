/* exposure: where customers find the chat (ACC-6): its URL, banner snippets,
 * and the URL as QR codes in three PNG sizes and SVG. */
#include "pages.h"
#include "account.h"
#include "arena.h"
#include "config.h"
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

/* What the QR codes carry: the chat URL with ref=qr, so that the room of a
 * customer who scanned one says so (CHAT-3). */
static const char *exposure_qr_url(struct request *req)
{
	return arena_printf(req->arena, "%s?ref=qr", account_chat_url(req, req->account->code));
}

int exposure_page(struct request *req)
{
	struct view *view = account_page_new(req, "exposure.title", "exposure");
	view_set(view, "CHAT_URL", account_chat_url(req, req->account->code));
	view_set(view, "BASE_URL", config_str("base_url"));
	return page_render(req, view, "page_exposure", 200);
}

/* Sets the headers of a cacheable inline file named file_name. */
static void exposure_answer(struct request *req, const char *content_type, const char *file_name)
{
	req->content_type = content_type;
	req->cacheable = true;
	http_header(req, "Cache-Control", "private, max-age=86400");
	http_header(req, "Content-Disposition",
	    arena_printf(req->arena, "inline; filename=\"%s\"", file_name));
}

/* The QR code PNG of the chat URL (issue 8): 304 when If-None-Match names
 * its ETag, else nginx sends the cached file (location /_qr/, given the
 * ETag there), or the body when the cache cannot be written. */
int exposure_qr_png(struct request *req)
{
	for (size_t i = 0; i < COUNT(exposure_sizes); i++) {
		if (strcmp(req->params[1], exposure_sizes[i].file) != 0)
			continue;
		const unsigned char *png;
		const char *file, *etag;
		size_t length;
		int pixels = exposure_sizes[i].pixels;
		if (qr_png_cached(req->arena, exposure_qr_url(req), pixels, &file, &png, &length,
			&etag) != 0)
			return -1;
		exposure_answer(req, "image/png",
		    arena_printf(req->arena, "qr-%s-%d.png", req->account->code, pixels));
		http_header(req, "ETag", etag);
		const char *known = http_env(req, "HTTP_IF_NONE_MATCH");
		if (known != NULL && strstr(known, etag) != NULL)
			return 304;
		if (file != NULL)
			http_header(req, "X-Accel-Redirect",
			    arena_printf(req->arena, "/_qr/%s", file));
		else
			strbuf_append(&req->body, (const char *)png, length);
		return 200;
	}
	return 404;
}

int exposure_qr_svg(struct request *req)
{
	const char *svg;
	if (qr_svg(req->arena, exposure_qr_url(req), &svg) != 0)
		return -1;
	exposure_answer(req, "image/svg+xml", arena_printf(req->arena, "qr-%s.svg", req->account->code));
	strbuf_puts(&req->body, svg);
	return 200;
}

/* coupon: the coupon's image, and the downloads of its codes as text, one a
 * line (COUP-7): all of them, or after the end or a stop the ones never
 * handed out. Streamed a page of codes at a time, never all in memory. */
#include "account.h"
#include "arena.h"
#include "db_coupon_codes.h"
#include "db_coupons.h"
#include "http.h"
#include "log.h"
#include "pages.h"
#include "upload.h"

#include <string.h>

enum { PAGE_CODES = 10000 };

int coupon_image(struct request *req)
{
	struct coupon coupon;
	int status = coupon_load(req, &coupon);
	if (status != 0)
		return status;
	if (coupon.image_name == NULL)
		return 404;
	return upload_serve(req, coupon.image_name, coupon.image_mime, "coupon", false);
}

/* Writes the codes after the headers, page by page in an arena of their own. */
static int codes_stream(struct request *req, long long coupon_id, bool free_only)
{
	struct arena *page = arena_new();
	long long after = 0;
	int count;
	do {
		struct coupon_code *codes;
		count = db_coupon_codes_page(page, req->account->id, coupon_id, after, free_only,
		    PAGE_CODES, &codes);
		struct strbuf out;
		strbuf_init(&out, page);
		for (int i = 0; i < count; i++) {
			strbuf_puts(&out, codes[i].code);
			strbuf_puts(&out, "\r\n");
		}
		if (count > 0) {
			after = codes[count - 1].id;
			if (http_write(req, strbuf_text(&out), out.length) != 0)
				count = -1;
		}
		arena_reset(page);
	} while (count == PAGE_CODES);
	arena_free(page);
	if (count < 0)
		log_error("coupon: the download of coupon %lld stopped", coupon_id);
	return 200;
}

static int codes_download(struct request *req, bool remaining)
{
	struct coupon coupon;
	int status = coupon_load(req, &coupon);
	if (status != 0)
		return status;
	bool over = strcmp(coupon.status, "ended") == 0 || strcmp(coupon.status, "stopped") == 0;
	if (strcmp(coupon.codes_state, "ready") != 0 || (remaining && !over))
		return 404;
	req->status = 200;
	req->content_type = "text/plain; charset=utf-8";
	http_header(req, "Content-Disposition", arena_printf(req->arena,
	    "attachment; filename=\"coupon-%lld-%s.txt\"", coupon.id,
	    remaining ? "remaining" : "codes"));
	http_send_headers(req);
	if (req->is_head)
		return 200;
	return codes_stream(req, coupon.id, remaining);
}

int coupon_codes_all(struct request *req)
{
	return codes_download(req, false);
}

int coupon_codes_remaining(struct request *req)
{
	return codes_download(req, true);
}

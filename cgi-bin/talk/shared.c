/* talk: the account of /talk/CODE, whether it takes messages, its customer,
 * and the answer to a refused request. */
#include "pages.h"
#include "arena.h"
#include "db_accounts.h"
#include "http.h"
#include "page.h"
#include "view.h"

#include <string.h>

int talk_account_load(struct request *req, struct chat_account *out)
{
	int found = db_accounts_get_for_customers(req->arena, req->params[0], out);
	return found == 1 ? 0 : found == 0 ? 404 : -1;
}

bool talk_is_open(const struct chat_account *account)
{
	return account->approved && account->home_public;
}

const char *talk_closed_reason(const struct chat_account *account)
{
	if (strcmp(account->status, "pending") == 0)
		return "talk.not_open";
	if (!talk_is_open(account))
		return "talk.unavailable";
	if (!account->chat_on)
		return "talk.chat_off";
	return NULL;
}

int talk_customer_find(struct request *req, const struct chat_account *account,
    struct chat_customer *out)
{
	const char *key = chat_customer_key(req, false);
	return key != NULL ? chat_customer_find(req, account->id, key, out) : 0;
}

int talk_visitor_load(struct request *req, struct chat_account *account,
    struct chat_customer *customer)
{
	int status = talk_account_load(req, account);
	if (status != 0)
		return status;
	int found = talk_customer_find(req, account, customer);
	if (found < 0)
		return -1;
	if (found == 0)
		*customer = (struct chat_customer) { 0 };
	return 0;
}

int talk_back(struct request *req, const struct chat_account *account)
{
	return http_redirect(req, arena_printf(req->arena, "/talk/%s", account->code));
}

bool talk_confirmed(struct request *req)
{
	const char *confirmed = http_form(req, "confirmed");
	return confirmed != NULL && strcmp(confirmed, "1") == 0;
}

int talk_confirm_page(struct request *req, const struct chat_account *account,
    const char *what, const char *path, const char *back)
{
	struct view *view = page_new(req, arena_printf(req->arena, "talk.confirm.%s", what));
	req->framable = true;
	view_set(view, "CODE", account->code);
	view_set(view, "ACCOUNT_NAME", account->name);
	view_set(view, "ACTION", path);
	view_set(view, "BACK", back != NULL ? back
	    : arena_printf(req->arena, "/talk/%s", account->code));
	view_set_text(view, "QUESTION", arena_printf(req->arena, "talk.confirm.%s.question", what));
	view_set_text(view, "BUTTON", arena_printf(req->arena, "talk.confirm.%s", what));
	return page_render(req, view, "page_talk_confirm", 200);
}

/* The catalog text of key with {max} and {{ACCOUNT_NAME}} filled in, for
 * the JSON answers (templates fill them in pages). */
static const char *talk_error_text(struct request *req, const char *key, long long max,
    const char *account_name)
{
	const char *text = view_text(req->lang, key);
	struct strbuf out;
	strbuf_init(&out, req->arena);
	for (const char *p = text; *p != '\0'; p++) {
		if (strncmp(p, "{max}", 5) == 0) {
			strbuf_printf(&out, "%lld", max);
			p += 4;
		} else if (strncmp(p, "{{ACCOUNT_NAME}}", 16) == 0) {
			strbuf_puts(&out, account_name);
			p += 15;
		} else {
			strbuf_append(&out, p, 1);
		}
	}
	return strbuf_text(&out);
}

int talk_refuse(struct request *req, const struct chat_account *account,
    const struct talk_form *form, int status, const char *error_key, long long max)
{
	if (page_wants_json(req))
		return page_json_error(req, status, talk_error_text(req, error_key, max, account->name));
	return talk_render(req, account, form, status);
}

/* filter: the history's filter as the query carries it, and the words of an
 * entry in the reader's language. */
#include "pages.h"
#include "account.h"
#include "arena.h"
#include "history.h"
#include "hours.h"
#include "http.h"
#include "param.h"
#include "text.h"
#include "view.h"

#include <limits.h>
#include <stddef.h>
#include <stdio.h>

enum { FILTER_MENU, FILTER_MEMBER, FILTER_FROM, FILTER_TO, FILTER_BEFORE_AT,
	FILTER_BEFORE_ID, FILTER__MAX };

static const struct param_field filter_fields[FILTER__MAX] = {
	[FILTER_MENU] = { "menu", PARAM_CHOICE, false, 0, 0, history_menu_words },
	[FILTER_MEMBER] = { "member", PARAM_ID, false, 0, 0, NULL },
	[FILTER_FROM] = { "from", PARAM_TEXT, false, 10, 10, NULL },
	[FILTER_TO] = { "to", PARAM_TEXT, false, 10, 10, NULL },
	[FILTER_BEFORE_AT] = { "before_at", PARAM_INT, false, 1, LLONG_MAX, NULL },
	[FILTER_BEFORE_ID] = { "before_id", PARAM_ID, false, 0, 0, NULL },
};

/* The value's text when it was sent and valid, else NULL. */
static const char *filter_text(const struct param_value *value)
{
	return value->present && value->error == NULL ? value->text : NULL;
}

/* A YYYY-MM-DD date that exists, else NULL. */
static const char *filter_date(const struct param_value *value)
{
	long long day;
	const char *text = filter_text(value);
	return text != NULL && hours_parse_date(text, &day) == 0 ? text : NULL;
}

void history_filter_read(struct request *req, struct history_filter *filter)
{
	struct param_value values[FILTER__MAX];
	param_read(req, filter_fields, FILTER__MAX, values);
	*filter = (struct history_filter) {
		.account_id = req->account->id,
		.time_zone = req->account->time_zone,
		.menu = filter_text(&values[FILTER_MENU]),
		.from = filter_date(&values[FILTER_FROM]),
		.to = filter_date(&values[FILTER_TO]),
	};
	if (filter_text(&values[FILTER_MEMBER]) != NULL)
		filter->partner_id = values[FILTER_MEMBER].number;
	if (filter_text(&values[FILTER_BEFORE_AT]) != NULL
	    && filter_text(&values[FILTER_BEFORE_ID]) != NULL) {
		filter->before_at = values[FILTER_BEFORE_AT].number;
		filter->before_id = values[FILTER_BEFORE_ID].number;
	}
}

/* Appends "&name=value" (no "&" first) with value percent-encoded. */
static void filter_add(struct strbuf *out, const char *name, const char *value)
{
	if (value == NULL)
		return;
	strbuf_printf(out, "%s%s=", out->length > 0 ? "&" : "", name);
	text_url_encode(out, value);
}

void history_filter_query(const struct history_filter *filter, struct strbuf *out)
{
	filter_add(out, "menu", filter->menu);
	if (filter->partner_id != 0)
		strbuf_printf(out, "%smember=%lld", out->length > 0 ? "&" : "", filter->partner_id);
	filter_add(out, "from", filter->from);
	filter_add(out, "to", filter->to);
}

/* The catalog text of prefix + word when both catalogs have it, else word.
 * Allocates nothing: the download calls it for every entry. */
static const char *filter_word(struct request *req, const char *prefix, const char *word)
{
	char key[128];
	int length = snprintf(key, sizeof(key), "%s%s", prefix, word);
	if (length < 0 || (size_t)length >= sizeof(key) || !view_has_text(key))
		return word;
	return view_text(req->lang, key);
}

const char *history_menu_text(struct request *req, const char *menu)
{
	return filter_word(req, "history_menu_", menu);
}

const char *history_action_text(struct request *req, const char *action)
{
	return filter_word(req, "history_action_", action);
}

const char *history_who_text(struct request *req, const struct history_row *row)
{
	if (*row->partner_name != '\0')
		return row->partner_name;
	return view_text(req->lang, "history.who_system");
}

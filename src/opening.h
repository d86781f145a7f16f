/* opening: an account's hours as people see them (HOURS-7): loads the hours,
 * holidays and switches, judges the present moment with src/hours, fills the
 * hours line (part_hours_line, data-open="1" or "0") and gives the text of
 * each automatic message (stored, or the built-in one of the reader's
 * language). Shared by the hours, talk and account programs. */
#ifndef SANGDAM_OPENING_H
#define SANGDAM_OPENING_H

#include <stdbool.h>
#include <stddef.h>

#include "db_account_hours.h"
#include "hours.h"

struct request;
struct view;

struct opening {
	struct account_hours settings;
	struct hours_account rules;   /* holidays in the request's arena */
	struct hours_local now;       /* in the account's time zone */
	enum hours_state state;
	bool has_next;                /* next is set (not away, some hours) */
	struct hours_local next;
};

/* Loads the opening of account_id at this moment into out: 0, 404 when
 * there is no such account, -1 on error (a stored zone that the system
 * does not know is read as Asia/Seoul). */
int opening_load(struct request *req, long long account_id, struct opening *out);

/* The same, with the extra queries (at most OPENING_EXTRA_MAX) run in the
 * same round trip (db_run_queries); their results are left in extra. */
enum { OPENING_EXTRA_MAX = 2 };
int opening_load_with(struct request *req, long long account_id, struct opening *out,
    struct db_query *extra, int extra_count);

/* True when the account answers now. */
bool opening_is_open(const struct opening *opening);

/* Fills view's include HOURS_LINE (template part_hours_line): the state,
 * the hours in groups of days, and the next opening. */
void opening_view(struct request *req, struct view *view, const struct opening *opening);

/* The text of message what: the account's own, or the built-in default of
 * the request's language (catalog hours.default.*). */
const char *opening_message(struct request *req, const struct opening *opening,
    enum account_message what);

/* The catalog key of message what's built-in text. */
const char *opening_default_key(enum account_message what);

#endif

/* ops: the operator's pages (OPS-2): home with server status and the review
 * of new accounts (ACC-3). */
#include "arena.h"
#include "db.h"
#include "fcgi_main.h"
#include "http.h"
#include "page.h"
#include "param.h"
#include "route.h"
#include "session.h"
#include "view.h"

#include <string.h>

static int ops_home(struct request *req)
{
	struct db_rows rows;
	if (db_exec(req->arena, &rows,
		"SELECT (SELECT count(*) FROM partners), (SELECT count(*) FROM sessions "
		"WHERE expires_at > now()), pg_size_pretty(pg_database_size(current_database()))",
		0, NULL) != 1)
		return -1;
	struct view *view = page_new(req, "ops.title");
	view_set(view, "PARTNERS", db_value(&rows, 0, 0));
	view_set(view, "SESSIONS", db_value(&rows, 0, 1));
	view_set(view, "DATABASE_SIZE", db_value(&rows, 0, 2));
	return page_render(req, view, "page_ops", 200);
}

static const struct param_field reject_fields[] = {
	{ "reason", PARAM_LINES, true, 1, 500, NULL },
};

/* Lists pending accounts (oldest first) and the latest decisions. */
static int review_page(struct request *req, const char *error_code, const struct param_value *reason,
    int status)
{
	struct db_rows rows;
	int count = db_exec(req->arena, &rows,
	    "SELECT a.code, a.name, a.kind, a.category1, a.brn, a.company, a.representative, "
	    "to_char(a.created_at AT TIME ZONE 'Asia/Seoul', 'YYYY-MM-DD HH24:MI'), p.email "
	    "FROM accounts a JOIN members m ON m.account_id = a.id AND m.role = 'master' "
	    "JOIN partners p ON p.id = m.partner_id WHERE a.status = 'pending' "
	    "ORDER BY a.created_at LIMIT 200", 0, NULL);
	if (count < 0)
		return -1;
	struct view *view = page_new(req, "ops_accounts.title");
	for (int i = 0; i < count; i++) {
		struct view *row = view_add_row(view, "PENDING");
		static const char *const names[] = { "CODE", "NAME", "KIND", "CATEGORY", "BRN",
			"COMPANY", "REPRESENTATIVE", "CREATED", "MASTER_EMAIL" };
		for (int c = 0; c < 9; c++)
			view_set(row, names[c], db_value(&rows, i, c));
		view_set_text(row, "KIND_TEXT", arena_printf(req->arena, "kind.%s", db_value(&rows, i, 2)));
		if (error_code != NULL && strcmp(error_code, db_value(&rows, i, 0)) == 0) {
			view_show(row, "REASON_INVALID");
			view_set(row, "REASON", reason->text);
			view_set_text(row, "REASON_ERROR", reason->error);
		}
	}
	if (count == 0)
		view_show(view, "NO_PENDING");
	return page_render(req, view, "page_ops_accounts", status);
}

static int review_list(struct request *req)
{
	return review_page(req, NULL, NULL, 200);
}

/* Records the decision on a pending account; 404 when it is not pending. */
static int decide(struct request *req, const char *action, const char *reason)
{
	if (db_begin(req->arena) != 0)
		return -1;
	struct db_rows rows;
	int changed = DB_EXEC(req->arena, &rows,
	    "UPDATE accounts SET status = $2 WHERE code = $1 AND status = 'pending' RETURNING id",
	    req->params[0], action);
	if (changed < 0)
		return -1;
	if (changed == 0)
		return 404;
	if (DB_EXEC(req->arena, NULL,
		"INSERT INTO account_reviews (account_id, action, reason, operator_id) "
		"VALUES ($1, $2, $3, $4)",
		db_value(&rows, 0, 0), action, reason,
		db_param_int(req->arena, req->session->partner_id)) != 1
	    || db_commit(req->arena) != 0)
		return -1;
	return http_redirect(req, "/ops/accounts");
}

static int approve(struct request *req)
{
	return decide(req, "approved", "");
}

static int reject(struct request *req)
{
	struct param_value reason;
	if (param_read(req, reject_fields, COUNT(reject_fields), &reason) > 0)
		return review_page(req, req->params[0], &reason, 422);
	return decide(req, "rejected", reason.text);
}

static const struct route routes[] = {
	{ ROUTE_GET, "/ops/", ROUTE_OPERATOR, ops_home },
	{ ROUTE_GET, "/ops/accounts", ROUTE_OPERATOR, review_list },
	{ ROUTE_POST, "/ops/accounts/{code}/approve", ROUTE_OPERATOR, approve },
	{ ROUTE_POST, "/ops/accounts/{code}/reject", ROUTE_OPERATOR, reject },
};

int main(int argc, char **argv)
{
	static const struct program program = {
		.name = "ops", .routes = routes, .route_count = COUNT(routes),
	};
	return fcgi_main(argc, argv, &program);
}

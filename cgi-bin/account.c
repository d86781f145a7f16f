/* account: the partner's accounts (ACC): list, creation, home, profile, exposure. */
#include "db.h"
#include "fcgi_main.h"
#include "http.h"
#include "page.h"
#include "route.h"
#include "session.h"
#include "view.h"

static int accounts(struct request *req)
{
	struct view *view = page_new(req, "accounts.title");
	return page_render(req, view, "page_accounts", 200);
}

static const struct route routes[] = {
	{ ROUTE_GET, "/accounts", ROUTE_SIGNED_IN, accounts },
};

int main(int argc, char **argv)
{
	static const struct program program = { "account", routes, COUNT(routes), 0, NULL };
	return fcgi_main(argc, argv, &program);
}

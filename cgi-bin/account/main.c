/* account: the partner's accounts (ACC-1..10): the route table of the program. */
#include "pages.h"
#include "fcgi_main.h"
#include "route.h"

static const struct route routes[] = {
	{ ROUTE_GET, "/accounts", ROUTE_SIGNED_IN, list_page },
	{ ROUTE_GET, "/accounts/new", ROUTE_SIGNED_IN, new_form },
	{ ROUTE_POST, "/accounts/new", ROUTE_SIGNED_IN, new_post },
	{ ROUTE_GET, "/a/{code}/", ROUTE_MEMBER, home_page },
	{ ROUTE_POST, "/a/{code}/switches", ROUTE_MEMBER, home_switches },
	{ ROUTE_GET, "/a/{code}/profile", ROUTE_MEMBER, profile_form },
	{ ROUTE_POST, "/a/{code}/profile", ROUTE_MEMBER, profile_post, ROUTE_BODY_FILES, true },
	{ ROUTE_GET, "/a/{code}/images/{name}", ROUTE_MEMBER, profile_image },
	{ ROUTE_GET, "/a/{code}/exposure", ROUTE_MEMBER, exposure_page },
	/* public files of the public chat URL, sent by nginx once made (exposure.c) */
	{ ROUTE_GET, "/a/{code}/qr/{name}", ROUTE_PUBLIC, exposure_qr_png, .cached = true },
	{ ROUTE_GET, "/a/{code}/qr.svg", ROUTE_PUBLIC, exposure_qr_svg, .cached = true },
	{ ROUTE_GET, "/a/{code}/manage", ROUTE_MEMBER, manage_page },
	{ ROUTE_POST, "/a/{code}/delete", ROUTE_MASTER, manage_delete },
	{ ROUTE_POST, "/a/{code}/delete/cancel", ROUTE_MEMBER, manage_cancel_delete },
	{ ROUTE_POST, "/a/{code}/reset", ROUTE_MASTER, manage_reset },
	{ ROUTE_POST, "/a/{code}/availability", ROUTE_MEMBER, availability_post },
	{ ROUTE_GET, "/a/{code}/review", ROUTE_MASTER, resubmit_form_page },
	{ ROUTE_POST, "/a/{code}/review", ROUTE_MASTER, resubmit_post },
};

int main(int argc, char **argv)
{
	static const struct program program = {
		.name = "account", .routes = routes, .route_count = COUNT(routes), .uploads = true,
	};
	return fcgi_main(argc, argv, &program);
}

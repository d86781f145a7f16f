/* coupon: instant-win coupons (SPEC COUP-1..9): the list, creating one with
 * generated or uploaded codes (loaded by the worker), its detail with
 * statistics, look-up, downloads and stop, editing, and sending one from a
 * chat room. Customers enter in the talk program (cgi-bin/talk/coupons.c).
 * Every query carries the account id, so another account's ids answer 404. */
#include "fcgi_main.h"
#include "pages.h"
#include "route.h"

static const struct route routes[] = {
	{ ROUTE_GET, "/a/{code}/coupons", ROUTE_MEMBER, coupon_list },
	{ ROUTE_GET, "/a/{code}/coupons/new", ROUTE_MEMBER, coupon_new_page },
	{ ROUTE_POST, "/a/{code}/coupons/new", ROUTE_MEMBER, coupon_create, COUPON_BODY_MAX, true },
	{ ROUTE_GET, "/a/{code}/coupons/{id}", ROUTE_MEMBER, coupon_detail },
	{ ROUTE_GET, "/a/{code}/coupons/{id}/progress", ROUTE_MEMBER, coupon_progress },
	{ ROUTE_GET, "/a/{code}/coupons/{id}/stop", ROUTE_MEMBER, coupon_stop_page },
	{ ROUTE_POST, "/a/{code}/coupons/{id}/stop", ROUTE_MEMBER, coupon_stop },
	{ ROUTE_GET, "/a/{code}/coupons/{id}/edit", ROUTE_MEMBER, coupon_edit_page },
	{ ROUTE_POST, "/a/{code}/coupons/{id}/edit", ROUTE_MEMBER, coupon_edit, ROUTE_BODY_FILES,
	    true },
	{ ROUTE_GET, "/a/{code}/coupons/{id}/image", ROUTE_MEMBER, coupon_image },
	{ ROUTE_GET, "/a/{code}/coupons/{id}/codes.txt", ROUTE_MEMBER, coupon_codes_all },
	{ ROUTE_GET, "/a/{code}/coupons/{id}/remaining.txt", ROUTE_MEMBER, coupon_codes_remaining },
	{ ROUTE_GET, "/a/{code}/chats/{id}/coupons", ROUTE_MEMBER, coupon_send_page },
	{ ROUTE_POST, "/a/{code}/chats/{id}/coupons/{id}", ROUTE_MEMBER, coupon_send },
};

int main(int argc, char **argv)
{
	static const struct program program = {
		.name = "coupon", .routes = routes, .route_count = COUNT(routes), .uploads = true,
	};
	return fcgi_main(argc, argv, &program);
}

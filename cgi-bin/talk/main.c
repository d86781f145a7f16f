/* talk: the customers' chat page (SPEC CHAT-1..7): one account's profile and
 * the customer's conversation with it, sending text, images and files,
 * leaving the room and adding the account as a friend. Works with forms and
 * reloads; static/talk.js makes it live. Every route is public: the customer
 * is whoever holds the sd_customer cookie, and every query keeps to the
 * account named by the code and to that customer's own room. */
#include "fcgi_main.h"
#include "route.h"
#include "pages.h"

static const struct route routes[] = {
	{ ROUTE_GET, "/talk/{code}", ROUTE_PUBLIC, talk_page },
	{ ROUTE_GET, "/talk/{code}/messages", ROUTE_PUBLIC, talk_messages },
	{ ROUTE_POST, "/talk/{code}/messages", ROUTE_PUBLIC, talk_post, ROUTE_BODY_FILES, true },
	{ ROUTE_POST, "/talk/{code}/friend", ROUTE_PUBLIC, talk_friend_add },
	{ ROUTE_POST, "/talk/{code}/unfriend", ROUTE_PUBLIC, talk_friend_remove },
	{ ROUTE_POST, "/talk/{code}/leave", ROUTE_PUBLIC, talk_leave },
	{ ROUTE_GET, "/talk/{code}/files/{id}", ROUTE_PUBLIC, talk_file },
	{ ROUTE_GET, "/talk/{code}/images/{name}", ROUTE_PUBLIC, talk_image },
	{ ROUTE_POST, "/talk/{code}/faq/{id}", ROUTE_PUBLIC, talk_faq_tap },
	{ ROUTE_POST, "/talk/{code}/menu/{id}", ROUTE_PUBLIC, talk_menu_tap },
	{ ROUTE_POST, "/talk/{code}/request", ROUTE_PUBLIC, talk_request_answer },
	{ ROUTE_GET, "/talk/{code}/read", ROUTE_PUBLIC, talk_read },
	{ ROUTE_GET, "/talk/{code}/coupons/{id}", ROUTE_PUBLIC, talk_coupon_page },
	{ ROUTE_POST, "/talk/{code}/coupons/{id}/entries", ROUTE_PUBLIC, talk_coupon_enter },
	{ ROUTE_POST, "/talk/{code}/coupons/{id}/used", ROUTE_PUBLIC, talk_coupon_used },
	{ ROUTE_POST, "/talk/{code}/coupons/{id}/share", ROUTE_PUBLIC, talk_coupon_share },
	{ ROUTE_GET, "/talk/{code}/coupons/{id}/image", ROUTE_PUBLIC, talk_coupon_image },
};

int main(int argc, char **argv)
{
	static const struct program program = {
		.name = "talk", .routes = routes, .route_count = COUNT(routes), .uploads = true,
		.threads_key = "talk_threads",
	};
	return fcgi_main(argc, argv, &program);
}

/* faq: the pages where an account's members set up what answers customers
 * without them (SPEC FAQ-1..4): the FAQ (edited as a draft, published with
 * 반영하기), the chat menu, canned replies and the consultation request form.
 * Every query carries the account id, so another account's ids answer 404.
 * The customers' taps are the talk program's (cgi-bin/talk/taps.c). */
#include "fcgi_main.h"
#include "pages.h"
#include "route.h"

static const struct route routes[] = {
	{ ROUTE_GET, "/a/{code}/faq", ROUTE_MEMBER, faq_page },
	{ ROUTE_POST, "/a/{code}/faq", ROUTE_MEMBER, faq_create, ROUTE_BODY_FILES, true },
	{ ROUTE_POST, "/a/{code}/faq/publish", ROUTE_MEMBER, faq_publish },
	{ ROUTE_POST, "/a/{code}/faq/order", ROUTE_MEMBER, faq_reorder },
	{ ROUTE_POST, "/a/{code}/faq/{id}", ROUTE_MEMBER, faq_update, ROUTE_BODY_FILES, true },
	{ ROUTE_GET, "/a/{code}/faq/{id}/image", ROUTE_MEMBER, faq_image },
	{ ROUTE_POST, "/a/{code}/faq/{id}/move", ROUTE_MEMBER, faq_move },
	{ ROUTE_POST, "/a/{code}/faq/{id}/delete", ROUTE_MEMBER, faq_delete },
	{ ROUTE_GET, "/a/{code}/menu", ROUTE_MEMBER, menu_page },
	{ ROUTE_POST, "/a/{code}/menu", ROUTE_MEMBER, menu_create },
	{ ROUTE_POST, "/a/{code}/menu/{id}", ROUTE_MEMBER, menu_update },
	{ ROUTE_POST, "/a/{code}/menu/{id}/delete", ROUTE_MEMBER, menu_delete },
	{ ROUTE_GET, "/a/{code}/replies", ROUTE_MEMBER, replies_page },
	{ ROUTE_POST, "/a/{code}/replies", ROUTE_MEMBER, replies_create },
	{ ROUTE_GET, "/a/{code}/replies.json", ROUTE_MEMBER, replies_json },
	{ ROUTE_POST, "/a/{code}/replies/{id}", ROUTE_MEMBER, replies_update },
	{ ROUTE_POST, "/a/{code}/replies/{id}/delete", ROUTE_MEMBER, replies_delete },
	{ ROUTE_GET, "/a/{code}/request-form", ROUTE_MEMBER, request_form_page },
	{ ROUTE_POST, "/a/{code}/request-form", ROUTE_MEMBER, request_form_save },
	{ ROUTE_POST, "/a/{code}/request-form/{id}/move", ROUTE_MEMBER, request_form_move },
	{ ROUTE_POST, "/a/{code}/request-form/{id}/delete", ROUTE_MEMBER, request_form_delete },
};

int main(int argc, char **argv)
{
	static const struct program program = {
		.name = "faq", .routes = routes, .route_count = COUNT(routes), .uploads = true,
	};
	return fcgi_main(argc, argv, &program);
}

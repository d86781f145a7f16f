/* member: an account's members, invitations, roles (MEM-1..5) and each
 * partner's notifications (LOG-3): the route table of the program. */
#include "fcgi_main.h"
#include "pages.h"
#include "route.h"

/* Master-only actions are ROUTE_MEMBER routes whose handlers answer 403 to a
 * manager after looking the role up again under the account's lock. The
 * GET of a role change is its confirmation page, whose form is the POST
 * (DESIGN section 10: the POST itself answers 303). */
static const struct route routes[] = {
	{ ROUTE_GET, "/a/{code}/members", ROUTE_MEMBER, members_page },
	{ ROUTE_POST, "/a/{code}/members/invite", ROUTE_MEMBER, members_invite },
	{ ROUTE_POST, "/a/{code}/members/invitations/{id}/cancel", ROUTE_MEMBER,
	    members_cancel },
	{ ROUTE_GET, "/a/{code}/members/leave", ROUTE_MEMBER, roles_leave_page },
	{ ROUTE_POST, "/a/{code}/members/leave", ROUTE_MEMBER, roles_leave },
	{ ROUTE_GET, "/a/{code}/members/{id}/remove", ROUTE_MEMBER, roles_remove_page },
	{ ROUTE_POST, "/a/{code}/members/{id}/remove", ROUTE_MEMBER, roles_remove },
	{ ROUTE_GET, "/a/{code}/members/{id}/delegate", ROUTE_MEMBER, roles_delegate_page },
	{ ROUTE_POST, "/a/{code}/members/{id}/delegate", ROUTE_MEMBER, roles_delegate },
	{ ROUTE_GET, "/invitations/{token}", ROUTE_PUBLIC, invite_page },
	{ ROUTE_POST, "/invitations/{token}", ROUTE_SIGNED_IN, invite_accept },
	{ ROUTE_GET, "/notifications", ROUTE_SIGNED_IN, notices_page },
};

int main(int argc, char **argv)
{
	static const struct program program = {
		.name = "member", .routes = routes, .route_count = COUNT(routes),
	};
	return fcgi_main(argc, argv, &program);
}

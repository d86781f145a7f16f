/* inbox: the agents' side of consultations (CHAT-10..17, 20): the list of
 * chat rooms with filters and bulk actions, one room with its messages and
 * tools, labels, friend groups and the session timeout. Every query carries
 * the account id, so another account's ids answer 404 like missing ones. */
#include "fcgi_main.h"
#include "pages.h"
#include "route.h"

static const struct route routes[] = {
	{ ROUTE_GET, "/a/{code}/chats", ROUTE_CHAT, inbox_list, .prefetch = inbox_list_prefetch },
	{ ROUTE_GET, "/a/{code}/chats/unread", ROUTE_CHAT, inbox_unread },
	{ ROUTE_GET, "/a/{code}/chats/counts", ROUTE_CHAT, inbox_counts },
	{ ROUTE_POST, "/a/{code}/chats/bulk", ROUTE_CHAT, inbox_bulk },
	{ ROUTE_GET, "/a/{code}/chats/settings", ROUTE_MEMBER, inbox_settings },
	{ ROUTE_POST, "/a/{code}/chats/settings", ROUTE_MEMBER, inbox_settings_save },
	{ ROUTE_POST, "/a/{code}/chats/settings/assign", ROUTE_MEMBER, inbox_assign_save },
	{ ROUTE_GET, "/a/{code}/chats/{id}", ROUTE_CHAT, inbox_room,
	    .prefetch = inbox_room_prefetch },
	{ ROUTE_GET, "/a/{code}/chats/{id}/messages", ROUTE_CHAT, inbox_messages_after },
	{ ROUTE_POST, "/a/{code}/chats/{id}/messages", ROUTE_CHAT, inbox_post_message,
	    ROUTE_BODY_FILES, true },
	{ ROUTE_GET, "/a/{code}/chats/{id}/files/{id}", ROUTE_CHAT, inbox_attachment },
	{ ROUTE_POST, "/a/{code}/chats/{id}/rename", ROUTE_CHAT, inbox_rename },
	{ ROUTE_POST, "/a/{code}/chats/{id}/memo", ROUTE_CHAT, inbox_memo },
	{ ROUTE_POST, "/a/{code}/chats/{id}/labels", ROUTE_CHAT, inbox_room_labels },
	{ ROUTE_POST, "/a/{code}/chats/{id}/friend-request", ROUTE_CHAT, inbox_friend_request },
	{ ROUTE_POST, "/a/{code}/chats/{id}/complete", ROUTE_CHAT, inbox_complete },
	{ ROUTE_POST, "/a/{code}/chats/{id}/details", ROUTE_CHAT, inbox_details },
	{ ROUTE_GET, "/a/{code}/chats/{id}/leave", ROUTE_CHAT, inbox_leave_confirm },
	{ ROUTE_POST, "/a/{code}/chats/{id}/leave", ROUTE_CHAT, inbox_leave },
	{ ROUTE_GET, "/a/{code}/chats/{id}/block", ROUTE_CHAT, inbox_block_confirm },
	{ ROUTE_POST, "/a/{code}/chats/{id}/block", ROUTE_CHAT, inbox_block },
	{ ROUTE_POST, "/a/{code}/chats/{id}/restore", ROUTE_CHAT, inbox_restore },
	{ ROUTE_POST, "/a/{code}/chats/{id}/presence", ROUTE_CHAT, inbox_presence },
	{ ROUTE_GET, "/a/{code}/labels", ROUTE_MEMBER, inbox_labels },
	{ ROUTE_POST, "/a/{code}/labels", ROUTE_MEMBER, inbox_label_create },
	{ ROUTE_POST, "/a/{code}/labels/{id}", ROUTE_MEMBER, inbox_label_update },
	{ ROUTE_POST, "/a/{code}/labels/{id}/delete", ROUTE_MEMBER, inbox_label_delete },
	{ ROUTE_GET, "/a/{code}/groups", ROUTE_MEMBER, inbox_groups },
	{ ROUTE_POST, "/a/{code}/groups", ROUTE_MEMBER, inbox_group_create },
	{ ROUTE_POST, "/a/{code}/groups/{id}/delete", ROUTE_MEMBER, inbox_group_delete },
};

int main(int argc, char **argv)
{
	static const struct program program = {
		.name = "inbox", .routes = routes, .route_count = COUNT(routes), .uploads = true,
		.threads_key = "inbox_threads",
	};
	return fcgi_main(argc, argv, &program);
}

/* coupon: sending a coupon from a chat room (COUP-9): the room's page links
 * to a list of the account's running coupons; sending one to a friend posts
 * its title and entry link as the member's message, and a customer who is
 * not a friend gets the friend request instead (CHAT-14), as the seed says;
 * a sent coupon is written in the history in the message's transaction
 * (LOG-1). */
#include "account.h"
#include "arena.h"
#include "chat.h"
#include "config.h"
#include "db_coupons.h"
#include "db_rooms.h"
#include "form.h"
#include "history.h"
#include "http.h"
#include "page.h"
#include "pages.h"
#include "view.h"

#include <string.h>

/* The room of req->ids[1]: 0, or the status to answer. */
static int send_room(struct request *req, struct room_detail *room)
{
	int found = db_rooms_get(req->arena, req->account->id, req->ids[1], room);
	return found > 0 ? 0 : found == 0 ? 404 : -1;
}

static const char *room_path(struct request *req)
{
	return arena_printf(req->arena, "/a/%s/chats/%lld%s", req->account->code, req->ids[1],
	    page_list_query(req));
}

int coupon_send_page(struct request *req)
{
	struct room_detail room;
	int status = send_room(req, &room);
	if (status != 0)
		return status;
	struct coupon_filter filter = { "running", "", "", "" };
	struct coupon *coupons;
	int count = db_coupons_list(req->arena, req->account->id, &filter, COUPON_LIST_MAX,
	    &coupons);
	if (count < 0)
		return -1;
	struct view *view = account_page_new(req, "coupon.send.title", "chats");
	view_set_int(view, "ROOM_ID", req->ids[1]);
	view_set(view, "BACK", room_path(req));
	view_set(view, "LIST_PARAM", page_list_param(req, page_list_query(req), '?'));
	view_show(view, room.is_friend ? "FRIEND" : "NOT_FRIEND");
	int shown = 0;
	for (int i = 0; i < count; i++) {
		if (strcmp(coupons[i].codes_state, "ready") != 0)
			continue;
		coupon_view(req, view_add_row(view, "COUPONS"), &coupons[i]);
		shown++;
	}
	view_show(view, shown == 0 ? "NO_COUPONS" : "HAS_COUPONS");
	return page_render(req, view, "page_coupon_send", 200);
}

int coupon_send(struct request *req)
{
	struct room_detail room;
	int status = send_room(req, &room);
	if (status != 0)
		return status;
	struct coupon coupon;
	int found = db_coupons_get(req->arena, req->account->id, req->ids[2], &coupon);
	if (found <= 0)
		return found < 0 ? -1 : 404;
	if (strcmp(coupon.status, "running") != 0 || strcmp(coupon.codes_state, "ready") != 0)
		return 409;
	struct chat_input input = { .friend_request = !room.is_friend,
		.history_menu = HISTORY_COUPONS, .history_target = coupon.title,
		.history_action = room.is_friend ? "coupon_send" : NULL };
	input.text = room.is_friend ? arena_printf(req->arena, "%s\n%s/talk/%s/coupons/%lld",
	    coupon.title, config_str("base_url"), req->account->code, coupon.id)
	    : view_text(req->lang, "inbox.friend_request.body");
	int result = chat_post_agent(req, req->account->id, room.id, &input);
	if (result == CHAT_SESSION_ENDED)
		return 409;
	if (result != CHAT_OK && result != CHAT_ALREADY_FRIEND)
		return result == CHAT_NOT_FOUND ? 404 : -1;
	return form_done(req, room_path(req), room.is_friend ? "coupon_sent" : "friend_request");
}

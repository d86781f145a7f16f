/* history: what the inbox's entries of the account history (LOG-1) name: a
 * room as agents see it, labels, groups and members by their names. */
#include "account.h"
#include "arena.h"
#include "chat.h"
#include "db.h"
#include "db_accounts.h"
#include "db_friend_groups.h"
#include "db_labels.h"
#include "db_members.h"
#include "db_rooms.h"
#include "http.h"
#include "pages.h"
#include "view.h"

const char *inbox_room_name(struct request *req, const struct room_detail *room)
{
	if (*room->name != '\0')
		return room->name;
	return chat_customer_label(req, room->display_name, room->number);
}

int inbox_room_begin(struct request *req, long long room_id, struct room_detail *room)
{
	if (db_begin(req->arena) != 0)
		return DB_ERROR;
	int found = db_rooms_get(req->arena, req->account->id, room_id, room);
	if (found <= 0)
		db_rollback(req->arena);
	return found;
}

const char *inbox_label_name(const struct account_choices *choices, long long id)
{
	for (int i = 0; i < choices->label_count; i++)
		if (choices->labels[i].id == id)
			return choices->labels[i].name;
	return "";
}

const char *inbox_group_name(const struct account_choices *choices, long long id)
{
	for (int i = 0; i < choices->group_count; i++)
		if (choices->groups[i].id == id)
			return choices->groups[i].name;
	return "";
}

const char *inbox_member_name(const struct account_choices *choices, long long partner_id)
{
	for (int i = 0; i < choices->member_count; i++)
		if (choices->members[i].partner_id == partner_id)
			return choices->members[i].name;
	return "";
}

const char *inbox_room_label_names(struct request *req, const struct account_choices *choices)
{
	struct strbuf out;
	strbuf_init(&out, req->arena);
	for (int i = 0; i < choices->label_count; i++) {
		const struct label *label = &choices->labels[i];
		if (label->on_room)
			strbuf_printf(&out, "%s%s", out.length > 0 ? ", " : "", label->name);
	}
	return strbuf_text(&out);
}

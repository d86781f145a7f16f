/* replies: canned replies (자주 쓰는 답변, FAQ-3): a title and a text shared
 * by the account's members, searched with ?q=; the JSON list feeds the "/"
 * picker of the inbox room (static/inbox.js), and ?room=ID turns the page
 * into the no-script picker whose links put a reply into that room's
 * message box (GET /a/CODE/chats/ROOM?reply=ID), to be edited and sent. */
#include "account.h"
#include "arena.h"
#include "db.h"
#include "db_canned_replies.h"
#include "form.h"
#include "http.h"
#include "pages.h"
#include "page.h"
#include "param.h"
#include "view.h"

enum { REPLY_TITLE, REPLY_TEXT, REPLY__MAX };
static const struct param_field reply_fields[REPLY__MAX] = {
	[REPLY_TITLE] = { "title", PARAM_TEXT, true, 1, 50, NULL },
	[REPLY_TEXT] = { "text", PARAM_LINES, true, 1, 1000, NULL },
};

/* The query of the list: q (the search) and room (the picker's room). */
enum { QUERY_Q, QUERY_ROOM, QUERY__MAX };
static const struct param_field query_fields[QUERY__MAX] = {
	[QUERY_Q] = { "q", PARAM_SEARCH, false, 0, 100, NULL },
	[QUERY_ROOM] = { "room", PARAM_ID, false, 0, 0, NULL },
};

static const char *const replies_notices[] = { "created", "saved", "deleted", NULL };

static const struct form replies_form = {
	.template_name = "page_faq_replies", .title = "faq.replies.title", .menu = "replies",
	.fields = reply_fields, .field_count = REPLY__MAX, .notices = replies_notices,
};

/* Reads ?q= and ?room=. A bad room (an id from a link) is dropped; a
 * refused q keeps its error, to be said next to the field, and searches
 * for nothing else: all replies are listed, never a cut-short query. */
static void replies_query(struct request *req, struct param_value *query)
{
	param_read(req, query_fields, QUERY__MAX, query);
	if (query[QUERY_ROOM].error != NULL)
		query[QUERY_ROOM] = (struct param_value) { .text = "" };
}

/* One reply's row, with its edit form (open with the errors of edit). */
static void add_reply(struct request *req, struct view *view, const struct canned_reply *reply,
    long long room_id, long long edit_id, const struct param_value *edit)
{
	struct view *row = view_add_row(view, "REPLIES");
	view_set_int(row, "REPLY_ID", reply->id);
	view_set(row, "SHOWN_TITLE", reply->title);
	view_set(row, "SHOWN_TEXT", reply->text);
	view_set(row, "TITLE", reply->title);
	view_set(row, "TEXT", reply->text);
	if (room_id != 0) {
		view_show(row, "PICK");
		const char *list = page_list_query(req);
		view_set(row, "PICK_URL", arena_printf(req->arena, "/a/%s/chats/%lld%s%creply=%lld",
		    req->account->code, room_id, list, *list != '\0' ? '&' : '?', reply->id));
	}
	if (edit != NULL && edit_id == reply->id) {
		page_form(row, reply_fields, REPLY__MAX, edit);
		view_show(row, "EDIT_OPEN");
	}
}

/* Reads the query (q, room) and the replies that match q: their count, or <0. */
static int replies_find(struct request *req, struct param_value *query,
    struct canned_reply **replies)
{
	replies_query(req, query);
	return db_canned_replies_search(req->arena, req->account->id,
	    query[QUERY_Q].error == NULL ? query[QUERY_Q].text : "", FAQ_REPLIES_SHOWN, replies);
}

static int replies_show(struct request *req, const struct param_value *values, long long edit_id,
    const struct param_value *edit, int status)
{
	struct param_value query[QUERY__MAX];
	struct canned_reply *replies;
	int count = replies_find(req, query, &replies);
	if (count < 0)
		return -1;
	struct view *view = form_view(req, &replies_form, values, NULL, NULL);
	page_form(view, &query_fields[QUERY_Q], 1, &query[QUERY_Q]); /* Q, Q_ERROR, Q_INVALID */
	if (query[QUERY_Q].error != NULL && status == 200)
		status = 422;
	if (query[QUERY_ROOM].number != 0) {
		view_show(view, "PICKING");
		view_set_int(view, "ROOM", query[QUERY_ROOM].number);
		view_set(view, "LIST", page_list_query(req));
	}
	for (int i = 0; i < count; i++)
		add_reply(req, view, &replies[i], query[QUERY_ROOM].number, edit_id, edit);
	view_show(view, count == 0 ? "NO_REPLIES" : "HAS_REPLIES");
	return form_render(req, &replies_form, view, status);
}

int replies_page(struct request *req)
{
	return replies_show(req, NULL, 0, NULL, 200);
}

/* GET /a/CODE/replies.json?q=: [{"id":N,"title":"...","text":"..."}]. */
int replies_json(struct request *req)
{
	struct param_value query[QUERY__MAX];
	struct canned_reply *replies;
	int count = replies_find(req, query, &replies);
	if (count < 0)
		return -1;
	if (query[QUERY_Q].error != NULL)
		return page_json_error(req, 422,
		    page_field_message(req, &query_fields[QUERY_Q], query[QUERY_Q].error));
	struct strbuf out;
	strbuf_init(&out, req->arena);
	strbuf_puts(&out, "[");
	for (int i = 0; i < count; i++) {
		strbuf_printf(&out, "%s{\"id\":%lld,\"title\":", i > 0 ? "," : "", replies[i].id);
		page_json_string(&out, replies[i].title);
		strbuf_puts(&out, ",\"text\":");
		page_json_string(&out, replies[i].text);
		strbuf_puts(&out, "}");
	}
	strbuf_puts(&out, "]");
	return page_json(req, 200, strbuf_text(&out));
}

int replies_create(struct request *req)
{
	struct param_value values[REPLY__MAX];
	if (form_read(req, &replies_form, values, NULL) > 0)
		return replies_show(req, values, 0, NULL, 422);
	int created = account_lock(req);
	if (created == 0)
		created = faq_commit(req, db_canned_replies_insert(req->arena,
		    req->account->id, values[REPLY_TITLE].text, values[REPLY_TEXT].text,
		    FAQ_REPLIES_MAX), "reply_create", values[REPLY_TITLE].text, NULL,
		    values[REPLY_TEXT].text);
	if (created == 0) {
		values[REPLY_TITLE].error = "faq.err.replies_full";
		return replies_show(req, values, 0, NULL, 422);
	}
	return created < 0 ? -1 : form_done(req, faq_path(req, "replies"), "created");
}

int replies_update(struct request *req)
{
	struct canned_reply reply;
	int found = db_canned_replies_get(req->arena, req->account->id, req->ids[1], &reply);
	if (found <= 0)
		return found < 0 ? -1 : 404;
	struct param_value values[REPLY__MAX];
	if (form_read(req, &replies_form, values, NULL) > 0)
		return replies_show(req, NULL, reply.id, values, 422);
	static const char *const labels[2] = { "faq.replies.reply_title", "faq.replies.text" };
	const char *const was[2] = { reply.title, reply.text };
	const char *const is[2] = { values[REPLY_TITLE].text, values[REPLY_TEXT].text };
	const char *before, *after;
	faq_diff(req, labels, was, is, &before, &after);
	if (db_begin(req->arena) != 0)
		return -1;
	return faq_changed(req, faq_commit(req, db_canned_replies_update(req->arena,
	    req->account->id, reply.id, is[0], is[1]), "reply_update", reply.title, before, after),
	    faq_path(req, "replies"), "saved");
}

int replies_delete(struct request *req)
{
	struct canned_reply reply;
	int found = db_canned_replies_get(req->arena, req->account->id, req->ids[1], &reply);
	if (found <= 0)
		return found < 0 ? -1 : 404;
	int asked = faq_asked(req, "faq.confirm.delete_reply", reply.title, "replies");
	if (asked != 0)
		return asked;
	if (db_begin(req->arena) != 0)
		return -1;
	return faq_changed(req, faq_commit(req, db_canned_replies_delete(req->arena,
	    req->account->id, reply.id), "reply_delete", reply.title, reply.text, NULL),
	    faq_path(req, "replies"), "deleted");
}

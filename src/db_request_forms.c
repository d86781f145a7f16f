/* db_request_forms: the request form's switch, questions and answers. */
#include "db_request_forms.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"

#include <string.h>

enum db_request_forms_statement {
	DB_REQUEST_FORMS_IS_ON,
	DB_REQUEST_FORMS_SET_ON,
	DB_REQUEST_FORMS_QUESTIONS,
	DB_REQUEST_FORMS_ADD,
	DB_REQUEST_FORMS_DELETE,
	DB_REQUEST_FORMS_MOVE_UP,
	DB_REQUEST_FORMS_MOVE_DOWN,
	DB_REQUEST_FORMS_ANSWERED,
	DB_REQUEST_FORMS_ANSWER,
	DB_REQUEST_FORMS_ANSWERS_OF_ROOM,
	DB_REQUEST_FORMS__MAX
};

enum { COL_ID, COL_PROMPT, COL_KIND, COL_CHOICES };

/* Swaps the positions of question $2 and of its neighbour (see FAQ_MOVE). */
#define QUESTION_MOVE(cmp, order)                                                           \
	"WITH me AS (SELECT id, position FROM request_questions "                                \
	"WHERE id = $2 AND account_id = $1), other AS (SELECT q.id, q.position "                 \
	"FROM request_questions q, me WHERE q.account_id = $1 "                                  \
	"AND (q.position, q.id) " cmp " (me.position, me.id) "                                    \
	"ORDER BY q.position " order ", q.id " order " LIMIT 1) "                                 \
	"UPDATE request_questions q SET position = CASE WHEN q.id = me.id "                      \
	"THEN other.position ELSE me.position END FROM me, other "                               \
	"WHERE q.account_id = $1 AND q.id IN (me.id, other.id)"

static const struct db_statement db_request_forms_sql[DB_REQUEST_FORMS__MAX] = {
	[DB_REQUEST_FORMS_IS_ON] = { "request_forms_is_on",
	    "SELECT request_form_on FROM accounts WHERE id = $1" },
	[DB_REQUEST_FORMS_SET_ON] = { "request_forms_set_on",
	    "UPDATE accounts SET request_form_on = $2 WHERE id = $1" },
	[DB_REQUEST_FORMS_QUESTIONS] = { "request_forms_questions",
	    "SELECT id, prompt, kind, array_to_string(choices, E'\\n') FROM request_questions "
	    "WHERE account_id = $1 ORDER BY position, id" },
	[DB_REQUEST_FORMS_ADD] = { "request_forms_add",
	    "INSERT INTO request_questions (account_id, position, prompt, kind, choices) "
	    "SELECT $1, coalesce(max(position) + 1, 0), $2, $3, "
	    "CASE WHEN $4 = '' THEN '{}'::text[] ELSE string_to_array($4, E'\\n') END "
	    "FROM request_questions WHERE account_id = $1 HAVING count(*) < $5" },
	[DB_REQUEST_FORMS_DELETE] = { "request_forms_delete",
	    "DELETE FROM request_questions WHERE id = $2 AND account_id = $1" },
	[DB_REQUEST_FORMS_MOVE_UP] = { "request_forms_move_up", QUESTION_MOVE("<", "DESC") },
	[DB_REQUEST_FORMS_MOVE_DOWN] = { "request_forms_move_down", QUESTION_MOVE(">", "ASC") },
	[DB_REQUEST_FORMS_ANSWERED] = { "request_forms_answered",
	    "SELECT 1 FROM request_answers WHERE account_id = $1 AND customer_id = $2 LIMIT 1" },
	[DB_REQUEST_FORMS_ANSWER] = { "request_forms_answer",
	    "INSERT INTO request_answers (account_id, customer_id, position, prompt, answer) "
	    "VALUES ($1, $2, $3, $4, $5)" },
	[DB_REQUEST_FORMS_ANSWERS_OF_ROOM] = { "request_forms_answers_of_room",
	    "SELECT a.prompt, a.answer FROM request_answers a JOIN rooms r "
	    "ON r.customer_id = a.customer_id AND r.account_id = a.account_id "
	    "WHERE r.id = $2 AND a.account_id = $1 ORDER BY a.position, a.id" },
};

const struct db_module db_request_forms_module = {
	"request_forms", db_request_forms_sql, DB_REQUEST_FORMS__MAX
};

int db_request_forms_is_on(struct arena *arena, long long account_id)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_request_forms_sql[DB_REQUEST_FORMS_IS_ON],
	    db_param_int(arena, account_id));
	if (found <= 0)
		return found < 0 ? found : DB_ERROR;
	return db_bool(&rows, 0, 0) ? 1 : 0;
}

int db_request_forms_set_on(struct arena *arena, long long account_id, bool on)
{
	return DB_RUN(arena, NULL, &db_request_forms_sql[DB_REQUEST_FORMS_SET_ON],
	    db_param_int(arena, account_id), db_param_bool(on));
}

int db_request_forms_questions(struct arena *arena, long long account_id,
    struct request_question **out)
{
	struct db_rows rows;
	int count = DB_RUN(arena, &rows, &db_request_forms_sql[DB_REQUEST_FORMS_QUESTIONS],
	    db_param_int(arena, account_id));
	if (count < 0)
		return count;
	struct request_question *list = arena_alloc(arena, ((size_t)count + 1) * sizeof(*list));
	for (int i = 0; i < count; i++)
		list[i] = (struct request_question) {
			.id = db_int(&rows, i, COL_ID),
			.prompt = db_value(&rows, i, COL_PROMPT),
			.is_choice = strcmp(db_value(&rows, i, COL_KIND), "choice") == 0,
			.choices = db_value(&rows, i, COL_CHOICES),
		};
	*out = list;
	return count;
}

int db_request_forms_add(struct arena *arena, long long account_id,
    const struct request_question *question, long long max)
{
	return DB_RUN(arena, NULL, &db_request_forms_sql[DB_REQUEST_FORMS_ADD],
	    db_param_int(arena, account_id), question->prompt,
	    question->is_choice ? "choice" : "text", question->is_choice ? question->choices : "",
	    db_param_int(arena, max));
}

int db_request_forms_delete(struct arena *arena, long long account_id, long long id)
{
	return DB_RUN(arena, NULL, &db_request_forms_sql[DB_REQUEST_FORMS_DELETE],
	    db_param_int(arena, account_id), db_param_int(arena, id));
}

int db_request_forms_move(struct arena *arena, long long account_id, long long id, bool up)
{
	return DB_RUN(arena, NULL,
	    &db_request_forms_sql[up ? DB_REQUEST_FORMS_MOVE_UP : DB_REQUEST_FORMS_MOVE_DOWN],
	    db_param_int(arena, account_id), db_param_int(arena, id));
}

int db_request_forms_answered(struct arena *arena, long long account_id, long long customer_id)
{
	return DB_RUN(arena, NULL, &db_request_forms_sql[DB_REQUEST_FORMS_ANSWERED],
	    db_param_int(arena, account_id), db_param_int(arena, customer_id));
}

int db_request_forms_answer(struct arena *arena, long long account_id, long long customer_id,
    int position, const struct request_answer *answer)
{
	return DB_RUN(arena, NULL, &db_request_forms_sql[DB_REQUEST_FORMS_ANSWER],
	    db_param_int(arena, account_id), db_param_int(arena, customer_id),
	    db_param_int(arena, position), answer->prompt, answer->answer);
}

struct db_query db_request_forms_answers_query(struct arena *arena, long long account_id,
    long long room_id)
{
	return DB_QUERY(&db_request_forms_sql[DB_REQUEST_FORMS_ANSWERS_OF_ROOM],
	    db_param_int(arena, account_id), db_param_int(arena, room_id));
}

int db_request_forms_answers_rows(struct arena *arena, const struct db_query *query,
    struct request_answer **out)
{
	int count = query->result;
	if (count < 0)
		return count;
	struct request_answer *list = arena_alloc(arena, ((size_t)count + 1) * sizeof(*list));
	for (int i = 0; i < count; i++)
		list[i] = (struct request_answer) {
			.prompt = db_value(&query->rows, i, 0),
			.answer = db_value(&query->rows, i, 1),
		};
	*out = list;
	return count;
}

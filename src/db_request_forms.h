/* db_request_forms: the queries of the consultation request form
 * (상담요청배너, FAQ-4): accounts.request_form_on, tables request_questions
 * (the form) and request_answers (a customer's answers, the room's). */
#ifndef SANGDAM_DB_REQUEST_FORMS_H
#define SANGDAM_DB_REQUEST_FORMS_H

#include "db.h"
#include <stdbool.h>

struct arena;

struct request_question {
	long long id;
	const char *prompt;  /* 1..100 code points */
	bool is_choice;      /* choices, else a short free answer */
	const char *choices; /* choice: 2..10 lines (LF between them); "" otherwise */
};

/* A customer's answer as the room shows it. */
struct request_answer {
	const char *prompt;
	const char *answer;
};

/* Whether the form of account_id is on: 1 on, 0 off, <0 error. */
int db_request_forms_is_on(struct arena *arena, long long account_id);

/* Turns the form of account_id on or off: 1, or <0. */
int db_request_forms_set_on(struct arena *arena, long long account_id, bool on);

/* Lists in *out (arena) the questions of account_id in order; count or <0. */
int db_request_forms_questions(struct arena *arena, long long account_id,
    struct request_question **out);

/* Appends a question (choices: LF-separated lines, "" for a free answer)
 * unless the account has max: 1 added, 0 at the limit, <0. Call inside
 * account_lock (NF-7). */
int db_request_forms_add(struct arena *arena, long long account_id,
    const struct request_question *question, long long max);

/* Deletes question id: rows deleted, or <0. */
int db_request_forms_delete(struct arena *arena, long long account_id, long long id);

/* Swaps question id with the one before (up) or after it: rows changed, 0
 * at the edge or not found, <0. */
int db_request_forms_move(struct arena *arena, long long account_id, long long id, bool up);

/* 1 when customer_id of account_id has answered the form, 0 not, <0. */
int db_request_forms_answered(struct arena *arena, long long account_id, long long customer_id);

/* Stores answer number position (from 1) of customer_id: 1, or <0. */
int db_request_forms_answer(struct arena *arena, long long account_id, long long customer_id,
    int position, const struct request_answer *answer);

/* The query of the answers of the customer of room_id, to run with a page's
 * other statements in one round trip (db_run_queries); ..._rows lists them
 * in *out (arena) and returns their count or <0. */
struct db_query db_request_forms_answers_query(struct arena *arena, long long account_id,
    long long room_id);
int db_request_forms_answers_rows(struct arena *arena, const struct db_query *query,
    struct request_answer **out);

#endif

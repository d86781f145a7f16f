/* faq: what the files of the faq program share (limits, the confirmation
 * step, the after-change answer) and the handlers its route table names. */
#ifndef SANGDAM_FAQ_PAGES_H
#define SANGDAM_FAQ_PAGES_H

#include <stdbool.h>

struct request;

enum {
	FAQ_ENTRIES_MAX = 50,     /* FAQ entries of one account */
	FAQ_MENU_MAX = 10,        /* chat menu buttons (FAQ-2) */
	FAQ_REPLIES_MAX = 500,    /* canned replies of one account */
	FAQ_REPLIES_SHOWN = 100,  /* replies on one page or in one JSON answer */
	FAQ_QUESTIONS_MAX = 20,   /* questions of the request form */
};

/* shared.c */

/* The account's page path "/a/CODE/<area>" (arena). */
const char *faq_path(struct request *req, const char *area);

/* The confirmation step of a deletion (issue 13, the shared page of
 * confirm.h): 0 when the form carries confirm=1; else the status of the page
 * asking catalog key what about target (may be NULL), whose way back is the
 * area's page ("faq", "menu", "replies", "request-form"). */
int faq_asked(struct request *req, const char *what, const char *target, const char *area);

/* After a change of rows (changed: rows changed, or <0): 404 when nothing
 * changed, -1 on error, else 303 to path with ?done=done. */
int faq_changed(struct request *req, int changed, const char *path, const char *done);

/* Ends the transaction of a change (begun with db_begin or account_lock)
 * with its history entry in the FAQ menu (LOG-1): as history_commit. */
int faq_commit(struct request *req, int changed, const char *action, const char *target,
    const char *before, const char *after);

/* The history's before and after of two texts labelled by catalog keys
 * label1 and label2 changing from was1, was2 to is1, is2 (only what changed). */
void faq_diff(struct request *req, const char *const labels[2], const char *const was[2],
    const char *const is[2], const char **before, const char **after);

/* The direction of POST .../move (dir=up or dir=down): 1 up, 0 down, -1
 * neither (the caller answers 400). */
int faq_direction(struct request *req);

/* faq.c: the FAQ (FAQ-1). */
int faq_page(struct request *req);
int faq_create(struct request *req);
int faq_publish(struct request *req);
int faq_reorder(struct request *req);
int faq_update(struct request *req);
int faq_image(struct request *req);
int faq_move(struct request *req);
int faq_delete(struct request *req);

/* menu.c: the chat menu (FAQ-2). */
int menu_page(struct request *req);
int menu_create(struct request *req);
int menu_update(struct request *req);
int menu_delete(struct request *req);

/* replies.c: canned replies (FAQ-3). */
int replies_page(struct request *req);
int replies_create(struct request *req);
int replies_json(struct request *req);
int replies_update(struct request *req);
int replies_delete(struct request *req);

/* request.c: the consultation request form (FAQ-4). */
int request_form_page(struct request *req);
int request_form_save(struct request *req);
int request_form_move(struct request *req);
int request_form_delete(struct request *req);

#endif

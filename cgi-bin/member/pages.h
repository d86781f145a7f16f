/* member: what the files of the member program share: the members page
 * (members.c: list, invitations), the role changes (roles.c: remove, leave,
 * delegate), the invitation link (invite.c) and the notifications page
 * (notices.c). Every handler returns an HTTP status, or -1 for a 500. */
#ifndef SANGDAM_MEMBER_PAGES_H
#define SANGDAM_MEMBER_PAGES_H

#include "param.h"

struct request;

/* Fields of the invitation form (POST /a/CODE/members/invite). */
enum { INVITE_EMAIL, INVITE__MAX };

/* members.c: GET /a/CODE/members, POST .../invite and
 * .../invitations/ID/cancel (MEM-1, 2). */
int members_page(struct request *req);
int members_invite(struct request *req);
int members_cancel(struct request *req);

/* The members page with the invitation form's values (NULL: empty) and a
 * message about the page (catalog key, NULL: none), with status (200, 422). */
int members_show(struct request *req, const struct param_value *values, const char *error,
    int status);

/* The most members an account may have (config max_members, MEM-2). */
long long members_max(void);

/* roles.c: /a/CODE/members/ID/remove, .../ID/delegate and .../leave
 * (MEM-3, 4, 5): GET asks for confirmation, POST does it. */
int roles_remove_page(struct request *req);
int roles_remove(struct request *req);
int roles_delegate_page(struct request *req);
int roles_delegate(struct request *req);
int roles_leave_page(struct request *req);
int roles_leave(struct request *req);

/* invite.c: GET and POST /invitations/TOKEN: the invitee's side (MEM-1). */
int invite_page(struct request *req);
int invite_accept(struct request *req);

/* notices.c: GET /notifications (LOG-3). */
int notices_page(struct request *req);

/* The catalog text of key in the request's language with {account}
 * replaced by account and {who} by who (either may be NULL: left empty);
 * in the request's arena. */
const char *member_text(struct request *req, const char *key, const char *account,
    const char *who);

#endif

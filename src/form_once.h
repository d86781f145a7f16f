/* form_once: a rendered form's post carried out once (two requests racing).
 *
 * Every page gets a random form key (page_new sets FORM_KEY); a form that
 * creates something sends it as the hidden field form_key. The first post of
 * a key to a path with its fields and files takes it (table form_keys,
 * migration 0037) and runs; the same post again (the same key, path and
 * content), sent while the first runs or after it, waits for the first one's
 * answer and gets the same redirect, changing nothing. The same form changed
 * and sent again (from the browser's history, which keeps the key) is
 * another post. So a double tap without JavaScript, or a request resent, stores
 * one FAQ entry, coupon, member invitation, not two. A post without a key
 * (a form that does not send one, a script) runs as before. */
#ifndef SANGDAM_FORM_ONCE_H
#define SANGDAM_FORM_ONCE_H

struct request;

/* A new form key for a page: 22 URL-safe base64 characters (128 random
 * bits, libsodium), in the arena. */
const char *form_once_new_key(struct request *req);

/* Called by route before a post's handler, after its CSRF and access checks.
 * Returns 1 when the handler is to run (no key, or the key was taken now:
 * req->form_key is then set), 0 when the request was answered without it
 * (req->status: 303 to the first post's Location, or 409 when the first post
 * still runs after 5 seconds), or <0 on a database error. */
int form_once_take(struct request *req);

/* Called by route after the handler's transaction ended, with the status it
 * answered: a 303 keeps its Location as the key's answer; anything else
 * gives the key up, so that the form can be sent again. Does nothing when
 * form_once_take took no key. */
void form_once_settle(struct request *req, int status);

#endif

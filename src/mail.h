/* mail: outgoing email, through sendmail in production or as files in a
 * folder (config `mail_dir`) in development and tests. */
#ifndef SANGDAM_MAIL_H
#define SANGDAM_MAIL_H

struct arena;

/* Sends a plain-text UTF-8 message; returns 0, or -1 (logged). */
int mail_send(struct arena *arena, const char *to, const char *subject, const char *body);

#endif

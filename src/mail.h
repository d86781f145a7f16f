/* mail: outgoing email, through sendmail in production or as files in a
 * folder (config `mail_dir`) in development and tests. */
#ifndef SANGDAM_MAIL_H
#define SANGDAM_MAIL_H

struct arena;

/* Sends a plain-text UTF-8 message; returns 0, or -1 (logged). */
int mail_send(struct arena *arena, const char *to, const char *subject, const char *body);

/* Sends template_name (a mail template: LINK is base_url + link_path, FORGOT
 * the password-reset page) to `to` in lang, with the catalog text of
 * subject_key as its subject: the mails that carry one link (sign-up,
 * password reset, unlock). 0, or -1 (logged). */
int mail_send_link(struct arena *arena, const char *to, const char *lang,
    const char *template_name, const char *subject_key, const char *link_path);

/* mail_send_link with more of the template's values: values holds names
 * and values in turn (NAME, value, ..., NULL). */
int mail_send_link_with(struct arena *arena, const char *to, const char *lang,
    const char *template_name, const char *subject_key, const char *link_path,
    const char *const *values);

#endif

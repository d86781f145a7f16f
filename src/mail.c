/* mail: writes RFC 5322 messages; the folder variant renames into place so a
 * reader never sees half a message. */
#include "mail.h"
#include "arena.h"
#include "config.h"
#include "log.h"
#include "text.h"
#include "view.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The message with headers; the subject is RFC 2047 encoded. */
static const char *mail_compose(struct arena *arena, const char *to, const char *subject,
    const char *body)
{
	size_t length = strlen(subject);
	size_t size = sodium_base64_ENCODED_LEN(length, sodium_base64_VARIANT_ORIGINAL);
	char *encoded = arena_alloc(arena, size);
	sodium_bin2base64(encoded, size, (const unsigned char *)subject, length,
	    sodium_base64_VARIANT_ORIGINAL);
	char date[64];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	return arena_printf(arena,
	    "From: %s\r\nTo: %s\r\nSubject: =?UTF-8?B?%s?=\r\nDate: %s\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n%s\r\n",
	    config_str("mail_from"), to, encoded, date, body);
}

static int mail_to_folder(struct arena *arena, const char *folder, const char *message)
{
	unsigned char random[8];
	randombytes_buf(random, sizeof(random));
	const char *name = arena_printf(arena, "%s/%lld-%s.eml", folder, (long long)time(NULL),
	    text_hex(arena, random, sizeof(random)));
	const char *temporary = arena_printf(arena, "%s.tmp", name);
	FILE *file = fopen(temporary, "w");
	if (file == NULL) {
		log_error("mail: cannot write %s", temporary);
		return -1;
	}
	int ok = fputs(message, file) >= 0;
	ok = fclose(file) == 0 && ok;
	if (!ok || rename(temporary, name) != 0) {
		unlink(temporary);
		log_error("mail: cannot write %s", name);
		return -1;
	}
	return 0;
}

static int mail_to_sendmail(const char *message)
{
	const char *command = config_str("sendmail");
	/* The command comes from the administrator's config, never from a request. */
	char line[600];
	int length = snprintf(line, sizeof(line), "%s -t -i", command);
	if (length < 0 || (size_t)length >= sizeof(line))
		return -1;
	FILE *pipe = popen(line, "w");
	if (pipe == NULL)
		return -1;
	fputs(message, pipe);
	int status = pclose(pipe);
	if (status != 0)
		log_error("mail: sendmail exited with %d", status);
	return status == 0 ? 0 : -1;
}

int mail_send(struct arena *arena, const char *to, const char *subject, const char *body)
{
	if (strpbrk(to, "\r\n") != NULL || strpbrk(subject, "\r\n") != NULL)
		return -1;
	const char *message = mail_compose(arena, to, subject, body);
	const char *folder = config_str("mail_dir");
	if (*folder != '\0')
		return mail_to_folder(arena, folder, message);
	return mail_to_sendmail(message);
}

int mail_send_link(struct arena *arena, const char *to, const char *lang,
    const char *template_name, const char *subject_key, const char *link_path)
{
	return mail_send_link_with(arena, to, lang, template_name, subject_key, link_path, NULL);
}

int mail_send_link_with(struct arena *arena, const char *to, const char *lang,
    const char *template_name, const char *subject_key, const char *link_path,
    const char *const *values)
{
	const char *base = config_str("base_url");
	struct view *mail = view_new(lang);
	if (mail == NULL)
		return -1;
	for (int i = 0; values != NULL && values[i] != NULL && values[i + 1] != NULL; i += 2)
		view_set(mail, values[i], values[i + 1]);
	view_set(mail, "LINK", arena_printf(arena, "%s%s", base, link_path));
	view_set(mail, "FORGOT", arena_printf(arena, "%s/password/forgot", base));
	size_t length;
	char *body = view_render(mail, template_name, &length);
	view_free(mail);
	if (body == NULL)
		return -1;
	int sent = mail_send(arena, to, view_text(lang, subject_key), body);
	free(body);
	return sent;
}

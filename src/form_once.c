/* form_once: a form's key, taken by its first post, answered to the others. */
#include "form_once.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

#include "db_form_keys.h"
#include "arena.h"
#include "http.h"
#include "log.h"
#include "param.h"
#include "text.h"

enum {
	FORM_KEY_BYTES = 16,
	FORM_ONCE_WAIT_MS = 20,     /* between two looks at the first post */
	FORM_ONCE_WAIT_TIMES = 250, /* 5 seconds in all */
};

const char *form_once_new_key(struct request *req)
{
	unsigned char random[FORM_KEY_BYTES];
	randombytes_buf(random, sizeof(random));
	return text_base64url(req->arena, random, sizeof(random));
}

/* The request's form_key when it is a key's shape (base64url, as a
 * client id: param.h); else NULL (no key, or not one: the post runs as if
 * it had none). */
static const char *form_once_sent_key(struct request *req)
{
	static const struct param_field field = { "form_key", PARAM_CLIENT_ID, false, 0, 0, NULL };
	struct param_value value;
	if (param_check(req->arena, &field, http_form(req, "form_key"), &value) != NULL
	    || !value.present)
		return NULL;
	return value.text;
}

/* What was sent, as 32 hex digits: every field but the CSRF token and the
 * key, in order, and every file's field, name and content. A form shown
 * again from the browser's history keeps its key (browsers restore hidden
 * fields); changed and sent, it is another post, not a repeat. */
static const char *form_once_digest(const struct request *req)
{
	crypto_generichash_state state;
	unsigned char digest[16];
	crypto_generichash_init(&state, NULL, 0, sizeof(digest));
	for (size_t i = 0; i < req->form.count; i++) {
		const struct http_field *field = &req->form.items[i];
		if (strcmp(field->name, "csrf") == 0 || strcmp(field->name, "form_key") == 0)
			continue;
		crypto_generichash_update(&state, (const unsigned char *)field->name,
		    strlen(field->name) + 1);
		crypto_generichash_update(&state, (const unsigned char *)field->value,
		    field->length + 1);
	}
	for (size_t i = 0; i < req->file_count; i++) {
		const struct http_file *file = &req->files[i];
		crypto_generichash_update(&state, (const unsigned char *)file->field,
		    strlen(file->field) + 1);
		if (file->filename != NULL)
			crypto_generichash_update(&state, (const unsigned char *)file->filename,
			    strlen(file->filename) + 1);
		crypto_generichash_update(&state, file->data, file->size);
	}
	crypto_generichash_final(&state, digest, sizeof(digest));
	return text_hex(req->arena, digest, sizeof(digest));
}

static void form_once_pause(void)
{
	struct timespec pause = { 0, FORM_ONCE_WAIT_MS * 1000000L };
	nanosleep(&pause, NULL);
}

int form_once_take(struct request *req)
{
	const char *key = form_once_sent_key(req);
	if (key == NULL)
		return 1;
	key = arena_printf(req->arena, "%s.%s", key, form_once_digest(req));
	for (int i = 0; i < FORM_ONCE_WAIT_TIMES; i++) {
		int taken = db_form_keys_take(req->arena, key, req->path);
		if (taken != 0) {
			if (taken == 1)
				req->form_key = key;
			return taken;
		}
		const char *location = NULL;
		int found = db_form_keys_answer(req->arena, key, req->path, &location);
		if (found < 0)
			return found;
		if (found == 1 && location != NULL) {
			http_redirect(req, location);
			return 0;
		}
		if (found == 1)
			form_once_pause(); /* the first post still runs */
		/* else the first post gave the key up: take it now */
	}
	log_error("form key still taken by a running post after 5 s");
	req->status = 409;
	return 0;
}

void form_once_settle(struct request *req, int status)
{
	if (req->form_key == NULL)
		return;
	int result = status == 303 && req->location != NULL
	    ? db_form_keys_settle(req->arena, req->form_key, req->path, req->location)
	    : db_form_keys_release(req->arena, req->form_key, req->path);
	if (result < 0)
		log_error("form key not settled");
	req->form_key = NULL;
}

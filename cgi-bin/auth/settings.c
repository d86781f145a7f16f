/* settings: the partner's settings page, language, and ending every other
 * session (AUTH-4, AUTH-7). */
#include "pages.h"
#include "db_partners.h"
#include "form.h"
#include "http.h"
#include "session.h"
#include "view.h"

#include <string.h>

static const char *const settings_notices[] = { "password", "logout_all", NULL };

static const struct form settings_form = {
	.template_name = "page_settings",
	.title = "settings.title",
	.notices = settings_notices,
};

static const char *const languages[] = { "ko", "en", NULL };

enum { LANGUAGE_LANG, LANGUAGE_NEXT, LANGUAGE__MAX };

static const struct param_field language_fields[LANGUAGE__MAX] = {
	[LANGUAGE_LANG] = { "lang", PARAM_CHOICE, true, 0, 0, languages },
	[LANGUAGE_NEXT] = { "next", PARAM_TEXT, false, 0, 500, NULL },
};

/* Posted from the settings page and from the language switch of every page;
 * never shown again: a value out of the list is a bare 422. */
static const struct form language_form = {
	.template_name = "page_settings",
	.title = "settings.title",
	.fields = language_fields,
	.field_count = LANGUAGE__MAX,
};

int settings_show(struct request *req)
{
	struct view *view = form_view(req, &settings_form, NULL, NULL, NULL);
	view_show(view, strcmp(req->lang, "en") == 0 ? "LANG_IS_EN" : "LANG_IS_KO");
	return form_render(req, &settings_form, view, 200);
}

int settings_logout_all(struct request *req)
{
	if (session_end_others(req, req->session->partner_id, true) != 0)
		return -1;
	return form_done(req, "/settings", "logout_all");
}

/* Only a local path is a safe place to go back to ("/" otherwise). */
static const char *settings_local_path(const struct param_value *next)
{
	const char *path = next->text;
	if (!next->present || path[0] != '/' || path[1] == '/' || path[1] == '\\'
	    || strpbrk(path, "\r\n") != NULL)
		return "/";
	return path;
}

/* Sets the language of the session's partner (if any) and of the browser. */
int settings_language(struct request *req)
{
	struct param_value values[LANGUAGE__MAX];
	if (form_read(req, &language_form, values, NULL) > 0)
		return 422;
	const char *lang = values[LANGUAGE_LANG].text;
	if (req->session != NULL
	    && db_partners_set_lang(req->arena, req->session->partner_id, lang) != 1)
		return -1;
	http_set_cookie(req, "sd_lang", lang, 365L * 24 * 3600);
	return form_done(req, settings_local_path(&values[LANGUAGE_NEXT]), NULL);
}

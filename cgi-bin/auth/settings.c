/* settings: the partner's settings page, language, the list of the
 * partner's sessions with one-by-one revoking, and ending every other
 * session (AUTH-3, AUTH-9). */
#include "pages.h"
#include "config.h"
#include "db_partners.h"
#include "db_sessions.h"
#include "form.h"
#include "http.h"
#include "route.h"
#include "session.h"
#include "view.h"

#include <string.h>

static const char *const settings_notices[] = { "password", "logout_all", "revoked", "quiet",
	"notify", NULL };

static const struct form settings_form = {
	.template_name = "page_settings",
	.title = "settings.title",
	.notices = settings_notices,
};

/* The most sessions the page lists (the cap, session_max_count, is usually lower). */
enum { SETTINGS_SESSIONS_MAX = 100 };

/* Names a User-Agent gives away, checked in order (Edge and Opera also say
 * Chrome, Chrome also says Safari, Android also says Linux). */
struct device_name {
	const char *needle;
	const char *name;
};

static const struct device_name browsers[] = {
	{ "Edg/", "Edge" }, { "OPR/", "Opera" }, { "SamsungBrowser/", "Samsung Internet" },
	{ "Whale/", "Whale" }, { "Firefox/", "Firefox" }, { "Chrome/", "Chrome" },
	{ "Safari/", "Safari" }, { "curl/", "curl" }, { "Python", "Python" },
};

static const struct device_name systems[] = {
	{ "Android", "Android" }, { "iPhone", "iPhone" }, { "iPad", "iPad" },
	{ "Windows", "Windows" }, { "Mac OS X", "macOS" }, { "CrOS", "ChromeOS" },
	{ "Linux", "Linux" },
};

static const char *device_find(const struct device_name *names, size_t count,
    const char *agent)
{
	for (size_t i = 0; i < count; i++)
		if (strstr(agent, names[i].needle) != NULL)
			return names[i].name;
	return NULL;
}

/* A short name of the device of agent: "Chrome, Android", or the first 40
 * bytes of an agent naming neither (agents are printable ASCII, session.c);
 * NULL for an empty one. In the arena. */
static const char *settings_device(struct request *req, const char *agent)
{
	if (agent[0] == '\0')
		return NULL;
	const char *browser = device_find(browsers, COUNT(browsers), agent);
	const char *system = device_find(systems, COUNT(systems), agent);
	if (browser != NULL && system != NULL)
		return arena_printf(req->arena, "%s, %s", browser, system);
	if (browser != NULL || system != NULL)
		return browser != NULL ? browser : system;
	return arena_printf(req->arena, "%.40s%s", agent, strlen(agent) > 40 ? "..." : "");
}

/* One row of section SESSION per live session of the partner; -1 on error. */
static int settings_sessions(struct request *req, struct view *view)
{
	struct session_row *rows = arena_alloc(req->arena, sizeof(*rows) * SETTINGS_SESSIONS_MAX);
	int count = db_sessions_list(req->arena, req->session->partner_id,
	    config_num("session_idle_minutes"), rows, SETTINGS_SESSIONS_MAX);
	for (int i = 0; i < count; i++) {
		struct view *row = view_add_row(view, "SESSION");
		view_set_int(row, "ID", rows[i].id);
		const char *device = settings_device(req, rows[i].user_agent);
		if (device != NULL)
			view_set(row, "DEVICE", device);
		else
			view_set_text(row, "DEVICE", "settings.sessions.unknown_device");
		view_set(row, "ADDRESS", rows[i].remote_addr);
		view_set(row, "LAST_SEEN", rows[i].last_seen);
		if (rows[i].id == req->session->id)
			view_show(row, "THIS_DEVICE");
	}
	return count < 0 ? -1 : 0;
}


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

int settings_page(struct request *req, const struct param_value *quiet_values, int status)
{
	struct view *view = form_view(req, &settings_form, NULL, NULL, NULL);
	view_show(view, strcmp(req->lang, "en") == 0 ? "LANG_IS_EN" : "LANG_IS_KO");
	view_show(view, req->session->totp_on ? "TOTP_ON" : "TOTP_NOT_ON");
	quiet_view(req, view, quiet_values);
	notify_view(req, view);
	if (settings_sessions(req, view) != 0)
		return -1;
	return form_render(req, &settings_form, view, status);
}

int settings_show(struct request *req)
{
	return settings_page(req, NULL, 200);
}

/* Ends one of the partner's own sessions; another's id is 404. Ending this
 * device's is logging out. */
int settings_revoke_session(struct request *req)
{
	long long id = req->ids[0];
	int deleted = db_sessions_delete_own(req->arena, id, req->session->partner_id);
	if (deleted < 0)
		return -1;
	if (deleted == 0)
		return 404;
	if (id != req->session->id)
		return form_done(req, "/settings", "revoked");
	req->session = NULL;
	if (session_end(req) != 0)
		return -1;
	return form_done(req, "/login", NULL);
}

int settings_logout_all(struct request *req)
{
	if (session_end_others(req, req->session->partner_id, true) != 0)
		return -1;
	return form_done(req, "/settings", "logout_all");
}

const char *settings_local_path(const struct param_value *next)
{
	const char *path = next->text;
	if (!next->present || path[0] != '/' || path[1] == '/' || path[1] == '\\')
		return "/";
	/* no space, control character or backslash anywhere: browsers read
	 * "/\\host" and "/<TAB>/host" as another site */
	for (const unsigned char *p = (const unsigned char *)path; *p != '\0'; p++)
		if (*p <= 0x20 || *p == 0x7f || *p == '\\')
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

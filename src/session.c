/* session: hashed tokens in table sessions, looked up once per request. */
#include "session.h"
#include "account.h"
#include "auth.h"
#include "config.h"
#include "db.h"
#include "db_sessions.h"
#include "http.h"

#include <string.h>

#define SESSION_COOKIE "sd_session"
#define SESSION_AGENT_MAX 300

int session_load(struct request *req, const char *code)
{
	const char *token = http_cookie(req, SESSION_COOKIE);
	if (token == NULL || strlen(token) != 43)
		return 0;
	struct session *session = arena_alloc(req->arena, sizeof(*session));
	const char *hash = auth_token_hash(req->arena, token);
	struct account_access *account = arena_alloc(req->arena, sizeof(*account));
	bool member;
	int found = db_sessions_get_in_account(req->arena, hash,
	    config_num("session_idle_minutes"), code, session, account, &member);
	if (found <= 0)
		return found;
	if (member)
		req->account = account;
	session->token_hash = hash;
	req->session = session;
	req->lang = session->lang;
	return 1;
}

/* The request's User-Agent cut to SESSION_AGENT_MAX bytes of printable
 * ASCII (others become '?'), safe to store and show; NULL when none. */
static const char *session_user_agent(struct request *req)
{
	const char *agent = http_env(req, "HTTP_USER_AGENT");
	if (agent == NULL)
		return NULL;
	size_t length = strnlen(agent, SESSION_AGENT_MAX);
	char *copy = arena_strndup(req->arena, agent, length);
	for (size_t i = 0; i < length; i++)
		if (copy[i] < 0x20 || copy[i] > 0x7e)
			copy[i] = '?';
	return copy;
}

int session_start(struct request *req, long long partner_id)
{
	if (req->session != NULL && session_end(req) < 0)
		return DB_ERROR;
	const char *token = auth_new_token(req->arena);
	long long hours = config_num("session_max_hours");
	int inserted = db_sessions_insert(req->arena, partner_id, auth_token_hash(req->arena, token),
	    hours, req->remote_addr, session_user_agent(req));
	if (inserted != 1
	    || db_sessions_trim(req->arena, partner_id, config_num("session_max_count")) < 0)
		return DB_ERROR;
	http_set_cookie(req, SESSION_COOKIE, token, hours * 3600);
	return 0;
}

int session_end(struct request *req)
{
	http_set_cookie(req, SESSION_COOKIE, "", 0);
	if (req->session == NULL)
		return 0;
	int result = db_sessions_delete(req->arena, req->session->id);
	req->session = NULL;
	return result < 0 ? result : 0;
}

int session_end_others(struct request *req, long long partner_id, bool keep_current)
{
	long long keep = keep_current && req->session != NULL ? req->session->id : 0;
	int result = db_sessions_delete_partner(req->arena, partner_id, keep);
	return result < 0 ? result : 0;
}

/* session: hashed tokens in table sessions, looked up once per request. */
#include "session.h"
#include "auth.h"
#include "config.h"
#include "db.h"
#include "http.h"
#include <string.h>

#define SESSION_COOKIE "sd_session"

int session_load(struct request *req)
{
	const char *token = http_cookie(req, SESSION_COOKIE);
	if (token == NULL || strlen(token) != 43)
		return 0;
	const char *idle = db_param_int(req->arena, config_int("session_idle_minutes", 720, 5, 525600));
	struct db_rows rows;
	int found = DB_EXEC(req->arena, &rows,
	    "WITH live AS (SELECT s.id, p.id AS partner_id, p.name, p.email, p.lang, "
	    "p.is_operator, s.last_seen_at FROM sessions s JOIN partners p ON p.id = s.partner_id "
	    "WHERE s.token_hash = $1 AND s.expires_at > now() "
	    "AND s.last_seen_at > now() - make_interval(mins => $2::int)), "
	    "touched AS (UPDATE sessions SET last_seen_at = now() WHERE id = (SELECT id FROM live) "
	    "AND (SELECT last_seen_at FROM live) < now() - interval '1 minute') "
	    "SELECT id, partner_id, name, email, lang, is_operator FROM live",
	    auth_token_hash(req->arena, token), idle);
	if (found <= 0)
		return found;
	struct session *session = arena_alloc(req->arena, sizeof(*session));
	session->id = db_int(&rows, 0, 0);
	session->partner_id = db_int(&rows, 0, 1);
	session->partner_name = db_value(&rows, 0, 2);
	session->partner_email = db_value(&rows, 0, 3);
	session->lang = db_value(&rows, 0, 4);
	session->is_operator = db_bool(&rows, 0, 5);
	req->session = session;
	req->lang = session->lang;
	return 1;
}

int session_start(struct request *req, long long partner_id)
{
	if (req->session != NULL && session_end(req) < 0)
		return DB_ERROR;
	const char *token = auth_new_token(req->arena);
	long long hours = config_int("session_max_hours", 720, 1, 87600);
	int inserted = DB_EXEC(req->arena, NULL,
	    "INSERT INTO sessions (partner_id, token_hash, expires_at, remote_addr) "
	    "VALUES ($1, $2, now() + make_interval(hours => $3::int), $4)",
	    db_param_int(req->arena, partner_id), auth_token_hash(req->arena, token),
	    db_param_int(req->arena, hours), req->remote_addr);
	if (inserted != 1)
		return DB_ERROR;
	http_set_cookie(req, SESSION_COOKIE, token, hours * 3600);
	return 0;
}

int session_end(struct request *req)
{
	http_set_cookie(req, SESSION_COOKIE, "", 0);
	if (req->session == NULL)
		return 0;
	int result = DB_EXEC(req->arena, NULL, "DELETE FROM sessions WHERE id = $1",
	    db_param_int(req->arena, req->session->id));
	req->session = NULL;
	return result < 0 ? result : 0;
}

int session_end_others(struct request *req, long long partner_id, bool keep_current)
{
	long long keep = keep_current && req->session != NULL ? req->session->id : 0;
	int result = DB_EXEC(req->arena, NULL,
	    "DELETE FROM sessions WHERE partner_id = $1 AND id <> $2",
	    db_param_int(req->arena, partner_id), db_param_int(req->arena, keep));
	return result < 0 ? result : 0;
}

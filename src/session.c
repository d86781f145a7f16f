/* session: hashed tokens in table sessions, looked up once per request. */
#include "session.h"
#include "account.h"
#include "auth.h"
#include "config.h"
#include "db.h"
#include "db_sessions.h"
#include "http.h"
#include "text.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define SESSION_COOKIE "sd_session"
#define SESSION_AGENT_MAX 300

/* The accounts this worker process has served, by code: their id and time
 * zone, for prefetching before the session says which account it is. A
 * code's slot holds the last account seen there; a stale entry (a time zone
 * changed since) only wastes a prefetch. Beside them, the token hashes of
 * sessions this worker found live lately (their first SESSION_SEEN_KEEP
 * characters): only those prefetch, so that a made-up cookie costs the
 * database the session's statement alone. */
enum { SESSION_HINTS = 64, SESSION_CODE_MAX = 15, SESSION_ZONE_MAX = 63, SESSION_SEEN = 256,
	SESSION_SEEN_KEEP = 24 };
struct session_hint {
	char code[SESSION_CODE_MAX + 1];
	char time_zone[SESSION_ZONE_MAX + 1];
	long long account_id; /* 0: empty */
};
static struct session_hint session_hints[SESSION_HINTS];
static char session_seen[SESSION_SEEN][SESSION_SEEN_KEEP + 1];
static pthread_mutex_t session_hints_lock = PTHREAD_MUTEX_INITIALIZER;

static struct session_hint *session_hint_slot(const char *code)
{
	return &session_hints[text_hash_string(TEXT_HASH_START, code) % SESSION_HINTS];
}

/* True when token_hash was a live session's here lately; with remember, it
 * is one now. */
static bool session_seen_token(const char *token_hash, bool remember)
{
	char kept[SESSION_SEEN_KEEP + 1];
	snprintf(kept, sizeof(kept), "%s", token_hash);
	pthread_mutex_lock(&session_hints_lock);
	char *slot = session_seen[text_hash_string(TEXT_HASH_START, kept) % SESSION_SEEN];
	bool seen = strcmp(slot, kept) == 0;
	if (remember)
		memcpy(slot, kept, sizeof(kept));
	pthread_mutex_unlock(&session_hints_lock);
	return seen;
}

/* Copies code's hint into *out: true when there is one. */
static bool session_hint_get(const char *code, struct session_hint *out)
{
	pthread_mutex_lock(&session_hints_lock);
	struct session_hint *hint = session_hint_slot(code);
	bool found = hint->account_id != 0 && strcmp(hint->code, code) == 0;
	if (found)
		*out = *hint;
	pthread_mutex_unlock(&session_hints_lock);
	return found;
}

static void session_hint_put(const char *code, long long account_id, const char *time_zone)
{
	if (strlen(code) > SESSION_CODE_MAX || strlen(time_zone) > SESSION_ZONE_MAX)
		return;
	pthread_mutex_lock(&session_hints_lock);
	struct session_hint *hint = session_hint_slot(code);
	hint->account_id = account_id;
	strcpy(hint->code, code);
	strcpy(hint->time_zone, time_zone);
	pthread_mutex_unlock(&session_hints_lock);
}

int session_load(struct request *req, const char *code, session_prefetch prefetch)
{
	const char *token = http_cookie(req, SESSION_COOKIE);
	if (token == NULL || strlen(token) != 43)
		return 0;
	struct session *session = arena_alloc(req->arena, sizeof(*session));
	const char *hash = auth_token_hash(req->arena, token);
	struct account_access *account = arena_alloc(req->arena, sizeof(*account));
	struct db_query *queries = arena_alloc(req->arena,
	    (1 + SESSION_PREFETCH_MAX) * sizeof(*queries));
	queries[0] = db_sessions_get_in_account_query(req->arena, hash,
	    config_num("session_idle_minutes"), code);
	int count = 1;
	struct session_hint hint = { .account_id = 0 };
	if (code != NULL && prefetch != NULL && session_seen_token(hash, false)
	    && session_hint_get(code, &hint)) {
		req->prefetched_at = http_since_now();
		int added = prefetch(req, hint.account_id, hint.time_zone, queries + 1);
		count += added > 0 && added <= SESSION_PREFETCH_MAX ? added : 0;
	}
	/* A failed statement fails the ones after it: then the handler reads
	 * for itself (the session's comes first and is read either way). */
	bool all_ran = db_run_queries(req->arena, queries, count) == 0;
	bool member;
	int found = db_sessions_get_in_account_rows(&queries[0], session, account, &member);
	if (found <= 0)
		return found;
	/* The idle timeout's clock, once a minute: a statement of its own, so
	 * that the read every page runs stays read-only. */
	if (session->touch_due && db_sessions_touch(req->arena, session->id) < 0)
		return DB_ERROR;
	session_seen_token(hash, true);
	if (member) {
		req->account = account;
		session_hint_put(code, account->id, account->time_zone);
		if (all_ran && count > 1 && hint.account_id == account->id
		    && strcmp(hint.time_zone, account->time_zone) == 0) {
			req->prefetched = queries + 1;
			req->prefetched_count = count - 1;
		}
	}
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

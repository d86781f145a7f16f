/* db_rooms: rooms (conversations), their counters and status, and the
 * NOTIFY channel that carries what happens in them. */
#include "db_rooms.h"
#include "arena.h"
#include "db.h"
#include "db_modules.h"

#include <stdlib.h>
#include <string.h>

enum db_rooms_statement {
	DB_ROOMS_OPEN,
	DB_ROOMS_LOCK_FOR_REPLY,
	DB_ROOMS_CUSTOMER_WROTE,
	DB_ROOMS_AGENT_WROTE,
	DB_ROOMS_CLEAR_FOR_CUSTOMER,
	DB_ROOMS_UNREAD_TOTALS,
	DB_ROOMS_NOTIFY,
	DB_ROOMS_LISTEN,
	DB_ROOMS_FIRST,
	DB_ROOMS_FIRST_STATUS,
	DB_ROOMS_LIST,
	DB_ROOMS_LIST_STATUS,
	DB_ROOMS_SEARCH,
	DB_ROOMS_SEARCH_STATUS,
	DB_ROOMS_SEARCH_WALK,
	DB_ROOMS_SEARCH_WALK_STATUS,
	DB_ROOMS_SEARCH_TERMS,
	DB_ROOMS_SEARCH_TERMS_STATUS,
	DB_ROOMS_GET,
	DB_ROOMS_EXISTS,
	DB_ROOMS_MARK_READ,
	DB_ROOMS_SET_NAME,
	DB_ROOMS_SET_MEMO,
	DB_ROOMS_COMPLETE,
	DB_ROOMS_READ_MANY,
	DB_ROOMS_SET_IMPORTANT_MANY,
	DB_ROOMS_ASSIGN_MANY,
	DB_ROOMS_COMPLETE_MANY,
	DB_ROOMS_HIDE_MANY,
	DB_ROOMS_ANY_BLOCKED,
	DB_ROOMS_RESET_ACCOUNT,
	DB_ROOMS_ASSIGN_LOCK,
	DB_ROOMS_ASSIGN_NEW,
	DB_ROOMS_CUSTOMER_UNREAD,
	DB_ROOMS_UNASSIGN_PARTNER,
	DB_ROOMS_AGENT_NOTED,
	DB_ROOMS_LEFT,
	DB_ROOMS_WAITING,
	DB_ROOMS_LEFT_SEARCH,
	DB_ROOMS_WAITING_SEARCH,
	DB_ROOMS_COUNTS,
	DB_ROOMS_RESTORE_MANY,
	DB_ROOMS_SET_DETAILS,
	DB_ROOMS_NOTIFY_PARTNER,
	DB_ROOMS_NOTIFY_MEMBERS,
	DB_ROOMS_COUNTS_PAUSE,
	DB_ROOMS_COUNTS_RECOUNT,
	DB_ROOMS__MAX
};

/* Columns of DB_ROOMS_LOCK_FOR_REPLY and of DB_ROOMS_UNREAD_TOTALS. */
enum { REPLY_SESSION_OPEN, REPLY_IS_FRIEND };
enum { UNREAD_ACCOUNT, UNREAD_ALL };

/* Columns of the FIRST, LIST and SEARCH statements. */
enum { LIST_ID, LIST_DISPLAY_NAME, LIST_NUMBER, LIST_NAME, LIST_LAST_TEXT, LIST_TIME,
	LIST_TIME_FULL, LIST_UNREAD, LIST_STATUS, LIST_IMPORTANT, LIST_BLOCKED, LIST_ASSIGNEE,
	LIST_CURSOR, LIST_FRIEND, LIST_ASSIGNEE_ID, LIST_LABEL_IDS, LIST_WAITING,
	LIST_WAITING_CURSOR, LIST_COUNTS };

/* Columns of DB_ROOMS_GET. */
enum { GET_ID, GET_NAME, GET_MEMO, GET_REF, GET_REFERRER, GET_STATUS, GET_IMPORTANT,
	GET_ASSIGNEE_ID, GET_CREATED, GET_DISPLAY_NAME, GET_NUMBER, GET_FRIEND, GET_BLOCKED,
	GET_UNREAD, GET_ASSIGNEE, GET_OPEN, GET_HIDDEN, GET_LAST_CUSTOMER, GET_TIMEOUT };

/* The list: one statement with and one without a status, so that each walks
 * its own index (rooms_status, rooms_inbox) newest first; the cursor is
 * always a condition on the index (the first page starts at infinity).
 * Absent filters are NULL parameters; no setting is changed for them.
 * Measured with 100,000 rooms in one account (PostgreSQL's default
 * plan_cache_mode, after nine executions of each statement): the plan stays
 * custom, an index walk of rooms_inbox / rooms_status in 0.07 ms for the
 * first page, the completed tab and assignee=unassigned, because the generic
 * plan's estimate (a sort of every room of the account) costs far more than
 * the custom plans' average. Forced generic plans would sort: 120-240 ms.
 * The LIMIT is a constant (DB_ROOMS_PAGE_SIZE + 1) so every plan knows it.
 * The first page without filters (the inbox as it opens, and its live
 * updates) has statements of its own, DB_ROOMS_FIRST and _STATUS, with no
 * cursor and no NULL parameters: their generic plan is the same index walk
 * at the cost PostgreSQL gives the custom one, so it keeps the generic plan
 * after five runs and does not plan again (0.3 ms of each page's 0.4 ms in
 * the database was planning). */
/* The status tabs' counts (enum rooms_count) as an array, from the sums a
 * trigger keeps (table room_status_counts, migration 0028): at most 64 rows,
 * where counting the rooms was a pass over all of them (80-190 ms at
 * 100,000). Every list row carries them (an InitPlan: read once), so that a
 * page has its rows and tabs in one round trip. */
#define DB_ROOMS_COUNTS_ARRAY                                                            \
	"(SELECT ARRAY[coalesce(sum(s.unread), 0), coalesce(sum(s.unanswered), 0), "         \
	"coalesce(sum(s.answered), 0), coalesce(sum(s.completed), 0), "                      \
	"coalesce(sum(s.left_rooms), 0)] FROM room_status_counts s WHERE s.account_id = $1) "
/* The assignee's name, '' when none: a subquery read per row shown, not a
 * join, so that the planner of a list planned per run has one relation fewer
 * to order (0.1-0.3 ms of a search's planning, issue 8). */
#define DB_ROOMS_ASSIGNEE_NAME                                                                   \
	"coalesce((SELECT p.name FROM partners p WHERE p.id = r.assignee_id), '')"
#define DB_ROOMS_LIST_COLUMNS                                                                    \
	"SELECT r.id, c.display_name, c.number, r.name, r.last_message_text, "                      \
	"to_char(r.last_message_at AT TIME ZONE $2, CASE WHEN (r.last_message_at AT TIME ZONE $2)::date " \
	"= (now() AT TIME ZONE $2)::date THEN 'HH24:MI' ELSE 'YYYY-MM-DD' END), "                   \
	"to_char(r.last_message_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI'), r.unread_count, r.status, " \
	"r.important, c.blocked, " DB_ROOMS_ASSIGNEE_NAME ", "                                   \
	"(extract(epoch FROM r.last_message_at) * 1000000)::bigint, c.is_friend, r.assignee_id, "    \
	"ARRAY(SELECT rl.label_id FROM room_labels rl WHERE rl.room_id = r.id), "                   \
	"(extract(epoch FROM now() - r.waiting_since) / 60)::bigint, "                              \
	"(extract(epoch FROM r.waiting_since) * 1000000)::bigint, "                                  \
	DB_ROOMS_COUNTS_ARRAY                                                                     \
	"FROM rooms r JOIN customers c ON c.id = r.customer_id AND c.account_id = r.account_id "
#define DB_ROOMS_LIST_BASE DB_ROOMS_LIST_COLUMNS "WHERE r.account_id = $1 AND NOT r.hidden "
#define DB_ROOMS_LIST_NEWER                                                                      \
	"AND (r.last_message_at, r.id) < (coalesce(timestamptz 'epoch' "                            \
	"+ $3::bigint * interval '1 microsecond', "                                                  \
	"'infinity'), coalesce($4::bigint, 9223372036854775807)) "
#define DB_ROOMS_LIST_SELECT DB_ROOMS_LIST_BASE DB_ROOMS_LIST_NEWER
/* The left rooms (hidden, newest first) and the waiting ones (the customer's
 * oldest unanswered message first, index rooms_waiting), any status or $5. */
#define DB_ROOMS_LIST_ANY_STATUS "AND ($5::text IS NULL OR r.status = $5::text) "
#define DB_ROOMS_WAITING_WHERE                                                                   \
	DB_ROOMS_LIST_BASE "AND r.waiting_since IS NOT NULL "                                    \
	"AND (r.waiting_since, r.id) > (coalesce(timestamptz 'epoch' "                              \
	"+ $3::bigint * interval '1 microsecond', '-infinity'), coalesce($4::bigint, 0)) "          \
	DB_ROOMS_LIST_ANY_STATUS DB_ROOMS_LIST_FILTERS
#define DB_ROOMS_WAITING_ORDER "ORDER BY r.waiting_since, r.id LIMIT 31"
#define DB_ROOMS_LEFT_WHERE                                                                      \
	DB_ROOMS_LIST_COLUMNS "WHERE r.account_id = $1 AND r.hidden " DB_ROOMS_LIST_NEWER          \
	DB_ROOMS_LIST_ANY_STATUS DB_ROOMS_LIST_FILTERS
#define DB_ROOMS_LIST_FILTERS                                                                    \
	"AND ($6::bigint IS NULL OR EXISTS (SELECT 1 FROM room_labels rl "                           \
	"WHERE rl.room_id = r.id AND rl.label_id = $6::bigint)) "                                    \
	"AND ($7::text IS NULL OR ($7::text = 'unassigned' AND r.assignee_id IS NULL) "             \
	"OR ($7::text = 'partner' AND r.assignee_id = $8::bigint)) "                                 \
	"AND ($9::boolean IS NULL OR r.important) AND ($10::boolean IS NULL OR c.blocked) "          \
	"AND ($11::int IS NULL OR r.last_message_at >= now() - make_interval(days => $11::int)) "
#define DB_ROOMS_LIST_ORDER "ORDER BY r.last_message_at DESC, r.id DESC LIMIT 31"
/* Search (CHAT-12 q, migrations 0013, 0029 and 0035): the keys of the
 * room's terms (its row of room_search) must hold those of the query's terms
 * ($12, the text as typed), then the room is checked exactly: the
 * lower-cased text holds the lower-cased query, which
 * is what ILIKE '%q%' tests (PostgreSQL's ILIKE lower-cases both sides in a
 * multibyte encoding), with % _ and \ taken literally and without the
 * planner matching a pattern against each column's statistics.
 * Three shapes of the same search (enum rooms_search_shape, search_plan.h
 * chooses):
 * - WALK, for a word most rooms hold, on a first page without filters: the
 *   newest rooms in order, each room's terms checked, until 31 match. The
 *   terms' check is written as IS TRUE so that no plan reads the
 *   room_search_keys index for it. Its generic plan is that index walk, so
 *   it is not planned again (planning was 0.9-1.3 ms of each search at
 *   1,000,000 messages, issue 8);
 * - TERMS, for a rare word: the rooms whose terms hold the query's, from
 *   the room_search_keys index (an array, so that every plan fetches each
 *   room by its key and never reads every customer), then filtered and
 *   sorted: one generic plan for all (0.3 ms for a word that matches
 *   nothing, where its planning alone took 0.9);
 * - PLANNED, for a common word with filters or on a later page, and when
 *   nothing tells whether the word is common: planned for each run's
 *   values (DB_PLAN_CUSTOM), so that PostgreSQL chooses between the two
 *   (a generic plan cannot know which of the NULL-able filters apply, and
 *   sorts every room: 2.8 s at 100,000 rooms).
 * The query's keys are computed once per run (an InitPlan), not per row;
 * q names the query's parameter. */
#define DB_ROOMS_CONTAINS(column, q) "strpos(lower(" column "), lower(" q "::text)) > 0"
#define DB_ROOMS_QUERY_KEYS(q) "(SELECT search_query_keys(" q "::text))"
/* The array operator that the room_search_keys index serves, named by its
 * schema: with the intarray extension in a cluster's search path, a bare @>
 * of two integer arrays would be intarray's, which that index does not
 * serve, and every search would read every room. */
#define DB_ROOMS_HOLDS " OPERATOR(pg_catalog.@>) "
#define DB_ROOMS_SEARCH_EXACT(q)                                                                 \
	"AND (" DB_ROOMS_CONTAINS("c.display_name", q) " OR " DB_ROOMS_CONTAINS("r.name", q)       \
	" OR " DB_ROOMS_CONTAINS("r.memo", q) " OR EXISTS (SELECT 1 FROM messages m "             \
	"WHERE m.room_id = r.id AND m.account_id = $1 AND " DB_ROOMS_CONTAINS("m.body", q) ")) "
#define DB_ROOMS_SEARCH_PLAIN                                                                    \
	"AND EXISTS (SELECT 1 FROM room_search s WHERE s.room_id = r.id AND s.account_id = $1 "       \
	"AND s.keys" DB_ROOMS_HOLDS "search_query_keys($12::text)) " DB_ROOMS_SEARCH_EXACT("$12")
#define DB_ROOMS_SEARCH_WALK_SQL(q)                                                              \
	"AND EXISTS (SELECT 1 FROM room_search s WHERE s.room_id = r.id AND s.account_id = $1 "       \
	"AND (s.keys" DB_ROOMS_HOLDS DB_ROOMS_QUERY_KEYS(q) ") IS TRUE) " DB_ROOMS_SEARCH_EXACT(q)            \
	DB_ROOMS_LIST_ORDER
#define DB_ROOMS_SEARCH_TERMS_SQL                                                                \
	"AND r.id = ANY (ARRAY(SELECT s.room_id FROM room_search s WHERE s.account_id = $1 "          \
	"AND s.keys" DB_ROOMS_HOLDS DB_ROOMS_QUERY_KEYS("$12") ")) " DB_ROOMS_SEARCH_EXACT("$12")             \
	DB_ROOMS_LIST_ORDER
#define DB_ROOMS_ANY "AND $5::text IS NULL "
#define DB_ROOMS_STATUS "AND r.status = $5::text "
_Static_assert(DB_ROOMS_PAGE_SIZE + 1 == 31, "the list's LIMIT is DB_ROOMS_PAGE_SIZE + 1");

/* Columns of DB_ROOMS_OPEN. */
enum { OPEN_ID, OPEN_CREATED };

/* The rooms of an id array $2 of account $1. */
#define DB_ROOMS_MANY "WHERE account_id = $1 AND id = ANY($2::bigint[])"

static const struct db_statement db_rooms_sql[DB_ROOMS__MAX] = {
	[DB_ROOMS_OPEN] = { "rooms_open",
	    "INSERT INTO rooms (account_id, customer_id, ref, referrer) VALUES ($1, $2, $3, $4) "
	    "ON CONFLICT (account_id, customer_id) DO UPDATE SET account_id = EXCLUDED.account_id "
	    "RETURNING id, xmax = 0" },
	[DB_ROOMS_LOCK_FOR_REPLY] = { "rooms_lock_for_reply",
	    "SELECT r.last_customer_message_at "
	    "> now() - make_interval(mins => a.session_timeout_minutes), "
	    "c.is_friend FROM rooms r JOIN accounts a ON a.id = r.account_id "
	    "JOIN customers c ON c.id = r.customer_id AND c.account_id = r.account_id "
	    "WHERE r.account_id = $1 AND r.id = $2 FOR UPDATE OF r" },
	[DB_ROOMS_CUSTOMER_WROTE] = { "rooms_customer_wrote",
	    "UPDATE rooms SET status = 'unread', unread_count = unread_count + 1, hidden = false, "
	    "last_message_at = now(), last_message_text = left($3, 100), "
	    "last_customer_message_at = now(), waiting_since = coalesce(waiting_since, now()) "
	    "WHERE account_id = $1 AND id = $2" },
	[DB_ROOMS_AGENT_WROTE] = { "rooms_agent_wrote",
	    "UPDATE rooms SET status = 'answered', unread_count = 0, last_message_at = now(), "
	    "last_message_text = left($3, 100), waiting_since = NULL, "
	    "assignee_id = CASE WHEN assignee_id IS NULL AND $4::bigint IS NOT NULL AND "
	    "(SELECT reply_assigns FROM accounts WHERE id = $1) THEN $4::bigint "
	    "ELSE assignee_id END WHERE account_id = $1 AND id = $2" },
	[DB_ROOMS_CLEAR_FOR_CUSTOMER] = { "rooms_clear_for_customer",
	    "UPDATE rooms SET customer_cleared_at = now() "
	    "WHERE account_id = $1 AND id = $2 AND customer_id = $3" },
	/* The unread messages of the partner's accounts, summed for one account
	 * and for all, in one query, from the per-account sums a trigger keeps
	 * (table unread_counts, migration 0015): a few rows per account. */
	[DB_ROOMS_UNREAD_TOTALS] = { "rooms_unread_totals",
	    "SELECT coalesce(sum(u.total) FILTER (WHERE u.account_id = $2), 0), "
	    "coalesce(sum(u.total), 0) FROM unread_counts u JOIN members m "
	    "ON m.account_id = u.account_id AND m.partner_id = $1" },
	[DB_ROOMS_NOTIFY] = { "rooms_notify",
	    "SELECT pg_notify('sangdam', json_build_object('a', $1::bigint, 'r', $2::bigint, "
	    "'k', $3::text)::text)" },
	[DB_ROOMS_LISTEN] = { "rooms_listen", "LISTEN sangdam" },
	[DB_ROOMS_FIRST] = { "rooms_first", DB_ROOMS_LIST_BASE DB_ROOMS_LIST_ORDER },
	[DB_ROOMS_FIRST_STATUS] = { "rooms_first_status",
	    DB_ROOMS_LIST_BASE "AND r.status = $3::text " DB_ROOMS_LIST_ORDER },
	[DB_ROOMS_LIST] = { "rooms_list",
	    DB_ROOMS_LIST_SELECT DB_ROOMS_ANY DB_ROOMS_LIST_FILTERS DB_ROOMS_LIST_ORDER },
	[DB_ROOMS_LIST_STATUS] = { "rooms_list_status",
	    DB_ROOMS_LIST_SELECT DB_ROOMS_STATUS DB_ROOMS_LIST_FILTERS DB_ROOMS_LIST_ORDER },
	[DB_ROOMS_SEARCH] = { "rooms_search",
	    DB_ROOMS_LIST_SELECT DB_ROOMS_ANY DB_ROOMS_LIST_FILTERS DB_ROOMS_SEARCH_PLAIN
	    DB_ROOMS_LIST_ORDER, .plan = DB_PLAN_CUSTOM },
	[DB_ROOMS_SEARCH_STATUS] = { "rooms_search_status",
	    DB_ROOMS_LIST_SELECT DB_ROOMS_STATUS DB_ROOMS_LIST_FILTERS DB_ROOMS_SEARCH_PLAIN
	    DB_ROOMS_LIST_ORDER, .plan = DB_PLAN_CUSTOM },
	[DB_ROOMS_SEARCH_WALK] = { "rooms_search_walk",
	    DB_ROOMS_LIST_BASE DB_ROOMS_SEARCH_WALK_SQL("$3"), .plan = DB_PLAN_GENERIC },
	[DB_ROOMS_SEARCH_WALK_STATUS] = { "rooms_search_walk_status",
	    DB_ROOMS_LIST_BASE "AND r.status = $3::text " DB_ROOMS_SEARCH_WALK_SQL("$4"),
	    .plan = DB_PLAN_GENERIC },
	[DB_ROOMS_SEARCH_TERMS] = { "rooms_search_terms",
	    DB_ROOMS_LIST_SELECT DB_ROOMS_ANY DB_ROOMS_LIST_FILTERS DB_ROOMS_SEARCH_TERMS_SQL,
	    .plan = DB_PLAN_GENERIC },
	[DB_ROOMS_SEARCH_TERMS_STATUS] = { "rooms_search_terms_status",
	    DB_ROOMS_LIST_SELECT DB_ROOMS_STATUS DB_ROOMS_LIST_FILTERS DB_ROOMS_SEARCH_TERMS_SQL,
	    .plan = DB_PLAN_GENERIC },
	[DB_ROOMS_GET] = { "rooms_get",
	    "SELECT r.id, r.name, r.memo, r.ref, r.referrer, r.status, r.important, r.assignee_id, "
	    "to_char(r.created_at AT TIME ZONE a.time_zone, 'YYYY-MM-DD HH24:MI'), c.display_name, "
	    "c.number, c.is_friend, c.blocked, r.unread_count, coalesce(p.name, ''), "
	    "r.last_customer_message_at > now() - make_interval(mins => a.session_timeout_minutes), "
	    "r.hidden, to_char(r.last_customer_message_at AT TIME ZONE a.time_zone, "
	    "'YYYY-MM-DD HH24:MI'), a.session_timeout_minutes "
	    "FROM rooms r JOIN accounts a ON a.id = r.account_id "
	    "JOIN customers c ON c.id = r.customer_id AND c.account_id = r.account_id "
	    "LEFT JOIN partners p ON p.id = r.assignee_id "
	    "WHERE r.id = $2 AND r.account_id = $1" },
	[DB_ROOMS_EXISTS] = { "rooms_exists",
	    "SELECT 1 FROM rooms WHERE id = $2 AND account_id = $1" },
	[DB_ROOMS_MARK_READ] = { "rooms_mark_read",
	    "UPDATE rooms SET unread_count = 0, status = CASE WHEN status = 'unread' THEN "
	    "'unanswered' ELSE status END WHERE id = $2 AND account_id = $1 "
	    "AND (status = 'unread' OR unread_count > 0)" },
	[DB_ROOMS_SET_NAME] = { "rooms_set_name",
	    "UPDATE rooms SET name = $3 WHERE id = $2 AND account_id = $1" },
	[DB_ROOMS_SET_MEMO] = { "rooms_set_memo",
	    "UPDATE rooms SET memo = $3 WHERE id = $2 AND account_id = $1" },
	[DB_ROOMS_COMPLETE] = { "rooms_complete",
	    "UPDATE rooms SET status = 'completed', unread_count = 0, waiting_since = NULL "
	    "WHERE id = $2 AND account_id = $1" },
	[DB_ROOMS_READ_MANY] = { "rooms_read_many",
	    "UPDATE rooms SET unread_count = 0, status = CASE WHEN status = 'unread' "
	    "THEN 'unanswered' ELSE status END " DB_ROOMS_MANY },
	[DB_ROOMS_SET_IMPORTANT_MANY] = { "rooms_set_important_many",
	    "UPDATE rooms SET important = $3 " DB_ROOMS_MANY },
	/* The member check is in the statement, against a member removed since
	 * the form was read. */
	[DB_ROOMS_ASSIGN_MANY] = { "rooms_assign_many",
	    "UPDATE rooms SET assignee_id = $3::bigint " DB_ROOMS_MANY
	    " AND ($3::bigint IS NULL OR EXISTS "
	    "(SELECT 1 FROM members WHERE account_id = $1 AND partner_id = $3::bigint))" },
	[DB_ROOMS_COMPLETE_MANY] = { "rooms_complete_many",
	    "UPDATE rooms SET status = 'completed', unread_count = 0, waiting_since = NULL "
	    DB_ROOMS_MANY },
	[DB_ROOMS_HIDE_MANY] = { "rooms_hide_many",
	    "UPDATE rooms SET hidden = true " DB_ROOMS_MANY " AND NOT hidden" },
	[DB_ROOMS_ANY_BLOCKED] = { "rooms_any_blocked",
	    "SELECT 1 FROM rooms r JOIN customers c ON c.id = r.customer_id "
	    "AND c.account_id = r.account_id WHERE r.account_id = $1 "
	    "AND r.id = ANY($2::bigint[]) AND c.blocked LIMIT 1" },
	[DB_ROOMS_RESET_ACCOUNT] = { "rooms_reset_account",
	    "UPDATE rooms SET status = 'completed', unread_count = 0, hidden = true, "
	    "waiting_since = NULL WHERE account_id = $1" },
	/* Automatic assignment (CHAT-18) takes turns per account: this lock,
	 * held to the end of the transaction, comes before ASSIGN_NEW's
	 * snapshot, which then counts every assignment committed before. No
	 * row when the account has it off. */
	[DB_ROOMS_ASSIGN_LOCK] = { "rooms_assign_lock",
	    "SELECT pg_advisory_xact_lock(hashtext('rooms_assign'), hashtext(id::text)) "
	    "FROM accounts WHERE id = $1 AND auto_assign" },
	/* Gives room $2 to the available member of account $1 assigned least
	 * recently whose open (not completed) rooms are under the limit, and
	 * marks the turn; no row when none is. */
	[DB_ROOMS_ASSIGN_NEW] = { "rooms_assign_new",
	    "WITH pick AS (SELECT m.partner_id FROM members m JOIN accounts a ON a.id = m.account_id "
	    "WHERE m.account_id = $1 AND a.auto_assign AND m.available "
	    "AND (SELECT count(*) FROM rooms o WHERE o.account_id = $1 "
	    "AND o.assignee_id = m.partner_id AND o.status <> 'completed') < a.assign_limit "
	    "ORDER BY m.assigned_at NULLS FIRST, m.joined_at, m.partner_id LIMIT 1), "
	    "room AS (UPDATE rooms SET assignee_id = pick.partner_id FROM pick "
	    "WHERE rooms.account_id = $1 AND rooms.id = $2 AND rooms.assignee_id IS NULL "
	    "RETURNING rooms.assignee_id) "
	    "UPDATE members m SET assigned_at = clock_timestamp() FROM room "
	    "WHERE m.account_id = $1 AND m.partner_id = room.assignee_id RETURNING m.partner_id" },
	/* The customer's messages agents have not read are the newest
	 * unread_count of them: a reply or opening the room sets it to 0. */
	[DB_ROOMS_CUSTOMER_UNREAD] = { "rooms_customer_unread",
	    "SELECT unread_count FROM rooms "
	    "WHERE account_id = $1 AND id = $2 AND customer_id = $3" },
	[DB_ROOMS_UNASSIGN_PARTNER] = { "rooms_unassign_partner",
	    "UPDATE rooms SET assignee_id = NULL WHERE account_id = $1 AND assignee_id = $2" },
	/* A friend request is no answer: the status and the wait stay. */
	[DB_ROOMS_AGENT_NOTED] = { "rooms_agent_noted",
	    "UPDATE rooms SET last_message_at = now(), last_message_text = left($3, 100) "
	    "WHERE account_id = $1 AND id = $2" },
	[DB_ROOMS_LEFT] = { "rooms_left", DB_ROOMS_LEFT_WHERE DB_ROOMS_LIST_ORDER },
	[DB_ROOMS_WAITING] = { "rooms_waiting", DB_ROOMS_WAITING_WHERE DB_ROOMS_WAITING_ORDER },
	/* The left and the waiting rooms searched (CHAT-12 q in $12), planned
	 * for each run's values as the PLANNED shape is. */
	[DB_ROOMS_LEFT_SEARCH] = { "rooms_left_search",
	    DB_ROOMS_LEFT_WHERE DB_ROOMS_SEARCH_PLAIN DB_ROOMS_LIST_ORDER, .plan = DB_PLAN_CUSTOM },
	[DB_ROOMS_WAITING_SEARCH] = { "rooms_waiting_search",
	    DB_ROOMS_WAITING_WHERE DB_ROOMS_SEARCH_PLAIN DB_ROOMS_WAITING_ORDER,
	    .plan = DB_PLAN_CUSTOM },
	/* The status tabs' counts alone (an empty list page, /chats/counts). */
	[DB_ROOMS_COUNTS] = { "rooms_counts", "SELECT " DB_ROOMS_COUNTS_ARRAY },
	[DB_ROOMS_RESTORE_MANY] = { "rooms_restore_many",
	    "UPDATE rooms SET hidden = false " DB_ROOMS_MANY " AND hidden" },
	[DB_ROOMS_NOTIFY_PARTNER] = { "rooms_notify_partner",
	    "SELECT pg_notify('sangdam', json_build_object('a', $1::bigint, 'r', $2::bigint, "
	    "'k', $3::text, 'p', $4::bigint)::text)" },
	/* "unread" to each member's streams in every account (the header total) */
	[DB_ROOMS_NOTIFY_MEMBERS] = { "rooms_notify_members",
	    "SELECT pg_notify('sangdam', json_build_object('a', $1::bigint, 'r', $2::bigint, "
	    "'k', 'unread', 'p', m.partner_id)::text) FROM members m WHERE m.account_id = $1" },
	/* Work changing many rooms in one transaction pauses the tab counts'
	 * trigger and recounts the account at the end (migration 0028). */
	[DB_ROOMS_COUNTS_PAUSE] = { "rooms_counts_pause", "SELECT room_status_counts_pause()" },
	[DB_ROOMS_COUNTS_RECOUNT] = { "rooms_counts_recount",
	    "SELECT room_status_counts_recount($1)" },
	[DB_ROOMS_SET_DETAILS] = { "rooms_set_details",
	    "UPDATE rooms SET name = coalesce($3, name), memo = coalesce($4, memo) "
	    "WHERE id = $2 AND account_id = $1 "
	    "AND (coalesce($3, name) IS DISTINCT FROM name OR coalesce($4, memo) IS DISTINCT FROM memo)" },
};

const struct db_module db_rooms_module = { "rooms", db_rooms_sql, DB_ROOMS__MAX };

int db_rooms_open(struct arena *arena, long long account_id, long long customer_id,
    const char *ref, const char *referrer, long long *room_id, bool *created)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_rooms_sql[DB_ROOMS_OPEN],
	    db_param_int(arena, account_id), db_param_int(arena, customer_id), ref, referrer);
	if (found != 1)
		return found == 0 ? DB_ERROR : found;
	*room_id = db_int(&rows, 0, OPEN_ID);
	*created = db_bool(&rows, 0, OPEN_CREATED);
	return 1;
}

int db_rooms_lock_for_reply(struct arena *arena, long long account_id, long long room_id,
    struct db_rooms_reply *out)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_rooms_sql[DB_ROOMS_LOCK_FOR_REPLY],
	    db_param_int(arena, account_id), db_param_int(arena, room_id));
	if (found <= 0)
		return found;
	out->session_open = db_bool(&rows, 0, REPLY_SESSION_OPEN);
	out->customer_is_friend = db_bool(&rows, 0, REPLY_IS_FRIEND);
	return 1;
}

struct db_query db_rooms_customer_wrote_query(struct arena *arena, long long account_id,
    long long room_id, const char *summary)
{
	return DB_QUERY(&db_rooms_sql[DB_ROOMS_CUSTOMER_WROTE], db_param_int(arena, account_id),
	    db_param_int(arena, room_id), summary);
}

int db_rooms_customer_wrote(struct arena *arena, long long account_id, long long room_id,
    const char *summary)
{
	struct db_query query = db_rooms_customer_wrote_query(arena, account_id, room_id, summary);
	db_run_queries(arena, &query, 1);
	return query.result;
}

int db_rooms_agent_wrote(struct arena *arena, long long account_id, long long room_id,
    const char *summary, long long partner_id)
{
	return DB_RUN(arena, NULL, &db_rooms_sql[DB_ROOMS_AGENT_WROTE],
	    db_param_int(arena, account_id), db_param_int(arena, room_id), summary,
	    partner_id != 0 ? db_param_int(arena, partner_id) : NULL);
}

int db_rooms_agent_noted(struct arena *arena, long long account_id, long long room_id,
    const char *summary)
{
	return DB_RUN(arena, NULL, &db_rooms_sql[DB_ROOMS_AGENT_NOTED],
	    db_param_int(arena, account_id), db_param_int(arena, room_id), summary);
}

int db_rooms_clear_for_customer(struct arena *arena, long long account_id, long long room_id,
    long long customer_id)
{
	return DB_RUN(arena, NULL, &db_rooms_sql[DB_ROOMS_CLEAR_FOR_CUSTOMER],
	    db_param_int(arena, account_id), db_param_int(arena, room_id),
	    db_param_int(arena, customer_id));
}

int db_rooms_unread_totals(struct arena *arena, long long partner_id, long long account_id,
    long long *account, long long *all)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_rooms_sql[DB_ROOMS_UNREAD_TOTALS],
	    db_param_int(arena, partner_id), db_param_int(arena, account_id));
	if (found <= 0)
		return found < 0 ? found : DB_ERROR;
	*account = db_int(&rows, 0, UNREAD_ACCOUNT);
	*all = db_int(&rows, 0, UNREAD_ALL);
	return 1;
}

int db_rooms_notify(struct arena *arena, long long account_id, long long room_id,
    const char *kind)
{
	int result = DB_RUN_NOTICE(arena, &db_rooms_sql[DB_ROOMS_NOTIFY],
	    db_param_int(arena, account_id), db_param_int(arena, room_id), kind);
	return result < 0 ? result : 1;
}

int db_rooms_listen(struct arena *arena)
{
	int result = db_run(arena, NULL, &db_rooms_sql[DB_ROOMS_LISTEN], 0, NULL);
	return result < 0 ? result : 0;
}

/* The ids of a bigint[] value's text ("{1,2}") in *out (arena); the count. */
static int db_rooms_ids(struct arena *arena, const char *text, long long **out)
{
	int count = 0;
	for (const char *p = text; *p != '\0'; p++)
		count += *p == ',';
	long long *ids = arena_alloc(arena, ((size_t)count + 1) * sizeof(*ids));
	count = 0;
	for (const char *p = text; *p != '\0'; p++)
		if (*p >= '0' && *p <= '9' && (p == text || p[-1] < '0' || p[-1] > '9'))
			ids[count++] = strtoll(p, NULL, 10);
	*out = ids;
	return count;
}

static void db_rooms_row(struct arena *arena, const struct db_rows *rows, int i,
    bool waiting_order, struct room_row *out)
{
	*out = (struct room_row) {
		.id = db_int(rows, i, LIST_ID),
		.display_name = db_value(rows, i, LIST_DISPLAY_NAME),
		.number = db_int(rows, i, LIST_NUMBER),
		.name = db_value(rows, i, LIST_NAME),
		.last_text = db_value(rows, i, LIST_LAST_TEXT),
		.time = db_value(rows, i, LIST_TIME),
		.time_full = db_value(rows, i, LIST_TIME_FULL),
		.unread = db_int(rows, i, LIST_UNREAD),
		.status = db_value(rows, i, LIST_STATUS),
		.important = db_bool(rows, i, LIST_IMPORTANT),
		.blocked = db_bool(rows, i, LIST_BLOCKED),
		.is_friend = db_bool(rows, i, LIST_FRIEND),
		.assignee_id = db_is_null(rows, i, LIST_ASSIGNEE_ID) ? 0
		    : db_int(rows, i, LIST_ASSIGNEE_ID),
		.assignee = db_value(rows, i, LIST_ASSIGNEE),
		.cursor_time = db_int(rows, i, waiting_order ? LIST_WAITING_CURSOR : LIST_CURSOR),
		.waiting_minutes = db_is_null(rows, i, LIST_WAITING) ? -1
		    : db_int(rows, i, LIST_WAITING),
	};
	out->label_count = db_rooms_ids(arena, db_value(rows, i, LIST_LABEL_IDS), &out->label_ids);
}

/* True for the first page, newest first, with no filter but the status
 * and maybe a search (DB_ROOMS_FIRST, DB_ROOMS_SEARCH_WALK). */
static bool db_rooms_first_page(const struct rooms_filter *filter)
{
	return !filter->left && filter->order == ROOMS_NEWEST && filter->cursor_id == 0
	    && filter->label_id == 0 && filter->assignee == ROOMS_ANY_ASSIGNEE
	    && !filter->important && !filter->blocked && filter->days == 0;
}

/* The counts of an array value's text ("{1,2,3,4,5}") into out: 1, or
 * DB_ERROR when it has not one per tab. */
static int db_rooms_counts_row(struct arena *arena, const char *text, struct rooms_counts *out)
{
	long long *values;
	if (db_rooms_ids(arena, text, &values) != ROOMS_COUNT__MAX)
		return DB_ERROR;
	for (int i = 0; i < ROOMS_COUNT__MAX; i++)
		out->count[i] = values[i];
	return 1;
}

struct db_query db_rooms_list_query(struct arena *arena, long long account_id,
    const char *time_zone, const struct rooms_filter *filter)
{
	bool cursor = filter->cursor_id != 0;
	const char *params[12] = {
		db_param_int(arena, account_id),
		time_zone,
		cursor ? db_param_int(arena, filter->cursor_time) : NULL,
		cursor ? db_param_int(arena, filter->cursor_id) : NULL,
		filter->status,
		filter->label_id != 0 ? db_param_int(arena, filter->label_id) : NULL,
		filter->assignee == ROOMS_UNASSIGNED ? "unassigned"
		    : filter->assignee == ROOMS_ASSIGNED_TO ? "partner" : NULL,
		filter->assignee == ROOMS_ASSIGNED_TO ? db_param_int(arena, filter->assignee_id) : NULL,
		filter->important ? "true" : NULL,
		filter->blocked ? "true" : NULL,
		filter->days != 0 ? db_param_int(arena, filter->days) : NULL,
		filter->search,
	};
	bool status = filter->status != NULL;
	enum db_rooms_statement which = status ? DB_ROOMS_LIST_STATUS : DB_ROOMS_LIST;
	int nparams = 11;
	if (filter->left || filter->order == ROOMS_WAITING) {
		bool search = filter->search != NULL;
		which = filter->left ? (search ? DB_ROOMS_LEFT_SEARCH : DB_ROOMS_LEFT)
		    : (search ? DB_ROOMS_WAITING_SEARCH : DB_ROOMS_WAITING);
		nparams = search ? 12 : 11;
	} else if (filter->search != NULL && filter->search_shape == ROOMS_SEARCH_TERMS) {
		which = status ? DB_ROOMS_SEARCH_TERMS_STATUS : DB_ROOMS_SEARCH_TERMS;
		nparams = 12;
	} else if (filter->search != NULL
	    && (filter->search_shape != ROOMS_SEARCH_WALK || !db_rooms_first_page(filter))) {
		which = status ? DB_ROOMS_SEARCH_STATUS : DB_ROOMS_SEARCH;
		nparams = 12;
	} else if (db_rooms_first_page(filter)) {
		/* $3 the status, then the search */
		which = filter->search != NULL
		    ? (status ? DB_ROOMS_SEARCH_WALK_STATUS : DB_ROOMS_SEARCH_WALK)
		    : (status ? DB_ROOMS_FIRST_STATUS : DB_ROOMS_FIRST);
		nparams = 2;
		if (status)
			params[nparams++] = filter->status;
		if (filter->search != NULL)
			params[nparams++] = filter->search;
	}
	struct db_query query = { .statement = &db_rooms_sql[which], .nparams = nparams };
	memcpy(query.params, params, (size_t)nparams * sizeof(*params));
	return query;
}

int db_rooms_list(struct arena *arena, long long account_id, const char *time_zone,
    const struct rooms_filter *filter, struct room_row **out, struct rooms_counts *counts)
{
	struct db_query query = db_rooms_list_query(arena, account_id, time_zone, filter);
	db_run_queries(arena, &query, 1);
	return db_rooms_list_rows(arena, &query, account_id, out, counts);
}

int db_rooms_list_rows(struct arena *arena, const struct db_query *query, long long account_id,
    struct room_row **out, struct rooms_counts *counts)
{
	int count = query->result;
	if (count < 0)
		return count;
	bool waiting_order = query->statement == &db_rooms_sql[DB_ROOMS_WAITING]
	    || query->statement == &db_rooms_sql[DB_ROOMS_WAITING_SEARCH];
	struct room_row *list = arena_alloc(arena, ((size_t)count + 1) * sizeof(*list));
	for (int i = 0; i < count; i++)
		db_rooms_row(arena, &query->rows, i, waiting_order, &list[i]);
	*out = list;
	if (counts == NULL)
		return count;
	int found = count > 0
	    ? db_rooms_counts_row(arena, db_value(&query->rows, 0, LIST_COUNTS), counts)
	    : db_rooms_counts(arena, account_id, counts);
	return found < 0 ? found : count;
}

struct db_query db_rooms_get_query(struct arena *arena, long long account_id,
    long long room_id)
{
	return DB_QUERY(&db_rooms_sql[DB_ROOMS_GET], db_param_int(arena, account_id),
	    db_param_int(arena, room_id));
}

int db_rooms_get(struct arena *arena, long long account_id, long long room_id,
    struct room_detail *out)
{
	struct db_query query = db_rooms_get_query(arena, account_id, room_id);
	db_run_queries(arena, &query, 1);
	return db_rooms_get_rows(&query, out);
}

int db_rooms_get_rows(const struct db_query *query, struct room_detail *out)
{
	const struct db_rows rows = query->rows;
	int found = query->result;
	if (found <= 0)
		return found;
	*out = (struct room_detail) {
		.id = db_int(&rows, 0, GET_ID),
		.name = db_value(&rows, 0, GET_NAME),
		.memo = db_value(&rows, 0, GET_MEMO),
		.ref = db_value(&rows, 0, GET_REF),
		.referrer = db_value(&rows, 0, GET_REFERRER),
		.status = db_value(&rows, 0, GET_STATUS),
		.important = db_bool(&rows, 0, GET_IMPORTANT),
		.assignee_id = db_is_null(&rows, 0, GET_ASSIGNEE_ID) ? 0
		    : db_int(&rows, 0, GET_ASSIGNEE_ID),
		.assignee = db_value(&rows, 0, GET_ASSIGNEE),
		.created = db_value(&rows, 0, GET_CREATED),
		.display_name = db_value(&rows, 0, GET_DISPLAY_NAME),
		.number = db_int(&rows, 0, GET_NUMBER),
		.is_friend = db_bool(&rows, 0, GET_FRIEND),
		.blocked = db_bool(&rows, 0, GET_BLOCKED),
		.unread = db_int(&rows, 0, GET_UNREAD),
		.session_open = db_bool(&rows, 0, GET_OPEN),
		.hidden = db_bool(&rows, 0, GET_HIDDEN),
		.last_customer = db_value(&rows, 0, GET_LAST_CUSTOMER),
		.timeout_minutes = db_int(&rows, 0, GET_TIMEOUT),
	};
	return 1;
}

/* Runs a statement whose parameters are the account and one room. */
static int db_rooms_one(struct arena *arena, enum db_rooms_statement statement,
    long long account_id, long long room_id)
{
	return DB_RUN(arena, NULL, &db_rooms_sql[statement], db_param_int(arena, account_id),
	    db_param_int(arena, room_id));
}

int db_rooms_exists(struct arena *arena, long long account_id, long long room_id)
{
	return db_rooms_one(arena, DB_ROOMS_EXISTS, account_id, room_id);
}

int db_rooms_mark_read(struct arena *arena, long long account_id, long long room_id)
{
	return db_rooms_one(arena, DB_ROOMS_MARK_READ, account_id, room_id);
}

int db_rooms_complete(struct arena *arena, long long account_id, long long room_id)
{
	return db_rooms_one(arena, DB_ROOMS_COMPLETE, account_id, room_id);
}

int db_rooms_set_name(struct arena *arena, long long account_id, long long room_id,
    const char *name)
{
	return DB_RUN(arena, NULL, &db_rooms_sql[DB_ROOMS_SET_NAME], db_param_int(arena, account_id),
	    db_param_int(arena, room_id), name);
}

int db_rooms_set_memo(struct arena *arena, long long account_id, long long room_id,
    const char *memo)
{
	return DB_RUN(arena, NULL, &db_rooms_sql[DB_ROOMS_SET_MEMO], db_param_int(arena, account_id),
	    db_param_int(arena, room_id), memo);
}

/* Runs a statement whose parameters are the account, the rooms and an
 * optional third value (NULL: none given). */
static int db_rooms_many(struct arena *arena, enum db_rooms_statement statement,
    long long account_id, const long long *ids, size_t count, const char *value, int nparams)
{
	const char *params[3] = { db_param_int(arena, account_id), db_param_ids(arena, ids, count),
		value };
	return db_run(arena, NULL, &db_rooms_sql[statement], nparams, params);
}

int db_rooms_read_many(struct arena *arena, long long account_id, const long long *ids,
    size_t count)
{
	return db_rooms_many(arena, DB_ROOMS_READ_MANY, account_id, ids, count, NULL, 2);
}

int db_rooms_set_important_many(struct arena *arena, long long account_id, const long long *ids,
    size_t count, bool important)
{
	return db_rooms_many(arena, DB_ROOMS_SET_IMPORTANT_MANY, account_id, ids, count,
	    db_param_bool(important), 3);
}

int db_rooms_assign_many(struct arena *arena, long long account_id, const long long *ids,
    size_t count, long long partner_id)
{
	return db_rooms_many(arena, DB_ROOMS_ASSIGN_MANY, account_id, ids, count,
	    partner_id != 0 ? db_param_int(arena, partner_id) : NULL, 3);
}

int db_rooms_complete_many(struct arena *arena, long long account_id, const long long *ids,
    size_t count)
{
	return db_rooms_many(arena, DB_ROOMS_COMPLETE_MANY, account_id, ids, count, NULL, 2);
}

int db_rooms_hide_many(struct arena *arena, long long account_id, const long long *ids,
    size_t count)
{
	return db_rooms_many(arena, DB_ROOMS_HIDE_MANY, account_id, ids, count, NULL, 2);
}

int db_rooms_any_blocked(struct arena *arena, long long account_id, const long long *ids,
    size_t count)
{
	return db_rooms_many(arena, DB_ROOMS_ANY_BLOCKED, account_id, ids, count, NULL, 2);
}

int db_rooms_reset_account(struct arena *arena, long long account_id)
{
	if (db_rooms_counts_pause(arena) < 0)
		return DB_ERROR;
	int changed = DB_RUN(arena, NULL, &db_rooms_sql[DB_ROOMS_RESET_ACCOUNT],
	    db_param_int(arena, account_id));
	if (changed < 0 || db_rooms_counts_recount(arena, account_id) < 0)
		return DB_ERROR;
	return changed;
}

int db_rooms_counts_pause(struct arena *arena)
{
	int result = db_run(arena, NULL, &db_rooms_sql[DB_ROOMS_COUNTS_PAUSE], 0, NULL);
	return result < 0 ? result : 0;
}

int db_rooms_counts_recount(struct arena *arena, long long account_id)
{
	int result = DB_RUN(arena, NULL, &db_rooms_sql[DB_ROOMS_COUNTS_RECOUNT],
	    db_param_int(arena, account_id));
	return result < 0 ? result : 0;
}

int db_rooms_assign_lock(struct arena *arena, long long account_id)
{
	return DB_RUN(arena, NULL, &db_rooms_sql[DB_ROOMS_ASSIGN_LOCK],
	    db_param_int(arena, account_id));
}

int db_rooms_assign_new(struct arena *arena, long long account_id, long long room_id)
{
	return DB_RUN(arena, NULL, &db_rooms_sql[DB_ROOMS_ASSIGN_NEW],
	    db_param_int(arena, account_id), db_param_int(arena, room_id));
}

int db_rooms_customer_unread(struct arena *arena, long long account_id, long long room_id,
    long long customer_id, long long *unread)
{
	*unread = 0;
	return DB_RUN_INT(arena, &db_rooms_sql[DB_ROOMS_CUSTOMER_UNREAD], unread,
	    db_param_int(arena, account_id), db_param_int(arena, room_id),
	    db_param_int(arena, customer_id));
}

int db_rooms_unassign_partner(struct arena *arena, long long account_id, long long partner_id)
{
	return DB_RUN(arena, NULL, &db_rooms_sql[DB_ROOMS_UNASSIGN_PARTNER],
	    db_param_int(arena, account_id), db_param_int(arena, partner_id));
}

int db_rooms_counts(struct arena *arena, long long account_id, struct rooms_counts *out)
{
	struct db_rows rows;
	int found = DB_RUN(arena, &rows, &db_rooms_sql[DB_ROOMS_COUNTS],
	    db_param_int(arena, account_id));
	if (found <= 0)
		return found < 0 ? found : DB_ERROR;
	return db_rooms_counts_row(arena, db_value(&rows, 0, 0), out);
}

int db_rooms_restore_many(struct arena *arena, long long account_id, const long long *ids,
    size_t count)
{
	return db_rooms_many(arena, DB_ROOMS_RESTORE_MANY, account_id, ids, count, NULL, 2);
}

int db_rooms_set_details(struct arena *arena, long long account_id, long long room_id,
    const char *name, const char *memo)
{
	return DB_RUN(arena, NULL, &db_rooms_sql[DB_ROOMS_SET_DETAILS],
	    db_param_int(arena, account_id), db_param_int(arena, room_id), name, memo);
}

int db_rooms_notify_partner(struct arena *arena, long long account_id, long long room_id,
    const char *kind, long long partner_id)
{
	int result = DB_RUN_NOTICE(arena, &db_rooms_sql[DB_ROOMS_NOTIFY_PARTNER],
	    db_param_int(arena, account_id), db_param_int(arena, room_id), kind,
	    db_param_int(arena, partner_id));
	return result < 0 ? result : 1;
}

int db_rooms_notify_members(struct arena *arena, long long account_id, long long room_id)
{
	int result = DB_RUN_NOTICE(arena, &db_rooms_sql[DB_ROOMS_NOTIFY_MEMBERS],
	    db_param_int(arena, account_id), db_param_int(arena, room_id));
	return result < 0 ? result : 1;
}

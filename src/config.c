/* config: a small table of key/value strings read once per program. */
#include "config.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CONFIG_MAX = 128 };

/* Every key the programs read: the one source of their defaults and ranges.
 * conf/sangdam.conf.example documents each of them (tests/unit/test_config.c
 * fails when the two differ). */
static const struct config_key {
	const char *name;
	const char *fallback;  /* NULL: no default (the caller copes) */
	bool is_int;
	long long min, max;    /* integers only */
	const char *doc;
} config_keys[] = {
	{ "database", "dbname=sangdam", false, 0, 0, "libpq connection string" },
	{ "socket_dir", "var/run", false, 0, 0, "folder of the FastCGI sockets NAME.sock" },
	{ "var_dir", "var", false, 0, 0, "folder for state that is not in the database" },
	{ "root_dir", ".", false, 0, 0, "folder holding templates/, static/ and migrations/" },
	{ "base_url", "", false, 0, 0, "address people use to reach the service" },
	{ "secret", "", false, 0, 0, "at least 32 characters: keys for CSRF tokens and signed values" },
	{ "workers", "2", true, 1, 64, "worker processes per FastCGI program" },
	{ "db_idle_seconds", "60", true, 1, 86400,
	    "seconds without a request after which a program's thread closes its database connection" },
	{ "argon2", "interactive", false, 0, 0, "password hashing cost: interactive or min" },
	{ "cookie_secure", "0", false, 0, 0, "1 when served over HTTPS: cookies get Secure" },
	{ "mail_dir", "", false, 0, 0, "folder where outgoing mail is kept" },
	{ "sendmail", "/usr/sbin/sendmail", false, 0, 0, "program that delivers mail" },
	{ "mail_from", "sangdam@localhost", false, 0, 0, "sender address of mail" },
	{ "approve_accounts", "manual", false, 0, 0, "manual (an operator reviews) or auto" },
	{ "max_accounts", "10", true, 1, 1000, "most accounts one partner may create" },
	{ "session_idle_minutes", "720", true, 5, 525600, "a session ends after this long idle" },
	{ "session_max_hours", "720", true, 1, 87600, "a session ends after this long in all" },
	{ "login_limit", "5", true, 1, 1000000,
	    "failed log-ins per email and address, and addresses failing for an email, in 15 min" },
	{ "login_limit_address", "30", true, 1, 1000000,
	    "failed log-ins per client address in 15 minutes before 429" },
	{ "upload_dir", NULL, false, 0, 0, "folder of uploaded files" },
	{ "talk_rate_address", "300", true, 1, 1000000, "customer messages per address per minute" },
	{ "talk_rate_customer", "20", true, 1, 1000000, "messages per customer per minute" },
	{ "events_threads", "4", true, 1, 64, "request threads of one events worker process" },
	{ "events_keepalive_seconds", "15", true, 1, 300, "seconds between keep-alive comments" },
	{ "events_stream_seconds", "600", true, 5, 3600, "seconds before a stream is ended" },
	{ "talk_action_rate_address", "120", true, 1, 1000000,
	    "customers' friend, unfriend and leave requests per address per minute" },
	{ "talk_action_rate_customer", "10", true, 1, 1000000,
	    "friend, unfriend and leave requests per customer per minute" },
	{ "talk_new_customers_address", "200", true, 1, 1000000,
	    "new customers (a first message or friend) per address per hour" },
	{ "database_owner", "", false, 0, 0,
	    "libpq connection string of the owner role, for migrations (bin/sangdamctl only)" },
	{ "listen_backlog", "128", true, 1, 4096,
	    "connections waiting for a program's busy workers before nginx answers 503" },
	{ "nginx_worker_connections", "16384", true, 512, 65536,
	    "connections one private nginx worker holds (bin/sangdamctl only)" },
	{ "nginx_conn_per_address", "256", true, 1, 65535,
	    "requests one client address may have open at once in nginx before 429" },
	{ "nginx_page_rate", "20", true, 1, 100000,
	    "requests per second per address to the programs, before 429 (nginx)" },
	{ "nginx_page_burst", "200", true, 0, 100000,
	    "requests per address above nginx_page_rate taken at once" },
	{ "nginx_post_rate", "120", true, 1, 100000,
	    "public POSTs (sign-in, customer posts) per minute per address, before 429 (nginx)" },
	{ "nginx_post_burst", "60", true, 0, 100000,
	    "public POSTs per address above nginx_post_rate taken at once" },
	{ "events_workers", "1", true, 1, 64, "worker processes of the events program" },
	{ "events_listen_backlog", "4096", true, 1, 65535,
	    "streams opening at once that wait in the events socket before nginx answers 503" },
	{ "events_agent_streams", "2000", true, 1, 1000000,
	    "agents' streams one events worker holds" },
	{ "events_customer_streams", "12000", true, 1, 1000000,
	    "customers' streams one events worker holds" },
	{ "events_per_customer", "4", true, 1, 1000, "open streams per customer cookie" },
	{ "events_per_session", "10", true, 1, 1000, "open streams per partner session" },
	{ "events_per_address", "50", true, 1, 1000000,
	    "customers' open streams per client address" },
	{ "events_per_address_agents", "500", true, 1, 1000000,
	    "agents' open streams per client address" },
	{ "session_max_count", "50", true, 1, 100000,
	    "live sessions one partner may have; a new one ends the oldest beyond it" },
	{ "totp_fresh_hours", "12", true, 1, 720,
	    "hours a passed second factor opens the chat pages before another code" },
	{ "max_members", "100", true, 2, 10000,
	    "most members (master and managers) of one account" },
	{ "export_dir", NULL, false, 0, 0,
	    "folder of consultation history backups (served through /_exports/)" },
	{ "export_pause_ms", "0", true, 0, 10000,
	    "milliseconds a backup rests after each 10,000 rows, to leave the disk to the chat" },
	{ "talk_threads", "4", true, 1, 64,
	    "request threads of one talk worker process: posts in flight share each disk flush" },
	{ "inbox_threads", "2", true, 1, 64,
	    "request threads of one inbox worker process: one renders a page while another "
	    "waits for the database" },
};

static const struct config_key *config_key_find(const char *name)
{
	for (size_t i = 0; i < sizeof(config_keys) / sizeof(config_keys[0]); i++)
		if (strcmp(config_keys[i].name, name) == 0)
			return &config_keys[i];
	return NULL;
}

const char *config_key_at(size_t index)
{
	return index < sizeof(config_keys) / sizeof(config_keys[0]) ? config_keys[index].name : NULL;
}

static struct {
	char *key;
	char *value;
} config_entries[CONFIG_MAX];
static int config_count;

static char *config_trim(char *text)
{
	while (*text == ' ' || *text == '\t')
		text++;
	size_t length = strlen(text);
	while (length > 0 && strchr(" \t\r\n", text[length - 1]) != NULL)
		text[--length] = '\0';
	return text;
}

void config_set(const char *key, const char *value)
{
	for (int i = 0; i < config_count; i++) {
		if (strcmp(config_entries[i].key, key) == 0) {
			free(config_entries[i].value);
			config_entries[i].value = strdup(value);
			return;
		}
	}
	if (config_count == CONFIG_MAX)
		return;
	config_entries[config_count].key = strdup(key);
	config_entries[config_count].value = strdup(value);
	config_count++;
}

int config_load(const char *path)
{
	FILE *file = fopen(path, "r");
	if (file == NULL) {
		fprintf(stderr, "config: cannot read %s: %s\n", path, strerror(errno));
		return -1;
	}
	char line[4096];
	int number = 0, result = 0;
	while (fgets(line, sizeof(line), file) != NULL) {
		number++;
		char *text = config_trim(line);
		if (*text == '\0' || *text == '#')
			continue;
		char *equals = strchr(text, '=');
		if (equals == NULL) {
			fprintf(stderr, "config: %s:%d: expected key = value\n", path, number);
			result = -1;
			break;
		}
		*equals = '\0';
		const char *key = config_trim(text);
		const char *value = config_trim(equals + 1);
		const struct config_key *known = config_key_find(key);
		long long checked;
		if (known == NULL)
			fprintf(stderr, "config: %s:%d: unknown key %s (a typo?)\n", path, number, key);
		else if (known->is_int && text_to_int(value, known->min, known->max, &checked) != 0)
			fprintf(stderr, "config: %s:%d: %s must be a whole number from %lld to %lld; "
			    "%s is used\n", path, number, key, known->min, known->max, known->fallback);
		config_set(key, value);
	}
	fclose(file);
	return result;
}

static const char *config_value(const char *key)
{
	for (int i = 0; i < config_count; i++)
		if (strcmp(config_entries[i].key, key) == 0)
			return config_entries[i].value;
	return NULL;
}

/* The table's line of key; a key the table lacks is a programming error,
 * which tests/unit/test_config.c finds by reading the sources. */
static const struct config_key *config_known(const char *key)
{
	const struct config_key *known = config_key_find(key);
	if (known == NULL) {
		fprintf(stderr, "config: %s is not in the table in src/config.c\n", key);
		abort();
	}
	return known;
}

const char *config_str(const char *key)
{
	const struct config_key *known = config_known(key);
	const char *value = config_value(key);
	return value != NULL ? value : known->fallback;
}

long long config_num(const char *key)
{
	const struct config_key *known = config_known(key);
	long long fallback = 0, number;
	if (!known->is_int || text_to_int(known->fallback, known->min, known->max, &fallback) != 0)
		abort(); /* the table itself is wrong: unit_config says so */
	const char *value = config_value(key);
	if (value == NULL || text_to_int(value, known->min, known->max, &number) != 0)
		return fallback;
	return number;
}

bool config_flag(const char *key)
{
	const char *value = config_str(key);
	return value != NULL && (strcmp(value, "1") == 0 || strcmp(value, "yes") == 0
	    || strcmp(value, "true") == 0 || strcmp(value, "on") == 0);
}

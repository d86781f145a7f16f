/* log: plain lines on stderr; the process manager puts them in VAR/log/NAME.log. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static _Thread_local char log_request_id[24] = "-";

void log_set_request_id(const char *id)
{
	snprintf(log_request_id, sizeof(log_request_id), "%s", id != NULL ? id : "-");
}

static void log_line(const char *level, const char *format, va_list args)
{
	char stamp[32], message[2048];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	vsnprintf(message, sizeof(message), format, args);
	/* One fprintf per line keeps lines whole when several workers share the file. */
	fprintf(stderr, "%s %s %d %s %s\n", stamp, level, (int)getpid(), log_request_id, message);
}

void log_error(const char *format, ...)
{
	va_list args;
	va_start(args, format);
	log_line("error", format, args);
	va_end(args);
}

void log_info(const char *format, ...)
{
	va_list args;
	va_start(args, format);
	log_line("info", format, args);
	va_end(args);
}

void log_request(const char *method, const char *path, int status, double milliseconds,
    long long partner_id)
{
	char safe_path[256];
	size_t i = 0;
	/* Paths come from the client: keep the line one line. */
	for (; path[i] != '\0' && i + 1 < sizeof(safe_path); i++)
		safe_path[i] = (path[i] < 0x20 || path[i] == 0x7f) ? '?' : path[i];
	safe_path[i] = '\0';
	log_info("%s %s %d %.1fms partner=%lld", method, safe_path, status, milliseconds, partner_id);
}

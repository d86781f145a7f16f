/* log: one line per request with its id, and error lines that carry the same id. */
#ifndef SANGDAM_LOG_H
#define SANGDAM_LOG_H

/* Sets the id that later log_error lines of this thread carry ("-" when none). */
void log_set_request_id(const char *id);

/* Writes "time level id message" to stderr (the program's log file). */
void log_error(const char *format, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* The access line written at the end of every request. */
void log_request(const char *method, const char *path, int status, double milliseconds,
    long long partner_id);

#endif

/* config: the `key = value` file every program reads at start. */
#ifndef SANGDAM_CONFIG_H
#define SANGDAM_CONFIG_H

#include <stdbool.h>

/* Reads path; later lines override earlier ones. Returns 0, or -1 with a
 * message on stderr when the file cannot be read or a line is malformed. */
int config_load(const char *path);

/* The value of key, or fallback when the key is absent. */
const char *config_get(const char *key, const char *fallback);
/* The value of key as an integer in [min, max], or fallback when absent or invalid. */
long long config_int(const char *key, long long fallback, long long min, long long max);
bool config_bool(const char *key, bool fallback);

/* Sets a value in memory (tests and command-line overrides). */
void config_set(const char *key, const char *value);

#endif

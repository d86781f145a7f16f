/* config: the `key = value` file every program reads at start. */
#ifndef SANGDAM_CONFIG_H
#define SANGDAM_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

/* Reads path; later lines override earlier ones. Returns 0, or -1 with a
 * message on stderr when the file cannot be read or a line is malformed. */
int config_load(const char *path);

/* Every key has one line in the table in config.c: its default, for
 * integers its range, and a line of doc. */

/* The value of key, or the table's default (NULL for a key without one).
 * Every function here aborts for a key the table lacks: a programming error
 * that the unit test finds by reading the sources. */
const char *config_str(const char *key);
/* The value of an integer key within the table's range, else its default. */
long long config_num(const char *key);
/* The name of the table's key at index, or NULL past the end. */
const char *config_key_at(size_t index);

/* True when key's value is 1, yes, true or on. */
bool config_flag(const char *key);

/* Sets a value in memory (tests and command-line overrides). */
void config_set(const char *key, const char *value);

#endif

/* config: a small table of key/value strings read once per program. */
#include "config.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CONFIG_MAX = 128 };

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
		config_set(config_trim(text), config_trim(equals + 1));
	}
	fclose(file);
	return result;
}

const char *config_get(const char *key, const char *fallback)
{
	for (int i = 0; i < config_count; i++)
		if (strcmp(config_entries[i].key, key) == 0)
			return config_entries[i].value;
	return fallback;
}

long long config_int(const char *key, long long fallback, long long min, long long max)
{
	const char *value = config_get(key, NULL);
	long long number;
	if (value == NULL || text_to_int(value, min, max, &number) != 0)
		return fallback;
	return number;
}

bool config_bool(const char *key, bool fallback)
{
	const char *value = config_get(key, NULL);
	if (value == NULL)
		return fallback;
	return strcmp(value, "1") == 0 || strcmp(value, "yes") == 0 || strcmp(value, "true") == 0
	    || strcmp(value, "on") == 0;
}

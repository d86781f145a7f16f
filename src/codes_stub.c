/* codes_stub: TEMPORARY stand-in for the codes library (src/codes.c, written
 * by another branch) so that this branch links and its tests run; plain
 * UTF-8 text files only. Delete this file when the library is merged. */
#include "codes.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char codes_alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

void codes_generate(char *out, size_t length)
{
	for (size_t i = 0; i < length; i++)
		out[i] = codes_alphabet[randombytes_uniform(sizeof(codes_alphabet) - 1)];
	out[length] = '\0';
}

bool codes_probability_parse(const char *text, long long *out)
{
	long long whole = 0, fraction = 0;
	int digits = 0, decimals = 0;
	const char *p = text;
	for (; *p >= '0' && *p <= '9' && digits < 4; p++, digits++)
		whole = whole * 10 + (*p - '0');
	if (digits == 0)
		return false;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9' && decimals < 6; p++, decimals++)
			fraction = fraction * 10 + (*p - '0');
	if (*p != '\0' || decimals > 5 || (p[-1] == '.'))
		return false;
	for (int i = decimals; i < 7; i++)
		fraction *= 10;
	long long units = whole * 10000000 + fraction;
	if (units < 100 || units > 1000000000)
		return false;
	*out = units;
	return true;
}

static void codes_problem(struct codes_report *report, long long line, int kind)
{
	report->bad++;
	if (report->first_count < 100)
		report->first[report->first_count++] = (struct codes_problem) { line, kind };
}

int codes_read_file(const char *path, codes_sink sink, void *ctx, struct codes_report *report)
{
	memset(report, 0, sizeof(*report));
	FILE *file = fopen(path, "r");
	if (file == NULL)
		return CODES_EUNREADABLE;
	char line[256];
	int result = 0;
	while (result == 0 && fgets(line, sizeof(line), file) != NULL) {
		long long number = ++report->lines;
		size_t length = strcspn(line, "\r\n");
		line[length] = '\0';
		if (length == 0)
			continue;
		if (length > 24)
			codes_problem(report, number, CODES_TOO_LONG);
		else if (report->codes >= 5000000)
			result = CODES_ETOO_MANY;
		else if (sink(ctx, line, length, number) != 0)
			result = CODES_EUNREADABLE;
		else
			report->codes++;
	}
	fclose(file);
	return result;
}

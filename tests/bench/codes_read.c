/* codes_read: reads code files with codes_read_file and prints, for each, the
 * result, the counts and the time taken (the code reader's part of
 * tests/bench/run; peak memory comes from /usr/bin/time -v around it). */
#include "codes.h"

#include <stdio.h>
#include <time.h>

/* Counts the codes; keeps nothing, as the worker streams them to the database. */
static int count_code(void *ctx, const char *code, size_t length, long long line)
{
	(void)code, (void)length, (void)line;
	(*(long long *)ctx)++;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct codes_report report;
		struct timespec start, end;
		long long count = 0;
		clock_gettime(CLOCK_MONOTONIC, &start);
		int result = codes_read_file(argv[i], count_code, &count, &report);
		clock_gettime(CLOCK_MONOTONIC, &end);
		double seconds = (double)(end.tv_sec - start.tv_sec) +
		    (double)(end.tv_nsec - start.tv_nsec) / 1e9;
		printf("%s: result %d, %lld lines, %lld codes, %lld bad, %.2f s\n", argv[i], result,
		    report.lines, count, report.bad, seconds);
		if (result != 0)
			return 1;
	}
	return 0;
}

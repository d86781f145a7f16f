/* fixtures.h: where a unit test finds its fixtures, tests/unit/fixtures/SUB,
 * from the tree's root or from beside the build/tests folder of the binary. */
#ifndef SANGDAM_TEST_FIXTURES_H
#define SANGDAM_TEST_FIXTURES_H

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Writes into dir (size bytes) the folder tests/unit/fixtures + sub (sub ""
 * or "/codes"): relative when probe, a file in it, is there from the working
 * folder, else beside the binary. 0, or -1 (no /proc/self/exe, too long). */
static inline int fixtures_find(char *dir, size_t size, const char *sub, const char *probe)
{
	char path[PATH_MAX];
	struct stat st;
	snprintf(path, sizeof(path), "tests/unit/fixtures%s/%s", sub, probe);
	if (stat(path, &st) == 0) {
		snprintf(dir, size, "tests/unit/fixtures%s", sub);
		return 0;
	}
	char exe[PATH_MAX];
	ssize_t length = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (length <= 0)
		return -1;
	exe[length] = '\0';
	char *slash = strrchr(exe, '/');
	if (slash == NULL)
		return -1;
	*slash = '\0';
	int n = snprintf(dir, size, "%s/../../tests/unit/fixtures%s", exe, sub);
	return n > 0 && (size_t)n < size ? 0 : -1;
}

#endif

/* zip_guard: a zip archive judged by its central directory before any
 * entry is inflated (zip bombs, nested archives, path traversal). */
#include "zip_guard.h"

#include <string.h>
#include <strings.h>

bool zip_guard_path_safe(const char *name)
{
	if (name == NULL || name[0] == '\0' || name[0] == '/' || strchr(name, '\\') != NULL)
		return false;
	if (name[1] == ':')
		return false;
	const char *part = name;
	for (;;) {
		const char *end = strchr(part, '/');
		size_t length = end != NULL ? (size_t)(end - part) : strlen(part);
		if (end != NULL && length == 0)
			return false;
		if ((length == 1 && part[0] == '.') || (length == 2 && part[0] == '.' && part[1] == '.'))
			return false;
		if (end == NULL)
			return true;
		part = end + 1;
		if (*part == '\0')
			return true; /* a folder entry "a/b/" */
	}
}

/* True when name ends like an archive that would be inflated again. */
static bool is_nested_archive(const char *name)
{
	static const char *const endings[] = {
		".zip", ".xlsx", ".xlsm", ".docx", ".jar", ".gz", ".tgz", ".bz2", ".xz",
		".7z", ".rar", ".tar", ".zst",
	};
	size_t length = strlen(name);
	for (size_t i = 0; i < sizeof(endings) / sizeof(endings[0]); i++) {
		size_t n = strlen(endings[i]);
		if (length >= n && strcasecmp(name + length - n, endings[i]) == 0)
			return true;
	}
	return false;
}

/* The verdict on one entry, adding its declared size to *total. */
static enum zip_verdict check_entry(const zip_stat_t *st, const struct zip_limits *limits,
    uint64_t *total)
{
	const zip_uint64_t need = ZIP_STAT_NAME | ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE;
	if ((st->valid & need) != need)
		return ZIP_GUARD_UNREADABLE;
	if ((st->valid & ZIP_STAT_ENCRYPTION_METHOD) && st->encryption_method != ZIP_EM_NONE)
		return ZIP_GUARD_ENCRYPTED;
	if (!zip_guard_path_safe(st->name))
		return ZIP_GUARD_PATH;
	if (limits->refuse_nested && is_nested_archive(st->name))
		return ZIP_GUARD_NESTED;
	if (st->size > 0 && (st->comp_size == 0 || st->size / st->comp_size >= limits->max_ratio))
		return ZIP_GUARD_RATIO;
	if (st->size > limits->max_total_bytes - *total)
		return ZIP_GUARD_SIZE;
	*total += st->size;
	return ZIP_GUARD_OK;
}

enum zip_verdict zip_guard_check(zip_t *archive, const struct zip_limits *limits,
    zip_int64_t *entry)
{
	zip_int64_t count = zip_get_num_entries(archive, 0);
	if (count < 0)
		return ZIP_GUARD_UNREADABLE;
	if ((uint64_t)count > limits->max_entries) {
		if (entry != NULL)
			*entry = (zip_int64_t)limits->max_entries;
		return ZIP_GUARD_ENTRIES;
	}
	uint64_t total = 0;
	for (zip_int64_t i = 0; i < count; i++) {
		zip_stat_t st;
		enum zip_verdict verdict = ZIP_GUARD_UNREADABLE;
		if (zip_stat_index(archive, (zip_uint64_t)i, 0, &st) == 0)
			verdict = check_entry(&st, limits, &total);
		if (verdict != ZIP_GUARD_OK) {
			if (entry != NULL)
				*entry = i;
			return verdict;
		}
	}
	return ZIP_GUARD_OK;
}

/* zip_guard: judges a zip archive (an uploaded xlsx, a backup to restore) by
 * its central directory before anything is inflated: too many entries, sizes
 * or a compression ratio that look like a zip bomb, archives inside, and
 * names that would escape a folder (".." or absolute paths). */
#ifndef SANGDAM_ZIP_GUARD_H
#define SANGDAM_ZIP_GUARD_H

#include <stdbool.h>
#include <stdint.h>
#include <zip.h>

struct zip_limits {
	uint64_t max_entries;     /* e.g. 1,000 for an xlsx */
	uint64_t max_total_bytes; /* sum of the declared uncompressed sizes */
	uint64_t max_ratio;       /* uncompressed / compressed, per entry: 100 */
	bool refuse_nested;       /* entries named *.zip, *.xlsx, *.gz ... */
};

enum zip_verdict {
	ZIP_GUARD_OK = 0,
	ZIP_GUARD_UNREADABLE,   /* not a zip, or its directory is damaged */
	ZIP_GUARD_ENTRIES,      /* more entries than max_entries */
	ZIP_GUARD_SIZE,         /* declared total over max_total_bytes */
	ZIP_GUARD_RATIO,        /* an entry compressed more than max_ratio:1 */
	ZIP_GUARD_NESTED,       /* an archive inside */
	ZIP_GUARD_PATH,         /* "..", an absolute path, a backslash or a drive */
	ZIP_GUARD_ENCRYPTED,
};

/* Checks every entry of archive against limits using only the declared sizes
 * of the central directory (nothing is inflated). Returns the verdict; on a
 * refusal *entry (when not NULL) is the index of the entry that caused it.
 * A reader must still stop at an entry's declared size: the directory can
 * lie, and libzip's CRC check catches a mismatch only at the end. */
enum zip_verdict zip_guard_check(zip_t *archive, const struct zip_limits *limits,
    zip_int64_t *entry);

/* True when name is a safe relative path: not empty, no leading "/", no
 * backslash, no "X:" drive, no "." or ".." component, no empty component. */
bool zip_guard_path_safe(const char *name);

#endif

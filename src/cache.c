/* cache: stores the answers of cached routes where nginx finds them by URL
 * (try_files in the locations sangdamctl writes for them), and forgets them. */
#define _XOPEN_SOURCE 700
#include "cache.h"
#include "arena.h"
#include "config.h"
#include "http.h"
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Folders are 0750 and files 0640: nginx runs as the app user or in its
 * group (INSTALL), as for uploads. */
enum { CACHE_FOLDER_MODE = 0750, CACHE_FILE_MODE = 0640 };

/* Writes "var_dir/cache" followed by suffix into out; 0, or -1 when too long. */
static int cache_path(char *out, size_t size, const char *suffix)
{
	int length = snprintf(out, size, "%s/cache%s", config_str("var_dir"), suffix);
	if (length < 0 || (size_t)length >= size) {
		log_error("cache: path too long under %s", config_str("var_dir"));
		return -1;
	}
	return 0;
}

/* nftw's callback of cache_remove_tree: removes each entry, children first. */
static int cache_remove_entry(const char *path, const struct stat *info, int flag, struct FTW *walk)
{
	(void)info;
	(void)flag;
	(void)walk;
	if (remove(path) != 0 && errno != ENOENT)
		log_error("cache: cannot remove %s: %s", path, strerror(errno));
	return 0;
}

/* Moves folder aside (so that nothing reads or fills it half removed), then
 * removes it with everything in it. 0 (also when it is missing), or -1. */
static int cache_remove_tree(const char *folder)
{
	char aside[PATH_MAX];
	int length = snprintf(aside, sizeof(aside), "%s.gone-XXXXXX", folder);
	if (length < 0 || (size_t)length >= sizeof(aside) || mkdtemp(aside) == NULL)
		return -1;
	/* a folder may replace an empty one */
	if (rename(folder, aside) != 0) {
		int error = errno;
		rmdir(aside);
		errno = error;
		return error == ENOENT ? 0 : -1;
	}
	return nftw(aside, cache_remove_entry, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}

/* True when the file at path holds exactly text. */
static bool cache_file_holds(const char *path, const char *text)
{
	FILE *file = fopen(path, "r");
	if (file == NULL)
		return false;
	size_t length = strlen(text);
	char *read = malloc(length + 2);
	bool same = read != NULL && fread(read, 1, length + 1, file) == length
	    && memcmp(read, text, length) == 0;
	free(read);
	fclose(file);
	return same;
}

/* Writes length bytes to path through a temporary file in the same folder
 * and a rename. The temporary name starts with a dot, which no route's
 * segment matches: nginx never sends a file half written. 0, or -1 (the
 * temporary file is gone). */
static int cache_write_file(const char *path, const void *data, size_t length)
{
	char temporary[PATH_MAX];
	const char *slash = strrchr(path, '/');
	int folder = slash != NULL ? (int)(slash - path) : 0;
	int printed = snprintf(temporary, sizeof(temporary), "%.*s/.tmp-XXXXXX", folder, path);
	if (slash == NULL || printed < 0 || (size_t)printed >= sizeof(temporary))
		return -1;
	int fd = mkstemp(temporary);
	if (fd < 0)
		return -1;
	bool written = fchmod(fd, CACHE_FILE_MODE) == 0
	    && write(fd, data, length) == (ssize_t)length;
	if (close(fd) != 0 || !written || rename(temporary, path) != 0) {
		unlink(temporary);
		return -1;
	}
	return 0;
}

int cache_prepare(void)
{
	char root[PATH_MAX], pages[PATH_MAX], stamp[PATH_MAX];
	const char *base_url = config_str("base_url");
	if (cache_path(root, sizeof(root), "") != 0 || cache_path(pages, sizeof(pages), "/pages") != 0
	    || cache_path(stamp, sizeof(stamp), "/pages.base_url") != 0)
		return -1;
	if (mkdir(root, CACHE_FOLDER_MODE) != 0 && errno != EEXIST) {
		log_error("cache: cannot make %s: %s", root, strerror(errno));
		return -1;
	}
	if (!cache_file_holds(stamp, base_url)) {
		if (cache_remove_tree(pages) != 0)
			log_error("cache: cannot empty %s", pages);
		if (cache_write_file(stamp, base_url, strlen(base_url)) != 0) {
			log_error("cache: cannot write %s", stamp);
			return -1;
		}
	}
	if (mkdir(pages, CACHE_FOLDER_MODE) != 0 && errno != EEXIST) {
		log_error("cache: cannot make %s: %s", pages, strerror(errno));
		return -1;
	}
	return 0;
}

/* Makes the folders of the file path below var_dir/cache/pages (the part of
 * path from offset on). 0, or -1. */
static int cache_make_folders(char *path, size_t offset)
{
	for (char *slash = strchr(path + offset + 1, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		int made = mkdir(path, CACHE_FOLDER_MODE);
		int error = errno;
		*slash = '/';
		if (made != 0 && error != EEXIST)
			return -1;
	}
	return 0;
}

int cache_answer(struct request *req, const char *content_type, const void *data,
    size_t length)
{
	char path[PATH_MAX], pages[PATH_MAX];
	req->content_type = content_type; /* nginx keeps it through X-Accel-Redirect */
	req->cacheable = true;            /* its location /_cache/ says how long */
	if (cache_path(pages, sizeof(pages), "/pages") == 0
	    && cache_path(path, sizeof(path), arena_printf(req->arena, "/pages%s", req->path)) == 0
	    && cache_make_folders(path, strlen(pages)) == 0
	    && cache_write_file(path, data, length) == 0) {
		http_header(req, "X-Accel-Redirect", arena_printf(req->arena, "/_cache%s", req->path));
		return 200;
	}
	log_error("cache: cannot store %s: %s", req->path, strerror(errno));
	http_header(req, "Cache-Control", "public, max-age=86400");
	strbuf_append(&req->body, data, length);
	return 200;
}

int cache_forget(struct arena *arena, const char *path)
{
	char folder[PATH_MAX];
	if (path[0] != '/' || strstr(path, "/.") != NULL
	    || cache_path(folder, sizeof(folder), arena_printf(arena, "/pages%s", path)) != 0)
		return -1;
	if (cache_remove_tree(folder) != 0) {
		log_error("cache: cannot remove %s: %s", folder, strerror(errno));
		return -1;
	}
	return 0;
}

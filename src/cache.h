/* cache: the answers of cached routes (route.h), kept as files under
 * var_dir/cache/pages at their URL path so that nginx sends them itself. */
#ifndef SANGDAM_CACHE_H
#define SANGDAM_CACHE_H

#include <stddef.h>

struct arena;
struct request;

/* Empties var_dir/cache/pages when it was filled under another base_url
 * (what the cached answers, QR codes of chat URLs, depend on) and records
 * the current one in the file var_dir/cache/pages.base_url. For the master
 * of a program with cached routes, before its workers start (config is read
 * once per start, so a changed base_url takes effect there). 0, or -1
 * (logged) when the folder cannot be made; cache_answer then sends the
 * bytes itself. */
int cache_prepare(void);

/* Answers req, a GET of a cached route, with length bytes of data:
 * stores them as the file of req->path (through a temporary file and a
 * rename, so that readers and concurrent first requests only ever see one
 * whole file) and answers X-Accel-Redirect /_cache/PATH, so that nginx
 * sends this first answer as it sends the later ones (location /_cache/ in
 * conf/; the same ETag, Last-Modified and headers), with content_type. When
 * the file cannot be stored (logged), the data goes in the body. Returns the
 * status, 200. */
int cache_answer(struct request *req, const char *content_type, const void *data,
    size_t length);

/* Removes the cached files under path (e.g. "/a/CODE", an account that is
 * gone). Path must start with '/' and hold no "." or ".." segment.
 * 0, or -1 (logged). */
int cache_forget(struct arena *arena, const char *path);

#endif

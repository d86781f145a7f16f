/* arena: per-request memory; everything a request allocates is freed by one call at its end. */
#ifndef SANGDAM_ARENA_H
#define SANGDAM_ARENA_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct arena;

/* Creates an empty arena, or NULL when memory is exhausted. */
struct arena *arena_new(void);
/* Frees every block and runs every registered cleanup, newest first. */
void arena_free(struct arena *arena);
/* Frees everything but keeps the arena (and its first block) for reuse. */
void arena_reset(struct arena *arena);

/* Zeroed memory that lives until the arena is freed; aborts on exhaustion,
 * because a request that cannot get memory cannot answer either. */
void *arena_alloc(struct arena *arena, size_t size);
char *arena_strdup(struct arena *arena, const char *text);
char *arena_strndup(struct arena *arena, const char *text, size_t length);
char *arena_printf(struct arena *arena, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *arena, const char *format, va_list args);

/* Registers function(data) to run when the arena is freed or reset: how a
 * request owns things from other libraries (PGresult, dictionaries). */
void arena_on_free(struct arena *arena, void (*function)(void *), void *data);

/* Bytes handed out since the arena was made or last reset. */
size_t arena_used(const struct arena *arena);

/* A growing string; its memory belongs to the arena. */
struct strbuf {
	struct arena *arena;
	char *data;
	size_t length;
	size_t capacity;
};

void strbuf_init(struct strbuf *buf, struct arena *arena);
void strbuf_puts(struct strbuf *buf, const char *text);

/* Grows buf so that length more bytes and the NUL fit; strbuf_reserve's
 * slow path. */
void strbuf_grow(struct strbuf *buf, size_t length);

/* Room for length more bytes at the end of buf (and its NUL): the caller
 * writes at most length bytes there, then says how many with strbuf_commit.
 * For writers that produce text in place (csv_out's libcsv). */
static inline char *strbuf_reserve(struct strbuf *buf, size_t length)
{
	if (buf->length + length + 1 > buf->capacity)
		strbuf_grow(buf, length);
	return buf->data + buf->length;
}

/* Counts used (<= the length reserved) bytes written at strbuf_reserve's
 * pointer as appended. */
static inline void strbuf_commit(struct strbuf *buf, size_t used)
{
	buf->length += used;
	buf->data[buf->length] = '\0';
}

/* Appends length bytes of data. Inline: pages and backups append a few
 * bytes at a time, hundreds of millions of times in a backup. */
static inline void strbuf_append(struct strbuf *buf, const char *data, size_t length)
{
	char *end = strbuf_reserve(buf, length);
	memcpy(end, data, length);
	strbuf_commit(buf, length);
}
void strbuf_printf(struct strbuf *buf, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
/* The text so far, always NUL-terminated (an empty string before any append). */
const char *strbuf_text(struct strbuf *buf);

#endif

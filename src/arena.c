/* arena: bump allocation in chunks, with cleanups, freed all at once per request. */
#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_CHUNK = 64 * 1024, ARENA_ALIGN = 16 };

struct arena_block {
	struct arena_block *next;
	size_t size;
	size_t used;
	/* Every allocation is ARENA_ALIGN-aligned only if the data starts so:
	 * after three size_t fields it would be 8-aligned (malloc gives 16). */
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

struct arena_cleanup {
	struct arena_cleanup *next;
	void (*function)(void *);
	void *data;
};

struct arena {
	struct arena_block *blocks; /* newest first */
	struct arena_cleanup *cleanups;
	size_t used;
};

static void arena_out_of_memory(void)
{
	fputs("arena: out of memory\n", stderr);
	abort();
}

static struct arena_block *arena_block_new(size_t size)
{
	struct arena_block *block = malloc(sizeof(*block) + size);
	if (block == NULL)
		arena_out_of_memory();
	block->next = NULL;
	block->size = size;
	block->used = 0;
	return block;
}

struct arena *arena_new(void)
{
	struct arena *arena = calloc(1, sizeof(*arena));
	if (arena == NULL)
		return NULL;
	arena->blocks = arena_block_new(ARENA_CHUNK);
	return arena;
}

static void arena_run_cleanups(struct arena *arena)
{
	while (arena->cleanups != NULL) {
		struct arena_cleanup *cleanup = arena->cleanups;
		arena->cleanups = cleanup->next;
		cleanup->function(cleanup->data);
	}
}

void arena_reset(struct arena *arena)
{
	arena_run_cleanups(arena);
	/* Keep one ordinary chunk; a large upload's block goes back at once. */
	struct arena_block *keep = NULL;
	while (arena->blocks != NULL) {
		struct arena_block *block = arena->blocks;
		arena->blocks = block->next;
		if (keep == NULL && block->size == ARENA_CHUNK)
			keep = block;
		else
			free(block);
	}
	if (keep == NULL)
		keep = arena_block_new(ARENA_CHUNK);
	keep->next = NULL;
	keep->used = 0;
	arena->blocks = keep;
	arena->used = 0;
}

void arena_free(struct arena *arena)
{
	if (arena == NULL)
		return;
	arena_reset(arena);
	free(arena->blocks);
	free(arena);
}

void *arena_alloc(struct arena *arena, size_t size)
{
	size_t rounded = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (rounded < size)
		arena_out_of_memory();
	struct arena_block *block = arena->blocks;
	if (block->size - block->used < rounded) {
		/* A large request gets a block of its own, placed behind the current
		 * one so that the space left in the current block stays usable. */
		if (rounded > ARENA_CHUNK / 4) {
			struct arena_block *big = arena_block_new(rounded);
			big->next = block->next;
			block->next = big;
			big->used = rounded;
			arena->used += rounded;
			memset(big->data, 0, rounded);
			return big->data;
		}
		block = arena_block_new(ARENA_CHUNK);
		block->next = arena->blocks;
		arena->blocks = block;
	}
	void *memory = block->data + block->used;
	block->used += rounded;
	arena->used += rounded;
	memset(memory, 0, rounded);
	return memory;
}

char *arena_strndup(struct arena *arena, const char *text, size_t length)
{
	char *copy = arena_alloc(arena, length + 1);
	memcpy(copy, text, length);
	copy[length] = '\0';
	return copy;
}

char *arena_strdup(struct arena *arena, const char *text)
{
	return arena_strndup(arena, text, strlen(text));
}

char *arena_vprintf(struct arena *arena, const char *format, va_list args)
{
	va_list copy;
	va_copy(copy, args);
	int length = vsnprintf(NULL, 0, format, copy);
	va_end(copy);
	if (length < 0)
		return arena_strdup(arena, "");
	char *text = arena_alloc(arena, (size_t)length + 1);
	vsnprintf(text, (size_t)length + 1, format, args);
	return text;
}

char *arena_printf(struct arena *arena, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	char *text = arena_vprintf(arena, format, args);
	va_end(args);
	return text;
}

void arena_on_free(struct arena *arena, void (*function)(void *), void *data)
{
	struct arena_cleanup *cleanup = arena_alloc(arena, sizeof(*cleanup));
	cleanup->function = function;
	cleanup->data = data;
	cleanup->next = arena->cleanups;
	arena->cleanups = cleanup;
}

size_t arena_used(const struct arena *arena)
{
	return arena->used;
}

void strbuf_init(struct strbuf *buf, struct arena *arena)
{
	buf->arena = arena;
	buf->data = NULL;
	buf->length = 0;
	buf->capacity = 0;
}

void strbuf_grow(struct strbuf *buf, size_t length)
{
	size_t capacity = buf->capacity ? buf->capacity * 2 : 256;
	while (capacity < buf->length + length + 1)
		capacity *= 2;
	char *grown = arena_alloc(buf->arena, capacity);
	if (buf->length > 0)
		memcpy(grown, buf->data, buf->length);
	buf->data = grown;
	buf->capacity = capacity;
}

void strbuf_puts(struct strbuf *buf, const char *text)
{
	strbuf_append(buf, text, strlen(text));
}

void strbuf_printf(struct strbuf *buf, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	char *text = arena_vprintf(buf->arena, format, args);
	va_end(args);
	strbuf_puts(buf, text);
}

const char *strbuf_text(struct strbuf *buf)
{
	return buf->data != NULL ? buf->data : "";
}

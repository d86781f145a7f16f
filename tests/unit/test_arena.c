/* Unit tests of arena: small and large allocations, zeroing, alignment, the
 * string helpers, strbuf growth, cleanups and reuse after reset. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

static int setup(void **state)
{
	*state = arena_new();
	return *state == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	arena_free(*state);
	return 0;
}

static bool all_zero(const unsigned char *memory, size_t size)
{
	for (size_t i = 0; i < size; i++)
		if (memory[i] != 0)
			return false;
	return true;
}

static void test_many_small_allocations(void **state)
{
	struct arena *arena = *state;
	enum { COUNT = 20000 };
	unsigned char **blocks = malloc(COUNT * sizeof(*blocks));
	size_t *sizes = malloc(COUNT * sizeof(*sizes));
	assert_non_null(blocks);
	assert_non_null(sizes);
	/* Several 64 KiB chunks' worth; each block filled with its own byte. */
	for (size_t i = 0; i < COUNT; i++) {
		sizes[i] = 1 + (i * 31) % 200;
		blocks[i] = arena_alloc(arena, sizes[i]);
		assert_non_null(blocks[i]);
		assert_true(all_zero(blocks[i], sizes[i]));
		memset(blocks[i], (int)(i % 251) + 1, sizes[i]);
	}
	/* No block was overwritten by a later one. */
	for (size_t i = 0; i < COUNT; i++)
		for (size_t k = 0; k < sizes[i]; k++)
			if (blocks[i][k] != (unsigned char)((i % 251) + 1))
				fail_msg("block %zu byte %zu overwritten", i, k);
	free(blocks);
	free(sizes);
}

static void test_large_allocations(void **state)
{
	struct arena *arena = *state;
	unsigned char *small = arena_alloc(arena, 100);
	memset(small, 's', 100);
	/* Just past the large threshold, then a full chunk, then bigger. */
	static const size_t sizes[] = { 16 * 1024 + 1, 20000, 64 * 1024, 64 * 1024 + 1, 300000 };
	unsigned char *large[sizeof(sizes) / sizeof(sizes[0])];
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		large[i] = arena_alloc(arena, sizes[i]);
		assert_true(all_zero(large[i], sizes[i]));
		memset(large[i], 'A' + (int)i, sizes[i]);
	}
	/* Small allocations still come after a large one, without overlap. */
	unsigned char *after = arena_alloc(arena, 100);
	assert_true(all_zero(after, 100));
	memset(after, 'z', 100);
	for (size_t i = 0; i < 100; i++)
		assert_int_equal(small[i], 's');
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		assert_int_equal(large[i][0], 'A' + (int)i);
		assert_int_equal(large[i][sizes[i] - 1], 'A' + (int)i);
	}
}

static void test_five_megabytes(void **state)
{
	struct arena *arena = *state;
	size_t size = 5 * 1024 * 1024;
	unsigned char *big = arena_alloc(arena, size);
	assert_non_null(big);
	assert_true(all_zero(big, size));
	memset(big, 0xAB, size);
	assert_true(arena_used(arena) >= size);
	/* Freed at reset (AddressSanitizer's leak check would tell otherwise). */
	arena_reset(arena);
	assert_int_equal(arena_used(arena), 0);
	unsigned char *again = arena_alloc(arena, size);
	assert_true(all_zero(again, size));
}

static void test_zeroing_after_reset(void **state)
{
	struct arena *arena = *state;
	for (int round = 0; round < 3; round++) {
		unsigned char *memory = arena_alloc(arena, 4096);
		assert_true(all_zero(memory, 4096));
		memset(memory, 0xFF, 4096);
		unsigned char *more = arena_alloc(arena, 1000);
		assert_true(all_zero(more, 1000));
		memset(more, 0xFF, 1000);
		arena_reset(arena);
	}
	/* Zero-size allocations are harmless. */
	void *nothing = arena_alloc(arena, 0);
	(void)nothing;
	unsigned char *one = arena_alloc(arena, 1);
	assert_int_equal(*one, 0);
}

static void test_alignment(void **state)
{
	struct arena *arena = *state;
	static const size_t sizes[] = { 1, 2, 3, 7, 8, 15, 16, 17, 31, 33, 100, 1000, 16385,
		70000 };
	for (int round = 0; round < 50; round++) {
		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			void *memory = arena_alloc(arena, sizes[i]);
			if ((uintptr_t)memory % 16 != 0)
				fail_msg("allocation of %zu bytes at %p", sizes[i], memory);
		}
	}
	/* Strings are aligned too (they come from arena_alloc). */
	assert_int_equal((uintptr_t)arena_strdup(arena, "x") % 16, 0);
	assert_int_equal((uintptr_t)arena_printf(arena, "%d", 5) % 16, 0);
}

static void test_strdup_and_strndup(void **state)
{
	struct arena *arena = *state;
	const char *source = "hello, \xec\x84\xb8\xec\x83\x81";
	char *copy = arena_strdup(arena, source);
	assert_string_equal(copy, source);
	assert_ptr_not_equal(copy, source);
	assert_string_equal(arena_strndup(arena, "abcdef", 3), "abc");
	assert_string_equal(arena_strndup(arena, "abcdef", 0), "");
	/* strndup copies exactly length bytes, NUL included, and terminates. */
	char *with_nul = arena_strndup(arena, "a\0b", 3);
	assert_memory_equal(with_nul, "a\0b\0", 4);
	assert_string_equal(arena_strdup(arena, ""), "");
}

static void test_printf(void **state)
{
	struct arena *arena = *state;
	assert_string_equal(arena_printf(arena, "%s-%d-%05.1f", "a", -42, 3.14159), "a--42-003.1");
	assert_string_equal(arena_printf(arena, "%s", ""), "");
	assert_string_equal(arena_printf(arena, "%zu %lld", (size_t)7, -9223372036854775807LL - 1),
	    "7 -9223372036854775808");
	/* Longer than a chunk. */
	char *long_text = arena_printf(arena, "[%0100000d]", 0);
	assert_int_equal(strlen(long_text), 100002);
	assert_int_equal(long_text[0], '[');
	assert_int_equal(long_text[100001], ']');
	assert_int_equal(long_text[50000], '0');
}

static void test_strbuf_empty(void **state)
{
	struct strbuf buf;
	strbuf_init(&buf, *state);
	assert_string_equal(strbuf_text(&buf), "");
	assert_int_equal(buf.length, 0);
	strbuf_append(&buf, "", 0);
	assert_string_equal(strbuf_text(&buf), "");
	assert_int_equal(buf.length, 0);
	strbuf_puts(&buf, "");
	assert_string_equal(strbuf_text(&buf), "");
}

static void test_strbuf_growth(void **state)
{
	struct arena *arena = *state;
	struct strbuf buf;
	strbuf_init(&buf, arena);
	enum { APPENDS = 50000 };
	for (int i = 0; i < APPENDS; i++)
		strbuf_append(&buf, i % 2 == 0 ? "ab" : "cde", i % 2 == 0 ? 2 : 3);
	assert_int_equal(buf.length, APPENDS / 2 * 5);
	assert_int_equal(strlen(strbuf_text(&buf)), buf.length);
	const char *text = strbuf_text(&buf);
	for (size_t i = 0; i < buf.length; i += 5)
		if (memcmp(text + i, "abcde", 5) != 0)
			fail_msg("strbuf content wrong at %zu", i);
	assert_true(buf.capacity > buf.length);
	/* One append much larger than the capacity. */
	char *big = malloc(1000000);
	assert_non_null(big);
	memset(big, 'q', 1000000);
	strbuf_append(&buf, big, 1000000);
	free(big);
	assert_int_equal(buf.length, APPENDS / 2 * 5 + 1000000);
	assert_int_equal(strbuf_text(&buf)[buf.length - 1], 'q');
	assert_int_equal(strbuf_text(&buf)[buf.length], '\0');
	assert_memory_equal(strbuf_text(&buf), "abcdeabcde", 10);
}

static void test_strbuf_printf_and_binary(void **state)
{
	struct strbuf buf;
	strbuf_init(&buf, *state);
	strbuf_printf(&buf, "%s=%d", "count", 3);
	strbuf_puts(&buf, "; ");
	strbuf_printf(&buf, "%c", 'x');
	assert_string_equal(strbuf_text(&buf), "count=3; x");
	/* Appends are by length: a NUL inside is kept. */
	strbuf_append(&buf, "\0y", 2);
	assert_int_equal(buf.length, 12);
	assert_memory_equal(strbuf_text(&buf), "count=3; x\0y\0", 13);
	/* Appending the buffer's own text to itself. */
	struct strbuf self;
	strbuf_init(&self, *state);
	strbuf_puts(&self, "abc");
	for (int i = 0; i < 10; i++)
		strbuf_append(&self, self.data, self.length);
	assert_int_equal(self.length, 3 * 1024);
	assert_memory_equal(self.data + 3 * 1023, "abc", 4);
}

/* Cleanups record their order here. */
static int cleanup_log[16];
static int cleanup_count;

static void record(void *data)
{
	cleanup_log[cleanup_count++] = *(int *)data;
}

static void test_on_free_order_at_free(void **state)
{
	static int ids[] = { 1, 2, 3, 4 };
	struct arena *arena = arena_new();
	assert_non_null(arena);
	cleanup_count = 0;
	for (int i = 0; i < 4; i++)
		arena_on_free(arena, record, &ids[i]);
	assert_int_equal(cleanup_count, 0);
	arena_free(arena);
	assert_int_equal(cleanup_count, 4);
	assert_int_equal(cleanup_log[0], 4);
	assert_int_equal(cleanup_log[1], 3);
	assert_int_equal(cleanup_log[2], 2);
	assert_int_equal(cleanup_log[3], 1);
	arena_free(NULL);
	(void)state;
}

static void test_on_free_order_at_reset(void **state)
{
	static int ids[] = { 10, 20, 30 };
	struct arena *arena = *state;
	cleanup_count = 0;
	arena_on_free(arena, record, &ids[0]);
	/* Cleanups registered around large allocations still run. */
	arena_alloc(arena, 100000);
	arena_on_free(arena, record, &ids[1]);
	arena_alloc(arena, 70000);
	arena_on_free(arena, record, &ids[2]);
	arena_reset(arena);
	assert_int_equal(cleanup_count, 3);
	assert_int_equal(cleanup_log[0], 30);
	assert_int_equal(cleanup_log[1], 20);
	assert_int_equal(cleanup_log[2], 10);
	/* Each runs once: not again at the next reset or at free. */
	arena_reset(arena);
	assert_int_equal(cleanup_count, 3);
	arena_on_free(arena, record, &ids[1]);
	arena_reset(arena);
	assert_int_equal(cleanup_count, 4);
	assert_int_equal(cleanup_log[3], 20);
}

/* Frees a block registered by test_on_free_frees_heap, counting the calls;
 * each block holds its own address, so a wrong pointer is caught too. */
static int counted_frees;

static void counting_free(void *data)
{
	assert_ptr_equal(*(void **)data, data);
	counted_frees++;
	free(data);
}

static void *counted_block(void)
{
	void **block = malloc(1000);
	assert_non_null(block);
	*block = block;
	return block;
}

static void test_on_free_frees_heap(void **state)
{
	(void)state;
	/* Counted rather than left to the leak checker, which make check-asan
	 * turns off (detect_leaks=0): every registered block is handed back
	 * exactly once, at reset and at free. */
	struct arena *arena = arena_new();
	assert_non_null(arena);
	counted_frees = 0;
	for (int i = 0; i < 10; i++)
		arena_on_free(arena, counting_free, counted_block());
	assert_int_equal(counted_frees, 0);
	arena_reset(arena);
	assert_int_equal(counted_frees, 10);
	arena_on_free(arena, counting_free, counted_block());
	arena_reset(arena);
	assert_int_equal(counted_frees, 11);
	arena_on_free(arena, counting_free, counted_block());
	arena_free(arena);
	assert_int_equal(counted_frees, 12);
}

static void test_reuse_after_reset(void **state)
{
	struct arena *arena = *state;
	assert_int_equal(arena_used(arena), 0);
	for (int round = 0; round < 20; round++) {
		char *text = arena_strdup(arena, "first");
		for (int i = 0; i < 2000; i++)
			arena_alloc(arena, 100);
		arena_alloc(arena, 1 << 20);
		assert_true(arena_used(arena) >= 2000 * 100 + (1 << 20));
		assert_string_equal(text, "first");
		arena_reset(arena);
		assert_int_equal(arena_used(arena), 0);
	}
	char *text = arena_printf(arena, "after %d resets", 20);
	assert_string_equal(text, "after 20 resets");
}

static void test_used_counts_rounded(void **state)
{
	struct arena *arena = *state;
	arena_alloc(arena, 1);
	assert_int_equal(arena_used(arena), 16);
	arena_alloc(arena, 16);
	assert_int_equal(arena_used(arena), 32);
	arena_alloc(arena, 17);
	assert_int_equal(arena_used(arena), 64);
	arena_alloc(arena, 20000);
	assert_int_equal(arena_used(arena), 64 + 20000);
	arena_alloc(arena, 20001);
	assert_int_equal(arena_used(arena), 64 + 20000 + 20016);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_many_small_allocations, setup, teardown),
		cmocka_unit_test_setup_teardown(test_large_allocations, setup, teardown),
		cmocka_unit_test_setup_teardown(test_five_megabytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_zeroing_after_reset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alignment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_strdup_and_strndup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_printf, setup, teardown),
		cmocka_unit_test_setup_teardown(test_strbuf_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_strbuf_growth, setup, teardown),
		cmocka_unit_test_setup_teardown(test_strbuf_printf_and_binary, setup, teardown),
		cmocka_unit_test(test_on_free_order_at_free),
		cmocka_unit_test_setup_teardown(test_on_free_order_at_reset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_on_free_frees_heap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reuse_after_reset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_used_counts_rounded, setup, teardown),
	};
	return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}

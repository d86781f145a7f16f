/* Unit tests of qr: PNG sizes from the IHDR, every pixel against libqrencode's
 * modules, scanning with zbarimg when it is installed, the SVG's path, limits. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <png.h>
#include <stdbool.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"
#include "qr.h"

#define URL "http://127.0.0.1:8080/talk/AB12CD34"

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

static uint32_t read_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The reference modules, quiet zone included: dark[y * n + x]; malloc'd. */
static unsigned char *reference(const char *text, int *n)
{
	QRcode *code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	assert_non_null(code);
	*n = code->width + 2 * QR_QUIET;
	unsigned char *dark = calloc((size_t)*n * (size_t)*n, 1);
	assert_non_null(dark);
	for (int y = 0; y < code->width; y++)
		for (int x = 0; x < code->width; x++)
			dark[(y + QR_QUIET) * *n + x + QR_QUIET] = code->data[y * code->width + x] & 1;
	QRcode_free(code);
	return dark;
}

/* The PNG's signature and IHDR: exactly size x size, 8-bit greyscale; then every
 * pixel, decoded with libpng, shows its module: modules of size / n pixels,
 * centred, the rest white. */
static void check_png(int size)
{
	unsigned char *png = NULL;
	size_t length = 0;

	assert_int_equal(qr_png(URL, size, &png, &length), 0);
	assert_non_null(png);
	assert_true(length > 33);
	assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
	assert_int_equal(read_be32(png + 8), 13);
	assert_memory_equal(png + 12, "IHDR", 4);
	assert_int_equal(read_be32(png + 16), size);
	assert_int_equal(read_be32(png + 20), size);
	assert_int_equal(png[24], 8); /* bit depth */
	assert_int_equal(png[25], 0); /* greyscale */

	png_image image;
	memset(&image, 0, sizeof(image));
	image.version = PNG_IMAGE_VERSION;
	assert_true(png_image_begin_read_from_memory(&image, png, length));
	image.format = PNG_FORMAT_GRAY;
	unsigned char *pixels = malloc(PNG_IMAGE_SIZE(image));
	assert_non_null(pixels);
	assert_true(png_image_finish_read(&image, NULL, pixels, 0, NULL));
	int n;
	unsigned char *dark = reference(URL, &n);
	int scale = size / n;
	int offset = (size - scale * n) / 2;
	for (int y = 0; y < size; y++) {
		for (int x = 0; x < size; x++) {
			int module_x = x < offset ? -1 : (x - offset) / scale;
			int module_y = y < offset ? -1 : (y - offset) / scale;
			bool is_dark = module_x >= 0 && module_x < n && module_y >= 0 && module_y < n &&
			    dark[module_y * n + module_x];
			int want = is_dark ? 0 : 255;
			if (pixels[y * size + x] != want)
				fail_msg("size %d: pixel (%d, %d) is %d", size, x, y, pixels[y * size + x]);
		}
	}
	free(dark);
	free(pixels);
	free(png);
}

static void test_png_50(void **state)
{
	(void)state;
	check_png(50);
}

static void test_png_350(void **state)
{
	(void)state;
	check_png(350);
}

static void test_png_600(void **state)
{
	(void)state;
	check_png(600);
}

/* What zbarimg reads from length bytes of an image (suffix: ".png", ".svg"):
 * a malloc'd string, or NULL when it read nothing; *status is its exit status
 * (0 read, 4 no code found, others: the image could not be read). Skips the
 * test when zbarimg is not installed. */
static char *zbar_scan(const void *image, size_t length, const char *suffix, int *status)
{
	if (system("command -v zbarimg >/dev/null 2>&1") != 0)
		skip();
	char path[64];
	snprintf(path, sizeof(path), "/tmp/sangdam-qr-test-XXXXXX%s", suffix);
	int fd = mkstemps(path, (int)strlen(suffix));
	assert_true(fd >= 0);
	assert_int_equal(write(fd, image, length), (ssize_t)length);
	close(fd);

	char command[128];
	snprintf(command, sizeof(command), "zbarimg --raw -q '%s' 2>/dev/null", path);
	FILE *pipe = popen(command, "r");
	assert_non_null(pipe);
	char *out = calloc(1, 4096);
	assert_non_null(out);
	size_t got = fread(out, 1, 4095, pipe);
	int rc = pclose(pipe);
	*status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
	unlink(path);
	while (got > 0 && out[got - 1] == '\n')
		out[--got] = '\0';
	if (got == 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* What zbarimg reads from a PNG of text at size (see zbar_scan). */
static char *zbar_read(const char *text, int size)
{
	unsigned char *png;
	size_t length;
	int status;

	assert_int_equal(qr_png(text, size, &png, &length), 0);
	char *read = zbar_scan(png, length, ".png", &status);
	free(png);
	return read;
}

static void test_png_scans(void **state)
{
	static const int scannable[] = { 350, 600 };
	(void)state;
	for (size_t i = 0; i < sizeof(scannable) / sizeof(scannable[0]); i++) {
		char *read = zbar_read(URL, scannable[i]);
		if (read == NULL)
			fail_msg("zbarimg read nothing at %d px", scannable[i]);
		assert_string_equal(read, URL);
		free(read);
	}

	/* The longest text, at 600 px. */
	char long_text[QR_TEXT_MAX + 1];
	for (int i = 0; i < QR_TEXT_MAX; i++)
		long_text[i] = "abcdefghijklmnopqrstuvwxyz0123456789"[i % 36];
	long_text[QR_TEXT_MAX] = '\0';
	char *read = zbar_read(long_text, 600);
	assert_non_null(read);
	assert_string_equal(read, long_text);
	free(read);
}

/* Counts the occurrences of needle in text. */
static int occurrences(const char *text, const char *needle)
{
	int count = 0;
	for (const char *p = strstr(text, needle); p != NULL; p = strstr(p + 1, needle))
		count++;
	return count;
}

/* The SVG: one path whose runs "MX Yh<run>v1h-<run>z" paint exactly the dark modules. */
static void test_svg(void **state)
{
	struct arena *arena = *state;
	const char *svg = NULL;
	int n;

	assert_int_equal(qr_svg(arena, URL, &svg), 0);
	assert_non_null(svg);
	assert_non_null(strstr(svg, "<svg"));
	assert_non_null(strstr(svg, "shape-rendering=\"crispEdges\""));
	assert_int_equal(occurrences(svg, "<path"), 1);
	unsigned char *dark = reference(URL, &n);
	char view_box[64];
	snprintf(view_box, sizeof(view_box), "viewBox=\"0 0 %d %d\"", n, n);
	assert_non_null(strstr(svg, view_box));

	unsigned char *painted = calloc((size_t)n * (size_t)n, 1);
	assert_non_null(painted);
	const char *p = strstr(strstr(svg, "<path"), " d=\"");
	assert_non_null(p);
	p += 4;
	while (*p == 'M') {
		int x, y, run, back, used;
		assert_int_equal(sscanf(p, "M%d %dh%dv1h-%dz%n", &x, &y, &run, &back, &used), 4);
		assert_int_equal(run, back);
		assert_true(x >= 0 && y >= 0 && run > 0 && x + run <= n && y < n);
		for (int k = 0; k < run; k++) {
			assert_int_equal(painted[y * n + x + k], 0);
			painted[y * n + x + k] = 1;
		}
		p += used;
	}
	assert_int_equal(*p, '"');
	assert_memory_equal(painted, dark, (size_t)n * (size_t)n);
	free(painted);
	free(dark);
}

/* The SVG scans too, when zbarimg's image library can draw SVG at all. */
static void test_svg_scans(void **state)
{
	struct arena *arena = *state;
	const char *svg;
	int status;

	assert_int_equal(qr_svg(arena, URL, &svg), 0);
	char *read = zbar_scan(svg, strlen(svg), ".svg", &status);
	if (read == NULL && status != 4)
		skip();
	if (read == NULL)
		fail_msg("zbarimg found no code in the SVG");
	assert_string_equal(read, URL);
	free(read);
}

static void test_limits(void **state)
{
	struct arena *arena = *state;
	char text[QR_TEXT_MAX + 2];
	unsigned char *png = (unsigned char *)"unset";
	size_t length = 7;
	const char *svg = "unset";

	memset(text, 'a', QR_TEXT_MAX + 1);
	text[QR_TEXT_MAX + 1] = '\0';
	assert_int_equal(qr_png(text, 600, &png, &length), -1);
	assert_null(png);
	assert_int_equal(length, 0);
	assert_int_equal(qr_svg(arena, text, &svg), -1);
	assert_null(svg);

	text[QR_TEXT_MAX] = '\0';
	assert_int_equal(qr_svg(arena, text, &svg), 0);
	assert_int_equal(qr_png(text, 600, &png, &length), 0);
	free(png);
	/* Too many modules for 50 pixels. */
	assert_int_equal(qr_png(text, 50, &png, &length), -1);
	assert_null(png);

	assert_int_equal(qr_png("", 350, &png, &length), -1);
	assert_int_equal(qr_png(NULL, 350, &png, &length), -1);
	assert_int_equal(qr_svg(arena, "", &svg), -1);
	assert_int_equal(qr_svg(arena, NULL, &svg), -1);
	assert_int_equal(qr_png(URL, 0, &png, &length), -1);
	assert_int_equal(qr_png(URL, -350, &png, &length), -1);
	assert_int_equal(qr_png(URL, 20, &png, &length), -1);
	assert_int_equal(qr_png(URL, QR_SIZE_MAX + 1, &png, &length), -1);
	assert_null(png);
	assert_int_equal(qr_png(URL, QR_SIZE_MAX, &png, &length), 0);
	free(png);
}

/* At 50 px a chat URL is one pixel a module, too small for zbar as it is;
 * enlarged 8 times without smoothing (as a print layout would) it scans. */
static void test_png_50_scans_enlarged(void **state)
{
	enum { SIZE = 50, SCALE = 8, BIG = SIZE * SCALE };
	unsigned char *png;
	size_t length;
	png_image image;
	static unsigned char small[SIZE * SIZE], big[BIG * BIG];
	int status;

	(void)state;
	assert_int_equal(qr_png(URL, SIZE, &png, &length), 0);
	memset(&image, 0, sizeof(image));
	image.version = PNG_IMAGE_VERSION;
	assert_true(png_image_begin_read_from_memory(&image, png, length));
	image.format = PNG_FORMAT_GRAY;
	assert_true(png_image_finish_read(&image, NULL, small, 0, NULL));
	free(png);
	for (int y = 0; y < BIG; y++)
		for (int x = 0; x < BIG; x++)
			big[y * BIG + x] = small[(y / SCALE) * SIZE + x / SCALE];

	memset(&image, 0, sizeof(image));
	image.version = PNG_IMAGE_VERSION;
	image.width = BIG;
	image.height = BIG;
	image.format = PNG_FORMAT_GRAY;
	png_alloc_size_t big_length = 0;
	assert_true(png_image_write_to_memory(&image, NULL, &big_length, 0, big, 0, NULL));
	unsigned char *big_png = malloc(big_length);
	assert_non_null(big_png);
	assert_true(png_image_write_to_memory(&image, big_png, &big_length, 0, big, 0, NULL));
	char *read = zbar_scan(big_png, big_length, ".png", &status);
	free(big_png);
	if (read == NULL)
		fail_msg("zbarimg read nothing from the enlarged 50 px code (status %d)", status);
	assert_string_equal(read, URL);
	free(read);
}

/* Korean text in a code survives the trip through zbarimg at 350 px. */
static void test_png_scans_utf8(void **state)
{
	static const char text[] = "상담 https://example.com/talk/가나다";
	(void)state;
	char *read = zbar_read(text, 350);
	assert_non_null(read);
	assert_string_equal(read, text);
	free(read);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_png_50),
		cmocka_unit_test(test_png_350),
		cmocka_unit_test(test_png_600),
		cmocka_unit_test(test_png_scans),
		cmocka_unit_test(test_png_50_scans_enlarged),
		cmocka_unit_test(test_png_scans_utf8),
		cmocka_unit_test_setup_teardown(test_svg, setup, teardown),
		cmocka_unit_test_setup_teardown(test_svg_scans, setup, teardown),
		cmocka_unit_test_setup_teardown(test_limits, setup, teardown),
	};
	return cmocka_run_group_tests_name("qr", tests, NULL, NULL);
}

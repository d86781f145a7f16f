/* Unit tests of image_size: PNG, JPEG (with and without an EXIF quarter
 * turn), GIF and WebP headers, and cut or unknown data refused. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "image_size.h"

static void test_png(void **state)
{
	static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
		'I', 'H', 'D', 'R', 0, 0, 2, 0x58, 0, 0, 3, 0x84, 8, 2, 0, 0, 0 };
	int w, h;
	assert_int_equal(image_size(png, sizeof(png), &w, &h), 0);
	assert_int_equal(w, 600);
	assert_int_equal(h, 900);
	assert_int_equal(image_size(png, 20, &w, &h), -1); /* cut */
	assert_int_equal(w, 0);
}

/* A JPEG of SOI, an optional APP1 EXIF with orientation, SOF0 30x20. */
static size_t jpeg(unsigned char *out, int orientation)
{
	size_t n = 0;
	static const unsigned char soi[] = { 0xff, 0xd8 };
	memcpy(out, soi, 2);
	n = 2;
	if (orientation != 0) {
		static const unsigned char app1[] = { 0xff, 0xe1, 0, 34, 'E', 'x', 'i', 'f', 0, 0,
			'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0,
			0, 0, 0, 0 };
		memcpy(out + n, app1, sizeof(app1));
		out[n + 29] = (unsigned char)orientation; /* the SHORT value, big-endian */
		n += sizeof(app1);
	}
	static const unsigned char sof[] = { 0xff, 0xc0, 0, 11, 8, 0, 20, 0, 30, 1, 1, 0x11, 0 };
	memcpy(out + n, sof, sizeof(sof));
	return n + sizeof(sof);
}

static void test_jpeg(void **state)
{
	unsigned char data[128];
	int w, h;
	size_t n = jpeg(data, 0);
	assert_int_equal(image_size(data, n, &w, &h), 0);
	assert_int_equal(w, 30);
	assert_int_equal(h, 20);
	n = jpeg(data, 6); /* turned a quarter: shown 20x30 */
	assert_int_equal(image_size(data, n, &w, &h), 0);
	assert_int_equal(w, 20);
	assert_int_equal(h, 30);
	n = jpeg(data, 3); /* upside down: unchanged */
	assert_int_equal(image_size(data, n, &w, &h), 0);
	assert_int_equal(w, 30);
	assert_int_equal(image_size(data, n - 8, &w, &h), -1); /* SOF cut */
}

static void test_gif_webp_unknown(void **state)
{
	static const unsigned char gif[] = { 'G', 'I', 'F', '8', '9', 'a', 7, 0, 5, 0 };
	int w, h;
	assert_int_equal(image_size(gif, sizeof(gif), &w, &h), 0);
	assert_int_equal(w, 7);
	assert_int_equal(h, 5);
	unsigned char webp[30] = { 'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8',
		'X' };
	webp[24] = 99; /* width - 1 */
	webp[27] = 49; /* height - 1 */
	assert_int_equal(image_size(webp, sizeof(webp), &w, &h), 0);
	assert_int_equal(w, 100);
	assert_int_equal(h, 50);
	static const unsigned char text[] = "hello, world";
	assert_int_equal(image_size(text, sizeof(text), &w, &h), -1);
	static const unsigned char zero[] = { 'G', 'I', 'F', '8', '7', 'a', 0, 0, 5, 0 };
	assert_int_equal(image_size(zero, sizeof(zero), &w, &h), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_png),
		cmocka_unit_test(test_jpeg),
		cmocka_unit_test(test_gif_webp_unknown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

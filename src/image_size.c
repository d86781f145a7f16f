/* image_size: reads an image's pixel size from its PNG IHDR, JPEG SOFn
 * marker (and EXIF orientation), GIF screen descriptor or WebP chunk. */
#include "image_size.h"

#include <stdbool.h>
#include <string.h>

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned le16(const unsigned char *p)
{
	return (unsigned)p[1] << 8 | p[0];
}

static unsigned long le24(const unsigned char *p)
{
	return (unsigned long)p[0] | (unsigned long)p[1] << 8 | (unsigned long)p[2] << 16;
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8
	    | p[3];
}

static int image_set(unsigned long w, unsigned long h, int *width, int *height)
{
	if (w < 1 || h < 1 || w > 65535 || h > 65535)
		return -1;
	*width = (int)w;
	*height = (int)h;
	return 0;
}

static int image_png(const unsigned char *d, size_t n, int *width, int *height)
{
	if (n < 24 || memcmp(d + 12, "IHDR", 4) != 0)
		return -1;
	return image_set(be32(d + 16), be32(d + 20), width, height);
}

static int image_gif(const unsigned char *d, size_t n, int *width, int *height)
{
	if (n < 10)
		return -1;
	return image_set(le16(d + 6), le16(d + 8), width, height);
}

static int image_webp(const unsigned char *d, size_t n, int *width, int *height)
{
	if (n < 30)
		return -1;
	if (memcmp(d + 12, "VP8 ", 4) == 0)
		return image_set(le16(d + 26) & 0x3fff, le16(d + 28) & 0x3fff, width, height);
	if (memcmp(d + 12, "VP8L", 4) == 0) {
		unsigned long bits = (unsigned long)d[21] | (unsigned long)d[22] << 8
		    | (unsigned long)d[23] << 16 | (unsigned long)d[24] << 24;
		return image_set((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1, width, height);
	}
	if (memcmp(d + 12, "VP8X", 4) == 0)
		return image_set(le24(d + 24) + 1, le24(d + 27) + 1, width, height);
	return -1;
}

/* The EXIF orientation (1..8) in an APP1 segment's payload p of n bytes, 1
 * when there is none. */
static unsigned jpeg_orientation(const unsigned char *p, size_t n)
{
	if (n < 14 || memcmp(p, "Exif\0\0", 6) != 0)
		return 1;
	const unsigned char *t = p + 6;
	size_t tn = n - 6;
	bool little = t[0] == 'I';
	unsigned long ifd = little ? ((unsigned long)t[7] << 24 | (unsigned long)t[6] << 16
	    | (unsigned long)t[5] << 8 | t[4]) : be32(t + 4);
	if (ifd + 2 > tn)
		return 1;
	unsigned count = little ? le16(t + ifd) : be16(t + ifd);
	for (unsigned i = 0; i < count; i++) {
		size_t at = ifd + 2 + (size_t)i * 12;
		if (at + 12 > tn)
			return 1;
		unsigned tag = little ? le16(t + at) : be16(t + at);
		if (tag == 0x0112) {
			unsigned value = little ? le16(t + at + 8) : be16(t + at + 8);
			return value >= 1 && value <= 8 ? value : 1;
		}
	}
	return 1;
}

static bool jpeg_is_sof(unsigned marker)
{
	return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8
	    && marker != 0xcc;
}

static int image_jpeg(const unsigned char *d, size_t n, int *width, int *height)
{
	size_t at = 2;
	unsigned orientation = 1;
	while (at + 4 <= n) {
		if (d[at] != 0xff)
			return -1;
		unsigned marker = d[at + 1];
		if (marker == 0xff) {
			at++;
			continue;
		}
		size_t length = be16(d + at + 2);
		if (length < 2 || at + 2 + length > n)
			return -1;
		if (marker == 0xe1 && orientation == 1)
			orientation = jpeg_orientation(d + at + 4, length - 2);
		if (jpeg_is_sof(marker)) {
			if (length < 7)
				return -1;
			unsigned h = be16(d + at + 5), w = be16(d + at + 7);
			return orientation >= 5 ? image_set(h, w, width, height)
			    : image_set(w, h, width, height);
		}
		at += 2 + length;
	}
	return -1;
}

int image_size(const unsigned char *data, size_t size, int *width, int *height)
{
	*width = *height = 0;
	int result = -1;
	if (size >= 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0)
		result = image_png(data, size, width, height);
	else if (size >= 3 && memcmp(data, "\xff\xd8\xff", 3) == 0)
		result = image_jpeg(data, size, width, height);
	else if (size >= 6 && (memcmp(data, "GIF87a", 6) == 0 || memcmp(data, "GIF89a", 6) == 0))
		result = image_gif(data, size, width, height);
	else if (size >= 12 && memcmp(data, "RIFF", 4) == 0 && memcmp(data + 8, "WEBP", 4) == 0)
		result = image_webp(data, size, width, height);
	if (result != 0)
		*width = *height = 0;
	return result;
}

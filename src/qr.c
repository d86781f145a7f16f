/* qr: encodes text with libqrencode and draws the modules as PNG or SVG. */
#include "qr.h"
#include "arena.h"
#include "log.h"

#include <png.h>
#include <qrencode.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Pixels per module of the SVG's natural size (it scales without loss). */
#define QR_SVG_SCALE 10

/* A PNG being written into memory; data is malloc'd. */
struct qr_buffer {
	unsigned char *data;
	size_t length;
	size_t capacity;
};

/* The code for text, or NULL for text that is empty, too long or unencodable
 * (logged). The caller frees it with QRcode_free. */
static QRcode *qr_encode(const char *text)
{
	if (text == NULL || *text == '\0' || strnlen(text, QR_TEXT_MAX + 1) > QR_TEXT_MAX)
		return NULL;
	QRcode *code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (code == NULL)
		log_error("qr: QRcode_encodeString failed for %zu bytes", strlen(text));
	return code;
}

/* True when module (x, y) of the code with its quiet zone is dark. */
static bool qr_dark(const QRcode *code, int x, int y)
{
	x -= QR_QUIET;
	y -= QR_QUIET;
	if (x < 0 || y < 0 || x >= code->width || y >= code->width)
		return false;
	return (code->data[y * code->width + x] & 1) != 0;
}

/* libpng's output callback: appends to the buffer, or fails through png_error. */
static void qr_png_write(png_structp png, png_bytep data, png_size_t length)
{
	struct qr_buffer *buffer = png_get_io_ptr(png);

	if (length > buffer->capacity - buffer->length) {
		size_t capacity = buffer->capacity == 0 ? 4096 : buffer->capacity;
		while (length > capacity - buffer->length) {
			if (capacity > SIZE_MAX / 2)
				png_error(png, "PNG too large");
			capacity *= 2;
		}
		unsigned char *grown = realloc(buffer->data, capacity);
		if (grown == NULL)
			png_error(png, "out of memory");
		buffer->data = grown;
		buffer->capacity = capacity;
	}
	memcpy(buffer->data + buffer->length, data, length);
	buffer->length += length;
}

static void qr_png_flush(png_structp png)
{
	(void)png;
}

static void qr_png_error(png_structp png, png_const_charp message)
{
	log_error("qr: libpng: %s", message);
	png_longjmp(png, 1);
}

static void qr_png_warning(png_structp png, png_const_charp message)
{
	(void)png;
	log_error("qr: libpng warning: %s", message);
}

/* The module (quiet zone included) that pixel p of a side shows, for modules
 * of scale pixels after offset pixels of extra margin; -1 in the margin. */
static int qr_module_at(int p, int offset, int scale)
{
	return p < offset ? -1 : (p - offset) / scale;
}

/* Writes the whole image into out. Every libpng call that can fail is made
 * here, after setjmp; the objects it touches belong to the caller, which
 * frees them whether this returns 0 or -1. */
static int qr_png_draw(png_structp png, png_infop info, const QRcode *code, int size,
    unsigned char *row, struct qr_buffer *out)
{
	int modules = code->width + 2 * QR_QUIET;
	int scale = size / modules;
	int offset = (size - scale * modules) / 2;

	if (setjmp(png_jmpbuf(png)))
		return -1;
	png_set_write_fn(png, out, qr_png_write, qr_png_flush);
	png_set_IHDR(png, info, (png_uint_32)size, (png_uint_32)size, 8, PNG_COLOR_TYPE_GRAY,
	    PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_set_compression_level(png, 9);
	png_write_info(png, info);
	for (int y = 0; y < size; y++) {
		int module_y = qr_module_at(y, offset, scale);
		for (int x = 0; x < size; x++)
			row[x] = qr_dark(code, qr_module_at(x, offset, scale), module_y) ? 0 : 255;
		png_write_row(png, row);
	}
	png_write_end(png, info);
	return 0;
}

int qr_png(const char *text, int size, unsigned char **png, size_t *length)
{
	int result = -1;
	QRcode *code = NULL;
	unsigned char *row = NULL;
	png_structp writer = NULL;
	png_infop info = NULL;
	struct qr_buffer out = { NULL, 0, 0 };

	*png = NULL;
	*length = 0;
	if (size <= 0 || size > QR_SIZE_MAX)
		goto done;
	code = qr_encode(text);
	if (code == NULL || code->width + 2 * QR_QUIET > size)
		goto done;
	row = malloc((size_t)size);
	if (row == NULL)
		goto done;
	writer = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, qr_png_error, qr_png_warning);
	if (writer == NULL)
		goto done;
	info = png_create_info_struct(writer);
	if (info == NULL)
		goto done;
	if (qr_png_draw(writer, info, code, size, row, &out) != 0)
		goto done;
	*png = out.data;
	*length = out.length;
	out.data = NULL;
	result = 0;
done:
	if (writer != NULL)
		png_destroy_write_struct(&writer, &info);
	free(out.data);
	free(row);
	if (code != NULL)
		QRcode_free(code);
	return result;
}

int qr_svg(struct arena *arena, const char *text, const char **svg)
{
	int result = -1;
	QRcode *code = NULL;
	struct strbuf buf;
	int modules;

	*svg = NULL;
	code = qr_encode(text);
	if (code == NULL)
		goto done;
	modules = code->width + 2 * QR_QUIET;
	strbuf_init(&buf, arena);
	strbuf_printf(&buf,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	    "viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">\n"
	    "<rect width=\"%d\" height=\"%d\" fill=\"#fff\" stroke=\"none\"/>\n"
	    "<path fill=\"#000\" stroke=\"none\" d=\"",
	    modules * QR_SVG_SCALE, modules * QR_SVG_SCALE, modules, modules, modules, modules);
	/* One rectangle per horizontal run of dark modules. */
	for (int y = 0; y < modules; y++) {
		for (int x = 0; x < modules;) {
			if (!qr_dark(code, x, y)) {
				x++;
				continue;
			}
			int run = 1;
			while (x + run < modules && qr_dark(code, x + run, y))
				run++;
			strbuf_printf(&buf, "M%d %dh%dv1h-%dz", x, y, run, run);
			x += run;
		}
	}
	strbuf_puts(&buf, "\"/>\n</svg>\n");
	*svg = strbuf_text(&buf);
	result = 0;
done:
	if (code != NULL)
		QRcode_free(code);
	return result;
}

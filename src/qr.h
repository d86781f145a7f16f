/* qr: QR codes (libqrencode) as PNG images (libpng) and as SVG. */
#ifndef SANGDAM_QR_H
#define SANGDAM_QR_H

#include <stddef.h>

struct arena;

enum {
	QR_TEXT_MAX = 1024, /* bytes of text one code may carry */
	QR_QUIET = 4,       /* modules of white border on every side */
	QR_SIZE_MAX = 4096, /* pixels of a PNG's side */
};

/* A PNG (8-bit greyscale) of text as a QR code with error correction M, exactly
 * size x size pixels with the quiet zone included. Every module is the same
 * whole number of pixels, floor(size / modules) where modules counts the code
 * and QR_QUIET modules of quiet zone on each side; the pixels left over widen
 * the quiet zone, split evenly. (Unequal modules, from stretching the code to
 * the full size, do not scan once enlarged; equal ones do: at 50 px a chat URL
 * is one pixel a module and scans enlarged, 350 and 600 scan as they are.)
 * Text must be 1..QR_TEXT_MAX bytes, and size at least the code's modules and
 * at most QR_SIZE_MAX. Returns 0 and sets *png (malloc'd: the caller frees it)
 * and *length, or -1 with *png NULL. */
int qr_png(const char *text, int size, unsigned char **png, size_t *length);

/* An SVG document of the same code (arena): a white background and one <path>
 * of the dark modules, viewBox in modules including the quiet zone, a natural
 * size of 10 px a module, shape-rendering="crispEdges". Returns 0 and sets
 * *svg, or -1 with *svg NULL. */
int qr_svg(struct arena *arena, const char *text, const char **svg);

#endif

/* image_size: the width and height of a PNG, JPEG, GIF or WebP image, read
 * from its header, so that pages can reserve an image's box before it loads. */
#ifndef SANGDAM_IMAGE_SIZE_H
#define SANGDAM_IMAGE_SIZE_H

#include <stddef.h>

/* Reads the pixel size of the image in data (size bytes) into *width and
 * *height (1..65535 each). For a JPEG the size is as displayed: swapped
 * when its EXIF orientation turns it a quarter (5..8). 0 found, -1 when the
 * type is unknown or the header is cut or out of range (both set to 0). */
int image_size(const unsigned char *data, size_t size, int *width, int *height);

#endif

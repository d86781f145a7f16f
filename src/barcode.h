/* barcode: a coupon code as a Code 128 barcode (COUP-1's offline use),
 * drawn with libzint and written as SVG markup. */
#ifndef SANGDAM_BARCODE_H
#define SANGDAM_BARCODE_H

struct arena;

/* The SVG element (arena) of code as Code 128 without the human-readable
 * line (the page shows the code as text beside it): black bars on white,
 * sized by its viewBox. NULL when code cannot be encoded (outside Latin-1,
 * empty) or libzint fails; the caller then shows the code alone. */
const char *barcode_code128_svg(struct arena *arena, const char *code);

#endif

/* barcode: Code 128 through libzint's vector output, written as SVG
 * rectangles (numbers only: the code itself never enters the markup). */
#include "barcode.h"
#include "arena.h"

#include <string.h>
#include <zint.h>

/* The rectangles of symbol's vector as an SVG element. */
static const char *barcode_svg_of(struct arena *arena, const struct zint_vector *vector)
{
	struct strbuf out;
	strbuf_init(&out, arena);
	strbuf_printf(&out, "<svg class=\"barcode\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %.2f %.2f\" role=\"img\" aria-hidden=\"true\">"
	    "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>", vector->width,
	    vector->height);
	for (const struct zint_vector_rect *r = vector->rectangles; r != NULL; r = r->next)
		strbuf_printf(&out, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"/>",
		    r->x, r->y, r->width, r->height);
	strbuf_puts(&out, "</svg>");
	return strbuf_text(&out);
}

const char *barcode_code128_svg(struct arena *arena, const char *code)
{
	size_t length = strlen(code);
	if (length == 0 || length > 80)
		return NULL;
	for (size_t i = 0; i < length; i++)
		if ((unsigned char)code[i] < 0x20 || (unsigned char)code[i] > 0x7e)
			return NULL;
	struct zint_symbol *symbol = ZBarcode_Create();
	if (symbol == NULL)
		return NULL;
	symbol->symbology = BARCODE_CODE128;
	symbol->show_hrt = 0;
	symbol->height = 40;
	const char *svg = NULL;
	if (ZBarcode_Encode(symbol, (const unsigned char *)code, (int)length) < ZINT_ERROR
	    && ZBarcode_Buffer_Vector(symbol, 0) < ZINT_ERROR && symbol->vector != NULL)
		svg = barcode_svg_of(arena, symbol->vector);
	ZBarcode_Delete(symbol);
	return svg;
}

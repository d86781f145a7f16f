/* coupon: the per-day statistics of a coupon as an SVG line chart drawn on
 * the server (COUP-7): page views, entries, wins and shares, oldest day on
 * the left. Only numbers and fixed strings go into the markup. */
#include "arena.h"
#include "db_coupons.h"
#include "http.h"
#include "pages.h"

enum { CHART_WIDTH = 600, CHART_HEIGHT = 200, CHART_PAD = 24 };

/* The value of series s of day. */
static long long day_value(const struct coupon_day *day, int s)
{
	switch (s) {
	case 0:
		return day->views;
	case 1:
		return day->entries;
	case 2:
		return day->wins;
	default:
		return day->shares;
	}
}

/* One polyline of series s across count days (newest first in days). */
static void chart_line(struct strbuf *out, const struct coupon_day *days, int count, int s,
    long long top)
{
	static const char *const classes[] = { "views", "entries", "wins", "shares" };
	strbuf_printf(out, "<polyline class=\"chart-%s\" fill=\"none\" points=\"", classes[s]);
	for (int i = 0; i < count; i++) {
		const struct coupon_day *day = &days[count - 1 - i];
		long long x = CHART_PAD + (count == 1 ? 0
		    : (long long)i * (CHART_WIDTH - 2 * CHART_PAD) / (count - 1));
		long long y = CHART_HEIGHT - CHART_PAD
		    - day_value(day, s) * (CHART_HEIGHT - 2 * CHART_PAD) / top;
		strbuf_printf(out, "%s%lld,%lld", i > 0 ? " " : "", x, y);
	}
	strbuf_puts(out, "\"/>");
}

const char *coupon_chart_svg(struct request *req, const struct coupon_day *days, int count)
{
	long long top = 1;
	for (int i = 0; i < count; i++)
		for (int s = 0; s < 4; s++)
			if (day_value(&days[i], s) > top)
				top = day_value(&days[i], s);
	struct strbuf out;
	strbuf_init(&out, req->arena);
	strbuf_printf(&out, "<svg class=\"coupon-chart\" viewBox=\"0 0 %d %d\" role=\"img\" "
	    "aria-hidden=\"true\" xmlns=\"http://www.w3.org/2000/svg\">", CHART_WIDTH,
	    CHART_HEIGHT);
	strbuf_printf(&out, "<line class=\"chart-axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
	    CHART_PAD, CHART_HEIGHT - CHART_PAD, CHART_WIDTH - CHART_PAD,
	    CHART_HEIGHT - CHART_PAD);
	strbuf_printf(&out, "<text x=\"2\" y=\"%d\">%lld</text>", CHART_PAD - 6, top);
	for (int s = 0; s < 4 && count > 0; s++)
		chart_line(&out, days, count, s, top);
	strbuf_puts(&out, "</svg>");
	return strbuf_text(&out);
}

/* view: the C API over ctemplate (the one C++ file) and the i18n catalogs.
 * Templates are read once per worker for each language, with every [[key]]
 * replaced by the catalog text; every template must auto-escape as HTML. */
#ifndef SANGDAM_VIEW_H
#define SANGDAM_VIEW_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct view; /* a dictionary: the page's, a section row's or an include's */

/* Loads catalogs and templates from templates_dir (its i18n/LANG/ folders).
 * Returns 0, or -1 with the reason on stderr: a missing catalog key in either
 * language, a template without the AUTOESCAPE pragma, or a syntax error. */
int view_init(const char *templates_dir);

/* The catalog text of key in lang; the key itself when missing (and logged). */
const char *view_text(const char *lang, const char *key);
/* True when both catalogs have key. */
int view_has_text(const char *key);

/* A new page dictionary for lang; freed by view_free (or view_render). */
struct view *view_new(const char *lang);
void view_free(struct view *view);
/* The language the view was made for. */
const char *view_lang(const struct view *view);

void view_set(struct view *view, const char *name, const char *value);
void view_set_int(struct view *view, const char *name, long long value);
/* Sets name to the catalog text of key in the view's language. */
void view_set_text(struct view *view, const char *name, const char *key);
void view_show(struct view *view, const char *section);
/* Adds one row of a repeated section; the row inherits the page's values. */
struct view *view_add_row(struct view *view, const char *section);
/* Includes template (a name like "part_nav") at {{>name}}. */
struct view *view_include(struct view *view, const char *name, const char *template_name);

/* Expands template_name ("page_login") with view. Returns a malloc'd string the
 * caller frees, or NULL when expansion failed (logged). Frees nothing. */
char *view_render(struct view *view, const char *template_name, size_t *length);

#ifdef __cplusplus
}
#endif

#endif

/* legal: the documents that a sign-up agrees to (이용약관 /terms, 개인정보
 * 처리방침 /privacy) and an account's creation (상담 계정 운영정책 /policy),
 * article by article from the catalogs (templates/i18n/LANG/legal.txt), which
 * the operator of a server adapts (INSTALL, "Terms and policies"). */
#include "pages.h"
#include "arena.h"
#include "http.h"
#include "page.h"
#include "view.h"

#include <stddef.h>
#include <string.h>

struct legal_document {
	const char *path;
	const char *name;  /* legal.NAME.* in the catalogs */
	int articles;      /* legal.NAME.1.head ... legal.NAME.N.body */
};

static const struct legal_document legal_documents[] = {
	{ "/terms", "terms", 7 },
	{ "/privacy", "privacy", 7 },
	{ "/policy", "policy", 4 },
};

int legal_show(struct request *req)
{
	const struct legal_document *document = NULL;
	for (size_t i = 0; i < sizeof(legal_documents) / sizeof(legal_documents[0]); i++)
		if (strcmp(req->path, legal_documents[i].path) == 0)
			document = &legal_documents[i];
	if (document == NULL)
		return 404;
	const char *title = arena_printf(req->arena, "legal.%s.title", document->name);
	struct view *view = page_new(req, title);
	view_set_text(view, "DOC_TITLE", title);
	for (int i = 1; i <= document->articles; i++) {
		struct view *row = view_add_row(view, "ARTICLES");
		view_set_text(row, "ARTICLE_HEAD",
		    arena_printf(req->arena, "legal.%s.%d.head", document->name, i));
		view_set_text(row, "ARTICLE_BODY",
		    arena_printf(req->arena, "legal.%s.%d.body", document->name, i));
	}
	return page_render(req, view, "page_legal", 200);
}

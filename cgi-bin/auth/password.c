/* password: a signed-in partner changes their password, which ends their
 * other sessions (AUTH-4). */
#include "pages.h"
#include "db_partners.h"
#include "form.h"
#include "http.h"
#include "session.h"

#include <string.h>

enum { PASSWORD_CURRENT, PASSWORD_NEW, PASSWORD__MAX };

static const struct param_field password_fields[PASSWORD__MAX] = {
	[PASSWORD_CURRENT] = { "current_password", PARAM_PASSWORD, true, 0, 0, NULL },
	[PASSWORD_NEW] = { "new_password", PARAM_PASSWORD, true, 0, 0, NULL },
};

static const struct form password_form = {
	.template_name = "page_password",
	.title = "password.title",
	.fields = password_fields,
	.field_count = PASSWORD__MAX,
};

int password_show(struct request *req)
{
	return form_show(req, &password_form, NULL, NULL, NULL, 200);
}

int password_post(struct request *req)
{
	struct param_value values[PASSWORD__MAX];
	int errors = form_read(req, &password_form, values, NULL);
	long long partner_id = req->session->partner_id;
	struct partner_login partner;
	if (db_partners_get_login_by_id(req->arena, partner_id, &partner) != 1)
		return -1;
	/* Whatever is wrong with the current password, one message says so;
	 * an empty field is said to be empty. */
	struct param_value *current = &values[PASSWORD_CURRENT];
	if (current->error != NULL) {
		if (strcmp(current->error, "err.required") != 0)
			current->error = "err.current_password";
	} else if (!auth_verify_password(partner.password_hash, current->text)) {
		current->error = "err.current_password";
		errors++;
	}
	if (errors > 0)
		return form_show(req, &password_form, values, NULL, NULL, 422);
	char hash[AUTH_HASH_LENGTH];
	if (auth_hash_password(values[PASSWORD_NEW].text, hash) != 0
	    || db_partners_set_password(req->arena, partner_id, hash) != 1
	    || session_end_others(req, partner_id, true) != 0)
		return -1;
	return form_done(req, "/settings", "password");
}

/* talk: the files of a customer's own room (GET /talk/CODE/files/ID) and the
 * account's profile and background images (GET /talk/CODE/images/NAME). */
#include "pages.h"
#include "db_accounts.h"
#include "db_attachments.h"
#include "http.h"
#include "upload.h"

#include <string.h>

int talk_file(struct request *req)
{
	struct chat_account account;
	struct chat_customer customer;
	int status = talk_visitor_load(req, &account, &customer);
	if (status != 0)
		return status;
	if (customer.id == 0)
		return 404;
	struct chat_attachment file;
	int found = db_attachments_get_for_customer(req->arena, account.id, customer.id, req->ids[1],
	    &file);
	if (found <= 0)
		return found == 0 ? 404 : -1;
	return upload_serve(req, file.stored_name, file.mime, file.display_name, !file.is_image);
}

/* Only while the home is public. */
int talk_image(struct request *req)
{
	const char *which = req->params[1];
	enum account_image image = strcmp(which, "profile") == 0 ? ACCOUNT_IMAGE_PROFILE
	    : strcmp(which, "background") == 0 ? ACCOUNT_IMAGE_BACKGROUND : ACCOUNT_IMAGE__MAX;
	if (image == ACCOUNT_IMAGE__MAX)
		return 404;
	struct chat_account account;
	int status = talk_account_load(req, &account);
	if (status != 0)
		return status;
	if (!talk_is_open(&account))
		return 404;
	struct account_image_file file;
	int found = db_accounts_get_image(req->arena, account.id, image, &file);
	if (found <= 0)
		return found == 0 ? 404 : -1;
	return upload_serve(req, file.stored_name, file.mime, which, false);
}

/* talk: where a customer came from (CHAT-3): ?ref=, ?from= and the Referer. */
#include "pages.h"
#include "http.h"
#include "param.h"

#include <string.h>
#include <strings.h>

bool talk_ref_valid(const char *ref)
{
	size_t length = ref != NULL ? strlen(ref) : 0;
	if (length == 0 || length > TALK_REF_MAX)
		return false;
	return strspn(ref, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")
	    == length;
}

/* The value when it is an http(s) URL of at most TALK_REFERRER_MAX bytes, else NULL. */
static const char *talk_url_or_null(struct request *req, const char *url)
{
	const struct param_field *field = &talk_message_form.fields[MESSAGE_REFERRER];
	struct param_value value;
	if (url == NULL || param_check(req->arena, field, url, &value) != NULL || !value.present)
		return NULL;
	return value.text;
}

/* The length of the host name in an authority of length bytes, without
 * the port ("[::1]:80" and "example.com:80" lose ":80"). */
static size_t talk_host_length(const char *authority, size_t length)
{
	if (length > 0 && authority[0] == '[') {
		const char *close = memchr(authority, ']', length);
		return close != NULL ? (size_t)(close - authority) + 1 : length;
	}
	const char *colon = memchr(authority, ':', length);
	return colon != NULL ? (size_t)(colon - authority) : length;
}

/* True when url's host differs from the one this request came to (nginx
 * passes the host name without the port). */
static bool talk_is_other_site(const struct request *req, const char *url)
{
	const char *host = strstr(url, "://");
	if (host == NULL)
		return false;
	host += 3;
	size_t length = strcspn(host, "/?#");
	const char *at = memchr(host, '@', length); /* user:password@host */
	if (at != NULL) {
		length -= (size_t)(at + 1 - host);
		host = at + 1;
	}
	length = talk_host_length(host, length);
	if (req->host == NULL)
		return true;
	size_t own = talk_host_length(req->host, strlen(req->host));
	return own != length || strncasecmp(req->host, host, length) != 0;
}

void talk_inflow(struct request *req, struct talk_form *form)
{
	const char *ref = http_query(req, "ref");
	form->ref = talk_ref_valid(ref) ? ref : "";
	const char *from = http_query(req, "from");
	const char *referrer = NULL;
	if (from != NULL)
		referrer = talk_url_or_null(req, from);
	else if (req->referer != NULL && talk_is_other_site(req, req->referer))
		referrer = talk_url_or_null(req, req->referer);
	form->referrer = referrer != NULL ? referrer : "";
}

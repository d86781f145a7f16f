/* http: parses what nginx hands over through FastCGI and writes the answer. */
#include "http.h"
#include "config.h"
#include "log.h"
#include "param.h"
#include "text.h"

#include <fastcgi.h>
#include <fcgiapp.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/uio.h>
#include <time.h>

/* Grows a field list in the arena; returns -1 past HTTP_MAX_FIELDS. */
static int http_fields_add(struct arena *arena, struct http_fields *fields, const char *name,
    const char *value, size_t length)
{
	if (fields->count >= HTTP_MAX_FIELDS)
		return -1;
	if (fields->count % 16 == 0) {
		struct http_field *grown = arena_alloc(arena, (fields->count + 16) * sizeof(*grown));
		if (fields->count > 0)
			memcpy(grown, fields->items, fields->count * sizeof(*grown));
		fields->items = grown;
	}
	fields->items[fields->count].name = name;
	fields->items[fields->count].value = value;
	fields->items[fields->count].length = length;
	fields->count++;
	return 0;
}

static int http_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decodes [data, data+length) into the arena; -1 for a bad escape or a NUL. */
static int http_decode(struct arena *arena, const char *data, size_t length, char **out,
    size_t *out_length)
{
	char *decoded = arena_alloc(arena, length + 1);
	size_t o = 0;
	for (size_t i = 0; i < length; i++) {
		char c = data[i];
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			if (i + 2 >= length)
				return -1;
			int high = http_hex_digit(data[i + 1]), low = http_hex_digit(data[i + 2]);
			if (high < 0 || low < 0)
				return -1;
			c = (char)(high * 16 + low);
			i += 2;
		}
		if (c == '\0')
			return -1;
		decoded[o++] = c;
	}
	decoded[o] = '\0';
	*out = decoded;
	*out_length = o;
	return 0;
}

int http_parse_urlencoded(struct arena *arena, const char *data, size_t length,
    struct http_fields *out)
{
	size_t start = 0;
	while (start < length) {
		const char *pair = data + start;
		const char *end = memchr(pair, '&', length - start);
		size_t pair_length = end != NULL ? (size_t)(end - pair) : length - start;
		start += pair_length + 1;
		if (pair_length == 0)
			continue;
		const char *equals = memchr(pair, '=', pair_length);
		size_t name_length = equals != NULL ? (size_t)(equals - pair) : pair_length;
		size_t value_length = equals != NULL ? pair_length - name_length - 1 : 0;
		if (name_length > HTTP_MAX_NAME_BYTES)
			return 400;
		if (value_length > HTTP_MAX_FIELD_BYTES * 3)
			return 413;
		char *name, *value;
		size_t decoded_name_length, decoded_length;
		if (http_decode(arena, pair, name_length, &name, &decoded_name_length) != 0
		    || http_decode(arena, equals != NULL ? equals + 1 : "", value_length, &value,
			   &decoded_length) != 0)
			return 400;
		if (decoded_length > HTTP_MAX_FIELD_BYTES)
			return 413;
		if (http_fields_add(arena, out, name, value, decoded_length) != 0)
			return 413;
	}
	return 0;
}

int http_parse_cookies(struct arena *arena, const char *header, struct http_fields *out)
{
	if (header == NULL)
		return 0;
	if (strlen(header) > HTTP_MAX_HEADER_BYTES)
		return 400;
	const char *p = header;
	while (*p != '\0') {
		while (*p == ' ' || *p == ';')
			p++;
		const char *end = strchr(p, ';');
		size_t length = end != NULL ? (size_t)(end - p) : strlen(p);
		const char *equals = memchr(p, '=', length);
		if (equals != NULL && equals > p) {
			if (out->count >= HTTP_MAX_COOKIES)
				return 400;
			char *name = arena_strndup(arena, p, (size_t)(equals - p));
			char *value = arena_strndup(arena, equals + 1, length - (size_t)(equals - p) - 1);
			http_fields_add(arena, out, text_trim(name), value, strlen(value));
		}
		p += length;
	}
	return 0;
}

/* Finds needle in haystack (memmem without the GNU extension). */
static const unsigned char *http_find(const unsigned char *haystack, size_t length,
    const char *needle, size_t needle_length)
{
	if (needle_length == 0 || length < needle_length)
		return NULL;
	for (size_t i = 0; i + needle_length <= length; i++)
		if (haystack[i] == (unsigned char)needle[0]
		    && memcmp(haystack + i, needle, needle_length) == 0)
			return haystack + i;
	return NULL;
}

/* Copies the value of attribute (name="..." or name=token) from a header line. */
static char *http_header_attribute(struct arena *arena, const char *line, const char *attribute)
{
	size_t attribute_length = strlen(attribute);
	for (const char *p = line; (p = strcasestr(p, attribute)) != NULL; p += attribute_length) {
		if (p != line && p[-1] != ' ' && p[-1] != ';' && p[-1] != '\t')
			continue;
		const char *v = p + attribute_length;
		if (*v != '=')
			continue;
		v++;
		if (*v == '"') {
			const char *close = strchr(v + 1, '"');
			if (close == NULL)
				return NULL;
			return arena_strndup(arena, v + 1, (size_t)(close - v - 1));
		}
		size_t length = strcspn(v, "; \t");
		return arena_strndup(arena, v, length);
	}
	return NULL;
}

/* Parses one part's header block; sets *name and *filename (NULL for a field). */
static int http_part_headers(struct arena *arena, const unsigned char *headers, size_t length,
    char **name, char **filename)
{
	char *block = arena_strndup(arena, (const char *)headers, length);
	if (strlen(block) != length)
		return 400;
	*name = NULL;
	*filename = NULL;
	char *saved = NULL;
	for (char *line = strtok_r(block, "\r\n", &saved); line != NULL;
	     line = strtok_r(NULL, "\r\n", &saved)) {
		if (strncasecmp(line, "Content-Disposition:", 20) != 0)
			continue;
		*name = http_header_attribute(arena, line + 20, "name");
		*filename = http_header_attribute(arena, line + 20, "filename");
	}
	return *name != NULL && **name != '\0' ? 0 : 400;
}

static int http_add_file(struct arena *arena, struct http_file **files, size_t *file_count,
    const char *name, const char *filename, const unsigned char *data, size_t size,
    size_t file_max)
{
	if (*filename == '\0' && size == 0)
		return 0; /* the browser's "no file chosen" */
	if (*file_count >= HTTP_MAX_FILES)
		return 413;
	if (size > file_max)
		return 413;
	struct http_file *grown = arena_alloc(arena, (*file_count + 1) * sizeof(*grown));
	if (*file_count > 0)
		memcpy(grown, *files, *file_count * sizeof(*grown));
	grown[*file_count].field = name;
	/* NFC like every text field (param_nfc); a name that is not UTF-8 stays
	 * as sent, and upload_display_name drops what it cannot read. */
	const char *normal = param_nfc(arena, filename);
	grown[*file_count].filename = normal != NULL ? normal : filename;
	grown[*file_count].data = data;
	grown[*file_count].size = size;
	*files = grown;
	(*file_count)++;
	return 0;
}

/* http_parse_multipart with each file's size limited to file_max bytes. */
static int http_parse_multipart_within(struct arena *arena, const char *content_type,
    const unsigned char *data, size_t length, struct http_fields *fields,
    struct http_file **files, size_t *file_count, size_t file_max)
{
	char *boundary = http_header_attribute(arena, content_type, "boundary");
	if (boundary == NULL || *boundary == '\0' || strlen(boundary) > 200)
		return 400;
	char *delimiter = arena_printf(arena, "\r\n--%s", boundary);
	size_t delimiter_length = strlen(delimiter);
	/* The body starts with the delimiter minus its leading CRLF. */
	if (length < delimiter_length - 2 || memcmp(data, delimiter + 2, delimiter_length - 2) != 0)
		return 400;
	const unsigned char *p = data + delimiter_length - 2;
	const unsigned char *end = data + length;
	for (;;) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return 0; /* closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return 400;
		p += 2;
		const unsigned char *headers_end = http_find(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (headers_end == NULL || headers_end - p > HTTP_MAX_HEADER_BYTES)
			return 400;
		char *name, *filename;
		if (http_part_headers(arena, p, (size_t)(headers_end - p), &name, &filename) != 0)
			return 400;
		const unsigned char *content = headers_end + 4;
		const unsigned char *next =
		    http_find(content, (size_t)(end - content), delimiter, delimiter_length);
		if (next == NULL)
			return 400; /* truncated */
		size_t size = (size_t)(next - content);
		int status;
		if (filename != NULL) {
			status = http_add_file(arena, files, file_count, name, filename, content, size,
			    file_max);
		} else {
			if (size > HTTP_MAX_FIELD_BYTES)
				return 413;
			if (memchr(content, '\0', size) != NULL)
				return 400;
			char *value = arena_strndup(arena, (const char *)content, size);
			status = http_fields_add(arena, fields, name, value, size) != 0 ? 413 : 0;
		}
		if (status != 0)
			return status;
		p = next + delimiter_length;
	}
}

int http_parse_multipart(struct arena *arena, const char *content_type,
    const unsigned char *data, size_t length, struct http_fields *fields,
    struct http_file **files, size_t *file_count)
{
	return http_parse_multipart_within(arena, content_type, data, length, fields, files,
	    file_count, HTTP_MAX_FILE_BYTES);
}

/* Reads exactly length body bytes; -1 when the client sent fewer. */
static int http_read_body(struct request *req, size_t length, unsigned char **out)
{
	unsigned char *body = arena_alloc(req->arena, length + 1);
	size_t have = 0;
	while (have < length) {
		size_t chunk = length - have > (1 << 20) ? (1 << 20) : length - have;
		int got = FCGX_GetStr((char *)body + have, (int)chunk, req->fcgi->in);
		if (got <= 0)
			return -1;
		have += (size_t)got;
	}
	*out = body;
	return 0;
}

const char *http_env(const struct request *req, const char *name)
{
	return FCGX_GetParam(name, req->fcgi->envp);
}

/* Refuses any single request header longer than HTTP_MAX_HEADER_BYTES. */
static int http_check_headers(struct request *req)
{
	for (char **env = req->fcgi->envp; *env != NULL; env++)
		if (strncmp(*env, "HTTP_", 5) == 0 && strlen(*env) > HTTP_MAX_HEADER_BYTES)
			return 400;
	return 0;
}

int http_read_form(struct request *req, size_t limit, bool files_allowed)
{
	const char *length_text = http_env(req, "CONTENT_LENGTH");
	long long length = 0;
	if (length_text != NULL && *length_text != '\0'
	    && text_to_int(length_text, 0, 1LL << 40, &length) != 0)
		return 400;
	if (length == 0)
		return 0;
	/* the global caps hold unless the route declares a larger body (a
	 * coupon's code file, COUP-2): then its limit caps the body and the file */
	bool large = limit > HTTP_MAX_BODY_BYTES;
	if ((!large && length > HTTP_MAX_BODY_BYTES) || (size_t)length > limit)
		return 413;
	unsigned char *body;
	if (http_read_body(req, (size_t)length, &body) != 0)
		return 400;
	const char *type = http_env(req, "CONTENT_TYPE");
	if (type == NULL)
		return 415;
	if (strncasecmp(type, "application/x-www-form-urlencoded", 33) == 0)
		return http_parse_urlencoded(req->arena, (const char *)body, (size_t)length, &req->form);
	if (strncasecmp(type, "multipart/form-data", 19) != 0)
		return 415;
	int status = http_parse_multipart_within(req->arena, type, body, (size_t)length,
	    &req->form, &req->files, &req->file_count, large ? limit : HTTP_MAX_FILE_BYTES);
	if (status != 0)
		return status;
	for (size_t i = 0; i < req->file_count && !files_allowed; i++)
		if (req->files[i].size > 0)
			return 400;
	return 0;
}

int http_begin(struct request *req, struct FCGX_Request *fcgi, struct arena *arena)
{
	memset(req, 0, sizeof(*req));
	req->arena = arena;
	req->fcgi = fcgi;
	req->status = 200;
	req->content_type = "text/html; charset=utf-8";
	req->lang = "ko";
	strbuf_init(&req->headers, arena);
	strbuf_init(&req->body, arena);
	const char *method = http_env(req, "REQUEST_METHOD");
	const char *path = http_env(req, "DOCUMENT_URI");
	if (path == NULL)
		path = http_env(req, "SCRIPT_NAME");
	req->method = method != NULL ? method : "GET";
	req->path = path != NULL && *path == '/' ? path : "/";
	req->is_head = strcmp(req->method, "HEAD") == 0;
	const char *addr = http_env(req, "REMOTE_ADDR");
	req->remote_addr = addr != NULL ? addr : "unknown";
	req->host = http_env(req, "HTTP_HOST");
	req->referer = http_env(req, "HTTP_REFERER");
	int status = http_check_headers(req);
	if (status != 0)
		return status;
	if (text_utf8_length(req->path, strlen(req->path)) < 0 || text_has_control(req->path))
		return 400;
	const char *query = http_env(req, "QUERY_STRING");
	if (query != NULL
	    && (status = http_parse_urlencoded(arena, query, strlen(query), &req->query)) != 0)
		return status;
	if ((status = http_parse_cookies(arena, http_env(req, "HTTP_COOKIE"), &req->cookies)) != 0)
		return status;
	return 0;
}

static const char *http_lookup(const struct http_fields *fields, const char *name)
{
	for (size_t i = 0; i < fields->count; i++)
		if (strcmp(fields->items[i].name, name) == 0)
			return fields->items[i].value;
	return NULL;
}

const char *http_query(const struct request *req, const char *name)
{
	return http_lookup(&req->query, name);
}

const char *http_form(const struct request *req, const char *name)
{
	return http_lookup(&req->form, name);
}

const char *http_cookie(const struct request *req, const char *name)
{
	return http_lookup(&req->cookies, name);
}

const struct http_file *http_file(const struct request *req, const char *name)
{
	for (size_t i = 0; i < req->file_count; i++)
		if (strcmp(req->files[i].field, name) == 0)
			return &req->files[i];
	return NULL;
}

bool http_is_safe_method(const struct request *req)
{
	return strcmp(req->method, "GET") == 0 || req->is_head;
}

void http_header(struct request *req, const char *name, const char *value)
{
	/* Values come from the program; a CR or LF would split the header. */
	if (strpbrk(value, "\r\n") != NULL)
		return;
	strbuf_printf(&req->headers, "%s: %s\r\n", name, value);
}

void http_set_cookie(struct request *req, const char *name, const char *value,
    long max_age_seconds)
{
	char *line = arena_printf(req->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s", name, value,
	    config_flag("cookie_secure") ? "; Secure" : "");
	if (max_age_seconds >= 0)
		line = arena_printf(req->arena, "%s; Max-Age=%ld", line, max_age_seconds);
	http_header(req, "Set-Cookie", line);
}

int http_redirect(struct request *req, const char *location)
{
	req->status = 303;
	req->location = location;
	http_header(req, "Location", location);
	return 303;
}

int http_text(struct request *req, int status, const char *text)
{
	req->status = status;
	req->content_type = "text/plain; charset=utf-8";
	req->body.length = 0;
	strbuf_puts(&req->body, text);
	return status;
}

static const char *http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 204: return "No Content";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

/* The size of libfcgi's output buffer (FCGX_Accept_r's writer, 8 KB): a
 * response that fits goes out in one write from there. */
enum { HTTP_STREAM_BUFFER = 8192 };

static void http_put(struct request *req, const char *data, size_t length)
{
	if (length > 0)
		FCGX_PutStr(data, (int)length, req->fcgi->out);
}

/* The CGI header lines of req's response, ending with the blank line. */
static struct strbuf *http_head(struct request *req)
{
	struct strbuf *head = arena_alloc(req->arena, sizeof(*head));
	strbuf_init(head, req->arena);
	strbuf_printf(head, "Status: %d %s\r\nContent-Type: %s\r\n", req->status,
	    http_reason(req->status), req->content_type);
	strbuf_printf(head,
	    "Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'; "
	    "img-src 'self' data: blob:; media-src 'self'; connect-src 'self'; "
	    "form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors %s\r\n",
	    req->framable ? "*" : "'none'");
	if (!req->framable)
		strbuf_puts(head, "X-Frame-Options: DENY\r\n");
	strbuf_puts(head, "X-Content-Type-Options: nosniff\r\n"
			  "Referrer-Policy: same-origin\r\n");
	if (!req->cacheable)
		strbuf_puts(head, "Cache-Control: no-store\r\n");
	strbuf_append(head, strbuf_text(&req->headers), req->headers.length);
	strbuf_puts(head, "\r\n");
	return head;
}

void http_send_headers(struct request *req)
{
	if (req->sent)
		return;
	req->sent = true;
	struct strbuf *head = http_head(req);
	http_put(req, strbuf_text(head), head->length);
}

/* Writes all of iov (count buffers, changed) to fd: 0, or -1 (errno). */
static int http_writev_all(int fd, struct iovec *iov, int count)
{
	while (count > 0) {
		ssize_t wrote = writev(fd, iov, count);
		if (wrote < 0 && errno == EINTR)
			continue;
		if (wrote < 0)
			return -1;
		while (count > 0 && (size_t)wrote >= iov->iov_len) {
			wrote -= (ssize_t)iov->iov_len;
			iov++;
			count--;
		}
		if (count > 0) {
			iov->iov_base = (char *)iov->iov_base + wrote;
			iov->iov_len -= (size_t)wrote;
		}
	}
	return 0;
}

/* Sends length bytes of data as the FastCGI STDOUT records of req (the
 * FastCGI 1.0 specification, 3.3 and 5.3) straight to its socket, many
 * records to a writev: libfcgi's stream cuts its output into 8 KB records,
 * one write each, and each wakes nginx once (issue 8). The stream must hold
 * nothing (nothing was put before); its end records follow at
 * FCGX_Finish_r. 0, or -1 when the socket failed (the request is over). */
static int http_put_records(struct request *req, const char *data, size_t length)
{
	enum { RECORD = 65528, BATCH = 16 }; /* 8-aligned content; iovecs per writev / 2 */
	FCGI_Header headers[BATCH];
	struct iovec iov[2 * BATCH];
	int fd = req->fcgi->ipcFd;
	while (length > 0) {
		int count = 0;
		for (; count < BATCH && length > 0; count++) {
			size_t n = length < RECORD ? length : RECORD;
			headers[count] = (FCGI_Header) { FCGI_VERSION_1, FCGI_STDOUT,
				(unsigned char)(req->fcgi->requestId >> 8),
				(unsigned char)req->fcgi->requestId, (unsigned char)(n >> 8),
				(unsigned char)n, 0, 0 };
			iov[2 * count] = (struct iovec) { &headers[count], sizeof(headers[count]) };
			iov[2 * count + 1] = (struct iovec) { (void *)data, n };
			data += n;
			length -= n;
		}
		if (http_writev_all(fd, iov, 2 * count) != 0)
			return -1;
	}
	return 0;
}

void http_send(struct request *req)
{
	if (req->sent)
		return;
	char length_line[64];
	snprintf(length_line, sizeof(length_line), "%zu", req->body.length);
	http_header(req, "Content-Length", length_line);
	req->sent = true;
	struct strbuf *head = http_head(req);
	size_t body = req->is_head ? 0 : req->body.length;
	if (head->length + body <= HTTP_STREAM_BUFFER || req->fcgi->ipcFd < 0) {
		http_put(req, strbuf_text(head), head->length);
		http_put(req, strbuf_text(&req->body), body);
		return;
	}
	/* head and body in one piece, so that they go in one write */
	struct strbuf all;
	strbuf_init(&all, req->arena);
	strbuf_append(&all, strbuf_text(head), head->length);
	strbuf_append(&all, strbuf_text(&req->body), body);
	if (http_put_records(req, strbuf_text(&all), all.length) != 0)
		log_error("http: cannot send the response: %s", strerror(errno));
}

long long http_since_now(void)
{
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

int http_write(struct request *req, const char *data, size_t length)
{
	return FCGX_PutStr(data, (int)length, req->fcgi->out) < 0 ? -1 : 0;
}

int http_flush(struct request *req)
{
	return FCGX_FFlush(req->fcgi->out) < 0 ? -1 : 0;
}

int http_socket(const struct request *req)
{
	return req->fcgi != NULL ? req->fcgi->ipcFd : -1;
}

int http_detach(struct request *req, struct http_detached *out)
{
	FCGX_Request *fcgi = req->fcgi;
	if (FCGX_FFlush(fcgi->out) < 0 || fcgi->ipcFd < 0)
		return -1;
	int fd = fcgi->ipcFd;
	int flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0
	    || fcntl(fd, F_SETFD, FD_CLOEXEC) != 0)
		return -1;
	out->fd = fd;
	out->request_id = fcgi->requestId;
	/* FCGX_Finish_r then writes its end records to no socket (EBADF, which
	 * it ignores), closes none, and FCGX_Accept_r accepts a new one. */
	fcgi->ipcFd = -1;
	fcgi->keepConnection = 0;
	return 0;
}

static void http_record(int type, int request_id, size_t length, unsigned char *out)
{
	out[0] = FCGI_VERSION_1;
	out[1] = (unsigned char)type;
	out[2] = (unsigned char)(request_id >> 8);
	out[3] = (unsigned char)request_id;
	out[4] = (unsigned char)(length >> 8);
	out[5] = (unsigned char)length;
	out[6] = 0; /* padding */
	out[7] = 0;
}

void http_record_header(int request_id, size_t length, unsigned char *out)
{
	http_record(FCGI_STDOUT, request_id, length, out);
}

void http_record_end(int request_id, unsigned char *out)
{
	http_record(FCGI_STDOUT, request_id, 0, out);
	http_record(FCGI_END_REQUEST, request_id, 8, out + HTTP_RECORD_HEADER);
	memset(out + 2 * HTTP_RECORD_HEADER, 0, 8); /* app status 0, FCGI_REQUEST_COMPLETE */
	out[2 * HTTP_RECORD_HEADER + 4] = FCGI_REQUEST_COMPLETE;
}

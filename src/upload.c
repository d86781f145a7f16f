/* upload: the type of an uploaded file decided by libmagic from its bytes,
 * storage under random names, and serving through nginx's X-Accel-Redirect. */
#include "upload.h"
#include "arena.h"
#include "config.h"
#include "db_faq_entries.h"
#include "http.h"
#include "log.h"
#include "text.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <magic.h>
#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum {
	UPLOAD_DISPLAY_MAX = 100,  /* code points of a display name */
	UPLOAD_EXTENSION_MAX = 16, /* code points of an extension kept when a name is cut */
	UPLOAD_MIME_MAX = 127,
};

static const char *const upload_profile_types[] = {
	"image/jpeg",
	"image/png",
	NULL,
};

static const char *const upload_image_types[] = {
	"image/jpeg",
	"image/png",
	"image/gif",
	"image/webp",
	NULL,
};

/* libmagic 5.44's names: a CSV is text/csv (also with a BOM or in CP949) or,
 * when it does not look regular enough, text/plain; an HWP 5 document (a CDF
 * container with a FileHeader stream) is application/x-hwp. HWPX is a zip. */
static const char *const upload_file_types[] = {
	"application/pdf",
	"text/plain",
	"text/csv",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"application/x-hwp",
	"application/haansofthwp",
	"application/zip",
	NULL,
};

const struct upload_rule upload_profile_image = { upload_profile_types, 10 * 1024 * 1024 };
const struct upload_rule upload_chat_image = { upload_image_types, 20 * 1024 * 1024 };
const struct upload_rule upload_chat_file = { upload_file_types, 20 * 1024 * 1024 };

/* A magic_t is not safe to share between threads; one per process, used under the lock. */
static magic_t upload_magic;
static pthread_mutex_t upload_magic_lock = PTHREAD_MUTEX_INITIALIZER;

/* Opens the database; the caller holds upload_magic_lock. 0 or -1 (logged). */
static int upload_open_locked(void)
{
	int result = -1;
	magic_t magic = NULL;

	if (upload_magic != NULL)
		return 0;
	magic = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
	if (magic == NULL) {
		log_error("upload: magic_open: %s", strerror(errno));
		goto done;
	}
	if (magic_load(magic, NULL) != 0) {
		log_error("upload: magic_load: %s", magic_error(magic));
		goto done;
	}
	upload_magic = magic;
	magic = NULL;
	result = 0;
done:
	if (magic != NULL)
		magic_close(magic);
	return result;
}

int upload_init(void)
{
	pthread_mutex_lock(&upload_magic_lock);
	int result = upload_open_locked();
	pthread_mutex_unlock(&upload_magic_lock);
	return result;
}

/* Copies libmagic's verdict on size bytes of data into type (type_size
 * bytes). 0 or -1 (logged). */
static int upload_magic_type(const unsigned char *data, size_t size, char *type, size_t type_size)
{
	int result = -1;
	const char *found;
	int length;

	pthread_mutex_lock(&upload_magic_lock);
	if (upload_open_locked() != 0)
		goto done;
	found = magic_buffer(upload_magic, data, size);
	if (found == NULL) {
		log_error("upload: magic_buffer: %s", magic_error(upload_magic));
		goto done;
	}
	length = snprintf(type, type_size, "%s", found);
	if (length < 0 || (size_t)length >= type_size) {
		log_error("upload: libmagic type too long");
		goto done;
	}
	result = 0;
done:
	pthread_mutex_unlock(&upload_magic_lock);
	return result;
}

const char *upload_check(struct arena *arena, const struct http_file *file,
    const struct upload_rule *rule, const char **mime)
{
	char type[UPLOAD_MIME_MAX + 1];

	(void)arena;
	*mime = NULL;
	if (file == NULL || file->data == NULL || file->size == 0)
		return "err.file_empty";
	if (file->size > rule->max_bytes)
		return "err.file_too_large";
	if (upload_magic_type(file->data, file->size, type, sizeof(type)) != 0)
		return "err.file_type";
	for (const char *const *allowed = rule->types; *allowed != NULL; allowed++) {
		if (strcmp(*allowed, type) == 0) {
			*mime = *allowed;
			return NULL;
		}
	}
	return "err.file_type";
}

static bool upload_is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

bool upload_name_valid(const char *name)
{
	if (name == NULL || strlen(name) != UPLOAD_NAME_LENGTH || name[2] != '/')
		return false;
	for (size_t i = 0; i < UPLOAD_NAME_LENGTH; i++)
		if (i != 2 && !upload_is_hex(name[i]))
			return false;
	return name[0] == name[3] && name[1] == name[4];
}

/* Makes folder (one level) with mode 0750 unless it exists. 0 or -1 (logged). */
static int upload_make_folder(const char *folder)
{
	if (mkdir(folder, 0750) == 0) {
		if (chmod(folder, 0750) != 0) {
			log_error("upload: chmod %s: %s", folder, strerror(errno));
			return -1;
		}
		return 0;
	}
	if (errno == EEXIST)
		return 0;
	log_error("upload: mkdir %s: %s", folder, strerror(errno));
	return -1;
}

/* Writes all of data to fd, across short writes and signals. 0 or -1 (errno). */
static int upload_write_all(int fd, const unsigned char *data, size_t size)
{
	while (size > 0) {
		size_t chunk = size < (size_t)SSIZE_MAX ? size : (size_t)SSIZE_MAX;
		ssize_t written = write(fd, data, chunk);
		if (written < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += written;
		size -= (size_t)written;
	}
	return 0;
}

int upload_store(struct arena *arena, const unsigned char *data, size_t size,
    const char **stored_name)
{
	int result = -1;
	int fd = -1;
	int folder_fd = -1;
	char *temp = NULL;          /* the temporary file, while it exists */
	const char *written = NULL; /* the final file, until it is durable */
	const char *base = config_str("upload_dir");
	unsigned char random[16];
	const char *hex, *name, *folder, *path;
	char *template;

	*stored_name = NULL;
	if (base == NULL || *base == '\0') {
		log_error("upload: upload_dir is not set");
		goto done;
	}
	randombytes_buf(random, sizeof(random));
	hex = text_hex(arena, random, sizeof(random));
	name = arena_printf(arena, "%.2s/%s", hex, hex);
	folder = arena_printf(arena, "%s/%.2s", base, hex);
	path = arena_printf(arena, "%s/%s", base, name);
	if (upload_make_folder(base) != 0 || upload_make_folder(folder) != 0)
		goto done;

	template = arena_printf(arena, "%s/.tmp-%s-XXXXXX", folder, hex);
	fd = mkostemp(template, O_CLOEXEC);
	if (fd < 0) {
		log_error("upload: mkstemp in %s: %s", folder, strerror(errno));
		goto done;
	}
	temp = template;
	if (fchmod(fd, 0640) != 0 || upload_write_all(fd, data, size) != 0 || fsync(fd) != 0) {
		log_error("upload: writing %s: %s", temp, strerror(errno));
		goto done;
	}
	if (close(fd) != 0) {
		fd = -1;
		log_error("upload: closing %s: %s", temp, strerror(errno));
		goto done;
	}
	fd = -1;
	if (rename(temp, path) != 0) {
		log_error("upload: rename %s to %s: %s", temp, path, strerror(errno));
		goto done;
	}
	temp = NULL;
	written = path;
	/* The rename is durable only once the folder itself is synced. */
	folder_fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (folder_fd < 0 || fsync(folder_fd) != 0) {
		log_error("upload: syncing %s: %s", folder, strerror(errno));
		goto done;
	}
	*stored_name = name;
	written = NULL;
	result = 0;
done:
	if (fd >= 0)
		close(fd);
	if (folder_fd >= 0)
		close(folder_fd);
	if (temp != NULL)
		unlink(temp);
	if (written != NULL)
		unlink(written);
	return result;
}

int upload_remove(const char *stored_name)
{
	char path[PATH_MAX];
	const char *base = config_str("upload_dir");

	if (!upload_name_valid(stored_name))
		return -1;
	if (base == NULL || *base == '\0') {
		log_error("upload: upload_dir is not set");
		return -1;
	}
	int length = snprintf(path, sizeof(path), "%s/%s", base, stored_name);
	if (length < 0 || (size_t)length >= sizeof(path)) {
		log_error("upload: path too long under %s", base);
		return -1;
	}
	if (unlink(path) != 0 && errno != ENOENT) {
		log_error("upload: unlink %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

int upload_release(struct arena *arena, const char *stored_name)
{
	if (stored_name == NULL)
		return 0;
	int unused = db_faq_entries_image_unused(arena, stored_name);
	if (unused != 1)
		return unused;
	return upload_remove(stored_name) == 0 ? 1 : -1;
}

/* Decodes one code point at s (length bytes left, at least 1) into *point;
 * returns the bytes it took. A byte that does not start valid UTF-8 (overlong,
 * surrogate, past U+10FFFF, cut short) takes 1 byte and gives U+FFFD. */
static size_t upload_utf8_next(const unsigned char *s, size_t length, uint32_t *point)
{
	static const uint32_t smallest[] = { 0, 0x80, 0x800, 0x10000 };
	size_t extra;
	uint32_t value;

	*point = 0xFFFD;
	if (s[0] < 0x80) {
		*point = s[0];
		return 1;
	} else if ((s[0] & 0xE0) == 0xC0) {
		extra = 1;
		value = s[0] & 0x1F;
	} else if ((s[0] & 0xF0) == 0xE0) {
		extra = 2;
		value = s[0] & 0x0F;
	} else if ((s[0] & 0xF8) == 0xF0) {
		extra = 3;
		value = s[0] & 0x07;
	} else {
		return 1;
	}
	if (extra >= length)
		return 1;
	for (size_t k = 1; k <= extra; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 1;
		value = (value << 6) | (s[k] & 0x3F);
	}
	if (value < smallest[extra] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
		return 1;
	*point = value;
	return extra + 1;
}

/* Characters a display name never keeps: controls (C0, DEL, C1), line and
 * paragraph separators, the byte-order mark, and the bidirectional marks,
 * embeddings, overrides and isolates that can make "gpj.exe" look like ".jpg". */
static bool upload_is_unwanted(uint32_t point)
{
	return point < 0x20 || (point >= 0x7F && point <= 0x9F) || point == 0x061C ||
	    point == 0x200E || point == 0x200F || (point >= 0x2028 && point <= 0x202E) ||
	    (point >= 0x2066 && point <= 0x2069) || point == 0xFEFF;
}

/* Appends point to buf as UTF-8. */
static void upload_utf8_append(struct strbuf *buf, uint32_t point)
{
	char bytes[4];
	size_t length;

	if (point < 0x80) {
		bytes[0] = (char)point;
		length = 1;
	} else if (point < 0x800) {
		bytes[0] = (char)(0xC0 | (point >> 6));
		bytes[1] = (char)(0x80 | (point & 0x3F));
		length = 2;
	} else if (point < 0x10000) {
		bytes[0] = (char)(0xE0 | (point >> 12));
		bytes[1] = (char)(0x80 | ((point >> 6) & 0x3F));
		bytes[2] = (char)(0x80 | (point & 0x3F));
		length = 3;
	} else {
		bytes[0] = (char)(0xF0 | (point >> 18));
		bytes[1] = (char)(0x80 | ((point >> 12) & 0x3F));
		bytes[2] = (char)(0x80 | ((point >> 6) & 0x3F));
		bytes[3] = (char)(0x80 | (point & 0x3F));
		length = 4;
	}
	strbuf_append(buf, bytes, length);
}

/* The code points of a display name (arena) in *out: the last path component
 * of filename without unwanted characters, spaces trimmed. Returns the count;
 * 0 when nothing is left or the name is "." or "..". */
static size_t upload_name_points(struct arena *arena, const char *filename, uint32_t **out)
{
	const char *start = filename != NULL ? filename : "";
	for (const char *p = start; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			start = p + 1;

	const unsigned char *s = (const unsigned char *)start;
	size_t length = strlen(start);
	uint32_t *points = arena_alloc(arena, (length + 1) * sizeof(*points));
	size_t count = 0;
	for (size_t i = 0; i < length;) {
		uint32_t point;
		i += upload_utf8_next(s + i, length - i, &point);
		if (!upload_is_unwanted(point))
			points[count++] = point;
	}

	size_t first = 0;
	while (first < count && points[first] == ' ')
		first++;
	while (count > first && points[count - 1] == ' ')
		count--;
	*out = points + first;
	count -= first;
	if ((count == 1 && (*out)[0] == '.') || (count == 2 && (*out)[0] == '.' && (*out)[1] == '.'))
		return 0;
	return count;
}

/* The count code points of name as UTF-8 (arena), cut to the limit keeping a
 * short extension such as ".pdf"; "file" when count is 0. */
static const char *upload_name_text(struct arena *arena, const uint32_t *name, size_t count)
{
	if (count == 0)
		return "file";
	size_t head = count;
	size_t tail = count;
	if (count > UPLOAD_DISPLAY_MAX) {
		head = UPLOAD_DISPLAY_MAX;
		for (size_t i = count - 1; i > 0 && count - i <= UPLOAD_EXTENSION_MAX; i--) {
			if (name[i] == '.') {
				head = UPLOAD_DISPLAY_MAX - (count - i);
				tail = i;
				break;
			}
		}
	}
	struct strbuf buf;
	strbuf_init(&buf, arena);
	for (size_t i = 0; i < head; i++)
		upload_utf8_append(&buf, name[i]);
	for (size_t i = tail; i < count; i++)
		upload_utf8_append(&buf, name[i]);
	return strbuf_text(&buf);
}

const char *upload_display_name(struct arena *arena, const char *filename)
{
	uint32_t *points;
	size_t count = upload_name_points(arena, filename, &points);
	return upload_name_text(arena, points, count);
}

/* The extensions a download of mime may carry, the one given to it first. */
static const char *const *upload_extensions(const char *mime)
{
	static const struct {
		const char *mime;
		const char *const extensions[3];
	} table[] = {
		{ "image/jpeg", { "jpg", "jpeg", NULL } },
		{ "image/png", { "png", NULL } },
		{ "image/gif", { "gif", NULL } },
		{ "image/webp", { "webp", NULL } },
		{ "application/pdf", { "pdf", NULL } },
		{ "text/plain", { "txt", "csv", NULL } },
		{ "text/csv", { "csv", "txt", NULL } },
		{ "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		    { "xlsx", NULL } },
		{ "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		    { "docx", NULL } },
		{ "application/x-hwp", { "hwp", NULL } },
		{ "application/haansofthwp", { "hwp", NULL } },
		{ "application/zip", { "zip", "hwpx", NULL } },
	};
	static const char *const unknown[] = { "bin", NULL };

	for (size_t i = 0; mime != NULL && i < sizeof(table) / sizeof(table[0]); i++)
		if (strcmp(table[i].mime, mime) == 0)
			return table[i].extensions;
	return unknown;
}

/* Where name's extension starts (the index of its dot), or count when it has
 * none: 1 to UPLOAD_EXTENSION_MAX ASCII letters and digits, at least one a
 * letter, after a dot that does not begin the name. */
static size_t upload_extension_start(const uint32_t *name, size_t count)
{
	bool letter = false;
	for (size_t i = count; i > 0 && count - i <= UPLOAD_EXTENSION_MAX; i--) {
		uint32_t point = name[i - 1];
		if (point == '.')
			return i - 1 > 0 && i < count && letter ? i - 1 : count;
		if (point >= 0x80 || !isalnum((int)point))
			return count;
		letter = letter || isalpha((int)point);
	}
	return count;
}

/* True when the count code points at extension spell one of extensions
 * (ASCII, any case). */
static bool upload_extension_allowed(const uint32_t *extension, size_t count,
    const char *const *extensions)
{
	for (; *extensions != NULL; extensions++) {
		size_t i = 0;
		while (i < count && (*extensions)[i] != '\0'
		    && tolower((int)extension[i]) == (*extensions)[i])
			i++;
		if (i == count && (*extensions)[i] == '\0')
			return true;
	}
	return false;
}

const char *upload_typed_name(struct arena *arena, const char *filename, const char *mime)
{
	const char *const *extensions = upload_extensions(mime);
	uint32_t *points;
	size_t count = upload_name_points(arena, filename, &points);
	size_t dot = upload_extension_start(points, count);
	if (dot < count && upload_extension_allowed(points + dot + 1, count - dot - 1, extensions))
		return upload_name_text(arena, points, count);

	while (dot > 0 && (points[dot - 1] == '.' || points[dot - 1] == ' '))
		dot--;
	size_t length = strlen(extensions[0]);
	const char *stem = dot > 0 ? NULL : "file";
	uint32_t *name = arena_alloc(arena, (dot + 5 + length + 1) * sizeof(*name));
	size_t at = 0;
	for (size_t i = 0; i < dot; i++)
		name[at++] = points[i];
	for (; stem != NULL && *stem != '\0'; stem++)
		name[at++] = (unsigned char)*stem;
	name[at++] = '.';
	for (size_t i = 0; i < length; i++)
		name[at++] = (unsigned char)extensions[0][i];
	return upload_name_text(arena, name, at);
}

/* True for a plain "type/subtype" made of token characters. */
static bool upload_mime_valid(const char *mime)
{
	static const char token[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "0123456789!#$&^_.+-";
	if (mime == NULL || strlen(mime) > UPLOAD_MIME_MAX)
		return false;
	size_t type = strspn(mime, token);
	if (type == 0 || mime[type] != '/')
		return false;
	size_t subtype = strspn(mime + type + 1, token);
	return subtype > 0 && mime[type + 1 + subtype] == '\0';
}

/* True for the image types a browser shows without running anything. */
static bool upload_is_raster_image(const char *mime)
{
	for (const char *const *type = upload_image_types; *type != NULL; type++)
		if (strcmp(*type, mime) == 0)
			return true;
	return false;
}

/* The Content-Disposition value for a valid UTF-8 display name (arena). */
static const char *upload_disposition(struct arena *arena, const char *name, bool is_inline)
{
	static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				   "0123456789._-";
	static const char digits[] = "0123456789ABCDEF";
	struct strbuf ascii, encoded;

	strbuf_init(&ascii, arena);
	strbuf_init(&encoded, arena);
	for (const unsigned char *p = (const unsigned char *)name; *p != '\0'; p++) {
		if (strchr(safe, *p) != NULL) {
			strbuf_append(&ascii, (const char *)p, 1);
			strbuf_append(&encoded, (const char *)p, 1);
			continue;
		}
		/* One _ per code point: continuation bytes add none. */
		if ((*p & 0xC0) != 0x80)
			strbuf_puts(&ascii, "_");
		char escape[3] = { '%', digits[*p >> 4], digits[*p & 0x0F] };
		strbuf_append(&encoded, escape, sizeof(escape));
	}
	return arena_printf(arena, "%s; filename=\"%s\"; filename*=UTF-8''%s",
	    is_inline ? "inline" : "attachment", strbuf_text(&ascii), strbuf_text(&encoded));
}

int upload_serve(struct request *req, const char *stored_name, const char *mime,
    const char *display_name, bool as_attachment)
{
	if (!upload_name_valid(stored_name))
		return 404;
	const char *type = upload_mime_valid(mime) ? mime : "application/octet-stream";
	bool is_inline = !as_attachment && upload_is_raster_image(type);
	const char *name = upload_typed_name(req->arena, display_name, type);

	req->status = 200;
	req->content_type = type;
	req->body.length = 0;
	req->cacheable = false;
	http_header(req, "X-Accel-Redirect", arena_printf(req->arena, "/_files/%s", stored_name));
	http_header(req, "Content-Disposition", upload_disposition(req->arena, name, is_inline));
	return 200;
}

const char *upload_size_text(struct arena *arena, long long bytes)
{
	if (bytes < 1024)
		return arena_printf(arena, "%lld B", bytes);
	if (bytes < 1024 * 1024)
		return arena_printf(arena, "%.1f KB", (double)bytes / 1024.0);
	return arena_printf(arena, "%.1f MB", (double)bytes / (1024.0 * 1024.0));
}

/* upload: judges uploaded files by content (libmagic) against a per-field
 * allow-list, stores them under random names, and serves them through nginx. */
#ifndef SANGDAM_UPLOAD_H
#define SANGDAM_UPLOAD_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct http_file;
struct request;

/* What one upload field accepts. */
struct upload_rule {
	const char *const *types; /* NULL-terminated allow-list of MIME types as libmagic names them */
	size_t max_bytes;
};

/* Shared rules (SPEC ACC-5, CHAT-4). */
extern const struct upload_rule upload_profile_image; /* jpeg, png; 10 MiB */
extern const struct upload_rule upload_chat_image;    /* jpeg, png, gif, webp; 20 MiB */
/* pdf, txt, csv, xlsx, docx, hwp, zip; 20 MiB */
extern const struct upload_rule upload_chat_file;

/* Length of a stored name: "xx/" and 32 lower-case hex digits. */
#define UPLOAD_NAME_LENGTH 35

/* Opens the magic database once per process; call it in each worker after
 * fork (upload_check also opens it on first use). Returns 0, or -1 (logged). */
int upload_init(void);

/* Judges file by its bytes, never by its name, against rule. Returns NULL when
 * the file is acceptable and sets *mime to the rule's own (static) spelling of
 * the type; otherwise returns a catalog key: "err.file_empty" (no file or no
 * bytes), "err.file_too_large" or "err.file_type" (also when libmagic fails,
 * which is logged). arena is reserved for messages and may be NULL. */
const char *upload_check(struct arena *arena, const struct http_file *file,
    const struct upload_rule *rule, const char **mime);

/* Writes size bytes under the config's upload_dir as "xx/<32 random hex>"
 * (xx: the first two of those hex digits; folders made as needed, mode 0750,
 * files 0640 so that a system nginx in the app's group can read them),
 * through a temporary file, fsync and rename, then fsyncs the folder.
 * Returns 0 and sets *stored_name (arena), or -1 (logged) having left
 * nothing behind. */
int upload_store(struct arena *arena, const unsigned char *data, size_t size,
    const char **stored_name);

/* True when name is exactly "xx/<32 lower-case hex>" with xx its first two
 * hex digits: the only names upload_remove and upload_serve accept. */
bool upload_name_valid(const char *name);

/* Removes a stored file. Returns 0 when it is gone (also when it was gone
 * already), -1 when the name is not a stored name or unlink failed (logged). */
int upload_remove(const char *stored_name);

/* Removes stored_name (NULL: nothing) when no FAQ entry, draft or
 * published, and no attachment names it any more: a customer's tap on an
 * FAQ entry stores an attachment that names the entry's image file
 * (chat_post_tap). Call after the commit that let the name go. 1 removed,
 * 0 still named (kept), <0 error (kept). */
int upload_release(struct arena *arena, const char *stored_name);

/* A safe display name (arena) from a client's filename (which may be NULL):
 * the last path component only (after the last / or \), control characters
 * (C0, DEL, C1) and bidirectional overrides removed, invalid UTF-8 replaced by
 * U+FFFD, spaces trimmed, at most 100 code points (a short extension is kept
 * when the name is cut), never empty, "." or ".." ("file" then). */
const char *upload_display_name(struct arena *arena, const char *filename);

/* upload_display_name with an extension that matches mime, the type libmagic
 * decided (arena): a name whose extension is one of mime's keeps it (any
 * case; jpg or jpeg, txt or csv for text, zip or hwpx ...); any other
 * extension is replaced by mime's own ("invoice.html" as text/plain is
 * "invoice.txt", "x.php" as image/png "x.png") and a name without one gets
 * it after its trailing dots and spaces ("file.pdf" for an empty name); a
 * type outside the upload rules (or NULL) gives ".bin". An extension is 1
 * to 16 ASCII letters and digits, one a letter at least, after a dot that
 * does not begin the name (issue 14). */
const char *upload_typed_name(struct arena *arena, const char *filename, const char *mime);

/* A file's size for people: "512 B", "1.2 KB", "3.4 MB" (bytes ≥ 0), in the
 * arena. */
const char *upload_size_text(struct arena *arena, long long bytes);

/* Fills req's response to serve a stored file through nginx: status 200, an
 * empty body, "X-Accel-Redirect: /_files/<stored_name>", Content-Type mime
 * (application/octet-stream when mime is not a plain type/subtype), and
 * Content-Disposition: inline only when as_attachment is false and mime is a
 * raster image type (jpeg, png, gif, webp), else attachment; with an ASCII
 * filename="..." (every code point outside [A-Za-z0-9._-] as _) and
 * filename*=UTF-8''<percent-encoded display name>. display_name goes through
 * upload_typed_name with the served type first, so both names end in the
 * extension of that type. Sets req->cacheable = false; nosniff comes from
 * the http layer and "Content-Security-Policy: sandbox" from nginx.
 * Returns 200, or 404 (response untouched) for an invalid stored_name. */
int upload_serve(struct request *req, const char *stored_name, const char *mime,
    const char *display_name, bool as_attachment);

#endif

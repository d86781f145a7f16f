/* restore: `worker restore-account FILE (--owner EMAIL | --into CODE)`, which
 * `sangdamctl restore-account` runs (EXP-5): loads a zip backup of one
 * account into a new account whose master is the partner EMAIL, or into the
 * existing empty account CODE. The archive is judged first, before anything
 * is written: its central directory by zip_guard (bombs, "..", absolute
 * paths), then every entry against manifest.json (listed, same size, same
 * SHA-256). Then one transaction inserts labels, customers, rooms,
 * attachments and messages with new ids; attachment files go to a temporary
 * folder and move under upload_dir only after the commit. All or nothing. */
#include "worker.h"
#include "arena.h"
#include "config.h"
#include "db.h"
#include "db_account_codes.h"
#include "db_account_reviews.h"
#include "db_accounts.h"
#include "db_members.h"
#include "db_restore.h"
#include "log.h"
#include "sha256.h"
#include "text.h"
#include "zip_guard.h"

#include <errno.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

enum { RESTORE_MAX_LINE = 8 * 1024 * 1024, RESTORE_MAX_MANIFEST = 256 * 1024 * 1024 };

/* An attachment written to the temporary folder, moved after the commit. */
struct restore_file {
	const char *temp;   /* path in the temporary folder */
	const char *stored; /* its upload name "xx/<32 hex>" */
	struct restore_file *next;
};

struct restore {
	struct arena *arena;
	struct arena *line_arena; /* reset after every line */
	zip_t *archive;
	json_t *manifest;       /* path -> {"size", "sha256"} */
	json_t *account;        /* the one account of account.json */
	long long account_id;
	const char *code;
	const char *temp;       /* temporary folder under upload_dir, or NULL */
	struct restore_file *files;
	long long messages;
};

/* Reads the lines of one zip entry without holding the entry whole. */
struct restore_lines {
	zip_file_t *file;
	char *data;
	size_t used, length, capacity;
	bool failed;
};

static int restore_refuse(const char *why, const char *detail)
{
	fprintf(stderr, "restore-account: refused: %s%s%s\n", why, detail ? ": " : "",
	    detail ? detail : "");
	return -1;
}

/* The next line (NUL-terminated, without its newline) or NULL at the end or
 * on an error (lines->failed). */
static char *restore_line(struct restore_lines *lines)
{
	for (;;) {
		char *start = lines->data + lines->used;
		char *newline = memchr(start, '\n', lines->length - lines->used);
		if (newline != NULL) {
			*newline = '\0';
			lines->used = (size_t)(newline - lines->data) + 1;
			return start;
		}
		memmove(lines->data, start, lines->length - lines->used);
		lines->length -= lines->used;
		lines->used = 0;
		if (lines->length + 1 >= lines->capacity) {
			if (lines->capacity >= RESTORE_MAX_LINE) {
				lines->failed = true;
				return NULL;
			}
			lines->capacity *= 2;
			lines->data = realloc(lines->data, lines->capacity);
			if (lines->data == NULL)
				abort();
		}
		zip_int64_t got = zip_fread(lines->file, lines->data + lines->length,
		    lines->capacity - lines->length - 1);
		if (got < 0) {
			lines->failed = true;
			return NULL;
		}
		if (got == 0) {
			if (lines->length == 0)
				return NULL;
			lines->data[lines->length] = '\0';
			lines->used = lines->length;
			return lines->data;
		}
		lines->length += (size_t)got;
	}
}

static int restore_lines_open(struct restore *restore, const char *name,
    struct restore_lines *lines)
{
	*lines = (struct restore_lines) { .capacity = 65536 };
	lines->file = zip_fopen(restore->archive, name, 0);
	if (lines->file == NULL)
		return restore_refuse("the archive has no", name);
	lines->data = malloc(lines->capacity);
	if (lines->data == NULL)
		abort();
	return 0;
}

static void restore_lines_close(struct restore_lines *lines)
{
	if (lines->file != NULL)
		zip_fclose(lines->file);
	free(lines->data);
}

/* Reads entry name whole (at most limit bytes) as JSON. */
static json_t *restore_read_json(struct restore *restore, const char *name, zip_uint64_t limit)
{
	zip_stat_t stat;
	if (zip_stat(restore->archive, name, 0, &stat) != 0 || stat.size > limit)
		return NULL;
	zip_file_t *file = zip_fopen(restore->archive, name, 0);
	if (file == NULL)
		return NULL;
	char *data = arena_alloc(restore->arena, (size_t)stat.size + 1);
	zip_int64_t got = zip_fread(file, data, stat.size);
	zip_fclose(file);
	if (got != (zip_int64_t)stat.size)
		return NULL;
	return json_loadb(data, (size_t)stat.size, 0, NULL);
}

/* The SHA-256 (hex, arena) of entry index, reading at most its declared
 * size: NULL when it holds more or less than it declares, or is damaged. */
static const char *restore_entry_hash(struct restore *restore, zip_uint64_t index,
    zip_uint64_t size)
{
	zip_file_t *file = zip_fopen_index(restore->archive, index, 0);
	if (file == NULL)
		return NULL;
	struct sha256 hash;
	if (sha256_start(&hash) != 0) {
		zip_fclose(file);
		return NULL;
	}
	unsigned char buffer[65536];
	zip_uint64_t total = 0;
	zip_int64_t got;
	while ((got = zip_fread(file, buffer, sizeof(buffer))) > 0 && total <= size) {
		sha256_add(&hash, buffer, (size_t)got);
		total += (zip_uint64_t)got;
	}
	zip_fclose(file);
	const char *digest = sha256_hex(&hash, restore->arena);
	return got < 0 || total != size ? NULL : digest;
}

/* Every entry listed in the manifest with its size and hash, and every
 * listed file present. */
static int restore_check_entries(struct restore *restore)
{
	zip_int64_t count = zip_get_num_entries(restore->archive, 0);
	for (zip_int64_t i = 0; i < count; i++) {
		zip_stat_t stat;
		if (zip_stat_index(restore->archive, (zip_uint64_t)i, 0, &stat) != 0)
			return restore_refuse("an entry cannot be read", NULL);
		if (strcmp(stat.name, "manifest.json") == 0)
			continue;
		json_t *listed = json_object_get(restore->manifest, stat.name);
		if (listed == NULL)
			return restore_refuse("an entry is not in the manifest", stat.name);
		json_int_t size = json_integer_value(json_object_get(listed, "size"));
		const char *sha256 = json_string_value(json_object_get(listed, "sha256"));
		if (size < 0 || (zip_uint64_t)size != stat.size || sha256 == NULL)
			return restore_refuse("an entry's size differs from the manifest", stat.name);
		const char *actual = restore_entry_hash(restore, (zip_uint64_t)i, stat.size);
		if (actual == NULL || strcmp(actual, sha256) != 0)
			return restore_refuse("an entry's checksum differs from the manifest", stat.name);
	}
	const char *path;
	json_t *listed;
	json_object_foreach(restore->manifest, path, listed)
		if (zip_name_locate(restore->archive, path, 0) < 0)
			return restore_refuse("a file of the manifest is missing", path);
	return 0;
}

/* Reads manifest.json into restore->manifest as an object by path. */
static int restore_read_manifest(struct restore *restore)
{
	json_t *manifest = restore_read_json(restore, "manifest.json", RESTORE_MAX_MANIFEST);
	json_t *files = json_object_get(manifest, "files");
	if (!json_is_array(files)) {
		json_decref(manifest);
		return restore_refuse("no readable manifest.json", NULL);
	}
	restore->manifest = json_object();
	size_t i;
	json_t *file;
	json_array_foreach(files, i, file) {
		const char *path = json_string_value(json_object_get(file, "path"));
		if (path == NULL || !zip_guard_path_safe(path)) {
			json_decref(manifest);
			return restore_refuse("the manifest names an unsafe path", path);
		}
		json_object_set(restore->manifest, path, file);
	}
	json_decref(manifest);
	return 0;
}

/* Judges the archive before anything is written. */
static int restore_check(struct restore *restore)
{
	static const char *const verdicts[] = {
		[ZIP_GUARD_OK] = "", [ZIP_GUARD_UNREADABLE] = "not a readable zip",
		[ZIP_GUARD_ENTRIES] = "too many entries", [ZIP_GUARD_SIZE] = "too large",
		[ZIP_GUARD_RATIO] = "compressed like a zip bomb", [ZIP_GUARD_NESTED] = "nested",
		[ZIP_GUARD_PATH] = "an entry's path leaves the folder", [ZIP_GUARD_ENCRYPTED] = "encrypted",
	};
	const struct zip_limits limits = {
		.max_entries = 10 * 1000 * 1000, .max_total_bytes = 1ULL << 40, .max_ratio = 200,
		.refuse_nested = false, /* attachments may be archives; they are copied, not opened */
	};
	enum zip_verdict verdict = zip_guard_check(restore->archive, &limits, NULL);
	if (verdict != ZIP_GUARD_OK)
		return restore_refuse(verdicts[verdict], NULL);
	if (restore_read_manifest(restore) != 0 || restore_check_entries(restore) != 0)
		return -1;
	json_t *account = restore_read_json(restore, "account.json", 1024 * 1024);
	json_t *accounts = json_object_get(account, "accounts");
	if (json_array_size(accounts) != 1) {
		json_decref(account);
		return restore_refuse("the backup does not hold exactly one account", NULL);
	}
	restore->account = json_incref(json_array_get(accounts, 0));
	json_decref(account);
	return 0;
}

static const char *restore_text(json_t *object, const char *key)
{
	const char *value = json_string_value(json_object_get(object, key));
	return value != NULL ? value : "";
}

/* The bytes of the first points code points of UTF-8 text. */
static size_t restore_prefix_bytes(const char *text, size_t points)
{
	size_t bytes = 0;
	for (size_t seen = 0; text[bytes] != '\0'; bytes++)
		if (((unsigned char)text[bytes] & 0xC0) != 0x80 && seen++ == points)
			break;
	return bytes;
}

/* The backup's account name, or with " 2" .. " 99" when taken (cut to stay
 * within 20 characters). */
static const char *restore_free_name(struct restore *restore, const char *name)
{
	for (int n = 1; n < 100; n++) {
		const char *candidate = name;
		if (n > 1) {
			char suffix[8];
			snprintf(suffix, sizeof(suffix), " %d", n);
			size_t keep = restore_prefix_bytes(name, 20 - strlen(suffix));
			candidate = arena_printf(restore->arena, "%.*s%s", (int)keep, name, suffix);
		}
		int taken = db_restore_name_taken(restore->arena, candidate);
		if (taken < 0)
			return NULL;
		if (taken == 0)
			return candidate;
	}
	return NULL;
}

/* Creates the account, approved, with owner as its master. */
static int restore_new_account(struct restore *restore, const char *email)
{
	long long partner;
	if (db_restore_partner(restore->arena, email, &partner) != 1)
		return restore_refuse("no partner has the email", email);
	const char *kind = restore_text(restore->account, "kind");
	const char *brn = restore_text(restore->account, "brn");
	struct account_registration account = {
		.code = db_account_codes_reserve(restore->arena),
		.kind = *brn == '\0' ? "personal" : kind,
		.name = restore_free_name(restore, restore_text(restore->account, "name")),
		.category1 = restore_text(restore->account, "category1"),
		.brn = brn,
		.company = restore_text(restore->account, "company"),
		.representative = restore_text(restore->account, "representative"),
	};
	long long id;
	if (account.code == NULL || account.name == NULL
	    || db_accounts_insert(restore->arena, &account, &id) != 1
	    || db_members_insert(restore->arena, id, partner, "master") != 1
	    || db_account_reviews_insert(restore->arena, id, "submitted", "", 0) != 1
	    || db_accounts_decide(restore->arena, account.code, "approved", &id) != 1
	    || db_account_reviews_insert(restore->arena, id, "approved", "restore", 0) != 1)
		return restore_refuse("the new account could not be created", NULL);
	restore->account_id = id;
	restore->code = account.code;
	return 0;
}

/* Calls row(restore, object) for every line of entry name, a JSON object. */
static int restore_each(struct restore *restore, const char *name,
    int (*row)(struct restore *, json_t *))
{
	struct restore_lines lines;
	if (restore_lines_open(restore, name, &lines) != 0)
		return -1;
	int result = 0;
	char *line;
	while (result == 0 && (line = restore_line(&lines)) != NULL) {
		if (*line == '\0')
			continue;
		json_t *object = json_loads(line, 0, NULL);
		result = json_is_object(object) ? row(restore, object)
						: restore_refuse("a line is not a JSON object", name);
		json_decref(object);
		arena_reset(restore->line_arena);
	}
	if (lines.failed)
		result = restore_refuse("a line is too long or damaged", name);
	restore_lines_close(&lines);
	return result;
}

static int restore_customer(struct restore *restore, json_t *object)
{
	json_t *number = json_object_get(object, "customer_number");
	struct restore_customer customer = {
		.key = restore_text(object, "customer_key"),
		.number = arena_printf(restore->line_arena, "%lld",
		    (long long)json_integer_value(number)),
		.display_name = restore_text(object, "display_name"),
		.friend_since = restore_text(object, "friend_since_utc"),
		.created = restore_text(object, "created_utc"),
		.is_friend = json_is_true(json_object_get(object, "is_friend")),
		.blocked = json_is_true(json_object_get(object, "blocked")),
	};
	return db_restore_customer(restore->line_arena, restore->account_id, &customer) == 1
	    ? 0 : restore_refuse("a customer could not be inserted", customer.key);
}

static int restore_room(struct restore *restore, json_t *object)
{
	struct restore_room room = {
		.customer_key = restore_text(object, "customer_key"),
		.name = restore_text(object, "name"), .memo = restore_text(object, "memo"),
		.status = restore_text(object, "status"), .inflow = restore_text(object, "inflow"),
		.referrer = restore_text(object, "referrer"),
		.created = restore_text(object, "created_utc"),
		.important = json_is_true(json_object_get(object, "important")),
	};
	long long id;
	if (db_restore_room(restore->line_arena, restore->account_id, &room, &id) != 1)
		return restore_refuse("a room's customer is missing", room.customer_key);
	size_t i;
	json_t *label;
	json_array_foreach(json_object_get(object, "labels"), i, label) {
		const char *name = restore_text(label, "name");
		if (db_restore_label(restore->line_arena, restore->account_id, name,
			restore_text(label, "color")) < 0
		    || db_restore_room_label(restore->line_arena, restore->account_id, id, name) < 0)
			return restore_refuse("a label could not be inserted", name);
	}
	return 0;
}

/* Copies zip entry path into the temporary folder under a new upload name;
 * sets *stored and *size. */
static int restore_copy_file(struct restore *restore, const char *path, const char **stored,
    long long *size)
{
	unsigned char random[16];
	randombytes_buf(random, sizeof(random));
	const char *hex = text_hex(restore->arena, random, sizeof(random));
	struct restore_file *file = arena_alloc(restore->arena, sizeof(*file));
	file->stored = arena_printf(restore->arena, "%.2s/%s", hex, hex);
	file->temp = arena_printf(restore->arena, "%s/%s", restore->temp, hex);
	zip_file_t *entry = zip_fopen(restore->archive, path, 0);
	FILE *out = entry != NULL ? fopen(file->temp, "wbx") : NULL;
	unsigned char buffer[65536];
	zip_int64_t got = -1;
	*size = 0;
	while (out != NULL && (got = zip_fread(entry, buffer, sizeof(buffer))) > 0
	    && fwrite(buffer, 1, (size_t)got, out) == (size_t)got)
		*size += got;
	bool ok = out != NULL && got == 0 && fflush(out) == 0 && fsync(fileno(out)) == 0;
	if (out != NULL && fclose(out) != 0)
		ok = false;
	if (entry != NULL)
		zip_fclose(entry);
	if (out != NULL) {
		file->next = restore->files;
		restore->files = file;
	}
	*stored = file->stored;
	return ok && *size > 0 ? 0 : restore_refuse("an attachment could not be written", path);
}

static int restore_message(struct restore *restore, json_t *object)
{
	static const char *const senders[][2] = {
		{ "customer", "customer" }, { "automatic", "system" }, { "member", "agent" },
	};
	struct restore_message message = {
		.customer_key = restore_text(object, "customer_key"),
		.member_email = restore_text(object, "member_email"),
		.member_name = restore_text(object, "member_name"),
		.kind = restore_text(object, "kind"), .text = restore_text(object, "text"),
		.created = restore_text(object, "time_utc"),
	};
	const char *sender = restore_text(object, "sender");
	for (size_t i = 0; i < sizeof(senders) / sizeof(senders[0]); i++)
		if (strcmp(sender, senders[i][0]) == 0)
			message.sender = senders[i][1];
	if (message.sender == NULL)
		return restore_refuse("a message has an unknown sender", sender);
	const char *path = restore_text(object, "attachment_path");
	if (*path != '\0' && json_object_get(restore->manifest, path) != NULL) {
		struct restore_attachment attachment = {
			.customer_key = message.customer_key,
			.mime = restore_text(object, "attachment_type"),
			.display_name = restore_text(object, "attachment_name"),
			.created = message.created,
		};
		if (restore_copy_file(restore, path, &attachment.stored_name, &attachment.size) != 0
		    || db_restore_attachment(restore->line_arena, restore->account_id, &attachment,
			&message.attachment_id) != 1)
			return restore_refuse("an attachment could not be inserted", path);
	}
	if (db_restore_message(restore->line_arena, restore->account_id, &message) != 1)
		return restore_refuse("a message could not be inserted", message.created);
	restore->messages++;
	return 0;
}

/* Everything inside one transaction. */
static int restore_rows(struct restore *restore, const char *option, const char *value)
{
	if (db_begin(restore->arena) != 0)
		return restore_refuse("cannot reach the database", NULL);
	/* the rooms' tab counts and search terms are written once at the end */
	int result = db_restore_pause(restore->arena) == 0 ? 0
	    : restore_refuse("cannot reach the database", NULL);
	if (result == 0 && strcmp(option, "--owner") == 0) {
		result = restore_new_account(restore, value);
	} else if (result == 0) {
		restore->code = value;
		result = db_restore_empty_account(restore->arena, value, &restore->account_id) == 1
		    ? 0 : restore_refuse("no empty account has the code", value);
	}
	if (result == 0)
		result = restore_each(restore, "customers.jsonl", restore_customer);
	if (result == 0)
		result = restore_each(restore, "rooms.jsonl", restore_room);
	if (result == 0)
		result = restore_each(restore, "messages.jsonl", restore_message);
	if (result == 0 && db_restore_finish(restore->arena, restore->account_id) < 0)
		result = restore_refuse("the rooms could not be finished", NULL);
	if (result == 0 && db_commit(restore->arena) != 0)
		result = restore_refuse("the commit failed", NULL);
	if (result != 0)
		db_rollback(restore->arena);
	return result;
}

/* Moves the committed attachments from the temporary folder to their
 * upload names; removes the folder. */
static int restore_move_files(struct restore *restore, bool committed)
{
	const char *base = config_str("upload_dir");
	int failed = 0;
	for (struct restore_file *file = restore->files; file != NULL; file = file->next) {
		if (!committed) {
			unlink(file->temp);
			continue;
		}
		const char *folder = arena_printf(restore->arena, "%s/%.2s", base, file->stored);
		const char *path = arena_printf(restore->arena, "%s/%s", base, file->stored);
		if ((mkdir(folder, 0750) != 0 && errno != EEXIST) || rename(file->temp, path) != 0) {
			log_error("restore: moving %s to %s: %s", file->temp, path, strerror(errno));
			failed++;
		}
	}
	if (restore->temp != NULL)
		rmdir(restore->temp);
	return failed == 0 ? 0 : -1;
}

static int restore_open(struct restore *restore, const char *file)
{
	int error = 0;
	if (strcmp(file, "-") == 0) {
		int fd = dup(STDIN_FILENO);
		restore->archive = fd < 0 ? NULL : zip_fdopen(fd, ZIP_RDONLY, &error);
	} else {
		restore->archive = zip_open(file, ZIP_RDONLY, &error);
	}
	if (restore->archive == NULL)
		return restore_refuse("not a readable zip", file);
	const char *base = config_str("upload_dir");
	char *temp = arena_printf(restore->arena, "%s/.restore-XXXXXX", base != NULL ? base : "");
	if (base == NULL || *base == '\0' || mkdtemp(temp) == NULL)
		return restore_refuse("no temporary folder under upload_dir", NULL);
	restore->temp = temp;
	return 0;
}

int restore_account(const char *file, const char *option, const char *value)
{
	if (strcmp(option, "--owner") != 0 && strcmp(option, "--into") != 0) {
		fprintf(stderr, "usage: restore-account FILE.zip (--owner EMAIL | --into CODE)\n");
		return 2;
	}
	struct restore restore = { .arena = arena_new(), .line_arena = arena_new() };
	int result = db_connect() == 0 ? 0 : restore_refuse("cannot reach the database", NULL);
	if (result == 0 && restore_open(&restore, file) != 0)
		result = -1;
	if (result == 0)
		result = restore_check(&restore);
	if (result == 0)
		result = restore_rows(&restore, option, value);
	if (restore_move_files(&restore, result == 0) != 0 && result == 0)
		result = restore_refuse("attachments were not moved in place; see the log", NULL);
	if (result == 0)
		printf("restored %lld messages into account\n%s\n", restore.messages, restore.code);
	if (restore.archive != NULL)
		zip_discard(restore.archive);
	json_decref(restore.manifest);
	json_decref(restore.account);
	db_disconnect();
	arena_free(restore.line_arena);
	arena_free(restore.arena);
	return result == 0 ? 0 : 1;
}

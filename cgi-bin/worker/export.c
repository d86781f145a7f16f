/* export: writes one consultation history backup (EXP-2..4) as CSV, JSON
 * Lines, or a zip with both, the rooms, the customers, every attachment and
 * a manifest.json of every file's size and SHA-256. Rows stream from COPY,
 * 10,000 at a time, inside one REPEATABLE READ READ ONLY snapshot;
 * each batch is written and freed before the next, so memory stays flat. */
#include "worker.h"
#include "arena.h"
#include "config.h"
#include "csv_out.h"
#include "db.h"
#include "db_backups.h"
#include "db_exports.h"
#include "export_part.h"
#include "log.h"
#include "page.h"
#include "sha256.h"
#include "text.h"
#include "view.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

/* Bytes of CSV and JSON text gathered before they are written. */
enum { EXPORT_CHUNK = 256 * 1024 };

/* How a column goes into a JSON object. */
enum export_json { JSON_TEXT, JSON_NUMBER, JSON_BOOL, JSON_RAW, JSON_NONE };

struct export_column {
	const char *key;
	const char *member;   /* ,"key": of a JSON object, the comma included */
	size_t member_length;
	enum export_json json; /* JSON_NONE: CSV only */
	bool csv;
	/* The CSV, which people open in a spreadsheet, says its columns and its
	 * codes in words: the header is the catalog's backups.csv.KEY; a cell
	 * of a column with words is the catalog's WORDS.VALUE (NULL: as
	 * stored). JSON Lines, which restore reads (EXP-5), keeps the codes. */
	const char *words;
};

struct export_table {
	const char *name; /* file name without extension */
	enum export_cursor cursor;
	const struct export_column *columns;
	int count;
};

#define COLUMN(key, json, csv) { key, ",\"" key "\":", sizeof(",\"" key "\":") - 1, json, csv, NULL }
#define WORDS(key, json, words) { key, ",\"" key "\":", sizeof(",\"" key "\":") - 1, json, true, words }

static const struct export_column message_columns[EXPORT_MESSAGE__MAX] = {
	[EXPORT_MESSAGE_ID] = COLUMN("message_id", JSON_NUMBER, true),
	[EXPORT_MESSAGE_ACCOUNT] = COLUMN("account", JSON_TEXT, true),
	[EXPORT_MESSAGE_ROOM] = COLUMN("room_id", JSON_NUMBER, true),
	[EXPORT_MESSAGE_ROOM_NAME] = COLUMN("room_name", JSON_TEXT, true),
	[EXPORT_MESSAGE_CUSTOMER_KEY] = COLUMN("customer_key", JSON_TEXT, true),
	[EXPORT_MESSAGE_CUSTOMER_NUMBER] = COLUMN("customer_number", JSON_NUMBER, true),
	[EXPORT_MESSAGE_CUSTOMER_NAME] = COLUMN("customer_name", JSON_TEXT, true),
	[EXPORT_MESSAGE_INFLOW] = WORDS("inflow", JSON_TEXT, "backups.csv.inflow"),
	[EXPORT_MESSAGE_REFERRER] = COLUMN("referrer", JSON_TEXT, true),
	[EXPORT_MESSAGE_LOCAL_TIME] = COLUMN("time_local", JSON_TEXT, true),
	[EXPORT_MESSAGE_UTC_TIME] = COLUMN("time_utc", JSON_TEXT, true),
	[EXPORT_MESSAGE_SENDER] = WORDS("sender", JSON_TEXT, "backups.csv.sender"),
	[EXPORT_MESSAGE_MEMBER_EMAIL] = COLUMN("member_email", JSON_TEXT, true),
	[EXPORT_MESSAGE_MEMBER_NAME] = COLUMN("member_name", JSON_TEXT, true),
	[EXPORT_MESSAGE_KIND] = WORDS("kind", JSON_TEXT, "backups.csv.kind"),
	[EXPORT_MESSAGE_TEXT] = COLUMN("text", JSON_TEXT, true),
	[EXPORT_MESSAGE_ATTACHMENT_NAME] = COLUMN("attachment_name", JSON_TEXT, true),
	[EXPORT_MESSAGE_ATTACHMENT_PATH] = COLUMN("attachment_path", JSON_TEXT, true),
	[EXPORT_MESSAGE_ATTACHMENT_TYPE] = COLUMN("attachment_type", JSON_TEXT, true),
	[EXPORT_MESSAGE_ATTACHMENT_SIZE] = COLUMN("attachment_size", JSON_NUMBER, true),
};

static const struct export_column room_columns[EXPORT_ROOM__MAX] = {
	[EXPORT_ROOM_ID] = COLUMN("room_id", JSON_NUMBER, true),
	[EXPORT_ROOM_CUSTOMER_KEY] = COLUMN("customer_key", JSON_TEXT, true),
	[EXPORT_ROOM_NAME] = COLUMN("name", JSON_TEXT, true),
	[EXPORT_ROOM_MEMO] = COLUMN("memo", JSON_TEXT, true),
	[EXPORT_ROOM_STATUS] = WORDS("status", JSON_TEXT, "inbox.status"),
	[EXPORT_ROOM_INFLOW] = WORDS("inflow", JSON_TEXT, "backups.csv.inflow"),
	[EXPORT_ROOM_REFERRER] = COLUMN("referrer", JSON_TEXT, true),
	[EXPORT_ROOM_IMPORTANT] = WORDS("important", JSON_BOOL, "backups.csv.bool"),
	[EXPORT_ROOM_CREATED] = COLUMN("created_utc", JSON_TEXT, true),
	[EXPORT_ROOM_LABELS] = COLUMN("labels", JSON_NONE, true),
	[EXPORT_ROOM_LABELS_JSON] = COLUMN("labels", JSON_RAW, false),
};

static const struct export_column customer_columns[EXPORT_CUSTOMER__MAX] = {
	[EXPORT_CUSTOMER_KEY] = COLUMN("customer_key", JSON_TEXT, true),
	[EXPORT_CUSTOMER_NUMBER] = COLUMN("customer_number", JSON_NUMBER, true),
	[EXPORT_CUSTOMER_NAME] = COLUMN("display_name", JSON_TEXT, true),
	[EXPORT_CUSTOMER_FRIEND] = WORDS("is_friend", JSON_BOOL, "backups.csv.bool"),
	[EXPORT_CUSTOMER_FRIEND_SINCE] = COLUMN("friend_since_utc", JSON_TEXT, true),
	[EXPORT_CUSTOMER_BLOCKED] = WORDS("blocked", JSON_BOOL, "backups.csv.bool"),
	[EXPORT_CUSTOMER_CREATED] = COLUMN("created_utc", JSON_TEXT, true),
};

static const struct export_table export_tables[] = {
	{ "messages", EXPORT_MESSAGES, message_columns, EXPORT_MESSAGE__MAX },
	{ "rooms", EXPORT_ROOMS, room_columns, EXPORT_ROOM__MAX },
	{ "customers", EXPORT_CUSTOMERS, customer_columns, EXPORT_CUSTOMER__MAX },
};
enum { EXPORT_TABLES = sizeof(export_tables) / sizeof(export_tables[0]) };

/* One file being written, with its running SHA-256 and size. */
struct export_out {
	FILE *file;
	const char *path;  /* where it is written */
	const char *entry; /* its name inside a zip */
	struct sha256 hash;
	long long size;
	bool failed;       /* a write failed (a full disk): the backup fails */
	struct export_part part; /* a zip's text file: deflated as it comes */
};

/* Everything one run needs. */
struct export_run {
	struct arena *arena;  /* lives for the run */
	struct arena *batch;  /* reset after every batch of rows */
	const struct backup_job *job;
	struct export_progress *progress;
	bool csv, jsonl, zip;
	const char *work;     /* folder of a zip's parts */
	struct export_out outputs[EXPORT_TABLES][2]; /* [table][0 csv, 1 jsonl] */
	struct export_out manifest;
	long long manifest_files;
	zip_t *archive;
	const char *error;
};

const char *export_dir(void)
{
	const char *dir = config_str("export_dir");
	if (dir == NULL || *dir == '\0') {
		log_error("export: export_dir is not set");
		return NULL;
	}
	return dir;
}

static int export_out_open(struct export_out *out, const char *path, const char *entry)
{
	*out = (struct export_out) { .path = path, .entry = entry };
	out->file = fopen(path, "wbx");
	if (out->file == NULL) {
		log_error("export: cannot create %s: %s", path, strerror(errno));
		return -1;
	}
	return sha256_start(&out->hash); /* on failure, export_write closes the file */
}

/* Opens a text file of a zip: handed over to the thread that
 * deflates it into a raw deflate stream at path and hashes it. */
static int export_out_open_part(struct export_out *out, const char *path, const char *entry)
{
	*out = (struct export_out) { .path = path, .entry = entry };
	return export_part_open(&out->part, path, entry, &out->file);
}

static void export_out_write(struct export_out *out, const char *data, size_t length)
{
	if (out->file == NULL || out->failed || length == 0)
		return;
	if (fwrite(data, 1, length, out->file) != length) {
		log_error("export: writing %s: %s", out->path, strerror(errno));
		out->failed = true;
		return;
	}
	if (out->part.path == NULL) /* a part hashes on its own thread */
		sha256_add(&out->hash, data, length);
	out->size += (long long)length;
}

/* Closes a file left open by a failure and frees its digest. */
static void export_out_abandon(struct export_out *out)
{
	if (out->file != NULL)
		fclose(out->file);
	out->file = NULL;
	sha256_free(&out->hash);
	export_part_free(&out->part);
}

/* Flushes to the disk and closes; the digest in hex (arena) in *sha256.
 * 0, or -1 when any write failed. */
static int export_out_close(struct arena *arena, struct export_out *out, const char **sha256)
{
	if (out->file == NULL)
		return 0;
	bool piped = out->part.path != NULL;
	bool ok = !out->failed && fflush(out->file) == 0
	    && (piped || fsync(fileno(out->file)) == 0);
	if (fclose(out->file) != 0)
		ok = false;
	out->file = NULL;
	if (piped && export_part_finish(&out->part) != 0)
		ok = false;
	const char *digest = sha256_hex(piped ? &out->part.hash : &out->hash, arena);
	if (!ok || digest == NULL) {
		log_error("export: finishing %s: %s", out->path, strerror(errno));
		return -1;
	}
	if (sha256 != NULL)
		*sha256 = digest;
	return 0;
}

/* Appends row i of table to line as one JSON object and a newline. */
static void export_json_row(struct strbuf *line, const struct export_table *table,
    const struct db_rows *rows, int i)
{
	bool first = true;
	for (int c = 0; c < table->count; c++) {
		const struct export_column *column = &table->columns[c];
		if (column->json == JSON_NONE)
			continue;
		/* the keys are plain ASCII: no escaping needed */
		if (first)
			strbuf_append(line, "{", 1);
		strbuf_append(line, column->member + first, column->member_length - first);
		first = false;
		const char *value = db_value(rows, i, c);
		if (column->json == JSON_TEXT)
			page_json_string(line, value);
		else if (column->json == JSON_BOOL)
			strbuf_puts(line, strcmp(value, "t") == 0 ? "true" : "false");
		else
			strbuf_puts(line, *value == '\0' ? "null" : value);
	}
	strbuf_append(line, first ? "{}\n" : "}\n", first ? 3 : 2);
}

/* The CSV cell of value in column: its words in lang when the column has
 * words and the catalog knows the value, else the value as stored. */
static const char *export_csv_value(const struct export_column *column, const char *value,
    const char *lang)
{
	if (column->words == NULL || *value == '\0')
		return value;
	char key[96];
	int length = snprintf(key, sizeof(key), "%s.%s", column->words, value);
	if (length < 0 || (size_t)length >= sizeof(key))
		return value;
	return view_has_text(key) ? view_text(lang, key) : value; /* a ref of one's own */
}

static void export_csv_row(struct strbuf *line, const struct export_table *table,
    const struct db_rows *rows, int i, const char *lang)
{
	int last = table->count - 1;
	while (last > 0 && !table->columns[last].csv)
		last--;
	for (int c = 0; c <= last; c++)
		if (table->columns[c].csv)
			csv_cell(line, export_csv_value(&table->columns[c], db_value(rows, i, c), lang),
			    c == last);
}

/* Writes the byte-order mark and the header row of table's CSV, the
 * columns' names in lang (backups.csv.KEY). */
static void export_csv_head(struct arena *arena, struct export_out *out,
    const struct export_table *table, const char *lang)
{
	struct strbuf line;
	strbuf_init(&line, arena);
	csv_bom(&line);
	int last = table->count - 1;
	while (last > 0 && !table->columns[last].csv)
		last--;
	for (int c = 0; c <= last; c++)
		if (table->columns[c].csv)
			csv_cell(&line, view_text(lang, arena_printf(arena, "backups.csv.%s",
			    table->columns[c].key)), c == last);
	export_out_write(out, line.data, line.length);
}

/* Rests export_pause_ms after a batch. */
static void export_pause(void)
{
	long long pause = config_num("export_pause_ms");
	if (pause > 0) {
		struct timespec rest = { pause / 1000, (pause % 1000) * 1000 * 1000 };
		nanosleep(&rest, NULL);
	}
}

/* Writes one fetched batch of table t to its CSV and JSON Lines files, the
 * text built in arena. */
static void export_batch(struct export_run *run, int t, const struct db_rows *rows,
    struct arena *arena)
{
	const struct export_table *table = &export_tables[t];
	struct strbuf csv, json;
	strbuf_init(&csv, arena);
	strbuf_init(&json, arena);
	for (int i = 0; i < rows->count; i++) {
		if (run->csv)
			export_csv_row(&csv, table, rows, i, run->job->lang);
		if (run->jsonl)
			export_json_row(&json, table, rows, i);
		/* written in pieces: the text of a batch is never held whole */
		if (csv.length + json.length >= EXPORT_CHUNK || i == rows->count - 1) {
			export_out_write(&run->outputs[t][0], csv.data, csv.length);
			export_out_write(&run->outputs[t][1], json.data, json.length);
			csv.length = json.length = 0;
		}
	}
}

/* Two batches in flight: while a writer thread turns one into CSV and JSON
 * on the disk, this thread already fetches the next, so that the database
 * and the formatting run at once (EXP-4's rate) with at most two batches of
 * 10,000 rows in memory. */
struct export_pipe {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct {
		struct arena *arena; /* the rows and their text; reset when refilled */
		struct db_rows rows;
	} slots[2];
	int filled;        /* slots fetched and not yet written */
	int next_write;
	bool finished;     /* the fetcher is done (or gave up) */
	bool failed;       /* a write failed: the fetcher stops */
	struct export_run *run;
	int table;
};

static void *export_writer(void *data)
{
	struct export_pipe *pipe = data;
	struct export_run *run = pipe->run;
	pthread_mutex_lock(&pipe->lock);
	for (;;) {
		while (pipe->filled == 0 && !pipe->finished)
			pthread_cond_wait(&pipe->changed, &pipe->lock);
		if (pipe->filled == 0)
			break;
		int slot = pipe->next_write;
		pthread_mutex_unlock(&pipe->lock);
		const struct db_rows *rows = &pipe->slots[slot].rows;
		export_batch(run, pipe->table, rows, pipe->slots[slot].arena);
		bool failed = run->outputs[pipe->table][0].failed || run->outputs[pipe->table][1].failed;
		if (export_tables[pipe->table].cursor == EXPORT_MESSAGES)
			atomic_fetch_add(&run->progress->done, rows->count);
		pthread_mutex_lock(&pipe->lock);
		pipe->failed = pipe->failed || failed;
		pipe->filled--;
		pipe->next_write ^= 1;
		pthread_cond_broadcast(&pipe->changed);
	}
	pthread_mutex_unlock(&pipe->lock);
	return NULL;
}

/* Fetches batches of table t into free slots until the cursor ends; the
 * number of the last fetch (0 at the end), or <0 when it failed, or 1 when
 * it stopped for a write failure or a cancel. */
static int export_fetch_all(struct export_pipe *pipe)
{
	struct export_run *run = pipe->run;
	for (int slot = 0;; slot ^= 1) {
		pthread_mutex_lock(&pipe->lock);
		while (pipe->filled == 2 && !pipe->failed)
			pthread_cond_wait(&pipe->changed, &pipe->lock);
		bool failed = pipe->failed;
		pthread_mutex_unlock(&pipe->lock);
		if (failed || atomic_load(&run->progress->cancel))
			return 1;
		arena_reset(pipe->slots[slot].arena);
		int count = db_exports_fetch(pipe->slots[slot].arena, export_tables[pipe->table].cursor,
		    &pipe->slots[slot].rows);
		if (count <= 0)
			return count;
		pthread_mutex_lock(&pipe->lock);
		pipe->filled++;
		pthread_cond_broadcast(&pipe->changed);
		pthread_mutex_unlock(&pipe->lock);
		export_pause();
	}
}

/* Records the first error of the run; returns -1. */
static int export_failed(struct export_run *run, const char *error)
{
	if (run->error == NULL)
		run->error = error;
	return -1;
}

/* Streams table t of account_id into its files. */
static int export_table(struct export_run *run, int t, long long account_id)
{
	const struct backup_job *job = run->job;
	if (db_exports_open(run->arena, export_tables[t].cursor, account_id, job->period_from,
		job->period_to) != 0)
		return export_failed(run, "database");
	struct export_pipe pipe = {
		.lock = PTHREAD_MUTEX_INITIALIZER, .changed = PTHREAD_COND_INITIALIZER,
		.run = run, .table = t,
	};
	pipe.slots[0].arena = run->batch;
	pipe.slots[1].arena = arena_new();
	pthread_t writer;
	int fetched = -1;
	if (pthread_create(&writer, NULL, export_writer, &pipe) == 0) {
		fetched = export_fetch_all(&pipe);
		pthread_mutex_lock(&pipe.lock);
		pipe.finished = true;
		pthread_cond_broadcast(&pipe.changed);
		pthread_mutex_unlock(&pipe.lock);
		pthread_join(writer, NULL);
	}
	arena_free(pipe.slots[1].arena);
	arena_reset(run->batch);
	if (fetched < 0)
		return export_failed(run, "database");
	if (pipe.failed)
		return export_failed(run, "write");
	if (fetched > 0)
		return export_failed(run, "cancelled");
	return 0;
}

/* Appends {"path","size","sha256"} of one file to the manifest. */
static void export_manifest_entry(struct export_run *run, const char *path, long long size,
    const char *sha256)
{
	struct strbuf entry;
	strbuf_init(&entry, run->batch);
	strbuf_puts(&entry, run->manifest_files++ == 0 ? "\n  " : ",\n  ");
	strbuf_puts(&entry, "{\"path\":");
	page_json_string(&entry, path);
	strbuf_printf(&entry, ",\"size\":%lld,\"sha256\":\"%s\"}", size, sha256);
	export_out_write(&run->manifest, entry.data, entry.length);
}

/* Adds the file at path to the zip as entry (stored when store, which
 * suits attachments: mostly images, compressed already). */
static int export_zip_add(struct export_run *run, const char *path, const char *entry, bool store)
{
	zip_source_t *source = zip_source_file(run->archive, path, 0, 0);
	if (source == NULL)
		return -1;
	zip_int64_t index = zip_file_add(run->archive, entry, source, ZIP_FL_ENC_UTF_8);
	if (index < 0) {
		zip_source_free(source);
		log_error("export: zip add %s: %s", entry, zip_strerror(run->archive));
		return -1;
	}
	/* deflate's fastest level: the text parts shrink nearly as much, 3 times faster */
	zip_set_file_compression(run->archive, (zip_uint64_t)index,
	    store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, store ? 0 : 1);
	return 0;
}

/* Hashes the attachment stored_name and adds it to the zip as path. A file
 * missing from the disk is left out (logged); its message keeps the name. */
static int export_attachment(struct export_run *run, const char *path, const char *stored)
{
	const char *file = arena_printf(run->batch, "%s/%s", config_str("upload_dir"), stored);
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		log_error("export: attachment %s is missing: %s", file, strerror(errno));
		return 0;
	}
	struct sha256 hash;
	if (sha256_start(&hash) != 0) {
		close(fd);
		return -1;
	}
	unsigned char buffer[65536];
	long long size = 0;
	ssize_t got;
	while ((got = read(fd, buffer, sizeof(buffer))) > 0) {
		sha256_add(&hash, buffer, (size_t)got);
		size += got;
	}
	close(fd);
	const char *digest = sha256_hex(&hash, run->batch);
	if (got < 0 || digest == NULL)
		return -1;
	export_manifest_entry(run, path, size, digest);
	/* the source's name must live until zip_close: the run's arena */
	return export_zip_add(run, arena_strdup(run->arena, file), arena_strdup(run->arena, path),
	    true);
}

/* Adds every attachment of account_id's messages of the period. */
static int export_attachments(struct export_run *run, long long account_id)
{
	const struct backup_job *job = run->job;
	if (db_exports_open(run->arena, EXPORT_ATTACHMENTS, account_id, job->period_from,
		job->period_to) != 0)
		return export_failed(run, "database");
	for (;;) {
		struct db_rows rows;
		arena_reset(run->batch);
		int count = db_exports_fetch(run->batch, EXPORT_ATTACHMENTS, &rows);
		if (count < 0)
			return export_failed(run, "database");
		if (count == 0)
			break;
		for (int i = 0; i < count; i++)
			if (export_attachment(run, db_value(&rows, i, EXPORT_ATTACHMENT_PATH),
				db_value(&rows, i, EXPORT_ATTACHMENT_STORED)) != 0)
				return export_failed(run, "zip");
		if (atomic_load(&run->progress->cancel) || run->manifest.failed)
			return export_failed(run, run->manifest.failed ? "write" : "cancelled");
	}
	arena_reset(run->batch);
	return 0;
}

/* Writes account.json: the accounts of the backup and its period, what a
 * restore needs beside the rows. */
static int export_account_file(struct export_run *run, const struct export_account *accounts,
    int count)
{
	struct export_out out;
	const char *path = arena_printf(run->arena, "%s/account.json", run->work);
	if (export_out_open(&out, path, "account.json") != 0)
		return -1;
	struct strbuf text;
	strbuf_init(&text, run->batch);
	strbuf_puts(&text, "{\"format\":\"sangdam-backup\",\"version\":1,\"period_from\":");
	page_json_string(&text, run->job->period_from != NULL ? run->job->period_from : "");
	strbuf_puts(&text, ",\"period_to\":");
	page_json_string(&text, run->job->period_to != NULL ? run->job->period_to : "");
	strbuf_puts(&text, ",\"accounts\":[");
	for (int i = 0; i < count; i++) {
		const char *fields[][2] = { { "code", accounts[i].code }, { "name", accounts[i].name },
			{ "kind", accounts[i].kind }, { "category1", accounts[i].category1 },
			{ "time_zone", accounts[i].time_zone }, { "brn", accounts[i].brn },
			{ "company", accounts[i].company },
			{ "representative", accounts[i].representative } };
		strbuf_puts(&text, i == 0 ? "{" : ",{");
		for (size_t f = 0; f < sizeof(fields) / sizeof(fields[0]); f++) {
			strbuf_puts(&text, f == 0 ? "" : ",");
			page_json_string(&text, fields[f][0]);
			strbuf_puts(&text, ":");
			page_json_string(&text, fields[f][1]);
		}
		strbuf_puts(&text, "}");
	}
	strbuf_puts(&text, "]}\n");
	export_out_write(&out, text.data, text.length);
	const char *sha256;
	if (export_out_close(run->arena, &out, &sha256) != 0)
		return -1;
	export_manifest_entry(run, "account.json", out.size, sha256);
	return export_zip_add(run, path, "account.json", false);
}

/* Everything read inside the snapshot: counts, messages, and for a zip the
 * rooms, customers and attachments. */
static int export_snapshot(struct export_run *run)
{
	struct export_account *accounts;
	int count = db_exports_accounts(run->arena, run->job->account_id, &accounts);
	if (count < 0)
		return export_failed(run, "database");
	long long total = 0;
	for (int i = 0; i < count; i++) {
		long long messages = 0;
		if (db_exports_count(run->arena, accounts[i].id, run->job->period_from,
			run->job->period_to, &messages) < 0)
			return export_failed(run, "database");
		total += messages;
	}
	atomic_store(&run->progress->total, total);
	for (int t = 0; t < (run->zip ? EXPORT_TABLES : 1); t++)
		for (int i = 0; i < count; i++)
			if (export_table(run, t, accounts[i].id) != 0)
				return -1;
	if (!run->zip)
		return 0;
	for (int i = 0; i < count; i++)
		if (export_attachments(run, accounts[i].id) != 0)
			return -1;
	return export_account_file(run, accounts, count) == 0 ? 0 : export_failed(run, "write");
}

/* Opens the CSV and JSON Lines files of the run: in the work folder for a
 * zip, else the one file at path. */
static int export_open_outputs(struct export_run *run, const char *path)
{
	for (int t = 0; t < (run->zip ? EXPORT_TABLES : 1); t++)
		for (int kind = 0; kind < 2; kind++) {
			if (!(kind == 0 ? run->csv : run->jsonl))
				continue;
			const char *entry = arena_printf(run->arena, "%s.%s", export_tables[t].name,
			    kind == 0 ? "csv" : "jsonl");
			struct export_out *out = &run->outputs[t][kind];
			if (run->zip ? export_out_open_part(out, arena_printf(run->arena, "%s/%s.deflate",
				run->work, entry), entry) != 0 : export_out_open(out, path, entry) != 0)
				return -1;
			if (kind == 0)
				export_csv_head(run->arena, &run->outputs[t][kind], &export_tables[t],
				    run->job->lang);
		}
	return 0;
}

/* Closes the table files; in a zip, lists and adds each. */
static int export_close_outputs(struct export_run *run)
{
	int result = 0;
	for (int t = 0; t < EXPORT_TABLES; t++)
		for (int kind = 0; kind < 2; kind++) {
			struct export_out *out = &run->outputs[t][kind];
			if (out->path == NULL)
				continue;
			bool was_open = out->file != NULL;
			const char *sha256;
			if (export_out_close(run->arena, out, &sha256) != 0) {
				result = -1;
				continue;
			}
			if (!run->zip || !was_open || result != 0)
				continue;
			export_manifest_entry(run, out->entry, out->size, sha256);
			if (export_part_add(&out->part, run->archive) != 0)
				result = -1;
		}
	return result;
}

static int export_zip_cancel(zip_t *archive, void *data)
{
	(void)archive;
	const struct export_run *run = data;
	return atomic_load(&run->progress->cancel) ? 1 : 0;
}

/* Opens the zip at path with its work folder and manifest. */
static int export_zip_open(struct export_run *run, const char *path)
{
	if (mkdir(run->work, 0750) != 0) {
		log_error("export: mkdir %s: %s", run->work, strerror(errno));
		return -1;
	}
	int error = 0;
	run->archive = zip_open(path, ZIP_CREATE | ZIP_EXCL, &error);
	if (run->archive == NULL) {
		log_error("export: zip_open %s: error %d", path, error);
		return -1;
	}
	zip_register_cancel_callback_with_state(run->archive, export_zip_cancel, NULL, run);
	const char *manifest = arena_printf(run->arena, "%s/manifest.json", run->work);
	if (export_out_open(&run->manifest, manifest, "manifest.json") != 0)
		return -1;
	export_out_write(&run->manifest, "{\"format\":\"sangdam-backup\",\"version\":1,\"files\":[",
	    strlen("{\"format\":\"sangdam-backup\",\"version\":1,\"files\":["));
	return 0;
}

/* Ends the manifest, adds it, and writes the zip (libzip writes on close,
 * reading every part from the disk, with ZIP64 where sizes need it). */
static int export_zip_close(struct export_run *run)
{
	export_out_write(&run->manifest, "\n]}\n", 4);
	if (export_out_close(run->arena, &run->manifest, NULL) != 0)
		return export_failed(run, "write");
	if (export_zip_add(run, run->manifest.path, "manifest.json", false) != 0)
		return export_failed(run, "zip");
	int closed = zip_close(run->archive);
	if (closed != 0) {
		log_error("export: zip_close: %s", zip_strerror(run->archive));
		zip_discard(run->archive);
	}
	run->archive = NULL;
	if (closed != 0)
		return export_failed(run, atomic_load(&run->progress->cancel) ? "cancelled" : "zip");
	return 0;
}

/* Removes the folder path and the files in it (one level: a zip's parts). */
static void export_remove_tree(const char *path)
{
	DIR *dir = opendir(path);
	if (dir == NULL) {
		unlink(path);
		return;
	}
	struct dirent *entry;
	while ((entry = readdir(dir)) != NULL)
		if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0)
			unlinkat(dirfd(dir), entry->d_name, 0);
	closedir(dir);
	rmdir(path);
}

void export_remove_partial(long long id)
{
	const char *base = export_dir();
	if (base == NULL)
		return;
	char prefix[32];
	snprintf(prefix, sizeof(prefix), "%lld-", id);
	DIR *dir = opendir(base);
	if (dir == NULL)
		return;
	struct dirent *entry;
	while ((entry = readdir(dir)) != NULL) {
		if (strncmp(entry->d_name, prefix, strlen(prefix)) != 0)
			continue;
		char path[PATH_MAX];
		if (snprintf(path, sizeof(path), "%s/%s", base, entry->d_name) < (int)sizeof(path))
			export_remove_tree(path);
	}
	closedir(dir);
}

int export_remove(const char *file_name)
{
	const char *base = export_dir();
	char path[PATH_MAX];
	if (base == NULL || strchr(file_name, '/') != NULL || *file_name == '\0'
	    || snprintf(path, sizeof(path), "%s/%s", base, file_name) >= (int)sizeof(path))
		return -1;
	return unlink(path) == 0 || errno == ENOENT ? 0 : -1;
}

/* Reads in the snapshot and finishes the files; 0 or -1 (run->error). */
static int export_files(struct export_run *run, const char *part)
{
	if ((run->zip && export_zip_open(run, part) != 0) || export_open_outputs(run, part) != 0)
		return export_failed(run, "write");
	if (db_begin_snapshot(run->arena) != 0)
		return export_failed(run, "database");
	int read = export_snapshot(run);
	if (read == 0 && db_commit(run->arena) != 0)
		read = export_failed(run, "database");
	if (read != 0) {
		db_exports_close(); /* a stream left running by a cancel or a failure */
		db_rollback(run->arena);
	}
	if (export_close_outputs(run) != 0 && read == 0)
		read = export_failed(run, "write");
	if (read != 0 || !run->zip)
		return read;
	return export_zip_close(run);
}

int export_write(struct arena *arena, const struct backup_job *job,
    struct export_progress *progress, const char **file_name, long long *size,
    const char **error)
{
	const char *base = export_dir();
	*error = "write";
	if (base == NULL)
		return -1;
	struct export_run run = {
		.arena = arena, .batch = arena_new(), .job = job, .progress = progress,
		.zip = strcmp(job->format, "zip") == 0,
	};
	run.csv = run.zip || strcmp(job->format, "csv") == 0;
	run.jsonl = run.zip || strcmp(job->format, "jsonl") == 0;
	unsigned char random[16];
	randombytes_buf(random, sizeof(random));
	const char *name = arena_printf(arena, "%lld-%s.%s", job->id,
	    text_hex(arena, random, sizeof(random)), job->format);
	const char *path = arena_printf(arena, "%s/%s", base, name);
	const char *part = run.zip ? path : arena_printf(arena, "%s.part", path);
	run.work = arena_printf(arena, "%s/%lld-work", base, job->id);
	int result = export_files(&run, part);
	if (run.archive != NULL)
		zip_discard(run.archive);
	for (int t = 0; t < EXPORT_TABLES; t++)
		for (int kind = 0; kind < 2; kind++)
			export_out_abandon(&run.outputs[t][kind]);
	export_out_abandon(&run.manifest);
	arena_free(run.batch);
	struct stat status;
	if (result == 0 && (strcmp(part, path) == 0 || rename(part, path) == 0)
	    && stat(path, &status) == 0) {
		if (run.zip)
			export_remove_tree(run.work);
		*file_name = name;
		*size = (long long)status.st_size;
		*error = NULL;
		return 0;
	}
	*error = run.error != NULL ? run.error : "write";
	export_remove_partial(job->id);
	return -1;
}

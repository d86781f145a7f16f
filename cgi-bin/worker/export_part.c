/* export_part: one text file of a zip backup deflated while it is written.
 * The writer gets a FILE whose bytes go through a pipe to a thread of the
 * part's own, which runs libzip on a one-entry zip beside the backup; the
 * backup then takes that entry's deflated bytes as they are (libzip's raw
 * copy, ZIP_FL_COMPRESSED). So the messages' CSV and JSON Lines deflate on
 * two threads while the rows still stream, instead of one after the other
 * at the end (EXP-4's rate). */
#include "export_part.h"
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Bytes the writer's FILE gathers before each write into the pipe. */
enum { EXPORT_PART_BUFFER = 256 * 1024 };

/* The zip source reading the pipe (libzip's zip_source_function protocol):
 * an entry whose size is known only at its end. */
static zip_int64_t export_part_source(void *data, void *buffer, zip_uint64_t length,
    zip_source_cmd_t command)
{
	struct export_part *part = data;
	switch (command) {
	case ZIP_SOURCE_OPEN:
	case ZIP_SOURCE_CLOSE:
	case ZIP_SOURCE_FREE:
		return 0;
	case ZIP_SOURCE_READ: {
		ssize_t got;
		do
			got = read(part->source, buffer, length > SSIZE_MAX ? SSIZE_MAX : length);
		while (got < 0 && errno == EINTR);
		if (got < 0)
			zip_error_set(&part->error, ZIP_ER_READ, errno);
		return got;
	}
	case ZIP_SOURCE_STAT: {
		zip_stat_t *stat = buffer;
		zip_stat_init(stat);
		stat->mtime = time(NULL);
		stat->valid |= ZIP_STAT_MTIME;
		return sizeof(*stat);
	}
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&part->error, buffer, length);
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ,
		    ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		zip_error_set(&part->error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

/* Writes the part's zip; 0 or -1 (logged). */
static int export_part_write(struct export_part *part)
{
	int error = 0;
	zip_t *archive = zip_open(part->path, ZIP_CREATE | ZIP_EXCL, &error);
	if (archive == NULL) {
		log_error("export: zip_open %s: error %d", part->path, error);
		return -1;
	}
	zip_source_t *source = zip_source_function(archive, export_part_source, part);
	zip_int64_t index = source == NULL ? -1
	    : zip_file_add(archive, part->entry, source, ZIP_FL_ENC_UTF_8);
	if (index < 0) {
		zip_source_free(source);
		log_error("export: zip add %s: %s", part->entry, zip_strerror(archive));
		zip_discard(archive);
		return -1;
	}
	/* deflate's fastest level: text shrinks nearly as much, 3 times faster */
	zip_set_file_compression(archive, (zip_uint64_t)index, ZIP_CM_DEFLATE, 1);
	if (zip_close(archive) != 0) {
		log_error("export: zip_close %s: %s", part->path, zip_strerror(archive));
		zip_discard(archive);
		return -1;
	}
	return 0;
}

static void *export_part_main(void *data)
{
	struct export_part *part = data;
	part->result = export_part_write(part);
	/* after a failure, read to the end so that the writer never blocks */
	char buffer[65536];
	while (read(part->source, buffer, sizeof(buffer)) > 0)
		continue;
	return NULL;
}

int export_part_open(struct export_part *part, const char *path, const char *entry, FILE **file)
{
	*part = (struct export_part) { .path = path, .entry = entry, .source = -1, .result = -1 };
	zip_error_init(&part->error);
	*file = NULL;
	int ends[2];
	if (pipe2(ends, O_CLOEXEC) != 0) {
		log_error("export: pipe: %s", strerror(errno));
		return -1;
	}
	part->source = ends[0];
	*file = fdopen(ends[1], "wb");
	if (*file == NULL) {
		log_error("export: fdopen: %s", strerror(errno));
		close(ends[1]);
		return -1;
	}
	setvbuf(*file, NULL, _IOFBF, EXPORT_PART_BUFFER);
	if (pthread_create(&part->thread, NULL, export_part_main, part) != 0) {
		log_error("export: cannot start the thread of %s", entry);
		return -1;
	}
	part->running = true;
	return 0;
}

int export_part_finish(struct export_part *part)
{
	if (part->running)
		pthread_join(part->thread, NULL);
	part->running = false;
	return part->result;
}

int export_part_add(struct export_part *part, zip_t *archive)
{
	int error = 0;
	part->archive = zip_open(part->path, ZIP_RDONLY, &error);
	if (part->archive == NULL) {
		log_error("export: reopening %s: error %d", part->path, error);
		return -1;
	}
	zip_source_t *source = zip_source_zip(archive, part->archive, 0, ZIP_FL_COMPRESSED, 0, -1);
	if (source == NULL || zip_file_add(archive, part->entry, source, ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(source);
		log_error("export: zip add %s: %s", part->entry, zip_strerror(archive));
		return -1;
	}
	return 0;
}

void export_part_free(struct export_part *part)
{
	if (part->path == NULL)
		return;
	if (part->running)
		pthread_join(part->thread, NULL); /* its writer's FILE is closed first */
	part->running = false;
	if (part->source >= 0)
		close(part->source);
	part->source = -1;
	if (part->archive != NULL)
		zip_discard(part->archive);
	part->archive = NULL;
	zip_error_fini(&part->error);
	part->path = NULL;
}

/* export_part: one text file of a zip backup deflated while it is written.
 * The writer gets a FILE whose bytes go through a pipe to a thread of the
 * part's own, which deflates them with ISA-L's igzip (level 1, several times
 * faster than zlib's fastest level on these machines, the same format) into
 * a raw deflate stream beside the backup, counting its size, CRC-32 and
 * SHA-256 (the manifest's; off the writer's thread too); the
 * backup then takes those bytes as they are (a zip source whose stat gives
 * the method, sizes and CRC, which libzip copies without recompressing). So
 * the messages' CSV and JSON Lines deflate on two threads while the rows
 * still stream, instead of one after the other at the end (EXP-4's rate). */
#include "export_part.h"
#include "log.h"

#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Bytes the writer's FILE gathers before each write into the pipe, and the
 * size of the thread's input and output buffers. */
enum { EXPORT_PART_BUFFER = 256 * 1024 };

/* Reads the pipe until buffer is full or the writer has closed it: the bytes
 * read, 0 at the end, or -1 (errno). */
static ssize_t export_part_read(int source, unsigned char *buffer, size_t length)
{
	size_t have = 0;
	while (have < length) {
		ssize_t got = read(source, buffer + have, length - have);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -1;
		if (got == 0)
			break;
		have += (size_t)got;
	}
	return (ssize_t)have;
}

/* Writes all of buffer to fd; 0, or -1 (errno). */
static int export_part_put(int fd, const unsigned char *buffer, size_t length)
{
	while (length > 0) {
		ssize_t put = write(fd, buffer, length);
		if (put < 0 && errno == EINTR)
			continue;
		if (put < 0)
			return -1;
		buffer += put;
		length -= (size_t)put;
	}
	return 0;
}

/* Deflates everything in stream's input (and, at the end, the stream's
 * tail) into fd; 0, or -1 (logged). */
static int export_part_deflate(struct export_part *part, struct isal_zstream *stream,
    unsigned char *output, int fd)
{
	do {
		stream->next_out = output;
		stream->avail_out = EXPORT_PART_BUFFER;
		if (isal_deflate(stream) != COMP_OK) {
			log_error("export: deflating %s failed", part->entry);
			return -1;
		}
		size_t produced = EXPORT_PART_BUFFER - stream->avail_out;
		if (export_part_put(fd, output, produced) != 0) {
			log_error("export: writing %s: %s", part->path, strerror(errno));
			return -1;
		}
		part->compressed += produced;
	} while (stream->avail_in > 0
	    || (stream->end_of_stream && stream->internal_state.state != ZSTATE_END));
	return 0;
}

/* Writes the part's raw deflate stream and counts its size and CRC-32;
 * 0 or -1 (logged). */
static int export_part_write(struct export_part *part, int fd)
{
	unsigned char *input = malloc(EXPORT_PART_BUFFER);
	unsigned char *output = malloc(EXPORT_PART_BUFFER);
	struct isal_zstream stream;
	isal_deflate_init(&stream);
	stream.level = 1;
	stream.level_buf_size = ISAL_DEF_LVL1_DEFAULT;
	stream.level_buf = malloc(stream.level_buf_size);
	int result = input == NULL || output == NULL || stream.level_buf == NULL ? -1 : 0;
	while (result == 0 && !stream.end_of_stream) {
		ssize_t got = export_part_read(part->source, input, EXPORT_PART_BUFFER);
		if (got < 0) {
			log_error("export: reading the pipe of %s: %s", part->entry, strerror(errno));
			result = -1;
			break;
		}
		sha256_add(&part->hash, input, (size_t)got);
		part->crc = crc32_gzip_refl(part->crc, input, (uint64_t)got);
		part->size += (uint64_t)got;
		stream.next_in = input;
		stream.avail_in = (uint32_t)got;
		stream.end_of_stream = got == 0;
		result = export_part_deflate(part, &stream, output, fd);
	}
	free(stream.level_buf);
	free(output);
	free(input);
	return result;
}

static void *export_part_main(void *data)
{
	struct export_part *part = data;
	int fd = open(part->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
	if (fd < 0)
		log_error("export: cannot create %s: %s", part->path, strerror(errno));
	else if (export_part_write(part, fd) == 0)
		part->result = 0; /* a work file: the backup's zip is the one synced */
	if (fd >= 0 && close(fd) != 0)
		part->result = -1;
	/* after a failure, read to the end so that the writer never blocks */
	char buffer[65536];
	while (read(part->source, buffer, sizeof(buffer)) > 0)
		continue;
	return NULL;
}

/* The zip source of a finished part (libzip's zip_source_function
 * protocol): its deflated bytes, with a stat that gives the method, both
 * sizes and the CRC, so that libzip copies them as they are. */
static zip_int64_t export_part_source(void *data, void *buffer, zip_uint64_t length,
    zip_source_cmd_t command)
{
	struct export_part *part = data;
	switch (command) {
	case ZIP_SOURCE_OPEN:
		part->deflated = open(part->path, O_RDONLY | O_CLOEXEC);
		if (part->deflated < 0) {
			zip_error_set(&part->error, ZIP_ER_OPEN, errno);
			return -1;
		}
		return 0;
	case ZIP_SOURCE_READ: {
		ssize_t got;
		do
			got = read(part->deflated, buffer, length > SSIZE_MAX ? SSIZE_MAX : length);
		while (got < 0 && errno == EINTR);
		if (got < 0)
			zip_error_set(&part->error, ZIP_ER_READ, errno);
		return got;
	}
	case ZIP_SOURCE_CLOSE:
		if (part->deflated >= 0)
			close(part->deflated);
		part->deflated = -1;
		return 0;
	case ZIP_SOURCE_FREE:
		return 0;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *stat = buffer;
		zip_stat_init(stat);
		stat->size = part->size;
		stat->comp_size = part->compressed;
		stat->crc = part->crc;
		stat->comp_method = ZIP_CM_DEFLATE;
		stat->encryption_method = ZIP_EM_NONE;
		stat->mtime = part->mtime;
		stat->valid |= ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC
		    | ZIP_STAT_COMP_METHOD | ZIP_STAT_ENCRYPTION_METHOD | ZIP_STAT_MTIME;
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

int export_part_open(struct export_part *part, const char *path, const char *entry, FILE **file)
{
	*part = (struct export_part) { .path = path, .entry = entry, .source = -1,
	    .deflated = -1, .result = -1, .mtime = time(NULL) };
	zip_error_init(&part->error);
	*file = NULL;
	if (sha256_start(&part->hash) != 0)
		return -1;
	int ends[2];
	if (pipe2(ends, O_CLOEXEC) != 0) {
		log_error("export: pipe: %s", strerror(errno));
		return -1;
	}
	part->source = ends[0];
	/* a pipe of a megabyte holds several of the writer's buffers: the two
	 * threads wake each other rarely (on this machine's virtual processors
	 * a wake-up costs more than the copy); the default is kept if refused */
	(void)fcntl(ends[1], F_SETPIPE_SZ, 1024 * 1024);
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
	zip_source_t *source = zip_source_function(archive, export_part_source, part);
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
	if (part->deflated >= 0)
		close(part->deflated);
	part->deflated = -1;
	zip_error_fini(&part->error);
	sha256_free(&part->hash);
	part->path = NULL;
}

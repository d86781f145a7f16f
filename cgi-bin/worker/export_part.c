/* export_part: one text file of a zip backup deflated while it is written.
 * The writer gets a FILE (fopencookie) whose full buffers are handed to a
 * thread of the part's own (two slots, no pipe: on these virtual machines
 * the kernel's copies and wake-ups were a quarter of a backup's time),
 * which deflates them with ISA-L's igzip (level 1, several times
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

/* Bytes the writer's FILE gathers before it hands them over: the size of
 * each slot and of the thread's output buffer. */
enum { EXPORT_PART_BUFFER = 256 * 1024 };

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

/* Waits for the writer's next slot: its index, or -1 when the writer has
 * closed its FILE and every slot is deflated. */
static int export_part_next(struct export_part *part)
{
	pthread_mutex_lock(&part->lock);
	while (part->filled == 0 && !part->closed)
		pthread_cond_wait(&part->changed, &part->lock);
	int slot = part->filled > 0 ? part->next_deflate : -1;
	pthread_mutex_unlock(&part->lock);
	return slot;
}

/* Gives a deflated slot back to the writer. */
static void export_part_done(struct export_part *part)
{
	pthread_mutex_lock(&part->lock);
	part->filled--;
	part->next_deflate ^= 1;
	pthread_cond_broadcast(&part->changed);
	pthread_mutex_unlock(&part->lock);
}

/* Writes the part's raw deflate stream and counts its size, CRC-32 and
 * SHA-256; 0 or -1 (logged). */
static int export_part_write(struct export_part *part, int fd)
{
	unsigned char *output = malloc(EXPORT_PART_BUFFER);
	struct isal_zstream stream;
	isal_deflate_init(&stream);
	stream.level = 1;
	stream.level_buf_size = ISAL_DEF_LVL1_DEFAULT;
	stream.level_buf = malloc(stream.level_buf_size);
	int result = output == NULL || stream.level_buf == NULL ? -1 : 0;
	while (result == 0 && !stream.end_of_stream) {
		int slot = export_part_next(part);
		unsigned char *input = slot < 0 ? NULL : part->slots[slot];
		size_t length = slot < 0 ? 0 : part->slot_length[slot];
		sha256_add(&part->hash, input, length);
		part->crc = crc32_gzip_refl(part->crc, input, length);
		part->size += length;
		stream.next_in = input;
		stream.avail_in = (uint32_t)length;
		stream.end_of_stream = slot < 0;
		result = export_part_deflate(part, &stream, output, fd);
		if (slot >= 0)
			export_part_done(part);
	}
	free(stream.level_buf);
	free(output);
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
	if (part->result != 0) {
		/* the writer's next write fails, and it never waits for a slot */
		pthread_mutex_lock(&part->lock);
		part->gave_up = true;
		pthread_cond_broadcast(&part->changed);
		pthread_mutex_unlock(&part->lock);
	}
	return NULL;
}

/* The writer's FILE (fopencookie): copies what its buffer hands over into
 * the next free slot, waiting while the thread deflates both; length, or
 * -1 with errno EIO when the thread has given up. */
static ssize_t export_part_file_write(void *cookie, const char *data, size_t length)
{
	struct export_part *part = cookie;
	size_t done = 0;
	pthread_mutex_lock(&part->lock);
	while (done < length && !part->gave_up) {
		while (part->filled == 2 && !part->gave_up)
			pthread_cond_wait(&part->changed, &part->lock);
		if (part->gave_up)
			break;
		int slot = part->next_fill;
		size_t chunk = length - done < EXPORT_PART_BUFFER ? length - done : EXPORT_PART_BUFFER;
		/* the thread reads only filled slots: this one is the writer's */
		pthread_mutex_unlock(&part->lock);
		memcpy(part->slots[slot], data + done, chunk);
		pthread_mutex_lock(&part->lock);
		part->slot_length[slot] = chunk;
		part->next_fill ^= 1;
		part->filled++;
		done += chunk;
		pthread_cond_broadcast(&part->changed);
	}
	bool gave_up = part->gave_up;
	pthread_mutex_unlock(&part->lock);
	if (gave_up) {
		errno = EIO;
		return -1;
	}
	return (ssize_t)length;
}

/* The writer's fclose: no more slots will come. */
static int export_part_file_close(void *cookie)
{
	struct export_part *part = cookie;
	pthread_mutex_lock(&part->lock);
	part->closed = true;
	pthread_cond_broadcast(&part->changed);
	pthread_mutex_unlock(&part->lock);
	return 0;
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
	*part = (struct export_part) { .path = path, .entry = entry, .deflated = -1,
	    .result = -1, .mtime = time(NULL) };
	pthread_mutex_init(&part->lock, NULL);
	pthread_cond_init(&part->changed, NULL);
	zip_error_init(&part->error);
	*file = NULL;
	part->slots[0] = malloc(EXPORT_PART_BUFFER);
	part->slots[1] = malloc(EXPORT_PART_BUFFER);
	if (part->slots[0] == NULL || part->slots[1] == NULL || sha256_start(&part->hash) != 0)
		return -1;
	cookie_io_functions_t functions = {
		.write = export_part_file_write, .close = export_part_file_close,
	};
	*file = fopencookie(part, "w", functions);
	if (*file == NULL) {
		log_error("export: fopencookie: %s", strerror(errno));
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
	free(part->slots[0]);
	free(part->slots[1]);
	part->slots[0] = part->slots[1] = NULL;
	pthread_cond_destroy(&part->changed);
	pthread_mutex_destroy(&part->lock);
	if (part->deflated >= 0)
		close(part->deflated);
	part->deflated = -1;
	zip_error_fini(&part->error);
	sha256_free(&part->hash);
	part->path = NULL;
}

/* backups: what the member's backup page (cgi-bin/export) and the
 * operator's (cgi-bin/ops) share (EXP-1): the rows of the list, the status
 * JSON that the progress bar polls, and the download through nginx. */
#ifndef SANGDAM_BACKUPS_H
#define SANGDAM_BACKUPS_H

struct backup;
struct request;
struct view;

/* Adds one row of section BACKUPS to view for backup, with links under
 * base ("/a/CODE/backups" or "/ops/backups"). */
void backups_row(struct request *req, struct view *view, const struct backup *backup,
    const char *base);

/* Answers {"status","done","total","percent","size"} of backup as JSON:
 * 200. */
int backups_status_json(struct request *req, const struct backup *backup);

/* Asks before cancelling backup while it runs (issue 13; see confirm.h),
 * cancelling going back to base: 0 to go on (confirm=1 given, or nothing
 * left to cancel), else the status of the confirmation page (200). */
int backups_cancel_asked(struct request *req, const struct backup *backup, const char *base);

/* Answers the file of a ready backup through X-Accel-Redirect to
 * /_exports/ (nginx sends the bytes), named sangdam-CODE-ID.EXT: 200; 404
 * while it is not ready. */
int backups_download(struct request *req, const struct backup *backup);

#endif

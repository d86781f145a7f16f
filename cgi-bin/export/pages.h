/* export pages: what the files of the export program share (one file,
 * backups.c, for now). Every handler returns an HTTP status, or -1 for a
 * 500 (route.h). */
#ifndef SANGDAM_EXPORT_PAGES_H
#define SANGDAM_EXPORT_PAGES_H

struct request;

/* backups.c: GET and POST /a/CODE/backups, the list and a new backup;
 * GET .../ID/status (JSON for the progress bar), GET .../ID/download,
 * POST .../ID/cancel. */
int backups_page(struct request *req);
int backups_start(struct request *req);
int backups_status(struct request *req);
int backups_file(struct request *req);
int backups_stop(struct request *req);

#endif

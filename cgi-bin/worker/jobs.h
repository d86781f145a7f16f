/* worker: the job kinds that live in files of their own. */
#ifndef SANGDAM_WORKER_JOBS_H
#define SANGDAM_WORKER_JOBS_H

struct arena;

/* coupons.c: job "coupon_codes" ({"coupon": ID}): makes the generated codes
 * of the coupon, or reads its uploaded file, and makes the coupon usable
 * (COUP-2); an upload with bad or duplicate lines stores no code and says
 * which lines. 0 done (also when the coupon is gone or failed), <0 retry. */
int coupon_codes_run(struct arena *arena, const char *account_id, const char *payload);

#endif

/* health program: the handlers its page file gives main.c's route table. */
#ifndef SANGDAM_HEALTH_PAGES_H
#define SANGDAM_HEALTH_PAGES_H

struct request;

/* health.c: GET /healthz (200 ok, 503 without the database) and GET /hello
 * (200 "hello", no database: the bench's FastCGI floor). */
int health_check(struct request *req);
int health_hello(struct request *req);

#endif

/* health: the probes that load balancers and monitors ask (DESIGN section 10). */
#include "pages.h"
#include "db.h"
#include "http.h"

int health_check(struct request *req)
{
	return db_ping() ? http_text(req, 200, "ok") : http_text(req, 503, "unavailable");
}

int health_hello(struct request *req)
{
	req->cacheable = true;
	return http_text(req, 200, "hello");
}

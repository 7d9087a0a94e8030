/* reply.h — the one place that turns an rc into an HTTP status and a Weeek-shaped body,
 * and wraps successful payloads in {"success": true, <key>: payload}. Bodies are
 * serialised into the request arena; when the arena is exhausted a static body is used,
 * so an error can always be reported. Shapes: tm-notes §2.3, §2.4; docs/internals/errors.md. */
#ifndef API_REPLY_H
#define API_REPLY_H

#include <stdbool.h>

#include "api/call.h"
#include "http/request.h"

/* The HTTP status for rc; method matters only for RC_NOTFOUND (GET answers 400 with code
 * 1000001 as the live API does for a missing task, other methods 404). */
int reply_status(int rc, const char *method);
/* Success: envelope key (NULL = bare {"success": true}), payload and extra keys from c. */
void reply_success(struct call *c, const char *envelope, struct response *resp);
/* Failure: the body for rc with the detail recorded on c (message, errors). nf404: a
 * missing object is 404 "Record not found" for GET too (the route's R_NF404). */
void reply_error(struct call *c, int rc, bool nf404, struct response *resp);
/* Router-level failures. */
void reply_route_not_found(struct request *req, struct response *resp);
/* allow is copied into the request arena. */
void reply_method_not_allowed(struct request *req, const char *allow, struct response *resp);
void reply_limit(struct request *req, struct response *resp);
/* A JSON body that is not an object, or malformed JSON: 400 with message. */
void reply_bad_request(struct request *req, const char *message, struct response *resp);

#endif

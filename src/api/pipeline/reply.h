/* reply.h — the one place that turns an rc into an HTTP status and a Weeek-shaped body,
 * and wraps successful payloads in {"success": true, <key>: payload}. Bodies are
 * serialised into the request arena; when the arena is exhausted a static body is used,
 * so an error can always be reported. Shapes: tm-notes §2.3, §2.4; docs/internals/errors.md. */
#ifndef API_REPLY_H
#define API_REPLY_H

#include <stdbool.h>

#include "api/pipeline/call.h"
#include "http/request.h"

/* The HTTP status for rc (RC_NOTFOUND: 404; reply_error turns a GET of a route flagged
 * R_NF400, the task, into 400 code 1000001 as the live API answers it). */
int reply_status(int rc);
/* Success: envelope key (NULL = bare {"success": true}), payload and extra keys from c.
 * success_key false leaves "success" out ({<key>: payload, ...}: the route's R_NOSUCCESS,
 * a task's comments, tm-notes §7). */
void reply_success(struct call *c, const char *envelope, bool success_key, struct response *resp);
/* Failure: the body for rc with the detail recorded on c (message, errors). model_nf: a
 * GET or HEAD of a missing object is 400 code 1000001 instead of 404 "Record not found"
 * (the route's R_NF400: only the task's GET, tm-notes §2.4). */
void reply_error(struct call *c, int rc, bool model_nf, struct response *resp);
/* Router-level failures. */
void reply_route_not_found(struct request *req, struct response *resp);
/* allow is copied into the request arena. */
void reply_method_not_allowed(struct request *req, const char *allow, struct response *resp);
void reply_limit(struct request *req, struct response *resp);
/* A JSON body that is not an object, or malformed JSON: 400 with message. */

#endif

/* cors.h — CORS for browser clients of weeekd as a test double (--cors-origin): answers
 * preflights and adds the response headers a browser needs to read an answer. Off unless
 * origins are configured. Library-neutral: reads struct request, writes struct response. */
#ifndef HTTP_CORS_H
#define HTTP_CORS_H

#include <stdbool.h>

#include "http/request.h"

#define CORS_MAX_ORIGINS 16

struct cors_cfg {
    const char *origins[CORS_MAX_ORIGINS]; /* exact origins, or "*" for any */
    int n;
};

/* A preflight (OPTIONS with Origin and Access-Control-Request-Method) from an allowed
 * origin: fills resp with the 204 answer and returns true. Anything else: false, and
 * cors_finish adds the headers once the response is built. */
bool cors_preflight(const struct cors_cfg *cfg, struct request *req, struct response *resp);
/* Add Access-Control-Allow-Origin (and Vary, Expose-Headers) for an allowed Origin. */
void cors_finish(const struct cors_cfg *cfg, const struct request *req, struct response *resp);

#endif

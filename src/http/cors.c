/* cors.c — see cors.h. Decision: an allowed origin is echoed (with Vary: Origin) even
 * under "*", so a response never tells one origin another's name and caches keep them
 * apart; credentials (cookies) play no part in the API, so Allow-Credentials is never
 * sent. */
#include "http/cors.h"
#include "core/common.h"

#define CORS_METHODS "GET, HEAD, POST, PUT, PATCH, DELETE"
/* what a client may send and read besides the CORS-safelisted ones */
#define CORS_HEADERS "Authorization, Content-Type, Accept"
#define CORS_EXPOSE  "Retry-After, X-Request-Id, Content-Disposition"

static bool allowed(const struct cors_cfg *cfg, const char *origin)
{
    if (!cfg || !origin || !*origin)
        return false;
    for (int i = 0; i < cfg->n; i++)
        if (strcmp(cfg->origins[i], "*") == 0 || strcmp(cfg->origins[i], origin) == 0)
            return true;
    return false;
}

static void add(struct response *resp, const char *name, const char *value)
{
    if (resp->nhdr < RESP_MAX_HEADERS) {
        resp->hdr_name[resp->nhdr] = name;
        resp->hdr_value[resp->nhdr++] = value;
    }
}

bool cors_preflight(const struct cors_cfg *cfg, struct request *req, struct response *resp)
{
    if (strcmp(req->method, "OPTIONS") != 0 || !req->acr_method || !allowed(cfg, req->origin))
        return false;
    resp->status = 204;
    resp->body = "";
    resp->body_len = 0;
    add(resp, "Access-Control-Allow-Origin", req->origin);
    add(resp, "Access-Control-Allow-Methods", CORS_METHODS);
    /* the headers asked for are echoed: a client library may add its own (X-Requested-With) */
    add(resp, "Access-Control-Allow-Headers",
        req->acr_headers && *req->acr_headers ? req->acr_headers : CORS_HEADERS);
    add(resp, "Access-Control-Max-Age", "600");
    add(resp, "Vary", "Origin");
    return true;
}

void cors_finish(const struct cors_cfg *cfg, const struct request *req, struct response *resp)
{
    if (!allowed(cfg, req->origin))
        return;
    add(resp, "Access-Control-Allow-Origin", req->origin);
    add(resp, "Access-Control-Expose-Headers", CORS_EXPOSE);
    add(resp, "Vary", "Origin");
}

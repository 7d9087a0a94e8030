/* meta.c — weeekd's own routes, outside the Weeek API: the health check and the OpenAPI
 * document (openapi/weeekd.openapi.json, embedded at build time and sent as is). */
#include "api/pipeline/handlers.h"
#include "api/pipeline/call.h"
#include "core/common.h"
#include "core/embed.h"

extern const struct embedded_file openapi_doc[];

/* Liveness only: "ok" means the process answers; whether the store does is /readyz's
 * question (docs/internals/decisions.md "readiness"). */
int meta_healthz(struct call *c)
{
    return call_reply(c, json_string("ok"));
}

int meta_openapi(struct call *c)
{
    c->raw = openapi_doc[0].data;
    c->raw_len = openapi_doc[0].len;
    return RC_OK;
}

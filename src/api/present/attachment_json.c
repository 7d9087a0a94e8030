/* attachment_json.c — see attachment_json.h.
 * Decision: `url` is absolute (the schema's format is uri, and clients fetch it as is),
 * built from the request's Host header (X-Forwarded-Proto: https gives https) or, without
 * a usable Host, the listen address. It needs the same bearer token as every route: it is
 * not a signed link, so it does not expire either. */
#include "api/present/attachment_json.h"
#include "api/pipeline/json_util.h"
#include "api/pipeline/router.h"
#include "model/attachment.h"
#include "core/clock.h"

#include <stdio.h>
#include <strings.h>
#include "core/common.h"

/* A Host header we are willing to put in a URL: a name or address and a port, nothing
 * that could turn the URL into another one */
static bool host_ok(const char *h)
{
    size_t n = h ? strlen(h) : 0;
    if (n == 0 || n > 255)
        return false;
    for (size_t i = 0; i < n; i++) {
        char ch = h[i];
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                  (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == ':' || ch == '[' ||
                  ch == ']' || ch == '_';
        if (!ok)
            return false;
    }
    return true;
}

/* "http://HOST/public/v1/ws/attachments/<id>/content" into out */
static void attachment_url(const struct request *req, const char *id, char *out, size_t n)
{
    const char *host = "localhost";
    bool https = false;
    if (req) {
        host = host_ok(req->host) ? req->host : req->local_addr ? req->local_addr : host;
        https = req->forwarded_proto && strcasecmp(req->forwarded_proto, "https") == 0;
    }
    snprintf(out, n, "%s://%s" API_PREFIX "/ws/attachments/%s/content", https ? "https" : "http",
             host, id);
}

void attachment_write(struct jw *w, const struct call *c, const void *item)
{
    const struct attachment *at = item;
    char url[400];
    attachment_url(c->req, at->id, url, sizeof(url));
    jw_obj(w);
    jw_key_str(w, "id", at->id);
    jw_key_str(w, "creatorId", at->creator_id);
    jw_key_str(w, "service", "weeek");
    jw_key_str(w, "name", at->name);
    jw_key_str(w, "url", url);
    jw_key_int(w, "size", at->size);
    jw_key(w, "createdAt");
    jv_write_time(w, at->created_at);
    jw_obj_end(w);
}

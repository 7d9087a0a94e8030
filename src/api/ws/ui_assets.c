/* ui_assets.c — the web interface (ui/, embedded at build time by tools/embed.sh like the
 * OpenAPI document): index.html at "/" and every file under "/ui/{name}". The interface is
 * a client of /public/v1 like any other; nothing here touches the store.
 * Decision: every asset is "Cache-Control: no-cache" with a strong ETag (a hash of its
 * bytes): the names are not versioned, so a browser revalidates each load and gets a 304
 * with no body while the binary is unchanged (docs/internals/decisions.md). */
#include "api/pipeline/handlers.h"
#include "core/embed.h"
#include "core/sha256.h"

#include <pthread.h>
#include "core/common.h"

extern const struct embedded_file ui_files[];

#define UI_MAX_FILES 64

/* Sent with every asset: no inline script, no foreign origin, no framing (issue 16). */
static const char *const ui_headers[] = {"Content-Security-Policy",
                                         "default-src 'self'; frame-ancestors 'none'",
                                         "Referrer-Policy",
                                         "no-referrer",
                                         "Cache-Control",
                                         "no-cache",
                                         NULL};

static char etags[UI_MAX_FILES][20];
static pthread_once_t etags_once = PTHREAD_ONCE_INIT;

static void etags_init(void)
{
    for (size_t i = 0; i < UI_MAX_FILES && ui_files[i].name; i++) {
        char hex[2 * SHA256_LEN + 1];
        sha256_hex(ui_files[i].data, ui_files[i].len, hex);
        snprintf(etags[i], sizeof(etags[i]), "\"%.16s\"", hex);
    }
}

static const char *type_of(const char *name)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".json", "application/json"},
    };
    const char *dot = strrchr(name, '.');
    for (size_t i = 0; dot && i < ARRAY_LEN(types); i++)
        if (strcmp(dot, types[i].ext) == 0)
            return types[i].type;
    return "application/octet-stream";
}

static int send_file(struct call *c, struct str name)
{
    pthread_once(&etags_once, etags_init);
    for (size_t i = 0; i < UI_MAX_FILES && ui_files[i].name; i++) {
        const struct embedded_file *f = &ui_files[i];
        if (strlen(f->name) != name.len || memcmp(f->name, name.ptr, name.len) != 0)
            continue;
        c->raw = f->data;
        c->raw_len = f->len;
        c->raw_type = type_of(f->name);
        c->raw_etag = etags[i];
        c->raw_headers = ui_headers;
        return RC_OK;
    }
    return call_fail(c, RC_NOTFOUND, "File not found");
}

int ui_index(struct call *c)
{
    return send_file(c, STR_LIT("index.html"));
}

int ui_asset(struct call *c)
{
    return send_file(c, call_param(c, "name"));
}

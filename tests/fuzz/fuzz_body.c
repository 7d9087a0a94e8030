/* fuzz_body.c — request bodies through router_dispatch(), exactly as the server hands them
 * over: authenticated POST /ws/tags and PUT /ws/tags/{id} with the bytes as a JSON body and
 * as a form body, then the JSON PUT again under arena caps spread over what it used, so
 * allocations fail at many points of the parse (jansson must never see one fail). A store
 * in memory with one workspace, member, token and tag is made on the first call and closed
 * at exit. Every answer must be a JSON body with a known status; a created tag is deleted
 * again so the store stays small however long the fuzzer runs. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "api/pipeline/jsonmem.h"
#include "api/pipeline/router.h"
#include "core/arena.h"
#include "core/rc.h"
#include "http/request.h"
#include "model/tag.h"
#include "model/token.h"
#include "model/workspace.h"
#include "store/store.h"
#include "core/common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                      \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            fprintf(stderr, "fuzz_body: check failed: %s (line %d)\n", #cond, __LINE__); \
            abort();                                                                     \
        }                                                                                \
    } while (0)

static struct app app;
static char auth[TOKEN_LEN + 8];
static char tag_path[64];

static void close_store(void)
{
    store_pool_close(app.pool);
    app.pool = NULL;
}

static void open_store(void)
{
    char err[512] = "";
    struct store_pool *pool;
    if (store_pool_open(&pool, "sqlite::memory:", NULL, err, sizeof(err))) {
        fprintf(stderr, "fuzz_body: %s\n", err);
        abort();
    }
    app.pool = pool;
    atexit(close_store);

    struct arena a;
    arena_init(&a, 0);
    struct store *st = store_acquire(pool);
    int64_t ws;
    const char *member;
    char token[TOKEN_LEN + 1];
    struct tag t = {.title = "Fuzzed", .color = "#123456"};
    CHECK(workspace_create(st, &a, "Fuzz", &ws) == RC_OK);
    CHECK(member_add(st, &a, ws, "fuzz@example.com", "Fuzz Er", "owner", &member) == RC_OK);
    CHECK(token_issue(st, ws, member, "fuzz", token) == RC_OK);
    CHECK(tag_create(st, &a, ws, &t) == RC_OK);
    store_release(pool, st);
    arena_reset(&a);
    snprintf(auth, sizeof(auth), "Bearer %s", token);
    snprintf(tag_path, sizeof(tag_path), "/public/v1/ws/tags/%lld", (long long)t.id);
}

#define CAP_STEPS 16

/* Dispatch one request; returns the created tag id for a successful POST, else 0. The
 * arena bytes it used go to *used when used != NULL. */
static int64_t dispatch(const char *method, const char *path, const char *ct, const uint8_t *data,
                        size_t size, size_t cap, size_t *used)
{
    struct request req = {.method = method, .authorization = auth, .content_type = ct};
    struct response resp = {0};
    arena_init(&req.arena, cap);
    snprintf(req.id, sizeof(req.id), "fuzz");
    req.path = str_from(path);
    req.query = STR_LIT("");
    req.max_body = size + 1;
    /* the router reads only ptr and len; the fuzzer's buffer is used as is */
    req.body = (struct buf){.a = &req.arena, .ptr = (char *)(uintptr_t)data, .len = size};
    router_dispatch(&app, &req, &resp);

    static const int statuses[] = {200, 400, 404, 413, 422, 503};
    bool known = false;
    for (size_t i = 0; i < ARRAY_LEN(statuses); i++)
        known = known || resp.status == statuses[i];
    CHECK(known);
    CHECK(resp.body && resp.body_len > 0);
    /* parsed outside the request: jsonmem falls back to malloc */
    json_t *v = json_loadb(resp.body, resp.body_len, JSON_REJECT_DUPLICATES, NULL);
    CHECK(json_is_object(v));
    int64_t created = 0;
    if (resp.status == 200) {
        CHECK(json_is_true(json_object_get(v, "success")));
        created = (int64_t)json_integer_value(json_object_get(json_object_get(v, "tag"), "id"));
    }
    json_decref(v);
    if (used)
        *used = req.arena.used;
    arena_reset(&req.arena);
    return strcmp(method, "POST") == 0 ? created : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!app.pool) {
        jsonmem_install();
        open_store();
    }
    static const char *const json = "application/json";
    static const char *const form = "application/x-www-form-urlencoded";
    int64_t id = dispatch("POST", "/public/v1/ws/tags", json, data, size, 0, NULL);
    if (id > 0) {
        char path[64];
        snprintf(path, sizeof(path), "/public/v1/ws/tags/%lld", (long long)id);
        CHECK(dispatch("DELETE", path, NULL, NULL, 0, 0, NULL) == 0);
    }
    dispatch("PUT", tag_path, form, data, size, 0, NULL);
    size_t used = 0;
    dispatch("PUT", tag_path, json, data, size, 0, &used);
    for (size_t k = 1; k < CAP_STEPS; k++)
        dispatch("PUT", tag_path, json, data, size, used * k / CAP_STEPS + 1, NULL);
    return 0;
}

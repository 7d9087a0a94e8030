/* test_router.c — api/pipeline/router.c: router_match() on its own (literal and {param} segments,
 * the /public/v1 prefix, 405 Allow lists, HEAD), then router_dispatch() end to end on a
 * temporary SQLite store: auth, the tag operations, error shapes, body decoding, and the
 * per-request arena cap (413/503, never a crash). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "testlib.h"
#include "api/pipeline/call.h"
#include "api/pipeline/handlers.h"
#include "model/tag.h"

#define ALLOW_LEN 96

/* ---- router_match ---------------------------------------------------------------------- */

static const struct route *match(const char *method, const char *path, char *allow)
{
    return router_match(method, path, strlen(path), NULL, allow, ALLOW_LEN);
}

static void assert_route(const char *method, const char *path, const char *handler)
{
    char allow[ALLOW_LEN];
    const struct route *r = match(method, path, allow);
    if (!r)
        fail_msg("%s %s matched nothing (allow \"%s\")", method, path, allow);
    assert_string_equal(r->handler_name, handler);
}

static void assert_no_route(const char *method, const char *path, const char *want_allow)
{
    char allow[ALLOW_LEN];
    const struct route *r = match(method, path, allow);
    if (r)
        fail_msg("%s %s matched %s", method, path, r->handler_name);
    assert_string_equal(allow, want_allow);
}

static void match_literal_paths(void **state)
{
    (void)state;
    assert_route("GET", "/public/v1/ws/tags", "ws_tags_list");
    assert_route("POST", "/public/v1/ws/tags", "ws_tags_create");
    assert_route("GET", "/public/v1/ws", "ws_get");
    assert_route("GET", "/public/v1/ws/members", "ws_members_list");
    assert_route("GET", "/public/v1/user/me", "user_me_get");
}

static void match_param_segments(void **state)
{
    (void)state;
    assert_route("GET", "/public/v1/ws/tags/42", "ws_tags_get");
    assert_route("PUT", "/public/v1/ws/tags/42", "ws_tags_update");
    assert_route("DELETE", "/public/v1/ws/tags/abc", "ws_tags_delete");
    assert_no_route("GET", "/public/v1/ws/tags/42/extra", "");
    assert_no_route("GET", "/public/v1/ws/tags//", "");
}

static void match_captures_percent_decoded_params(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    struct call c = {.a = &a};
    char allow[ALLOW_LEN];
    const char *path = "/public/v1/ws/tags/a%20b%2Fc+d";
    const struct route *r = router_match("GET", path, strlen(path), &c, allow, sizeof(allow));
    assert_non_null(r);
    assert_int_equal(c.nparams, 1);
    struct str id = call_param(&c, "id");
    assert_int_equal(id.len, strlen("a b/c+d")); /* '+' is literal in a path */
    assert_memory_equal(id.ptr, "a b/c+d", id.len);
    assert_int_equal(call_param(&c, "other").len, 0);

    struct call c2 = {.a = &a};
    path = "/public/v1/ws/tags/17";
    assert_non_null(router_match("GET", path, strlen(path), &c2, allow, sizeof(allow)));
    int64_t v = 0;
    assert_int_equal(call_param_id(&c2, "id", &v), RC_OK);
    assert_int_equal(v, 17);
    arena_reset(&a);
}

static void match_rejects_undecodable_or_empty_params(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    char allow[ALLOW_LEN];
    static const char *const bad[] = {"/public/v1/ws/tags/%zz", "/public/v1/ws/tags/%4",
                                      "/public/v1/ws/tags/%"};
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        struct call c = {.a = &a};
        assert_null(router_match("GET", bad[i], strlen(bad[i]), &c, allow, sizeof(allow)));
    }
    arena_reset(&a);
}

static void match_ignores_one_trailing_slash(void **state)
{
    (void)state;
    assert_route("GET", "/public/v1/ws/tags/", "ws_tags_list");
    assert_route("GET", "/public/v1/ws/tags/5/", "ws_tags_get");
    assert_route("GET", "/healthz/", "meta_healthz");
    assert_no_route("GET", "/public/v1/ws/tags//", "");
}

static void match_requires_the_public_v1_prefix(void **state)
{
    (void)state;
    assert_no_route("GET", "/ws/tags", "");
    assert_no_route("GET", "/public/v2/ws/tags", "");
    assert_no_route("GET", "/public/v1x/ws/tags", "");
    assert_no_route("GET", "/publicv1/ws/tags", "");
    assert_no_route("GET", "/public/v1", "");
    assert_no_route("GET", "/public/v1/", "");
    assert_no_route("GET", "public/v1/ws/tags", "");
    assert_no_route("GET", "", "");
    assert_route("GET", "/public/v1/openapi.json", "meta_openapi");
}

/* the web interface (issue 16): "/" is index.html, "/ui/{name}" an asset; an empty
 * segment matches only the pattern "/" */
static void match_interface_routes_at_the_root(void **state)
{
    (void)state;
    assert_route("GET", "/", "ui_index");
    assert_route("HEAD", "/", "ui_index");
    assert_route("GET", "/ui/app.js", "ui_asset");
    assert_no_route("GET", "/ui/", "");
    assert_no_route("GET", "/ui//x", "");
    assert_no_route("GET", "/ws//tags", "");
    assert_no_route("GET", "/public/v1//ws/tags", "");
}

static void match_root_routes_without_prefix(void **state)
{
    (void)state;
    assert_route("GET", "/healthz", "meta_healthz");
    assert_no_route("GET", "/public/v1/healthz", "");
    assert_no_route("GET", "/healthzz", "");
}

static void match_lists_allowed_methods_for_405(void **state)
{
    (void)state;
    assert_no_route("DELETE", "/public/v1/ws/tags", "GET, HEAD, POST");
    assert_no_route("PATCH", "/public/v1/ws/tags/1", "GET, HEAD, PUT, DELETE");
    assert_no_route("POST", "/public/v1/ws/tags/1", "GET, HEAD, PUT, DELETE");
    assert_no_route("POST", "/healthz", "GET, HEAD");
    assert_no_route("PUT", "/public/v1/ws", "GET, HEAD");
    assert_no_route("OPTIONS", "/public/v1/user/me", "GET, HEAD");
}

static void match_head_uses_get_routes(void **state)
{
    (void)state;
    assert_route("HEAD", "/public/v1/ws/tags", "ws_tags_list");
    assert_route("HEAD", "/public/v1/ws/tags/3", "ws_tags_get");
    assert_route("HEAD", "/healthz", "meta_healthz");
}

static void match_unknown_path_gives_empty_allow(void **state)
{
    (void)state;
    assert_no_route("GET", "/public/v1/nope", "");
    assert_no_route("POST", "/public/v1/tm/nope", "");
    assert_no_route("GET", "/public/v1/ws/tagsx", "");
    assert_no_route("GET", "/public/v1//ws/tags", "");
}

static void match_methods_are_case_sensitive(void **state)
{
    (void)state;
    assert_no_route("get", "/public/v1/ws/tags", "GET, HEAD, POST");
}

static void match_respects_len_not_nul(void **state)
{
    (void)state;
    char allow[ALLOW_LEN];
    const char *p = "/public/v1/ws/tags/99";
    const struct route *r =
        router_match("GET", p, strlen("/public/v1/ws/tags"), NULL, allow, sizeof(allow));
    assert_non_null(r);
    assert_string_equal(r->handler_name, "ws_tags_list");
}

static void route_table_has_one_entry_per_method_and_path(void **state)
{
    (void)state;
    assert_true(routes_count > 0);
    for (size_t i = 0; i < routes_count; i++) {
        assert_non_null(routes[i].handler);
        assert_true(routes[i].path[0] == '/');
        for (size_t j = i + 1; j < routes_count; j++)
            if (strcmp(routes[i].method, routes[j].method) == 0 &&
                strcmp(routes[i].path, routes[j].path) == 0)
                fail_msg("%s %s listed twice", routes[i].method, routes[i].path);
    }
}

/* the {names} of a path in order, each followed by ',' ("project_id,id,") */
static void path_params(const char *path, char *out, size_t len)
{
    size_t w = 0;
    for (const char *p = strchr(path, '{'); p; p = strchr(p, '{')) {
        const char *end = strchr(p, '}');
        assert_non_null(end);
        int n = snprintf(out + w, len - w, "%.*s,", (int)(end - p - 1), p + 1);
        assert_true(n > 0 && (size_t)n < len - w);
        w += (size_t)n;
        p = end;
    }
    out[w] = '\0';
}

/* A handler named on several rows tells them apart by the row's argument or by what the
 * path names (the owner's parameter: project_id, board_id, funnel_id...). Two rows equal
 * in both would be a row copied without its change, silently running the other's code. */
static void route_table_rows_of_one_handler_differ_in_argument_or_path_params(void **state)
{
    (void)state;
    char a[128], b[128];
    for (size_t i = 0; i < routes_count; i++) {
        path_params(routes[i].path, a, sizeof(a));
        for (size_t j = i + 1; j < routes_count; j++) {
            if (routes[i].handler != routes[j].handler || routes[i].arg != routes[j].arg)
                continue;
            path_params(routes[j].path, b, sizeof(b));
            if (strcmp(a, b) == 0)
                fail_msg("%s %s and %s %s: %s with the same argument and path parameters",
                         routes[i].method, routes[i].path, routes[j].method, routes[j].path,
                         routes[i].handler_name);
        }
    }
}

static void call_arg_reads_the_argument_of_the_matched_row(void **state)
{
    (void)state;
    char allow[ALLOW_LEN];
    struct arena a;
    arena_init(&a, 1 << 16);
    struct call c = {.a = &a};
    assert_int_equal(call_arg(&c), 0);
    const char *p = "/public/v1/tm/custom-fields/x/transfer-to-board";
    c.route = router_match("POST", p, strlen(p), &c, allow, ALLOW_LEN);
    assert_non_null(c.route);
    assert_string_equal(c.route->handler_name, "cf_op_transfer");
    assert_int_equal(call_arg(&c), CF_TO_BOARD);
    p = "/public/v1/tm/projects/1/custom-fields/x/transfer-to-task-manager";
    c.route = router_match("POST", p, strlen(p), &c, allow, ALLOW_LEN);
    assert_non_null(c.route);
    assert_int_equal(call_arg(&c), CF_TO_TM);
    arena_reset(&a);
}

/* ---- router_dispatch end to end --------------------------------------------------------- */

#define UNAUTH_BODY "{\"success\":false,\"code\":2000000,\"message\":\"Unauthenticated.\"}"
#define MODEL_NF    "{\"success\":false,\"code\":1000001,\"message\":\"Model not found\"}"
#define RECORD_NF   "{\"message\":\"Record not found\"}"

static void assert_body(const struct tl_req *r, int status, const char *body)
{
    if (r->resp.status != status || strcmp(tl_body(r), body) != 0)
        fail_msg("got %d %s, want %d %s", r->resp.status, tl_body(r), status, body);
}

static void assert_failure(const struct tl_req *r, int status, const char *message)
{
    if (r->resp.status != status)
        fail_msg("got %d %s, want %d", r->resp.status, tl_body(r), status);
    assert_non_null(r->json);
    assert_true(json_is_false(tl_get(r, "success", NULL)));
    const char *m = tl_str(r, "message", NULL);
    assert_non_null(m);
    if (message && strncmp(m, message, strlen(message)) != 0)
        fail_msg("message \"%s\" does not start with \"%s\"", m, message);
}

static void dispatch_raw(struct tl_store *s, struct tl_req *r, const char *method,
                         const char *target, const char *auth, const char *ct, const char *body)
{
    assert_int_equal(tl_req_init(r, method, target, auth, ct, body, body ? strlen(body) : 0, 0),
                     RC_OK);
    tl_dispatch(&s->app, r);
}

/* POST a tag and return its id. */
static int64_t create_tag(struct tl_store *s, const char *body)
{
    struct tl_req r;
    tl_api(s, &r, "POST", "/public/v1/ws/tags", body);
    if (r.resp.status != 200)
        fail_msg("create: %d %s", r.resp.status, tl_body(&r));
    int64_t id = tl_int(&r, "tag", "id");
    assert_true(id > 0);
    tl_req_release(&r);
    return id;
}

static void dispatch_without_token_is_401_with_exact_body(void **state)
{
    struct tl_store *s = *state;
    static const char *const bad_auth[] = {
        NULL,        "",        "Bearer",      "Bearer ",      "Bearer    ",
        "Basic abc", "Token x", "Bearer wk_x", "Bearerwk_abc", "Bearer wk_ wk_",
    };
    for (size_t i = 0; i < ARRAY_LEN(bad_auth); i++) {
        struct tl_req r;
        dispatch_raw(s, &r, "GET", "/public/v1/ws/tags", bad_auth[i], NULL, NULL);
        assert_body(&r, 401, UNAUTH_BODY);
        assert_int_equal(r.resp.rc, RC_UNAUTH);
        tl_req_release(&r);
    }
}

static void dispatch_token_with_other_case_and_spaces_is_accepted(void **state)
{
    struct tl_store *s = *state;
    char auth[128];
    snprintf(auth, sizeof(auth), "  bearer   %s \t", s->token);
    struct tl_req r;
    dispatch_raw(s, &r, "GET", "/public/v1/ws/tags", auth, NULL, NULL);
    assert_body(&r, 200, "{\"success\":true,\"tags\":[]}");
    assert_int_equal(r.resp.ws_id, s->ws_id);
    tl_req_release(&r);
}

static void dispatch_overlong_token_is_401(void **state)
{
    struct tl_store *s = *state;
    char auth[700] = "Bearer ";
    memset(auth + 7, 'a', 600);
    auth[607] = '\0';
    struct tl_req r;
    dispatch_raw(s, &r, "GET", "/public/v1/ws/tags", auth, NULL, NULL);
    assert_body(&r, 401, UNAUTH_BODY);
    tl_req_release(&r);
}

static void dispatch_healthz_needs_no_token(void **state)
{
    struct tl_store *s = *state;
    struct tl_req r;
    dispatch_raw(s, &r, "GET", "/healthz", NULL, NULL, NULL);
    assert_body(&r, 200, "{\"success\":true,\"status\":\"ok\"}");
    tl_req_release(&r);
}

static void dispatch_tag_create_get_update_delete(void **state)
{
    struct tl_store *s = *state;
    struct tl_req r;
    char path[64], want[160];

    tl_api(s, &r, "POST", "/public/v1/ws/tags", "{\"title\":\"  Urgent \",\"color\":\"#AABBCC\"}");
    assert_int_equal(r.resp.status, 200);
    int64_t id = tl_int(&r, "tag", "id");
    snprintf(want, sizeof(want),
             "{\"success\":true,\"tag\":{\"id\":%lld,\"title\":\"Urgent\",\"color\":\"#AABBCC\"}}",
             (long long)id);
    assert_body(&r, 200, want);
    tl_req_release(&r);

    snprintf(path, sizeof(path), "/public/v1/ws/tags/%lld", (long long)id);
    tl_api(s, &r, "GET", path, NULL);
    assert_body(&r, 200, want);
    tl_req_release(&r);

    tl_api(s, &r, "PUT", path, "{\"title\":\"Later\",\"color\":\"#00ff00\"}");
    assert_body(&r, 200, "{\"success\":true}");
    tl_req_release(&r);

    tl_api(s, &r, "GET", path, NULL);
    snprintf(want, sizeof(want),
             "{\"success\":true,\"tag\":{\"id\":%lld,\"title\":\"Later\",\"color\":\"#00ff00\"}}",
             (long long)id);
    assert_body(&r, 200, want);
    tl_req_release(&r);

    tl_api(s, &r, "GET", "/public/v1/ws/tags", NULL);
    assert_int_equal(r.resp.status, 200);
    assert_int_equal(json_array_size(tl_get(&r, "tags", NULL)), 1);
    tl_req_release(&r);

    tl_api(s, &r, "DELETE", path, NULL);
    assert_body(&r, 200, "{\"success\":true}");
    tl_req_release(&r);

    tl_api(s, &r, "GET", path, NULL);
    assert_body(&r, 404, RECORD_NF);
    tl_req_release(&r);
}

static void dispatch_create_without_color_picks_default(void **state)
{
    struct tl_store *s = *state;
    struct tl_req r;
    tl_api(s, &r, "POST", "/public/v1/ws/tags", "{\"title\":\"Plain\",\"unknown\":[1,2]}");
    assert_int_equal(r.resp.status, 200);
    assert_string_equal(tl_str(&r, "tag", "color"), tag_default_color("Plain"));
    assert_null(tl_get(&r, "tag", "unknown"));
    tl_req_release(&r);
}

static void dispatch_missing_tag_get_is_404_record_not_found(void **state)
{
    struct tl_store *s = *state;
    static const char *const paths[] = {"/public/v1/ws/tags/999999", "/public/v1/ws/tags/abc",
                                        "/public/v1/ws/tags/0", "/public/v1/ws/tags/-1",
                                        "/public/v1/ws/tags/99999999999999999999"};
    for (size_t i = 0; i < ARRAY_LEN(paths); i++) {
        struct tl_req r;
        tl_api(s, &r, "GET", paths[i], NULL);
        assert_body(&r, 404, RECORD_NF);
        assert_int_equal(r.resp.rc, RC_NOTFOUND);
        tl_req_release(&r);
    }
}

static void dispatch_missing_tag_update_or_delete_is_404(void **state)
{
    struct tl_store *s = *state;
    struct tl_req r;
    tl_api(s, &r, "PUT", "/public/v1/ws/tags/999999", "{\"title\":\"x\"}");
    assert_body(&r, 404, RECORD_NF);
    tl_req_release(&r);
    tl_api(s, &r, "DELETE", "/public/v1/ws/tags/999999", NULL);
    assert_body(&r, 404, RECORD_NF);
    tl_req_release(&r);
    tl_api(s, &r, "DELETE", "/public/v1/ws/tags/x1", NULL);
    assert_body(&r, 404, RECORD_NF);
    tl_req_release(&r);
}

static void dispatch_tag_of_other_workspace_is_not_found(void **state)
{
    struct tl_store *s = *state;
    int64_t id = create_tag(s, "{\"title\":\"Mine\"}");
    int64_t ws2;
    char token2[TOKEN_LEN + 1], auth2[TOKEN_LEN + 8], path[64];
    assert_int_equal(tl_seed(s->pool, "Other", "bob@example.com", &ws2, NULL, token2), RC_OK);
    snprintf(auth2, sizeof(auth2), "Bearer %s", token2);
    snprintf(path, sizeof(path), "/public/v1/ws/tags/%lld", (long long)id);

    struct tl_req r;
    dispatch_raw(s, &r, "GET", path, auth2, NULL, NULL);
    assert_body(&r, 404, RECORD_NF);
    tl_req_release(&r);
    dispatch_raw(s, &r, "PUT", path, auth2, "application/json", "{\"title\":\"stolen\"}");
    assert_body(&r, 404, RECORD_NF);
    tl_req_release(&r);
    dispatch_raw(s, &r, "DELETE", path, auth2, NULL, NULL);
    assert_body(&r, 404, RECORD_NF);
    tl_req_release(&r);

    tl_api(s, &r, "GET", path, NULL);
    assert_int_equal(r.resp.status, 200);
    assert_string_equal(tl_str(&r, "tag", "title"), "Mine");
    tl_req_release(&r);
}

static void dispatch_unknown_route_is_404_with_laravel_message(void **state)
{
    struct tl_store *s = *state;
    struct tl_req r;
    tl_api(s, &r, "GET", "/public/v1/nope?x=1", NULL);
    assert_body(&r, 404,
                "{\"success\":false,\"message\":\"The route public/v1/nope could not be found.\"}");
    tl_req_release(&r);
}

static void dispatch_wrong_method_is_405_with_allow(void **state)
{
    struct tl_store *s = *state;
    struct tl_req r;
    tl_api(s, &r, "DELETE", "/public/v1/ws/tags", NULL);
    assert_body(&r, 405,
                "{\"success\":false,\"message\":\"The DELETE method is not supported for route "
                "public/v1/ws/tags. Supported methods: GET, HEAD, POST.\"}");
    assert_string_equal(r.resp.allow, "GET, HEAD, POST");
    tl_req_release(&r);
}

static void dispatch_head_answers_like_get(void **state)
{
    struct tl_store *s = *state;
    struct tl_req r;
    tl_api(s, &r, "HEAD", "/public/v1/ws/tags", NULL);
    assert_body(&r, 200, "{\"success\":true,\"tags\":[]}");
    tl_req_release(&r);
    tl_api(s, &r, "HEAD", "/public/v1/ws/tags/424242", NULL);
    assert_body(&r, 404, RECORD_NF); /* the answer a GET would get */
    tl_req_release(&r);
}

static void dispatch_validation_error_is_422_laravel_shape(void **state)
{
    struct tl_store *s = *state;
    struct tl_req r;
    tl_api(s, &r, "POST", "/public/v1/ws/tags", "{\"color\":\"red\"}");
    assert_body(&r, 422,
                "{\"success\":false,\"message\":\"The field is required.\",\"errors\":{\"title\":"
                "[\"The field is required.\"],\"color\":[\"The color format is invalid.\"]}}");
    assert_int_equal(r.resp.rc, RC_INVALID);
    tl_req_release(&r);

    /* a colour of the wrong length fails the pattern, as Laravel's regex rule does */
    tl_api(s, &r, "POST", "/public/v1/ws/tags", "{\"title\":5,\"color\":\"#1234567\"}");
    assert_body(&r, 422,
                "{\"success\":false,\"message\":\"The title must be a string.\",\"errors\":{"
                "\"title\":[\"The title must be a string.\"],\"color\":[\"The color format is "
                "invalid.\"]}}");
    tl_req_release(&r);

    /* nothing was written */
    tl_api(s, &r, "GET", "/public/v1/ws/tags", NULL);
    assert_body(&r, 200, "{\"success\":true,\"tags\":[]}");
    tl_req_release(&r);
}

static void dispatch_title_of_256_code_points_is_422(void **state)
{
    struct tl_store *s = *state;
    char body[1200] = "{\"title\":\"";
    size_t w = strlen(body);
    for (int i = 0; i < 256; i++) {
        memcpy(body + w, "\xc3\xa9", 2); /* é: 2 bytes, one code point */
        w += 2;
    }
    memcpy(body + w, "\"}", 3);
    struct tl_req r;
    tl_api(s, &r, "POST", "/public/v1/ws/tags", body);
    assert_failure(&r, 422, "The title must not be greater than 255 characters.");
    tl_req_release(&r);
    /* 255 code points (510 bytes) fit */
    memcpy(body + w - 2, "\"}", 3);
    tl_api(s, &r, "POST", "/public/v1/ws/tags", body);
    assert_int_equal(r.resp.status, 200);
    tl_req_release(&r);
}

static void dispatch_malformed_json_is_400(void **state)
{
    struct tl_store *s = *state;
    static const char *const bad[] = {"{",
                                      "{\"title\":}",
                                      "{\"title\":\"x\",}",
                                      "[1,",
                                      "{'title':'x'}",
                                      "{\"title\":\"\xff\"}",
                                      "{\"a\":NaN}",
                                      "{\"title\":\"x\"} trailing"};
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        struct tl_req r;
        tl_api(s, &r, "POST", "/public/v1/ws/tags", bad[i]);
        assert_failure(&r, 400, "The request body is not valid JSON: ");
        assert_int_equal(r.resp.rc, RC_BADREQ);
        tl_req_release(&r);
    }
}

static void dispatch_malformed_json_message_names_position(void **state)
{
    struct tl_store *s = *state;
    struct tl_req r;
    tl_api(s, &r, "POST", "/public/v1/ws/tags", "{\n  \"title\": }");
    assert_failure(&r, 400, NULL);
    assert_non_null(strstr(tl_str(&r, "message", NULL), "(line 2, column "));
    tl_req_release(&r);
}

static void dispatch_body_that_is_not_an_object_names_no_field(void **state)
{
    struct tl_store *s = *state;
    static const char *const bad[] = {"[1]", "42", "\"x\"", "true", "[{}]", "[[]]", "0", "\"{}\""};
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        struct tl_req r;
        tl_api(s, &r, "POST", "/public/v1/ws/tags", bad[i]);
        assert_body(&r, 422,
                    "{\"success\":false,\"message\":\"The field is required.\",\"errors\":{"
                    "\"title\":[\"The field is required.\"]}}");
        tl_req_release(&r);
    }
}

static void dispatch_optional_bodies_mean_no_fields(void **state)
{
    struct tl_store *s = *state;
    int64_t id = create_tag(s, "{\"title\":\"Keep\",\"color\":\"#123456\"}");
    char path[64];
    snprintf(path, sizeof(path), "/public/v1/ws/tags/%lld", (long long)id);
    static const char *const empty[] = {"",     "[]",       "\"\"",  "{}",
                                        "null", "  \r\n\t", " [ ] ", "\n{}\n"};
    for (size_t i = 0; i < ARRAY_LEN(empty); i++) {
        struct tl_req r;
        tl_api(s, &r, "PUT", path, empty[i]);
        if (r.resp.status != 200)
            fail_msg("body \"%s\": %d %s", empty[i], r.resp.status, tl_body(&r));
        tl_req_release(&r);
        /* POST with no fields: the title is missing, not a parse error */
        tl_api(s, &r, "POST", "/public/v1/ws/tags", empty[i]);
        assert_failure(&r, 422, "The field is required.");
        tl_req_release(&r);
    }
    struct tl_req r;
    tl_api(s, &r, "GET", path, NULL);
    assert_string_equal(tl_str(&r, "tag", "title"), "Keep");
    assert_string_equal(tl_str(&r, "tag", "color"), "#123456");
    tl_req_release(&r);
}

static void dispatch_form_encoded_body(void **state)
{
    struct tl_store *s = *state;
    struct tl_req r;
    dispatch_raw(s, &r, "POST", "/public/v1/ws/tags", s->auth,
                 "application/x-www-form-urlencoded; charset=UTF-8",
                 "title=Hello+World%21&color=%23aabbcc&ignored[]=1");
    assert_int_equal(r.resp.status, 200);
    assert_string_equal(tl_str(&r, "tag", "title"), "Hello World!");
    assert_string_equal(tl_str(&r, "tag", "color"), "#aabbcc");
    tl_req_release(&r);

    /* a repeated name is an array, which is not a string */
    dispatch_raw(s, &r, "POST", "/public/v1/ws/tags", s->auth, "application/x-www-form-urlencoded",
                 "title=a&title=b");
    assert_failure(&r, 422, "The title must be a string.");
    tl_req_release(&r);

    dispatch_raw(s, &r, "POST", "/public/v1/ws/tags", s->auth, "application/x-www-form-urlencoded",
                 "title=%zz");
    assert_body(&r, 400, "{\"success\":false,\"message\":\"The form body is malformed.\"}");
    tl_req_release(&r);

    dispatch_raw(s, &r, "POST", "/public/v1/ws/tags", s->auth, "application/x-www-form-urlencoded",
                 "title=%FF");
    assert_body(&r, 400, "{\"success\":false,\"message\":\"The form body is not valid UTF-8.\"}");
    tl_req_release(&r);
}

static void dispatch_json_labelled_as_form_is_read_as_json(void **state)
{
    struct tl_store *s = *state;
    struct tl_req r;
    dispatch_raw(s, &r, "POST", "/public/v1/ws/tags", s->auth, "application/x-www-form-urlencoded",
                 "{\"title\":\"curl -d\"}");
    assert_int_equal(r.resp.status, 200);
    assert_string_equal(tl_str(&r, "tag", "title"), "curl -d");
    tl_req_release(&r);
}

static void dispatch_duplicate_json_keys_are_rejected(void **state)
{
    struct tl_store *s = *state;
    struct tl_req r;
    tl_api(s, &r, "POST", "/public/v1/ws/tags", "{\"title\":\"a\",\"title\":\"b\"}");
    assert_failure(&r, 400, "The request body is not valid JSON: ");
    assert_non_null(strstr(tl_str(&r, "message", NULL), "duplicate"));
    tl_req_release(&r);
}

static void dispatch_deep_nesting_is_400_not_a_crash(void **state)
{
    struct tl_store *s = *state;
    size_t n = 10000;
    char *body = malloc(n + 1);
    assert_non_null(body);
    memset(body, '[', n);
    body[n] = '\0';
    struct tl_req r;
    tl_api(s, &r, "POST", "/public/v1/ws/tags", body);
    assert_failure(&r, 400, "The request body is not valid JSON: ");
    tl_req_release(&r);
    free(body);
}

static void dispatch_get_ignores_its_body(void **state)
{
    struct tl_store *s = *state;
    struct tl_req r;
    tl_api(s, &r, "GET", "/public/v1/ws/tags", "{ not json");
    assert_body(&r, 200, "{\"success\":true,\"tags\":[]}");
    tl_req_release(&r);
}

static void dispatch_malformed_query_is_400(void **state)
{
    struct tl_store *s = *state;
    struct tl_req r;
    tl_api(s, &r, "GET", "/public/v1/ws/tags?limit=%zz", NULL);
    assert_body(&r, 400, "{\"success\":false,\"message\":\"The query string is malformed.\"}");
    tl_req_release(&r);
}

static void dispatch_workspace_user_and_members(void **state)
{
    struct tl_store *s = *state;
    struct tl_req r;
    tl_api(s, &r, "GET", "/public/v1/ws", NULL);
    assert_int_equal(r.resp.status, 200);
    assert_int_equal(tl_int(&r, "workspace", "id"), s->ws_id);
    assert_string_equal(tl_str(&r, "workspace", "title"), "Acme");
    tl_req_release(&r);

    tl_api(s, &r, "GET", "/public/v1/user/me", NULL);
    assert_int_equal(r.resp.status, 200);
    assert_string_equal(tl_str(&r, "user", "id"), s->member_id);
    assert_string_equal(tl_str(&r, "user", "email"), "ada@example.com");
    assert_string_equal(tl_str(&r, "user", "firstName"), "Ada");
    tl_req_release(&r);

    tl_api(s, &r, "GET", "/public/v1/ws/members", NULL);
    assert_int_equal(r.resp.status, 200);
    assert_int_equal(json_array_size(tl_get(&r, "members", NULL)), 1);
    tl_req_release(&r);
}

static void dispatch_server_limits_map_to_413_414_431(void **state)
{
    struct tl_store *s = *state;
    static const struct {
        enum limit_error limit;
        int status;
    } cases[] = {{LIMIT_BODY, 413}, {LIMIT_URI, 414}, {LIMIT_HEADERS, 431}};
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct tl_req r;
        assert_int_equal(tl_req_init(&r, "POST", "/public/v1/ws/tags", s->auth, NULL, NULL, 0, 0),
                         RC_OK);
        r.req.limit = cases[i].limit;
        tl_dispatch(&s->app, &r);
        assert_failure(&r, cases[i].status, "The request");
        tl_req_release(&r);
    }
}

/* ---- the arena cap ---- */

static size_t count_tags(struct tl_store *s)
{
    struct tl_req r;
    tl_api(s, &r, "GET", "/public/v1/ws/tags", NULL);
    assert_int_equal(r.resp.status, 200);
    size_t n = json_array_size(tl_get(&r, "tags", NULL));
    tl_req_release(&r);
    return n;
}

/* Dispatch one request under every arena cap from tiny to ample. Each answer must be the
 * uncapped answer, or a well-formed 413/503; returns the smallest cap that succeeded. */
static size_t sweep_caps(struct tl_store *s, const char *method, const char *target, const char *ct,
                         const char *body, int want_status)
{
    size_t first_ok = 0;
    bool creates = strcmp(method, "POST") == 0 && want_status == 200;
    for (size_t cap = 1; cap <= 65536; cap += cap < 4096 ? 16 : 256) {
        size_t before = creates ? count_tags(s) : 0;
        struct tl_req r;
        assert_int_equal(
            tl_req_init(&r, method, target, s->auth, ct, body, body ? strlen(body) : 0, cap),
            RC_OK);
        tl_dispatch(&s->app, &r);
        int st = r.resp.status;
        if (st == want_status) {
            if (!first_ok)
                first_ok = cap;
        } else if (st == 413 || st == 503) {
            if (!r.json || !json_is_false(tl_get(&r, "success", NULL)))
                fail_msg("cap %zu: malformed %d body %s", cap, st, tl_body(&r));
        } else {
            fail_msg("cap %zu: %s %s gave %d %s (want %d, 413 or 503)", cap, method, target, st,
                     tl_body(&r), want_status);
        }
        assert_non_null(r.resp.body);
        tl_req_release(&r);
        /* a failed create leaves no row behind; a successful one adds exactly one */
        if (creates && count_tags(s) != before + (st == 200))
            fail_msg("cap %zu: status %d but %zu -> %zu tags", cap, st, before, count_tags(s));
    }
    return first_ok;
}

static void arena_cap_on_get_gives_503_or_success(void **state)
{
    struct tl_store *s = *state;
    int64_t id = create_tag(s, "{\"title\":\"Capped\"}");
    char path[64];
    snprintf(path, sizeof(path), "/public/v1/ws/tags/%lld", (long long)id);
    assert_true(sweep_caps(s, "GET", path, NULL, NULL, 200) > 0);
    assert_true(sweep_caps(s, "GET", "/public/v1/ws/tags/777777", NULL, NULL, 404) > 0);
    assert_true(sweep_caps(s, "GET", "/public/v1/ws/tags", NULL, NULL, 200) > 0);
}

static void arena_cap_on_create_never_crashes(void **state)
{
    struct tl_store *s = *state;
    assert_true(sweep_caps(s, "POST", "/public/v1/ws/tags", "application/json",
                           "{\"title\":\"Under pressure\",\"color\":\"#abcdef\"}", 200) > 0);
    assert_true(sweep_caps(s, "POST", "/public/v1/ws/tags", "application/x-www-form-urlencoded",
                           "title=Form&color=%23abcdef", 200) > 0);
    assert_true(sweep_caps(s, "POST", "/public/v1/ws/tags", "application/json",
                           "{\"color\":\"nope\"}", 422) > 0);
    assert_true(sweep_caps(s, "POST", "/public/v1/ws/tags", "application/json", "{\"t\":", 400) >
                0);
}

static void arena_cap_on_router_errors_never_crashes(void **state)
{
    struct tl_store *s = *state;
    assert_true(sweep_caps(s, "DELETE", "/public/v1/ws/tags", NULL, NULL, 405) > 0);
    assert_true(sweep_caps(s, "GET", "/public/v1/nope", NULL, NULL, 404) > 0);
    assert_true(sweep_caps(s, "GET", "/public/v1/ws/tags?a=%zz", NULL, NULL, 400) > 0);
}

static void arena_cap_while_parsing_a_big_body_fails_cleanly(void **state)
{
    struct tl_store *s = *state;
    /* 2000 small objects: jansson needs far more than the 16 KiB cap to hold them */
    size_t n = 2000;
    char *body = malloc(n * 3 + 32);
    assert_non_null(body);
    size_t w = (size_t)snprintf(body, 32, "{\"title\":\"x\",\"a\":[");
    for (size_t i = 0; i < n; i++) {
        memcpy(body + w, i ? ",{}" : "{}", i ? 3 : 2);
        w += i ? 3 : 2;
    }
    memcpy(body + w, "]}", 3);
    size_t before = count_tags(s);
    struct tl_req r;
    assert_int_equal(tl_req_init(&r, "POST", "/public/v1/ws/tags", s->auth, "application/json",
                                 body, strlen(body), 16384),
                     RC_OK);
    tl_dispatch(&s->app, &r);
    /* 413 when the arena still has room for the message, else the static 503 */
    assert_int_equal(r.resp.rc, RC_TOOBIG);
    assert_failure(&r, r.resp.status == 413 ? 413 : 503, NULL);
    tl_req_release(&r);
    assert_int_equal(count_tags(s), before);
    free(body);
}

static enum req_class classify(const char *method, const char *path)
{
    return router_classify(method, path, strlen(path));
}

/* the server sizes body cap and arena from this before any body arrives */
static void classify_marks_upload_and_download_routes_only(void **state)
{
    (void)state;
    assert_int_equal(classify("POST", "/public/v1/tm/tasks/7/attachments"), REQ_UPLOAD);
    assert_int_equal(classify("POST", "/public/v1/tm/tasks/7/attachments/"), REQ_UPLOAD);
    assert_int_equal(classify("GET", "/public/v1/tm/tasks/7/attachments"), REQ_PLAIN);
    const char *content = "/public/v1/ws/attachments/0a3b5d34-baa4-4719-b1e4-2175e8c2e4ea/content";
    assert_int_equal(classify("GET", content), REQ_DOWNLOAD);
    assert_int_equal(classify("HEAD", content), REQ_DOWNLOAD);
    assert_int_equal(classify("GET", "/public/v1/ws/attachments/x"), REQ_PLAIN);
    assert_int_equal(classify("POST", "/public/v1/ws/tags"), REQ_PLAIN);
    assert_int_equal(classify("POST", "/public/v1/nowhere"), REQ_PLAIN);
}

static void admit_turns_away_only_a_bad_token(void **state)
{
    struct tl_store *s = *state;
    struct request req = {.method = "POST"};
    arena_init(&req.arena, 0);
    req.path = STR_LIT("/public/v1/tm/tasks/1/attachments");
    assert_false(router_admit(&s->app, &req));
    req.authorization = "Bearer wk_unknown";
    assert_false(router_admit(&s->app, &req));
    req.authorization = s->auth;
    assert_true(router_admit(&s->app, &req));
    req.authorization = NULL;
    req.path = STR_LIT("/healthz"); /* R_NOAUTH: nothing to check */
    assert_true(router_admit(&s->app, &req));
    arena_reset(&req.arena);
}

int main(void)
{
    jsonmem_install();
#define T(f) cmocka_unit_test_setup_teardown(f, tl_setup, tl_teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(match_literal_paths),
        cmocka_unit_test(match_param_segments),
        cmocka_unit_test(match_captures_percent_decoded_params),
        cmocka_unit_test(match_rejects_undecodable_or_empty_params),
        cmocka_unit_test(match_ignores_one_trailing_slash),
        cmocka_unit_test(match_requires_the_public_v1_prefix),
        cmocka_unit_test(match_root_routes_without_prefix),
        cmocka_unit_test(match_interface_routes_at_the_root),
        cmocka_unit_test(match_lists_allowed_methods_for_405),
        cmocka_unit_test(match_head_uses_get_routes),
        cmocka_unit_test(match_unknown_path_gives_empty_allow),
        cmocka_unit_test(match_methods_are_case_sensitive),
        cmocka_unit_test(match_respects_len_not_nul),
        cmocka_unit_test(route_table_has_one_entry_per_method_and_path),
        cmocka_unit_test(route_table_rows_of_one_handler_differ_in_argument_or_path_params),
        cmocka_unit_test(call_arg_reads_the_argument_of_the_matched_row),
        cmocka_unit_test(classify_marks_upload_and_download_routes_only),
        T(admit_turns_away_only_a_bad_token),
        T(dispatch_without_token_is_401_with_exact_body),
        T(dispatch_token_with_other_case_and_spaces_is_accepted),
        T(dispatch_overlong_token_is_401),
        T(dispatch_healthz_needs_no_token),
        T(dispatch_tag_create_get_update_delete),
        T(dispatch_create_without_color_picks_default),
        T(dispatch_missing_tag_get_is_404_record_not_found),
        T(dispatch_missing_tag_update_or_delete_is_404),
        T(dispatch_tag_of_other_workspace_is_not_found),
        T(dispatch_unknown_route_is_404_with_laravel_message),
        T(dispatch_wrong_method_is_405_with_allow),
        T(dispatch_head_answers_like_get),
        T(dispatch_validation_error_is_422_laravel_shape),
        T(dispatch_title_of_256_code_points_is_422),
        T(dispatch_malformed_json_is_400),
        T(dispatch_malformed_json_message_names_position),
        T(dispatch_body_that_is_not_an_object_names_no_field),
        T(dispatch_optional_bodies_mean_no_fields),
        T(dispatch_form_encoded_body),
        T(dispatch_json_labelled_as_form_is_read_as_json),
        T(dispatch_duplicate_json_keys_are_rejected),
        T(dispatch_deep_nesting_is_400_not_a_crash),
        T(dispatch_get_ignores_its_body),
        T(dispatch_malformed_query_is_400),
        T(dispatch_workspace_user_and_members),
        T(dispatch_server_limits_map_to_413_414_431),
        T(arena_cap_on_get_gives_503_or_success),
        T(arena_cap_on_create_never_crashes),
        T(arena_cap_on_router_errors_never_crashes),
        T(arena_cap_while_parsing_a_big_body_fails_cleanly),
    };
#undef T
    return cmocka_run_group_tests_name("router", tests, NULL, NULL);
}

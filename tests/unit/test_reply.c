/* test_reply.c — api/pipeline/reply.c: the rc -> status table, the exact Weeek/Laravel error
 * bodies, success envelopes, the router-level 404/405 and server-limit replies, and the static
 * fallback when the arena has no room left. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "testlib.h"
#include "api/pipeline/call.h"
#include "api/pipeline/reply.h"

#define UNAUTH_BODY "{\"success\":false,\"code\":2000000,\"message\":\"Unauthenticated.\"}"
#define MODEL_NF    "{\"success\":false,\"code\":1000001,\"message\":\"Model not found\"}"
#define RECORD_NF   "{\"message\":\"Record not found\"}"
#define UNAVAILABLE_BODY \
    "{\"success\":false,\"message\":\"The server is busy; retry the request.\"}"
#define INTERNAL_BODY "{\"success\":false,\"message\":\"Internal server error.\"}"

struct fx {
    struct request req;
    struct response resp;
    struct call c;
    char body[4096];
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    if (!f)
        return -1;
    arena_init(&f->req.arena, 0);
    f->req.method = "GET";
    f->req.path = STR_LIT("/public/v1/ws/tags");
    f->c.a = &f->req.arena;
    f->c.req = &f->req;
    arena_set_current(&f->req.arena);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    arena_set_current(NULL);
    arena_reset(&f->req.arena);
    free(f);
    return 0;
}

/* Start a new response for method, forgetting earlier call outcomes. */
static struct fx *fresh(void **state, const char *method)
{
    struct fx *f = *state;
    memset(&f->resp, 0, sizeof(f->resp));
    f->req.method = method;
    f->c.errors = NULL;
    f->c.message = NULL;
    f->c.payload = NULL;
    f->c.extra = NULL;
    f->c.raw = NULL;
    return f;
}

static const char *body(struct fx *f)
{
    size_t n = f->resp.body_len < sizeof(f->body) - 1 ? f->resp.body_len : sizeof(f->body) - 1;
    memcpy(f->body, f->resp.body, n);
    f->body[n] = '\0';
    return f->body;
}

static void assert_reply(struct fx *f, int status, const char *want)
{
    if (f->resp.status != status || strcmp(body(f), want) != 0)
        fail_msg("got %d %s, want %d %s", f->resp.status, body(f), status, want);
}

static void error_reply(void **state, const char *method, int rc, const char *message, int status,
                        const char *want)
{
    struct fx *f = fresh(state, method);
    f->c.message = message;
    reply_error(&f->c, rc, false, &f->resp);
    assert_reply(f, status, want);
    assert_int_equal(f->resp.rc, rc);
}

/* ---- reply_status ---- */

static void status_for_every_rc(void **state)
{
    (void)state;
    static const struct {
        int rc, status;
    } table[] = {
        {RC_OK, 200},     {RC_NOMEM, 503},     {RC_BADREQ, 400},   {RC_INVALID, 422},
        {RC_UNAUTH, 401}, {RC_FORBIDDEN, 403}, {RC_CONFLICT, 409}, {RC_TOOBIG, 413},
        {RC_BUSY, 503},   {RC_STORE, 500},     {RC_INTERNAL, 500}, {RC__COUNT, 500},
        {-1, 500},
    };
    for (size_t i = 0; i < ARRAY_LEN(table); i++)
        if (reply_status(table[i].rc) != table[i].status)
            fail_msg("rc %d (%s): %d, want %d", table[i].rc, rc_name(table[i].rc),
                     reply_status(table[i].rc), table[i].status);
}

static void status_for_notfound_is_404(void **state)
{
    (void)state;
    assert_int_equal(reply_status(RC_NOTFOUND), 404);
}

/* ---- reply_error bodies ---- */

static void error_unauth_is_code_2000000(void **state)
{
    error_reply(state, "GET", RC_UNAUTH, "ignored", 401, UNAUTH_BODY);
    error_reply(state, "DELETE", RC_UNAUTH, NULL, 401, UNAUTH_BODY);
}

/* a route flagged R_NF400 (GET of a task) answers 400 code 1000001 to GET and HEAD; every
 * other route, and other methods, 404 "Record not found" (tm-notes §2.4) */
/* a route flagged R_NF400 (GET of a task) answers 400 code 1000001 to GET and HEAD; every
 * other route, and other methods, 404 "Record not found" (tm-notes §2.4) */
static void error_notfound_is_record_not_found_unless_the_route_says_model(void **state)
{
    const char *methods[] = {"GET", "HEAD", "PUT", "DELETE"};
    for (size_t i = 0; i < ARRAY_LEN(methods); i++) {
        bool get = i < 2;
        struct fx *f = fresh(state, methods[i]);
        reply_error(&f->c, RC_NOTFOUND, true, &f->resp);
        assert_reply(f, get ? 400 : 404, get ? MODEL_NF : RECORD_NF);
        f = fresh(state, methods[i]);
        reply_error(&f->c, RC_NOTFOUND, false, &f->resp);
        assert_reply(f, 404, RECORD_NF);
    }
}

static void error_forbidden_body(void **state)
{
    error_reply(state, "POST", RC_FORBIDDEN, NULL, 403,
                "{\"success\":false,\"message\":\"This action is unauthorized.\"}");
}

static void error_nomem_and_busy_are_503_retry(void **state)
{
    struct fx *f = *state;
    f->req.arena.failed = true; /* RC_NOMEM is memory only when an allocation failed */
    error_reply(state, "POST", RC_NOMEM, NULL, 503, UNAVAILABLE_BODY);
    error_reply(state, "GET", RC_BUSY, "driver text is never shown", 503, UNAVAILABLE_BODY);
}

/* issue 13 item 8: jansson refuses a non-finite number, so the presenter gives NULL and the
 * handler records RC_NOMEM; with no failed allocation that is a bug, 500, never "busy" */
static void nonfinite_number_is_500_not_busy(void **state)
{
    struct fx *f = fresh(state, "GET");
    double inf = 1e308;
    inf *= 10;
    f->c.payload = json_pack("{s:f}", "dealsAmount", inf);
    assert_null(f->c.payload);
    assert_false(f->req.arena.failed);
    reply_error(&f->c, RC_NOMEM, false, &f->resp);
    assert_reply(f, 500, INTERNAL_BODY);
    assert_int_equal(f->resp.rc, RC_INTERNAL);
}

static void error_store_and_internal_are_500_without_detail(void **state)
{
    error_reply(state, "POST", RC_STORE, "sqlite: disk I/O error", 500, INTERNAL_BODY);
    error_reply(state, "POST", RC_INTERNAL, NULL, 500, INTERNAL_BODY);
    error_reply(state, "POST", 999, NULL, 500, INTERNAL_BODY);
}

static void error_badreq_conflict_toobig_carry_message(void **state)
{
    error_reply(state, "POST", RC_BADREQ, "The query string is malformed.", 400,
                "{\"success\":false,\"message\":\"The query string is malformed.\"}");
    error_reply(state, "POST", RC_BADREQ, NULL, 400,
                "{\"success\":false,\"message\":\"Bad request.\"}");
    error_reply(state, "POST", RC_CONFLICT, "The email is taken.", 409,
                "{\"success\":false,\"message\":\"The email is taken.\"}");
    error_reply(state, "POST", RC_CONFLICT, NULL, 409,
                "{\"success\":false,\"message\":\"Conflict.\"}");
    error_reply(state, "POST", RC_TOOBIG, NULL, 413,
                "{\"success\":false,\"message\":\"The request is too large to process.\"}");
    error_reply(state, "POST", RC_TOOBIG, "The list is too long.", 413,
                "{\"success\":false,\"message\":\"The list is too long.\"}");
}

static void error_messages_are_json_escaped(void **state)
{
    error_reply(state, "POST", RC_BADREQ, "quote \" backslash \\ newline \n \xc3\xa9", 400,
                "{\"success\":false,\"message\":\"quote \\\" backslash \\\\ newline \\n "
                "\xc3\xa9\"}");
}

static void error_invalid_is_exact_laravel_shape(void **state)
{
    struct fx *f = fresh(state, "POST");
    call_invalid(&f->c, "title", "The field is required.");
    call_invalid(&f->c, "boardId", "The board id must be an integer.");
    call_invalid(&f->c, "title", "Second.");
    reply_error(&f->c, RC_INVALID, false, &f->resp);
    assert_reply(f, 422,
                 "{\"success\":false,\"message\":\"The field is required.\",\"errors\":{\"title\":"
                 "[\"The field is required.\",\"Second.\"],\"boardId\":[\"The board id must be "
                 "an integer.\"]}}");
    assert_int_equal(f->resp.rc, RC_INVALID);
}

static void error_invalid_without_detail_has_default_message(void **state)
{
    error_reply(state, "POST", RC_INVALID, NULL, 422,
                "{\"success\":false,\"message\":\"The given data was invalid.\",\"errors\":{}}");
}

/* ---- reply_success ---- */

static void success_wraps_payload_under_envelope_key(void **state)
{
    struct fx *f = fresh(state, "GET");
    f->c.payload = json_pack("{s:I, s:s}", "id", (json_int_t)7, "title", "T");
    reply_success(&f->c, "tag", true, &f->resp);
    assert_reply(f, 200, "{\"success\":true,\"tag\":{\"id\":7,\"title\":\"T\"}}");
    assert_int_equal(f->resp.rc, RC_OK);
}

static void success_without_envelope_is_bare_success(void **state)
{
    struct fx *f = fresh(state, "DELETE");
    reply_success(&f->c, NULL, true, &f->resp);
    assert_reply(f, 200, "{\"success\":true}");
}

static void success_with_missing_payload_is_null(void **state)
{
    struct fx *f = fresh(state, "GET");
    reply_success(&f->c, "tag", true, &f->resp);
    assert_reply(f, 200, "{\"success\":true,\"tag\":null}");
}

static void success_merges_extra_keys(void **state)
{
    struct fx *f = fresh(state, "GET");
    f->c.payload = json_array();
    f->c.extra = json_pack("{s:b}", "hasMore", 1);
    reply_success(&f->c, "tasks", true, &f->resp);
    assert_reply(f, 200, "{\"success\":true,\"tasks\":[],\"hasMore\":true}");
}

static void success_without_success_key_keeps_envelope_and_extra(void **state)
{
    struct fx *f = fresh(state, "GET");
    f->c.payload = json_array();
    f->c.extra = json_pack("{s:b}", "hasMore", 0);
    reply_success(&f->c, "comments", false, &f->resp);
    assert_reply(f, 200, "{\"comments\":[],\"hasMore\":false}");
}

static void success_raw_body_is_sent_as_is(void **state)
{
    struct fx *f = fresh(state, "GET");
    static const unsigned char doc[] = "{\"openapi\":\"3.0.3\"}";
    f->c.raw = doc;
    f->c.raw_len = sizeof(doc) - 1;
    reply_success(&f->c, "ignored", true, &f->resp);
    assert_int_equal(f->resp.status, 200);
    assert_ptr_equal(f->resp.body, doc);
    assert_int_equal(f->resp.body_len, sizeof(doc) - 1);
}

/* ---- router-level replies ---- */

static void route_not_found_names_the_path_without_slash(void **state)
{
    struct fx *f = fresh(state, "GET");
    f->req.path = STR_LIT("/public/v1/nope/x");
    reply_route_not_found(&f->req, &f->resp);
    assert_reply(
        f, 404,
        "{\"success\":false,\"message\":\"The route public/v1/nope/x could not be found.\"}");
    assert_int_equal(f->resp.rc, RC_NOTFOUND);
}

static void route_not_found_cuts_long_paths_at_200_bytes(void **state)
{
    struct fx *f = fresh(state, "GET");
    char path[1001];
    path[0] = '/';
    memset(path + 1, 'a', 999);
    path[1000] = '\0';
    f->req.path = (struct str){path, 1000};
    reply_route_not_found(&f->req, &f->resp);
    assert_int_equal(f->resp.status, 404);
    json_t *v = json_loadb(f->resp.body, f->resp.body_len, 0, NULL);
    assert_non_null(v);
    const char *m = json_string_value(json_object_get(v, "message"));
    assert_int_equal(strlen(m), strlen("The route  could not be found.") + 199);
}

static void route_not_found_with_non_utf8_path_is_still_404(void **state)
{
    struct fx *f = fresh(state, "GET");
    f->req.path = STR_LIT("/public/v1/\xff\xc3\xa9\x01/x");
    reply_route_not_found(&f->req, &f->resp);
    assert_reply(f, 404,
                 "{\"success\":false,\"message\":\"The route public/v1/%FF%C3%A9%01/x could not be "
                 "found.\"}");
}

static void method_not_allowed_lists_methods_and_sets_allow(void **state)
{
    struct fx *f = fresh(state, "PATCH");
    f->req.path = STR_LIT("/public/v1/ws/tags/5");
    reply_method_not_allowed(&f->req, "GET, HEAD, PUT, DELETE", &f->resp);
    assert_reply(f, 405,
                 "{\"success\":false,\"message\":\"The PATCH method is not supported for route "
                 "public/v1/ws/tags/5. Supported methods: GET, HEAD, PUT, DELETE.\"}");
    assert_string_equal(f->resp.allow, "GET, HEAD, PUT, DELETE");
}

static void limits_are_413_414_431(void **state)
{
    struct fx *f = fresh(state, "POST");
    f->req.limit = LIMIT_BODY;
    f->req.max_body = 1048576;
    reply_limit(&f->req, &f->resp);
    assert_reply(f, 413,
                 "{\"success\":false,\"message\":\"The request body is larger than the limit of "
                 "1048576 bytes.\"}");
    assert_int_equal(f->resp.rc, RC_TOOBIG);
    f = fresh(state, "GET");
    f->req.limit = LIMIT_URI;
    reply_limit(&f->req, &f->resp);
    assert_reply(f, 414, "{\"success\":false,\"message\":\"The request URI is too long.\"}");
    f = fresh(state, "GET");
    f->req.limit = LIMIT_HEADERS;
    reply_limit(&f->req, &f->resp);
    assert_reply(f, 431,
                 "{\"success\":false,\"message\":\"The request header fields are too large.\"}");
}

static void ambiguous_framing_is_400_malformed(void **state)
{
    struct fx *f = fresh(state, "POST");
    f->req.limit = LIMIT_FRAMING;
    reply_limit(&f->req, &f->resp);
    assert_reply(f, 400, "{\"success\":false,\"message\":\"The request is malformed.\"}");
    assert_int_equal(f->resp.rc, RC_BADREQ);
}

/* ---- no room left in the arena ---- */

static void full_arena_falls_back_to_static_503(void **state)
{
    struct fx *f = fresh(state, "POST");
    call_invalid(&f->c, "title", "The field is required."); /* recorded while there is room */
    f->c.payload = json_pack("{s:s}", "title", "x");
    f->req.arena.limit = f->req.arena.used; /* nothing more fits */

    reply_error(&f->c, RC_INVALID, false, &f->resp);
    assert_reply(f, 503, UNAVAILABLE_BODY);

    fresh(state, "POST");
    f->c.payload = json_pack("{s:s}", "title", "x"); /* fails: NULL payload */
    reply_success(&f->c, "tag", true, &f->resp);
    assert_reply(f, 503, UNAVAILABLE_BODY);
    assert_int_equal(f->resp.rc, RC_NOMEM);

    fresh(state, "GET");
    reply_route_not_found(&f->req, &f->resp);
    assert_reply(f, 503, UNAVAILABLE_BODY);

    /* static bodies need no memory */
    error_reply(state, "GET", RC_UNAUTH, NULL, 401, UNAUTH_BODY);
    error_reply(state, "GET", RC_NOTFOUND, NULL, 404, RECORD_NF);
    f->req.arena.limit = ARENA_DEFAULT_LIMIT;
}

int main(void)
{
    jsonmem_install();
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(status_for_every_rc),
        T(status_for_notfound_is_404),
        T(error_unauth_is_code_2000000),
        T(error_notfound_is_record_not_found_unless_the_route_says_model),
        T(error_forbidden_body),
        T(error_nomem_and_busy_are_503_retry),
        T(nonfinite_number_is_500_not_busy),
        T(error_store_and_internal_are_500_without_detail),
        T(error_badreq_conflict_toobig_carry_message),
        T(error_messages_are_json_escaped),
        T(error_invalid_is_exact_laravel_shape),
        T(error_invalid_without_detail_has_default_message),
        T(success_wraps_payload_under_envelope_key),
        T(success_without_envelope_is_bare_success),
        T(success_with_missing_payload_is_null),
        T(success_merges_extra_keys),
        T(success_without_success_key_keeps_envelope_and_extra),
        T(success_raw_body_is_sent_as_is),
        T(route_not_found_names_the_path_without_slash),
        T(route_not_found_cuts_long_paths_at_200_bytes),
        T(route_not_found_with_non_utf8_path_is_still_404),
        T(method_not_allowed_lists_methods_and_sets_allow),
        T(limits_are_413_414_431),
        T(ambiguous_framing_is_400_malformed),
        T(full_arena_falls_back_to_static_503),
    };
#undef T
    return cmocka_run_group_tests_name("reply", tests, NULL, NULL);
}

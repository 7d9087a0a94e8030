/* test_multipart.c — http/multipart.c: boundaries (quoted, with preamble and epilogue),
 * several parts, empty and binary content, filename and filename* decoding, zero-copy
 * slices, and every malformation it names (RC_BADREQ), the part cap (RC_TOOBIG) and a tiny
 * arena (RC_NOMEM). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>

#include "core/arena.h"
#include "core/rc.h"
#include "http/multipart.h"
#include "core/common.h"

#define CT "multipart/form-data; boundary=XyZ"

static int setup(void **state)
{
    struct arena *a = test_malloc(sizeof(*a));
    arena_init(a, 0);
    *state = a;
    return 0;
}

static int teardown(void **state)
{
    struct arena *a = *state;
    arena_reset(a);
    test_free(a);
    return 0;
}

static struct multipart parse_ok(struct arena *a, const char *ct, const char *body, size_t len)
{
    struct multipart mp;
    int rc = multipart_parse(a, ct, body, len, &mp);
    if (rc)
        fail_msg("multipart_parse = %s (%s)", rc_name(rc), mp.error ? mp.error : "-");
    return mp;
}

static void assert_str(struct str s, const char *want)
{
    assert_non_null(s.ptr);
    assert_int_equal(s.len, strlen(want));
    assert_memory_equal(s.ptr, want, s.len);
    assert_int_equal(s.ptr[s.len], '\0');
}

static void assert_bad(struct arena *a, const char *ct, const char *body, const char *error)
{
    struct multipart mp;
    assert_int_equal(multipart_parse(a, ct, body, strlen(body), &mp), RC_BADREQ);
    assert_string_equal(mp.error, error);
}

static void two_files_and_a_field(void **state)
{
    static const char body[] = "--XyZ\r\n"
                               "Content-Disposition: form-data; name=\"files[]\"; "
                               "filename=\"a.txt\"\r\n"
                               "Content-Type: text/plain\r\n"
                               "\r\n"
                               "hello\r\n"
                               "--XyZ\r\n"
                               "content-disposition: FORM-DATA; name=files[]; filename=b.bin\r\n"
                               "\r\n"
                               "\x00\x01\r\n\x02\r\n"
                               "--XyZ\r\n"
                               "Content-Disposition: form-data; name=\"note\"\r\n"
                               "\r\n"
                               "text\r\n"
                               "--XyZ--\r\n";
    struct multipart mp = parse_ok(*state, CT, body, sizeof(body) - 1);
    assert_int_equal(mp.n, 3);
    assert_str(mp.parts[0].name, "files[]");
    assert_str(mp.parts[0].filename, "a.txt");
    assert_str(mp.parts[0].content_type, "text/plain");
    assert_int_equal(mp.parts[0].len, 5);
    assert_memory_equal(mp.parts[0].data, "hello", 5);
    /* the bytes are a slice of the body, not a copy */
    assert_true(mp.parts[0].data > body && mp.parts[0].data < body + sizeof(body));
    assert_str(mp.parts[1].filename, "b.bin");
    assert_int_equal(mp.parts[1].content_type.len, 0);
    assert_int_equal(mp.parts[1].len, 5);
    assert_memory_equal(mp.parts[1].data, "\x00\x01\r\n\x02", 5);
    assert_str(mp.parts[2].name, "note");
    assert_null(mp.parts[2].filename.ptr);
}

static void empty_content_and_empty_filename(void **state)
{
    static const char body[] = "--XyZ\r\n"
                               "Content-Disposition: form-data; name=\"files[]\"; filename=\"\"\r\n"
                               "\r\n"
                               "\r\n"
                               "--XyZ--";
    struct multipart mp = parse_ok(*state, CT, body, sizeof(body) - 1);
    assert_int_equal(mp.n, 1);
    assert_str(mp.parts[0].filename, "");
    assert_int_equal(mp.parts[0].len, 0);
}

static void zero_parts_is_valid(void **state)
{
    struct multipart mp = parse_ok(*state, CT, "--XyZ--\r\n", 9);
    assert_int_equal(mp.n, 0);
}

static void preamble_epilogue_padding_and_quoted_boundary(void **state)
{
    static const char body[] = "this is a preamble\r\n"
                               "--a b:c \t\r\n"
                               "Content-Disposition: form-data; name=\"x\"\r\n"
                               "\r\n"
                               "1\r\n"
                               "--a b:c--\r\n"
                               "epilogue --a b:c\r\n";
    struct multipart mp = parse_ok(
        *state, " Multipart/Form-Data ; charset=utf-8; boundary=\"a b:c\"", body, sizeof(body) - 1);
    assert_int_equal(mp.n, 1);
    assert_int_equal(mp.parts[0].len, 1);
}

static void escapes_and_filename_star(void **state)
{
    static const char body[] = "--XyZ\r\n"
                               "Content-Disposition: form-data; name=\"f\"; "
                               "filename=\"say \\\"hi\\\" \\\\ ok\"\r\n"
                               "\r\n"
                               "x\r\n"
                               "--XyZ\r\n"
                               "Content-Disposition: form-data; name=\"g\"; "
                               "filename*=UTF-8''%D0%BE%20k.txt\r\n"
                               "\r\n"
                               "y\r\n"
                               "--XyZ\r\n"
                               "Content-Disposition: form-data; name=\"h\"; filename=\"plain\"; "
                               "filename*=utf-8'en'other\r\n"
                               "\r\n"
                               "z\r\n"
                               "--XyZ\r\n"
                               "Content-Disposition: form-data; name=\"i\"; filename=\"plain\"; "
                               "filename*=latin1''other\r\n"
                               "\r\n"
                               "w\r\n"
                               "--XyZ--";
    struct multipart mp = parse_ok(*state, CT, body, sizeof(body) - 1);
    assert_int_equal(mp.n, 4);
    assert_str(mp.parts[0].filename, "say \"hi\" \\ ok");
    assert_str(mp.parts[1].filename, "\xd0\xbe k.txt");
    assert_str(mp.parts[2].filename, "other"); /* filename* wins over filename (RFC 6266) */
    assert_str(mp.parts[3].filename, "plain"); /* a filename* we cannot read falls back */
}

static void boundary_like_content_is_not_a_delimiter(void **state)
{
    /* "--XyZ" not at a line start, and a line starting "--XyZ" only inside "\r\n--XyZ" */
    static const char body[] = "--XyZ\r\n"
                               "Content-Disposition: form-data; name=\"f\"\r\n"
                               "\r\n"
                               "a--XyZb\r--XyZ\n--XyZ\r\n"
                               "--XyZ--";
    struct multipart mp = parse_ok(*state, CT, body, sizeof(body) - 1);
    assert_int_equal(mp.n, 1);
    assert_int_equal(mp.parts[0].len, strlen("a--XyZb\r--XyZ\n--XyZ"));
}

static void content_type_errors(void **state)
{
    struct arena *a = *state;
    assert_bad(a, NULL, "x", "The request has no Content-Type.");
    assert_bad(a, "application/json", "x", "The Content-Type is not multipart/form-data.");
    assert_bad(a, "multipart/form-data", "x", "The multipart Content-Type has no boundary.");
    assert_bad(a, "multipart/form-data; boundary=", "x",
               "The Content-Type parameters are malformed.");
    assert_bad(a, "multipart/form-data; boundary=\"\"", "x",
               "The multipart boundary must be 1 to 70 characters long.");
    assert_bad(a, "multipart/form-data; boundary=\"a \"", "x",
               "The multipart boundary must be 1 to 70 characters long.");
    assert_bad(a, "multipart/form-data; boundary=\"unterminated", "x",
               "The Content-Type parameters are malformed.");
    assert_bad(a, "multipart/form-data; boundary=a; boundary=b", "x",
               "The Content-Type has two boundary parameters.");
    assert_bad(a, "multipart/form-data; boundary=\"a\x01\"", "x",
               "The multipart boundary holds a control character.");
    assert_bad(a, "multipart/form-dataX; boundary=a", "x",
               "The Content-Type parameters are malformed.");
}

static void body_errors(void **state)
{
    struct arena *a = *state;
    assert_bad(a, CT, "", "The multipart body has no opening boundary.");
    assert_bad(a, CT, "--XyZ", "A boundary line is malformed.");
    assert_bad(a, CT, "--XyZx\r\n", "A boundary line is malformed.");
    assert_bad(a, CT, "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nno end",
               "The multipart body ends before its closing boundary.");
    assert_bad(a, CT, "--XyZ\r\nContent-Disposition: form-data; name=a",
               "The body ends inside a part's headers.");
    assert_bad(a, CT, "--XyZ\r\nContent-Disposition: form-data; name=a\n\nx\r\n--XyZ--",
               "A part's header line does not end in CRLF.");
    assert_bad(a, CT, "--XyZ\r\nX: y\r\n\r\nx\r\n--XyZ--",
               "A part has no Content-Disposition header.");
    assert_bad(a, CT, "--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--",
               "A part's Content-Disposition has no name.");
    assert_bad(a, CT, "--XyZ\r\nContent-Disposition: inline; name=a\r\n\r\nx\r\n--XyZ--",
               "A part's Content-Disposition is not form-data.");
    assert_bad(a, CT, "--XyZ\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\n\r\n--XyZ--",
               "A part's Content-Disposition repeats a parameter.");
    assert_bad(a, CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\n\r\n--XyZ--",
               "A part's Content-Disposition is malformed.");
    assert_bad(a, CT,
               "--XyZ\r\nContent-Disposition: form-data; name=a\r\nContent-Disposition: "
               "form-data; name=b\r\n\r\n\r\n--XyZ--",
               "A part has two Content-Disposition headers.");
    assert_bad(a, CT,
               "--XyZ\r\nContent-Disposition: form-data; name=a\r\n folded\r\n\r\n\r\n--XyZ--",
               "A part's headers use obsolete line folding.");
    assert_bad(a, CT, "--XyZ\r\nContent-Disposition: form-data; name=a\x01\r\n\r\n\r\n--XyZ--",
               "A part's header holds a control character.");
    assert_bad(a, CT, "--XyZ\r\nno colon\r\n\r\n\r\n--XyZ--", "A part's header line is malformed.");
    assert_bad(a, CT,
               "--XyZ\r\nContent-Disposition: form-data; name=a; filename*=latin1''x\r\n\r\n"
               "\r\n--XyZ--",
               "A part's filename* is not UTF-8 in RFC 5987 form.");
}

static void header_section_is_capped(void **state)
{
    struct arena *a = *state;
    size_t pad = MULTIPART_MAX_HEADER_BYTES;
    char *body = arena_alloc(a, pad + 200);
    assert_non_null(body);
    int n = snprintf(body, 200, "--XyZ\r\nContent-Disposition: form-data; name=a\r\nX-Pad: ");
    memset(body + n, 'p', pad);
    memcpy(body + (size_t)n + pad, "\r\n\r\n\r\n--XyZ--", 13);
    struct multipart mp;
    assert_int_equal(multipart_parse(a, CT, body, (size_t)n + pad + 13, &mp), RC_BADREQ);
    assert_string_equal(mp.error, "A part's headers are too large.");
}

static void too_many_parts_is_toobig(void **state)
{
    struct arena *a = *state;
    static const char part[] = "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n";
    size_t n = MULTIPART_MAX_PARTS + 1, plen = sizeof(part) - 1;
    char *body = arena_alloc(a, n * plen + 8);
    assert_non_null(body);
    for (size_t i = 0; i < n; i++)
        memcpy(body + i * plen, part, plen);
    memcpy(body + n * plen, "--XyZ--", 7);
    struct multipart mp;
    assert_int_equal(multipart_parse(a, CT, body, n * plen + 7, &mp), RC_TOOBIG);
    /* one fewer part fits */
    assert_int_equal(multipart_parse(a, CT, body + plen, (n - 1) * plen + 7, &mp), RC_OK);
    assert_int_equal(mp.n, MULTIPART_MAX_PARTS);
}

static void tiny_arena_is_nomem(void **state)
{
    (void)state;
    static const char body[] =
        "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--XyZ--";
    struct arena a;
    arena_init(&a, 64);
    struct multipart mp;
    assert_int_equal(multipart_parse(&a, CT, body, sizeof(body) - 1, &mp), RC_NOMEM);
    arena_reset(&a);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(two_files_and_a_field),     T(empty_content_and_empty_filename),
        T(zero_parts_is_valid),       T(preamble_epilogue_padding_and_quoted_boundary),
        T(escapes_and_filename_star), T(boundary_like_content_is_not_a_delimiter),
        T(content_type_errors),       T(body_errors),
        T(header_section_is_capped),  T(too_many_parts_is_toobig),
        T(tiny_arena_is_nomem),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

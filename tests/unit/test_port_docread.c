/* test_port_docread.c — the pieces of `weeekd import` below the writer: base64 of attachment
 * bytes (port/b64.c) round-trips every length and refuses malformed input, and the streaming
 * document reader (port/docread.c) walks any JSON layout key by key and element by element,
 * strings holding brackets, quotes and escapes included, and reports truncation. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "port/b64.h"
#include "port/docread.h"
#include "core/common.h"

static void b64_round_trips_every_length_and_byte(void **state)
{
    (void)state;
    unsigned char in[300];
    for (size_t i = 0; i < sizeof(in); i++)
        in[i] = (unsigned char)(i * 7 + 3);
    for (size_t n = 0; n < sizeof(in); n++) {
        char *text = b64_encode(in, n);
        assert_non_null(text);
        assert_int_equal(strlen(text), (n + 2) / 3 * 4);
        size_t m;
        unsigned char *out = b64_decode(text, strlen(text), &m);
        assert_non_null(out);
        assert_int_equal(m, n);
        if (n)
            assert_memory_equal(out, in, n);
        free(out);
        free(text);
    }
}

static void b64_matches_rfc4648_vectors(void **state)
{
    (void)state;
    const char *plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    const char *coded[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
    for (size_t i = 0; i < 7; i++) {
        char *t = b64_encode((const unsigned char *)plain[i], strlen(plain[i]));
        assert_string_equal(t, coded[i]);
        free(t);
    }
}

static void b64_refuses_malformed_input(void **state)
{
    (void)state;
    const char *bad[] = {"Zg=", "Z===", "Zm9v!A==", "=Zg=", "Zg==Zg==", "Zm 9v"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
        size_t n;
        assert_null(b64_decode(bad[i], strlen(bad[i]), &n));
    }
}

static FILE *doc(const char *text)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    fputs(text, f);
    rewind(f);
    return f;
}

static void docread_walks_keys_scalars_and_arrays_in_any_layout(void **state)
{
    (void)state;
    FILE *f = doc(
        " {\n \"format\" : \"weeekd-export\" ,\"version\":1,\"tags\" : [ {\"t\":\"a ] } [\"} ,\n"
        "{\"t\":\"q\\\"}\"} , 7, \"s\", null ] , \"empty\":[], \"obj\":{\"a\":[1,{}]} }");
    struct docread *d = docread_open(f);
    char key[64];
    assert_int_equal(docread_key(d, key, sizeof(key)), 1);
    assert_string_equal(key, "format");
    assert_false(docread_array(d));
    json_t *v = docread_value(d);
    assert_string_equal(json_string_value(v), "weeekd-export");
    json_decref(v);
    assert_int_equal(docread_key(d, key, sizeof(key)), 1);
    assert_string_equal(key, "version");
    v = docread_value(d);
    assert_int_equal(json_integer_value(v), 1);
    json_decref(v);
    assert_int_equal(docread_key(d, key, sizeof(key)), 1);
    assert_string_equal(key, "tags");
    assert_true(docread_array(d));
    json_t *e;
    assert_int_equal(docread_element(d, &e), 1);
    assert_string_equal(json_string_value(json_object_get(e, "t")), "a ] } [");
    json_decref(e);
    assert_int_equal(docread_element(d, &e), 1);
    assert_string_equal(json_string_value(json_object_get(e, "t")), "q\"}");
    json_decref(e);
    assert_int_equal(docread_element(d, &e), 1);
    assert_int_equal(json_integer_value(e), 7);
    json_decref(e);
    assert_int_equal(docread_element(d, &e), 1);
    assert_string_equal(json_string_value(e), "s");
    json_decref(e);
    assert_int_equal(docread_element(d, &e), 1);
    assert_true(json_is_null(e));
    json_decref(e);
    assert_int_equal(docread_element(d, &e), 0);
    assert_int_equal(docread_key(d, key, sizeof(key)), 1);
    assert_string_equal(key, "empty");
    assert_true(docread_array(d));
    assert_int_equal(docread_element(d, &e), 0);
    assert_int_equal(docread_key(d, key, sizeof(key)), 1);
    assert_string_equal(key, "obj");
    assert_false(docread_array(d));
    v = docread_value(d);
    assert_int_equal(json_array_size(json_object_get(v, "a")), 2);
    json_decref(v);
    assert_int_equal(docread_key(d, key, sizeof(key)), 0);
    docread_close(d);
    fclose(f);
}

static void docread_reports_truncation_and_garbage(void **state)
{
    (void)state;
    const char *bad[] = {"{\"tags\":[{\"a\":1},{\"b\":", "[1,2]", "{\"a\" 1}", "{\"tags\":[1 2]}"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
        FILE *f = doc(bad[i]);
        struct docread *d = docread_open(f);
        char key[64];
        int rc = 0, k;
        while ((k = docread_key(d, key, sizeof(key))) == 1) {
            if (docread_array(d)) {
                json_t *e;
                while ((rc = docread_element(d, &e)) == 1)
                    json_decref(e);
                if (rc < 0)
                    break;
            } else {
                json_t *v = docread_value(d);
                if (!v) {
                    rc = -1;
                    break;
                }
                json_decref(v);
            }
        }
        assert_true(rc < 0 || k < 0);
        docread_close(d);
        fclose(f);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(b64_round_trips_every_length_and_byte),
        cmocka_unit_test(b64_matches_rfc4648_vectors),
        cmocka_unit_test(b64_refuses_malformed_input),
        cmocka_unit_test(docread_walks_keys_scalars_and_arrays_in_any_layout),
        cmocka_unit_test(docread_reports_truncation_and_garbage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

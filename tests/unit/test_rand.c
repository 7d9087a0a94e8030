/* test_rand.c — core/rand.c: token format ("wk_" + 43 base62 characters), uniqueness and
 * use of the whole alphabet; UUIDs in canonical lower-case version-4 form. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "core/rand.h"
#include "core/common.h"

#define MANY 2000

static bool is_base62(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool is_lower_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* true when the n strings in v are pairwise different (sorts v) */
static bool all_distinct(char **v, size_t n)
{
    qsort(v, n, sizeof(*v), cmp_str);
    for (size_t i = 1; i < n; i++)
        if (strcmp(v[i - 1], v[i]) == 0)
            return false;
    return true;
}

static void rand_bytes_fills_buffers_of_any_size(void **state)
{
    (void)state;
    assert_int_equal(rand_bytes(NULL, 0), 0);
    size_t n = 1u << 20; /* larger than one getrandom() call may return */
    unsigned char *b = calloc(1, n);
    assert_non_null(b);
    assert_int_equal(rand_bytes(b, n), 0);
    size_t zeros = 0;
    for (size_t i = 0; i < n; i++)
        zeros += b[i] == 0;
    assert_in_range(zeros, n / 256 / 2, n / 256 * 2); /* about 1 in 256 */
    free(b);
}

static void token_is_wk_prefix_and_43_base62_chars(void **state)
{
    (void)state;
    for (int k = 0; k < 100; k++) {
        char t[TOKEN_LEN + 1];
        memset(t, '#', sizeof(t));
        assert_int_equal(rand_token(t), 0);
        assert_int_equal(TOKEN_LEN, 46);
        assert_int_equal(strlen(t), TOKEN_LEN);
        assert_memory_equal(t, "wk_", 3);
        for (int i = 3; i < TOKEN_LEN; i++)
            if (!is_base62(t[i]))
                fail_msg("token %s has a non-base62 character at %d", t, i);
    }
}

static void tokens_are_unique_and_use_the_whole_alphabet(void **state)
{
    (void)state;
    char *v[MANY];
    bool seen[256] = {false};
    for (int k = 0; k < MANY; k++) {
        v[k] = malloc(TOKEN_LEN + 1);
        assert_non_null(v[k]);
        assert_int_equal(rand_token(v[k]), 0);
        for (int i = 3; i < TOKEN_LEN; i++)
            seen[(unsigned char)v[k][i]] = true;
    }
    int distinct = 0;
    for (int c = 0; c < 256; c++)
        distinct += seen[c];
    assert_int_equal(distinct, 62);
    assert_true(all_distinct(v, MANY));
    for (int k = 0; k < MANY; k++)
        free(v[k]);
}

static void uuid_is_canonical_lower_case_version_4(void **state)
{
    (void)state;
    for (int k = 0; k < 200; k++) {
        char u[UUID_LEN + 1];
        assert_int_equal(rand_uuid(u), 0);
        assert_int_equal(strlen(u), 36);
        for (int i = 0; i < UUID_LEN; i++) {
            if (i == 8 || i == 13 || i == 18 || i == 23)
                assert_int_equal(u[i], '-');
            else if (!is_lower_hex(u[i]))
                fail_msg("uuid %s has a bad character at %d", u, i);
        }
        assert_int_equal(u[14], '4');           /* version */
        assert_non_null(strchr("89ab", u[19])); /* RFC 4122 variant */
    }
}

static void uuids_are_unique(void **state)
{
    (void)state;
    char *v[MANY];
    for (int k = 0; k < MANY; k++) {
        v[k] = malloc(UUID_LEN + 1);
        assert_non_null(v[k]);
        assert_int_equal(rand_uuid(v[k]), 0);
    }
    assert_true(all_distinct(v, MANY));
    for (int k = 0; k < MANY; k++)
        free(v[k]);
}

static void slug_is_16_base62_chars_and_unique(void **state)
{
    (void)state;
    char *v[MANY];
    for (int k = 0; k < MANY; k++) {
        v[k] = malloc(SLUG_LEN + 1);
        assert_non_null(v[k]);
        assert_int_equal(rand_slug(v[k]), 0);
        assert_int_equal(strlen(v[k]), SLUG_LEN);
        assert_true(slug_valid(v[k], SLUG_LEN));
    }
    assert_true(all_distinct(v, MANY));
    for (int k = 0; k < MANY; k++)
        free(v[k]);
}

static void slug_valid_wants_exactly_16_alphanumerics(void **state)
{
    (void)state;
    assert_true(slug_valid("3lQUqD61qJpKpsOr", 16));
    assert_false(slug_valid("3lQUqD61qJpKpsO", 15));
    assert_false(slug_valid("3lQUqD61qJpKpsOrX", 17));
    assert_false(slug_valid("3lQUqD61qJpKps-r", 16));
    assert_false(slug_valid("3lQUqD61qJpKps r", 16));
    assert_false(slug_valid("3lQUqD61qJpKps\xd0r", 16));
    assert_false(slug_valid("", 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rand_bytes_fills_buffers_of_any_size),
        cmocka_unit_test(token_is_wk_prefix_and_43_base62_chars),
        cmocka_unit_test(tokens_are_unique_and_use_the_whole_alphabet),
        cmocka_unit_test(uuid_is_canonical_lower_case_version_4),
        cmocka_unit_test(uuids_are_unique),
        cmocka_unit_test(slug_is_16_base62_chars_and_unique),
        cmocka_unit_test(slug_valid_wants_exactly_16_alphanumerics),
    };
    return cmocka_run_group_tests_name("rand", tests, NULL, NULL);
}

/* test_custom_field.c — the pure helpers of model/custom_field.c: the multiselect value
 * rewriter used when an option is deleted (cf_array_without) and the UUID form check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "model/custom_field.h"
#include "core/arena.h"
#include "core/rc.h"

#define A "11111111-1111-4111-8111-111111111111"
#define B "22222222-2222-4222-8222-222222222222"

static void check(const char *in, const char *id, int want_rc, const char *want, bool want_changed)
{
    struct arena a;
    arena_init(&a, 0);
    const char *out = "unset";
    bool changed = !want_changed;
    assert_int_equal(cf_array_without(&a, in, id, &out, &changed), want_rc);
    if (want_rc == RC_OK) {
        if (want)
            assert_string_equal(out, want);
        else
            assert_null(out);
        assert_int_equal(changed, want_changed);
    }
    arena_reset(&a);
}

static void test_removes_the_id_wherever_it_is(void **state)
{
    (void)state;
    check("[\"" A "\",\"" B "\"]", A, RC_OK, "[\"" B "\"]", true);
    check("[\"" B "\",\"" A "\"]", A, RC_OK, "[\"" B "\"]", true);
    check("[ \"" B "\" ,\n \"" A "\" , \"" B "\" ]", A, RC_OK, "[\"" B "\",\"" B "\"]", true);
    check("[\"" A "\",\"" A "\"]", A, RC_OK, NULL, true);
}

static void test_leaves_arrays_without_the_id_unchanged(void **state)
{
    (void)state;
    check("[\"" B "\"]", A, RC_OK, "[\"" B "\"]", false);
    check("[]", A, RC_OK, NULL, false);
    /* a prefix of the id is another string */
    check("[\"11111111\"]", A, RC_OK, "[\"11111111\"]", false);
    check("[\"a\\\"b\"]", A, RC_OK, "[\"a\\\"b\"]", false);
}

static void test_refuses_what_is_not_an_array_of_strings(void **state)
{
    (void)state;
    check("\"" A "\"", A, RC_INVALID, NULL, false);
    check("[1]", A, RC_INVALID, NULL, false);
    check("[\"" A "\"", A, RC_INVALID, NULL, false);
    check("[\"" A "\",]", A, RC_INVALID, NULL, false);
    check("[\"" A "\"] x", A, RC_INVALID, NULL, false);
    check("[\"unterminated]", A, RC_INVALID, NULL, false);
    check("", A, RC_INVALID, NULL, false);
}

static void test_uuid_form(void **state)
{
    (void)state;
    assert_true(cf_uuid_valid(A, strlen(A)));
    assert_true(cf_uuid_valid("ABCDEF01-2345-6789-abcd-ef0123456789", 36));
    assert_false(cf_uuid_valid("ABCDEF01-2345-6789-abcd-ef012345678g", 36));
    assert_false(cf_uuid_valid("ABCDEF01x2345-6789-abcd-ef0123456789", 36));
    assert_false(cf_uuid_valid(A, 35));
    assert_false(cf_uuid_valid(NULL, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_removes_the_id_wherever_it_is),
        cmocka_unit_test(test_leaves_arrays_without_the_id_unchanged),
        cmocka_unit_test(test_refuses_what_is_not_an_array_of_strings),
        cmocka_unit_test(test_uuid_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

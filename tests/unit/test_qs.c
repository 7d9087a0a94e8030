/* test_qs.c — http/qs.c: the three array spellings, percent-decoded names and
 * values, '+' as space, empty pieces, the RC_BADREQ cases and qs_get/qs_count. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>

#include "core/arena.h"
#include "core/rc.h"
#include "http/qs.h"
#include "core/common.h"

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

static struct qs parse_ok(struct arena *a, const char *s)
{
    struct qs q;
    int rc = qs_parse(a, s, strlen(s), &q);
    if (rc)
        fail_msg("qs_parse(\"%s\") = %s", s, rc_name(rc));
    return q;
}

static int parse_rc(struct arena *a, const char *s)
{
    struct qs q;
    return qs_parse(a, s, strlen(s), &q);
}

static void assert_param(const struct qs *q, size_t i, const char *name, const char *value,
                         bool bracketed)
{
    assert_true(i < q->n);
    const struct qs_param *p = &q->items[i];
    assert_int_equal(p->name.len, strlen(name));
    assert_memory_equal(p->name.ptr, name, p->name.len);
    assert_int_equal(p->value.len, strlen(value));
    assert_memory_equal(p->value.ptr, value, p->value.len);
    assert_int_equal(p->bracketed, bracketed);
}

static void empty_query_has_no_params(void **state)
{
    struct qs q = parse_ok(*state, "");
    assert_int_equal(q.n, 0);
    assert_null(qs_get(&q, "a"));
    assert_int_equal(qs_count(&q, "a"), 0);
}

static void null_pointer_with_zero_length_is_empty(void **state)
{
    struct qs q;
    assert_int_equal(qs_parse(*state, NULL, 0, &q), RC_OK);
    assert_int_equal(q.n, 0);
}

static void simple_pairs_in_order(void **state)
{
    struct qs q = parse_ok(*state, "limit=10&offset=20&search=abc");
    assert_int_equal(q.n, 3);
    assert_param(&q, 0, "limit", "10", false);
    assert_param(&q, 1, "offset", "20", false);
    assert_param(&q, 2, "search", "abc", false);
}

static void empty_brackets_give_two_values(void **state)
{
    struct qs q = parse_ok(*state, "a[]=1&a[]=2");
    assert_int_equal(qs_count(&q, "a"), 2);
    assert_param(&q, 0, "a", "1", true);
    assert_param(&q, 1, "a", "2", true);
}

static void indexed_brackets_give_two_values(void **state)
{
    struct qs q = parse_ok(*state, "a[0]=1&a[1]=2");
    assert_int_equal(qs_count(&q, "a"), 2);
    assert_param(&q, 0, "a", "1", true);
    assert_param(&q, 1, "a", "2", true);
    struct qs big = parse_ok(*state, "a[12345]=x");
    assert_param(&big, 0, "a", "x", true);
}

static void repeated_names_give_two_values(void **state)
{
    struct qs q = parse_ok(*state, "a=1&a=2");
    assert_int_equal(qs_count(&q, "a"), 2);
    assert_param(&q, 0, "a", "1", false);
    assert_param(&q, 1, "a", "2", false);
}

static void mixed_spellings_count_together(void **state)
{
    struct qs q = parse_ok(*state, "a=1&a[]=2&a[5]=3&b=4");
    assert_int_equal(qs_count(&q, "a"), 3);
    assert_int_equal(qs_count(&q, "b"), 1);
}

static void percent_encoded_brackets_in_names_are_arrays(void **state)
{
    struct qs q = parse_ok(*state, "tags%5B%5D=1&tags%5b%5d=2&ids%5B3%5D=9");
    assert_int_equal(qs_count(&q, "tags"), 2);
    assert_param(&q, 0, "tags", "1", true);
    assert_param(&q, 1, "tags", "2", true);
    assert_param(&q, 2, "ids", "9", true);
}

static void names_and_values_are_percent_decoded(void **state)
{
    struct qs q = parse_ok(*state, "na%6De=a%20b%26c%3Dd&%C3%A9t%C3%A9=%E2%82%AC");
    assert_param(&q, 0, "name", "a b&c=d", false);
    assert_param(&q, 1, "\xc3\xa9t\xc3\xa9", "\xe2\x82\xac", false);
}

static void plus_decodes_to_space_in_names_and_values(void **state)
{
    struct qs q = parse_ok(*state, "first+name=Ada+King&x=%2B1");
    assert_param(&q, 0, "first name", "Ada King", false);
    assert_param(&q, 1, "x", "+1", false); /* an escaped plus stays a plus */
}

static void empty_pieces_are_skipped(void **state)
{
    struct qs q = parse_ok(*state, "&&a=1&&&b=2&");
    assert_int_equal(q.n, 2);
    assert_param(&q, 0, "a", "1", false);
    assert_param(&q, 1, "b", "2", false);
    struct qs only = parse_ok(*state, "&&&");
    assert_int_equal(only.n, 0);
}

static void pieces_without_a_name_are_skipped(void **state)
{
    struct qs q = parse_ok(*state, "=1&=&a=2");
    assert_int_equal(q.n, 1);
    assert_param(&q, 0, "a", "2", false);
}

static void name_without_equals_has_empty_value(void **state)
{
    struct qs q = parse_ok(*state, "flag&a=");
    assert_int_equal(q.n, 2);
    assert_param(&q, 0, "flag", "", false);
    assert_param(&q, 1, "a", "", false);
}

static void value_keeps_further_equals_signs(void **state)
{
    struct qs q = parse_ok(*state, "a=b=c==");
    assert_param(&q, 0, "a", "b=c==", false);
}

static void bad_escape_in_value_is_badreq(void **state)
{
    assert_int_equal(parse_rc(*state, "a=%zz"), RC_BADREQ);
    assert_int_equal(parse_rc(*state, "a=1&b=%"), RC_BADREQ);
    assert_int_equal(parse_rc(*state, "a=%4"), RC_BADREQ);
    assert_int_equal(parse_rc(*state, "a=%4&b=1"), RC_BADREQ); /* the escape ends at '&' */
}

static void bad_escape_in_name_is_badreq(void **state)
{
    assert_int_equal(parse_rc(*state, "%zz=1"), RC_BADREQ);
    assert_int_equal(parse_rc(*state, "a%=1"), RC_BADREQ);
    assert_int_equal(parse_rc(*state, "%"), RC_BADREQ);
}

static char *repeat_params(struct arena *a, size_t n, const char *piece)
{
    size_t plen = strlen(piece);
    char *s = arena_alloc(a, n * (plen + 1) + 1);
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (i)
            s[w++] = '&';
        memcpy(s + w, piece, plen);
        w += plen;
    }
    s[w] = '\0';
    return s;
}

static void exactly_max_params_is_accepted(void **state)
{
    struct qs q = parse_ok(*state, repeat_params(*state, QS_MAX_PARAMS, "a[]=1"));
    assert_int_equal(q.n, QS_MAX_PARAMS);
    assert_int_equal(qs_count(&q, "a"), QS_MAX_PARAMS);
}

static void more_than_max_params_is_badreq(void **state)
{
    assert_int_equal(parse_rc(*state, repeat_params(*state, QS_MAX_PARAMS + 1, "a=1")), RC_BADREQ);
    /* a flood of empty pieces is refused before anything is allocated per piece */
    assert_int_equal(parse_rc(*state, repeat_params(*state, 100000, "")), RC_BADREQ);
}

static void empty_pieces_do_not_count_toward_max(void **state)
{
    /* 256 real parameters separated by double ampersands */
    struct qs q = parse_ok(*state, repeat_params(*state, QS_MAX_PARAMS, "a=1&"));
    assert_int_equal(q.n, QS_MAX_PARAMS);
}

static void other_bracket_suffixes_are_kept_in_the_name(void **state)
{
    struct qs q = parse_ok(*state, "f[x]=1&f[1a]=2&[]=3&[0]=4&a[=5&a]=6&a[-1]=7&a[][]=8");
    assert_param(&q, 0, "f[x]", "1", false);
    assert_param(&q, 1, "f[1a]", "2", false);
    assert_param(&q, 2, "[]", "3", false);
    assert_param(&q, 3, "[0]", "4", false);
    assert_param(&q, 4, "a[", "5", false);
    assert_param(&q, 5, "a]", "6", false);
    assert_param(&q, 6, "a[-1]", "7", false);
    assert_param(&q, 7, "a[]", "8", true); /* only the last [] is removed */
    assert_int_equal(qs_count(&q, "f[x]"), 1);
}

/* the deal list's customFields[N][id|value] filter (api/crm/crm_deal_list.c) relies on nested
 * pairs reaching it as written, index included */
static void nested_pairs_keep_their_names(void **state)
{
    struct qs q = parse_ok(*state, "customFields[0][id]=f&customFields%5B12%5D%5Bvalue%5D=v"
                                   "&customFields[0][value][]=w");
    assert_param(&q, 0, "customFields[0][id]", "f", false);
    assert_param(&q, 1, "customFields[12][value]", "v", false);
    assert_param(&q, 2, "customFields[0][value]", "w", true);
}

static void query_get_returns_the_last_occurrence(void **state)
{
    struct qs q = parse_ok(*state, "limit=1&other=x&limit=2&limit[]=3&Limit=4");
    const struct qs_param *p = qs_get(&q, "limit");
    assert_non_null(p);
    assert_int_equal(p->value.len, 1);
    assert_memory_equal(p->value.ptr, "3", 1);
    assert_null(qs_get(&q, "lim"));
    assert_null(qs_get(&q, "limits"));
    assert_int_equal(qs_count(&q, "Limit"), 1); /* names are case-sensitive */
}

static void values_may_hold_any_byte(void **state)
{
    struct qs q = parse_ok(*state, "a=%00%FF%C3");
    assert_int_equal(q.n, 1);
    assert_int_equal(q.items[0].value.len, 3);
    assert_memory_equal(q.items[0].value.ptr, "\0\xff\xc3", 3);
}

static void length_bounds_the_input(void **state)
{
    struct qs q;
    const char *s = "a=1&b=2";
    assert_int_equal(qs_parse(*state, s, 3, &q), RC_OK);
    assert_int_equal(q.n, 1);
    assert_param(&q, 0, "a", "1", false);
}

static void full_arena_is_nomem(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 64);
    struct qs q;
    const char *s = "alpha=1&beta=2&gamma=3&delta=4";
    assert_int_equal(qs_parse(&a, s, strlen(s), &q), RC_NOMEM);
    arena_reset(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(empty_query_has_no_params, setup, teardown),
        cmocka_unit_test_setup_teardown(null_pointer_with_zero_length_is_empty, setup, teardown),
        cmocka_unit_test_setup_teardown(simple_pairs_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(empty_brackets_give_two_values, setup, teardown),
        cmocka_unit_test_setup_teardown(indexed_brackets_give_two_values, setup, teardown),
        cmocka_unit_test_setup_teardown(repeated_names_give_two_values, setup, teardown),
        cmocka_unit_test_setup_teardown(mixed_spellings_count_together, setup, teardown),
        cmocka_unit_test_setup_teardown(percent_encoded_brackets_in_names_are_arrays, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(names_and_values_are_percent_decoded, setup, teardown),
        cmocka_unit_test_setup_teardown(plus_decodes_to_space_in_names_and_values, setup, teardown),
        cmocka_unit_test_setup_teardown(empty_pieces_are_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(pieces_without_a_name_are_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(name_without_equals_has_empty_value, setup, teardown),
        cmocka_unit_test_setup_teardown(value_keeps_further_equals_signs, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_escape_in_value_is_badreq, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_escape_in_name_is_badreq, setup, teardown),
        cmocka_unit_test_setup_teardown(exactly_max_params_is_accepted, setup, teardown),
        cmocka_unit_test_setup_teardown(more_than_max_params_is_badreq, setup, teardown),
        cmocka_unit_test_setup_teardown(empty_pieces_do_not_count_toward_max, setup, teardown),
        cmocka_unit_test_setup_teardown(other_bracket_suffixes_are_kept_in_the_name, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(nested_pairs_keep_their_names, setup, teardown),
        cmocka_unit_test_setup_teardown(query_get_returns_the_last_occurrence, setup, teardown),
        cmocka_unit_test_setup_teardown(values_may_hold_any_byte, setup, teardown),
        cmocka_unit_test_setup_teardown(length_bounds_the_input, setup, teardown),
        cmocka_unit_test_setup_teardown(full_arena_is_nomem, setup, teardown),
    };
    return cmocka_run_group_tests_name("query", tests, NULL, NULL);
}

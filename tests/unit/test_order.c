/* test_order.c — dense ordering moves (order_move_ids, model/order.c) against a reference
 * model: long random move sequences must keep every id exactly once, in the order a naive
 * list implementation gives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "model/order.h"
#include "core/common.h"

static void test_move_to_front_when_after_is_zero(void **state)
{
    (void)state;
    int64_t ids[] = {1, 2, 3, 4};
    assert_int_equal(order_move_ids(ids, 4, 3, 0, true), 0);
    int64_t want[] = {3, 1, 2, 4};
    assert_memory_equal(ids, want, sizeof(want));
}

static void test_move_after_a_later_sibling(void **state)
{
    (void)state;
    int64_t ids[] = {1, 2, 3, 4};
    assert_int_equal(order_move_ids(ids, 4, 1, 3, true), 0);
    int64_t want[] = {2, 3, 1, 4};
    assert_memory_equal(ids, want, sizeof(want));
}

static void test_move_after_an_earlier_sibling_and_to_the_end(void **state)
{
    (void)state;
    int64_t ids[] = {1, 2, 3, 4};
    assert_int_equal(order_move_ids(ids, 4, 4, 1, true), 0);
    int64_t want[] = {1, 4, 2, 3};
    assert_memory_equal(ids, want, sizeof(want));
    assert_int_equal(order_move_ids(ids, 4, 1, 3, true), 0);
    int64_t want2[] = {4, 2, 3, 1};
    assert_memory_equal(ids, want2, sizeof(want2));
}

static void test_move_after_itself_changes_nothing(void **state)
{
    (void)state;
    int64_t ids[] = {1, 2, 3};
    assert_int_equal(order_move_ids(ids, 3, 2, 2, true), 0);
    int64_t want[] = {1, 2, 3};
    assert_memory_equal(ids, want, sizeof(want));
}

static void test_unknown_id_or_target_is_refused_and_order_kept(void **state)
{
    (void)state;
    int64_t ids[] = {1, 2, 3};
    assert_int_equal(order_move_ids(ids, 3, 9, 0, true), -1);
    assert_int_equal(order_move_ids(ids, 3, 1, 9, true), -1);
    int64_t want[] = {1, 2, 3};
    assert_memory_equal(ids, want, sizeof(want));
}

static void test_move_before_a_sibling_either_side(void **state)
{
    (void)state;
    int64_t ids[] = {1, 2, 3, 4};
    assert_int_equal(order_move_ids(ids, 4, 4, 2, false), 0);
    int64_t want[] = {1, 4, 2, 3};
    assert_memory_equal(ids, want, sizeof(want));
    assert_int_equal(order_move_ids(ids, 4, 1, 3, false), 0);
    int64_t want2[] = {4, 2, 1, 3};
    assert_memory_equal(ids, want2, sizeof(want2));
    assert_int_equal(order_move_ids(ids, 4, 3, 4, false), 0);
    int64_t want3[] = {3, 4, 2, 1};
    assert_memory_equal(ids, want3, sizeof(want3));
}

/* reference: remove, then insert after (or before) target, on a plain array */
static void ref_move(int64_t *a, size_t n, int64_t id, int64_t target, bool after)
{
    int64_t tmp[64];
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (a[i] != id)
            tmp[m++] = a[i];
    if (target == id) /* no-op */
        return;
    size_t w = 0;
    int64_t out[64];
    if (!target)
        out[w++] = id;
    for (size_t i = 0; i < m; i++) {
        if (tmp[i] == target && !after)
            out[w++] = id;
        out[w++] = tmp[i];
        if (tmp[i] == target && after)
            out[w++] = id;
    }
    memcpy(a, out, n * sizeof(*a));
}

static void test_ten_thousand_random_moves_after_or_before_match_reference(void **state)
{
    (void)state;
    enum { N = 37 };
    int64_t ids[N], ref[N];
    for (int i = 0; i < N; i++)
        ids[i] = ref[i] = i + 1;
    srand(12345);
    for (int k = 0; k < 10000; k++) {
        int64_t id = rand() % N + 1;
        int64_t target = rand() % (N + 1); /* 0 = front */
        bool after = rand() % 2;
        assert_int_equal(order_move_ids(ids, N, id, target, after), 0);
        ref_move(ref, N, id, target, after);
        assert_memory_equal(ids, ref, sizeof(ids));
    }
    /* still a permutation */
    int seen[N + 1] = {0};
    for (int i = 0; i < N; i++)
        seen[ids[i]]++;
    for (int i = 1; i <= N; i++)
        assert_int_equal(seen[i], 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_move_to_front_when_after_is_zero),
        cmocka_unit_test(test_move_after_a_later_sibling),
        cmocka_unit_test(test_move_after_an_earlier_sibling_and_to_the_end),
        cmocka_unit_test(test_move_after_itself_changes_nothing),
        cmocka_unit_test(test_move_before_a_sibling_either_side),
        cmocka_unit_test(test_unknown_id_or_target_is_refused_and_order_kept),
        cmocka_unit_test(test_ten_thousand_random_moves_after_or_before_match_reference),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_position.c — dense ordering moves (model/position.c) against a reference model:
 * long random move sequences must keep every id exactly once, in the order a naive
 * list implementation gives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "model/position.h"
#include "core/common.h"

static void test_move_to_front_when_after_is_zero(void **state)
{
    (void)state;
    int64_t ids[] = {1, 2, 3, 4};
    assert_int_equal(position_move_after(ids, 4, 3, 0), 0);
    int64_t want[] = {3, 1, 2, 4};
    assert_memory_equal(ids, want, sizeof(want));
}

static void test_move_after_a_later_sibling(void **state)
{
    (void)state;
    int64_t ids[] = {1, 2, 3, 4};
    assert_int_equal(position_move_after(ids, 4, 1, 3), 0);
    int64_t want[] = {2, 3, 1, 4};
    assert_memory_equal(ids, want, sizeof(want));
}

static void test_move_after_an_earlier_sibling_and_to_the_end(void **state)
{
    (void)state;
    int64_t ids[] = {1, 2, 3, 4};
    assert_int_equal(position_move_after(ids, 4, 4, 1), 0);
    int64_t want[] = {1, 4, 2, 3};
    assert_memory_equal(ids, want, sizeof(want));
    assert_int_equal(position_move_after(ids, 4, 1, 3), 0);
    int64_t want2[] = {4, 2, 3, 1};
    assert_memory_equal(ids, want2, sizeof(want2));
}

static void test_move_after_itself_changes_nothing(void **state)
{
    (void)state;
    int64_t ids[] = {1, 2, 3};
    assert_int_equal(position_move_after(ids, 3, 2, 2), 0);
    int64_t want[] = {1, 2, 3};
    assert_memory_equal(ids, want, sizeof(want));
}

static void test_unknown_id_or_target_is_refused_and_order_kept(void **state)
{
    (void)state;
    int64_t ids[] = {1, 2, 3};
    assert_int_equal(position_move_after(ids, 3, 9, 0), -1);
    assert_int_equal(position_move_after(ids, 3, 1, 9), -1);
    int64_t want[] = {1, 2, 3};
    assert_memory_equal(ids, want, sizeof(want));
}

/* reference: remove, then insert after target, on a plain array */
static void ref_move(int64_t *a, size_t n, int64_t id, int64_t after)
{
    int64_t tmp[64];
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (a[i] != id)
            tmp[m++] = a[i];
    if (after == id) /* no-op */
        return;
    size_t w = 0;
    int64_t out[64];
    if (!after)
        out[w++] = id;
    for (size_t i = 0; i < m; i++) {
        out[w++] = tmp[i];
        if (tmp[i] == after)
            out[w++] = id;
    }
    memcpy(a, out, n * sizeof(*a));
}

static void test_ten_thousand_random_moves_match_reference(void **state)
{
    (void)state;
    enum { N = 37 };
    int64_t ids[N], ref[N];
    for (int i = 0; i < N; i++)
        ids[i] = ref[i] = i + 1;
    srand(12345);
    for (int k = 0; k < 10000; k++) {
        int64_t id = rand() % N + 1;
        int64_t after = rand() % (N + 1); /* 0 = front */
        assert_int_equal(position_move_after(ids, N, id, after), 0);
        ref_move(ref, N, id, after);
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
        cmocka_unit_test(test_unknown_id_or_target_is_refused_and_order_kept),
        cmocka_unit_test(test_ten_thousand_random_moves_match_reference),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

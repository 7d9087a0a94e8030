/* test_arena.c — core/arena.c: alignment, the byte cap, large blocks, reset and reuse, and the
 * string helpers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "core/arena.h"
#include "core/rc.h"
#include "core/common.h"

#define ALIGN _Alignof(max_align_t)

static bool arena_debug(void)
{
    return getenv("ARENA_DEBUG") != NULL;
}

static void alloc_returns_max_align_t_aligned_memory(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    static const size_t sizes[] = {1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 100, 1000, 8191, 8192, 9000};
    for (size_t i = 0; i < ARRAY_LEN(sizes); i++) {
        unsigned char *p = arena_alloc(&a, sizes[i]);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % ALIGN, 0);
        memset(p, 0xAB, sizes[i]); /* writable across the whole size (ASan checks) */
    }
    arena_reset(&a);
}

static void alloc_of_zero_bytes_returns_distinct_pointers(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    void *p = arena_alloc(&a, 0);
    void *q = arena_alloc(&a, 0);
    assert_non_null(p);
    assert_non_null(q);
    assert_ptr_not_equal(p, q);
    arena_reset(&a);
}

static void used_counts_rounded_up_sizes(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    assert_non_null(arena_alloc(&a, 1));
    assert_int_equal(a.used, ALIGN);
    assert_non_null(arena_alloc(&a, ALIGN + 1));
    assert_int_equal(a.used, 3 * ALIGN);
    arena_reset(&a);
}

static void zero_limit_means_default_limit(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    assert_int_equal(a.limit, ARENA_DEFAULT_LIMIT);
    assert_null(a.head);
    assert_int_equal(a.used, 0);
    assert_false(a.hit_limit);
}

static void cap_refuses_allocation_past_limit_and_sets_hit_limit(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 1024);
    assert_non_null(arena_alloc(&a, 1000));
    assert_false(a.hit_limit);
    assert_null(arena_alloc(&a, 100));
    assert_true(a.hit_limit);
    /* a smaller request that still fits is served */
    assert_non_null(arena_alloc(&a, 1024 - 1008));
    assert_int_equal(a.used, 1024);
    assert_null(arena_alloc(&a, 1));
    arena_reset(&a);
}

static void cap_refuses_single_allocation_larger_than_limit(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 4096);
    assert_null(arena_alloc(&a, 4097));
    assert_true(a.hit_limit);
    assert_int_equal(a.used, 0);
    arena_reset(&a);
}

static void huge_sizes_fail_instead_of_wrapping(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, SIZE_MAX);
    assert_null(arena_alloc(&a, SIZE_MAX));
    assert_null(arena_alloc(&a, SIZE_MAX - 1));
    assert_null(arena_alloc(&a, SIZE_MAX - ALIGN + 1));
    assert_null(arena_calloc(&a, SIZE_MAX / 2, 4));
    assert_null(arena_strndup(&a, "x", SIZE_MAX));
    assert_int_equal(a.used, 0);
    arena_reset(&a);
}

static void large_block_is_usable_and_keeps_current_block(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    char *small1 = arena_alloc(&a, 16);
    size_t big_n = 3 * ARENA_BLOCK_SIZE + 5;
    unsigned char *big = arena_alloc(&a, big_n);
    char *small2 = arena_alloc(&a, 16);
    assert_non_null(small1);
    assert_non_null(big);
    assert_non_null(small2);
    memset(big, 0x5A, big_n);
    assert_int_equal(big[big_n - 1], 0x5A);
    if (!arena_debug()) /* a one-off large block does not retire the partly used block */
        assert_ptr_equal(small2, small1 + 16);
    assert_int_equal(a.used, 32 + ((big_n + ALIGN - 1) / ALIGN) * ALIGN);
    arena_reset(&a);
}

static void many_small_allocations_span_blocks(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    int *prev = NULL;
    for (int i = 0; i < 5000; i++) {
        int *p = arena_alloc(&a, sizeof(int) * 10);
        assert_non_null(p);
        for (int k = 0; k < 10; k++)
            p[k] = i;
        if (prev)
            assert_int_equal(prev[9], i - 1); /* earlier memory is never reused */
        prev = p;
    }
    arena_reset(&a);
}

static void reset_frees_everything_and_arena_is_reusable(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 256);
    assert_non_null(arena_alloc(&a, 200));
    assert_null(arena_alloc(&a, 200));
    assert_true(a.hit_limit);
    arena_reset(&a);
    assert_null(a.head);
    assert_int_equal(a.used, 0);
    assert_false(a.hit_limit);
    assert_int_equal(a.limit, 256);
    for (int round = 0; round < 3; round++) {
        char *p = arena_alloc(&a, 200);
        assert_non_null(p);
        memset(p, round, 200);
        arena_reset(&a);
    }
}

static void calloc_zeroes_and_checks_overflow(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    unsigned char *dirty = arena_alloc(&a, 64);
    memset(dirty, 0xFF, 64);
    arena_reset(&a);
    unsigned char *p = arena_calloc(&a, 16, 4);
    assert_non_null(p);
    for (int i = 0; i < 64; i++)
        assert_int_equal(p[i], 0);
    assert_null(arena_calloc(&a, SIZE_MAX / 8 + 1, 8));
    arena_reset(&a);
}

static void strndup_copies_n_bytes_and_terminates(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    char *s = arena_strndup(&a, "hello world", 5);
    assert_string_equal(s, "hello");
    char *e = arena_strndup(&a, "ignored", 0);
    assert_string_equal(e, "");
    char *z = arena_strndup(&a, "a\0b", 3); /* embedded NUL copied as is */
    assert_memory_equal(z, "a\0b", 4);
    char *d = arena_strdup(&a, "copy");
    assert_string_equal(d, "copy");
    arena_reset(&a);
}

static void strndup_on_full_arena_returns_null(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 32);
    assert_non_null(arena_strndup(&a, "0123456789", 10));
    assert_null(arena_strndup(&a, "0123456789abcdef0123456789", 26));
    arena_reset(&a);
}

static void printf_formats_short_and_long_strings(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    assert_string_equal(arena_printf(&a, "%d-%s-%zu", 42, "x", (size_t)7), "42-x-7");
    assert_string_equal(arena_printf(&a, "%s", ""), "");
    char *long_s = arena_printf(&a, "%*s|", 20000, "end");
    assert_non_null(long_s);
    assert_int_equal(strlen(long_s), 20001);
    assert_memory_equal(long_s + 19997, "end|", 5);
    arena_reset(&a);
}

static void printf_past_cap_returns_null(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 128);
    assert_null(arena_printf(&a, "%*s", 500, "x"));
    assert_true(a.hit_limit);
    arena_reset(&a);
}

static void current_arena_is_set_and_cleared(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    assert_null(arena_current());
    arena_set_current(&a);
    assert_ptr_equal(arena_current(), &a);
    arena_set_current(NULL);
    assert_null(arena_current());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(alloc_returns_max_align_t_aligned_memory),
        cmocka_unit_test(alloc_of_zero_bytes_returns_distinct_pointers),
        cmocka_unit_test(used_counts_rounded_up_sizes),
        cmocka_unit_test(zero_limit_means_default_limit),
        cmocka_unit_test(cap_refuses_allocation_past_limit_and_sets_hit_limit),
        cmocka_unit_test(cap_refuses_single_allocation_larger_than_limit),
        cmocka_unit_test(huge_sizes_fail_instead_of_wrapping),
        cmocka_unit_test(large_block_is_usable_and_keeps_current_block),
        cmocka_unit_test(many_small_allocations_span_blocks),
        cmocka_unit_test(reset_frees_everything_and_arena_is_reusable),
        cmocka_unit_test(calloc_zeroes_and_checks_overflow),
        cmocka_unit_test(strndup_copies_n_bytes_and_terminates),
        cmocka_unit_test(strndup_on_full_arena_returns_null),
        cmocka_unit_test(printf_formats_short_and_long_strings),
        cmocka_unit_test(printf_past_cap_returns_null),
        cmocka_unit_test(current_arena_is_set_and_cleared),
    };
    return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}

/* test_buf.c — core/buf.c: appends keep the buffer NUL-terminated, growth keeps earlier
 * bytes, the per-buffer cap answers RC_TOOBIG and an exhausted arena RC_TOOBIG/RC_NOMEM. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/rc.h"
#include "core/common.h"

static void init_allocates_nothing(void **state)
{
    (void)state;
    struct arena a;
    struct buf b;
    arena_init(&a, 0);
    buf_init(&b, &a, 0);
    assert_null(b.ptr);
    assert_int_equal(b.len, 0);
    assert_int_equal(a.used, 0);
}

static void append_and_puts_concatenate_with_nul(void **state)
{
    (void)state;
    struct arena a;
    struct buf b;
    arena_init(&a, 0);
    buf_init(&b, &a, 0);
    assert_int_equal(buf_append(&b, "ab", 2), RC_OK);
    assert_int_equal(buf_puts(&b, "cd"), RC_OK);
    assert_int_equal(buf_append(&b, "\0e", 2), RC_OK); /* any bytes */
    assert_int_equal(b.len, 6);
    assert_memory_equal(b.ptr, "abcd\0e", 7);
    assert_int_equal(buf_append(&b, "", 0), RC_OK);
    assert_int_equal(b.len, 6);
    arena_reset(&a);
}

static void growth_keeps_earlier_bytes(void **state)
{
    (void)state;
    struct arena a;
    struct buf b;
    arena_init(&a, 0);
    buf_init(&b, &a, 0);
    for (int i = 0; i < 10000; i++) {
        char ch = (char)('a' + i % 26);
        assert_int_equal(buf_append(&b, &ch, 1), RC_OK);
    }
    assert_int_equal(b.len, 10000);
    for (int i = 0; i < 10000; i++)
        assert_int_equal(b.ptr[i], 'a' + i % 26);
    assert_int_equal(b.ptr[10000], '\0');
    arena_reset(&a);
}

static void printf_appends_formatted_text(void **state)
{
    (void)state;
    struct arena a;
    struct buf b;
    arena_init(&a, 0);
    buf_init(&b, &a, 0);
    assert_int_equal(buf_printf(&b, "%s=%d", "n", 42), RC_OK);
    assert_int_equal(buf_printf(&b, ";%05.1f", 2.25), RC_OK);
    assert_string_equal(b.ptr, "n=42;002.2");
    assert_int_equal(buf_printf(&b, "%*s", 3000, "x"), RC_OK);
    assert_int_equal(b.len, 10 + 3000);
    arena_reset(&a);
}

static void cap_refuses_growth_past_max(void **state)
{
    (void)state;
    struct arena a;
    struct buf b;
    arena_init(&a, 0);
    buf_init(&b, &a, 8);
    assert_int_equal(buf_append(&b, "12345678", 8), RC_OK);
    assert_int_equal(buf_append(&b, "9", 1), RC_TOOBIG);
    assert_int_equal(buf_printf(&b, "%d", 9), RC_TOOBIG);
    assert_string_equal(b.ptr, "12345678"); /* unchanged */
    struct buf c;
    buf_init(&c, &a, 4);
    assert_int_equal(buf_append(&c, "12345", 5), RC_TOOBIG);
    arena_reset(&a);
}

static void exhausted_arena_is_toobig(void **state)
{
    (void)state;
    struct arena a;
    struct buf b;
    arena_init(&a, 512);
    buf_init(&b, &a, 0);
    char chunk[200];
    memset(chunk, 'x', sizeof(chunk));
    assert_int_equal(buf_append(&b, chunk, sizeof(chunk)), RC_OK);
    int rc = RC_OK;
    for (int i = 0; i < 10 && !rc; i++)
        rc = buf_append(&b, chunk, sizeof(chunk));
    assert_int_equal(rc, RC_TOOBIG);
    assert_true(a.hit_limit);
    assert_int_equal(b.ptr[b.len], '\0');
    arena_reset(&a);
}

static void huge_append_is_refused_without_overflow(void **state)
{
    (void)state;
    struct arena a;
    struct buf b;
    arena_init(&a, 0);
    buf_init(&b, &a, 0);
    assert_int_equal(buf_append(&b, "x", 1), RC_OK);
    assert_int_equal(buf_append(&b, "y", SIZE_MAX), RC_TOOBIG);
    assert_int_equal(buf_append(&b, "y", SIZE_MAX - 2), RC_TOOBIG);
    assert_int_equal(b.len, 1);
    arena_reset(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(init_allocates_nothing),
        cmocka_unit_test(append_and_puts_concatenate_with_nul),
        cmocka_unit_test(growth_keeps_earlier_bytes),
        cmocka_unit_test(printf_appends_formatted_text),
        cmocka_unit_test(cap_refuses_growth_past_max),
        cmocka_unit_test(exhausted_arena_is_toobig),
        cmocka_unit_test(huge_append_is_refused_without_overflow),
    };
    return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}

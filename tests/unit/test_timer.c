/* test_timer.c — model/timer.c: the minutes a stopped timer records (rounded up, at least
 * one, capped at a day). The stored side of timers is covered by tests/http/test_tm_timers.py. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "model/time_entry.h"
#include "model/timer.h"
#include "core/common.h"

#define MIN 60000
#define T0  INT64_C(1796128061000)

static void a_started_minute_counts_as_a_whole_one(void **state)
{
    (void)state;
    assert_int_equal(timer_minutes(T0, T0 + 1), 1);
    assert_int_equal(timer_minutes(T0, T0 + MIN - 1), 1);
    assert_int_equal(timer_minutes(T0, T0 + MIN), 1);
    assert_int_equal(timer_minutes(T0, T0 + MIN + 1), 2);
    assert_int_equal(timer_minutes(T0, T0 + 150 * 1000), 3);
    assert_int_equal(timer_minutes(T0, T0 + 90 * MIN), 90);
}

static void no_run_or_a_clock_going_back_records_one_minute(void **state)
{
    (void)state;
    assert_int_equal(timer_minutes(T0, T0), 1);
    assert_int_equal(timer_minutes(T0, T0 - 1), 1);
    assert_int_equal(timer_minutes(T0, T0 - 3 * 86400000), 1);
}

static void a_run_longer_than_a_day_is_capped_at_1440(void **state)
{
    (void)state;
    assert_int_equal(timer_minutes(T0, T0 + 1439 * MIN), 1439);
    assert_int_equal(timer_minutes(T0, T0 + 1439 * MIN + 1), 1440);
    assert_int_equal(timer_minutes(T0, T0 + 1440 * MIN), TIME_ENTRY_MAX_MIN);
    assert_int_equal(timer_minutes(T0, T0 + 1440 * MIN + 1), TIME_ENTRY_MAX_MIN);
    assert_int_equal(timer_minutes(T0, T0 + 400 * 86400000LL), TIME_ENTRY_MAX_MIN);
    assert_int_equal(timer_minutes(INT64_MIN / 2, INT64_MAX / 2), TIME_ENTRY_MAX_MIN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_started_minute_counts_as_a_whole_one),
        cmocka_unit_test(no_run_or_a_clock_going_back_records_one_minute),
        cmocka_unit_test(a_run_longer_than_a_day_is_capped_at_1440),
    };
    return cmocka_run_group_tests_name("timer", tests, NULL, NULL);
}

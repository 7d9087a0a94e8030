/* clock.h — wall and monotonic time, and the date formats the API speaks. */
#ifndef CORE_CLOCK_H
#define CORE_CLOCK_H

#include <stdint.h>
#include <stddef.h>

/* Unix milliseconds, wall clock. */
int64_t clock_now_ms(void);
/* Monotonic nanoseconds, for durations. */
int64_t clock_mono_ns(void);
/* ISO 8601 UTC with seconds, e.g. "2026-11-28T04:27:41Z", into out[21]. */
void clock_iso8601(int64_t ms, char out[21]);

#endif

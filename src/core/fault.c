/* fault.c — see fault.h. */
#include "core/fault.h"

#include <stdlib.h>

_Thread_local bool fault_armed;
static _Thread_local unsigned long alloc_target, store_target;
static _Thread_local int store_rc_armed;
static _Thread_local struct fault_report seen;

void fault_arm(unsigned long alloc_n, unsigned long store_k, int store_rc)
{
    alloc_target = alloc_n;
    store_target = store_k;
    store_rc_armed = store_rc;
    seen = (struct fault_report){0};
    fault_armed = true;
}

void fault_disarm(struct fault_report *out)
{
    fault_armed = false;
    if (out)
        *out = seen;
}

bool fault_alloc_hit(void)
{
    if (++seen.allocs != alloc_target)
        return false;
    seen.alloc_fired = true;
    return true;
}

int fault_store_hit(void)
{
    if (++seen.stores != store_target)
        return 0;
    seen.store_fired = true;
    return store_rc_armed;
}

void *fault_malloc(size_t n)
{
    return fault_alloc() ? NULL : malloc(n);
}

void *fault_realloc(void *p, size_t n)
{
    return fault_alloc() ? NULL : realloc(p, n);
}

void *fault_calloc(size_t n, size_t size)
{
    return fault_alloc() ? NULL : calloc(n, size);
}

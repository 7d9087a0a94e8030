/* fault.h — fault injection for the tests' fault loop (tests/unit/test_fault_loop.c,
 * docs/internals/testing.md). Two per-thread countdowns: the N-th allocation of the
 * request path fails (arena_alloc and the few mallocs outside the arena, via
 * fault_malloc/fault_realloc/fault_calloc), and the K-th store call (begin, query, exec,
 * query_sql, commit) fails with a chosen rc as a driver error would. Each fires once:
 * later calls succeed again, so code that carries on after a failure is seen to.
 *
 * Always compiled in, never armed in production: nothing in src/ calls fault_arm (no
 * flag, environment variable or route reaches it; tools/check_layers.sh enforces that),
 * and unarmed every hook costs one thread-local load and a branch. Compiling it only into
 * test builds would mean a second set of objects per variant, and the tests would then
 * exercise code that differs from what ships. */
#ifndef CORE_FAULT_H
#define CORE_FAULT_H

#include <stdbool.h>
#include <stddef.h>

/* What one armed period saw: calls counted since fault_arm, and whether a fault fired. */
struct fault_report {
    unsigned long allocs, stores;
    bool alloc_fired, store_fired;
};

/* Arm this thread: allocation number alloc_n (1-based; 0 = none) returns NULL, and store
 * call number store_k (0 = none) returns store_rc. Counting starts at 0 either way, so
 * fault_arm(0, 0, 0) just measures. */
void fault_arm(unsigned long alloc_n, unsigned long store_k, int store_rc);
/* Disarm this thread and report what happened since fault_arm. out may be NULL. */
void fault_disarm(struct fault_report *out);

extern _Thread_local bool fault_armed;
bool fault_alloc_hit(void);
int fault_store_hit(void);

/* true when this allocation must fail */
static inline bool fault_alloc(void)
{
    return __builtin_expect(fault_armed, 0) && fault_alloc_hit();
}

/* 0, or the rc this store call must fail with */
static inline int fault_store(void)
{
    return __builtin_expect(fault_armed, 0) ? fault_store_hit() : 0;
}

/* malloc, realloc and calloc for request paths outside the arena (store drivers) */
void *fault_malloc(size_t n);
void *fault_realloc(void *p, size_t n);
void *fault_calloc(size_t n, size_t size);

#endif

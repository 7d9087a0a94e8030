/* currency.h — the currency catalogue: fixed, compiled in, the same for every workspace,
 * with stable ids 1..CURRENCY_COUNT (id 1 is a new funnel's default). Static data: nothing
 * to free, safe from any thread. */
#ifndef MODEL_CURRENCY_H
#define MODEL_CURRENCY_H

#include <stddef.h>
#include <stdint.h>

#define CURRENCY_DEFAULT 1

struct currency {
    int64_t id;
    const char *name, *code, *symbol;
};

/* Every currency in id order; *n gets the count. */
const struct currency *currency_all(size_t *n);
/* The currency with this id, or NULL. */
const struct currency *currency_find(int64_t id);

#endif

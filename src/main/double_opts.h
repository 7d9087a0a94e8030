/* double_opts.h — the command-line options of weeekd as a test double
 * (docs/testing-with-weeekd.md), read apart from main.c's table so that the two grow
 * independently: double_opts_take() removes its options from argv before main parses the
 * rest. */
#ifndef MAIN_DOUBLE_OPTS_H
#define MAIN_DOUBLE_OPTS_H

#include "http/cors.h"

struct double_opts {
    const char *admin_token; /* --admin-token, else WEEEKD_ADMIN_TOKEN; NULL: no admin API */
    const char *token;       /* init --token wk_...: the owner's token instead of a drawn one */
    long journal;            /* --journal N: requests kept (default 1000, 0 = off) */
    long rate_limit;         /* --rate-limit N: requests per token and minute (0 = none) */
    struct cors_cfg cors;    /* --cors-origin ORIGIN, repeatable; "*" for any */
    const char *seed;        /* init --seed NAME: fill the workspace (port/seed.h); NULL: empty */
};

/* Take --admin-token, --token, --journal, --rate-limit, --cors-origin and --seed (as "--opt value"
 * or
 * "--opt=value") out of argv[1..argc), shortening *argc. 0, or 2 after printing a usage error (an
 * option without its value, an empty admin token, a number out of range). */
int double_opts_take(int *argc, char **argv, struct double_opts *d);

#endif

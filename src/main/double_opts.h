/* double_opts.h — the command-line options of weeekd as a test double
 * (docs/testing-with-weeekd.md), read apart from main.c's table so that the two grow
 * independently: double_opts_take() removes its options from argv before main parses the
 * rest. */
#ifndef MAIN_DOUBLE_OPTS_H
#define MAIN_DOUBLE_OPTS_H

struct double_opts {
    const char *admin_token; /* --admin-token, else WEEEKD_ADMIN_TOKEN; NULL: no admin API */
    const char *token;       /* init --token wk_...: the owner's token instead of a drawn one */
};

/* Take --admin-token and --token (as "--opt value" or "--opt=value") out of argv[1..argc),
 * shortening *argc. 0, or 2 after printing a usage error (an option without its value, an
 * empty admin token). */
int double_opts_take(int *argc, char **argv, struct double_opts *d);

#endif

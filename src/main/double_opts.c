/* double_opts.c — see double_opts.h. */
#include "main/double_opts.h"

#include <stdio.h>
#include <stdlib.h>
#include "core/common.h"

static const char *take(int *argc, char **argv, int *i, const char *name, bool *bad)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0 || (arg[n] != '\0' && arg[n] != '='))
        return NULL;
    const char *v = arg[n] == '=' ? arg + n + 1 : NULL;
    int used = v ? 1 : 2;
    if (!v) {
        if (*i + 1 >= *argc) {
            fprintf(stderr, "weeekd: option '%s' needs a value\nRun 'weeekd --help' for usage.\n",
                    name);
            *bad = true;
            return NULL;
        }
        v = argv[*i + 1];
    }
    memmove(argv + *i, argv + *i + used, (size_t)(*argc - *i - used + 1) * sizeof(*argv));
    *argc -= used;
    (*i)--;
    return v;
}

int double_opts_take(int *argc, char **argv, struct double_opts *d)
{
    const char *env = getenv("WEEEKD_ADMIN_TOKEN");
    d->admin_token = env && *env ? env : NULL;
    bool bad = false;
    for (int i = 1; i < *argc && !bad; i++) {
        const char *v;
        if ((v = take(argc, argv, &i, "--admin-token", &bad)))
            d->admin_token = v;
        else if (!bad && (v = take(argc, argv, &i, "--token", &bad)))
            d->token = v;
    }
    if (!bad && d->admin_token && !*d->admin_token) {
        fprintf(stderr, "weeekd: --admin-token must not be empty\n"
                        "Run 'weeekd --help' for usage.\n");
        bad = true;
    }
    return bad ? 2 : 0;
}

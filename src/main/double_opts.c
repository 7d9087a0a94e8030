/* double_opts.c — see double_opts.h. */
#include "main/double_opts.h"
#include "api/double/double.h"
#include "core/str.h"

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

static bool number(const char *name, const char *v, long max, long *out)
{
    int64_t n;
    if (str_to_i64(v, strlen(v), &n) || n < 0 || n > max) {
        fprintf(stderr, "weeekd: %s must be an integer between 0 and %ld, not '%s'\n", name, max,
                v);
        return false;
    }
    *out = (long)n;
    return true;
}

/* "*", or scheme://host[:port] with nothing after it: what a browser sends as Origin */
static bool add_origin(struct cors_cfg *c, const char *v)
{
    const char *sep = strstr(v, "://");
    bool ok = strcmp(v, "*") == 0 ||
              (sep && sep > v && sep[3] && !strchr(sep + 3, '/') && !strchr(v, ' '));
    if (!ok) {
        fprintf(stderr,
                "weeekd: --cors-origin must be '*' or SCHEME://HOST[:PORT] (as a browser "
                "sends it), not '%s'\n",
                v);
        return false;
    }
    if (c->n == CORS_MAX_ORIGINS) {
        fprintf(stderr, "weeekd: at most %d --cors-origin options\n", CORS_MAX_ORIGINS);
        return false;
    }
    c->origins[c->n++] = v;
    return true;
}

int double_opts_take(int *argc, char **argv, struct double_opts *d)
{
    d->journal = 1000;
    const char *env = getenv("WEEEKD_ADMIN_TOKEN");
    d->admin_token = env && *env ? env : NULL;
    bool bad = false;
    for (int i = 1; i < *argc && !bad; i++) {
        const char *v;
        if ((v = take(argc, argv, &i, "--admin-token", &bad)))
            d->admin_token = v;
        else if (!bad && (v = take(argc, argv, &i, "--token", &bad)))
            d->token = v;
        else if (!bad && (v = take(argc, argv, &i, "--journal", &bad)))
            bad = !number("--journal", v, JOURNAL_MAX, &d->journal);
        else if (!bad && (v = take(argc, argv, &i, "--rate-limit", &bad)))
            bad = !number("--rate-limit", v, 1000000, &d->rate_limit);
        else if (!bad && (v = take(argc, argv, &i, "--cors-origin", &bad)))
            bad = !add_origin(&d->cors, v);
        else if (!bad && (v = take(argc, argv, &i, "--seed", &bad)))
            d->seed = v;
    }
    if (!bad && d->admin_token && !*d->admin_token) {
        fprintf(stderr, "weeekd: --admin-token must not be empty\n"
                        "Run 'weeekd --help' for usage.\n");
        bad = true;
    }
    return bad ? 2 : 0;
}

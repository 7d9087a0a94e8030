/* cli.c — argv of `weeekd export` and `weeekd import` (port.h), the store around them and
 * the short-lived token the in-process client uses. */
#include "port/port.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/rc.h"
#include "core/str.h"
#include "model/token.h"
#include "model/workspace.h"
#include "port/client.h"
#include "port/export.h"
#include "port/import.h"
#include "store/store.h"
#include "core/common.h"

struct popts {
    const char *db, *workspace, *output, *input, *email, *from, *token;
    long concurrency, retries;
    bool replace, resume;
};

__attribute__((format(printf, 1, 2))) static int usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("weeekd: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs(" (see weeekd --help)\n", stderr);
    return 2;
}

bool port_is_command(const char *cmd)
{
    return !strcmp(cmd, "export") || !strcmp(cmd, "import");
}

static int parse(int argc, char **argv, struct popts *o)
{
    o->db = getenv("WEEEKD_DB") ? getenv("WEEEKD_DB") : "sqlite:weeekd.db";
    o->concurrency = 2;
    o->retries = 8;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **dst = NULL;
        if (!strcmp(a, "--replace")) {
            o->replace = true;
            continue;
        }
        if (!strcmp(a, "--resume")) {
            o->resume = true;
            continue;
        }
        if (!strcmp(a, "--db"))
            dst = &o->db;
        else if (!strcmp(a, "--workspace"))
            dst = &o->workspace;
        else if (!strcmp(a, "--output"))
            dst = &o->output;
        else if (!strcmp(a, "--input"))
            dst = &o->input;
        else if (!strcmp(a, "--email"))
            dst = &o->email;
        else if (!strcmp(a, "--from"))
            dst = &o->from;
        else if (!strcmp(a, "--token"))
            dst = &o->token;
        const char *conc = NULL, *retries = NULL;
        if (!strcmp(a, "--concurrency"))
            dst = &conc;
        if (!strcmp(a, "--retries"))
            dst = &retries;
        if (!dst)
            return usage("unknown option '%s'", a);
        if (i + 1 >= argc)
            return usage("%s needs a value", a);
        *dst = argv[++i];
        if (conc) {
            int64_t n;
            if (str_to_i64(conc, strlen(conc), &n) || n < 1 || n > 64)
                return usage("--concurrency must be 1..64, not '%s'", conc);
            o->concurrency = (long)n;
        }
        if (retries) {
            int64_t n;
            if (str_to_i64(retries, strlen(retries), &n) || n < 0 || n > 100)
                return usage("--retries must be 0..100, not '%s'", retries);
            o->retries = (long)n;
        }
    }
    return 0;
}

static int open_store(const char *db, struct store_pool **pool)
{
    char err[512] = "";
    struct store_opts so = {.nconn = 1};
    int rc = store_pool_open(pool, db, &so, err, sizeof(err));
    if (rc)
        fprintf(stderr, "weeekd: %s\n", err[0] ? err : rc_name(rc));
    return rc;
}

/* Issue a token for the workspace's owner under a label unique to this run. */
static int owner_token(struct store_pool *pool, const char *workspace, const char *label,
                       char token[TOKEN_LEN + 1])
{
    struct store *st = store_acquire(pool);
    struct arena a;
    arena_init(&a, 0);
    struct workspace w;
    struct member *m = NULL;
    size_t n = 0;
    int rc = store_begin(st, TX_WRITE);
    if (!rc) {
        rc = workspace_find(st, &a, workspace, &w);
        if (rc == RC_NOTFOUND)
            fprintf(stderr, "weeekd: no workspace named '%s'\n", workspace);
        if (!rc)
            rc = member_list(st, &a, w.id, &m, &n);
        size_t k = 0;
        while (!rc && k < n && (!m[k].role || strcmp(m[k].role, "owner")))
            k++;
        if (!rc && k == n)
            k = 0;
        if (!rc && n == 0) {
            fprintf(stderr, "weeekd: workspace '%s' has no member\n", workspace);
            rc = RC_NOTFOUND;
        }
        if (!rc)
            rc = token_issue(st, w.id, m[k].id, label, token);
        if (rc)
            store_rollback(st);
        else
            rc = store_commit(st);
    }
    if (rc && rc != RC_NOTFOUND)
        fprintf(stderr, "weeekd: cannot issue a token: %s\n", rc_name(rc));
    arena_reset(&a);
    store_release(pool, st);
    return rc;
}

/* Revoke every active token carrying label (the run's own). */
static void revoke_label(struct store_pool *pool, const char *label)
{
    struct store *st = store_acquire(pool);
    struct arena a;
    arena_init(&a, 0);
    struct token_info *t;
    size_t n;
    if (!store_begin(st, TX_WRITE)) {
        int rc = token_list(st, &a, &t, &n);
        for (size_t i = 0; !rc && i < n; i++)
            if (!t[i].revoked_at && t[i].label && !strcmp(t[i].label, label))
                rc = token_revoke(st, t[i].id);
        if (rc)
            store_rollback(st);
        else
            store_commit(st);
    }
    arena_reset(&a);
    store_release(pool, st);
}

static int do_export(const struct popts *o)
{
    if (!o->workspace)
        return usage("%s", "export needs --workspace NAME");
    FILE *out = stdout;
    char *tmp = NULL;
    if (o->output) {
        /* written beside the target and renamed at the end: a failed export never leaves a
         * truncated document under the name asked for */
        size_t n = strlen(o->output) + 16;
        tmp = malloc(n);
        if (!tmp)
            return 1;
        snprintf(tmp, n, "%s.part", o->output);
        out = fopen(tmp, "wb");
        if (!out) {
            fprintf(stderr, "weeekd: cannot write %s: %s\n", tmp, strerror(errno));
            free(tmp);
            return 1;
        }
    }
    struct store_pool *pool;
    if (open_store(o->db, &pool)) {
        if (tmp)
            fclose(out), remove(tmp), free(tmp);
        return 1;
    }
    char label[64], token[TOKEN_LEN + 1];
    snprintf(label, sizeof(label), "export %ld.%ld", (long)getpid(), (long)time(NULL));
    int rc = owner_token(pool, o->workspace, label, token);
    char err[512] = "";
    if (!rc) {
        struct client *c = client_local(pool, token);
        rc = !c || port_export(c, out, err, sizeof(err));
        client_free(c);
        revoke_label(pool, label);
        if (rc)
            fprintf(stderr, "weeekd: export failed: %s\n", err[0] ? err : "out of memory");
    }
    store_pool_close(pool);
    if (tmp) {
        if (fclose(out) && !rc) {
            fprintf(stderr, "weeekd: cannot write %s: %s\n", tmp, strerror(errno));
            rc = 1;
        }
        if (!rc && rename(tmp, o->output)) {
            fprintf(stderr, "weeekd: cannot write %s: %s\n", o->output, strerror(errno));
            rc = 1;
        }
        if (rc)
            remove(tmp);
        free(tmp);
    }
    return rc ? 1 : 0;
}

int port_main(int argc, char **argv)
{
    struct popts o = {0};
    int rc = parse(argc, argv, &o);
    if (rc)
        return rc;
    if (!strcmp(argv[0], "export"))
        return do_export(&o);
    return port_import(o.db, o.workspace, o.email, o.input, o.from, o.token, o.concurrency,
                       (int)o.retries, o.replace, o.resume);
}

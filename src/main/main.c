/* main.c — the weeekd binary: argv and environment into settings, then one subcommand:
 * serve, init, member add, token create|list|revoke, migrate, routes. Everything a user
 * types is checked here and explained in one line on stderr; exit codes: 0 success,
 * 1 failure, 2 usage error. */
#include "api/double.h"
#include "api/jsonmem.h"
#include "api/router.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/rand.h"
#include "core/rc.h"
#include "core/str.h"
#include "http/server.h"
#include "main/double_opts.h"
#include "model/token.h"
#include "model/workspace.h"
#include "store/store.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "core/common.h"

#define DEFAULT_DB     "sqlite:weeekd.db"
#define DEFAULT_LISTEN "127.0.0.1:8080"

static struct double_opts dbl; /* the test-double options, taken out of argv first */

static const char usage[] =
    "usage: weeekd <command> [options]\n"
    "\n"
    "commands:\n"
    "  serve        [--db URL] [--listen HOST:PORT] [--threads N] [--max-body BYTES]\n"
    "               [--max-upload BYTES] [--max-request-memory BYTES] [--timeout SECONDS]\n"
    "               [--max-conns N] [--max-conns-per-ip N] [--sync normal|full]\n"
    "               [--log-level LEVEL] [--admin-token TOKEN] [--journal N]\n"
    "               [--rate-limit N] [--cors-origin ORIGIN]...\n"
    "               --admin-token: serve the admin API under /_weeekd/ (a test double:\n"
    "               docs/testing-with-weeekd.md); --journal: requests it keeps for\n"
    "               GET /_weeekd/requests (default 1000, 0 = off); --rate-limit: requests\n"
    "               per token and minute, then 429 (default 0 = no limit);\n"
    "               --cors-origin: a browser origin allowed to call (repeatable, or *)\n"
    "               --max-upload: body cap of file uploads (default 26214400 = 25 MiB);\n"
    "               an upload or download may hold one file in memory on top of\n"
    "               --max-request-memory\n"
    "  init         --db URL --workspace NAME --email EMAIL [--name NAME] [--token wk_...]\n"
    "               create the store if needed and a workspace owned by EMAIL; print a token\n"
    "  member add   --db URL --workspace NAME --email EMAIL [--name NAME]\n"
    "               add a member to a workspace; print their token\n"
    "  token create --db URL --workspace NAME --email EMAIL [--label TEXT]\n"
    "  token list   --db URL\n"
    "  token revoke --db URL ID\n"
    "  migrate      --db URL      apply pending schema migrations and exit\n"
    "  routes                     print the route table (method, path, envelope, handler)\n"
    "  --help, --version\n"
    "\n"
    "URL is sqlite:PATH (default " DEFAULT_DB "), postgresql://USER:PASS@HOST:PORT/DB,\n"
    "or memory: (also sqlite::memory:), an empty store living as long as 'serve'.\n"
    "Environment: WEEEKD_DB, WEEEKD_LISTEN, WEEEKD_THREADS, WEEEKD_MAX_BODY,\n"
    "WEEEKD_LOG_LEVEL, WEEEKD_ADMIN_TOKEN; options win over the environment.\n";

struct opts {
    const char *db, *listen, *workspace, *email, *name, *label, *sync, *log_level;
    const char *positional[4];
    int npositional;
    long threads, max_body, max_upload, max_mem, timeout, max_conns, max_conns_ip;
    int64_t token_id; /* token revoke ID, checked before the store is opened */
};

__attribute__((format(printf, 1, 2))) static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "weeekd: ");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nRun 'weeekd --help' for usage.\n");
    return 2;
}

static int parse_long(const char *name, const char *v, long min, long max, long *out)
{
    int64_t n;
    if (str_to_i64(v, strlen(v), &n) || n < min || n > max) {
        fprintf(stderr, "weeekd: --%s must be an integer between %ld and %ld, not '%s'\n", name,
                min, max, v);
        return -1;
    }
    *out = (long)n;
    return 0;
}

static const char *env_or(const char *name, const char *fallback)
{
    const char *v = getenv(name);
    return v && *v ? v : fallback;
}

static int parse_opts(int argc, char **argv, struct opts *o)
{
    const char *threads = env_or("WEEEKD_THREADS", NULL);
    const char *max_body = env_or("WEEEKD_MAX_BODY", NULL);
    const char *max_upload = NULL, *max_mem = NULL, *timeout = NULL, *max_conns = NULL,
               *max_conns_ip = NULL;
    o->db = env_or("WEEEKD_DB", DEFAULT_DB);
    o->listen = env_or("WEEEKD_LISTEN", DEFAULT_LISTEN);
    o->log_level = env_or("WEEEKD_LOG_LEVEL", "info");
    o->sync = "normal";
    struct {
        const char *name;
        const char **dst;
    } table[] = {
        {"db", &o->db},          {"listen", &o->listen},       {"workspace", &o->workspace},
        {"email", &o->email},    {"name", &o->name},           {"label", &o->label},
        {"sync", &o->sync},      {"log-level", &o->log_level}, {"threads", &threads},
        {"max-body", &max_body}, {"max-upload", &max_upload},  {"max-request-memory", &max_mem},
        {"timeout", &timeout},   {"max-conns", &max_conns},    {"max-conns-per-ip", &max_conns_ip},
    };
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (strncmp(arg, "--", 2) != 0) {
            if (o->npositional == (int)ARRAY_LEN(o->positional))
                return usage_error("unexpected argument '%s'", arg);
            o->positional[o->npositional++] = arg;
            continue;
        }
        const char *key = arg + 2, *eq = strchr(key, '=');
        size_t klen = eq ? (size_t)(eq - key) : strlen(key);
        size_t k;
        for (k = 0; k < ARRAY_LEN(table); k++)
            if (strlen(table[k].name) == klen && strncmp(table[k].name, key, klen) == 0)
                break;
        if (k == ARRAY_LEN(table))
            return usage_error("unknown option '%s'", arg);
        if (eq) {
            *table[k].dst = eq + 1;
        } else {
            if (i + 1 >= argc)
                return usage_error("option '%s' needs a value", arg);
            *table[k].dst = argv[++i];
        }
    }
    o->threads = 4;
    o->max_body = 1 << 20;
    o->max_upload = 25L << 20;
    o->max_mem = ARENA_DEFAULT_LIMIT;
    o->timeout = 30;
    o->max_conns = 1000;
    o->max_conns_ip = 500;
    if ((threads && parse_long("threads", threads, 1, 256, &o->threads)) ||
        (max_body && parse_long("max-body", max_body, 1024, 1L << 30, &o->max_body)) ||
        (max_upload && parse_long("max-upload", max_upload, 1024, 1L << 30, &o->max_upload)) ||
        (max_mem && parse_long("max-request-memory", max_mem, 1 << 20, 1L << 32, &o->max_mem)) ||
        (timeout && parse_long("timeout", timeout, 1, 3600, &o->timeout)) ||
        (max_conns && parse_long("max-conns", max_conns, 1, 100000, &o->max_conns)) ||
        (max_conns_ip && parse_long("max-conns-per-ip", max_conns_ip, 0, 100000, &o->max_conns_ip)))
        return 2;
    if (strcmp(o->sync, "normal") != 0 && strcmp(o->sync, "full") != 0)
        return usage_error("--sync must be 'normal' or 'full', not '%s'", o->sync);
    enum log_level lv;
    if (log_parse_level(o->log_level, &lv))
        return usage_error("--log-level must be debug, info, warn or error, not '%s'",
                           o->log_level);
    log_set_level(lv);
    return 0;
}

static int open_pool(const struct opts *o, int nconn, struct store_pool **pool)
{
    char err[512] = "";
    struct store_opts so = {.nconn = nconn, .sync_full = strcmp(o->sync, "full") == 0};
    int rc = store_pool_open(pool, o->db, &so, err, sizeof(err));
    if (rc)
        fprintf(stderr, "weeekd: %s\n", err[0] ? err : rc_name(rc));
    return rc;
}

static int need(const char *value, const char *opt)
{
    if (!value || !*value) {
        usage_error("this command needs %s", opt);
        return -1;
    }
    return 0;
}

static int check_text(const char *what, const char *v, size_t max)
{
    size_t n = strlen(v);
    if (!utf8_valid(v, n) || utf8_len(v, n) > max) {
        fprintf(stderr, "weeekd: %s must be valid UTF-8 of at most %zu characters\n", what, max);
        return -1;
    }
    return 0;
}

static int check_email(const char *v)
{
    const char *at = strchr(v, '@');
    if (!at || at == v || !at[1] || strchr(at + 1, '@') || strchr(v, ' ')) {
        fprintf(stderr, "weeekd: '%s' is not an email address\n", v);
        return -1;
    }
    return check_text("--email", v, 255);
}

/* Run fn inside one write transaction on a one-connection pool. */
static int with_store(const struct opts *o,
                      int (*fn)(struct store *, struct arena *, const struct opts *))
{
    struct store_pool *pool;
    if (open_pool(o, 1, &pool))
        return 1;
    struct store *st = store_acquire(pool);
    struct arena a;
    arena_init(&a, 0);
    int rc = store_begin(st, TX_WRITE);
    if (rc) {
        fprintf(stderr, "weeekd: cannot start a transaction: %s\n", store_errmsg(st));
    } else {
        rc = fn(st, &a, o);
        if (rc)
            store_rollback(st);
        else if ((rc = store_commit(st)))
            fprintf(stderr, "weeekd: commit failed: %s\n", store_errmsg(st));
    }
    arena_reset(&a);
    store_release(pool, st);
    store_pool_close(pool);
    return rc ? 1 : 0;
}

static int report(struct store *st, int rc, const char *what)
{
    if (rc == RC_STORE || rc == RC_BUSY || rc == RC_INTERNAL)
        fprintf(stderr, "weeekd: %s failed: %s\n", what, store_errmsg(st));
    else if (rc)
        fprintf(stderr, "weeekd: %s failed: %s\n", what, rc_name(rc));
    return rc;
}

static int find_ws(struct store *st, struct arena *a, const char *name, struct workspace *w)
{
    int rc = workspace_find(st, a, name, w);
    if (rc == RC_NOTFOUND)
        fprintf(stderr, "weeekd: no workspace named '%s'\n", name);
    else if (rc)
        report(st, rc, "looking up the workspace");
    return rc;
}

static int issue_and_print(struct store *st, int64_t ws, const char *member, const char *label)
{
    char token[TOKEN_LEN + 1];
    int rc = token_issue(st, ws, member, label, token);
    if (rc)
        return report(st, rc, "issuing a token");
    printf("%s\n", token);
    return RC_OK;
}

static int do_init(struct store *st, struct arena *a, const struct opts *o)
{
    int64_t ws;
    const char *member;
    int rc = workspace_create(st, a, o->workspace, &ws);
    if (rc == RC_CONFLICT) {
        fprintf(stderr, "weeekd: a workspace named '%s' already exists\n", o->workspace);
        return rc;
    }
    if (rc)
        return report(st, rc, "creating the workspace");
    rc = member_add(st, a, ws, o->email, o->name, "owner", &member);
    if (rc)
        return report(st, rc, "adding the owner");
    if (!dbl.token)
        return issue_and_print(st, ws, member, o->label ? o->label : "init");
    rc = token_issue_as(st, ws, member, o->label ? o->label : "init", dbl.token);
    if (rc == RC_CONFLICT)
        fprintf(stderr, "weeekd: that token is already in use\n");
    else if (rc)
        return report(st, rc, "issuing the token");
    else
        printf("%s\n", dbl.token);
    return rc;
}

static int do_member_add(struct store *st, struct arena *a, const struct opts *o)
{
    struct workspace w;
    const char *member;
    int rc = find_ws(st, a, o->workspace, &w);
    if (rc)
        return rc;
    rc = member_add(st, a, w.id, o->email, o->name, "member", &member);
    if (rc == RC_CONFLICT) {
        fprintf(stderr, "weeekd: %s is already a member of '%s'\n", o->email, o->workspace);
        return rc;
    }
    if (rc)
        return report(st, rc, "adding the member");
    return issue_and_print(st, w.id, member, o->label ? o->label : "member add");
}

static int do_token_create(struct store *st, struct arena *a, const struct opts *o)
{
    struct workspace w;
    struct member m;
    int rc = find_ws(st, a, o->workspace, &w);
    if (rc)
        return rc;
    rc = member_find_by_email(st, a, w.id, o->email, &m);
    if (rc == RC_NOTFOUND) {
        fprintf(stderr, "weeekd: %s is not a member of '%s'\n", o->email, o->workspace);
        return rc;
    }
    if (rc)
        return report(st, rc, "looking up the member");
    return issue_and_print(st, w.id, m.id, o->label);
}

static int do_token_list(struct store *st, struct arena *a, const struct opts *o)
{
    (void)o;
    struct token_info *t;
    size_t n;
    int rc = token_list(st, a, &t, &n);
    if (rc)
        return report(st, rc, "listing tokens");
    printf("%-6s %-8s %-20s %-24s %-30s %s\n", "ID", "STATE", "CREATED", "WORKSPACE", "EMAIL",
           "LABEL");
    for (size_t i = 0; i < n; i++) {
        char ts[21];
        clock_iso8601(t[i].created_at, ts);
        printf("%-6lld %-8s %-20s %-24s %-30s %s\n", (long long)t[i].id,
               t[i].revoked_at ? "revoked" : "active", ts, t[i].workspace, t[i].email,
               t[i].label ? t[i].label : "");
    }
    return RC_OK;
}

static int do_token_revoke(struct store *st, struct arena *a, const struct opts *o)
{
    (void)a;
    int64_t id = o->token_id;
    int rc = token_revoke(st, id);
    if (rc == RC_NOTFOUND) {
        fprintf(stderr, "weeekd: no active token with id %lld\n", (long long)id);
        return rc;
    }
    if (rc)
        return report(st, rc, "revoking the token");
    fprintf(stderr, "weeekd: token %lld revoked\n", (long long)id);
    return RC_OK;
}

static int do_nothing(struct store *st, struct arena *a, const struct opts *o)
{
    (void)st;
    (void)a;
    (void)o;
    return RC_OK;
}

/* "HOST:PORT", "[v6]:PORT" or ":PORT" (all interfaces) */
static int split_listen(const char *s, char *host, size_t hostlen, char *port, size_t portlen)
{
    const char *colon = strrchr(s, ':');
    if (!colon || !colon[1] || strlen(colon + 1) >= portlen)
        return -1;
    size_t hl = (size_t)(colon - s);
    const char *h = s;
    if (hl >= 2 && s[0] == '[' && s[hl - 1] == ']') {
        h++;
        hl -= 2;
    }
    if (hl >= hostlen)
        return -1;
    if (hl == 0) {
        snprintf(host, hostlen, "0.0.0.0");
    } else {
        memcpy(host, h, hl);
        host[hl] = '\0';
    }
    snprintf(port, portlen, "%s", colon + 1);
    int64_t p;
    if (str_to_i64(port, strlen(port), &p) || p < 0 || p > 65535)
        return -1;
    return 0;
}

static int do_serve(const struct opts *o)
{
    char host[256], port[8];
    if (split_listen(o->listen, host, sizeof(host), port, sizeof(port)))
        return usage_error("--listen must be HOST:PORT, not '%s'", o->listen);
    /* Block the stop signals before any thread starts, so only sigwait() below sees them. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct store_pool *pool;
    if (open_pool(o, (int)o->threads, &pool))
        return 1;
    struct app app = {.pool = pool,
                      .admin_token = dbl.admin_token,
                      .td = tdouble_new(dbl.journal, dbl.rate_limit),
                      .cors = dbl.cors.n ? &dbl.cors : NULL};
    if (!app.td) {
        fprintf(stderr, "weeekd: out of memory for a journal of %ld requests\n", dbl.journal);
        store_pool_close(pool);
        return 1;
    }
    struct http_config cfg = {
        .host = host,
        .port = port,
        .threads = (unsigned)o->threads,
        .max_body = (size_t)o->max_body,
        .max_upload = (size_t)o->max_upload,
        .arena_limit = (size_t)o->max_mem,
        .conn_timeout_s = (unsigned)o->timeout,
        .max_conns = (unsigned)o->max_conns,
        .max_conns_per_ip = (unsigned)o->max_conns_ip,
        .drain_s = 10,
        .dispatch = double_dispatch,
        .classify = router_classify,
        .admit = router_admit,
        .ctx = &app,
    };
    struct http_server *srv;
    char err[512] = "";
    if (http_start(&srv, &cfg, err, sizeof(err))) {
        fprintf(stderr, "weeekd: %s\n", err);
        store_pool_close(pool);
        tdouble_free(app.td);
        return 1;
    }
    log_info("weeekd %s serving %s store", WEEEKD_VERSION, store_pool_driver(pool));
    int sig = 0;
    sigwait(&set, &sig);
    log_info("received %s, draining in-flight requests", sig == SIGINT ? "SIGINT" : "SIGTERM");
    http_stop(srv);
    store_pool_close(pool);
    tdouble_free(app.td);
    log_info("stopped");
    return 0;
}

static int print_routes(void)
{
    for (size_t i = 0; i < routes_count; i++) {
        const struct route *r = &routes[i];
        printf("%s\t%s%s\t%s\t%s\t%s%s%s%s%s%s%s%s\n", r->method,
               (r->flags & R_ROOT) ? "" : API_PREFIX, r->path, r->envelope ? r->envelope : "-",
               r->handler_name, (r->flags & R_WRITE) ? "write" : "read",
               (r->flags & R_NOAUTH) ? ",noauth" : "", (r->flags & R_EXTRA) ? ",extra" : "",
               (r->flags & R_NOSTORE) ? ",nostore" : "", (r->flags & R_NF400) ? ",nf400" : "",
               (r->flags & R_UPLOAD) ? ",upload" : "", (r->flags & R_DOWNLOAD) ? ",download" : "",
               (r->flags & R_ADMIN) ? ",admin" : "");
    }
    return 0;
}

int main(int argc, char **argv)
{
    jsonmem_install();
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("weeekd %s\n", WEEEKD_VERSION);
        return 0;
    }
    struct opts o = {0};
    int prc = double_opts_take(&argc, argv, &dbl);
    if (!prc)
        prc = parse_opts(argc - 1, argv + 1, &o);
    if (prc)
        return prc;
    if (o.npositional == 0)
        return usage_error("%s", "no command given");
    const char *cmd = o.positional[0];
    const char *sub = o.npositional > 1 ? o.positional[1] : "";
    if (strcmp(cmd, "serve") == 0)
        return do_serve(&o);
    if (strcmp(cmd, "routes") == 0)
        return print_routes();
    if (store_url_is_memory(o.db))
        return usage_error("%s",
                           "an in-memory store lives only inside 'weeekd serve': create "
                           "workspaces there with --admin-token and POST /_weeekd/workspaces");
    if (strcmp(cmd, "migrate") == 0)
        return with_store(&o, do_nothing);
    bool creates_member =
        strcmp(cmd, "init") == 0 || (strcmp(cmd, "member") == 0 && !strcmp(sub, "add"));
    bool token_create = strcmp(cmd, "token") == 0 && strcmp(sub, "create") == 0;
    if (creates_member || token_create) {
        if (need(o.workspace, "--workspace NAME") || need(o.email, "--email EMAIL") ||
            check_text("--workspace", o.workspace, WORKSPACE_TITLE_MAX) || check_email(o.email) ||
            (o.name && check_text("--name", o.name, 255)) ||
            (o.label && check_text("--label", o.label, 255)))
            return 2;
        if (dbl.token && (strcmp(cmd, "init") != 0 || !token_valid(dbl.token)))
            return usage_error("%s", strcmp(cmd, "init") != 0
                                         ? "--token is for init only"
                                         : "--token must look like a generated token: \"wk_\" "
                                           "and 43 letters or digits");
        if (strcmp(cmd, "init") == 0)
            return with_store(&o, do_init);
        if (strcmp(cmd, "member") == 0)
            return with_store(&o, do_member_add);
        return with_store(&o, do_token_create);
    }
    if (strcmp(cmd, "token") == 0 && strcmp(sub, "list") == 0)
        return with_store(&o, do_token_list);
    if (strcmp(cmd, "token") == 0 && strcmp(sub, "revoke") == 0) {
        if (o.npositional < 3)
            return usage_error("%s", "token revoke needs a token ID (see 'weeekd token list')");
        const char *arg = o.positional[2];
        if (str_to_i64(arg, strlen(arg), &o.token_id) || o.token_id <= 0)
            return usage_error("token ID must be a positive integer, not '%s'", arg);
        return with_store(&o, do_token_revoke);
    }
    if (strcmp(cmd, "member") == 0 || strcmp(cmd, "token") == 0)
        return usage_error("unknown subcommand '%s'", sub);
    return usage_error("unknown command '%s'", cmd);
}

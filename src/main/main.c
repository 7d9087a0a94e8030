/* main.c — the weeekd binary: the configuration file, the environment and argv into
 * settings, then one subcommand: serve, init, member add, token create|list|revoke,
 * migrate, backup, restore, routes; export and import; the
 * test-double options of serve are read by main/double_opts.c. Everything a user types is checked
 * here and explained in one line on stderr; exit codes: 0 success, 1 failure, 2 usage error. */
#include "api/double/double.h"
#include "api/pipeline/jsonmem.h"
#include "api/pipeline/router.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/rand.h"
#include "core/rc.h"
#include "core/str.h"
#include "http/metrics.h"
#include "http/server.h"
#include "main/config.h"
#include "main/notify.h"
#include "main/double_opts.h"
#include "model/token.h"
#include "model/workspace.h"
#include "port/port.h"
#include "port/seed.h"
#include "store/store.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
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
    "               [--log-level LEVEL] [--log-format text|json] [--metrics-listen HOST:PORT]\n"
    "               [--admin-token TOKEN] [--journal N] [--rate-limit N]\n"
    "               [--cors-origin ORIGIN]...\n"
    "               --admin-token: serve the admin API under /_weeekd/ (a test double:\n"
    "               docs/testing-with-weeekd.md); --journal: requests it keeps for\n"
    "               GET /_weeekd/requests (default 1000, 0 = off); --rate-limit: requests\n"
    "               per token and minute, then 429 (default 0 = no limit);\n"
    "               --cors-origin: a browser origin allowed to call (repeatable, or *)\n"
    "               --max-upload: body cap of file uploads (default 26214400 = 25 MiB);\n"
    "               an upload or download may hold one file in memory on top of\n"
    "               --max-request-memory\n"
    "  init         --db URL --workspace NAME --email EMAIL [--name NAME] [--token wk_...]\n"
    "               [--seed empty|demo|demo-en]\n"
    "               create the store if needed and a workspace owned by EMAIL; print a token\n"
    "  member add   --db URL --workspace NAME --email EMAIL [--name NAME]\n"
    "               add a member to a workspace; print their token\n"
    "  token create --db URL --workspace NAME --email EMAIL [--label TEXT]\n"
    "  token list   --db URL\n"
    "  token revoke --db URL ID\n"
    "  migrate      --db URL      create the store if needed, apply pending migrations, exit\n"
    "  backup       --db URL FILE copy the SQLite store into FILE while it serves\n"
    "  restore      --db URL FILE replace the SQLite store with the backup FILE\n"
    "  routes                     print the route table (method, path, envelope, handler)\n"
    "  export       --db URL --workspace NAME [--output FILE]\n"
    "               write the whole workspace as one JSON document (docs/export-format.md)\n"
    "  import       --db URL --workspace NAME --email EMAIL --input FILE [--replace] [--resume]\n"
    "  import       --db URL --workspace NAME --email EMAIL --from BASE_URL --token TOKEN\n"
    "               [--concurrency N] [--retries N] [--replace] [--resume]\n"
    "               create the workspace from a document or a Weeek API, EMAIL as owner;\n"
    "               print a token\n"
    "  --help, --version          'weeekd COMMAND --help' explains one command\n"
    "\n"
    "URL is sqlite:PATH (default " DEFAULT_DB "), postgresql://USER@HOST:PORT/DB, or memory:\n"
    "(also sqlite::memory:), an empty store living as long as 'serve'.\n"
    "Every serve option (and --db) can also come from the environment, WEEEKD_ and the\n"
    "name in capitals with '_' for '-' (WEEEKD_DB, WEEEKD_MAX_BODY), or from the\n"
    "configuration file, --config FILE or WEEEKD_CONFIG (default " CONFIG_DEFAULT_PATH "\n"
    "when it exists), as 'key = value' lines with the option names (db = sqlite:...).\n"
    "The command line wins over the environment, which wins over the file.\n";

/* `weeekd COMMAND [SUB] --help`; the second column is the subcommand ("" for none). */
static const struct {
    const char *cmd, *sub, *text;
} helps[] = {
    {"serve", "",
     "usage: weeekd serve [--db URL] [--listen HOST:PORT] [options]\n"
     "Serve the Weeek Public API v1 on HOST:PORT (default " DEFAULT_LISTEN ") from the store\n"
     "at URL, which must exist (create it with 'weeekd init'). Prints 'listening on\n"
     "HOST:PORT' on stdout once it accepts connections; SIGINT/SIGTERM stop it after the\n"
     "requests in flight. Logs go to stderr.\n"
     "  --db URL                    sqlite:PATH or postgresql://USER@HOST:PORT/DB\n"
     "  --listen HOST:PORT          [::1]:8080 for IPv6, :8080 for every interface\n"
     "  --threads N                 worker threads and store connections (4)\n"
     "  --max-body BYTES            request body cap (1048576)\n"
     "  --max-upload BYTES          body cap of file uploads (26214400)\n"
     "  --max-request-memory BYTES  per-request memory cap (16777216)\n"
     "  --timeout SECONDS           idle connection timeout (30)\n"
     "  --max-conns N               open connections in total (1000)\n"
     "  --max-conns-per-ip N        open connections per client address (500; 0 = no cap)\n"
     "  --sync normal|full          SQLite synchronous (normal)\n"
     "  --log-level LEVEL           debug, info, warn or error (info)\n"
     "  --log-format text|json      one line per event, as text or as a JSON object (text)\n"
     "  --metrics-listen HOST:PORT  serve GET /metrics there instead of on --listen\n"
     "  --config FILE               read 'key = value' settings (" CONFIG_DEFAULT_PATH ")\n"
     "GET /healthz answers while the process lives, GET /readyz once the store answers\n"
     "with every migration applied, GET /metrics in the Prometheus text format.\n"},
    {"init", "",
     "usage: weeekd init --db URL --workspace NAME --email EMAIL [--name NAME] [--label TEXT]\n"
     "                   [--token wk_...] [--seed empty|demo|demo-en]\n"
     "Create the store if it does not exist, apply migrations, create the workspace NAME\n"
     "owned by EMAIL, and print the owner's API token (the only line on stdout).\n"
     "--seed demo (names in Russian) or demo-en (in English) fills it with a demo: two\n"
     "projects, 40 tasks, a CRM funnel with 20 deals and four more members; default empty.\n"},
    {"member", "",
     "usage: weeekd member add --db URL --workspace NAME --email EMAIL [--name NAME]\n"
     "subcommands:\n"
     "  add    add a member to a workspace and print their API token\n"},
    {"member", "add",
     "usage: weeekd member add --db URL --workspace NAME --email EMAIL [--name NAME]\n"
     "       [--label TEXT]\n"
     "Add EMAIL as a member of the workspace NAME and print their API token.\n"},
    {"token", "",
     "usage: weeekd token create|list|revoke --db URL ...\n"
     "subcommands:\n"
     "  create --workspace NAME --email EMAIL [--label TEXT]   issue a token, print it\n"
     "  list                                                   every token, active or not\n"
     "  revoke ID                                              revoke token ID (see list)\n"},
    {"token", "create",
     "usage: weeekd token create --db URL --workspace NAME --email EMAIL [--label TEXT]\n"
     "Issue a new API token for the member EMAIL of the workspace NAME and print it (only\n"
     "its hash is stored, so it cannot be shown again).\n"},
    {"token", "list",
     "usage: weeekd token list --db URL\n"
     "Print every token: ID, STATE (active or revoked), CREATED, WORKSPACE, EMAIL, LABEL.\n"},
    {"token", "revoke",
     "usage: weeekd token revoke --db URL ID\n"
     "Revoke the token with the id ID (the first column of 'weeekd token list').\n"},
    {"migrate", "",
     "usage: weeekd migrate --db URL\n"
     "Create the store if it does not exist and apply every pending schema migration.\n"},
    {"backup", "",
     "usage: weeekd backup --db sqlite:PATH FILE\n"
     "Copy the SQLite store into the new file FILE with SQLite's online backup API: a\n"
     "consistent copy while weeekd serves. FILE must not exist. For a PostgreSQL store it\n"
     "prints the pg_dump command to use instead, and exits 1.\n"},
    {"restore", "",
     "usage: weeekd restore --db sqlite:PATH FILE\n"
     "Replace the SQLite store at PATH (created if missing) with the backup FILE made by\n"
     "'weeekd backup'. Stop 'weeekd serve' on that store first. For a PostgreSQL store it\n"
     "prints the pg_restore command to use instead, and exits 1.\n"},
    {"routes", "",
     "usage: weeekd routes\n"
     "Print the route table: method, path, envelope key, handler and flags, tab-separated.\n"},
};

/* The help of cmd (and sub when it has one of its own); -1 for an unknown command. */
static int print_help(const char *cmd, const char *sub, FILE *out)
{
    int found = -1;
    for (size_t i = 0; i < ARRAY_LEN(helps); i++) {
        if (strcmp(helps[i].cmd, cmd) != 0)
            continue;
        if (found < 0 && !helps[i].sub[0])
            found = (int)i;
        if (sub && strcmp(helps[i].sub, sub) == 0 && helps[i].sub[0])
            found = (int)i;
    }
    if (found < 0)
        return -1;
    fputs(helps[found].text, out);
    return 0;
}

struct opts {
    const char *db, *listen, *workspace, *email, *name, *label, *sync, *log_level;
    const char *log_format, *metrics_listen, *config;
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

/* Every option: its name and where its value goes; a setting (every serve option and
 * --db) may also come from the environment and the configuration file. */
struct optdef {
    const char *name;
    const char **dst;
    bool setting;
};

struct raw_opts {
    struct optdef table[19];
    size_t n;
    const char *threads, *max_body, *max_upload, *max_mem, *timeout, *max_conns, *max_conns_ip;
};

static void define_opts(struct opts *o, struct raw_opts *r)
{
    const struct optdef t[] = {
        {"db", &o->db, true},
        {"listen", &o->listen, true},
        {"threads", &r->threads, true},
        {"max-body", &r->max_body, true},
        {"max-upload", &r->max_upload, true},
        {"max-request-memory", &r->max_mem, true},
        {"timeout", &r->timeout, true},
        {"max-conns", &r->max_conns, true},
        {"max-conns-per-ip", &r->max_conns_ip, true},
        {"sync", &o->sync, true},
        {"log-level", &o->log_level, true},
        {"log-format", &o->log_format, true},
        {"metrics-listen", &o->metrics_listen, true},
        {"workspace", &o->workspace, false},
        {"email", &o->email, false},
        {"name", &o->name, false},
        {"label", &o->label, false},
        {"config", &o->config, false},
    };
    _Static_assert(ARRAY_LEN(t) <= ARRAY_LEN(r->table), "raw_opts.table is too small");
    memcpy(r->table, t, sizeof(t));
    r->n = ARRAY_LEN(t);
}

static const struct optdef *find_opt(const struct raw_opts *r, const char *key, size_t klen)
{
    for (size_t k = 0; k < r->n; k++)
        if (strlen(r->table[k].name) == klen && strncmp(r->table[k].name, key, klen) == 0)
            return &r->table[k];
    return NULL;
}

static int set_from_file(void *ctx, const char *key, const char *value, const char *where)
{
    const struct optdef *d = find_opt(ctx, key, strlen(key));
    if (!d || !d->setting) {
        fprintf(stderr,
                "weeekd: %s: unknown setting '%s' (settings are the serve options "
                "and db, without '--')\n",
                where, key);
        return 2;
    }
    *d->dst = value;
    return 0;
}

/* The configuration file named on the command line (--config FILE or --config=FILE), else
 * by WEEEKD_CONFIG, else the default one when it exists; NULL for none. */
static const char *config_path(int argc, char **argv)
{
    const char *path = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
            path = argv[++i];
        else if (strncmp(argv[i], "--config=", 9) == 0)
            path = argv[i] + 9;
    }
    if (path)
        return path;
    path = getenv("WEEEKD_CONFIG");
    if (path && *path)
        return path;
    return access(CONFIG_DEFAULT_PATH, F_OK) == 0 ? CONFIG_DEFAULT_PATH : NULL;
}

/* WEEEKD_ and the option's name in capitals, '-' as '_' */
static const char *env_of(const char *name)
{
    char var[64] = "WEEEKD_";
    size_t n = strlen(var);
    for (const char *p = name; *p && n + 1 < sizeof(var); p++)
        var[n++] = *p == '-' ? '_' : (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
    var[n] = '\0';
    const char *v = getenv(var);
    return v && *v ? v : NULL;
}

static int parse_opts(int argc, char **argv, struct opts *o)
{
    struct raw_opts r = {0};
    define_opts(o, &r);
    o->db = DEFAULT_DB;
    o->listen = DEFAULT_LISTEN;
    o->log_level = "info";
    o->log_format = "text";
    o->sync = "normal";
    /* lowest first: the file, then the environment, then the command line */
    const char *cfg = config_path(argc, argv);
    if (cfg) {
        int rc = config_read(cfg, set_from_file, &r);
        if (rc)
            return 2;
    }
    for (size_t k = 0; k < r.n; k++) {
        const char *v = r.table[k].setting ? env_of(r.table[k].name) : NULL;
        if (v)
            *r.table[k].dst = v;
    }
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
        const struct optdef *d = find_opt(&r, key, klen);
        if (!d)
            return usage_error("unknown option '%s'", arg);
        if (eq) {
            *d->dst = eq + 1;
        } else {
            if (i + 1 >= argc)
                return usage_error("option '%s' needs a value", arg);
            *d->dst = argv[++i];
        }
    }
    o->threads = 4;
    o->max_body = 1 << 20;
    o->max_upload = 25L << 20;
    o->max_mem = ARENA_DEFAULT_LIMIT;
    o->timeout = 30;
    o->max_conns = 1000;
    o->max_conns_ip = 500;
    if ((r.threads && parse_long("threads", r.threads, 1, 256, &o->threads)) ||
        (r.max_body && parse_long("max-body", r.max_body, 1024, 1L << 30, &o->max_body)) ||
        (r.max_upload && parse_long("max-upload", r.max_upload, 1024, 1L << 30, &o->max_upload)) ||
        (r.max_mem &&
         parse_long("max-request-memory", r.max_mem, 1 << 20, 1L << 32, &o->max_mem)) ||
        (r.timeout && parse_long("timeout", r.timeout, 1, 3600, &o->timeout)) ||
        (r.max_conns && parse_long("max-conns", r.max_conns, 1, 100000, &o->max_conns)) ||
        (r.max_conns_ip &&
         parse_long("max-conns-per-ip", r.max_conns_ip, 0, 100000, &o->max_conns_ip)))
        return 2;
    if (strcmp(o->sync, "normal") != 0 && strcmp(o->sync, "full") != 0)
        return usage_error("--sync must be 'normal' or 'full', not '%s'", o->sync);
    enum log_level lv;
    if (log_parse_level(o->log_level, &lv))
        return usage_error("--log-level must be debug, info, warn or error, not '%s'",
                           o->log_level);
    log_set_level(lv);
    enum log_format lf;
    if (log_parse_format(o->log_format, &lf))
        return usage_error("--log-format must be text or json, not '%s'", o->log_format);
    log_set_format(lf);
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

/* Decision: what the CLI stores is shown by `token list` one row a line and by the API:
 * no control character (C0, DEL, C1) may enter it (a newline in an e-mail forged a row) */
static bool has_control(const char *v)
{
    const unsigned char *p = (const unsigned char *)v;
    for (; *p; p++)
        if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
            return true;
    return false;
}

static int check_text(const char *what, const char *v, size_t max)
{
    size_t n = strlen(v);
    if (!utf8_valid(v, n) || utf8_len(v, n) > max || has_control(v)) {
        fprintf(stderr,
                "weeekd: %s must be valid UTF-8 of at most %zu characters, without control "
                "characters\n",
                what, max);
        return -1;
    }
    return 0;
}

/* The rule the API applies to e-mails (api/crm/crm_book.c): one '@' with something before
 * it and a domain after it holding a dot neither first nor last; no spaces. The value is
 * not echoed: it may hold what a terminal or a log should not show. */
static int check_email(const char *v)
{
    if (check_text("--email", v, 255))
        return -1;
    const char *at = strchr(v, '@');
    const char *dot = at ? strchr(at + 1, '.') : NULL;
    size_t dn = at ? strlen(at + 1) : 0;
    if (!at || at == v || !dn || strchr(at + 1, '@') || strpbrk(v, " \t") || !dot || at[1] == '.' ||
        at[dn] == '.') {
        fprintf(stderr, "weeekd: --email is not an email address\n");
        return -1;
    }
    return 0;
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

/* init --seed: the workspace and its owner's token, printed once the seed is in */
static int64_t init_ws;
static char init_token[TOKEN_LEN + 1];

static int do_init(struct store *st, struct arena *a, const struct opts *o)
{
    int64_t ws;
    const char *member;
    bool seeding = dbl.seed && strcmp(dbl.seed, "empty") != 0;
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
    if (!dbl.token && !seeding)
        return issue_and_print(st, ws, member, o->label ? o->label : "init");
    if (dbl.token)
        rc = token_issue_as(st, ws, member, o->label ? o->label : "init", dbl.token);
    else
        rc = token_issue(st, ws, member, o->label ? o->label : "init", init_token);
    if (rc == RC_CONFLICT)
        fprintf(stderr, "weeekd: that token is already in use\n");
    else if (rc)
        return report(st, rc, "issuing the token");
    else if (seeding && dbl.token)
        snprintf(init_token, sizeof(init_token), "%s", dbl.token);
    else if (!seeding)
        printf("%s\n", dbl.token);
    init_ws = ws;
    return rc;
}

static int do_delete_init_ws(struct store *st, struct arena *a, const struct opts *o)
{
    (void)a;
    (void)o;
    return workspace_delete(st, init_ws);
}

/* Decision: init --seed is all or nothing: the workspace is created and committed first
 * (the seed writes through the API in process, which needs its token to work), and
 * removed again when the seed fails, so a failed init leaves no half-filled workspace. */
static int init_seeded(const struct opts *o)
{
    int rc = with_store(o, do_init);
    if (rc || !dbl.seed || !strcmp(dbl.seed, "empty"))
        return rc;
    struct store_pool *pool;
    if (open_pool(o, 1, &pool))
        return 1;
    char err[1024] = "";
    rc = seed_apply(pool, init_ws, dbl.seed, o->email, init_token, err, sizeof(err));
    store_pool_close(pool);
    if (rc) {
        fprintf(stderr, "weeekd: seeding '%s' failed: %s\n", dbl.seed, err);
        with_store(o, do_delete_init_ws);
        return 1;
    }
    printf("%s\n", init_token);
    return 0;
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

/* Decision: every command but init, migrate and restore needs an SQLite store that exists:
 * opening one creates the file, so a typo in --db used to serve an empty store where every
 * token got 401 and nothing said why (issue 15) */
static int need_existing_store(const struct opts *o)
{
    char path[4096];
    /* a memory store is made empty by serve itself: there is nothing to find */
    if (store_url_is_memory(o->db) || !store_sqlite_path(o->db, path, sizeof(path)) ||
        access(path, F_OK) == 0)
        return 0;
    fprintf(stderr,
            "weeekd: no store at %s: create it with 'weeekd init --db %s --workspace NAME "
            "--email EMAIL'\n",
            path, o->db);
    return 1;
}

static void app_counters(struct metrics_store *out)
{
    struct store_stats ss;
    store_stats(&ss);
    *out = (struct metrics_store){ss.errors,       ss.busy,        ss.reconnects, ss.pool_waits,
                                  ss.pool_wait_ns, ss.round_trips, ss.write_txs,  ss.commits};
}

static int app_ready(void *ctx, char *why, size_t whylen)
{
    const struct app *app = ctx;
    return store_ready(app->pool, why, whylen);
}

static int do_serve(const struct opts *o)
{
    char host[256], port[8], mhost[256], mport[8];
    if (split_listen(o->listen, host, sizeof(host), port, sizeof(port)))
        return usage_error("--listen must be HOST:PORT, not '%s'", o->listen);
    if (o->metrics_listen && *o->metrics_listen &&
        split_listen(o->metrics_listen, mhost, sizeof(mhost), mport, sizeof(mport)))
        return usage_error("--metrics-listen must be HOST:PORT, not '%s'", o->metrics_listen);
    if (need_existing_store(o))
        return 1;
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
                      .cors = dbl.cors.n ? &dbl.cors : NULL,
                      .seed = seed_apply,
                      .seeds = seed_names};
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
        .ready = app_ready,
        .counters = app_counters,
        .ctx = &app,
        .nroutes = routes_count,
        .store = store_pool_driver(pool),
        .metrics_host = o->metrics_listen && *o->metrics_listen ? mhost : NULL,
        .metrics_port = mport,
    };
    struct http_server *srv;
    char err[512] = "";
    if (http_start(&srv, &cfg, err, sizeof(err))) {
        fprintf(stderr, "weeekd: %s\n", err);
        store_pool_close(pool);
        tdouble_free(app.td);
        return 1;
    }
    /* Type=notify under systemd: ready once the socket listens */
    if (notify_systemd("READY=1\nSTATUS=serving"))
        log_warn("cannot tell systemd that weeekd is ready ($NOTIFY_SOCKET)");
    int sig = 0;
    sigwait(&set, &sig);
    log_info("received %s, draining in-flight requests", sig == SIGINT ? "SIGINT" : "SIGTERM");
    notify_systemd("STOPPING=1");
    http_stop(srv);
    store_pool_close(pool);
    tdouble_free(app.td);
    log_info("stopped");
    return 0;
}

/* a word for a POSIX shell: single-quoted, with each ' as '\'' */
static void put_quoted(const char *s)
{
    putchar('\'');
    for (; *s; s++) {
        if (*s == '\'')
            fputs("'\\''", stdout);
        else
            putchar(*s);
    }
    putchar('\'');
}

/* weeekd backup|restore --db URL FILE */
static int do_copy(const struct opts *o, bool restore)
{
    const char *cmd = restore ? "restore" : "backup";
    if (o->npositional != 2)
        return usage_error("%s needs one FILE (weeekd %s --db URL FILE)", cmd, cmd);
    const char *file = o->positional[1];
    char path[4096];
    if (!store_sqlite_path(o->db, path, sizeof(path))) {
        /* Decision: PostgreSQL has its own tools for a consistent dump; print the line
         * to run and exit 1, since nothing was copied */
        if (strncmp(o->db, "postgres", 8) != 0) {
            fprintf(stderr, "weeekd: unsupported database URL '%s'\n", o->db);
            return 1;
        }
        fputs(restore ? "pg_restore --clean --if-exists --no-owner --dbname="
                      : "pg_dump --format=custom --dbname=",
              stdout);
        put_quoted(o->db);
        fputs(restore ? " " : " --file=", stdout);
        put_quoted(file);
        putchar('\n');
        fprintf(stderr, "weeekd: %s of a PostgreSQL store is %s's job: run the line above\n", cmd,
                restore ? "pg_restore" : "pg_dump");
        return 1;
    }
    if (!restore && need_existing_store(o))
        return 1;
    if (!restore && access(file, F_OK) == 0) {
        fprintf(stderr, "weeekd: %s exists; remove it or name a new file\n", file);
        return 1;
    }
    char err[512] = "";
    int rc = restore ? store_restore(o->db, file, err, sizeof(err))
                     : store_backup(o->db, file, err, sizeof(err));
    if (rc) {
        fprintf(stderr, "weeekd: %s failed: %s\n", cmd, err[0] ? err : rc_name(rc));
        return 1;
    }
    fprintf(stderr, "weeekd: %s %s %s\n", restore ? "restored" : "backed up", path,
            restore ? "from" : "into");
    return 0;
}

static int print_routes(void)
{
    for (size_t i = 0; i < routes_count; i++) {
        const struct route *r = &routes[i];
        printf("%s\t%s%s\t%s\t%s\t%s%s%s%s%s%s%s%s%s\n", r->method,
               (r->flags & R_ROOT) ? "" : API_PREFIX, r->path, r->envelope ? r->envelope : "-",
               r->handler_name, (r->flags & R_WRITE) ? "write" : "read",
               (r->flags & R_NOAUTH) ? ",noauth" : "", (r->flags & R_EXTRA) ? ",extra" : "",
               (r->flags & R_NOSTORE) ? ",nostore" : "", (r->flags & R_NF400) ? ",nf400" : "",
               (r->flags & R_UPLOAD) ? ",upload" : "", (r->flags & R_DOWNLOAD) ? ",download" : "",
               (r->flags & R_NOSUCCESS) ? ",nosuccess" : "", (r->flags & R_ADMIN) ? ",admin" : "");
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
    /* weeekd COMMAND [SUB] ... --help */
    for (int i = 2; argv[1][0] != '-' && i < argc; i++) {
        if (strcmp(argv[i], "--help") != 0 && strcmp(argv[i], "-h") != 0)
            continue;
        const char *sub = argc > 2 && argv[2][0] != '-' ? argv[2] : NULL;
        if (print_help(argv[1], sub, stdout))
            return usage_error("unknown command '%s'", argv[1]);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("weeekd %s\n", WEEEKD_VERSION);
        return 0;
    }
    if (port_is_command(argv[1]))
        return port_main(argc - 1, argv + 1);
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
    if (dbl.seed && strcmp(cmd, "init") != 0)
        return usage_error("%s", "--seed is for init only");
    if (dbl.seed && !seed_known(dbl.seed))
        return usage_error("--seed must be empty, demo or demo-en, not '%s'", dbl.seed);
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
    if (strcmp(cmd, "backup") == 0 || strcmp(cmd, "restore") == 0)
        return do_copy(&o, strcmp(cmd, "restore") == 0);
    if ((strcmp(cmd, "member") == 0 || strcmp(cmd, "token") == 0) && !sub[0]) {
        fprintf(stderr, "weeekd: '%s' needs a subcommand\n", cmd);
        print_help(cmd, NULL, stderr);
        return 2;
    }
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
            return init_seeded(&o);
        if (need_existing_store(&o))
            return 1;
        if (strcmp(cmd, "member") == 0)
            return with_store(&o, do_member_add);
        return with_store(&o, do_token_create);
    }
    if (strcmp(cmd, "token") == 0 && strcmp(sub, "list") == 0)
        return need_existing_store(&o) ? 1 : with_store(&o, do_token_list);
    if (strcmp(cmd, "token") == 0 && strcmp(sub, "revoke") == 0) {
        if (o.npositional < 3)
            return usage_error("%s", "token revoke needs a token ID (see 'weeekd token list')");
        const char *arg = o.positional[2];
        if (str_to_i64(arg, strlen(arg), &o.token_id) || o.token_id <= 0)
            return usage_error("token ID must be a positive integer, not '%s'", arg);
        return need_existing_store(&o) ? 1 : with_store(&o, do_token_revoke);
    }
    if (strcmp(cmd, "member") == 0 || strcmp(cmd, "token") == 0)
        return usage_error("unknown subcommand '%s'", sub);
    return usage_error("unknown command '%s'", cmd);
}

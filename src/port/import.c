/* import.c — `weeekd import` (import.h): prepares the target workspace and its owner in the
 * store (the model, as `init` does), then feeds a document (docread.h) object by object to
 * the writer (writer.h), which writes through the API in process. With --from the document
 * is first read from the source API into a temporary file by the exporter itself over an
 * HTTP client (client_http.c): one traversal of the API for both, memory flat, and nothing
 * written to the store until the source has been read whole. The owner's token is printed
 * only when everything is in. */
#include "port/import.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/rc.h"
#include "model/import_map.h"
#include "model/token.h"
#include "model/workspace.h"
#include "port/client.h"
#include "port/docread.h"
#include "port/export.h"
#include "port/writer.h"
#include "store/store.h"
#include "core/common.h"

/* A client writing as one member of the target (writer_set_author). */
struct author {
    char member[UUID_LEN + 1];
    struct client *c;
};

struct target {
    struct store_pool *pool;
    struct client *owner_client;
    struct author *authors;
    size_t nauthors;
    char author_label[64]; /* of the authors' tokens, revoked at the end */
    int64_t ws;
    const char *workspace, *email;
    bool replace, resume;
    char owner[UUID_LEN + 1];
    char token[TOKEN_LEN + 1];
};

/* fn inside one write transaction. */
static int in_tx(struct target *t,
                 int (*fn)(struct store *, struct arena *, struct target *, void *), void *arg)
{
    struct store *st = store_acquire(t->pool);
    struct arena a;
    arena_init(&a, 0);
    int rc = store_begin(st, TX_WRITE);
    if (!rc) {
        rc = fn(st, &a, t, arg);
        if (rc)
            store_rollback(st);
        else
            rc = store_commit(st);
    }
    if (rc && rc != RC_CONFLICT)
        fprintf(stderr, "weeekd: store: %s %s\n", rc_name(rc), store_errmsg(st));
    arena_reset(&a);
    store_release(t->pool, st);
    return rc;
}

/* --resume: the workspace an earlier run created, EMAIL its member, the id map it recorded
 * loaded into the writer (arg). */
static int reopen(struct store *st, struct arena *a, struct target *t, void *arg)
{
    struct workspace w;
    struct member m;
    int rc = workspace_find(st, a, t->workspace, &w);
    if (rc == RC_NOTFOUND) {
        fprintf(stderr, "weeekd: --resume: no workspace named '%s' to resume\n", t->workspace);
        return RC_CONFLICT;
    }
    if (!rc)
        rc = member_find_by_email(st, a, w.id, t->email, &m);
    if (rc == RC_NOTFOUND) {
        fprintf(stderr, "weeekd: --resume: %s is not a member of '%s'\n", t->email, t->workspace);
        return RC_CONFLICT;
    }
    struct import_map_row *rows = NULL;
    size_t n = 0;
    if (!rc)
        rc = import_map_list(st, a, w.id, &rows, &n);
    for (size_t i = 0; !rc && i < n; i++)
        if (writer_load(arg, rows[i].kind, rows[i].source_id, rows[i].target_id))
            rc = RC_INTERNAL;
    if (!rc) {
        t->ws = w.id;
        snprintf(t->owner, sizeof(t->owner), "%s", m.id);
        rc = token_issue(st, t->ws, m.id, "import", t->token);
        fprintf(stderr, "weeekd: resuming: %zu objects already imported\n", n);
    }
    return rc;
}

struct map_entry {
    const char *kind, *source, *target;
};

static int record_tx(struct store *st, struct arena *a, struct target *t, void *arg)
{
    (void)a;
    struct map_entry *e = arg;
    return import_map_put(st, t->ws, e->kind, e->source, e->target);
}

static int record(void *ctx, const char *kind, const char *source, const char *target)
{
    struct map_entry e = {kind, source, target};
    return in_tx(ctx, record_tx, &e) ? -1 : 0;
}

static int prepare(struct store *st, struct arena *a, struct target *t, void *arg)
{
    (void)arg;
    struct workspace w;
    int rc = workspace_find(st, a, t->workspace, &w);
    if (!rc && !t->replace) {
        fprintf(stderr,
                "weeekd: a workspace named '%s' already exists (--replace deletes it first)\n",
                t->workspace);
        return RC_CONFLICT;
    }
    if (!rc)
        rc = workspace_delete(st, w.id);
    else if (rc == RC_NOTFOUND)
        rc = RC_OK;
    if (!rc)
        rc = workspace_create(st, a, t->workspace, &t->ws);
    const char *id = NULL;
    if (!rc)
        rc = member_add(st, a, t->ws, t->email, NULL, "owner", &id);
    if (!rc) {
        snprintf(t->owner, sizeof(t->owner), "%s", id);
        rc = token_issue(st, t->ws, id, "import", t->token);
    }
    return rc;
}

struct new_member {
    const struct member *m;
    char *id;
};

static int add_member_tx(struct store *st, struct arena *a, struct target *t, void *arg)
{
    struct new_member *nm = arg;
    struct member found;
    int rc = member_find_by_email(st, a, t->ws, nm->m->email, &found);
    const char *id = found.id;
    if (rc == RC_NOTFOUND)
        rc = member_add(st, a, t->ws, nm->m->email, NULL, "member", &id);
    if (!rc) {
        struct member p = *nm->m;
        p.id = id;
        rc = member_set_profile(st, t->ws, &p);
    }
    if (!rc)
        snprintf(nm->id, UUID_LEN + 1, "%s", id);
    return rc;
}

static int add_member(void *ctx, const struct member *m, char id[37])
{
    struct new_member nm = {m, id};
    return in_tx(ctx, add_member_tx, &nm) ? -1 : 0;
}

static int author_token_tx(struct store *st, struct arena *a, struct target *t, void *arg)
{
    (void)a;
    struct author *au = arg;
    char token[TOKEN_LEN + 1];
    int rc = token_issue(st, t->ws, au->member, t->author_label, token);
    if (!rc && !(au->c = client_local(t->pool, token)))
        rc = RC_NOMEM;
    return rc;
}

/* Decision: a comment is written through the API as its author (the API makes the caller
 * the author), with a token issued to that member for this run and revoked at its end;
 * the owner writes as itself. */
static struct client *author_client(void *ctx, const char *member)
{
    struct target *t = ctx;
    if (!strcmp(member, t->owner))
        return t->owner_client;
    for (size_t i = 0; i < t->nauthors; i++)
        if (!strcmp(t->authors[i].member, member))
            return t->authors[i].c;
    struct author *more = realloc(t->authors, (t->nauthors + 1) * sizeof(*more));
    if (!more)
        return NULL;
    t->authors = more;
    struct author *au = &t->authors[t->nauthors];
    *au = (struct author){.c = NULL};
    snprintf(au->member, sizeof(au->member), "%s", member);
    if (in_tx(t, author_token_tx, au))
        return NULL;
    t->nauthors++;
    return au->c;
}

static int revoke_authors_tx(struct store *st, struct arena *a, struct target *t, void *arg)
{
    (void)arg;
    struct token_info *info;
    size_t n;
    int rc = token_list(st, a, &info, &n);
    for (size_t i = 0; !rc && i < n; i++)
        if (!info[i].revoked_at && info[i].label && !strcmp(info[i].label, t->author_label))
            rc = token_revoke(st, info[i].id);
    return rc;
}

static void drop_authors(struct target *t)
{
    for (size_t i = 0; i < t->nauthors; i++)
        client_free(t->authors[i].c);
    if (t->nauthors)
        in_tx(t, revoke_authors_tx, NULL);
    free(t->authors);
    t->authors = NULL;
    t->nauthors = 0;
}

/* The document starts with format and version this weeekd reads: checked before anything
 * is created. 0 or -1 (message printed). */
static int check_header(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "weeekd: cannot read %s: %s\n", path, strerror(errno));
        return -1;
    }
    struct docread *d = docread_open(f);
    char key[64];
    json_t *format = NULL, *version = NULL;
    for (int i = 0; d && i < 2 && docread_key(d, key, sizeof(key)) == 1; i++) {
        json_t *v = docread_array(d) ? NULL : docread_value(d);
        if (!strcmp(key, "format") && !format)
            format = v;
        else if (!strcmp(key, "version") && !version)
            version = v;
        else
            json_decref(v);
    }
    int rc = 0;
    if (!json_is_string(format) || strcmp(json_string_value(format), EXPORT_FORMAT)) {
        fprintf(stderr,
                "weeekd: %s is not a weeekd export (it must start with \"format\": \"%s\")\n", path,
                EXPORT_FORMAT);
        rc = -1;
    } else if (!json_is_integer(version) || json_integer_value(version) != EXPORT_VERSION) {
        fprintf(stderr, "weeekd: %s is not format version %d, the one this weeekd reads\n", path,
                EXPORT_VERSION);
        rc = -1;
    }
    json_decref(format);
    json_decref(version);
    docread_close(d);
    fclose(f);
    return rc;
}

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* SIGINT/SIGTERM stop the import between two objects, every object written so far
 * recorded, so a run with --resume continues exactly where this one stopped. */
static void interrupt_on_signals(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

/* Progress on stderr: on a terminal a bar redrawn at most 10 times a second (objects done
 * of those found, when the document was counted first); otherwise a line every 100
 * objects, which a log or a test can follow. */
struct progress {
    bool tty;
    long found, shown;
    struct timespec last;
};

static void progress(struct progress *p, long done, bool last)
{
    if (!p->tty) {
        if (done / 100 > p->shown / 100 || (last && done != p->shown)) {
            fprintf(stderr, "weeekd: %ld objects written\n", done);
            p->shown = done;
        }
        return;
    }
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double dt =
        (double)(now.tv_sec - p->last.tv_sec) + (double)(now.tv_nsec - p->last.tv_nsec) / 1e9;
    if (!last && dt < 0.1)
        return;
    p->last = now;
    char bar[31];
    int fill = p->found ? (int)(30.0 * (double)done / (double)p->found) : 0;
    fill = fill > 30 ? 30 : fill;
    for (int i = 0; i < 30; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[30] = '\0';
    if (p->found)
        fprintf(stderr, "\r[%s] %ld/%ld objects", bar, done, p->found);
    else
        fprintf(stderr, "\r%ld objects", done);
    if (last)
        fputc('\n', stderr);
}

/* Objects in the document's arrays (for the bar's total): one more read of the file. */
static long count_objects(const char *path)
{
    FILE *f = fopen(path, "rb");
    struct docread *d = f ? docread_open(f) : NULL;
    long n = 0;
    char key[64];
    while (d && docread_key(d, key, sizeof(key)) == 1) {
        if (docread_array(d)) {
            /* the writer counts neither the fixed currency catalogue nor column orders */
            bool counted = strcmp(key, "currencies") && strcmp(key, "columnOrders");
            json_t *obj;
            while (docread_element(d, &obj) == 1) {
                if (!counted) {
                    json_decref(obj);
                    continue;
                }
                /* nested objects count once each, as the writer counts them */
                n += 1 + (long)json_array_size(json_object_get(obj, "attachments")) +
                     (long)json_array_size(json_object_get(obj, "timeEntries")) +
                     (long)json_array_size(json_object_get(obj, "comments")) +
                     (long)json_array_size(json_object_get(obj, "options"));
                bool fields = !strcmp(key, "projects") || !strcmp(key, "funnels");
                size_t i;
                json_t *cf;
                json_array_foreach(fields ? json_object_get(obj, "customFields") : NULL, i, cf)
                {
                    n += 1 + (long)json_array_size(json_object_get(cf, "options"));
                }
                json_decref(obj);
            }
        } else {
            json_decref(docread_value(d));
        }
    }
    docread_close(d);
    if (f)
        fclose(f);
    return n;
}

/* The document's sections into the writer. 0 or -1 (message printed). */
static int from_file(struct writer *w, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "weeekd: cannot read %s: %s\n", path, strerror(errno));
        return -1;
    }
    struct docread *d = docread_open(f);
    int rc = d ? 0 : -1;
    bool format_ok = false;
    struct progress p = {.tty = isatty(2)};
    if (p.tty)
        p.found = count_objects(path);
    char key[64];
    int k;
    while (!rc && (k = docread_key(d, key, sizeof(key))) == 1) {
        if (docread_array(d)) {
            if (!format_ok) {
                fprintf(stderr, "weeekd: %s is not a weeekd export (no format/version first)\n",
                        path);
                rc = -1;
                break;
            }
            json_t *obj;
            int e;
            while ((e = docread_element(d, &obj)) == 1) {
                if (interrupted) {
                    json_decref(obj);
                    fprintf(stderr,
                            "weeekd: interrupted after %ld objects; run the same command "
                            "with --resume to finish\n",
                            writer_done(w));
                    rc = -1;
                    break;
                }
                rc = writer_put(w, key, obj);
                json_decref(obj);
                progress(&p, writer_done(w), false);
                if (rc)
                    break;
            }
            if (!rc && e < 0) {
                k = -1;
                break;
            }
            if (!rc)
                rc = writer_end(w, key);
            if (rc && !interrupted)
                fprintf(stderr, "weeekd: import failed in %s: %s\n", key, writer_error(w));
            continue;
        }
        json_t *v = docread_value(d);
        if (!v) {
            k = -1;
            break;
        }
        if (!strcmp(key, "format") &&
            strcmp(json_string_value(v) ? json_string_value(v) : "", EXPORT_FORMAT)) {
            fprintf(stderr, "weeekd: %s is not a weeekd export (format)\n", path);
            rc = -1;
        }
        if (!strcmp(key, "version")) {
            if (json_integer_value(v) != EXPORT_VERSION) {
                fprintf(stderr, "weeekd: %s is format version %lld; this weeekd reads %d\n", path,
                        (long long)json_integer_value(v), EXPORT_VERSION);
                rc = -1;
            }
            format_ok = !rc;
        }
        json_decref(v);
    }
    if (!rc && k < 0) {
        fprintf(stderr, "weeekd: %s is not valid JSON near byte %ld\n", path, docread_offset(d));
        rc = -1;
    }
    progress(&p, writer_done(w), true);
    docread_close(d);
    fclose(f);
    return rc;
}

int port_import(const char *db, const char *workspace, const char *email, const char *input,
                const char *from, const char *token, long concurrency, int retries, bool replace,
                bool resume)
{
    if (!workspace || !email || (!input && !from) || (input && from)) {
        fputs("weeekd: import needs --workspace NAME --email EMAIL and either --input FILE or "
              "--from BASE_URL --token TOKEN (see weeekd --help)\n",
              stderr);
        return 2;
    }
    if (from && !token) {
        fputs("weeekd: import --from needs --token TOKEN\n", stderr);
        return 2;
    }
    const char *at = strchr(email, '@');
    if (!at || at == email || !at[1]) {
        fprintf(stderr, "weeekd: '%s' is not an email address\n", email);
        return 2;
    }
    char tmp[] = "/tmp/weeekd-import-XXXXXX";
    if (from) {
        int fd = mkstemp(tmp);
        FILE *f = fd >= 0 ? fdopen(fd, "w+b") : NULL;
        if (!f) {
            fprintf(stderr, "weeekd: cannot create a temporary file: %s\n", strerror(errno));
            return 1;
        }
        struct client *src = client_http(from, token, retries, (int)concurrency);
        char err[1024] = "";
        fprintf(stderr, "weeekd: reading %s\n", from);
        int rc = !src || port_export(src, f, err, sizeof(err)) || fclose(f);
        client_free(src);
        if (rc) {
            fprintf(stderr, "weeekd: reading the source failed: %s\n", err[0] ? err : "no memory");
            remove(tmp);
            return 1;
        }
        input = tmp;
    }
    if (input && check_header(input)) {
        if (from)
            remove(tmp);
        return 1;
    }
    struct target t = {
        .workspace = workspace, .email = email, .replace = replace, .resume = resume};
    char err[512] = "";
    struct store_opts so = {.nconn = 1};
    if (store_pool_open(&t.pool, db, &so, err, sizeof(err))) {
        fprintf(stderr, "weeekd: %s\n", err);
        return 1;
    }
    /* the writer first (its client gets the token below): --resume loads the map into it */
    struct writer *w = writer_new(NULL, email, add_member, &t);
    struct client *c = NULL;
    int rc = w ? 0 : -1;
    if (!rc)
        rc = in_tx(&t, resume ? reopen : prepare, w) ? -1 : 0;
    if (!rc && !(c = client_local(t.pool, t.token)))
        rc = -1;
    if (!rc) {
        t.owner_client = c;
        snprintf(t.author_label, sizeof(t.author_label), "import authors %ld.%ld", (long)getpid(),
                 (long)time(NULL));
        writer_set_client(w, c);
        writer_set_author(w, author_client, &t);
        writer_set_record(w, record, &t);
        interrupt_on_signals();
    }
    if (!rc)
        rc = from_file(w, input);
    if (!rc && writer_finish(w)) {
        fprintf(stderr, "weeekd: import failed: %s\n", writer_error(w));
        rc = -1;
    }
    if (w)
        writer_report(w, stderr);
    if (rc && w && writer_done(w) && !interrupted)
        fputs("weeekd: what was written is recorded; run the same command with --resume to "
              "finish\n",
              stderr);
    if (!rc) {
        fprintf(stderr, "weeekd: imported %ld objects into '%s'\n", writer_done(w), workspace);
        printf("%s\n", t.token);
    }
    writer_free(w);
    client_free(c);
    drop_authors(&t);
    store_pool_close(t.pool);
    if (from) {
        remove(tmp);
        fputs("weeekd: what the API cannot read was not imported: board-scoped custom fields "
              "(their values on tasks), time entries' and attachments' authors and times, "
              "running timers, members' roles and avatars, and private projects and funnels "
              "the token's member cannot see\n",
              stderr);
    }
    return rc ? 1 : 0;
}

/* seed.c — the demo workspaces (seed.h). A seed file is {"comments": [...], "document":
 * {...}}: the document is a workspace document (docs/export-format.md) fed object by object
 * to the import's writer over an in-process client, as `weeekd import` does; the comments,
 * which a document does not carry, are added afterwards by the model, each by its author. */
#include "port/seed.h"

#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/rand.h"
#include "core/rc.h"
#include "core/embed.h"
#include "model/comment.h"
#include "model/workspace.h"
#include "port/client.h"
#include "port/writer.h"
#include "store/store.h"
#include "core/common.h"

extern const struct embedded_file seed_files[];

const char *const seed_names[] = {"empty", "demo", "demo-en", NULL};

bool seed_known(const char *name)
{
    for (size_t i = 0; seed_names[i]; i++)
        if (!strcmp(seed_names[i], name))
            return true;
    return false;
}

static const struct embedded_file *seed_file(const char *name)
{
    char want[64];
    snprintf(want, sizeof(want), "%s.json", name);
    for (size_t i = 0; seed_files[i].name; i++)
        if (!strcmp(seed_files[i].name, want))
            return &seed_files[i];
    return NULL;
}

/* Decision: the seed's dates (task start and due dates, time entries) are written around
 * the week of Monday 2026-01-05 and moved by whole weeks so that week becomes the current
 * one: the demo always has overdue tasks, tasks due this week and next, and time logged in
 * the past, and weekdays stay what they were. Everything else is fixed, so tests can count. */
#define SEED_ANCHOR_Y 2026
#define SEED_ANCHOR_M 1
#define SEED_ANCHOR_D 5

static int64_t week_shift(void)
{
    int64_t today, sec;
    date_from_unix_ms(clock_now_ms(), &today, &sec);
    int64_t d = today - date_from_civil(SEED_ANCHOR_Y, SEED_ANCHOR_M, SEED_ANCHOR_D);
    int64_t weeks = d >= 0 ? d / 7 : -((-d + 6) / 7);
    return weeks * 7;
}

/* Every string of v starting "YYYY-MM-DD" (a date or a date-time) moved by shift days. */
static void shift_dates(json_t *v, int64_t shift)
{
    size_t i;
    const char *k;
    json_t *x;
    if (json_is_object(v)) {
        json_object_foreach(v, k, x)
        {
            const char *s = json_string_value(x);
            int64_t d;
            char out[DATE_YMD_SIZE], moved[64];
            size_t n = s ? strlen(s) : 0;
            if (s && n >= 10 && n < sizeof(moved) && (n == 10 || s[10] == 'T') &&
                !date_parse_ymd(s, 10, &d)) {
                date_format_ymd(d + shift, out);
                memcpy(moved, s, n + 1);
                memcpy(moved, out, 10);
                json_object_set_new(v, k, json_string(moved));
            } else {
                shift_dates(x, shift);
            }
        }
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, x)
        {
            shift_dates(x, shift);
        }
    }
}

struct seed_ctx {
    struct store_pool *pool;
    int64_t ws;
    const char *owner_email;
    json_t *ids; /* "kind:source id" -> target id, as the writer maps them */
    const char *failed;
};

/* fn inside one write transaction; 0 or -1 */
static int in_tx(struct seed_ctx *s, int (*fn)(struct store *, struct arena *, void *), void *arg)
{
    struct store *st = store_acquire(s->pool);
    struct arena a;
    arena_init(&a, 0);
    int rc = RC_OK;
    for (int attempt = 0; attempt < 3; attempt++) {
        rc = store_begin(st, TX_WRITE);
        if (!rc) {
            rc = fn(st, &a, arg);
            if (rc)
                store_rollback(st);
            else
                rc = store_commit(st);
        }
        arena_reset(&a);
        if (rc != RC_BUSY)
            break;
    }
    store_release(s->pool, st);
    return rc ? -1 : 0;
}

struct new_member {
    struct seed_ctx *s;
    const struct member *m;
    char *id;
};

static bool blank(const char *s)
{
    return !s || !*s;
}

/* A demo member added with its profile. Decision: the owner keeps the name it has (init
 * --name); an owner without one (the admin API takes no name) gets the demo owner's names
 * and position, so the tasks assigned to it show a person. */
static int add_member_tx(struct store *st, struct arena *a, void *arg)
{
    struct new_member *nm = arg;
    struct member found = {0};
    int rc = member_find_by_email(st, a, nm->s->ws, nm->m->email, &found);
    const char *id = found.id;
    bool owner = !strcmp(nm->m->email, nm->s->owner_email);
    bool named = !blank(found.first_name) || !blank(found.last_name);
    if (rc == RC_NOTFOUND && !owner)
        rc = member_add(st, a, nm->s->ws, nm->m->email, NULL, "member", &id);
    if (!rc && !(owner && named)) {
        struct member p = *nm->m;
        p.id = id;
        if (owner)
            p.time_zone = NULL; /* the owner's own */
        rc = member_set_profile(st, nm->s->ws, &p);
    }
    if (!rc)
        snprintf(nm->id, UUID_LEN + 1, "%s", id);
    return rc;
}

static int add_member(void *ctx, const struct member *m, char id[37])
{
    struct new_member nm = {ctx, m, id};
    return in_tx(ctx, add_member_tx, &nm);
}

static int record(void *ctx, const char *kind, const char *source, const char *target)
{
    struct seed_ctx *s = ctx;
    char key[160];
    snprintf(key, sizeof(key), "%s:%s", kind, source);
    json_t *v = json_loads(target, JSON_DECODE_ANY, NULL);
    return v ? json_object_set_new(s->ids, key, v) : -1;
}

static json_t *target_of(struct seed_ctx *s, const char *kind, const json_t *source)
{
    char key[160];
    if (json_is_integer(source))
        snprintf(key, sizeof(key), "%s:%lld", kind, (long long)json_integer_value(source));
    else
        snprintf(key, sizeof(key), "%s:%s", kind, json_string_value(source));
    return json_object_get(s->ids, key);
}

struct comments {
    struct seed_ctx *s;
    json_t *list;
};

static int comments_tx(struct store *st, struct arena *a, void *arg)
{
    struct comments *cs = arg;
    size_t i;
    json_t *c;
    json_array_foreach(cs->list, i, c)
    {
        json_t *task = target_of(cs->s, "task", json_object_get(c, "task"));
        json_t *author = target_of(cs->s, "member", json_object_get(c, "author"));
        const char *text = json_string_value(json_object_get(c, "text"));
        if (!json_is_integer(task) || !json_is_string(author) || !text) {
            cs->s->failed = "a comment names an unknown task or member";
            return RC_INTERNAL;
        }
        struct comment cm = {.task_id = json_integer_value(task),
                             .parent_id = COMMENT_NONE,
                             .author_id = json_string_value(author),
                             .markdown = text};
        int rc = comment_create(st, a, cs->s->ws, &cm);
        if (rc)
            return rc;
    }
    return RC_OK;
}

/* The document's sections, in order, into the writer. */
static int write_document(struct writer *w, json_t *doc)
{
    const char *key;
    json_t *v;
    json_object_foreach(doc, key, v)
    {
        if (!json_is_array(v))
            continue;
        size_t i;
        json_t *obj;
        json_array_foreach(v, i, obj)
        {
            if (writer_put(w, key, obj))
                return -1;
        }
        if (writer_end(w, key))
            return -1;
    }
    return writer_finish(w);
}

static int apply(struct seed_ctx *s, json_t *seed, const char *token, char *err, size_t errlen)
{
    json_t *doc = json_object_get(seed, "document");
    json_t *owner = json_array_get(json_object_get(doc, "members"), 0);
    if (!json_is_object(doc) || !json_is_object(owner)) {
        snprintf(err, errlen, "the seed has no document");
        return -1;
    }
    /* the document's first member is the demo's owner: the workspace's owner takes its place */
    json_object_set_new(owner, "email", json_string(s->owner_email));
    shift_dates(doc, week_shift());
    struct client *c = client_local(s->pool, token);
    struct writer *w = c ? writer_new(c, s->owner_email, add_member, s) : NULL;
    int rc = w ? 0 : -1;
    if (!w)
        snprintf(err, errlen, "out of memory");
    if (!rc) {
        writer_set_record(w, record, s);
        rc = write_document(w, doc);
        if (rc)
            snprintf(err, errlen, "%s", writer_error(w));
    }
    if (!rc) {
        struct comments cs = {s, json_object_get(seed, "comments")};
        rc = in_tx(s, comments_tx, &cs);
        if (rc)
            snprintf(err, errlen, "adding the comments: %s",
                     s->failed ? s->failed : "the store failed");
    }
    writer_free(w);
    client_free(c);
    return rc;
}

int seed_apply(struct store_pool *pool, int64_t ws, const char *name, const char *owner_email,
               const char *token, char *err, size_t errlen)
{
    if (!strcmp(name, "empty"))
        return 0;
    const struct embedded_file *f = seed_known(name) ? seed_file(name) : NULL;
    if (!f) {
        snprintf(err, errlen, "no seed named '%s'", name);
        return -1;
    }
    /* Called inside a request too (the admin API): the JSON of the seed and of the writer
     * is the heap's, not that request's arena (each in-process request sets its own). */
    struct arena *outer = arena_current();
    arena_set_current(NULL);
    struct seed_ctx s = {.pool = pool, .ws = ws, .owner_email = owner_email, .ids = json_object()};
    json_error_t je;
    json_t *seed = json_loadb((const char *)f->data, f->len, 0, &je);
    int rc = seed && s.ids ? 0 : -1;
    if (!seed)
        snprintf(err, errlen, "seed %s: %s (line %d)", name, je.text, je.line);
    if (!rc)
        rc = apply(&s, seed, token, err, errlen);
    json_decref(seed);
    json_decref(s.ids);
    arena_set_current(outer);
    return rc;
}

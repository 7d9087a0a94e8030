/* writer.c — the import writer (writer.h). Each source object becomes the API calls a
 * client would make to create it, with every id it names replaced by the target's id
 * (a map per kind: source id text -> target id). Where the store would add things of its
 * own (a new board's default columns, a new funnel's default statuses) those are reused in
 * order and the surplus deleted, so the copy has exactly the source's lists. */
#include "port/writer.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "port/b64.h"
#include "port/client.h"
#include "model/workspace.h"
#include "core/common.h"

struct writer {
    struct client *c;
    const char *owner_email;
    writer_member_fn add_member;
    void *ctx;
    char err[1024];
    json_t *map;        /* kind -> {source id text: target id} */
    json_t *spare;      /* "column:<board>" / "status:<funnel>" -> [target ids not yet used] */
    json_t *portfolios; /* buffered: parents may come after children */
    json_t *pending;    /* tasks whose parent is not written yet */
    json_t *deferred;   /* [{"task": target id, "cf": target cf id, "contact": source id}] */
    json_t *archive;    /* target project ids archived in the source */
    json_t *deleted;    /* target task ids deleted in the source: deleted last, after the
                           deferred values (a deleted task takes no more writes) */
    json_t *last_deal;  /* target status id -> target id of the last deal written there */
    json_t *skipped;    /* what could not be written: text -> count */
    json_t *targets;    /* kind -> {target id text: true}: what the map already points at */
    writer_record_fn record;
    void *record_ctx;
    writer_author_fn author;
    void *author_ctx;
    bool reused; /* the last create() found its object already written */
    long done;
};

static int fail(struct writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct writer *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->err, sizeof(w->err), fmt, ap);
    va_end(ap);
    return -1;
}

static void skip(struct writer *w, const char *what)
{
    json_t *n = json_object_get(w->skipped, what);
    json_object_set_new(w->skipped, what, json_integer(n ? json_integer_value(n) + 1 : 1));
}

void writer_set_client(struct writer *w, struct client *c)
{
    w->c = c;
}

struct writer *writer_new(struct client *c, const char *owner_email, writer_member_fn add_member,
                          void *ctx)
{
    struct writer *w = calloc(1, sizeof(*w));
    if (!w)
        return NULL;
    *w = (struct writer){.c = c, .owner_email = owner_email, .add_member = add_member, .ctx = ctx};
    w->map = json_object();
    w->spare = json_object();
    w->portfolios = json_array();
    w->pending = json_array();
    w->deferred = json_array();
    w->archive = json_array();
    w->deleted = json_array();
    w->last_deal = json_object();
    w->skipped = json_object();
    w->targets = json_object();
    return w;
}

void writer_free(struct writer *w)
{
    if (!w)
        return;
    json_decref(w->map);
    json_decref(w->spare);
    json_decref(w->portfolios);
    json_decref(w->pending);
    json_decref(w->deferred);
    json_decref(w->archive);
    json_decref(w->deleted);
    json_decref(w->last_deal);
    json_decref(w->skipped);
    json_decref(w->targets);
    free(w);
}

const char *writer_error(const struct writer *w)
{
    return w->err;
}

long writer_done(const struct writer *w)
{
    return w->done;
}

void writer_report(const struct writer *w, FILE *f)
{
    const char *k;
    json_t *v;
    json_object_foreach(w->skipped, k, v)
    {
        fprintf(f, "weeekd: not imported: %s (%lld)\n", k, (long long)json_integer_value(v));
    }
}

/* ---- ids -------------------------------------------------------------------------------- */

static void id_text(const json_t *id, char *out, size_t n)
{
    if (json_is_integer(id))
        snprintf(out, n, "%lld", (long long)json_integer_value(id));
    else if (json_is_string(id))
        snprintf(out, n, "%s", json_string_value(id));
    else
        snprintf(out, n, "?");
}

static json_t *kind_object(json_t *root, const char *kind)
{
    json_t *m = json_object_get(root, kind);
    if (!m) {
        m = json_object();
        json_object_set_new(root, kind, m);
    }
    return m;
}

static void map_set(struct writer *w, const char *kind, const char *src, json_t *dst)
{
    json_object_set(kind_object(w->map, kind), src, dst);
    char t[128];
    id_text(dst, t, sizeof(t));
    json_object_set_new(kind_object(w->targets, kind), t, json_true());
}

/* Map src to dst and record it (import_map), so a resumed import knows it is written. A
 * failed record fails the import: an unrecorded object would be written twice. */
static int map_put(struct writer *w, const char *kind, const json_t *src, json_t *dst)
{
    char k[128];
    id_text(src, k, sizeof(k));
    map_set(w, kind, k, dst);
    if (!w->record)
        return 0;
    char text[160];
    size_t n = json_dumpb(dst, text, sizeof(text) - 1, JSON_ENCODE_ANY | JSON_COMPACT);
    int rc = n && n < sizeof(text) ? (text[n] = '\0', w->record(w->record_ctx, kind, k, text)) : -1;
    return rc ? fail(w, "cannot record the id map (%s %s)", kind, k) : 0;
}

/* Is target id (of kind) already the image of a source object? */
static bool is_target(struct writer *w, const char *kind, const json_t *id)
{
    char t[128];
    id_text(id, t, sizeof(t));
    return json_object_get(json_object_get(w->targets, kind), t) != NULL;
}

void writer_set_author(struct writer *w, writer_author_fn fn, void *ctx)
{
    w->author = fn;
    w->author_ctx = ctx;
}

void writer_set_record(struct writer *w, writer_record_fn fn, void *ctx)
{
    w->record = fn;
    w->record_ctx = ctx;
}

int writer_load(struct writer *w, const char *kind, const char *source_id, const char *target)
{
    json_t *dst = json_loads(target, JSON_DECODE_ANY, NULL);
    if (!dst)
        return fail(w, "a malformed id map entry (%s %s)", kind, source_id);
    map_set(w, kind, source_id, dst);
    json_decref(dst);
    return 0;
}

/* The target id of a source id (borrowed), or NULL. */
static json_t *map_get(struct writer *w, const char *kind, const json_t *src)
{
    if (!src || json_is_null(src))
        return NULL;
    char k[128];
    id_text(src, k, sizeof(k));
    return json_object_get(json_object_get(w->map, kind), k);
}

/* A new array of the mapped ids of src (ids the map does not know are left out). */
static json_t *map_array(struct writer *w, const char *kind, const json_t *src)
{
    json_t *out = json_array();
    size_t i;
    json_t *v;
    json_array_foreach(src, i, v)
    {
        json_t *t = map_get(w, kind, v);
        if (t)
            json_array_append(out, t);
        else
            skip(w, kind[0] == 'm' ? "references to unknown members" : "dangling references");
    }
    return out;
}

/* Copy the listed keys of src that are present and not null into body. */
static void copy_keys(json_t *body, const json_t *src, const char *const *keys)
{
    for (; *keys; keys++) {
        json_t *v = json_object_get(src, *keys);
        if (v && !json_is_null(v))
            json_object_set(body, *keys, v);
    }
}

/* ---- calls ------------------------------------------------------------------------------ */

/* A JSON call; body is stolen. Returns the answer (caller decrefs) or NULL with w->err. */
static json_t *call(struct writer *w, const char *method, const char *target, json_t *body)
{
    json_t *r = client_json(w->c, method, target, body, w->err, sizeof(w->err));
    json_decref(body);
    return r;
}

static int call_ok(struct writer *w, const char *method, const char *target, json_t *body)
{
    json_t *r = call(w, method, target, body);
    json_decref(r);
    return r ? 0 : -1;
}

/* The id under key/"id" of an answer (new reference), or NULL. */
static json_t *answer_id(json_t *r, const char *key)
{
    json_t *id = json_object_get(json_object_get(r, key), "id");
    return id ? json_incref(id) : NULL;
}

static json_t *map_get(struct writer *w, const char *kind, const json_t *src);

/* POST target with body (stolen) unless the source object is already in the map (a resumed
 * import): either way *new_id (when asked) is its target id and w->reused says which. */
static int create(struct writer *w, const char *kind, const json_t *src, const char *target,
                  json_t *body, const char *key, json_t **new_id)
{
    json_t *known = map_get(w, kind, json_object_get(src, "id"));
    w->reused = known != NULL;
    if (known) {
        json_decref(body);
        w->done++;
        if (new_id)
            *new_id = json_incref(known);
        return 0;
    }
    json_t *r = call(w, "POST", target, body);
    if (!r)
        return -1;
    json_t *id = answer_id(r, key);
    json_decref(r);
    if (!id)
        return fail(w, "POST %s: no %s.id in the answer", target, key);
    if (map_put(w, kind, json_object_get(src, "id"), id)) {
        json_decref(id);
        return -1;
    }
    w->done++;
    if (new_id)
        *new_id = id;
    else
        json_decref(id);
    return 0;
}

/* ---- custom fields ---------------------------------------------------------------------- */

/* A field and its options under base ("/tm/custom-fields", "/tm/projects/1/custom-fields"). */
static int put_field(struct writer *w, const json_t *cf, const char *base)
{
    static const char *const keys[] = {"name", "type", "config", NULL};
    json_t *body = json_object(), *id;
    copy_keys(body, cf, keys);
    if (create(w, "cf", cf, base, body, "customField", &id))
        return -1;
    char target[300];
    snprintf(target, sizeof(target), "%s/%s/options", base, json_string_value(id));
    json_decref(id);
    size_t i;
    json_t *opt;
    json_array_foreach(json_object_get(cf, "options"), i, opt)
    {
        static const char *const okeys[] = {"name", "color", NULL};
        json_t *ob = json_object();
        copy_keys(ob, opt, okeys);
        if (create(w, "option", opt, target, ob, "option", NULL))
            return -1;
    }
    return 0;
}

/* The customFields body of a task or deal from its list of {id, type, value}; contact values
 * of tasks wait (contacts come later in the document) in w->deferred when defer is set. */
static json_t *field_values(struct writer *w, const json_t *list, bool defer, json_t **later)
{
    json_t *out = json_object();
    size_t i;
    json_t *cf;
    json_array_foreach(list, i, cf)
    {
        json_t *v = json_object_get(cf, "value");
        if (!v || json_is_null(v))
            continue;
        json_t *id = map_get(w, "cf", json_object_get(cf, "id"));
        if (!id) {
            skip(w, "values of custom fields the API does not list (board-scoped)");
            continue;
        }
        const char *type = json_string_value(json_object_get(cf, "type"));
        const char *key = json_string_value(id);
        type = type ? type : "";
        json_t *val;
        if (!strcmp(type, "select"))
            val = json_incref(map_get(w, "option", v));
        else if (!strcmp(type, "multiselect"))
            val = map_array(w, "option", v);
        else if (!strcmp(type, "member") || !strcmp(type, "approval"))
            val =
                json_is_array(v) ? map_array(w, "member", v) : json_incref(map_get(w, "member", v));
        else if (!strcmp(type, "contact")) {
            if (defer) {
                if (!*later)
                    *later = json_object();
                json_object_set(*later, key, v);
                continue;
            }
            val = json_incref(map_get(w, "contact", v));
        } else
            val = json_incref(v);
        if (val)
            json_object_set_new(out, key, val);
    }
    return out;
}

/* ---- task manager ----------------------------------------------------------------------- */

static const char *text_of(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static int put_member(struct writer *w, json_t *m)
{
    struct member p = {.email = text_of(m, "email"),
                       .first_name = text_of(m, "firstName"),
                       .last_name = text_of(m, "lastName"),
                       .middle_name = text_of(m, "middleName"),
                       .position = text_of(m, "position"),
                       .time_zone = text_of(m, "timeZone")};
    if (!p.email)
        return fail(w, "a member without an e-mail");
    char id[37];
    if (w->add_member(w->ctx, &p, id))
        return fail(w, "cannot add member %s", p.email);
    json_t *tid = json_string(id);
    int rc = map_put(w, "member", json_object_get(m, "id"), tid);
    json_decref(tid);
    w->done++;
    return rc;
}

static int put_tag(struct writer *w, json_t *t)
{
    json_t *id;
    json_t *body = json_pack("{sO}", "title", json_object_get(t, "title"));
    if (create(w, "tag", t, "/ws/tags", body, "tag", &id))
        return -1;
    char target[64];
    snprintf(target, sizeof(target), "/ws/tags/%lld", (long long)json_integer_value(id));
    json_decref(id);
    static const char *const keys[] = {"title", "color", NULL};
    json_t *b = json_object();
    copy_keys(b, t, keys);
    return call_ok(w, "PUT", target, b);
}

static int portfolios_end(struct writer *w)
{
    /* parents first: each pass writes those whose parent is written */
    size_t left = json_array_size(w->portfolios);
    while (left) {
        size_t before = left;
        size_t i;
        json_t *p;
        json_array_foreach(w->portfolios, i, p)
        {
            if (json_is_true(json_object_get(p, "_done")))
                continue;
            json_t *parent = json_object_get(p, "parentId");
            json_t *tparent = map_get(w, "portfolio", parent);
            if (parent && !json_is_null(parent) && !tparent)
                continue;
            json_t *body = json_pack("{sO}", "name", json_object_get(p, "name"));
            if (tparent)
                json_object_set(body, "parentId", tparent);
            if (create(w, "portfolio", p, "/tm/portfolios", body, "data", NULL))
                return -1;
            json_object_set(p, "_done", json_true());
            left--;
        }
        if (left == before)
            return fail(w, "portfolios whose parents are missing");
    }
    return 0;
}

static int put_project(struct writer *w, json_t *p)
{
    static const char *const keys[] = {"name", "description", "isPrivate", NULL};
    json_t *body = json_object(), *id;
    copy_keys(body, p, keys);
    json_t *pf = map_get(w, "portfolio", json_object_get(p, "portfolioId"));
    if (pf)
        json_object_set(body, "portfolioId", pf);
    if (create(w, "project", p, "/tm/projects", body, "project", &id))
        return -1;
    char target[300];
    snprintf(target, sizeof(target), "/tm/projects/%lld", (long long)json_integer_value(id));
    /* the colour is set by PUT, which also needs the project's name and isPrivate (the
     * spec's required list) */
    json_t *put = json_object();
    static const char *const pkeys[] = {"color", NULL};
    copy_keys(put, p, pkeys);
    int rc = 0;
    if (json_object_size(put)) {
        static const char *const required[] = {"name", "isPrivate", NULL};
        copy_keys(put, p, required);
        rc = call_ok(w, "PUT", target, put);
    } else {
        json_decref(put);
    }
    char base[320];
    snprintf(base, sizeof(base), "%s/custom-fields", target);
    size_t i;
    json_t *cf;
    json_array_foreach(json_object_get(p, "customFields"), i, cf)
    {
        if (!rc)
            rc = put_field(w, cf, base);
    }
    if (json_is_true(json_object_get(p, "isArchived")))
        json_array_append(w->archive, id);
    json_decref(id);
    return rc;
}

/* Remember the target's own children of a new container (default columns, statuses). */
static int keep_spares(struct writer *w, const char *kind, json_t *parent, const char *target,
                       const char *envelope)
{
    json_t *r = call(w, "GET", target, NULL);
    if (!r)
        return -1;
    json_t *ids = json_array();
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(r, envelope), i, v)
    {
        /* on a resumed import, children already matched to the source's are not spare */
        if (!is_target(w, kind, json_object_get(v, "id")))
            json_array_append(ids, json_object_get(v, "id"));
    }
    json_decref(r);
    char k[160], pid[64];
    id_text(parent, pid, sizeof(pid));
    snprintf(k, sizeof(k), "%s:%s", kind, pid);
    json_object_set_new(w->spare, k, ids);
    return 0;
}

/* The next unused child of parent (new reference), or NULL. */
static json_t *take_spare(struct writer *w, const char *kind, json_t *parent)
{
    char k[160], pid[64];
    id_text(parent, pid, sizeof(pid));
    snprintf(k, sizeof(k), "%s:%s", kind, pid);
    json_t *ids = json_object_get(w->spare, k);
    if (!json_array_size(ids))
        return NULL;
    json_t *id = json_incref(json_array_get(ids, 0));
    json_array_remove(ids, 0);
    return id;
}

/* Delete the children of kind the source did not have. */
static int drop_spares(struct writer *w, const char *kind, const char *path)
{
    size_t klen = strlen(kind);
    const char *k;
    json_t *ids;
    json_object_foreach(w->spare, k, ids)
    {
        if (strncmp(k, kind, klen) || k[klen] != ':')
            continue;
        size_t i;
        json_t *id;
        json_array_foreach(ids, i, id)
        {
            char target[200], t[64];
            id_text(id, t, sizeof(t));
            snprintf(target, sizeof(target), "%s/%s", path, t);
            if (call_ok(w, "DELETE", target, NULL))
                return -1;
        }
        json_array_clear(ids);
    }
    return 0;
}

static int put_board(struct writer *w, json_t *b)
{
    json_t *proj = map_get(w, "project", json_object_get(b, "projectId"));
    if (!proj)
        return fail(w, "board %lld names an unknown project",
                    (long long)json_integer_value(json_object_get(b, "id")));
    json_t *body = json_pack("{sOsO}", "name", json_object_get(b, "name"), "projectId", proj), *id;
    if (create(w, "board", b, "/tm/boards", body, "board", &id))
        return -1;
    char target[100];
    snprintf(target, sizeof(target), "/tm/board-columns?boardId=%lld",
             (long long)json_integer_value(id));
    int rc = keep_spares(w, "column", id, target, "boardColumns");
    json_decref(id);
    return rc;
}

static int put_column(struct writer *w, json_t *col)
{
    json_t *board = map_get(w, "board", json_object_get(col, "boardId"));
    if (!board)
        return fail(w, "a column of an unknown board");
    if (map_get(w, "column", json_object_get(col, "id"))) {
        w->done++;
        return 0;
    }
    json_t *id = take_spare(w, "column", board);
    if (!id) {
        json_t *body = json_pack("{sOsO}", "name", json_object_get(col, "name"), "boardId", board);
        return create(w, "column", col, "/tm/board-columns", body, "boardColumn", NULL);
    }
    if (map_put(w, "column", json_object_get(col, "id"), id)) {
        json_decref(id);
        return -1;
    }
    char target[100];
    snprintf(target, sizeof(target), "/tm/board-columns/%lld", (long long)json_integer_value(id));
    json_decref(id);
    w->done++;
    return call_ok(w, "PUT", target, json_pack("{sO}", "name", json_object_get(col, "name")));
}

static int task_extras(struct writer *w, json_t *t, long long id)
{
    char target[200];
    json_t *dur = json_object_get(t, "duration");
    if (dur && !json_is_null(dur)) {
        snprintf(target, sizeof(target), "/tm/tasks/%lld", id);
        if (call_ok(w, "PUT", target, json_pack("{sO}", "duration", dur)))
            return -1;
    }
    json_t *watchers = map_array(w, "member", json_object_get(t, "subscribers"));
    if (json_array_size(watchers)) {
        snprintf(target, sizeof(target), "/tm/tasks/%lld/watchers", id);
        if (call_ok(w, "POST", target, json_pack("{so}", "watchers", watchers)))
            return -1;
    } else {
        json_decref(watchers);
    }
    size_t i;
    json_t *e;
    snprintf(target, sizeof(target), "/tm/tasks/%lld/time-entries", id);
    json_array_foreach(json_object_get(t, "timeEntries"), i, e)
    {
        json_t *user = map_get(w, "member", json_object_get(e, "userId"));
        if (!user) {
            skip(w, "time entries of unknown members");
            continue;
        }
        json_t *body = json_pack(
            "{sOsOsOsO}", "userId", user, "isOvertime", json_object_get(e, "isOvertime"), "date",
            json_object_get(e, "date"), "duration", json_object_get(e, "duration"));
        if (!body)
            return fail(w, "a malformed time entry");
        if (create(w, "timeEntry", e, target, body, "data", NULL))
            return -1;
    }
    return 0;
}

static int upload_all(struct writer *w, json_t *owner, const char *target)
{
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(owner, "attachments"), i, a)
    {
        const char *content = json_string_value(json_object_get(a, "content"));
        const char *name = json_string_value(json_object_get(a, "name"));
        if (!content || !name) {
            skip(w, "attachments without their bytes");
            continue;
        }
        if (map_get(w, "attachment", json_object_get(a, "id")))
            continue;
        size_t n;
        unsigned char *bytes = b64_decode(content, strlen(content), &n);
        if (!bytes)
            return fail(w, "attachment %s: content is not base64", name);
        json_t *r = client_upload(w->c, target, name, bytes, n, w->err, sizeof(w->err));
        free(bytes);
        if (!r)
            return -1;
        json_t *id = json_object_get(json_object_get(r, "data"), "id");
        int rc = id ? map_put(w, "attachment", json_object_get(a, "id"), id) : 0;
        json_decref(r);
        if (rc)
            return -1;
        w->done++;
    }
    return 0;
}

/* One comment of task tid, written by its author (mapped by member, as every member
 * reference) with its parent mapped; an author the target does not know is replaced by
 * the importing owner. */
static int put_comment(struct writer *w, json_t *cm, long long tid, json_t *parent)
{
    if (map_get(w, "comment", json_object_get(cm, "id"))) { /* written by an earlier run */
        w->done++;
        return 0;
    }
    json_t *author = map_get(w, "member", json_object_get(cm, "authorId"));
    struct client *as = NULL;
    if (!author || !w->author)
        skip(w, "comments whose author is not a member (written by the owner)");
    else if (!(as = w->author(w->author_ctx, json_string_value(author))))
        return fail(w, "cannot write as the author of comment %lld",
                    (long long)json_integer_value(json_object_get(cm, "id")));
    json_t *body = json_pack("{sO}", "markdown", json_object_get(cm, "markdown"));
    if (!body)
        return fail(w, "a comment of task %lld without its markdown", tid);
    json_object_set(body, "parentId", parent ? parent : json_null());
    char target[100];
    snprintf(target, sizeof(target), "/tm/tasks/%lld/comments", tid);
    /* create() writes through w->c: the author's client for this one call */
    struct client *owner = w->c;
    w->c = as ? as : owner;
    int rc = create(w, "comment", cm, target, body, "comment", NULL);
    w->c = owner;
    return rc;
}

/* A task's comments (listed newest first) written oldest first, so the target lists them
 * in the same order; a reply waits for its parent. Times are the store's, as for every
 * object the import writes. */
static int put_comments(struct writer *w, json_t *t, long long tid)
{
    json_t *list = json_object_get(t, "comments");
    json_t *todo = json_array();
    for (size_t i = json_array_size(list); i-- > 0;)
        json_array_append(todo, json_array_get(list, i));
    int rc = 0;
    while (!rc && json_array_size(todo)) {
        json_t *later = json_array();
        size_t i;
        json_t *cm;
        json_array_foreach(todo, i, cm)
        {
            json_t *parent = json_object_get(cm, "parentId");
            json_t *tparent = map_get(w, "comment", parent);
            bool waits = false;
            if (parent && !json_is_null(parent) && !tparent) {
                /* a parent still to come waits; one not in the list is gone: top level */
                size_t k;
                json_t *o;
                json_array_foreach(todo, k, o)
                {
                    waits = waits || json_equal(json_object_get(o, "id"), parent);
                }
                if (!waits)
                    skip(w, "replies to comments not in the source (written at the top level)");
            }
            if (waits)
                json_array_append(later, cm);
            else if ((rc = put_comment(w, cm, tid, tparent)))
                break;
        }
        if (!rc && json_array_size(later) == json_array_size(todo)) {
            /* a loop of parents (not from any API): written at the top level */
            json_array_foreach(later, i, cm)
            {
                json_object_set(cm, "parentId", json_null());
            }
        }
        json_decref(todo);
        todo = later;
    }
    json_decref(todo);
    return rc;
}

static int put_task(struct writer *w, json_t *t)
{
    json_t *parent = json_object_get(t, "parentId");
    json_t *tparent = map_get(w, "task", parent);
    if (parent && !json_is_null(parent) && !tparent) {
        json_array_append(w->pending, t);
        return 0;
    }
    static const char *const keys[] = {"title",         "description", "type",
                                       "priority",      "startDate",   "dueDate",
                                       "startDateTime", "dueDateTime", NULL};
    json_t *body = json_object();
    copy_keys(body, t, keys);
    if (tparent)
        json_object_set(body, "parentId", tparent);
    json_object_set_new(body, "tags", map_array(w, "tag", json_object_get(t, "tags")));
    json_object_set_new(body, "assignees", map_array(w, "member", json_object_get(t, "assignees")));
    json_t *locs = json_array();
    size_t i;
    json_t *loc;
    json_array_foreach(json_object_get(t, "locations"), i, loc)
    {
        json_t *p = map_get(w, "project", json_object_get(loc, "projectId"));
        if (!p)
            continue;
        json_t *l = json_pack("{sO}", "projectId", p);
        json_t *col = map_get(w, "column", json_object_get(loc, "boardColumnId"));
        if (col)
            json_object_set(l, "boardColumnId", col);
        json_array_append_new(locs, l);
    }
    json_object_set_new(body, "locations", locs);
    json_t *later = NULL;
    json_object_set_new(body, "customFields",
                        field_values(w, json_object_get(t, "customFields"), true, &later));
    json_t *id;
    if (create(w, "task", t, "/tm/tasks", body, "task", &id)) {
        json_decref(later);
        return -1;
    }
    long long tid = (long long)json_integer_value(id);
    if (w->reused && map_get(w, "deleted", id)) { /* finished in an earlier run */
        json_decref(later);
        json_decref(id);
        return 0;
    }
    if (later)
        json_array_append_new(w->deferred, json_pack("{sosO}", "values", later, "task", id));
    json_decref(id);
    char target[200];
    if (task_extras(w, t, tid))
        return -1;
    snprintf(target, sizeof(target), "/tm/tasks/%lld/attachments", tid);
    if (upload_all(w, t, target))
        return -1;
    if (put_comments(w, t, tid))
        return -1;
    if (json_is_true(json_object_get(t, "isCompleted"))) {
        snprintf(target, sizeof(target), "/tm/tasks/%lld/complete", tid);
        if (call_ok(w, "POST", target, NULL))
            return -1;
    }
    if (json_is_true(json_object_get(t, "isDeleted")))
        json_array_append_new(w->deleted, json_integer(tid));
    return 0;
}

static int tasks_end(struct writer *w)
{
    while (json_array_size(w->pending)) {
        json_t *list = w->pending;
        w->pending = json_array();
        size_t i;
        json_t *t;
        json_array_foreach(list, i, t)
        {
            if (put_task(w, t)) {
                json_decref(list);
                return -1;
            }
        }
        bool stuck = json_array_size(w->pending) == json_array_size(list);
        json_decref(list);
        if (stuck) {
            skip(w, "tasks whose parent task is not in the source");
            /* written without their parent rather than lost */
            json_array_foreach(w->pending, i, t)
            {
                json_object_set(t, "parentId", json_null());
            }
        }
    }
    return 0;
}

/* A column's tasks in the source's order: moved to the end one by one when the target's
 * order differs (a new task is appended, so this is rare: moves in the source). */
static int put_column_order(struct writer *w, json_t *o)
{
    json_t *col = map_get(w, "column", json_object_get(o, "boardColumnId"));
    if (!col)
        return 0;
    json_t *want = map_array(w, "task", json_object_get(o, "taskIds"));
    json_t *have = json_array();
    long long cid = (long long)json_integer_value(col);
    for (int offset = 0;; offset += 100) {
        char target[160];
        snprintf(target, sizeof(target), "/tm/tasks?boardColumnId=%lld&all=1&perPage=100&offset=%d",
                 cid, offset);
        json_t *r = call(w, "GET", target, NULL);
        if (!r) {
            json_decref(want);
            json_decref(have);
            return -1;
        }
        size_t i;
        json_t *t;
        json_array_foreach(json_object_get(r, "tasks"), i, t)
        {
            json_array_append(have, json_object_get(t, "id"));
        }
        bool more = json_is_true(json_object_get(r, "hasMore"));
        json_decref(r);
        if (!more)
            break;
    }
    int rc = 0;
    if (!json_equal(want, have)) {
        size_t i;
        json_t *t;
        json_array_foreach(want, i, t)
        {
            char target[120];
            snprintf(target, sizeof(target), "/tm/tasks/%lld/board-column",
                     (long long)json_integer_value(t));
            if ((rc = call_ok(w, "POST", target, json_pack("{sO}", "boardColumnId", col))))
                break;
        }
    }
    json_decref(want);
    json_decref(have);
    return rc;
}

/* ---- CRM -------------------------------------------------------------------------------- */

static int put_funnel(struct writer *w, json_t *f)
{
    json_t *id;
    json_t *body = json_pack("{sO}", "name", json_object_get(f, "name"));
    if (create(w, "funnel", f, "/crm/funnels", body, "funnel", &id))
        return -1;
    const char *fid = json_string_value(id);
    char target[200];
    snprintf(target, sizeof(target), "/crm/funnels/%s", fid);
    static const char *const keys[] = {"currencyId", "isPrivate", NULL};
    json_t *put = json_object();
    copy_keys(put, f, keys);
    bool reused = w->reused;
    int rc = call_ok(w, "PUT", target, put);
    /* bookmark toggles: only on the funnel's first writing */
    if (!rc && !reused && json_is_true(json_object_get(f, "isBookmarked"))) {
        snprintf(target, sizeof(target), "/crm/funnels/%s/bookmark", fid);
        rc = call_ok(w, "POST", target, NULL);
    }
    char base[200];
    snprintf(base, sizeof(base), "/crm/funnels/%s/custom-fields", fid);
    size_t i;
    json_t *cf;
    json_array_foreach(json_object_get(f, "customFields"), i, cf)
    {
        if (!rc)
            rc = put_field(w, cf, base);
    }
    snprintf(target, sizeof(target), "/crm/funnels/%s/statuses", fid);
    if (!rc)
        rc = keep_spares(w, "status", id, target, "statuses");
    json_decref(id);
    return rc;
}

static int put_status(struct writer *w, json_t *s)
{
    json_t *funnel = map_get(w, "funnel", json_object_get(s, "funnelId"));
    if (!funnel)
        return fail(w, "a status of an unknown funnel");
    if (map_get(w, "status", json_object_get(s, "id"))) {
        w->done++;
        return 0;
    }
    json_t *id = take_spare(w, "status", funnel);
    char target[200];
    if (!id) {
        snprintf(target, sizeof(target), "/crm/funnels/%s/statuses", json_string_value(funnel));
        return create(w, "status", s, target, json_pack("{sO}", "name", json_object_get(s, "name")),
                      "status", NULL);
    }
    if (map_put(w, "status", json_object_get(s, "id"), id)) {
        json_decref(id);
        return -1;
    }
    snprintf(target, sizeof(target), "/crm/statuses/%s", json_string_value(id));
    json_decref(id);
    w->done++;
    return call_ok(w, "PUT", target, json_pack("{sO}", "name", json_object_get(s, "name")));
}

/* ["a", ...] from [{"id":…, key:"a"}, ...] */
static json_t *values_of(const json_t *list, const char *key)
{
    json_t *out = json_array();
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v)
    {
        json_t *s = json_object_get(v, key);
        if (s)
            json_array_append(out, s);
    }
    return out;
}

static int put_tags_each(struct writer *w, json_t *src, const char *target, const char *key)
{
    json_t *tags = map_array(w, "tag", json_object_get(src, "tags"));
    size_t i;
    json_t *t;
    int rc = 0;
    json_array_foreach(tags, i, t)
    {
        if ((rc = call_ok(w, "POST", target, json_pack("{sO}", key, t))))
            break;
    }
    json_decref(tags);
    return rc;
}

static int put_organization(struct writer *w, json_t *o)
{
    json_t *body = json_pack("{sO}", "name", json_object_get(o, "name")), *id;
    json_object_set_new(body, "addresses", values_of(json_object_get(o, "addresses"), "address"));
    json_object_set_new(body, "emails", values_of(json_object_get(o, "emails"), "email"));
    json_object_set_new(body, "phones", values_of(json_object_get(o, "phones"), "phone"));
    json_object_set_new(body, "responsibles",
                        map_array(w, "member", json_object_get(o, "responsibles")));
    if (create(w, "organization", o, "/crm/organizations", body, "organization", &id))
        return -1;
    char target[200];
    snprintf(target, sizeof(target), "/crm/organizations/%s/tags", json_string_value(id));
    json_decref(id);
    return put_tags_each(w, o, target, "tagId");
}

static int put_contact(struct writer *w, json_t *c)
{
    static const char *const keys[] = {"lastName", "firstName", "middleName", NULL};
    json_t *body = json_object();
    copy_keys(body, c, keys);
    json_object_set_new(body, "organizations",
                        map_array(w, "organization", json_object_get(c, "organizations")));
    json_object_set_new(body, "emails", values_of(json_object_get(c, "emails"), "email"));
    json_object_set_new(body, "phones", values_of(json_object_get(c, "phones"), "phone"));
    json_object_set_new(body, "tags", map_array(w, "tag", json_object_get(c, "tags")));
    return create(w, "contact", c, "/crm/contacts", body, "contact", NULL);
}

static int put_deal(struct writer *w, json_t *d)
{
    json_t *status = map_get(w, "status", json_object_get(d, "statusId"));
    if (!status)
        return fail(w, "a deal in an unknown status");
    static const char *const keys[] = {"title", "amount", "winStatus", "description", NULL};
    json_t *body = json_object(), *id;
    copy_keys(body, d, keys);
    json_object_set_new(body, "assignees", map_array(w, "member", json_object_get(d, "assignees")));
    json_object_set_new(body, "organizations",
                        map_array(w, "organization", json_object_get(d, "organizations")));
    json_object_set_new(body, "contacts", map_array(w, "contact", json_object_get(d, "contacts")));
    json_object_set_new(body, "tags", map_array(w, "tag", json_object_get(d, "tags")));
    json_object_set_new(body, "customFields",
                        field_values(w, json_object_get(d, "customFields"), false, NULL));
    const char *sid = json_string_value(status);
    char target[200];
    snprintf(target, sizeof(target), "/crm/statuses/%s/deals", sid);
    if (create(w, "deal", d, target, body, "deal", &id))
        return -1;
    /* a new deal goes on top (docs/internals/crm.md): put it below the one written before */
    json_t *prev = json_object_get(w->last_deal, sid);
    int rc = 0;
    if (prev) {
        snprintf(target, sizeof(target), "/crm/deals/%s/move", json_string_value(id));
        rc = call_ok(w, "POST", target,
                     json_pack("{sOsO}", "statusId", status, "previousDealId", prev));
    }
    json_object_set(w->last_deal, sid, id);
    if (json_array_size(json_object_get(d, "tasks")))
        skip(w, "links of deals to tasks (no route links an existing task)");
    snprintf(target, sizeof(target), "/crm/deals/%s/attachments", json_string_value(id));
    json_decref(id);
    return rc ? rc : upload_all(w, d, target);
}

/* ---- sections --------------------------------------------------------------------------- */

int writer_put(struct writer *w, const char *section, json_t *obj)
{
    if (!strcmp(section, "members"))
        return put_member(w, obj);
    if (!strcmp(section, "tags"))
        return put_tag(w, obj);
    if (!strcmp(section, "customFields"))
        return put_field(w, obj, "/tm/custom-fields");
    if (!strcmp(section, "portfolios"))
        return json_array_append(w->portfolios, obj);
    if (!strcmp(section, "projects"))
        return put_project(w, obj);
    if (!strcmp(section, "boards"))
        return put_board(w, obj);
    if (!strcmp(section, "boardColumns"))
        return put_column(w, obj);
    if (!strcmp(section, "tasks"))
        return put_task(w, obj);
    if (!strcmp(section, "columnOrders"))
        return put_column_order(w, obj);
    if (!strcmp(section, "funnels"))
        return put_funnel(w, obj);
    if (!strcmp(section, "statuses"))
        return put_status(w, obj);
    if (!strcmp(section, "organizations"))
        return put_organization(w, obj);
    if (!strcmp(section, "contacts"))
        return put_contact(w, obj);
    if (!strcmp(section, "deals"))
        return put_deal(w, obj);
    return 0; /* currencies (a fixed catalogue), workspace: nothing to write */
}

int writer_end(struct writer *w, const char *section)
{
    if (!strcmp(section, "portfolios"))
        return portfolios_end(w);
    if (!strcmp(section, "boardColumns"))
        return drop_spares(w, "column", "/tm/board-columns");
    if (!strcmp(section, "tasks"))
        return tasks_end(w);
    if (!strcmp(section, "statuses"))
        return drop_spares(w, "status", "/crm/statuses");
    return 0;
}

int writer_finish(struct writer *w)
{
    size_t i;
    json_t *v;
    json_array_foreach(w->deferred, i, v)
    {
        json_t *values = json_object(), *cf;
        const char *k;
        json_object_foreach(json_object_get(v, "values"), k, cf)
        {
            json_t *c = map_get(w, "contact", cf);
            if (c)
                json_object_set(values, k, c);
        }
        char target[100];
        json_t *task = json_object_get(v, "task");
        snprintf(target, sizeof(target), "/tm/tasks/%lld", (long long)json_integer_value(task));
        if (map_get(w, "deleted", task)) { /* a resumed import that got this far */
            json_decref(values);
            continue;
        }
        if (call_ok(w, "PUT", target, json_pack("{so}", "customFields", values)))
            return -1;
    }
    json_array_foreach(w->deleted, i, v)
    {
        char target[100];
        snprintf(target, sizeof(target), "/tm/tasks/%lld", (long long)json_integer_value(v));
        if (map_get(w, "deleted", v))
            continue;
        if (call_ok(w, "DELETE", target, NULL) || map_put(w, "deleted", v, json_true()))
            return -1;
    }
    json_array_foreach(w->archive, i, v)
    {
        char target[100];
        snprintf(target, sizeof(target), "/tm/projects/%lld/archive",
                 (long long)json_integer_value(v));
        if (map_get(w, "archived", v))
            continue;
        if (call_ok(w, "POST", target, NULL) || map_put(w, "archived", v, json_true()))
            return -1;
    }
    return 0;
}

/* export.c — the workspace document (export.h, docs/export-format.md). Reads through a
 * client (client.h) exactly what a client of the API can read, page by page, and writes
 * each object as it arrives: memory holds one page plus the ids of the containers (projects,
 * boards, columns, funnels, statuses), never the tasks or deals. Attachment bytes are
 * inlined as base64 under "content" in their attachment object. */
#include "port/export.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "port/b64.h"
#include "port/client.h"
#include "core/common.h"

#define PAGE 100

/* ids of containers: integers or strings kept as JSON values */
struct ids {
    json_t *list;
};

struct ex {
    struct client *c;
    FILE *f;
    char *err;
    size_t errlen;
    bool first; /* first element of the open array */
    bool first_key;
    bool no_comments;     /* the source has no comments route (an older server) */
    long comments_unread; /* tasks whose comments answered 404 (gone since listed) */
};

static int put(struct ex *x, const char *s)
{
    if (fputs(s, x->f) == EOF) {
        snprintf(x->err, x->errlen, "write failed");
        return -1;
    }
    return 0;
}

static int key(struct ex *x, const char *k)
{
    char b[128];
    snprintf(b, sizeof(b), "%s\n\"%s\":", x->first_key ? "" : ",", k);
    x->first_key = false;
    return put(x, b);
}

static int open_array(struct ex *x, const char *k)
{
    x->first = true;
    return key(x, k) || put(x, "[");
}

static int element(struct ex *x, json_t *v)
{
    if (put(x, x->first ? "\n" : ",\n"))
        return -1;
    x->first = false;
    if (json_dumpf(v, x->f, JSON_COMPACT | JSON_ENSURE_ASCII)) {
        snprintf(x->err, x->errlen, "write failed");
        return -1;
    }
    return 0;
}

static json_t *get(struct ex *x, const char *target, const char *envelope)
{
    json_t *body = client_json(x->c, "GET", target, NULL, x->err, x->errlen);
    if (!body)
        return NULL;
    json_t *v = json_object_get(body, envelope);
    if (!v) {
        snprintf(x->err, x->errlen, "GET %s: no \"%s\" in the answer", target, envelope);
        json_decref(body);
        return NULL;
    }
    json_incref(v);
    json_decref(body);
    return v;
}

/* Attachments fetched together (at most BATCH files in memory at once, as many downloads
 * at a time as the client allows). */
#define BATCH 8

/* Fetch f[0..n) and inline each as "content" (base64) of atts[i]. */
static int fetch_batch(struct ex *x, struct client_fetch *f, json_t **atts, size_t n)
{
    if (client_bytes_many(x->c, f, n, x->err, x->errlen))
        return -1;
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char *text = rc ? NULL : b64_encode(f[i].out, f[i].len);
        free(f[i].out);
        if (!rc && (!text || json_object_set_new(atts[i], "content", json_string(text)))) {
            snprintf(x->err, x->errlen, "out of memory");
            rc = -1;
        }
        free(text);
    }
    return rc;
}

/* Inline the attachments of owners [from, to) of list, BATCH downloads at a time. */
static int inline_attachments(struct ex *x, json_t *list, size_t from, size_t to)
{
    struct client_fetch f[BATCH];
    char targets[BATCH][160];
    json_t *atts[BATCH];
    size_t n = 0;
    for (size_t k = from; k < to; k++) {
        size_t i;
        json_t *att;
        json_array_foreach(json_object_get(json_array_get(list, k), "attachments"), i, att)
        {
            const char *id = json_string_value(json_object_get(att, "id"));
            if (!id)
                continue;
            snprintf(targets[n], sizeof(targets[n]), "/ws/attachments/%s/content", id);
            f[n] = (struct client_fetch){targets[n], json_string_value(json_object_get(att, "url")),
                                         NULL, 0};
            atts[n++] = att;
            if (n == BATCH) {
                if (fetch_batch(x, f, atts, n))
                    return -1;
                n = 0;
            }
        }
    }
    return n ? fetch_batch(x, f, atts, n) : 0;
}

/* Tasks whose comments are read together (as many requests at a time as the client
 * allows), so memory holds the comments of this many tasks at most. */
#define COMMENT_BATCH 32
#define COMMENT_PAGE  100

/* An answer that names no route: Laravel's 404 for a URL it does not know. */
static bool route_unknown(long status, json_t *body)
{
    const char *m = json_string_value(json_object_get(body, "message"));
    return status == 404 && m && !strncmp(m, "The route ", 10) && strstr(m, "could not be found");
}

/* The rest of a task's comments after a first page that said hasMore, appended to all. */
static int more_comments(struct ex *x, long long task, json_t *all)
{
    for (size_t offset = json_array_size(all);;) {
        char target[120];
        snprintf(target, sizeof(target), "/tm/tasks/%lld/comments?limit=%d&offset=%zu", task,
                 COMMENT_PAGE, offset);
        json_t *body = client_json(x->c, "GET", target, NULL, x->err, x->errlen);
        if (!body)
            return -1;
        json_t *list = json_object_get(body, "comments");
        json_array_extend(all, list);
        offset += json_array_size(list);
        bool more = json_is_true(json_object_get(body, "hasMore")) && json_array_size(list);
        json_decref(body);
        if (!more)
            return 0;
    }
}

/* Each task of list [from, to) gets "comments": every comment, as GET
 * /tm/tasks/{id}/comments lists them (newest first). Decision: a source without that
 * route (404 "The route ... could not be found": a weeekd or Weeek older than the comments)
 * is read without comments, the tasks then carrying no "comments" key, said once on
 * stderr; a task whose comments answer another 404 or a 400 (gone since it was listed)
 * carries none either, and is counted. Any other error fails, as everywhere. */
static int read_comments(struct ex *x, json_t *list, size_t from, size_t to)
{
    if (x->no_comments)
        return 0;
    struct client_get g[COMMENT_BATCH];
    char targets[COMMENT_BATCH][96];
    size_t n = 0;
    for (size_t k = from; k < to && n < COMMENT_BATCH; k++, n++) {
        long long id =
            (long long)json_integer_value(json_object_get(json_array_get(list, k), "id"));
        snprintf(targets[n], sizeof(targets[n]), "/tm/tasks/%lld/comments?limit=%d&offset=0", id,
                 COMMENT_PAGE);
        g[n] = (struct client_get){.target = targets[n]};
    }
    if (client_json_many(x->c, g, n, x->err, x->errlen))
        return -1;
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *task = json_array_get(list, from + i);
        json_t *got = json_object_get(g[i].body, "comments");
        const char *msg = json_string_value(json_object_get(g[i].body, "message"));
        if (rc || x->no_comments) {
            /* nothing more to read: the bodies are only freed */
        } else if (g[i].status == 200 && json_is_array(got)) {
            json_object_set(task, "comments", got);
            if (json_is_true(json_object_get(g[i].body, "hasMore")) && json_array_size(got))
                rc = more_comments(x, (long long)json_integer_value(json_object_get(task, "id")),
                                   got);
        } else if (route_unknown(g[i].status, g[i].body)) {
            x->no_comments = true;
            fputs("weeekd: the source has no comments route (404): tasks are read without "
                  "their comments\n",
                  stderr);
        } else if (g[i].status == 404 || g[i].status == 400) {
            x->comments_unread++;
        } else {
            snprintf(x->err, x->errlen, "GET %s: %ld %.300s", g[i].target, g[i].status,
                     msg ? msg : "(no comments in the answer)");
            rc = -1;
        }
        json_decref(g[i].body);
    }
    return rc;
}

/* The elements of a page into the open array, attachments inlined batch by batch (each
 * batch's bytes dropped once its owners are written) and, with comments, each task's
 * comments read COMMENT_BATCH tasks at a time; ids into keep. */
static int write_page(struct ex *x, json_t *list, bool attachments, bool comments, json_t *keep)
{
    size_t n = json_array_size(list);
    for (size_t chunk = 0; chunk < n; chunk += COMMENT_BATCH) {
        size_t end = chunk + COMMENT_BATCH < n ? chunk + COMMENT_BATCH : n;
        if (comments && read_comments(x, list, chunk, end))
            return -1;
        for (size_t from = chunk; from < end;) {
            size_t to = from + 1, files = 0;
            if (attachments) {
                files = json_array_size(json_object_get(json_array_get(list, from), "attachments"));
                while (to < end) {
                    size_t more =
                        json_array_size(json_object_get(json_array_get(list, to), "attachments"));
                    if (files + more > BATCH)
                        break;
                    files += more;
                    to++;
                }
                if (files && inline_attachments(x, list, from, to))
                    return -1;
            }
            for (size_t k = from; k < to; k++) {
                json_t *v = json_array_get(list, k);
                if (element(x, v))
                    return -1;
                if (keep)
                    json_array_append(keep, json_object_get(v, "id"));
                size_t i;
                json_t *att;
                json_array_foreach(json_object_get(v, "attachments"), i, att)
                {
                    json_object_del(att, "content");
                }
                json_object_del(v, "comments");
            }
            from = to;
        }
    }
    return 0;
}

/* A whole (unpaged) list as one section; ids of its elements collected into keep. */
static int section(struct ex *x, const char *name, const char *target, const char *envelope,
                   json_t *keep)
{
    json_t *list = get(x, target, envelope);
    if (!list || open_array(x, name))
        return json_decref(list), -1;
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v)
    {
        if (element(x, v))
            return json_decref(list), -1;
        if (keep)
            json_array_append(keep, json_object_get(v, "id"));
    }
    json_decref(list);
    return put(x, "]");
}

static void id_text(json_t *id, char *out, size_t n)
{
    if (json_is_integer(id))
        snprintf(out, n, "%lld", (long long)json_integer_value(id));
    else
        snprintf(out, n, "%s", json_string_value(id) ? json_string_value(id) : "");
}

/* Elements of one paged list appended to the open array: base is the target up to and
 * including its '?' or '&', per the page-size parameter ("limit", "perPage"); more_key names
 * the "has more" flag. With attachments, each element's attachment bytes are inlined; keep
 * collects ids. */
static int pages(struct ex *x, const char *base, const char *per, const char *envelope,
                 const char *more_key, bool attachments, bool comments, json_t *keep)
{
    for (int offset = 0;; offset += PAGE) {
        char target[300];
        snprintf(target, sizeof(target), "%s%s=%d&offset=%d", base, per, PAGE, offset);
        json_t *body = client_json(x->c, "GET", target, NULL, x->err, x->errlen);
        if (!body)
            return -1;
        json_t *list = json_object_get(body, envelope);
        if (write_page(x, list, attachments, comments, keep))
            return json_decref(body), -1;
        bool more = json_is_true(json_object_get(body, more_key)) && json_array_size(list);
        json_decref(body);
        if (!more)
            return 0;
    }
}

/* For each id in parents, the whole list at pre + id + post into the open array; each
 * element gets parent_key = the parent's id when the API leaves it out. */
static int per_parent(struct ex *x, json_t *parents, const char *pre, const char *post,
                      const char *envelope, const char *parent_key, json_t *keep)
{
    size_t i;
    json_t *pid;
    json_array_foreach(parents, i, pid)
    {
        char idt[64], target[300];
        id_text(pid, idt, sizeof(idt));
        snprintf(target, sizeof(target), "%s%s%s", pre, idt, post);
        json_t *list = get(x, target, envelope);
        if (!list)
            return -1;
        size_t k;
        json_t *v;
        json_array_foreach(list, k, v)
        {
            if (parent_key && !json_object_get(v, parent_key))
                json_object_set(v, parent_key, pid);
            if (element(x, v))
                return json_decref(list), -1;
            if (keep)
                json_array_append(keep, json_object_get(v, "id"));
        }
        json_decref(list);
    }
    return 0;
}

/* The order of tasks in each column: {"boardColumnId":X,"taskIds":[...]} per column. */
static int column_orders(struct ex *x, json_t *columns)
{
    size_t i;
    json_t *cid;
    json_array_foreach(columns, i, cid)
    {
        json_t *order = json_array();
        for (int offset = 0;; offset += PAGE) {
            char target[200];
            snprintf(target, sizeof(target),
                     "/tm/tasks?boardColumnId=%lld&all=1&perPage=%d&offset=%d",
                     (long long)json_integer_value(cid), PAGE, offset);
            json_t *body = client_json(x->c, "GET", target, NULL, x->err, x->errlen);
            if (!body)
                return json_decref(order), -1;
            json_t *list = json_object_get(body, "tasks");
            size_t k;
            json_t *t;
            json_array_foreach(list, k, t)
            {
                json_array_append(order, json_object_get(t, "id"));
            }
            bool more = json_is_true(json_object_get(body, "hasMore")) && json_array_size(list);
            json_decref(body);
            if (!more)
                break;
        }
        json_t *e = json_pack("{sOso}", "boardColumnId", cid, "taskIds", order);
        int rc = element(x, e);
        json_decref(e);
        if (rc)
            return -1;
    }
    return 0;
}

static int run(struct ex *x)
{
    json_t *ws = get(x, "/ws", "workspace");
    if (!ws)
        return -1;
    char head[128];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    char when[32];
    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
    snprintf(head, sizeof(head), "{\"format\":\"%s\",\n\"version\":%d,\n\"exportedAt\":\"%s\"",
             EXPORT_FORMAT, EXPORT_VERSION, when);
    x->first_key = false;
    if (put(x, head) || key(x, "workspace") ||
        json_dumpf(ws, x->f, JSON_COMPACT | JSON_ENSURE_ASCII)) {
        json_decref(ws);
        return -1;
    }
    json_decref(ws);

    json_t *projects = json_array(), *boards = json_array(), *columns = json_array();
    json_t *funnels = json_array(), *statuses = json_array();
    int rc = -1;
    if (section(x, "members", "/ws/members", "members", NULL) ||
        section(x, "tags", "/ws/tags", "tags", NULL) ||
        section(x, "currencies", "/crm/currencies", "currencies", NULL) ||
        section(x, "customFields", "/tm/custom-fields", "data", NULL))
        goto out;
    if (open_array(x, "portfolios") ||
        pages(x, "/tm/portfolios?", "limit", "data", "hasMore", false, false, NULL) || put(x, "]"))
        goto out;
    if (section(x, "projects", "/tm/projects", "projects", projects))
        goto out;
    if (open_array(x, "boards") ||
        per_parent(x, projects, "/tm/boards?projectId=", "", "boards", "projectId", boards) ||
        put(x, "]"))
        goto out;
    if (open_array(x, "boardColumns") ||
        per_parent(x, boards, "/tm/board-columns?boardId=", "", "boardColumns", "boardId",
                   columns) ||
        put(x, "]"))
        goto out;
    if (open_array(x, "tasks") ||
        pages(x, "/tm/tasks?all=1&", "perPage", "tasks", "hasMore", true, true, NULL) ||
        put(x, "]"))
        goto out;
    if (open_array(x, "columnOrders") || column_orders(x, columns) || put(x, "]"))
        goto out;
    if (section(x, "funnels", "/crm/funnels", "funnels", funnels))
        goto out;
    if (open_array(x, "statuses") ||
        per_parent(x, funnels, "/crm/funnels/", "/statuses", "statuses", "funnelId", statuses) ||
        put(x, "]"))
        goto out;
    if (open_array(x, "organizations") ||
        pages(x, "/crm/organizations?", "limit", "organizations", "hasMore", false, false, NULL) ||
        put(x, "]"))
        goto out;
    if (open_array(x, "contacts") ||
        pages(x, "/crm/contacts?", "limit", "contacts", "hasMore", false, false, NULL) ||
        put(x, "]"))
        goto out;
    if (open_array(x, "deals"))
        goto out;
    size_t i;
    json_t *sid;
    json_array_foreach(statuses, i, sid)
    {
        char base[160];
        snprintf(base, sizeof(base), "/crm/statuses/%s/deals?", json_string_value(sid));
        if (pages(x, base, "limit", "deals", "hasMoreDeals", true, false, NULL))
            goto out;
    }
    if (put(x, "]") || put(x, "\n}\n"))
        goto out;
    rc = 0;
out:
    json_decref(projects);
    json_decref(boards);
    json_decref(columns);
    json_decref(funnels);
    json_decref(statuses);
    return rc;
}

int port_export(struct client *c, FILE *out, char *err, size_t errlen)
{
    struct ex x = {.c = c, .f = out, .err = err, .errlen = errlen, .first_key = true};
    err[0] = '\0';
    if (run(&x))
        return -1;
    if (x.comments_unread)
        fprintf(stderr, "weeekd: %ld tasks without their comments (the source answered 404)\n",
                x.comments_unread);
    if (fflush(out)) {
        snprintf(err, errlen, "write failed");
        return -1;
    }
    return 0;
}

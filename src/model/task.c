/* task.c — see task.h. Related rows are read for a batch of tasks at once (one statement
 * per relation, the ids passed as a JSON array), so a list page costs a fixed number of
 * queries whatever its size; on PostgreSQL one task by id comes with all of them in one
 * statement (task_get). Column orders are sparse keys (model/order.h). */
#include "model/task.h"
#include "model/list_query.h"
#include <stdio.h>
#include <string.h>

#include "model/attachment.h"
#include "model/board.h"
#include "model/cf_value.h"
#include "model/order.h"
#include "model/time_entry.h"
#include "model/util.h"
#include "store/search.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/rc.h"
#include "core/common.h"

static int64_t int_or_none(const struct sql_rows *rows, size_t r, size_t c)
{
    return sql_cell(rows, r, c)->type == SQL_NULL ? TASK_NONE : sql_int(rows, r, c);
}

static struct sql_val sv_opt(int64_t v)
{
    return v == TASK_NONE ? SV_NULL : SV_INT(v);
}

_Static_assert(TASK_NONE == ROW_NONE, "a NULL optional column reads as TASK_NONE");

static const struct row_field TASK_ROW[] = {
    ROW_FIELDS(struct task, ROW_INT, id),
    ROW_FIELDS(struct task, ROW_OPT, parent_id),
    ROW_FIELDS(struct task, ROW_TEXT, title, description, type),
    ROW_FIELDS(struct task, ROW_OPT, priority, duration),
    ROW_FIELDS(struct task, ROW_BOOL, is_completed),
    ROW_FIELDS(struct task, ROW_OPT, completed_at),
    ROW_FIELDS(struct task, ROW_BOOL, is_deleted, is_private),
    ROW_FIELDS(struct task, ROW_TEXT, author_id),
    ROW_FIELDS(struct task, ROW_OPT, start_day, start_sec, due_day, due_sec),
    ROW_FIELDS(struct task, ROW_INT, created_at, updated_at),
};

void task_from_row(const struct sql_rows *rows, size_t r, void *out)
{
    row_read(rows, r, TASK_ROW, ARRAY_LEN(TASK_ROW), sizeof(struct task), out);
}

/* "[id,id,...]" in the arena: the *_for queries take the ids as one parameter */
static const char *ids_json(struct arena *a, const struct task *tasks, size_t n)
{
    int64_t *ids = arena_alloc(a, (n ? n : 1) * sizeof(*ids));
    if (!ids)
        return NULL;
    for (size_t i = 0; i < n; i++)
        ids[i] = tasks[i].id;
    return lq_json_ints(a, ids, n);
}

/* index of the task with this id; tasks are few (a page), so a scan is enough */
static struct task *find(struct task *tasks, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (tasks[i].id == id)
            return &tasks[i];
    return NULL;
}

/* Give each task its slice of one array of the relation's rows (column 0 = task id). */
static int distribute(struct arena *a, struct task *tasks, size_t n, const struct sql_rows *rows,
                      size_t elem, size_t off_ptr, size_t off_n,
                      void (*put)(void *slot, const struct sql_rows *rows, size_t r))
{
    char *all = arena_calloc(a, rows->nrows ? rows->nrows : 1, elem);
    if (!all)
        return RC_NOMEM;
    /* rows come ordered by task id, so each task's rows are contiguous */
    for (size_t r = 0; r < rows->nrows;) {
        int64_t id = sql_int(rows, r, 0);
        size_t end = r;
        while (end < rows->nrows && sql_int(rows, end, 0) == id)
            end++;
        struct task *t = find(tasks, n, id);
        if (t) {
            *(void **)((char *)t + off_ptr) = all + r * elem;
            *(size_t *)((char *)t + off_n) = end - r;
            for (size_t k = r; k < end; k++)
                put(all + k * elem, rows, k);
        }
        r = end;
    }
    return RC_OK;
}

/* Give each task its run of items[0..nitems) (elem bytes each, ordered by the task id at
 * key in each item): the array at ptr of the task and its count at count. */
static void spread(struct task *tasks, size_t n, void *items, size_t nitems, size_t elem,
                   size_t key, size_t ptr, size_t count)
{
    char *base = items;
    for (size_t i = 0; i < nitems;) {
        int64_t id = *(const int64_t *)(const void *)(base + i * elem + key);
        size_t end = i;
        while (end < nitems && *(const int64_t *)(const void *)(base + end * elem + key) == id)
            end++;
        struct task *t = find(tasks, n, id);
        if (t) {
            *(void **)(void *)((char *)t + ptr) = base + i * elem;
            *(size_t *)(void *)((char *)t + count) = end - i;
        }
        i = end;
    }
}

static void put_location(void *slot, const struct sql_rows *rows, size_t r)
{
    struct task_location *l = slot;
    l->project_id = sql_int(rows, r, 1);
    l->board_id = int_or_none(rows, r, 2);
    l->column_id = int_or_none(rows, r, 3);
}

static void put_text(void *slot, const struct sql_rows *rows, size_t r)
{
    *(const char **)slot = sql_text(rows, r, 1);
}

static void put_int(void *slot, const struct sql_rows *rows, size_t r)
{
    *(int64_t *)slot = sql_int(rows, r, 1);
}

static int fill(struct store *st, struct arena *a, enum sql_id q, const struct sql_val *args,
                struct task *tasks, size_t n, size_t elem, size_t off_ptr, size_t off_n,
                void (*put)(void *, const struct sql_rows *, size_t))
{
    struct sql_rows rows;
    int rc = store_query(st, a, q, args, 2, &rows);
    return rc ? rc : distribute(a, tasks, n, &rows, elem, off_ptr, off_n, put);
}

/* whether custom field f applies to task t: tm fields, and those of its projects and boards */
static bool task_has(const struct custom_field *f, const void *holder)
{
    const struct task *t = holder;
    if (strcmp(f->scope, CF_SCOPE_TM) == 0)
        return true;
    for (size_t i = 0; i < t->nlocations; i++) {
        const struct task_location *l = &t->locations[i];
        if (strcmp(f->scope, CF_SCOPE_PROJECT) == 0 && l->project_id == f->project_id)
            return true;
        if (strcmp(f->scope, CF_SCOPE_BOARD) == 0 && l->board_id != TASK_NONE &&
            l->board_id == f->board_id)
            return true;
    }
    return false;
}

/* each task's applicable custom fields with their values (after its locations) */
static int fill_custom_fields(struct store *st, struct arena *a, int64_t ws_id, const char *ids,
                              struct task *tasks, size_t n)
{
    struct cf_batch b;
    int rc = cf_batch_load(st, a, ws_id, CF_TASKS, ids, &b);
    for (size_t i = 0; !rc && i < n; i++)
        rc = cf_batch_entries(a, &b, SV_INT(tasks[i].id), task_has, &tasks[i],
                              &tasks[i].custom_fields, &tasks[i].ncustom_fields);
    return rc;
}

/* each task's time entries */
static int fill_time_entries(struct store *st, struct arena *a, int64_t ws_id, const char *ids,
                             struct task *tasks, size_t n)
{
    struct time_entry *entries = NULL;
    size_t nentries = 0;
    int rc = time_entry_list_for(st, a, ws_id, ids, &entries, &nentries);
    if (!rc)
        spread(tasks, n, entries, nentries, sizeof(*entries), offsetof(struct time_entry, task_id),
               offsetof(struct task, time_entries), offsetof(struct task, ntime_entries));
    return rc;
}

/* a task's related rows, all read with (ws_id, ids as a JSON array) */
static const enum sql_id related[] = {
    Q_TASK_LOCATIONS_FOR, Q_TASK_ASSIGNEES_FOR,  Q_TASK_WATCHERS_FOR,         Q_TASK_TAGS_FOR,
    Q_TASK_SUBTASKS_FOR,  Q_TIME_ENTRY_LIST_FOR, Q_ATTACHMENT_LIST_FOR_TASKS, Q_CF_FIELDS_FOR_TASKS,
    Q_CF_VALUES_FOR_TASKS};

const enum sql_id *task_related_queries(size_t *n, size_t *first_col)
{
    *n = ARRAY_LEN(related);
    *first_col = ARRAY_LEN(TASK_ROW);
    return related;
}

/* fetched: the related rows were prefetched already (task_get) */
static int fill_related(struct store *st, struct arena *a, int64_t ws_id, struct task *tasks,
                        size_t n, const char *ids, bool fetched)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(ids)};
    /* one round trip for all of them on PostgreSQL; the reads below then find their rows */
    struct store_prefetch pre[ARRAY_LEN(related)];
    for (size_t i = 0; i < ARRAY_LEN(related); i++)
        pre[i] = (struct store_prefetch){related[i], args, 2};
    int rc = fetched ? RC_OK : store_prefetch(st, a, pre, ARRAY_LEN(related));
    if (!rc)
        rc =
            fill(st, a, Q_TASK_LOCATIONS_FOR, args, tasks, n, sizeof(struct task_location),
                 offsetof(struct task, locations), offsetof(struct task, nlocations), put_location);
    if (!rc)
        rc = fill(st, a, Q_TASK_ASSIGNEES_FOR, args, tasks, n, sizeof(char *),
                  offsetof(struct task, assignees), offsetof(struct task, nassignees), put_text);
    if (!rc)
        rc = fill(st, a, Q_TASK_WATCHERS_FOR, args, tasks, n, sizeof(char *),
                  offsetof(struct task, watchers), offsetof(struct task, nwatchers), put_text);
    if (!rc)
        rc = fill(st, a, Q_TASK_TAGS_FOR, args, tasks, n, sizeof(int64_t),
                  offsetof(struct task, tags), offsetof(struct task, ntags), put_int);
    if (!rc)
        rc = fill(st, a, Q_TASK_SUBTASKS_FOR, args, tasks, n, sizeof(int64_t),
                  offsetof(struct task, subtasks), offsetof(struct task, nsubtasks), put_int);
    if (!rc)
        rc = fill_time_entries(st, a, ws_id, ids, tasks, n);
    struct attachment *files = NULL;
    size_t nfiles = 0;
    if (!rc)
        rc = attachment_list_for_tasks(st, a, ws_id, ids, &files, &nfiles);
    if (!rc)
        spread(tasks, n, files, nfiles, sizeof(*files), offsetof(struct attachment, owner.task_id),
               offsetof(struct task, attachments), offsetof(struct task, nattachments));
    /* after the locations: they decide which project and board fields apply */
    if (!rc)
        rc = fill_custom_fields(st, a, ws_id, ids, tasks, n);
    return rc;
}

int task_fill_related(struct store *st, struct arena *a, int64_t ws_id, struct task *tasks,
                      size_t n)
{
    if (n == 0)
        return RC_OK;
    const char *ids = ids_json(a, tasks, n);
    return ids ? fill_related(st, a, ws_id, tasks, n, ids, false) : RC_NOMEM;
}

int task_fill_brief(struct store *st, struct arena *a, int64_t ws_id, struct task *tasks, size_t n)
{
    if (n == 0)
        return RC_OK;
    const char *ids = ids_json(a, tasks, n);
    if (!ids)
        return RC_NOMEM;
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(ids)};
    int rc =
        fill(st, a, Q_TASK_LOCATIONS_FOR, args, tasks, n, sizeof(struct task_location),
             offsetof(struct task, locations), offsetof(struct task, nlocations), put_location);
    if (!rc)
        rc = fill_time_entries(st, a, ws_id, ids, tasks, n);
    return rc;
}

int task_get(struct store *st, struct arena *a, int64_t ws_id, int64_t id, struct task *out)
{
    /* SQLite: the row, then a statement per relation (function calls). Its JSON functions
     * cost more than those statements once a task has a few dozen related rows (callgrind:
     * 562k -> 695k instructions for 41 rows; 286k -> 278k for a plain task). */
    if (!store_remote(st)) {
        int rc = task_get_row(st, a, ws_id, id, out);
        return rc ? rc : task_fill_related(st, a, ws_id, out, 1);
    }
    /* PostgreSQL: the row and its related rows in one statement (a statement's fixed cost
     * on the server, paid ten times in a pipeline, is most of a plain task's read): each
     * relation a JSON column with the rows its *_for query would give, kept for that query
     * (store_keep) so fill_related reads them as it reads a prefetch */
    struct sql_val row_args[] = {SV_INT(ws_id), SV_INT(id)};
    struct sql_rows row;
    int rc = store_query(st, a, Q_TASK_GET_FULL, row_args, 2, &row);
    if (rc)
        return rc;
    if (row.nrows == 0)
        return RC_NOTFOUND;
    task_from_row(&row, 0, out);
    const char *ids = ids_json(a, out, 1);
    if (!ids)
        return RC_NOMEM;
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(ids)};
    for (size_t i = 0; !rc && i < ARRAY_LEN(related); i++) {
        size_t ncols = 0;
        struct sql_rows rows;
        rc = store_columns(st, related[i], &ncols);
        if (!rc)
            rc = store_rows_from_json(a, sql_text(&row, 0, ARRAY_LEN(TASK_ROW) + i), ncols, &rows);
        if (!rc)
            rc = store_keep(st, a, &(struct store_prefetch){related[i], args, 2}, &rows);
    }
    return rc ? rc : fill_related(st, a, ws_id, out, 1, ids, true);
}

int task_get_row(struct store *st, struct arena *a, int64_t ws_id, int64_t id, struct task *out)
{
    return ws_query_one(st, a, Q_TASK_GET, ws_id, SV_INT(id), task_from_row, out);
}

int task_get_live(struct store *st, struct arena *a, int64_t ws_id, int64_t id, struct task *out)
{
    int rc = task_get_row(st, a, ws_id, id, out);
    if (!rc && out->is_deleted)
        rc = RC_NOTFOUND;
    return rc;
}

int task_touch(struct store *st, int64_t ws_id, int64_t task_id)
{
    return touch_row(st, Q_TASK_TOUCH, ws_id, SV_INT(task_id));
}

/* ---- column orders ------------------------------------------------------------------------ */

/* A column's live tasks are a sparse order (model/order.h, GAP_COLUMN_TASKS); deleted
 * tasks keep a stale key that every neighbour query skips. */

/* Put task_id (already stored with column_id) at the end of the column's order, or just
 * below `after` / above `before`. RC_NOTFOUND when that is not another task of the column.
 * `newcomer`: the task was not in this column before (so without a target it goes last). */
static int insert_in_column(struct store *st, struct arena *a, int64_t ws_id, int64_t column_id,
                            int64_t task_id, int64_t after, int64_t before, bool newcomer)
{
    int64_t target = after == TASK_AT_END ? 0 : after ? after : before;
    if (target == task_id)
        return RC_OK; /* a target that is the task itself leaves it where it is */
    if (!target && !newcomer && after != TASK_AT_END)
        return RC_OK;
    bool below = after && after != TASK_AT_END;
    int64_t pos = 0;
    int rc = target ? order_gap_beside(st, a, GAP_COLUMN_TASKS, ws_id, SV_INT(column_id),
                                       SV_INT(task_id), SV_INT(target), below, &pos)
                    : order_gap_edge(st, a, GAP_COLUMN_TASKS, ws_id, SV_INT(column_id),
                                     SV_INT(task_id), false, &pos);
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(column_id), SV_INT(task_id), SV_INT(pos)};
    return rc ? rc : store_exec_later(st, Q_COLUMN_TASK_SET_POSITION, args, 4, false);
}

/* ---- create and update -------------------------------------------------------------------- */

static int place(struct store *st, struct arena *a, int64_t ws_id, int64_t task_id,
                 const struct task_location *loc, int64_t after, int64_t before,
                 const struct task *known);

static int add_members(struct store *st, int64_t ws_id, int64_t task_id, enum sql_id q,
                       const char *const *members, size_t n, bool with_time)
{
    int64_t now = clock_now_ms();
    for (size_t i = 0; i < n; i++) {
        struct sql_val args[] = {SV_INT(ws_id), SV_INT(task_id), SV_TEXT(members[i]), SV_INT(now)};
        /* nothing waits for these rows: they go out with the next exchange (store.h) */
        int rc = store_exec_later(st, q, args, with_time ? 4 : 3, false);
        if (rc)
            return rc;
    }
    return RC_OK;
}

int task_create(struct store *st, struct arena *a, int64_t ws_id, struct task *t)
{
    int64_t now = clock_now_ms();
    /* a new subtask goes to the end of its parent's subtasks */
    int64_t sub_key = 0;
    if (t->parent_id != TASK_NONE) {
        int rc = order_gap_edge(st, a, GAP_SUBTASKS, ws_id, SV_INT(t->parent_id), SV_INT(0), false,
                                &sub_key);
        if (rc)
            return rc;
    }
    struct sql_val args[] = {
        SV_INT(ws_id),
        sv_opt(t->parent_id),
        SV_TEXT_OR_NULL(t->title),
        SV_TEXT_OR_NULL(t->description),
        SV_TEXT(t->type),
        sv_opt(t->priority),
        sv_opt(t->duration),
        SV_INT(t->is_private),
        SV_TEXT(t->author_id),
        sv_opt(t->start_day),
        sv_opt(t->start_sec),
        sv_opt(t->due_day),
        sv_opt(t->due_sec),
        SV_INT(now),
        SV_INT(sub_key),
    };
    int rc = insert_id(st, a, Q_TASK_INSERT, args, ARRAY_LEN(args), &t->id);
    if (rc)
        return rc;
    t->created_at = t->updated_at = now;
    /* folded from the texts just written: no read back (store/search.h) */
    const char *const texts[] = {t->title, t->description};
    rc = store_search_set(st, SEARCH_TASK, ws_id, SV_INT(t->id), texts, ARRAY_LEN(texts));
    for (size_t i = 0; !rc && i < t->nlocations; i++)
        rc = place(st, a, ws_id, t->id, &t->locations[i], 0, 0, &(const struct task){0});
    if (!rc)
        rc = add_members(st, ws_id, t->id, Q_TASK_ASSIGNEE_ADD, t->assignees, t->nassignees, false);
    if (!rc)
        rc = add_members(st, ws_id, t->id, Q_TASK_WATCHER_ADD, t->watchers, t->nwatchers, true);
    /* a new task has no tags to clear: without any, nothing to write (a round trip saved) */
    if (!rc && t->ntags)
        rc = task_set_tags(st, ws_id, t->id, t->tags, t->ntags);
    return rc;
}

int task_set_parent(struct store *st, struct arena *a, int64_t ws_id, const struct task *t,
                    int64_t parent_id, int64_t after, int64_t before)
{
    int64_t key = 0;
    if (parent_id == TASK_NONE) {
        if (t->parent_id == TASK_NONE)
            return RC_OK; /* top-level already: nothing changes */
    } else {
        struct sql_val args[] = {SV_INT(ws_id), SV_INT(parent_id), SV_INT(t->id)};
        struct sql_rows r;
        int rc = store_query(st, a, Q_TASK_IS_ANCESTOR, args, ARRAY_LEN(args), &r);
        if (rc)
            return rc;
        if (r.nrows)
            return RC_CONFLICT;
        int64_t target = after ? after : before;
        if (target)
            rc = order_gap_beside(st, a, GAP_SUBTASKS, ws_id, SV_INT(parent_id), SV_INT(t->id),
                                  SV_INT(target), after != 0, &key);
        else if (t->parent_id == parent_id)
            return RC_OK; /* the same parent, no place asked: it keeps its place */
        else
            rc = order_gap_edge(st, a, GAP_SUBTASKS, ws_id, SV_INT(parent_id), SV_INT(t->id), false,
                                &key);
        if (rc)
            return rc;
    }
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(t->id), sv_opt(parent_id), SV_INT(key),
                             SV_INT(clock_now_ms())};
    return exec_one(st, Q_TASK_SET_PARENT, args, ARRAY_LEN(args));
}

int task_update_fields(struct store *st, int64_t ws_id, struct task *t)
{
    t->updated_at = clock_now_ms();
    struct sql_val args[] = {
        SV_INT(ws_id),        SV_INT(t->id),       SV_TEXT_OR_NULL(t->title), SV_TEXT(t->type),
        sv_opt(t->priority),  sv_opt(t->duration), SV_INT(t->is_private),     sv_opt(t->start_day),
        sv_opt(t->start_sec), sv_opt(t->due_day),  sv_opt(t->due_sec),        SV_INT(t->updated_at),
    };
    /* the caller passes every rc on, so the update can wait for the next exchange; t is the
     * whole row (title as changed, description as stored), so its search text is known */
    int rc = store_exec_later(st, Q_TASK_UPDATE, args, ARRAY_LEN(args), true);
    const char *const texts[] = {t->title, t->description};
    return rc ? rc
              : store_search_set(st, SEARCH_TASK, ws_id, SV_INT(t->id), texts, ARRAY_LEN(texts));
}

int task_set_tags(struct store *st, int64_t ws_id, int64_t task_id, const int64_t *tags, size_t n)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(task_id), SV_NULL};
    int rc = store_exec_later(st, Q_TASK_TAGS_CLEAR, args, 2, false);
    for (size_t i = 0; !rc && i < n; i++) {
        args[2] = SV_INT(tags[i]);
        rc = store_exec_later(st, Q_TASK_TAG_ADD, args, 3, false);
    }
    return rc;
}

int task_set_completed(struct store *st, int64_t ws_id, int64_t task_id, bool completed)
{
    int64_t now = clock_now_ms();
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(task_id), SV_INT(completed),
                             completed ? SV_INT(now) : SV_NULL, SV_INT(now)};
    return exec_one(st, Q_TASK_SET_COMPLETED, args, 5);
}

/* the columns the task is in (at most one per project) */
int task_delete(struct store *st, struct arena *a, int64_t ws_id, int64_t task_id)
{
    (void)a;
    /* deleted tasks are skipped by every column order: their keys need no change */
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(task_id), SV_INT(clock_now_ms())};
    return exec_one(st, Q_TASK_SET_DELETED, args, 3);
}

/* ---- locations ---------------------------------------------------------------------------- */

/* task_place without the touch (a new task's own insert sets updated_at). known: the task
 * with its locations as this transaction has them (a task just created: none), so its
 * location in loc's project need not be read */
static int place(struct store *st, struct arena *a, int64_t ws_id, int64_t task_id,
                 const struct task_location *loc, int64_t after, int64_t before,
                 const struct task *known)
{
    struct sql_val key[] = {SV_INT(ws_id), SV_INT(task_id), SV_INT(loc->project_id)};
    bool has = false;
    int64_t old_board = TASK_NONE, old_column = TASK_NONE;
    for (size_t i = 0; i < known->nlocations; i++) {
        if (known->locations[i].project_id == loc->project_id) {
            has = true;
            old_board = known->locations[i].board_id;
            old_column = known->locations[i].column_id;
        }
    }
    int rc = RC_OK;
    bool same = has && old_column == loc->column_id && old_board == loc->board_id;
    if (same && (loc->column_id == TASK_NONE || (!after && !before)))
        return RC_OK; /* already there, and no new place in the column asked for */
    if (!same) {
        /* a newcomer is stored past every position, so the column's order (by position)
         * reads it last until insert_in_column writes the order again */
        struct sql_val args[] = {key[0],
                                 key[1],
                                 key[2],
                                 sv_opt(loc->board_id),
                                 sv_opt(loc->column_id),
                                 SV_INT(INT64_C(1) << 50)};
        rc = store_exec_later(st, has ? Q_TASK_LOCATION_UPDATE : Q_TASK_LOCATION_INSERT, args, 6,
                              false);
    }
    if (!rc && loc->column_id != TASK_NONE)
        rc = insert_in_column(st, a, ws_id, loc->column_id, task_id, after, before, !same);
    return rc;
}

int task_place(struct store *st, struct arena *a, int64_t ws_id, const struct task *t,
               const struct task_location *loc, int64_t after, int64_t before)
{
    int rc = place(st, a, ws_id, t->id, loc, after, before, t);
    return rc ? rc : touch_row_read(st, Q_TASK_TOUCH, ws_id, SV_INT(t->id));
}

int task_make_first(struct store *st, int64_t ws_id, int64_t task_id, int64_t project_id)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(task_id), SV_INT(project_id)};
    return store_exec(st, Q_TASK_LOCATION_MAKE_FIRST, args, 3, NULL);
}

int task_unplace(struct store *st, struct arena *a, int64_t ws_id, int64_t task_id,
                 int64_t project_id)
{
    struct sql_val key[] = {SV_INT(ws_id), SV_INT(task_id), SV_INT(project_id)};
    struct sql_rows cur;
    int rc = store_query(st, a, Q_TASK_LOCATION_GET, key, 3, &cur);
    if (rc || cur.nrows == 0)
        return rc;
    rc = store_exec(st, Q_TASK_LOCATION_DELETE, key, 3, NULL);
    return rc ? rc : task_touch(st, ws_id, task_id);
}

int task_evacuate_column(struct store *st, struct arena *a, int64_t ws_id, int64_t board_id,
                         int64_t column_id)
{
    struct board_column *cols;
    size_t ncols;
    int rc = column_list(st, a, ws_id, board_id, &cols, &ncols);
    if (rc)
        return rc;
    size_t k = 0;
    while (k < ncols && cols[k].id == column_id)
        k++;
    if (k == ncols)
        return RC_OK; /* the last column: ON DELETE SET NULL leaves the tasks on the board */
    return order_gap_move_all(st, a, GAP_COLUMN_TASKS, ws_id, SV_INT(column_id),
                              SV_INT(cols[k].id));
}

/* ---- members ---------------------------------------------------------------------------- */

/* a member change, which touches the task even when it changed no row (as any write) */
static int members_op(struct store *st, int64_t ws_id, int64_t task_id, enum sql_id q,
                      const char *const *members, size_t n, bool with_time)
{
    int rc = add_members(st, ws_id, task_id, q, members, n, with_time);
    return rc ? rc : task_touch(st, ws_id, task_id);
}

int task_add_assignees(struct store *st, struct arena *a, int64_t ws_id, int64_t task_id,
                       const char *const *members, size_t n)
{
    (void)a;
    return members_op(st, ws_id, task_id, Q_TASK_ASSIGNEE_ADD, members, n, false);
}

int task_remove_assignees(struct store *st, struct arena *a, int64_t ws_id, int64_t task_id,
                          const char *const *members, size_t n)
{
    (void)a;
    return members_op(st, ws_id, task_id, Q_TASK_ASSIGNEE_REMOVE, members, n, false);
}

int task_add_watchers(struct store *st, int64_t ws_id, int64_t task_id, const char *const *members,
                      size_t n)
{
    return members_op(st, ws_id, task_id, Q_TASK_WATCHER_ADD, members, n, true);
}

int task_remove_watchers(struct store *st, int64_t ws_id, int64_t task_id,
                         const char *const *members, size_t n)
{
    return members_op(st, ws_id, task_id, Q_TASK_WATCHER_REMOVE, members, n, false);
}

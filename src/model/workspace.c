/* workspace.c — see workspace.h. */
#include "model/workspace.h"
#include "model/util.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/rand.h"
#include "core/rc.h"
#include "store/store.h"
#include "core/common.h"

static const struct row_field WORKSPACE_ROW[] = {
    ROW_FIELDS(struct workspace, ROW_INT, id),
    ROW_FIELDS(struct workspace, ROW_TEXT, title, description),
    ROW_FIELDS(struct workspace, ROW_BOOL, is_personal),
    ROW_FIELDS(struct workspace, ROW_TEXT, logo),
};

static void workspace_from_row(const struct sql_rows *r, size_t i, void *out)
{
    row_read(r, i, WORKSPACE_ROW, ARRAY_LEN(WORKSPACE_ROW), sizeof(struct workspace), out);
}

static int one_workspace(struct store *st, struct arena *a, enum sql_id q,
                         const struct sql_val *args, size_t nargs, struct workspace *out)
{
    return query_one(st, a, q, args, nargs, workspace_from_row, out);
}

int workspace_get(struct store *st, struct arena *a, int64_t id, struct workspace *out)
{
    struct sql_val args[] = {SV_INT(id)};
    return one_workspace(st, a, Q_WS_GET, args, 1, out);
}

int workspace_find(struct store *st, struct arena *a, const char *title, struct workspace *out)
{
    struct sql_val args[] = {SV_TEXT(title)};
    return one_workspace(st, a, Q_WS_FIND_BY_TITLE, args, 1, out);
}

int workspace_create(struct store *st, struct arena *a, const char *title, int64_t *id)
{
    struct sql_rows r;
    struct sql_val args[] = {SV_TEXT(title), SV_INT(clock_now_ms())};
    int rc = store_query(st, a, Q_WS_INSERT, args, 2, &r);
    if (rc)
        return rc;
    *id = sql_int(&r, 0, 0);
    return RC_OK;
}

int member_set_profile(struct store *st, int64_t ws_id, const struct member *m)
{
    struct sql_val args[] = {SV_INT(ws_id),
                             SV_TEXT(m->id),
                             SV_TEXT_OR_NULL(m->first_name),
                             SV_TEXT_OR_NULL(m->last_name),
                             SV_TEXT_OR_NULL(m->middle_name),
                             SV_TEXT_OR_NULL(m->position),
                             SV_TEXT_OR_NULL(m->time_zone)};
    return store_exec(st, Q_MEMBER_SET_PROFILE, args, 7, NULL);
}

int workspace_delete(struct store *st, int64_t id)
{
    struct sql_val args[] = {SV_INT(id)};
    return store_exec(st, Q_WS_DELETE, args, 1, NULL);
}

/* "Ada King Lovelace" -> first "Ada", last "King Lovelace"; one word is a first name */
static void split_name(struct arena *a, const char *name, const char **first, const char **last)
{
    *first = *last = NULL;
    if (!name || !*name)
        return;
    const char *sp = strchr(name, ' ');
    if (!sp) {
        *first = name;
        return;
    }
    *first = arena_strndup(a, name, (size_t)(sp - name));
    while (*sp == ' ')
        sp++;
    *last = *sp ? sp : NULL;
}

int member_add(struct store *st, struct arena *a, int64_t ws_id, const char *email,
               const char *name, const char *role, const char **id)
{
    char *uuid = arena_alloc(a, UUID_LEN + 1);
    if (!uuid)
        return RC_NOMEM;
    if (rand_uuid(uuid))
        return RC_INTERNAL;
    const char *first, *last;
    split_name(a, name, &first, &last);
    struct sql_val args[] = {SV_INT(ws_id),          SV_TEXT(uuid),         SV_TEXT(email),
                             SV_TEXT_OR_NULL(first), SV_TEXT_OR_NULL(last), SV_TEXT(role),
                             SV_INT(clock_now_ms())};
    int rc = store_exec(st, Q_MEMBER_INSERT, args, ARRAY_LEN(args), NULL);
    if (rc)
        return rc;
    *id = uuid;
    return RC_OK;
}

static const struct row_field MEMBER_ROW[] = {
    ROW_FIELDS(struct member, ROW_TEXT, id, email, first_name, last_name, middle_name, position,
               logo, time_zone),
    ROW_FIELDS(struct member, ROW_TEXT, language, role),
};

static void member_from_row(const struct sql_rows *r, size_t i, void *out)
{
    row_read(r, i, MEMBER_ROW, ARRAY_LEN(MEMBER_ROW), sizeof(struct member), out);
}

static int one_member(struct store *st, struct arena *a, enum sql_id q, int64_t ws_id,
                      const char *key, struct member *out)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(key)};
    return query_one(st, a, q, args, 2, member_from_row, out);
}

int member_get(struct store *st, struct arena *a, int64_t ws_id, const char *id, struct member *out)
{
    return one_member(st, a, Q_MEMBER_GET, ws_id, id, out);
}

int member_find_by_email(struct store *st, struct arena *a, int64_t ws_id, const char *email,
                         struct member *out)
{
    return one_member(st, a, Q_MEMBER_FIND_BY_EMAIL, ws_id, email, out);
}

int member_list(struct store *st, struct arena *a, int64_t ws_id, struct member **out, size_t *n)
{
    return ws_query_list(st, a, Q_MEMBER_LIST, ws_id, sizeof(**out), member_from_row, (void **)out,
                         n);
}

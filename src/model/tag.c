/* tag.c — see tag.h. */
#include "model/tag.h"
#include "model/util.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/rc.h"
#include "store/store.h"
#include "core/common.h"

const char *tag_default_color(const char *title)
{
    static const char *const palette[] = {"#6c78f4", "#44b6f5", "#7b5af5", "#b56af4",
                                          "#f36ab4", "#f46a6a", "#f4a26a", "#f4d06a",
                                          "#8fd06a", "#4fc2a0", "#3fb3c4", "#9aa5b1"};
    uint32_t h = 2166136261u; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)title; *p; p++)
        h = (h ^ *p) * 16777619u;
    return palette[h % ARRAY_LEN(palette)];
}

static const struct row_field TAG_ROW[] = {
    ROW_FIELDS(struct tag, ROW_INT, id),
    ROW_FIELDS(struct tag, ROW_TEXT, title, color),
};

static void tag_from_row(const struct sql_rows *r, size_t i, void *out)
{
    row_read(r, i, TAG_ROW, ARRAY_LEN(TAG_ROW), sizeof(struct tag), out);
}

int tag_list(struct store *st, struct arena *a, int64_t ws_id, struct tag **out, size_t *n)
{
    return ws_query_list(st, a, Q_TAG_LIST, ws_id, sizeof(**out), tag_from_row, (void **)out, n);
}

int tag_get(struct store *st, struct arena *a, int64_t ws_id, int64_t id, struct tag *out)
{
    return ws_query_one(st, a, Q_TAG_GET, ws_id, SV_INT(id), tag_from_row, out);
}

int tag_create(struct store *st, struct arena *a, int64_t ws_id, struct tag *t)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(t->title), SV_TEXT(t->color),
                             SV_INT(clock_now_ms())};
    return insert_id(st, a, Q_TAG_INSERT, args, ARRAY_LEN(args), &t->id);
}

int tag_update(struct store *st, int64_t ws_id, const struct tag *t)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(t->id), SV_TEXT(t->title), SV_TEXT(t->color)};
    return exec_one(st, Q_TAG_UPDATE, args, ARRAY_LEN(args));
}

int tag_delete(struct store *st, int64_t ws_id, int64_t id)
{
    return ws_exec_one(st, Q_TAG_DELETE, ws_id, SV_INT(id));
}

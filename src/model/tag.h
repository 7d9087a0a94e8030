/* tag.h — workspace tags (integer ids, a title and a #rrggbb colour). */
#ifndef MODEL_TAG_H
#define MODEL_TAG_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct arena;

#define TAG_TITLE_MAX 255

struct tag {
    int64_t id;
    const char *title, *color;
};

/* The colour a new tag gets: one of a fixed palette, chosen from the title so that the
 * same title always gets the same colour. Returns a static string. */
const char *tag_default_color(const char *title);
int tag_list(struct store *st, struct arena *a, int64_t ws_id, struct tag **out, size_t *n);
/* RC_OK or RC_NOTFOUND. */
int tag_get(struct store *st, struct arena *a, int64_t ws_id, int64_t id, struct tag *out);
/* Insert t (title, color set); t->id is filled in. */
int tag_create(struct store *st, struct arena *a, int64_t ws_id, struct tag *t);
/* Store t's title and colour. RC_OK or RC_NOTFOUND. */
int tag_update(struct store *st, int64_t ws_id, const struct tag *t);
/* RC_OK or RC_NOTFOUND. */
int tag_delete(struct store *st, int64_t ws_id, int64_t id);

#endif

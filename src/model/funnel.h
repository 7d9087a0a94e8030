/* funnel.h — CRM funnels (ordered within the workspace) and their statuses (ordered within
 * the funnel). Ids are slugs (core/rand.h) drawn here. dealsCount/dealsAmount are computed
 * from the deals on every read. Orders are dense and rewritten inside the caller's write
 * transaction (model/order.h). Everything returned lives in the arena. */
#ifndef MODEL_FUNNEL_H
#define MODEL_FUNNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct arena;
struct custom_field;

#define FUNNEL_NAME_MAX 255
#define STATUS_NAME_MAX 255
/* Decision (crm-notes §11.6 leaves it open): a new funnel gets these statuses, so a deal can
 * be created in it at once; clients rename or delete them. */
#define FUNNEL_DEFAULT_STATUSES      \
    {                                \
        "New", "In progress", "Done" \
    }

struct funnel {
    const char *id, *name, *creator_id;
    int64_t currency_id, position, created_at, updated_at;
    int64_t deals_count;
    double deals_amount;
    bool is_private, is_bookmarked;
    const char **team; /* member ids, the creator first */
    size_t nteam;
    struct custom_field *fields; /* its custom fields: filled by the api layer */
    size_t nfields;
};

struct funnel_status {
    const char *id, *funnel_id, *name, *creator_id;
    int64_t position, created_at, updated_at;
    int64_t deals_count;
    double deals_amount;
};

/* Every funnel of the workspace in order, with its team. */
int funnel_list(struct store *st, struct arena *a, int64_t ws_id, struct funnel **out, size_t *n);
/* RC_OK or RC_NOTFOUND (also for a string that is not a slug). */
int funnel_get(struct store *st, struct arena *a, int64_t ws_id, const char *id,
               struct funnel *out);
/* The row only (deals_count and deals_amount 0): for lookups that answer no funnel. */
int funnel_find(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                struct funnel *out);
/* Append f (name, currency_id, is_private, creator_id set by the caller) with the creator as
 * its team and FUNNEL_DEFAULT_STATUSES; f is reloaded. */
int funnel_create(struct store *st, struct arena *a, int64_t ws_id, struct funnel *f);
/* Store name, currency_id and is_private. */
int funnel_update(struct store *st, int64_t ws_id, const struct funnel *f);
int funnel_set_bookmarked(struct store *st, int64_t ws_id, const char *id, bool on);
/* Delete the funnel with its statuses and their deals; the rest closes up. */
int funnel_delete(struct store *st, struct arena *a, int64_t ws_id, const char *id);
/* Move funnel id to just after `after` (NULL = first). RC_NOTFOUND when after is not a
 * funnel of the workspace. */
int funnel_move(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                const char *after);

int status_list(struct store *st, struct arena *a, int64_t ws_id, const char *funnel_id,
                struct funnel_status **out, size_t *n);
int status_get(struct store *st, struct arena *a, int64_t ws_id, const char *id,
               struct funnel_status *out);
/* The row only (counts 0), as funnel_find. */
int status_find(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                struct funnel_status *out);
/* Append s (funnel_id, name, creator_id set) to its funnel; s is reloaded. */
int status_create(struct store *st, struct arena *a, int64_t ws_id, struct funnel_status *s);
int status_rename(struct store *st, int64_t ws_id, const char *id, const char *name);
/* Delete s after moving its deals, in order, to the end of the funnel's first other status.
 * RC_CONFLICT when s is its funnel's only status (nothing changed). */
int status_delete(struct store *st, struct arena *a, int64_t ws_id, const struct funnel_status *s);
/* As funnel_move, within s's funnel. */
int status_move(struct store *st, struct arena *a, int64_t ws_id, const struct funnel_status *s,
                const char *after);

#endif

/* project.h — projects: the container of boards and tasks. A project may sit in a
 * portfolio, has a team of members (its creator at first), and can be archived: an
 * archived project keeps everything and stays listed (status 2, isArchived true), but its
 * structure cannot change until it is un-archived (project_require_active). */
#ifndef MODEL_PROJECT_H
#define MODEL_PROJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct store;
struct arena;
struct custom_field;

#define PROJECT_NAME_MAX      255
#define PROJECT_DESC_MAX      65535
#define PROJECT_DEFAULT_COLOR "#dfdfdf"

struct project {
    int64_t id;
    const char *name, *description, *logo, *color;
    bool is_private, is_archived;
    int64_t portfolio_id; /* 0 = none */
    const char **team;    /* member uuids, creator first */
    size_t nteam;
    struct custom_field *fields; /* its custom fields: filled by the api layer */
    size_t nfields;
};

/* Every project of the workspace (archived included), in id order, with teams. */
int project_list(struct store *st, struct arena *a, int64_t ws_id, struct project **out, size_t *n);
/* RC_OK or RC_NOTFOUND; with the team. */
int project_get(struct store *st, struct arena *a, int64_t ws_id, int64_t id, struct project *out);
/* Insert p (portfolio checked by the caller) with creator as its team; p->id filled in. */
int project_create(struct store *st, struct arena *a, int64_t ws_id, struct project *p,
                   const char *creator);
/* Store p's editable fields. RC_OK or RC_NOTFOUND. */
int project_update(struct store *st, int64_t ws_id, const struct project *p);
int project_set_archived(struct store *st, int64_t ws_id, int64_t id, bool archived);
/* Delete the project with its boards and columns (one transaction: the caller's). */
int project_delete(struct store *st, int64_t ws_id, int64_t id);
/* RC_OK when the project exists and is not archived; RC_NOTFOUND; RC_CONFLICT when
 * archived. */
int project_require_active(struct store *st, struct arena *a, int64_t ws_id, int64_t id);

#endif

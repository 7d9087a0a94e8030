/* workspace.h — workspaces (tenants) and their members. Workspaces and members are created
 * by the admin CLI; the API only reads them. */
#ifndef MODEL_WORKSPACE_H
#define MODEL_WORKSPACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct store;
struct arena;

#define WORKSPACE_TITLE_MAX 255

struct workspace {
    int64_t id;
    const char *title, *description, *logo;
    bool is_personal;
};

struct member {
    const char *id; /* uuid */
    const char *email, *first_name, *last_name, *middle_name, *position, *logo;
    const char *time_zone, *language, *role;
};

/* RC_OK or RC_NOTFOUND. */
int workspace_get(struct store *st, struct arena *a, int64_t id, struct workspace *out);
int workspace_find(struct store *st, struct arena *a, const char *title, struct workspace *out);
/* Create a workspace; RC_CONFLICT when the title is taken. */
int workspace_create(struct store *st, struct arena *a, const char *title, int64_t *id);

/* Delete a workspace and everything in it (the schema cascades from workspaces): for
 * `weeekd import --replace`. RC_OK or a store rc. */
int workspace_delete(struct store *st, int64_t id);

/* Add a member; name ("First Last") may be NULL. The new uuid goes to *id (in a).
 * RC_CONFLICT when the email is already a member. */
int member_add(struct store *st, struct arena *a, int64_t ws_id, const char *email,
               const char *name, const char *role, const char **id);
/* Set a member's names, position and time zone (NULL time zone keeps it): for `weeekd
 * import`, which copies profiles the API cannot write. RC_OK or a store rc. */
int member_set_profile(struct store *st, int64_t ws_id, const struct member *m);
int member_get(struct store *st, struct arena *a, int64_t ws_id, const char *id,
               struct member *out);
int member_find_by_email(struct store *st, struct arena *a, int64_t ws_id, const char *email,
                         struct member *out);
/* All members, oldest first. */
int member_list(struct store *st, struct arena *a, int64_t ws_id, struct member **out, size_t *n);

#endif

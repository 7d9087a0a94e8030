/* custom_field.h — custom fields (global "tm", project, board and funnel scope) and their
 * options; the contract is docs/internals/custom_fields.md. A field belongs to one owner of
 * its scope and is ordered densely among the owner's fields; options are ordered densely
 * within their field. Ids are random UUIDs drawn here. Orders are rewritten inside the
 * caller's write transaction (the only writer while it runs). Config is opaque JSON text
 * here (the api layer validates and renders it). Everything returned lives in the arena. */
#ifndef MODEL_CUSTOM_FIELD_H
#define MODEL_CUSTOM_FIELD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/util.h"
#include "store/store.h"

struct arena;

#define CF_NAME_MAX        255
#define CF_OPTION_NAME_MAX 255
/* Decision (issue 13 item 9): every task and deal repeats each of its fields with all the
 * field's options, so a field has at most CF_OPTIONS_MAX options (README Limits,
 * docs/internals/arena.md). */
#define CF_OPTIONS_MAX 20
/* Decision (issue 13 item 9): a task lists every field that applies to it (the global ones,
 * those of each of its up to 20 projects and of each of its boards), a deal those of its
 * funnel, each with its options and value. A cap per project or per board would not bound
 * a task (41 owners can apply to one), so the task manager's fields are capped per
 * workspace, all three scopes together, and a funnel's per funnel: CF_FIELDS_MAX each. A transfer
 * moves a field between task-manager owners and so never changes the count. The numbers keep a page
 * of 100 records filled to every cap readable (README Limits, docs/internals/arena.md "Worst-case
 * pages"). */
#define CF_FIELDS_MAX 20

/* scope values as stored */
#define CF_SCOPE_TM      "tm"
#define CF_SCOPE_PROJECT "project"
#define CF_SCOPE_BOARD   "board"
#define CF_SCOPE_FUNNEL  "funnel"

/* The owner a field belongs to: scope plus the one id that scope uses (project_id or
 * board_id > 0, funnel_id a slug; the others 0 / NULL). */
struct cf_owner {
    const char *scope;
    int64_t project_id, board_id;
    const char *funnel_id;
};

struct custom_field_option {
    const char *id, *field_id, *name, *color;
    int64_t position;
};

struct custom_field {
    const char *id, *scope;
    int64_t project_id, board_id; /* 0 unless that scope */
    const char *funnel_id;        /* NULL unless funnel scope */
    const char *name;             /* may be NULL */
    const char *type;
    const char *config; /* JSON text or NULL */
    int64_t position;
    struct custom_field_option *options; /* by position; never NULL after a load */
    size_t noptions;
};

/* How a custom_field is read from a row (row_read): the definition's columns, then its
 * position; model/cf_value.c reads the definition alone. */
#define CUSTOM_FIELD_ROW_COLS 9
extern const struct row_field CUSTOM_FIELD_ROW[CUSTOM_FIELD_ROW_COLS];

/* The owner of f. */
struct cf_owner cf_owner_of(const struct custom_field *f);
/* Whether f belongs to o. */
bool cf_owner_is(const struct custom_field *f, const struct cf_owner *o);
/* Whether s is a UUID (8-4-4-4-12 hex digits, either case): anything else names nothing. */
bool cf_uuid_valid(const char *s, size_t len);

/* One field with its options. RC_OK or RC_NOTFOUND (also for an id that is not a UUID). */
int custom_field_get(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                     struct custom_field *out);
/* Every field of one owner, by position, each with its options. scope is CF_SCOPE_*;
 * owner_id the project or board id (0 for tm and funnel), funnel_id the funnel (NULL
 * otherwise). *out is never NULL on RC_OK; *n may be 0. */
int custom_field_list(struct store *st, struct arena *a, int64_t ws_id, const char *scope,
                      int64_t owner_id, const char *funnel_id, struct custom_field **out,
                      size_t *n);
/* How many fields count against the cap of owner o: a funnel's own fields; for the task
 * manager's scopes (tm, project, board) every such field of the workspace. */
int custom_field_count(struct store *st, struct arena *a, int64_t ws_id, const struct cf_owner *o,
                       int64_t *n);
/* Append a field (owner, name, type, config set by the caller) to its owner; f is
 * reloaded (id, position, options). */
int custom_field_create(struct store *st, struct arena *a, int64_t ws_id, struct custom_field *f);
/* Store f's name and config. */
int custom_field_update(struct store *st, int64_t ws_id, const struct custom_field *f);
/* Delete f (its options and values go with it, FK) and close the gap. */
int custom_field_delete(struct store *st, struct arena *a, int64_t ws_id,
                        const struct custom_field *f);
/* Give f to owner `to` (appended to its fields; the old owner's order closes up). Values
 * are kept. Giving it to its own owner changes nothing. The caller checks `to` exists. */
int custom_field_transfer(struct store *st, struct arena *a, int64_t ws_id,
                          const struct custom_field *f, const struct cf_owner *to);
/* Move f next to sibling `target` of the same owner: after it (after = true) or before it.
 * RC_NOTFOUND when target is not a field of f's owner. A target equal to f is a no-op. */
int custom_field_move(struct store *st, struct arena *a, int64_t ws_id,
                      const struct custom_field *f, const char *target, bool after);

/* One option. RC_OK or RC_NOTFOUND (also when not a UUID). */
int cf_option_get(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                  struct custom_field_option *out);
/* Append an option (field_id, name, color set) to its field; o gets id and position. */
int cf_option_create(struct store *st, struct arena *a, int64_t ws_id,
                     struct custom_field_option *o);
int cf_option_update(struct store *st, int64_t ws_id, const struct custom_field_option *o);
/* Delete option o of field f, close the gap, and take it out of every value of f in the
 * same transaction: a select value equal to it is deleted (reads null); a multiselect
 * array loses it (an array left empty is deleted too). */
int cf_option_delete(struct store *st, struct arena *a, int64_t ws_id, const struct custom_field *f,
                     const struct custom_field_option *o);
/* As custom_field_move, among the options of o's field. */
int cf_option_move(struct store *st, struct arena *a, int64_t ws_id,
                   const struct custom_field_option *o, const char *target, bool after);

/* For unit tests: rewrite the JSON array of strings text `arr` without the string `id`.
 * RC_OK with *out the new text (NULL when no item is left) and *changed; RC_INVALID when
 * arr is not an array of strings (left alone by the caller). */
int cf_array_without(struct arena *a, const char *arr, const char *id, const char **out,
                     bool *changed);

#endif

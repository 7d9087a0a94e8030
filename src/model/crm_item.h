/* crm_item.h — what organizations and contacts share: their addresses, emails and phones
 * (sub-objects with their own uuid and a text value, kept in creation order) and the
 * optional lists an input carries. Every function runs in the caller's transaction; the
 * owner must exist (the caller looked it up). */
#ifndef MODEL_CRM_ITEM_H
#define MODEL_CRM_ITEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct store;
struct arena;

#define CRM_NAME_MAX  255
#define CRM_VALUE_MAX 255

/* an address, email or phone */
struct crm_item {
    const char *id;
    const char *value;
};

enum crm_item_kind {
    CRM_ORG_ADDRESS,
    CRM_ORG_EMAIL,
    CRM_ORG_PHONE,
    CRM_CONTACT_EMAIL,
    CRM_CONTACT_PHONE,
};

/* An optional list in an input: set = the key was sent (then v[0..n) replaces the set). */
struct crm_texts {
    const char **v;
    size_t n;
    bool set;
};
struct crm_ids {
    int64_t *v;
    size_t n;
    bool set;
};

/* List orders (the `sort` parameter). */
enum crm_sort {
    CRM_SORT_CREATED = 0,
    CRM_SORT_NAME,
    CRM_SORT_NAME_DESC,
    CRM_SORT_UPDATED,
    CRM_SORT_UPDATED_DESC,
};

/* Append an item with a new uuid to owner's items of kind; *out gets it (in a). The owner's
 * updated_at moves. RC_OK, RC_INTERNAL (no randomness) or a store rc. */
int crm_item_add(struct store *st, struct arena *a, int64_t ws_id, enum crm_item_kind kind,
                 const char *owner, const char *value, struct crm_item *out);
/* Change the value of owner's item id. RC_OK or RC_NOTFOUND (no such item of that owner). */
int crm_item_update(struct store *st, int64_t ws_id, enum crm_item_kind kind, const char *owner,
                    const char *id, const char *value);
/* RC_OK or RC_NOTFOUND. */
int crm_item_delete(struct store *st, int64_t ws_id, enum crm_item_kind kind, const char *owner,
                    const char *id);
/* Replace owner's items of kind (now old[0..nold)) by values[0..n), in that order. A value
 * equal to an old item's value keeps that item's id (each old id once), so a client that
 * PUTs back the list it read keeps its ids; the others get new uuids. The owner's
 * updated_at is the caller's business. */
int crm_item_replace(struct store *st, struct arena *a, int64_t ws_id, enum crm_item_kind kind,
                     const char *owner, const struct crm_item *old, size_t nold,
                     const char *const *values, size_t n);

/* What the code organizations and contacts share needs to know of either. Their related
 * rows come in one result (see below); rels says, for each kind letter, which array of the
 * owner struct its rows fill (as struct crm_item, member ids or tag ids) and where its
 * count goes. An owner struct starts with its id (const char *). */
enum crm_rel_type { CRM_REL_ITEM, CRM_REL_ID, CRM_REL_TAG };
struct crm_rel {
    char kind;
    enum crm_rel_type type;
    size_t array, count; /* offsets in the owner struct */
};
struct crm_owner {
    enum sql_id get, related, tag_add, tag_remove, touch;
    size_t size;
    void (*from_row)(const struct sql_rows *, size_t, void *);
    const struct crm_rel *rels;
    size_t nrels; /* at most CRM_RELS_MAX */
};
#define CRM_RELS_MAX 8
#define CRM_REL(type, kind, rel, array, count)                  \
    {                                                           \
        kind, rel, offsetof(type, array), offsetof(type, count) \
    }

struct list_query;
/* The owner id with its related rows into out (an owner struct). RC_OK or RC_NOTFOUND. */
int crm_owner_get(struct store *st, struct arena *a, const struct crm_owner *k, int64_t ws_id,
                  const char *id, void *out);
/* Whether id names an owner of the workspace: RC_OK or RC_NOTFOUND. */
int crm_owner_exists(struct store *st, struct arena *a, const struct crm_owner *k, int64_t ws_id,
                     const char *id);
/* Run the page q assembled and load each owner's related rows (lq_page_all). */
int crm_owner_list(struct list_query *q, const struct crm_owner *k, int64_t ws_id, int64_t limit,
                   void **out, size_t *n, bool *has_more);
/* Idempotent attach / detach of a workspace tag; updated_at moves only on a change. */
int crm_owner_tag(struct store *st, const struct crm_owner *k, int64_t ws_id, const char *id,
                  int64_t tag, bool attach);

/* The related rows of an organization or a contact come in one result whose column 0 is
 * a kind letter ('e' email, 'p' phone, ...): the letter of row i ('\0' for NULL), and how
 * many rows carry `kind`. */
struct sql_rows;
char crm_row_kind(const struct sql_rows *r, size_t i);
size_t crm_count_kind(const struct sql_rows *r, char kind);

#endif

/* crm_item.h — what organizations and contacts share: their addresses, emails and phones
 * (sub-objects with their own uuid and a text value, kept in creation order) and the
 * optional lists an input carries. Every function runs in the caller's transaction; the
 * owner must exist (the caller looked it up). */
#ifndef MODEL_CRM_ITEM_H
#define MODEL_CRM_ITEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* The related rows of an organization or a contact come in one result whose column 0 is
 * a kind letter ('e' email, 'p' phone, ...): the letter of row i ('\0' for NULL), and how
 * many rows carry `kind`. */
struct sql_rows;
char crm_row_kind(const struct sql_rows *r, size_t i);
size_t crm_count_kind(const struct sql_rows *r, char kind);

#endif

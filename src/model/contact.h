/* contact.h — CRM contacts: first/last/middle name, emails and phones (model/crm_item.h),
 * the organizations they are linked to (organization <-> contact links, either side) and
 * tags. Ids are uuids. Same rules as organization.h: the caller checks referenced ids;
 * deleting a contact removes its sub-objects, links and tags. */
#ifndef MODEL_CONTACT_H
#define MODEL_CONTACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/crm_item.h"

struct store;
struct arena;
struct list_query;

struct contact {
    const char *id, *first_name, *last_name, *middle_name, *creator_id;
    int64_t created_at, updated_at; /* Unix ms */
    /* filled by contact_get / contact_list */
    const char **organizations;
    size_t norganizations;
    struct crm_item *emails, *phones;
    size_t nemails, nphones;
    int64_t *tags;
    size_t ntags;
};

/* A create or update. first_name NULL = unchanged (update only); last/middle name are
 * changed when has_* is set (to NULL = cleared); each list replaces the set when set. */
struct contact_input {
    const char *first_name, *last_name, *middle_name;
    bool has_last_name, has_middle_name;
    struct crm_texts organizations, emails, phones;
    struct crm_ids tags;
};

struct contact_filter {
    const char *search; /* a name, "first last", "last first" or an email, A-Z folded */
    const char *const *organizations;
    size_t norganizations; /* any of them; 0 = no filter */
    enum crm_sort sort;
    int64_t limit, offset;
};

/* One page with everything; *has_more says whether rows follow it. Only the filters f sets
 * reach the query (sql/queries/contact_list.sql); contact_list_sql assembles it into *q
 * without running it (tests, EXPLAIN). */
int contact_list(struct store *st, struct arena *a, int64_t ws_id, const struct contact_filter *f,
                 struct contact **out, size_t *n, bool *has_more);
int contact_list_sql(struct store *st, struct arena *a, int64_t ws_id,
                     const struct contact_filter *f, struct list_query *q);
/* RC_OK or RC_NOTFOUND. */
int contact_get(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                struct contact *out);
/* Whether id names a contact of the workspace: RC_OK or RC_NOTFOUND. */
int contact_exists(struct store *st, struct arena *a, int64_t ws_id, const char *id);
int contact_create(struct store *st, struct arena *a, int64_t ws_id, const char *creator,
                   const struct contact_input *in, const char **id);
/* RC_OK or RC_NOTFOUND. */
int contact_update(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                   const struct contact_input *in);
/* Deletes the contact and every contact-type custom-field value naming it. RC_OK or
 * RC_NOTFOUND. */
int contact_delete(struct store *st, int64_t ws_id, const char *id);
int contact_touch(struct store *st, int64_t ws_id, const char *id);
/* Idempotent attach / detach of a workspace tag. */
int contact_tag(struct store *st, int64_t ws_id, const char *id, int64_t tag, bool attach);

#endif

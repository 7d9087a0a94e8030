/* organization.h — CRM organizations: a name, responsible members (the first is the
 * object's responsibleId), addresses, emails and phones (model/crm_item.h), linked contacts
 * and tags. Ids are uuids. Every function runs in the caller's transaction and checks only
 * what the api layer cannot: referenced members, tags and contacts are checked by the caller.
 * Deleting an organization removes its sub-objects, links and tags (ON DELETE CASCADE). */
#ifndef MODEL_ORGANIZATION_H
#define MODEL_ORGANIZATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/crm_item.h"

struct store;
struct arena;
struct list_query;

struct organization {
    const char *id, *name, *creator_id;
    int64_t created_at, updated_at; /* Unix ms */
    /* filled by organization_get / organization_list */
    const char **responsibles;
    size_t nresponsibles;
    struct crm_item *addresses, *emails, *phones;
    size_t naddresses, nemails, nphones;
    const char **contacts;
    size_t ncontacts;
    int64_t *tags;
    size_t ntags;
};

/* A create or update: name NULL = unchanged (update only); each list replaces the current
 * set when it is set. */
struct organization_input {
    const char *name;
    struct crm_texts responsibles, addresses, emails, phones, contacts;
    struct crm_ids tags;
};

/* Any-of filters (n = 0: no filter) AND-ed together; search is a name substring (A-Z
 * case-insensitive). */
struct organization_filter {
    const char *search;
    const char *const *responsibles;
    size_t nresponsibles;
    const char *const *contacts;
    size_t ncontacts;
    const int64_t *tags;
    size_t ntags;
    enum crm_sort sort;
    int64_t limit, offset;
};

/* One page with everything; *has_more says whether rows follow it. Only the filters f sets
 * reach the query (sql/queries/organization_list.sql); organization_list_sql assembles it into
 * *q without running it (tests, EXPLAIN). */
int organization_list(struct store *st, struct arena *a, int64_t ws_id,
                      const struct organization_filter *f, struct organization **out, size_t *n,
                      bool *has_more);
int organization_list_sql(struct store *st, struct arena *a, int64_t ws_id,
                          const struct organization_filter *f, struct list_query *q);
/* One organization with everything. RC_OK or RC_NOTFOUND. */
int organization_get(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                     struct organization *out);
/* Whether id names an organization of the workspace: RC_OK or RC_NOTFOUND (for the deals:
 * a well-formed uuid is expected, anything else simply names nothing). */
int organization_exists(struct store *st, struct arena *a, int64_t ws_id, const char *id);
/* Insert (name required) with its lists; *id gets the new uuid (in a). */
int organization_create(struct store *st, struct arena *a, int64_t ws_id, const char *creator,
                        const struct organization_input *in, const char **id);
/* Apply in and move updated_at. RC_OK or RC_NOTFOUND. */
int organization_update(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                        const struct organization_input *in);
/* RC_OK or RC_NOTFOUND. */
int organization_delete(struct store *st, int64_t ws_id, const char *id);
/* Move updated_at to now. */
int organization_touch(struct store *st, int64_t ws_id, const char *id);

/* The organization <-> contact link (both must exist). Attaching twice or detaching what is
 * not attached is a no-op; either way both sides' updated_at move only on a change. */
int organization_link_contact(struct store *st, int64_t ws_id, const char *org, const char *contact,
                              bool attach);
/* Tags: the same idempotent rule (the tag must be the workspace's). */
int organization_tag(struct store *st, int64_t ws_id, const char *id, int64_t tag, bool attach);

#endif

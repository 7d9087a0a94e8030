/* crm_query.h — the query string of the organization and contact lists: array filters
 * read with the body's array rules, and paging and sorting. Private to src/api/. */
#ifndef API_CRM_QUERY_H
#define API_CRM_QUERY_H

#include "api/call.h"
#include "api/input.h"
#include "model/crm_item.h"

/* CRM list pages: limit 1..CRM_LIMIT_MAX (default CRM_LIMIT_DEFAULT), offset >= 0. */
#define CRM_LIMIT_DEFAULT 50
#define CRM_LIMIT_MAX     100

/* Query arrays (name[]=, name[N]=, repeated name=) read with the body rules, errors keyed
 * "<name>.<i>". Only the form of each value is checked: a filter on an id that names
 * nothing simply matches nothing. */
enum input_state crm_query_uuids(struct call *c, const char *name, struct crm_texts *out);
enum input_state crm_query_ids(struct call *c, const char *name, struct crm_ids *out);
/* limit, offset and sort (alphabet, updatedAt, "-" for descending). */
void crm_query_page(struct call *c, enum crm_sort *sort, int64_t *limit, int64_t *offset);
/* c->extra = {"hasMore": more}. */
int crm_has_more(struct call *c, bool more);

#endif

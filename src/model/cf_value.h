/* cf_value.h — the custom field values of tasks and deals (issue 6): which fields apply to
 * a task or deal, the values it holds, and storing one value. Fields are read here in
 * batches (struct custom_field of model/custom_field.h, position left 0); their
 * definitions (create, update, transfers, options) are model/custom_field.c. Values are stored as
 * the JSON text of their read shape (validated and normalised by api/cf_value.c). Everything
 * returned lives in the arena; every function runs in the caller's transaction.
 * docs/internals/custom_fields.md "Values (as built)". */
#ifndef MODEL_CF_VALUE_H
#define MODEL_CF_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/custom_field.h"
#include "store/store.h"

struct arena;

/* the value-side limits of custom_fields.md "Types and values" */
#define CF_TEXT_MAX 65535
#define CF_LINK_MAX 2048

/* One applicable field of a task or deal and its value (JSON text, NULL when unset). */
struct cf_entry {
    const struct custom_field *field; /* with its options */
    const char *value;
};

/* The fields that apply to any owner of a batch (tasks: tm fields, then those of their
 * projects, then of their boards; deals: their funnels' fields), each with its options,
 * and the values the owners hold: three queries for a page of tasks or deals, which each
 * owner then picks from (cf_batch_pick). */
struct cf_batch {
    struct custom_field *fields;
    size_t nfields;
    struct sql_rows vals; /* owner id, field id, value text; ordered by owner */
};
/* ids: the owners' ids as JSON array text */
int cf_batch_tasks(struct store *st, struct arena *a, int64_t ws_id, const char *ids,
                   struct cf_batch *out);
int cf_batch_deals(struct store *st, struct arena *a, int64_t ws_id, const char *ids,
                   struct cf_batch *out);
/* One owner's entries (*out, *n; *out has room for every field of the batch): the
 * batch's fields for which applies(field, owner) holds, in batch order, each with the
 * value the owner holds (NULL when unset). The owner is task_id, or deal_id when that is
 * not NULL. A stored value of a field that no longer applies stays unseen. */
int cf_batch_pick(const struct cf_batch *b, struct arena *a, int64_t task_id, const char *deal_id,
                  bool (*applies)(const struct custom_field *f, const void *owner),
                  const void *owner, struct cf_entry **out, size_t *n);

/* Set (value = JSON text) or clear (value NULL) one value of a task or deal. */
int cf_value_set_task(struct store *st, int64_t ws_id, int64_t task_id, const char *field_id,
                      const char *value);
int cf_value_set_deal(struct store *st, int64_t ws_id, const char *deal_id, const char *field_id,
                      const char *value);

#endif

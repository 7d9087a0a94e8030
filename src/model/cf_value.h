/* cf_value.h — the custom field values of tasks and deals (issue 6): which fields apply to
 * a task or deal, the values it holds, and storing one value. Fields are read here in
 * batches (struct custom_field of model/custom_field.h, position left 0); their
 * definitions (create, update, transfers, options) are model/custom_field.c. Values are stored as
 * the JSON text of their read shape (validated and normalised by api/cf_value.c). Everything
 * returned lives in the arena; every function runs in the caller's transaction.
 * docs/internals/custom_fields.md "Values (as built)". */
#ifndef MODEL_CF_VALUE_H
#define MODEL_CF_VALUE_H

#include <stddef.h>
#include <stdint.h>

#include "model/custom_field.h"
#include "store/store.h"

struct arena;
struct task;
struct deal;

/* the value-side limits of custom_fields.md "Types and values" */
#define CF_TEXT_MAX 65535
#define CF_LINK_MAX 2048

/* One applicable field of a task or deal and its value (JSON text, NULL when unset). */
struct cf_entry {
    const struct custom_field *field; /* with its options */
    const char *value;
};

/* Give each of n tasks (ids as JSON array text) its applicable fields with values in
 * t->custom_fields: tm fields, then fields of its projects, then of its boards. Three
 * queries for the whole batch. */
int cf_fill_tasks(struct store *st, struct arena *a, int64_t ws_id, const char *ids,
                  struct task *tasks, size_t n);
/* The same for deals: the fields of each deal's funnel. */
int cf_fill_deals(struct store *st, struct arena *a, int64_t ws_id, const char *ids,
                  struct deal *deals, size_t n);

/* Set (value = JSON text) or clear (value NULL) one value of a task or deal. */
int cf_value_set_task(struct store *st, int64_t ws_id, int64_t task_id, const char *field_id,
                      const char *value);
int cf_value_set_deal(struct store *st, int64_t ws_id, const char *deal_id, const char *field_id,
                      const char *value);

#endif

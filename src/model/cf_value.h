/* cf_value.h — the custom field values of tasks and deals (issue 6): which fields apply to
 * a task or deal, the values it holds, and storing one value. Fields are read here in
 * batches (struct custom_field of model/custom_field.h, position left 0); their
 * definitions (create, update, transfers, options) are model/custom_field.c. Values are stored as
 * the JSON text of their read shape (validated and normalised by api/fields/cf_value.c). Everything
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
/* Decision (issue 13 item 9): the values one task or deal holds, all together, take at most
 * CF_VALUES_BYTES_MAX bytes as stored JSON (two of the longest texts), so that a record with
 * every field it may have (CF_FIELDS_MAX) still fits a page of 100: 20 texts of 64 KiB
 * would not (README Limits, docs/internals/arena.md "Worst-case pages"). */
#define CF_VALUES_BYTES_MAX 131072

/* *n = the bytes of every value task_id (deal_id) holds, whether its field applies or not. */
int cf_value_bytes_task(struct store *st, struct arena *a, int64_t ws_id, int64_t task_id,
                        int64_t *n);
int cf_value_bytes_deal(struct store *st, struct arena *a, int64_t ws_id, const char *deal_id,
                        int64_t *n);

/* One applicable field of a task or deal and its value (JSON text, NULL when unset). */
struct cf_entry {
    const struct custom_field *field; /* with its options */
    const char *value;
};

/* What holds values. */
enum cf_holder { CF_TASKS, CF_DEALS };

/* The fields that may apply to a batch of holders and the holders' values: three queries
 * for the whole batch (a page). */
struct cf_batch {
    struct custom_field *fields; /* tasks: tm, then project, then board fields; deals: by funnel */
    size_t nfields;
    struct sql_rows values; /* (holder id, field id, value), ordered by holder */
};
/* Load the batch for the holders whose ids are the JSON array text ids ("[1,2]" /
 * "[\"slug\"]"). */
int cf_batch_load(struct store *st, struct arena *a, int64_t ws_id, enum cf_holder h,
                  const char *ids, struct cf_batch *b);
/* One holder's entries: the batch's fields that applies(field, holder) accepts, in batch
 * order, each with the holder's value (owner: SV_INT of a task id, SV_TEXT of a deal id).
 * *out (in a) is never NULL on RC_OK. */
int cf_batch_entries(struct arena *a, const struct cf_batch *b, struct sql_val owner,
                     bool (*applies)(const struct custom_field *f, const void *holder),
                     const void *holder, struct cf_entry **out, size_t *n);

/* Set (value = JSON text) or clear (value NULL) one value of a task or deal. */
int cf_value_set_task(struct store *st, int64_t ws_id, int64_t task_id, const char *field_id,
                      const char *value);
int cf_value_set_deal(struct store *st, int64_t ws_id, const char *deal_id, const char *field_id,
                      const char *value);

#endif

/* cf_value.h — custom field values in request and response bodies (issue 6): the
 * `customFields` map of task and deal writes, validated per type against the fields that
 * apply to the task or deal and stored normalised; the value of a deal-list filter. (The
 * `customFields` array of Task and Deal: api/present/custom_field_json.h.)
 * docs/internals/custom_fields.md.
 */
#ifndef API_CF_VALUE_H
#define API_CF_VALUE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "api/pipeline/call.h"

/* Apply the body's `customFields` map to a task / deal that exists (created or updated in
 * this transaction, so its locations or funnel are the ones the values are checked
 * against). No map (absent, null, or the array form, ignored as live): nothing happens.
 * A field that does not apply or a bad value: RC_INVALID with errors keyed
 * "customFields.<fieldId>" (the caller's transaction rolls back: nothing is stored). */
int cf_apply_task(struct call *c, int64_t task_id);
int cf_apply_deal(struct call *c, const char *deal_id);
/* Whether the body carries a map that cf_apply_* would act on. */
bool cf_body_has_map(const struct call *c);

/* The JSON a stored value of field f equals when a filter names text s (query string):
 * a number, a boolean, a normalised date-time or a string. NULL when s cannot be a value
 * of f (the caller answers 422). */
json_t *cf_filter_value(const char *type, const char *s);

#endif

/* custom_field_json.h — the spec's CustomField and CustomFieldOption objects written from
 * the model's structs (model/custom_field.h; writer presenters, api/pipeline/call.h
 * write_fn), for the custom-field routes, and the `customFields` array of the tasks, deals,
 * projects and funnels that list their fields (with each one's value for a task or deal,
 * model/cf_value.h). */
#ifndef API_CUSTOM_FIELD_JSON_H
#define API_CUSTOM_FIELD_JSON_H

#include "api/pipeline/call.h"

struct custom_field;
struct cf_entry;

struct jw;

/* item is a const struct custom_field *: {id, name, type, config, options: [{id, name,
 * color}]}; config is the stored JSON text parsed back (null when there is none). */
void custom_field_write(struct jw *w, const struct call *c, const void *item);
/* item is a const struct custom_field_option *: {id, name, color} */
void custom_field_option_write(struct jw *w, const struct call *c, const void *item);
/* [{id, name, type, config, options, value}, ...] of n entries: the CustomField shape of
 * the definitions' routes plus the owner's value (null when unset) */
void cf_entries_write(struct jw *w, const struct call *c, const struct cf_entry *e, size_t n);

#endif

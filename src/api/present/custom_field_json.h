/* custom_field_json.h — the spec's CustomField and CustomFieldOption objects built from the
 * model's structs (model/custom_field.h), for the custom-field routes, and the
 * `customFields` array of the tasks, deals, projects and funnels that list their fields
 * (with each one's value for a task or deal, model/cf_value.h). New references; NULL only
 * when memory runs out. */
#ifndef API_CUSTOM_FIELD_JSON_H
#define API_CUSTOM_FIELD_JSON_H

#include <jansson.h>

#include "api/pipeline/call.h"

struct custom_field;
struct cf_entry;

/* item is a const struct custom_field *: {id, name, type, config, options: [{id, name,
 * color}]}; config is the stored JSON text parsed back (null when there is none). */
json_t *custom_field_json(const struct call *c, const void *item);
/* item is a const struct custom_field_option *: {id, name, color} */
json_t *custom_field_option_json(const struct call *c, const void *item);

/* [custom_field_json(c, &fields[0]), ...] */
json_t *custom_fields_json(const struct call *c, const struct custom_field *fields, size_t n);
/* [{id, name, type, config, options, value}, ...] of n entries: the CustomField shape of
 * the definitions' routes plus the owner's value (null when unset) */
json_t *cf_entries_json(const struct call *c, const struct cf_entry *e, size_t n);

/* the same, written (api/pipeline/call.h write_fn) */
void custom_field_write(struct jw *w, const struct call *c, const void *item);
void custom_field_option_write(struct jw *w, const struct call *c, const void *item);
void cf_entries_write(struct jw *w, const struct call *c, const struct cf_entry *e, size_t n);

#endif

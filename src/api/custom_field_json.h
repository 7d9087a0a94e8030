/* custom_field_json.h — the spec's CustomField and CustomFieldOption objects built from the
 * model's structs (model/custom_field.h), for the custom-field routes and for the tasks and
 * deals that list their fields. New references; NULL only when memory runs out. */
#ifndef API_CUSTOM_FIELD_JSON_H
#define API_CUSTOM_FIELD_JSON_H

#include <jansson.h>

struct custom_field;
struct custom_field_option;

/* {id, name, type, config, options: [{id, name, color}]}; config is the stored JSON text
 * parsed back (null when there is none). */
json_t *custom_field_json(const struct custom_field *f);
/* {id, name, color} */
json_t *custom_field_option_json(const struct custom_field_option *o);
/* call_list adapter: item is a const struct custom_field * */
json_t *custom_field_item_json(const void *item);

/* [custom_field_json(&fields[0]), ...]; NULL when memory runs out */
json_t *custom_fields_json(const struct custom_field *fields, size_t n);

#endif

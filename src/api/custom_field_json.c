/* custom_field_json.c — see custom_field_json.h. */
#include "api/custom_field_json.h"
#include "api/jsonmem.h"
#include "model/custom_field.h"

json_t *custom_field_option_json(const struct custom_field_option *o)
{
    return json_pack("{s:s, s:s, s:s}", "id", o->id, "name", o->name, "color", o->color);
}

json_t *custom_field_json(const struct custom_field *f)
{
    json_t *opts = json_array();
    for (size_t i = 0; opts && i < f->noptions; i++)
        if (json_array_append_new(opts, custom_field_option_json(&f->options[i]))) {
            json_decref(opts);
            opts = NULL;
        }
    if (!opts)
        return NULL;
    /* the config was validated and serialised by the api layer; text that does not parse
     * (never written by weeekd) reads as null rather than failing the whole answer */
    bool oom = false;
    json_t *config = f->config ? jsonmem_loads(f->config, JSON_DECODE_ANY, &oom) : NULL;
    if (oom) {
        json_decref(opts);
        return NULL;
    }
    return json_pack("{s:s, s:s?, s:s, s:o, s:o}", "id", f->id, "name", f->name, "type", f->type,
                     "config", config ? config : json_null(), "options", opts);
}

json_t *custom_field_item_json(const void *item)
{
    return custom_field_json(item);
}

json_t *custom_fields_json(const struct custom_field *fields, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++)
        if (json_array_append_new(arr, custom_field_json(&fields[i]))) {
            json_decref(arr);
            return NULL;
        }
    return arr;
}

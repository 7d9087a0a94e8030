/* custom_field_json.c — see custom_field_json.h. */
#include "api/present/custom_field_json.h"
#include "api/pipeline/json_util.h"
#include "api/pipeline/jsonmem.h"
#include "model/cf_value.h"
#include "model/custom_field.h"

json_t *custom_field_option_json(const struct call *c, const void *item)
{
    const struct custom_field_option *o = item;
    (void)c;
    return json_pack("{s:s, s:s, s:s}", "id", o->id, "name", o->name, "color", o->color);
}

json_t *custom_field_json(const struct call *c, const void *item)
{
    const struct custom_field *f = item;
    json_t *opts =
        present_list(c, f->options, f->noptions, sizeof(*f->options), custom_field_option_json);
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

json_t *custom_fields_json(const struct call *c, const struct custom_field *fields, size_t n)
{
    return present_list(c, fields, n, sizeof(*fields), custom_field_json);
}

/* NULL only when out of memory, which the caller reports */
static json_t *load_or_null(const char *text)
{
    bool oom = false;
    json_t *v = text ? jsonmem_loads(text, JSON_DECODE_ANY, &oom) : NULL;
    return v ? v : oom ? NULL : json_null();
}

json_t *cf_entries_json(const struct call *c, const struct cf_entry *e, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        json_t *o = custom_field_json(c, e[i].field);
        if (!o || json_object_set_new(o, "value", load_or_null(e[i].value)) ||
            json_array_append_new(arr, o)) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

void custom_field_option_write(struct jw *w, const struct call *c, const void *item)
{
    const struct custom_field_option *o = item;
    (void)c;
    jw_obj(w);
    jw_key_str(w, "id", o->id);
    jw_key_str(w, "name", o->name);
    jw_key_str(w, "color", o->color);
    jw_obj_end(w);
}

/* the definition's keys, without the braces (an entry adds its value) */
static void field_members(struct jw *w, const struct call *c, const struct custom_field *f)
{
    jw_key_str(w, "id", f->id);
    jw_key_opt_str(w, "name", f->name);
    jw_key_str(w, "type", f->type);
    jw_key(w, "config");
    jv_write_stored(w, f->config);
    jw_key(w, "options");
    jw_arr(w);
    for (size_t i = 0; i < f->noptions; i++)
        custom_field_option_write(w, c, &f->options[i]);
    jw_arr_end(w);
}

void custom_field_write(struct jw *w, const struct call *c, const void *item)
{
    jw_obj(w);
    field_members(w, c, item);
    jw_obj_end(w);
}

void cf_entries_write(struct jw *w, const struct call *c, const struct cf_entry *e, size_t n)
{
    jw_arr(w);
    for (size_t i = 0; i < n; i++) {
        jw_obj(w);
        field_members(w, c, e[i].field);
        jw_key(w, "value");
        jv_write_stored(w, e[i].value);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

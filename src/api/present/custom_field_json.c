/* custom_field_json.c — see custom_field_json.h. */
#include "api/present/custom_field_json.h"
#include "api/pipeline/json_util.h"
#include "model/cf_value.h"
#include "model/custom_field.h"

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

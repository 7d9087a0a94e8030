/* project_json.c — see project_json.h. */
#include "api/present/project_json.h"
#include "api/present/custom_field_json.h"
#include "api/pipeline/json_util.h"
#include "model/custom_field.h"
#include "model/portfolio.h"
#include "model/project.h"

json_t *project_json(const struct call *c, const void *item)
{
    const struct project *p = item;
    json_t *team = json_array();
    for (size_t i = 0; team && i < p->nteam; i++)
        if (json_array_append_new(team, json_string(p->team[i])))
            return NULL;
    return json_pack(
        "{s:I, s:s, s:s, s:s?, s:s?, s:s, s:i, s:b, s:b, s:o, s:o, s:o}", "id", (json_int_t)p->id,
        "name", p->name, "title", p->name, "logoLink", p->logo, "description", p->description,
        "color", p->color, "status", p->is_archived ? 2 : 1, "isPrivate", p->is_private,
        "isArchived", p->is_archived, "portfolioId",
        p->portfolio_id ? json_integer(p->portfolio_id) : json_null(), "team", team, "customFields",
        jv_written_list(c, p->fields, p->nfields, sizeof(*p->fields), custom_field_write));
}

json_t *portfolio_json(const struct call *c, const void *item)
{
    const struct portfolio *p = item;
    (void)c;
    return json_pack("{s:I, s:s, s:o, s:b}", "id", (json_int_t)p->id, "name", p->name, "parentId",
                     p->parent_id ? json_integer(p->parent_id) : json_null(), "isPrivate",
                     p->is_private);
}

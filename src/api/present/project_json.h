/* project_json.h — the spec's Project and Portfolio objects built from model/project.h and
 * model/portfolio.h: presenters (api/pipeline/call.h present_fn). NULL only when memory runs out.
 */
#ifndef API_PROJECT_JSON_H
#define API_PROJECT_JSON_H

#include <jansson.h>

#include "api/pipeline/call.h"

/* item is a const struct project * with its custom fields (p->fields). Carries both `name`
 * and `title` (tm-notes §2.3), `status` 1 (active) or 2 (archived), and `isArchived`. */
json_t *project_json(const struct call *c, const void *item);
/* item is a const struct portfolio * */
json_t *portfolio_json(const struct call *c, const void *item);

#endif

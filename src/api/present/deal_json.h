/* deal_json.h — the CRM objects of the spec (Funnel, FunnelStatus, Deal, Currency) built
 * from the model's structs: presenters (api/pipeline/call.h present_fn; the Deal a writer
 * presenter, write_fn). Every property of the spec's schema is always there. The trees are
 * NULL only when memory runs out. */
#ifndef API_DEAL_JSON_H
#define API_DEAL_JSON_H

#include <jansson.h>

#include "api/pipeline/call.h"

struct jw;

/* item is a const struct funnel * with its team */
json_t *funnel_json(const struct call *c, const void *item);
/* item is a const struct funnel_status * */
json_t *status_json(const struct call *c, const void *item);
/* item is a const struct deal * whose related arrays are filled (deal_fill_related); a
 * writer presenter (api/pipeline/call.h write_fn) */
void deal_write(struct jw *w, const struct call *c, const void *item);
/* item is a const struct currency * */
json_t *currency_json(const struct call *c, const void *item);

#endif

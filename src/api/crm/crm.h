/* crm.h — what the CRM handlers (crm_funnels.c, crm_deals.c, crm_deal_links.c, ...) share:
 * slug ids from the path and the body, and loading the deal a path names. Private to
 * src/api/. */
#ifndef API_CRM_H
#define API_CRM_H

#include "api/pipeline/call.h"
#include "api/pipeline/input.h"

struct deal;
struct funnel_status;

/* A deal's winStatus values (NULL-terminated). */
extern const char *const CRM_WIN_STATUSES[];
/* s without the whitespace around it (Laravel trims every input). */
struct str crm_trim(struct str s);

/* Path parameter `name` as a slug (NUL-terminated, in the arena). RC_NOTFOUND when it does
 * not have a slug's form: it names nothing. */
int crm_param_slug(struct call *c, const char *name, const char **out);
/* Body field as a slug id: a string of any other form is "The selected <attr> is invalid."
 * (it can name nothing), a non-string "The <attr> must be a string.". */
enum input_state crm_input_slug(struct call *c, const char *field, unsigned flags,
                                const char **out);
/* The deal named by path parameter `name`, row only (RC_NOTFOUND when missing). */
int crm_deal_from_path(struct call *c, const char *name, struct deal *out);
/* The funnel status named by path parameter statusId (RC_NOTFOUND when missing). */
int crm_status_from_path(struct call *c, struct funnel_status *out);

#endif

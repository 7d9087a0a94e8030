/* admin.h — the admin API of weeekd as a test double (/_weeekd/, routes flagged R_ADMIN):
 * its bearer check; the handlers' prototypes come from the route table (api/pipeline/handlers.h).
 * See docs/testing-with-weeekd.md. */
#ifndef API_ADMIN_H
#define API_ADMIN_H

struct call;

/* RC_OK when the request carries `Authorization: Bearer <want>` (want: --admin-token), else
 * RC_UNAUTH (the usual 401); also RC_UNAUTH when want is NULL. Compared in constant time. */
int admin_authenticate(const struct call *c, const char *want);

#endif

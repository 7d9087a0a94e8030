/* double.h — the front of the request pipeline for weeekd as a test double: hides the
 * admin API (/_weeekd/) unless --admin-token is set, then hands the request to
 * router_dispatch. See docs/testing-with-weeekd.md. */
#ifndef API_DOUBLE_H
#define API_DOUBLE_H

#include "http/request.h"

#define ADMIN_PREFIX "/_weeekd"

/* The http_dispatch_fn main hands the server instead of router_dispatch: app is the
 * struct app of api/router.h. */
void double_dispatch(void *app, struct request *req, struct response *resp);

#endif

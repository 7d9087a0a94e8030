/* rc.h — the one result type. Every function that can fail returns an int holding an
 * enum rc (0 = OK); outputs go through pointer parameters. api/pipeline/reply.c is the one place
 * that turns an rc into an HTTP status and body. See docs/internals/errors.md. */
#ifndef CORE_RC_H
#define CORE_RC_H

enum rc {
    RC_OK = 0,
    RC_NOMEM,     /* allocation failed or request arena cap reached       -> 503 */
    RC_BADREQ,    /* malformed input: bad JSON, bad query syntax          -> 400 */
    RC_INVALID,   /* well-formed but fails validation, field named        -> 422 */
    RC_UNAUTH,    /* missing or unknown token                             -> 401 */
    RC_FORBIDDEN, /* valid token, action not allowed                      -> 403 */
    RC_NOTFOUND,  /* no such object in this workspace                     -> 400/404 */
    RC_CONFLICT,  /* unique key or state conflict                         -> 409 */
    RC_TOOBIG,    /* body, list or arena over limit                       -> 413 */
    RC_BUSY,      /* store contention or lost connection; retried once    -> 503 */
    RC_STORE,     /* unexpected database failure                          -> 500 */
    RC_INTERNAL,  /* a bug                                                -> 500 */
    RC__COUNT
};

/* Stable lower-case name of an rc for logs ("ok", "notfound", ...). Never NULL. */
const char *rc_name(int rc);

#endif

/* qs.h — query-string decoding, lenient in the ways real Weeek clients differ:
 * name[]=a&name[]=b, name[0]=a&name[1]=b and name=a&name=b all give the values of "name";
 * names and values are percent-decoded ('+' is a space). Everything lives in the arena. */
#ifndef HTTP_QS_H
#define HTTP_QS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/str.h"

struct arena;

#define QS_MAX_PARAMS 256

struct qs_param {
    struct str name;  /* decoded, with a trailing [] or [N] removed */
    struct str value; /* decoded; may contain any byte, check UTF-8 before use as text */
    bool bracketed;   /* the name carried [] or [N] */
};

struct qs {
    struct qs_param *items;
    size_t n;
};

/* Parse s[0..len). RC_OK; RC_BADREQ on a malformed %-escape or more than QS_MAX_PARAMS
 * parameters; RC_NOMEM. Empty pieces ("a=1&&b=2") are skipped. */
int qs_parse(struct arena *a, const char *s, size_t len, struct qs *out);
/* The last parameter called name, or NULL. */
const struct qs_param *qs_get(const struct qs *q, const char *name);
/* How many parameters are called name. */
size_t qs_count(const struct qs *q, const char *name);

#endif

/* source_api.c — `weeekd import --from` (source_api.h). */
#include "port/source_api.h"

#include <stdio.h>

#include "core/common.h"

int source_api_run(struct writer *w, const char *base_url, const char *token, long concurrency)
{
    (void)w, (void)base_url, (void)token, (void)concurrency;
    fputs("weeekd: import --from is not built yet\n", stderr);
    return -1;
}

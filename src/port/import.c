/* import.c — `weeekd import` (import.h). */
#include "port/import.h"

#include <stdio.h>

#include "core/common.h"

int port_import(const char *db, const char *workspace, const char *email, const char *input,
                const char *from, const char *token, long concurrency, bool replace, bool resume)
{
    (void)db, (void)workspace, (void)email, (void)input, (void)from, (void)token;
    (void)concurrency, (void)replace, (void)resume;
    fputs("weeekd: import is not built yet\n", stderr);
    return 1;
}

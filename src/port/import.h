/* import.h — `weeekd import`: a workspace document (export.h) or a live Weeek API into a
 * new workspace of this store, written through the API in process (client.h). */
#ifndef PORT_IMPORT_H
#define PORT_IMPORT_H

#include <stdbool.h>

/* Exit code: 0 (the owner's token printed on stdout), 1 failure, 2 usage. */
int port_import(const char *db, const char *workspace, const char *email, const char *input,
                const char *from, const char *token, long concurrency, int retries, bool replace,
                bool resume);

#endif

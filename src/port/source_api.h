/* source_api.h — `weeekd import --from`: reads a workspace through a Weeek API over HTTP
 * (libcurl) section by section, in the export document's order, into the writer. */
#ifndef PORT_SOURCE_API_H
#define PORT_SOURCE_API_H

struct writer;

/* 0, or -1 with the reason printed. */
int source_api_run(struct writer *w, const char *base_url, const char *token, long concurrency);

#endif

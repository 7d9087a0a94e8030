/* export.h — the workspace document (docs/export-format.md): one JSON object written in
 * sections, each array element as soon as its page is read, so memory holds one page of
 * objects at a time, never the workspace. */
#ifndef PORT_EXPORT_H
#define PORT_EXPORT_H

#include <stdio.h>

struct client;

#define EXPORT_FORMAT  "weeekd-export"
#define EXPORT_VERSION 1

/* Read the workspace c is authenticated to and write the document to out. 0, or -1 with
 * err filled (the document is then incomplete). */
int port_export(struct client *c, FILE *out, char *err, size_t errlen);

#endif

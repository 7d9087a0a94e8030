/* docread.h — a streaming reader of the workspace document (export.h): the top-level
 * object key by key, and an array value element by element, each element parsed alone, so
 * importing holds one object at a time whatever the size of the document. Any JSON layout
 * is accepted (whitespace anywhere), not only the one export writes. */
#ifndef PORT_DOCREAD_H
#define PORT_DOCREAD_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

struct docread;

struct docread *docread_open(FILE *f);
void docread_close(struct docread *d);
/* The next top-level key into key (NUL-terminated, truncated to n): 1, 0 at the end of the
 * object, -1 on malformed input. */
int docread_key(struct docread *d, char *key, size_t n);
/* The key's value when it is not an array (or to skip one): parsed whole. NULL on error. */
json_t *docread_value(struct docread *d);
/* true when the key's value is an array, which is then entered. */
bool docread_array(struct docread *d);
/* The next element of the entered array: 1 with *out (caller decrefs), 0 at its end, -1 on
 * malformed input. */
int docread_element(struct docread *d, json_t **out);
/* Where the last error happened, for messages. */
long docread_offset(const struct docread *d);

#endif

/* writer.h — writes a workspace's objects, in the API's own representation (one object of
 * the export document at a time, export.h), into a new workspace through a client
 * (client.h): ids mapped, references followed, orders kept. One writer serves the file
 * import and the API import; what it cannot write is counted and reported at the end.
 * Objects must arrive in the document's section order. */
#ifndef PORT_WRITER_H
#define PORT_WRITER_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

struct client;
struct writer;

struct member;

/* Adds a member (or updates the profile of the one with that e-mail) in the target
 * workspace, which the API cannot do: 0 with the member's uuid copied into id[37], or -1. */
typedef int (*writer_member_fn)(void *ctx, const struct member *m, char id[37]);

struct writer *writer_new(struct client *c, const char *owner_email, const char *owner_id,
                          writer_member_fn add_member, void *ctx);
void writer_free(struct writer *w);

/* One object of section (a key of the document: "members", "tags", ... "deals"). 0 or -1. */
int writer_put(struct writer *w, const char *section, json_t *obj);
/* The section's last object has been put (finishes what waits on the whole section). */
int writer_end(struct writer *w, const char *section);
/* Everything is in: archive what was archived, fill deferred references. 0 or -1. */
int writer_finish(struct writer *w);
const char *writer_error(const struct writer *w);
/* Objects written so far. */
long writer_done(const struct writer *w);
/* Print what could not be carried over (one line each) to f. */
void writer_report(const struct writer *w, FILE *f);

#endif

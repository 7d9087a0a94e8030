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

struct writer *writer_new(struct client *c, const char *owner_email, writer_member_fn add_member,
                          void *ctx);
/* The client to write through (set before the first writer_put). */
void writer_set_client(struct writer *w, struct client *c);
void writer_free(struct writer *w);

/* The client that writes as the target member member_id (a uuid), for what the API writes
 * in the name of the caller (a comment's author); NULL when there is none (the owner then
 * writes it). The writer does not free it. */
typedef struct client *(*writer_author_fn)(void *ctx, const char *member_id);
void writer_set_author(struct writer *w, writer_author_fn fn, void *ctx);

/* Records each id as it is mapped (import_map): 0, or -1 to fail the import. */
typedef int (*writer_record_fn)(void *ctx, const char *kind, const char *source_id,
                                const char *target_json);
void writer_set_record(struct writer *w, writer_record_fn fn, void *ctx);
/* Preload one entry recorded by an earlier run (import --resume): objects already mapped
 * are not written again. 0 or -1. */
int writer_load(struct writer *w, const char *kind, const char *source_id, const char *target_json);

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

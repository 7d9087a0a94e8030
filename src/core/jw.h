/* jw.h — a streaming JSON writer into an arena: the replies' text written straight from
 * the model's structs, without a tree (issue 18 item 3). Its output is byte for byte what
 * jansson's json_dumps(JSON_COMPACT) gives for the same values after api/pipeline/jsonmem.c
 * has shortened the reals: strings escaped as jansson escapes them (", \, \b \f \n \r \t,
 * other control characters as \u00XX in upper case; '/', DEL, U+2028 and every other
 * character as is), integers as %lld, reals in their shortest round-trip form.
 *
 * Text goes into chunks taken from the arena; jw_finish gives it as one NUL-terminated
 * string, the first chunk itself when it all fit there, else one copy of the exact size.
 * The first failure sticks (w->rc) and every later call does nothing, so a writer
 * function checks once, at the end. Failures: RC_NOMEM / RC_TOOBIG when the arena refuses
 * (as buf.h), RC_INTERNAL for a value JSON cannot hold as jansson would refuse it (a string
 * that is not UTF-8 or is NULL, a real that is not finite).
 *
 * Commas are the writer's: a value after a value in the same container gets one. Keys are
 * written as given: they must be plain ASCII needing no escape (the spec's property names). */
#ifndef CORE_JW_H
#define CORE_JW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct jw_chunk;

struct jw {
    struct arena *a;
    char *p, *end; /* the room left in the current chunk (end keeps one byte for the NUL) */
    struct jw_chunk *first, *cur;
    size_t before; /* bytes in the chunks before cur */
    int rc;        /* the first failure, or RC_OK */
    bool comma;    /* a value was written last: the next value or key needs a ',' first */
};

/* An empty writer; allocates nothing. */
void jw_init(struct jw *w, struct arena *a);
/* Bytes written so far. */
size_t jw_len(const struct jw *w);
/* The text: *out NUL-terminated, *len its length (both set only on RC_OK). Writing may go
 * on afterwards only after another jw_init. Returns w->rc. */
int jw_finish(struct jw *w, const char **out, size_t *len);

void jw_obj(struct jw *w);     /* { */
void jw_obj_end(struct jw *w); /* } */
void jw_arr(struct jw *w);     /* [ */
void jw_arr_end(struct jw *w); /* ] */
/* "key": (the value follows) */
void jw_key(struct jw *w, const char *key);

void jw_str(struct jw *w, const char *s);
void jw_strn(struct jw *w, const char *s, size_t n);
/* a string, or null for NULL */
void jw_opt_str(struct jw *w, const char *s);
void jw_int(struct jw *w, int64_t v);
void jw_real(struct jw *w, double v);
void jw_bool(struct jw *w, bool v);
void jw_null(struct jw *w);
/* text[0..n): one complete JSON value, already in the form above, written as is */
void jw_raw(struct jw *w, const char *text, size_t n);
/* Members of an object's text ("{...}", as jansson wrote it) into the object being
 * written: text without its braces, after a comma when needed. "{}" adds nothing. */
void jw_members(struct jw *w, const char *text, size_t n);
/* Record rc as the writer's failure (the first one sticks); for a caller whose own step
 * failed mid-value. */
void jw_fail(struct jw *w, int rc);

/* key and value in one call */
void jw_key_str(struct jw *w, const char *key, const char *s);
void jw_key_opt_str(struct jw *w, const char *key, const char *s);
void jw_key_int(struct jw *w, const char *key, int64_t v);
void jw_key_bool(struct jw *w, const char *key, bool v);
void jw_key_null(struct jw *w, const char *key);

/* x as jansson 2.14 writes a real with JSON_REAL_PRECISION(precision) (0: 17): %.*g, ".0"
 * added to a whole number, no '+' or leading zeros in the exponent. out holds n >= 40
 * bytes; returns the length (0 when x is not finite). */
size_t jw_real_jansson(double x, int precision, char *out, size_t n);
/* The shortest text of x that reads back to the same double, in that form (exponent
 * form below 1e-4 and from 1e17). Never longer than jw_real_jansson(x, 0). n >= 40. */
size_t jw_real_shortest(double x, char *out, size_t n);

#endif

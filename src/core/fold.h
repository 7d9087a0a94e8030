/* fold.h — Unicode case folding for search (docs/internals/lists.md, "Search"). */
#ifndef CORE_FOLD_H
#define CORE_FOLD_H

struct arena;

/* s (UTF-8) case-folded by Unicode's full folding and put in NFC, in the arena: "Иван",
 * "ИВАН" and "иван" fold alike, "Straße" and "STRASSE" too, and "ς" as "σ". A byte that
 * is not UTF-8 becomes U+FFFD (the API stores only UTF-8; a failure other than memory
 * folds A-Z only). NULL when the arena is full. */
char *fold_text(struct arena *a, const char *s);

#endif

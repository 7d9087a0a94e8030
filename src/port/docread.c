/* docread.c — the streaming document reader (docread.h): a byte scanner finds where each
 * value ends (strings and nesting followed, nothing else interpreted) and jansson parses
 * just those bytes. */
#include "port/docread.h"

#include <stdlib.h>
#include <string.h>

#include "core/common.h"

struct docread {
    FILE *f;
    long off;
    char *buf; /* the value being collected */
    size_t len, cap;
    bool first;   /* no element/key read yet in the current container */
    bool started; /* the document's opening brace has been read */
};

struct docread *docread_open(FILE *f)
{
    struct docread *d = calloc(1, sizeof(*d));
    if (d)
        d->f = f;
    return d;
}

void docread_close(struct docread *d)
{
    if (d)
        free(d->buf);
    free(d);
}

long docread_offset(const struct docread *d)
{
    return d->off;
}

static int next(struct docread *d)
{
    int ch = getc(d->f);
    if (ch != EOF)
        d->off++;
    return ch;
}

static int skip_ws(struct docread *d)
{
    int ch;
    do
        ch = next(d);
    while (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t');
    return ch;
}

static int push(struct docread *d, int ch)
{
    if (d->len + 1 >= d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 4096;
        char *p = realloc(d->buf, cap);
        if (!p)
            return -1;
        d->buf = p;
        d->cap = cap;
    }
    d->buf[d->len++] = (char)ch;
    return 0;
}

/* Collect one value starting with ch into buf; the character after a scalar is pushed back. */
static int collect(struct docread *d, int ch)
{
    d->len = 0;
    int depth = 0;
    bool in_str = false, esc = false;
    for (;; ch = next(d)) {
        if (ch == EOF)
            return -1;
        if (in_str) {
            if (push(d, ch))
                return -1;
            if (esc)
                esc = false;
            else if (ch == '\\')
                esc = true;
            else if (ch == '"') {
                in_str = false;
                if (depth == 0)
                    break;
            }
            continue;
        }
        if (depth == 0 && d->len &&
            (ch == ',' || ch == '}' || ch == ']' || ch == ' ' || ch == '\n' || ch == '\r' ||
             ch == '\t')) {
            ungetc(ch, d->f);
            d->off--;
            break;
        }
        if (push(d, ch))
            return -1;
        if (ch == '"')
            in_str = true;
        else if (ch == '{' || ch == '[')
            depth++;
        else if (ch == '}' || ch == ']') {
            if (--depth == 0)
                break;
            if (depth < 0)
                return -1;
        }
    }
    d->buf[d->len] = '\0';
    return 0;
}

static json_t *parse(struct docread *d)
{
    return json_loadb(d->buf, d->len, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
}

int docread_key(struct docread *d, char *key, size_t n)
{
    int ch = skip_ws(d);
    if (!d->started) { /* the document's opening brace */
        if (ch != '{')
            return -1;
        d->started = true;
        d->first = true;
        ch = skip_ws(d);
    }
    if (ch == '}')
        return 0;
    if (!d->first) {
        if (ch != ',')
            return -1;
        ch = skip_ws(d);
    }
    d->first = false;
    if (ch != '"' || collect(d, ch))
        return -1;
    json_t *k = parse(d);
    if (!json_is_string(k)) {
        json_decref(k);
        return -1;
    }
    snprintf(key, n, "%s", json_string_value(k));
    json_decref(k);
    return skip_ws(d) == ':' ? 1 : -1;
}

json_t *docread_value(struct docread *d)
{
    int ch = skip_ws(d);
    if (collect(d, ch))
        return NULL;
    return parse(d);
}

bool docread_array(struct docread *d)
{
    int ch = skip_ws(d);
    if (ch == '[') {
        d->first = true;
        return true;
    }
    if (ch != EOF) {
        ungetc(ch, d->f);
        d->off--;
    }
    return false;
}

int docread_element(struct docread *d, json_t **out)
{
    int ch = skip_ws(d);
    if (ch == ']') {
        d->first = false; /* back in the top-level object, which has had a key */
        return 0;
    }
    if (!d->first) {
        if (ch != ',')
            return -1;
        ch = skip_ws(d);
    }
    d->first = false;
    if (collect(d, ch))
        return -1;
    *out = parse(d);
    return *out ? 1 : -1;
}

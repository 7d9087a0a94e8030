/* multipart.c — see multipart.h. Every scan is bounded by the end of the buffer; nothing
 * here trusts a length it did not measure. */
#include "http/multipart.h"
#include "core/arena.h"
#include "core/rc.h"

#include <strings.h>
#include "core/common.h"

struct cursor {
    const char *p, *end;
};

static bool is_ws(char c)
{
    return c == ' ' || c == '\t';
}

static bool starts_with(const struct cursor *c, const char *s, size_t n)
{
    return (size_t)(c->end - c->p) >= n && memcmp(c->p, s, n) == 0;
}

static void skip_ws(const char **p, const char *end)
{
    while (*p < end && is_ws(**p))
        (*p)++;
}

/* RFC 7230 token characters, which is what parameter names and unquoted values use */
static bool is_tchar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/* A header or parameter byte we refuse: controls other than HT (a NUL would end a C
 * string early; CR and LF end lines) */
static bool is_bad_byte(char c)
{
    unsigned char u = (unsigned char)c;
    return (u < 0x20 && c != '\t') || u == 0x7f;
}

/* One `name=value` parameter after a ';' (the ';' already consumed): name is a slice,
 * value is decoded (quoted-string unescaped) into the arena. 0 on success, -1 malformed,
 * -2 out of memory. */
static int parse_param(struct arena *a, const char **pp, const char *end, struct str *name,
                       struct str *value)
{
    const char *p = *pp;
    skip_ws(&p, end);
    const char *ns = p;
    while (p < end && is_tchar(*p))
        p++;
    if (p == ns)
        return -1;
    *name = (struct str){ns, (size_t)(p - ns)};
    skip_ws(&p, end);
    if (p >= end || *p != '=')
        return -1;
    p++;
    skip_ws(&p, end);
    char *v = arena_alloc(a, (size_t)(end - p) + 1);
    if (!v)
        return -2;
    size_t w = 0;
    if (p < end && *p == '"') {
        p++;
        for (;;) {
            if (p >= end)
                return -1; /* unterminated quoted string */
            char ch = *p++;
            if (ch == '"')
                break;
            if (ch == '\\') {
                if (p >= end)
                    return -1;
                ch = *p++;
            }
            v[w++] = ch;
        }
    } else {
        /* browsers send raw UTF-8 in unquoted values too: take everything up to ';' */
        while (p < end && *p != ';' && !is_ws(*p))
            v[w++] = *p++;
        if (w == 0)
            return -1;
    }
    v[w] = '\0';
    *value = (struct str){v, w};
    skip_ws(&p, end);
    if (p < end && *p != ';')
        return -1;
    *pp = p;
    return 0;
}

static bool name_is(struct str s, const char *lit)
{
    size_t n = strlen(lit);
    return s.len == n && strncasecmp(s.ptr, lit, n) == 0;
}

/* The boundary parameter of a multipart/form-data Content-Type, or an error sentence. */
static const char *boundary_of(struct arena *a, const char *ct, struct str *out)
{
    static const char type[] = "multipart/form-data";
    if (!ct)
        return "The request has no Content-Type.";
    const char *end = ct + strlen(ct);
    const char *p = ct;
    skip_ws(&p, end);
    if ((size_t)(end - p) < sizeof(type) - 1 || strncasecmp(p, type, sizeof(type) - 1) != 0)
        return "The Content-Type is not multipart/form-data.";
    p += sizeof(type) - 1;
    skip_ws(&p, end);
    out->ptr = NULL;
    out->len = 0;
    while (p < end) {
        if (*p != ';')
            return "The Content-Type parameters are malformed.";
        p++;
        skip_ws(&p, end);
        if (p == end)
            break; /* a trailing ';' */
        struct str name, value;
        int r = parse_param(a, &p, end, &name, &value);
        if (r == -2)
            return NULL; /* caller reports out of memory */
        if (r)
            return "The Content-Type parameters are malformed.";
        if (name_is(name, "boundary")) {
            if (out->ptr)
                return "The Content-Type has two boundary parameters.";
            *out = value;
        }
    }
    if (!out->ptr)
        return "The multipart Content-Type has no boundary.";
    if (out->len == 0 || out->len > MULTIPART_MAX_BOUNDARY || is_ws(out->ptr[out->len - 1]))
        return "The multipart boundary must be 1 to 70 characters long.";
    for (size_t i = 0; i < out->len; i++)
        if (is_bad_byte(out->ptr[i]))
            return "The multipart boundary holds a control character.";
    return "";
}

/* Percent-decode an RFC 5987 ext-value "UTF-8'lang'pct-text" into the arena; false when it
 * is not UTF-8 or malformed. */
static bool ext_value(struct arena *a, struct str v, struct str *out, bool *oom)
{
    const char *q1 = memchr(v.ptr, '\'', v.len);
    if (!q1)
        return false;
    size_t cl = (size_t)(q1 - v.ptr);
    if (!(cl == 5 && strncasecmp(v.ptr, "utf-8", 5) == 0))
        return false;
    const char *rest = q1 + 1;
    size_t rl = v.len - cl - 1;
    const char *q2 = memchr(rest, '\'', rl);
    if (!q2)
        return false;
    rl -= (size_t)(q2 - rest) + 1;
    int rc = str_decoded_copy(a, q2 + 1, rl, false, out);
    *oom = rc == RC_NOMEM;
    return rc == RC_OK;
}

/* Content-Disposition: form-data; name="..."; filename="..." */
static const char *disposition(struct arena *a, const char *p, const char *end,
                               struct multipart_part *part)
{
    static const char fd[] = "form-data";
    skip_ws(&p, end);
    if ((size_t)(end - p) < sizeof(fd) - 1 || strncasecmp(p, fd, sizeof(fd) - 1) != 0)
        return "A part's Content-Disposition is not form-data.";
    p += sizeof(fd) - 1;
    skip_ws(&p, end);
    bool has_name = false, has_file = false, has_ext = false;
    struct str ext = {NULL, 0};
    while (p < end) {
        if (*p != ';')
            return "A part's Content-Disposition is malformed.";
        p++;
        skip_ws(&p, end);
        if (p == end)
            break;
        struct str name, value;
        int r = parse_param(a, &p, end, &name, &value);
        if (r == -2)
            return NULL;
        if (r)
            return "A part's Content-Disposition is malformed.";
        bool *seen = NULL;
        if (name_is(name, "name")) {
            seen = &has_name;
            part->name = value;
        } else if (name_is(name, "filename")) {
            seen = &has_file;
            part->filename = value;
        } else if (name_is(name, "filename*")) {
            seen = &has_ext;
            ext = value;
        }
        if (seen && *seen)
            return "A part's Content-Disposition repeats a parameter.";
        if (seen)
            *seen = true;
    }
    if (!has_name)
        return "A part's Content-Disposition has no name.";
    if (has_ext) {
        /* RFC 6266 §4.3: filename* wins over filename; a filename* we cannot read falls
         * back to filename when there is one. The decoded name gets the same checks as a
         * plain one where the upload handler reads it (control and bidi characters). */
        bool oom = false;
        struct str decoded;
        if (ext_value(a, ext, &decoded, &oom))
            part->filename = decoded;
        else if (oom)
            return NULL;
        else if (!has_file)
            return "A part's filename* is not UTF-8 in RFC 5987 form.";
    }
    return "";
}

static struct str trimmed(const char *p, const char *end)
{
    skip_ws(&p, end);
    while (end > p && is_ws(end[-1]))
        end--;
    return (struct str){p, (size_t)(end - p)};
}

/* The header section of one part, up to and including its empty line. */
static const char *part_headers(struct arena *a, struct cursor *c, struct multipart_part *part)
{
    const char *start = c->p;
    bool has_disp = false, has_type = false;
    for (;;) {
        size_t left = (size_t)(c->end - c->p);
        const char *nl = memchr(c->p, '\n', left);
        if (!nl || nl == c->p || nl[-1] != '\r')
            return nl ? "A part's header line does not end in CRLF."
                      : "The body ends inside a part's headers.";
        if ((size_t)(nl + 1 - start) > MULTIPART_MAX_HEADER_BYTES)
            return "A part's headers are too large.";
        const char *line = c->p, *lend = nl - 1;
        c->p = nl + 1;
        if (line == lend)
            break; /* the empty line */
        if (is_ws(*line))
            return "A part's headers use obsolete line folding.";
        for (const char *q = line; q < lend; q++)
            if (is_bad_byte(*q))
                return "A part's header holds a control character.";
        const char *colon = memchr(line, ':', (size_t)(lend - line));
        if (!colon || colon == line)
            return "A part's header line is malformed.";
        for (const char *q = line; q < colon; q++)
            if (!is_tchar(*q))
                return "A part's header line is malformed.";
        struct str hname = {line, (size_t)(colon - line)};
        if (name_is(hname, "Content-Disposition")) {
            if (has_disp)
                return "A part has two Content-Disposition headers.";
            has_disp = true;
            const char *err = disposition(a, colon + 1, lend, part);
            if (!err || *err)
                return err;
        } else if (name_is(hname, "Content-Type")) {
            if (has_type)
                return "A part has two Content-Type headers.";
            has_type = true;
            struct str v = trimmed(colon + 1, lend);
            char *copy = arena_strndup(a, v.ptr, v.len);
            if (!copy)
                return NULL;
            part->content_type = (struct str){copy, v.len};
        }
    }
    if (!has_disp)
        return "A part has no Content-Disposition header.";
    return "";
}

/* After a delimiter: "--" closes the body; otherwise optional padding, then CRLF. */
static const char *after_delimiter(struct cursor *c, bool *closed)
{
    *closed = false;
    if (starts_with(c, "--", 2)) {
        c->p += 2;
        *closed = true;
        return "";
    }
    skip_ws(&c->p, c->end);
    if (!starts_with(c, "\r\n", 2))
        return "A boundary line is malformed.";
    c->p += 2;
    return "";
}

static int fail(struct multipart *out, const char *err)
{
    if (!err)
        return RC_NOMEM;
    out->error = err;
    return RC_BADREQ;
}

int multipart_parse(struct arena *a, const char *content_type, const char *body, size_t len,
                    struct multipart *out)
{
    out->parts = NULL;
    out->n = 0;
    out->error = NULL;
    struct str boundary = {NULL, 0};
    const char *err = boundary_of(a, content_type, &boundary);
    if (!err || *err)
        return fail(out, err);
    /* the delimiter with the CRLF that precedes it everywhere but at the very start */
    size_t dlen = boundary.len + 4;
    char *delim = arena_alloc(a, dlen + 1);
    if (!delim)
        return RC_NOMEM;
    memcpy(delim, "\r\n--", 4);
    memcpy(delim + 4, boundary.ptr, boundary.len);
    delim[dlen] = '\0';

    struct cursor c = {body, body + len};
    if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0) {
        c.p += dlen - 2;
    } else {
        const char *first = len ? memmem(body, len, delim, dlen) : NULL;
        if (!first)
            return fail(out, "The multipart body has no opening boundary.");
        c.p = first + dlen; /* a preamble before it is ignored (RFC 2046) */
    }
    size_t cap = 0;
    for (;;) {
        bool closed;
        err = after_delimiter(&c, &closed);
        if (*err)
            return fail(out, err);
        if (closed)
            return RC_OK; /* an epilogue after the close delimiter is ignored */
        if (out->n == MULTIPART_MAX_PARTS) {
            out->error = "The multipart body has too many parts.";
            return RC_TOOBIG;
        }
        if (out->n == cap) {
            size_t ncap = cap ? cap * 2 : 4;
            struct multipart_part *np = arena_alloc(a, ncap * sizeof(*np));
            if (!np)
                return RC_NOMEM;
            if (out->n)
                memcpy(np, out->parts, out->n * sizeof(*np));
            out->parts = np;
            cap = ncap;
        }
        struct multipart_part *part = &out->parts[out->n];
        memset(part, 0, sizeof(*part));
        part->content_type = (struct str){"", 0};
        err = part_headers(a, &c, part);
        if (!err || *err)
            return fail(out, err);
        /* the CRLF before a delimiter belongs to the delimiter (RFC 2046), so an empty
         * part's content ends where it starts */
        size_t left = (size_t)(c.end - c.p);
        const char *next = left >= dlen ? memmem(c.p, left, delim, dlen) : NULL;
        if (!next)
            return fail(out, "The multipart body ends before its closing boundary.");
        part->data = c.p;
        part->len = (size_t)(next - c.p);
        out->n++;
        c.p = next + dlen;
    }
}

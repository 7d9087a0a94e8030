/* fuzz_input.c — the input_* helpers on whatever JSON object the bytes parse to (as the
 * router parses bodies), and the same helpers on the same bytes read as a GET's query string
 * (scalars, and the array readers with their item indexes).
 * The compound helpers (enum, date, datetime, uuid, uuids, ids, objects with input_enter /
 * input_leave, nested up to MAX_DEPTH) run on the JSON object and on the object a form body
 * of the same bytes would give (router.c's form_body: repeated or bracketed names become
 * arrays of strings).
 * Checks the input.h contract: IN_VALUE sets the output and it is well-formed (strings
 * trimmed UTF-8 within their limit, dates that print back as sent, seconds within the day,
 * uuids 36 lower-case characters, ids > 0, arrays without duplicates), IN_BAD leaves
 * call_check() failing, IN_REQUIRED never gives IN_ABSENT, errors recorded inside a scope
 * are keyed under its prefix, and input_leave restores c->body and c->in_prefix. */
#include <stdint.h>
#include <stdlib.h>

#include "api/pipeline/call.h"
#include "api/pipeline/input.h"
#include "api/pipeline/input_compound.h"
#include "api/pipeline/jsonmem.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/str.h"
#include "core/common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)  \
    do {             \
        if (!(cond)) \
            abort(); \
    } while (0)

static const char *const fields[] = {"title", "id", "boardId", "isCompleted", "", "a"};

static void check_string(struct call *c, enum input_state st, const char *s, size_t maxlen)
{
    if (st == IN_VALUE) {
        size_t n = strlen(s);
        CHECK(n > 0 && utf8_valid(s, n));
        CHECK(maxlen == 0 || utf8_len(s, n) <= maxlen);
        CHECK(s[0] != ' ' && s[n - 1] != ' ');
    }
    if (st == IN_BAD)
        CHECK(call_check(c) != RC_OK);
}

static void read_fields(struct call *c)
{
    for (size_t i = 0; i < ARRAY_LEN(fields); i++) {
        const char *f = fields[i];
        unsigned flags = (unsigned)i % 4; /* every mix of IN_REQUIRED and IN_NULLABLE */
        const char *s = NULL;
        int64_t v = 0;
        bool b = false;
        enum input_state st;
        st = input_string(c, f, flags, 5, &s);
        check_string(c, st, s, 5);
        st = input_int(c, f, flags, -10, 1000, &v);
        CHECK(st != IN_VALUE || (v >= -10 && v <= 1000));
        CHECK(st != IN_BAD || call_check(c) != RC_OK);
        st = input_bool(c, f, flags, &b);
        CHECK(st != IN_BAD || call_check(c) != RC_OK);
        CHECK(!(flags & IN_REQUIRED) || st != IN_ABSENT);
    }
}

/* Query arrays: every item kept was sent at an index below input_count, in order; ids are
 * positive and unique, uuids 36 characters, and ints within their range. */
static void read_query_arrays(struct call *c)
{
    static const char *const words[] = {"won", "lost", NULL};
    for (size_t i = 0; i < ARRAY_LEN(fields); i++) {
        const char *f = fields[i];
        size_t sent = input_count(c, f), n = 0, *at = NULL;
        int64_t *ids = NULL;
        const char **texts = NULL;
        enum input_state st = input_ids(c, f, 0, &ids, &n, &at);
        CHECK(st != IN_ABSENT || sent == 0);
        for (size_t k = 0; st != IN_ABSENT && k < n; k++) {
            CHECK(ids[k] > 0 && at[k] < sent && (k == 0 || at[k] > at[k - 1]));
            for (size_t j = 0; j < k; j++)
                CHECK(ids[j] != ids[k]);
        }
        n = 0;
        if (input_uuids(c, f, 0, &texts, &n, &at) != IN_ABSENT)
            for (size_t k = 0; k < n; k++)
                CHECK(strlen(texts[k]) == 36 && at[k] < sent);
        n = 0;
        if (input_ints(c, f, 0, -10, 1000, &ids, &n) != IN_ABSENT)
            for (size_t k = 0; k < n; k++)
                CHECK(ids[k] >= -10 && ids[k] <= 1000);
        n = 0;
        if (input_strings(c, f, 0, 5, &texts, &n) != IN_ABSENT)
            for (size_t k = 0; k < n; k++)
                check_string(c, IN_VALUE, texts[k], 5);
        n = 0;
        if (input_enums(c, f, 0, words, &texts, &n) != IN_ABSENT)
            for (size_t k = 0; k < n; k++)
                CHECK(texts[k] == words[0] || texts[k] == words[1]);
        CHECK(n <= sent);
    }
}

/* ---- compound helpers ---- */

#define MAX_DEPTH 3 /* scopes inside scopes */
#define MAX_ITEMS 8 /* objects entered per array */

static const char *const cfields[] = {"tags",        "assignees", "locations", "startDate",
                                      "dueDateTime", "userId",    "type",      "projectId",
                                      "boards",      "a",         ""};
static const char *const TYPES[] = {"action", "meet", "call", NULL};

static bool is_lower_uuid(const char *s)
{
    if (!s || strlen(s) != 36)
        return false;
    for (int i = 0; i < 36; i++) {
        char ch = s[i];
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? ch != '-' : !((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f')))
            return false;
    }
    return true;
}

static void check_state(struct call *c, enum input_state st, unsigned flags)
{
    CHECK(st == IN_ABSENT || st == IN_NULL || st == IN_VALUE || st == IN_BAD);
    CHECK(st != IN_BAD || call_check(c) != RC_OK);
    CHECK(!(flags & IN_REQUIRED) || st != IN_ABSENT);
    CHECK((flags & IN_NULLABLE) || st != IN_NULL);
}

/* the keys of c->errors now, to tell which ones a scope added */
static json_t *error_keys(struct call *c)
{
    json_t *keys = json_object();
    const char *k;
    json_t *v;
    CHECK(keys);
    if (c->errors) {
        json_object_foreach(c->errors, k, v)
        {
            CHECK(!json_object_set_new(keys, k, json_null()));
        }
    }
    return keys;
}

static void read_compound(struct call *c, int depth);

/* every item of the array under field entered, read and left */
static void read_objects(struct call *c, const char *f, unsigned flags, int depth)
{
    json_t *arr = NULL;
    enum input_state st = input_objects(c, f, flags, &arr);
    check_state(c, st, flags);
    if (st != IN_VALUE)
        return;
    CHECK(json_is_array(arr));
    CHECK(!(flags & IN_REQUIRED) || json_array_size(arr) > 0);
    for (size_t i = 0; i < json_array_size(arr) && i < MAX_ITEMS; i++) {
        json_t *item = json_array_get(arr, i), *body = c->body;
        const char *prefix = c->in_prefix;
        struct input_scope saved;
        if (!input_enter(c, f, i, item, &saved)) {
            CHECK(!json_is_object(item));
            CHECK(call_check(c) != RC_OK);
            CHECK(c->body == body && c->in_prefix == prefix);
            continue;
        }
        CHECK(json_is_object(item) && c->body == item);
        /* the new prefix is the old one, then "<field>.<i>." */
        char tail[64];
        snprintf(tail, sizeof(tail), "%s.%zu.", f, i);
        size_t np = prefix ? strlen(prefix) : 0, nt = strlen(tail);
        CHECK(c->in_prefix && strlen(c->in_prefix) == np + nt);
        CHECK(np == 0 || memcmp(c->in_prefix, prefix, np) == 0);
        CHECK(memcmp(c->in_prefix + np, tail, nt) == 0);
        char *inner = strdup(c->in_prefix);
        CHECK(inner);
        json_t *before = error_keys(c);
        if (depth < MAX_DEPTH)
            read_compound(c, depth + 1);
        CHECK(c->body == item && strcmp(c->in_prefix, inner) == 0);
        input_leave(c, &saved);
        CHECK(c->body == body && c->in_prefix == prefix);
        /* what the scope recorded is keyed under its prefix */
        const char *k;
        json_t *v;
        if (c->errors) {
            json_object_foreach(c->errors, k, v)
            {
                CHECK(json_object_get(before, k) || strncmp(k, inner, strlen(inner)) == 0);
            }
        }
        json_decref(before);
        free(inner);
    }
}

/* a call reading the same object with nothing recorded yet */
static struct call fresh(const struct call *c)
{
    return (struct call){.a = c->a, .req = c->req, .body = c->body, .in_prefix = c->in_prefix};
}

/* What an array helper returns depends on its field alone, not on errors recorded for
 * other fields; and a field the scalar helpers read as null (null, "", blanks) is null to
 * the array helpers too. */
static void check_array_state(const struct call *c, const char *f, unsigned flags,
                              enum input_state uuids_st, enum input_state ids_st)
{
    struct call a = fresh(c), b = fresh(c), s = fresh(c);
    const char **uu = NULL, *str = NULL;
    int64_t *ids = NULL;
    size_t n = 0;
    CHECK(input_uuids(&a, f, flags, &uu, &n, NULL) == uuids_st);
    CHECK(input_ids(&b, f, flags, &ids, &n, NULL) == ids_st);
    if (input_string(&s, f, IN_NULLABLE, 0, &str) == IN_NULL) {
        a = fresh(c);
        b = fresh(c);
        json_t *arr = NULL;
        CHECK(input_uuids(&a, f, IN_NULLABLE, &uu, &n, NULL) == IN_NULL);
        CHECK(input_ids(&b, f, IN_NULLABLE, &ids, &n, NULL) == IN_NULL);
        CHECK(input_objects(&a, f, IN_NULLABLE, &arr) == IN_NULL);
    }
}

static void read_compound(struct call *c, int depth)
{
    for (size_t i = 0; i < ARRAY_LEN(cfields); i++) {
        const char *f = cfields[i];
        unsigned flags = (unsigned)(i + (size_t)depth) % 8; /* REQUIRED, NULLABLE, NOTNULL */
        enum input_state st;

        const char *e = NULL;
        st = input_enum(c, f, flags, TYPES, &e);
        check_state(c, st, flags);
        if (st == IN_VALUE) {
            bool known = false;
            for (size_t k = 0; TYPES[k]; k++)
                known = known || e == TYPES[k];
            CHECK(known);
        }

        int64_t day = INT64_MIN, sec = INT64_MIN;
        st = input_date(c, f, flags, &day);
        check_state(c, st, flags);
        if (st == IN_VALUE) {
            /* what was accepted prints back as sent, once trimmed */
            const char *s = NULL;
            char ymd[DATE_YMD_SIZE];
            CHECK(input_string(c, f, 0, 0, &s) == IN_VALUE);
            date_format_ymd(day, ymd);
            CHECK(strcmp(ymd, s) == 0);
        } else {
            CHECK(day == INT64_MIN);
        }

        day = sec = INT64_MIN;
        st = input_datetime(c, f, flags, &day, &sec);
        check_state(c, st, flags);
        if (st == IN_VALUE) {
            int64_t y;
            int m, d;
            CHECK(sec >= 0 && sec < DATE_SECONDS_PER_DAY);
            date_to_civil(day, &y, &m, &d);
            CHECK(y >= DATE_YEAR_MIN - 1 && y <= DATE_YEAR_MAX + 1); /* an offset moves a day */
        } else {
            CHECK(day == INT64_MIN && sec == INT64_MIN);
        }

        const char *u = NULL;
        st = input_uuid(c, f, flags, &u);
        check_state(c, st, flags);
        CHECK(st != IN_VALUE || is_lower_uuid(u));

        const char **uu = NULL;
        size_t n = SIZE_MAX;
        enum input_state uuids_st = st = input_uuids(c, f, flags, &uu, &n, NULL);
        check_state(c, st, flags);
        if (st == IN_VALUE) {
            json_t *arr = json_object_get(c->body, f);
            CHECK(json_is_array(arr) && uu && n <= json_array_size(arr));
            CHECK(!(flags & IN_REQUIRED) || json_array_size(arr) > 0);
            for (size_t k = 0; k < n; k++) {
                CHECK(is_lower_uuid(uu[k]));
                for (size_t j = 0; j < k; j++)
                    CHECK(strcmp(uu[j], uu[k]) != 0);
            }
        }

        int64_t *ids = NULL;
        n = SIZE_MAX;
        st = input_ids(c, f, flags, &ids, &n, NULL);
        check_state(c, st, flags);
        if (st == IN_VALUE) {
            json_t *arr = json_object_get(c->body, f);
            CHECK(json_is_array(arr) && ids && n <= json_array_size(arr));
            CHECK(!(flags & IN_REQUIRED) || json_array_size(arr) > 0);
            for (size_t k = 0; k < n; k++) {
                CHECK(ids[k] > 0);
                for (size_t j = 0; j < k; j++)
                    CHECK(ids[j] != ids[k]);
            }
        }

        check_array_state(c, f, flags, uuids_st, st);

        read_objects(c, f, flags, depth);
    }
}

/* router.c's form_body: the same object a form body of these bytes gives */
static json_t *form_object(const struct qs *q)
{
    json_t *obj = json_object();
    for (size_t i = 0; obj && i < q->n; i++) {
        const struct qs_param *p = &q->items[i];
        if (!utf8_valid(p->value.ptr, p->value.len) || !utf8_valid(p->name.ptr, p->name.len)) {
            json_decref(obj);
            return NULL; /* the router answers 400 */
        }
        char name[256];
        if (p->name.len >= sizeof(name))
            continue;
        memcpy(name, p->name.ptr, p->name.len);
        name[p->name.len] = '\0';
        json_t *v = json_stringn(p->value.ptr, p->value.len), *old = json_object_get(obj, name);
        CHECK(v);
        if (p->bracketed || old) {
            if (!json_is_array(old)) {
                json_t *arr = json_array();
                CHECK(arr && (!old || !json_array_append(arr, old)));
                CHECK(!json_object_set_new(obj, name, arr));
                old = arr;
            }
            CHECK(!json_array_append_new(old, v));
        } else {
            CHECK(!json_object_set_new(obj, name, v));
        }
    }
    if (obj && !json_object_size(obj)) {
        json_decref(obj);
        obj = NULL; /* no fields: no body */
    }
    return obj;
}

/* the compound helpers on body, at the top level */
static void read_body(struct arena *a, struct request *req, json_t *body)
{
    struct call c = {.a = a, .req = req, .body = body};
    read_compound(&c, 0);
    CHECK(c.body == body && c.in_prefix == NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool installed;
    if (!installed) {
        jsonmem_install();
        installed = true;
    }
    struct arena a;
    struct request req = {.method = "POST"};
    arena_init(&a, 0);
    arena_set_current(&a);

    struct call c = {.a = &a, .req = &req};
    json_t *v =
        json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, NULL);
    if (json_is_object(v)) {
        c.body = v;
        read_fields(&c);
        read_body(&a, &req, v);
    }
    json_decref(v);

    struct call q = {.a = &a, .req = &req, .input_qs = true};
    if (qs_parse(&a, (const char *)data, size, &q.qs) == RC_OK) {
        read_fields(&q);
        read_query_arrays(&q);
        json_t *form = form_object(&q.qs);
        read_body(&a, &req, form);
        json_decref(form);
    }

    arena_set_current(NULL);
    arena_reset(&a);
    return 0;
}

/* crm_deal_list.c — GET /crm/statuses/{statusId}/deals: a status's deals with every filter
 * (search, assigneeIds/executorIds, winStatuses, lastUpdated, tags, organizations,
 * contacts, customFields[N][id|value]), a sort key and limit/offset
 * paging answered with hasMoreDeals. Decisions: docs/internals/crm.md "Refinements". */
#include "api/pipeline/handlers.h"
#include "api/pipeline/input_compound.h"
#include "api/pipeline/jsonmem.h"
#include "api/fields/cf_value.h"
#include "api/crm/crm.h"
#include "api/present/deal_json.h"
#include "model/custom_field.h"
#include "model/deal.h"
#include "model/funnel.h"
#include "model/util.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/common.h"

#define DEAL_LIMIT_DEFAULT 50
#define DAY_MS             86400000LL

static const char *const LAST_UPDATED[] = {"today", "yesterday", "lastWeek", NULL};
/* spec: getDeals sort; `commented` sorts by updatedAt (weeekd has no comments) */
static const char *const SORTS[] = {"title",     "-title",     "amount",    "-amount",
                                    "createdAt", "-createdAt", "updatedAt", "-updatedAt",
                                    "commented", "-commented", NULL};

static long find_word(const char *const *list, const char *s, size_t len)
{
    for (long i = 0; list[i]; i++)
        if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
            return i;
    return -1;
}

/* ---- the list ---------------------------------------------------------------------------- */

/* The values of array `name` as JSON array text for deal_filter, NULL when none was sent
 * (a blank one is left out: api/pipeline/input.h). allowed: NULL-terminated words the values must
 * be
 * ("The selected name.N is invalid." otherwise); is_int: values must be integers. *bits
 * (may be NULL) gets the indexes of the allowed words seen. */
static const char *filter_set(struct call *c, const char *name, const char *const *allowed,
                              bool is_int, unsigned *bits)
{
    const char **texts = NULL;
    int64_t *ints = NULL;
    size_t n = 0;
    if (allowed)
        input_enums(c, name, 0, allowed, &texts, &n);
    else if (is_int)
        input_ints(c, name, 0, INT64_MIN, INT64_MAX, &ints, &n);
    else
        input_strings(c, name, 0, 0, &texts, &n);
    if (!n)
        return NULL;
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        if (bits)
            *bits |= 1u << find_word(allowed, texts[i], strlen(texts[i]));
        if (json_array_append_new(arr, is_int ? json_integer(ints[i]) : json_string(texts[i])))
            arr = NULL;
    }
    char *out = arr ? jsonmem_dumps(arr, JSON_COMPACT) : NULL;
    json_decref(arr);
    if (!out)
        call_fail(c, RC_NOMEM, NULL);
    return out;
}

/* spec: docs-2026 says assigneeIds, docs-2024 and the PHP client executorIds: either, or
 * both (one set) */
static const char *assignee_set(struct call *c)
{
    const char *a = filter_set(c, "assigneeIds", NULL, false, NULL);
    const char *b = filter_set(c, "executorIds", NULL, false, NULL);
    if (!a || !b)
        return a ? a : b;
    /* "[x,y]" + "[z]" -> "[x,y,z]" */
    char *both = arena_printf(c->a, "%.*s,%s", (int)(strlen(a) - 1), a, b + 1);
    if (!both)
        call_fail(c, RC_NOMEM, NULL);
    return both;
}

#define CF_FILTER_MAX 16

/* "customFields[N][id]" / "customFields[N][value]": *index and *is_id; false for any other
 * name. The query parser keeps such names as written (only a trailing [] or [N] is an
 * index to it), so they are matched here. */
static bool cf_param(struct str name, size_t *index, bool *is_id)
{
    static const char pre[] = "customFields[";
    size_t np = sizeof(pre) - 1;
    if (name.len <= np || memcmp(name.ptr, pre, np) != 0)
        return false;
    size_t i = np, n = 0;
    while (i < name.len && name.ptr[i] >= '0' && name.ptr[i] <= '9' && n < 1000)
        n = n * 10 + (size_t)(name.ptr[i++] - '0');
    if (i == np || i >= name.len || name.ptr[i] != ']')
        return false;
    struct str rest = {name.ptr + i + 1, name.len - i - 1};
    *index = n;
    *is_id = str_eq(rest, "[id]");
    return *is_id || str_eq(rest, "[value]");
}

/* Every customFields[N] pair as the JSON array text deal_filter.custom_fields takes; NULL
 * when none. Decision (custom_fields.md): id must name a field of the workspace and value
 * is required and read as that field's type ("customFields.N.id|value" 422 otherwise); at
 * most CF_FILTER_MAX pairs (bounded work per request). */
static const char *cf_filter(struct call *c)
{
    struct {
        const char *id, *value;
    } pairs[CF_FILTER_MAX];
    size_t idx[CF_FILTER_MAX], n = 0;
    memset(pairs, 0, sizeof(pairs));
    /* spec: tm-notes §7 — a plain customFields=… is a string to PHP, not the array of pairs */
    const struct qs_param *plain = qs_get(&c->qs, "customFields");
    if (plain && !plain->bracketed && plain->value.len) {
        call_invalid(c, "customFields", "The custom fields must be an array.");
        return NULL;
    }
    for (size_t i = 0; i < c->qs.n; i++) {
        size_t k;
        bool is_id;
        const struct qs_param *p = &c->qs.items[i];
        if (!cf_param(p->name, &k, &is_id))
            continue;
        size_t slot = 0;
        while (slot < n && idx[slot] != k)
            slot++;
        if (slot == n) {
            if (n == CF_FILTER_MAX) {
                call_invalid(c, "customFields",
                             "The custom fields may not have more than %d items.", CF_FILTER_MAX);
                return NULL;
            }
            idx[n++] = k;
        }
        const char *v = arena_strndup(c->a, p->value.ptr, p->value.len);
        if (!v) {
            call_fail(c, RC_NOMEM, NULL);
            return NULL;
        }
        if (is_id)
            pairs[slot].id = v;
        else
            pairs[slot].value = v;
    }
    if (n == 0)
        return NULL;
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        char key[64];
        struct custom_field field;
        snprintf(key, sizeof(key), "customFields.%zu.id", idx[i]);
        int rc = pairs[i].id ? custom_field_get(c->st, c->a, c->ws_id, pairs[i].id, &field)
                             : RC_NOTFOUND;
        if (rc == RC_NOTFOUND) {
            if (pairs[i].id)
                input_invalid_id(c, key);
            else
                call_invalid(c, key, "The field is required.");
            continue;
        }
        if (rc) {
            call_fail(c, rc, NULL);
            break;
        }
        snprintf(key, sizeof(key), "customFields.%zu.value", idx[i]);
        json_t *v = pairs[i].value && pairs[i].value[0]
                        ? cf_filter_value(field.type, pairs[i].value)
                        : NULL;
        if (!v) {
            if (pairs[i].value && pairs[i].value[0])
                input_invalid_id(c, key);
            else
                call_invalid(c, key, "The field is required.");
            continue;
        }
        if (json_array_append_new(arr, json_pack("{s:s, s:o}", "f", pairs[i].id, "v", v))) {
            call_fail(c, RC_NOMEM, NULL);
            break;
        }
    }
    /* json_dumps allocates in the request arena (api/pipeline/jsonmem.h): nothing to free */
    const char *out = arr && !call_check(c) ? jsonmem_dumps(arr, JSON_COMPACT) : NULL;
    json_decref(arr);
    if (!out && !call_check(c))
        call_fail(c, RC_NOMEM, NULL);
    return out;
}

/* lastUpdated: calendar days in UTC; today, yesterday and "the 7 days before today" always
 * make one interval together, [from, to) */
static void last_updated_window(unsigned bits, struct deal_filter *f)
{
    int64_t today;
    date_from_unix_ms(clock_now_ms(), &today, NULL);
    int64_t t0 = today * DAY_MS;
    int64_t from = INT64_MAX, to = INT64_MIN;
    if (bits & 1u) {
        from = t0;
        to = t0 + DAY_MS;
    }
    if (bits & 2u) {
        from = from < t0 - DAY_MS ? from : t0 - DAY_MS;
        to = to > t0 ? to : t0;
    }
    if (bits & 4u) {
        from = from < t0 - 7 * DAY_MS ? from : t0 - 7 * DAY_MS;
        to = to > t0 ? to : t0;
    }
    f->has_updated = true;
    f->updated_from = from;
    f->updated_to = to;
}

int crm_deals_list(struct call *c)
{
    struct funnel_status s;
    int rc = crm_status_from_path(c, &s);
    if (rc)
        return rc;
    struct deal_filter f = {.limit = DEAL_LIMIT_DEFAULT};
    const char *search;
    if (input_string(c, "search", 0, 255, &search) == IN_VALUE) {
        f.search = like_pattern(c->a, search);
        if (!f.search)
            return RC_NOMEM;
    }
    f.assignees = assignee_set(c);
    f.win_statuses = filter_set(c, "winStatuses", CRM_WIN_STATUSES, false, NULL);
    unsigned windows = 0;
    if (filter_set(c, "lastUpdated", LAST_UPDATED, false, &windows) && windows)
        last_updated_window(windows, &f);
    f.tags = filter_set(c, "tags", NULL, true, NULL);
    f.organizations = filter_set(c, "organizations", NULL, false, NULL);
    f.contacts = filter_set(c, "contacts", NULL, false, NULL);
    f.custom_fields = cf_filter(c);
    const char *sort;
    if (input_string(c, "sort", 0, 32, &sort) == IN_VALUE) {
        long w = find_word(SORTS, sort, strlen(sort));
        if (w < 0)
            input_invalid_id(c, "sort");
        else if (strcmp(sort, "commented") == 0 || strcmp(sort, "-commented") == 0)
            f.sort = sort[0] == '-' ? "-updatedAt" : "updatedAt";
        else
            f.sort = SORTS[w];
    }
    /* Decision (crm.md): limit 1..100, default 50 */
    input_int(c, "limit", 0, 1, DEAL_LIMIT_MAX, &f.limit);
    input_int(c, "offset", 0, 0, INT32_MAX, &f.offset);
    rc = call_check(c);
    struct deal *d;
    size_t n;
    bool more;
    if (!rc)
        rc = deal_list(c->st, c->a, c->ws_id, s.id, &f, &d, &n, &more);
    return rc ? rc : call_write_page(c, d, n, sizeof(*d), deal_write, "hasMoreDeals", more);
}

/* task_json.c — see task_json.h. */
#include "api/present/task_json.h"
#include "api/present/attachment_json.h"
#include "api/present/custom_field_json.h"
#include "api/pipeline/json_util.h"
#include "model/attachment.h"
#include "model/task.h"
#include "model/time_entry.h"
#include "core/clock.h"
#include "core/date.h"
#include <stdio.h>
#include <string.h>
#include "core/common.h"

static json_t *opt_int(int64_t v)
{
    return v == TASK_NONE ? json_null() : json_integer(v);
}

static json_t *time_ms(int64_t ms)
{
    char buf[21];
    if (ms == TASK_NONE)
        return json_null();
    clock_iso8601(ms, buf);
    return json_string(buf);
}

/* the forms a stored day (and time of day) takes in a task */
enum day_form {
    DAY_YMD,     /* 2026-02-28 */
    DAY_ISO8601, /* the *DateTime form: only when a time of day was stored */
    DAY_DMY,     /* legacy (2022-23 clients): 28.02.2026 */
    DAY_HHMM,    /* legacy: the time of day as HH:MM (UTC), null without one */
};

static json_t *day_json(enum day_form form, int64_t day, int64_t sec)
{
    char buf[DATE_ISO8601_SIZE]; /* the longest form */
    bool with_time = form == DAY_ISO8601 || form == DAY_HHMM;
    if (day == TASK_NONE || (with_time && sec == TASK_NONE))
        return json_null();
    switch (form) {
    case DAY_YMD:
        date_format_ymd(day, buf);
        break;
    case DAY_ISO8601:
        date_format_iso8601(day, sec, buf);
        break;
    case DAY_DMY:
        date_format_dmy(day, buf);
        break;
    case DAY_HHMM:
        snprintf(buf, sizeof(buf), "%02d:%02d", (int)(sec / 3600), (int)(sec / 60 % 60));
        break;
    }
    return json_string(buf);
}

static json_t *locations(const struct task *t)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < t->nlocations; i++) {
        const struct task_location *l = &t->locations[i];
        json_t *o = json_pack("{s:I, s:o, s:o}", "projectId", (json_int_t)l->project_id, "boardId",
                              opt_int(l->board_id), "boardColumnId", opt_int(l->column_id));
        if (json_array_append_new(arr, o)) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

json_t *time_entry_json(const struct call *c, const void *item)
{
    const struct time_entry *e = item;
    (void)c;
    char day[DATE_YMD_SIZE];
    date_format_ymd(e->day, day);
    return json_pack("{s:s, s:s, s:i, s:b, s:s, s:I, s:I}", "id", e->id, "userId", e->member_id,
                     "type", e->type, "isOvertime", e->is_overtime, "date", day, "duration",
                     (json_int_t)e->duration, "durationSeconds", (json_int_t)e->duration * 60);
}

/* Decision (tm-notes: "undocumented semantics; 0 when not overdue"): whole days past the
 * due day, UTC, for a task that is neither completed nor deleted. */
static int64_t overdue_days(const struct task *t, int64_t today)
{
    if (t->is_completed || t->is_deleted || t->due_day == TASK_NONE || t->due_day >= today)
        return 0;
    return today - t->due_day;
}

/* Decision (issue 13 item 9, docs/internals/crm.md): a task inside a deal is brief, the
 * keys whose size a task's children decide are left out (the spec requires none of them
 * on a deal's Task); GET /tm/tasks/{id} has the rest. A page of 100 deals of 20 tasks
 * would otherwise carry 2,000 full tasks. */
static bool brief_skips(const char *key)
{
    static const char *const skip[] = {"description",  "assignees",   "tags",
                                       "subscribers",  "subTasks",    "workloads",
                                       "customFields", "attachments", "userId"};
    for (size_t i = 0; i < ARRAY_LEN(skip); i++)
        if (strcmp(key, skip[i]) == 0)
            return true;
    return false;
}

static json_t *task_object(const struct call *c, const struct task *t, bool brief)
{
    int64_t today;
    date_from_unix_ms(clock_now_ms(), &today, NULL);
    const struct task_location *first = t->nlocations ? &t->locations[0] : NULL;
    json_t *o = json_object();
    if (!o)
        return NULL;
    /* json_object_set_new takes ownership even on failure; one check at the end suffices
     * because a failed allocation leaves a key missing, caught by the size check */
    struct {
        const char *key;
        json_t *value;
    } fields[] = {
        {"id", json_integer(t->id)},
        {"parentId", opt_int(t->parent_id)},
        {"title", jv_opt_text(t->title)},
        {"description", jv_opt_text(t->description)},
        {"duration", opt_int(t->duration)},
        {"overdue", json_integer(overdue_days(t, today))},
        {"type", json_string(t->type)},
        {"priority", opt_int(t->priority)},
        {"isCompleted", json_boolean(t->is_completed)},
        {"isDeleted", json_boolean(t->is_deleted)},
        {"authorId", jv_opt_text(t->author_id)},
        {"assignees", jv_texts(t->assignees, t->nassignees)},
        {"locations", locations(t)},
        {"image", json_null()},
        {"isPrivate", json_boolean(t->is_private)},
        {"startDate", day_json(DAY_YMD, t->start_day, TASK_NONE)},
        {"startDateTime", day_json(DAY_ISO8601, t->start_day, t->start_sec)},
        {"dueDate", day_json(DAY_YMD, t->due_day, TASK_NONE)},
        {"dueDateTime", day_json(DAY_ISO8601, t->due_day, t->due_sec)},
        {"createdAt", time_ms(t->created_at)},
        {"updatedAt", time_ms(t->updated_at)},
        {"completedAt", time_ms(t->completed_at)},
        {"tags", jv_ints(t->tags, t->ntags)},
        {"subscribers", jv_texts(t->watchers, t->nwatchers)},
        {"subTasks", jv_ints(t->subtasks, t->nsubtasks)},
        {"workloads", json_array()},
        {"timeEntries", present_list(c, t->time_entries, t->ntime_entries, sizeof(*t->time_entries),
                                     time_entry_json)},
        {"customFields", cf_entries_json(c, t->custom_fields, t->ncustom_fields)},
        {"attachments", present_list(c, t->attachments, t->nattachments, sizeof(*t->attachments),
                                     attachment_json)},
        {"userId", jv_opt_text(t->nassignees ? t->assignees[0] : NULL)},
        {"projectId", first ? json_integer(first->project_id) : json_null()},
        {"boardId", opt_int(first ? first->board_id : TASK_NONE)},
        {"boardColumnId", opt_int(first ? first->column_id : TASK_NONE)},
        /* the 2022-23 fields (spec: optional, LEGACY), derived from the same dates so a
         * client of that era reads what a current one does: date/time = the due day and
         * time, dateStart/dateEnd = the start and due days, timeStart/timeEnd their times */
        {"date", day_json(DAY_DMY, t->due_day, TASK_NONE)},
        {"time", day_json(DAY_HHMM, t->due_day, t->due_sec)},
        {"dateStart", day_json(DAY_YMD, t->start_day, TASK_NONE)},
        {"dateEnd", day_json(DAY_YMD, t->due_day, TASK_NONE)},
        {"timeStart", day_json(DAY_HHMM, t->start_day, t->start_sec)},
        {"timeEnd", day_json(DAY_HHMM, t->due_day, t->due_sec)},
    };
    size_t want = 0;
    for (size_t i = 0; i < ARRAY_LEN(fields); i++) {
        if (brief && brief_skips(fields[i].key)) {
            json_decref(fields[i].value);
            continue;
        }
        want++;
        json_object_set_new(o, fields[i].key, fields[i].value);
    }
    if (json_object_size(o) != want) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *task_json(const struct call *c, const void *item)
{
    return task_object(c, item, false);
}

json_t *task_brief_json(const struct call *c, const void *item)
{
    return task_object(c, item, true);
}

/* ---- the writer --------------------------------------------------------------------- */

static void write_opt_int(struct jw *w, int64_t v)
{
    if (v == TASK_NONE)
        jw_null(w);
    else
        jw_int(w, v);
}

static void write_time_ms(struct jw *w, int64_t ms)
{
    if (ms == TASK_NONE)
        jw_null(w);
    else
        jv_write_time(w, ms);
}

static void write_day(struct jw *w, enum day_form form, int64_t day, int64_t sec)
{
    char buf[DATE_ISO8601_SIZE]; /* the longest form */
    bool with_time = form == DAY_ISO8601 || form == DAY_HHMM;
    if (day == TASK_NONE || (with_time && sec == TASK_NONE)) {
        jw_null(w);
        return;
    }
    switch (form) {
    case DAY_YMD:
        date_format_ymd(day, buf);
        break;
    case DAY_ISO8601:
        date_format_iso8601(day, sec, buf);
        break;
    case DAY_DMY:
        date_format_dmy(day, buf);
        break;
    case DAY_HHMM:
        snprintf(buf, sizeof(buf), "%02d:%02d", (int)(sec / 3600), (int)(sec / 60 % 60));
        break;
    }
    jw_str(w, buf);
}

void time_entry_write(struct jw *w, const struct call *c, const void *item)
{
    const struct time_entry *e = item;
    (void)c;
    char day[DATE_YMD_SIZE];
    date_format_ymd(e->day, day);
    jw_obj(w);
    jw_key_str(w, "id", e->id);
    jw_key_str(w, "userId", e->member_id);
    jw_key_int(w, "type", e->type);
    jw_key_bool(w, "isOvertime", e->is_overtime);
    jw_key_str(w, "date", day);
    jw_key_int(w, "duration", e->duration);
    jw_key_int(w, "durationSeconds", e->duration * 60);
    jw_obj_end(w);
}

static void task_write_as(struct jw *w, const struct call *c, const struct task *t, bool brief)
{
    int64_t today;
    date_from_unix_ms(clock_now_ms(), &today, NULL);
    const struct task_location *first = t->nlocations ? &t->locations[0] : NULL;
    jw_obj(w);
    jw_key_int(w, "id", t->id);
    jw_key(w, "parentId");
    write_opt_int(w, t->parent_id);
    jw_key_opt_str(w, "title", t->title);
    if (!brief)
        jw_key_opt_str(w, "description", t->description);
    jw_key(w, "duration");
    write_opt_int(w, t->duration);
    jw_key_int(w, "overdue", overdue_days(t, today));
    jw_key_str(w, "type", t->type);
    jw_key(w, "priority");
    write_opt_int(w, t->priority);
    jw_key_bool(w, "isCompleted", t->is_completed);
    jw_key_bool(w, "isDeleted", t->is_deleted);
    jw_key_opt_str(w, "authorId", t->author_id);
    if (!brief) {
        jw_key(w, "assignees");
        jv_write_texts(w, t->assignees, t->nassignees);
    }
    jw_key(w, "locations");
    jw_arr(w);
    for (size_t i = 0; i < t->nlocations; i++) {
        const struct task_location *l = &t->locations[i];
        jw_obj(w);
        jw_key_int(w, "projectId", l->project_id);
        jw_key(w, "boardId");
        write_opt_int(w, l->board_id);
        jw_key(w, "boardColumnId");
        write_opt_int(w, l->column_id);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_key_null(w, "image");
    jw_key_bool(w, "isPrivate", t->is_private);
    jw_key(w, "startDate");
    write_day(w, DAY_YMD, t->start_day, TASK_NONE);
    jw_key(w, "startDateTime");
    write_day(w, DAY_ISO8601, t->start_day, t->start_sec);
    jw_key(w, "dueDate");
    write_day(w, DAY_YMD, t->due_day, TASK_NONE);
    jw_key(w, "dueDateTime");
    write_day(w, DAY_ISO8601, t->due_day, t->due_sec);
    jw_key(w, "createdAt");
    write_time_ms(w, t->created_at);
    jw_key(w, "updatedAt");
    write_time_ms(w, t->updated_at);
    jw_key(w, "completedAt");
    write_time_ms(w, t->completed_at);
    if (!brief) {
        jw_key(w, "tags");
        jv_write_ints(w, t->tags, t->ntags);
        jw_key(w, "subscribers");
        jv_write_texts(w, t->watchers, t->nwatchers);
        jw_key(w, "subTasks");
        jv_write_ints(w, t->subtasks, t->nsubtasks);
        jw_key(w, "workloads");
        jw_arr(w);
        jw_arr_end(w);
    }
    jw_key(w, "timeEntries");
    jw_arr(w);
    for (size_t i = 0; i < t->ntime_entries; i++)
        time_entry_write(w, c, &t->time_entries[i]);
    jw_arr_end(w);
    if (!brief) {
        jw_key(w, "customFields");
        cf_entries_write(w, c, t->custom_fields, t->ncustom_fields);
        jw_key(w, "attachments");
        jw_arr(w);
        for (size_t i = 0; i < t->nattachments; i++)
            attachment_write(w, c, &t->attachments[i]);
        jw_arr_end(w);
        jw_key_opt_str(w, "userId", t->nassignees ? t->assignees[0] : NULL);
    }
    jw_key(w, "projectId");
    if (first)
        jw_int(w, first->project_id);
    else
        jw_null(w);
    jw_key(w, "boardId");
    write_opt_int(w, first ? first->board_id : TASK_NONE);
    jw_key(w, "boardColumnId");
    write_opt_int(w, first ? first->column_id : TASK_NONE);
    /* the 2022-23 fields (spec: optional, LEGACY), derived from the same dates so a client
     * of that era reads what a current one does: date/time = the due day and time,
     * dateStart/dateEnd = the start and due days, timeStart/timeEnd their times */
    jw_key(w, "date");
    write_day(w, DAY_DMY, t->due_day, TASK_NONE);
    jw_key(w, "time");
    write_day(w, DAY_HHMM, t->due_day, t->due_sec);
    jw_key(w, "dateStart");
    write_day(w, DAY_YMD, t->start_day, TASK_NONE);
    jw_key(w, "dateEnd");
    write_day(w, DAY_YMD, t->due_day, TASK_NONE);
    jw_key(w, "timeStart");
    write_day(w, DAY_HHMM, t->start_day, t->start_sec);
    jw_key(w, "timeEnd");
    write_day(w, DAY_HHMM, t->due_day, t->due_sec);
    jw_obj_end(w);
}

void task_write(struct jw *w, const struct call *c, const void *item)
{
    task_write_as(w, c, item, false);
}

void task_brief_write(struct jw *w, const struct call *c, const void *item)
{
    task_write_as(w, c, item, true);
}

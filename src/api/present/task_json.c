/* task_json.c — see task_json.h. One writer for the full and the brief Task: the keys a
 * brief one leaves out are skipped in place, so the field list is written once. */
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

/* the forms a stored day (and time of day) takes in a task */
enum day_form {
    DAY_YMD,     /* 2026-02-28 */
    DAY_ISO8601, /* the *DateTime form: only when a time of day was stored */
    DAY_DMY,     /* legacy (2022-23 clients): 28.02.2026 */
    DAY_HHMM,    /* legacy: the time of day as HH:MM (UTC), null without one */
};

/* Decision (tm-notes: "undocumented semantics; 0 when not overdue"): whole days past the
 * due day, UTC, for a task that is neither completed nor deleted. */
static int64_t overdue_days(const struct task *t, int64_t today)
{
    if (t->is_completed || t->is_deleted || t->due_day == TASK_NONE || t->due_day >= today)
        return 0;
    return today - t->due_day;
}

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
        if (sec >= 0 && sec < 100 * 3600) { /* two digits each, as %02d writes them */
            buf[0] = (char)('0' + sec / 36000);
            buf[1] = (char)('0' + sec / 3600 % 10);
            buf[2] = ':';
            buf[3] = (char)('0' + sec / 600 % 6);
            buf[4] = (char)('0' + sec / 60 % 10);
            buf[5] = '\0';
        } else {
            snprintf(buf, sizeof(buf), "%02d:%02d", (int)(sec / 3600), (int)(sec / 60 % 60));
        }
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

/* Decision (issue 13 item 9, docs/internals/crm.md): a task inside a deal is brief, the
 * keys whose size a task's children decide are left out (the spec requires none of them
 * on a deal's Task); GET /tm/tasks/{id} has the rest. A page of 100 deals of 20 tasks
 * would otherwise carry 2,000 full tasks. task_write_as leaves them out. */
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

/* task_json.h — the Task and TimeEntry objects of the spec, written from the model's
 * structs (writer presenters, api/pipeline/call.h write_fn).
 * The Task carries every property of the spec's schema: the arrays always (empty when
 * empty) and the legacy userId/projectId/boardId/boardColumnId mirroring the first
 * assignee and location (tm-notes §2.3). */
#ifndef API_TASK_JSON_H
#define API_TASK_JSON_H

#include "api/pipeline/call.h"

struct jw;
struct task;
struct time_entry;

/* item is a const struct task * whose related arrays are filled (task_fill_related) */
void task_write(struct jw *w, const struct call *c, const void *item);
/* A task as a deal embeds it: task_write without description, assignees, tags,
 * subscribers, subTasks, workloads, customFields, attachments and userId
 * (task_fill_brief fills what it needs). */
void task_brief_write(struct jw *w, const struct call *c, const void *item);
/* item is a const struct time_entry * */
void time_entry_write(struct jw *w, const struct call *c, const void *item);

#endif

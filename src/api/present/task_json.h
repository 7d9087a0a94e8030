/* task_json.h — the Task and TimeEntry objects of the spec, built from the model's structs.
 * The Task carries every property of the spec's schema: the arrays always (empty when
 * empty) and the legacy userId/projectId/boardId/boardColumnId mirroring the first
 * assignee and location (tm-notes §2.3). NULL only when memory runs out. */
#ifndef API_TASK_JSON_H
#define API_TASK_JSON_H

#include <jansson.h>

#include "api/pipeline/call.h"

struct task;
struct time_entry;

/* item is a const struct task * whose related arrays are filled (task_fill_related) */
json_t *task_json(const struct call *c, const void *item);
/* A task as a deal embeds it: task_json without description, assignees, tags,
 * subscribers, subTasks, workloads, customFields, attachments and userId
 * (task_fill_brief fills what it needs). */
json_t *task_brief_json(const struct call *c, const void *item);
/* item is a const struct time_entry * */
json_t *time_entry_json(const struct call *c, const void *item);

/* the same, written (api/pipeline/call.h write_fn) */
void task_write(struct jw *w, const struct call *c, const void *item);
void task_brief_write(struct jw *w, const struct call *c, const void *item);
void time_entry_write(struct jw *w, const struct call *c, const void *item);

#endif

/* tm_tasks.h — what tm_tasks.c offers other handlers: creating a task from a request body
 * (CRM deals create their tasks with it). Private to src/api/. */
#ifndef API_TM_TASKS_H
#define API_TM_TASKS_H

#include <stdint.h>

#include "api/pipeline/call.h"

/* Create a task from the request body by the POST /tm/tasks rules (tm_tasks_create is this
 * plus task_reply; CRM deals create their tasks with it too). *id gets the new task's id;
 * RC_INVALID with the errors recorded on c, or a store rc. */
int task_create_from_body(struct call *c, int64_t *id);

#endif

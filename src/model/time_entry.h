/* time_entry.h — time logged on tasks, and the running timers that produce it
 * (docs/internals/tasks.md "Time entries", "Timers"). */
#ifndef MODEL_TIME_ENTRY_H
#define MODEL_TIME_ENTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct store;
struct arena;

#define TIME_ENTRY_TIMER   1
#define TIME_ENTRY_MANUAL  2
#define TIME_ENTRY_MAX_MIN 1440

struct time_entry {
    const char *id; /* uuid */
    int64_t task_id;
    const char *member_id;
    int type; /* TIME_ENTRY_TIMER or TIME_ENTRY_MANUAL */
    bool is_overtime;
    int64_t day;      /* days since 1970-01-01 */
    int64_t duration; /* minutes, 1..TIME_ENTRY_MAX_MIN */
    int64_t created_at;
};

/* Entries of the tasks whose ids are given as the JSON array text ids_json ("[1,2]"),
 * ordered by task id, then creation. */
int time_entry_list_for(struct store *st, struct arena *a, int64_t ws_id, const char *ids_json,
                        struct time_entry **out, size_t *n);

#endif

/* tm_task_comments.c — a task's comments: GET/POST /tm/tasks/{taskId}/comments and DELETE
 * /tm/tasks/{taskId}/comments/{commentId} (tm-notes §7, docs/internals/tasks.md
 * "Comments"). The task is loaded first (404 before any validation, as Laravel binds the
 * route model first); the two JSON answers carry no `success` key (R_NOSUCCESS). */
#include "api/pipeline/handlers.h"
#include "api/pipeline/call.h"
#include "api/present/comment_json.h"
#include "api/pipeline/input.h"
#include "api/tm/tm_tasks_shared.h"
#include "model/comment.h"
#include "model/task.h"
#include "core/str.h"
#include "core/common.h"

/* Decision: a soft-deleted task's comments stay readable (its GET still answers, so does
 * this list); writes to them are 404 like every write to a deleted task. */
static int task_of_list(struct call *c, struct task *t)
{
    int64_t id;
    int rc = call_param_id(c, "taskId", &id);
    return rc ? rc : task_get_row(c->st, c->a, c->ws_id, id, t);
}

int tm_comments_list(struct call *c)
{
    struct task t;
    int rc = task_of_list(c, &t);
    if (rc)
        return rc;
    int64_t limit = COMMENT_LIMIT_DEFAULT, offset = 0;
    input_int(c, "limit", 0, 1, COMMENT_LIMIT_MAX, &limit);
    input_int(c, "offset", 0, 0, INT32_MAX, &offset);
    rc = call_check(c);
    if (rc)
        return rc;
    struct comment *items;
    size_t n;
    bool more;
    rc = comment_list(c->st, c->a, c->ws_id, t.id, limit, offset, &items, &n, &more);
    return rc ? rc : call_page(c, items, n, sizeof(*items), comment_json, "hasMore", more);
}

static bool is_blank_text(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strchr(" \t\r\n\v\f", s[i]))
            return false;
    return true;
}

/* The markdown kept byte for byte: no trimming (input_string trims, as Laravel's
 * TrimStrings does, but a comment's leading indentation or trailing newline is markdown).
 * Blank text is "required", as it is after Laravel trims it. */
static void read_markdown(struct call *c, const char **out)
{
    const json_t *v = c->body ? json_object_get(c->body, "markdown") : NULL;
    if (!v || json_is_null(v)) {
        call_invalid(c, "markdown", "The field is required.");
        return;
    }
    if (!json_is_string(v)) {
        call_invalid(c, "markdown", "The markdown must be a string.");
        return;
    }
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    if (memchr(s, '\0', n)) {
        call_invalid(c, "markdown", "The markdown must be a valid UTF-8 string.");
        return;
    }
    if (is_blank_text(s, n)) {
        call_invalid(c, "markdown", "The field is required.");
        return;
    }
    if (utf8_len(s, n) > COMMENT_MARKDOWN_MAX) {
        call_invalid(c, "markdown", "The markdown must not be greater than %d characters.",
                     COMMENT_MARKDOWN_MAX);
        return;
    }
    if (input_json_len(s, n) > COMMENT_MARKDOWN_MAX) { /* input.h: IN_LONG */
        call_invalid(c, "markdown", "The markdown must not be greater than %d bytes.",
                     COMMENT_MARKDOWN_MAX);
        return;
    }
    *out = arena_strndup(c->a, s, n);
    if (!*out)
        call_fail(c, RC_NOMEM, NULL);
}

int tm_comments_create(struct call *c)
{
    struct task t;
    int64_t id;
    /* the task and its comment count in one exchange */
    int rc = call_param_id(c, "taskId", &id);
    if (!rc)
        rc = comment_create_ahead(c->st, c->a, c->ws_id, id);
    if (!rc)
        rc = task_from_path(c, "taskId", &t);
    if (rc)
        return rc;
    struct comment cm = {.task_id = t.id, .parent_id = COMMENT_NONE, .author_id = c->user_id};
    /* spec: tm-notes §7 — attachments in a comment's body are a validation error */
    const json_t *files = c->body ? json_object_get(c->body, "attachments") : NULL;
    if (files && !json_is_null(files))
        call_invalid(c, "attachments", "The attachments field is prohibited.");
    read_markdown(c, &cm.markdown);
    int64_t parent;
    if (input_id(c, "parentId", IN_NULLABLE, &parent) == IN_VALUE) {
        /* a live comment of the same task: comments are deleted for good, so any found */
        struct comment p;
        rc = comment_get(c->st, c->a, c->ws_id, t.id, parent, &p);
        if (rc == RC_NOTFOUND)
            input_invalid_id(c, "parentId");
        else if (rc)
            return call_fail(c, rc, NULL);
        else
            cm.parent_id = parent;
    }
    rc = call_check(c);
    if (rc)
        return rc;
    int64_t count;
    rc = comment_count(c->st, c->a, c->ws_id, t.id, &count);
    if (rc)
        return rc;
    if (count >= COMMENT_MAX_PER_TASK)
        return call_invalid(c, "comments", "The task cannot have more than %d comments.",
                            COMMENT_MAX_PER_TASK);
    rc = comment_create(c->st, c->a, c->ws_id, &cm);
    if (rc)
        return rc;
    c->payload = comment_json(c, &cm);
    return c->payload ? RC_OK : RC_NOMEM;
}

int tm_comments_delete(struct call *c)
{
    struct task t;
    int64_t id;
    int rc = task_from_path(c, "taskId", &t);
    if (!rc)
        rc = call_param_id(c, "commentId", &id);
    if (!rc)
        rc = comment_delete(c->st, c->ws_id, t.id, id);
    if (!rc)
        c->no_content = true;
    return rc;
}

/* attachments.c — the attachment routes: upload to a task
 * (POST /tm/tasks/{task_id}/attachments), metadata (GET /ws/attachments/{file_id} and the
 * older GET /attachments/{attachment_id}), and weeekd's own download route
 * (GET /ws/attachments/{file_id}/content) that every `url` points at.
 *
 * Decision (tm-notes §3 item 3, §6 question 5): several files in one upload answer the
 * first as `data` — every docs version declares one object — and all of them, in order,
 * under an additive `attachments` key (always present, so a client can always read it).
 * Decision (§3 item 2): the metadata routes answer JSON; the bytes come from `url` (the
 * Attachment object and its url: api/present/attachment_json.c). */
#include "api/pipeline/handlers.h"
#include "api/ws/attachments.h"
#include "api/present/attachment_json.h"
#include "api/pipeline/json_util.h"
#include "api/tm/tm_tasks_shared.h"
#include "http/multipart.h"

#include <stdio.h>
#include <strings.h>
#include "core/common.h"

#define DEFAULT_TYPE "application/octet-stream"

/* ---- upload ------------------------------------------------------------------------------ */

/* files[] is the spec's name; files and files[N] are what other form encoders produce for
 * the same list (PHP and Laravel read all three as one array) */
static bool is_files_field(struct str name)
{
    if (name.len < 5 || memcmp(name.ptr, "files", 5) != 0)
        return false;
    if (name.len == 5)
        return true;
    if (name.ptr[5] != '[' || name.ptr[name.len - 1] != ']')
        return false;
    for (size_t i = 6; i + 1 < name.len; i++)
        if (name.ptr[i] < '0' || name.ptr[i] > '9')
            return false;
    return true;
}

/* Decision: the name kept is the filename's last path component (browsers on Windows once
 * sent "C:\dir\a.txt"; a name is never a path on this side); nothing usable left ("", ".",
 * "..") becomes "file". */
static const char *clean_name(struct call *c, struct str f)
{
    size_t start = 0;
    for (size_t i = 0; i < f.len; i++)
        if (f.ptr[i] == '/' || f.ptr[i] == '\\')
            start = i + 1;
    struct str base = {f.ptr + start, f.len - start};
    bool blank = true;
    for (size_t i = 0; i < base.len && blank; i++)
        blank = base.ptr[i] == ' ';
    /* Decision: a name of spaces only is no name either */
    if (blank || str_eq(base, ".") || str_eq(base, ".."))
        return "file";
    return arena_strndup(c->a, base.ptr, base.len);
}

/* Decision: the part's Content-Type is kept when it is 1..255 bytes of printable ASCII (it
 * goes back out as a header), else DEFAULT_TYPE. */
static const char *clean_type(struct str t)
{
    if (t.len == 0 || t.len > ATTACHMENT_TYPE_MAX)
        return DEFAULT_TYPE;
    for (size_t i = 0; i < t.len; i++)
        if (t.ptr[i] < 0x20 || t.ptr[i] > 0x7e)
            return DEFAULT_TYPE;
    return t.ptr;
}

/* Decision: a file name shown to people and sent back in Content-Disposition holds no
 * control character (C0, DEL, C1) and no bidirectional embedding, override or isolate
 * (U+202A..U+202E, U+2066..U+2069: "exe.txt" shown for "txt.exe"), whichever of filename=
 * or filename* (RFC 5987) carried it. name is valid UTF-8. */
static bool name_has_controls(struct str name)
{
    const unsigned char *p = (const unsigned char *)name.ptr;
    for (size_t i = 0; i < name.len; i++) {
        if (p[i] < 0x20 || p[i] == 0x7f)
            return true;
        if (p[i] == 0xc2 && i + 1 < name.len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f)
            return true; /* U+0080..U+009F */
        if (p[i] == 0xe2 && i + 2 < name.len &&
            ((p[i + 1] == 0x80 && p[i + 2] >= 0xaa && p[i + 2] <= 0xae) ||
             (p[i + 1] == 0x81 && p[i + 2] >= 0xa6 && p[i + 2] <= 0xa9)))
            return true;
    }
    return false;
}

static bool is_multipart(const char *ct)
{
    static const char mt[] = "multipart/";
    while (ct && (*ct == ' ' || *ct == '\t'))
        ct++;
    return ct && strncasecmp(ct, mt, sizeof(mt) - 1) == 0;
}

struct upload_file {
    const char *name, *type;
    const char *data;
    size_t len;
};

/* The files[] parts, validated; errors recorded on c as files.N (N counts files only). */
static int read_files(struct call *c, struct upload_file **out, size_t *n)
{
    const struct request *req = c->req;
    struct multipart mp = {0};
    *out = NULL;
    *n = 0;
    if (is_multipart(req->content_type)) {
        int rc = multipart_parse(c->a, req->content_type, req->body.ptr ? req->body.ptr : "",
                                 req->body.len, &mp);
        if (rc)
            return call_fail(c, rc, rc == RC_NOMEM ? NULL : mp.error);
    }
    /* a JSON or empty body has no files: the 422 below, as Laravel answers */
    struct upload_file *files = arena_calloc(c->a, mp.n ? mp.n : 1, sizeof(*files));
    if (!files)
        return call_fail(c, RC_NOMEM, NULL);
    size_t k = 0, index = 0;
    for (size_t i = 0; i < mp.n; i++) {
        const struct multipart_part *p = &mp.parts[i];
        if (!is_files_field(p->name))
            continue; /* unknown fields are ignored, as everywhere */
        char key[32];
        snprintf(key, sizeof(key), "files.%zu", index++);
        if (!p->filename.ptr) {
            call_invalid(c, key, "The %s must be a file.", key);
            continue;
        }
        /* an empty file input of an HTML form: filename="" and no bytes (PHP's
         * UPLOAD_ERR_NO_FILE) means no file was chosen */
        if (p->filename.len == 0 && p->len == 0)
            continue;
        if (!utf8_valid(p->filename.ptr, p->filename.len) ||
            memchr(p->filename.ptr, '\0', p->filename.len)) {
            call_invalid(c, key, "The %s name must be valid UTF-8 text.", key);
            continue;
        }
        if (name_has_controls(p->filename)) {
            call_invalid(c, key, "The %s name must not contain control characters.", key);
            continue;
        }
        const char *name = clean_name(c, p->filename);
        if (!name)
            return call_fail(c, RC_NOMEM, NULL);
        if (utf8_len(name, strlen(name)) > ATTACHMENT_NAME_MAX) {
            call_invalid(c, key, "The %s name may not be greater than %d characters.", key,
                         ATTACHMENT_NAME_MAX);
            continue;
        }
        files[k++] = (struct upload_file){name, clean_type(p->content_type), p->data, p->len};
    }
    if (k == 0 && !c->errors)
        call_invalid(c, "files", "The files field is required.");
    *out = files;
    *n = k;
    return call_check(c);
}

int attachments_upload(struct call *c, const struct attachment_owner *owner, size_t have)
{
    struct upload_file *files;
    size_t n;
    int rc = read_files(c, &files, &n);
    if (rc)
        return rc;
    if (have + n > ATTACHMENTS_MAX)
        return call_invalid(c, "files", "The attachments must not have more than %d items.",
                            ATTACHMENTS_MAX);
    json_t *all = json_array();
    if (!all)
        return call_fail(c, RC_NOMEM, NULL);
    for (size_t i = 0; i < n; i++) {
        struct attachment at;
        rc = attachment_create(c->st, c->a, c->ws_id, owner, c->user_id, files[i].name,
                               files[i].type, files[i].data, files[i].len, &at);
        if (rc == RC_TOOBIG)
            return call_fail(c, rc, "The file is too large for the store.");
        if (rc)
            return rc;
        if (json_array_append_new(all, jv_written(c, &at, attachment_write)))
            return call_fail(c, RC_NOMEM, NULL);
    }
    c->payload = json_array_get(all, 0);
    c->extra = json_pack("{s:o}", "attachments", all);
    return c->extra ? RC_OK : call_fail(c, RC_NOMEM, NULL);
}

int tm_tasks_attach(struct call *c)
{
    struct task t;
    int rc = task_from_path_full(c, "task_id", &t); /* the count of its files */
    if (rc)
        return rc;
    struct attachment_owner owner = {.task_id = t.id};
    return attachments_upload(c, &owner, t.nattachments);
}

/* ---- reads ------------------------------------------------------------------------------- */

/* The path's uuid, lower-cased (ids are stored lower-case; a client may send upper case),
 * or NULL when it is not a uuid: then it names nothing */
static const char *path_uuid(struct call *c, const char *param)
{
    const char *id = NULL;
    return call_param_uuid(c, param, &id) ? NULL : id;
}

/* GET /ws/attachments/{file_id}, and the path of the docs up to early 2026,
 * /attachments/{attachment_id} (spec: tm-notes §3 item 1): the same answer */
int ws_attachments_get(struct call *c)
{
    const char *id = path_uuid(c, call_param(c, "file_id").len ? "file_id" : "attachment_id");
    if (!id)
        return RC_NOTFOUND;
    struct attachment at;
    int rc = attachment_get(c->st, c->a, c->ws_id, id, &at);
    return rc ? rc : call_write(c, &at, sizeof(at), attachment_write);
}

/* attachment; filename="<ASCII stand-in>"; filename*=UTF-8''<percent-encoded> (RFC 6266):
 * every client gets a name, and nothing the uploader chose can end or extend the header */
static const char *disposition(struct arena *a, const char *name)
{
    size_t n = strlen(name);
    char *ascii = arena_alloc(a, n + 1);
    char *pct = arena_alloc(a, 3 * n + 1);
    if (!ascii || !pct)
        return NULL;
    size_t w = 0, wa = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)name[i];
        /* one '_' per character that is not plain ASCII (continuation bytes add none) */
        if (ch < 0x80 || ch >= 0xc0)
            ascii[wa++] = ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\' ? (char)ch : '_';
        bool attr = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || (ch != '\0' && strchr("!#$&+-.^_`|~", ch));
        if (attr)
            pct[w++] = (char)ch;
        else
            w += (size_t)snprintf(pct + w, 4, "%%%02X", ch);
    }
    ascii[wa] = '\0';
    pct[w] = '\0';
    return arena_printf(a, "attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii, pct);
}

int ws_attachments_content(struct call *c)
{
    const char *id = path_uuid(c, "file_id");
    if (!id)
        return RC_NOTFOUND;
    struct attachment at;
    const unsigned char *data;
    size_t len;
    int rc = attachment_get_content(c->st, c->a, c->ws_id, id, &at, &data, &len);
    if (rc == RC_NOMEM && c->a->hit_limit)
        return call_fail(c, RC_TOOBIG,
                         "The file is larger than this server's --max-upload allows it to send.");
    if (rc)
        return rc;
    c->raw = data;
    c->raw_len = len;
    c->raw_type = at.content_type;
    c->raw_disposition = disposition(c->a, at.name);
    return c->raw_disposition ? RC_OK : call_fail(c, RC_NOMEM, NULL);
}

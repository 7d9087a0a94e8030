"""Helpers for the export/import suite (test_export_import.py): a workspace filled through
the API with every kind of object (fill), the CLI around `weeekd export` / `weeekd import`,
and the JSON Schema of the export document (docs/export-format.schema.json)."""
import base64
import json
import subprocess

from weeekd_http import ROOT, binary, clean_env

SCHEMA = json.loads((ROOT / "docs" / "export-format.schema.json").read_text(encoding="utf-8"))
CF_TYPES = ["text", "boolean", "datetime", "select", "multiselect", "member", "contact", "link",
            "approval", "number"]


def ok(r, key=None):
    assert r.status_code == 200, f"{r.request.method} {r.request.url}: {r.status_code} {r.text}"
    return r.json()[key] if key else r.json()


def run(*args, timeout=300):
    return subprocess.run([str(binary()), *args], capture_output=True, text=True,
                          timeout=timeout, env=clean_env())


def export(db, workspace, path):
    r = run("export", "--db", db, "--workspace", workspace, "--output", str(path))
    assert r.returncode == 0, r.stderr
    assert r.stdout == "", r.stdout
    return json.loads(path.read_text(encoding="utf-8"))


def cf_value(cf, member_id, contact_id, i):
    """A value of the custom field's type for the i-th object."""
    t = cf["type"]
    opts = [o["id"] for o in cf["options"]]
    return {"text": f"text {i}", "boolean": i % 2 == 0, "datetime": "2026-03-04T05:06:07Z",
            "select": opts[i % len(opts)] if opts else None,
            "multiselect": opts[: 1 + i % max(1, len(opts))],
            "member": member_id, "contact": contact_id, "link": f"https://example.test/{i}",
            "approval": member_id, "number": i + 0.5}[t]


def add_comments(api, member_api, task_ids, many=False):
    """Comments by two authors on a few tasks: replies, a reply whose parent was deleted (now
    at the top level), markdown kept byte for byte, a completed task's; with many, one task
    with more comments than a page holds. Returns {task id: number of comments}."""
    def post(a, task, markdown, parent=None):
        return ok(a.post(f"/tm/tasks/{task}/comments",
                         json={"markdown": markdown, "parentId": parent}), "comment")["id"]
    member_api = member_api or api
    t0, t1 = task_ids[6], task_ids[3]
    first = post(api, t0, "  first, *indented*\n\n- a\n- b\n")
    post(member_api, t0, "a reply — ответ ✓", first)
    gone = post(member_api, t0, "to be deleted")
    post(api, t0, "orphaned reply", gone)
    post(api, t0, "a reply to the first, again", first)
    assert api.delete(f"/tm/tasks/{t0}/comments/{gone}", check_ct=False).status_code == 204
    post(member_api, t1, "on a completed task")
    counts = {t0: 4, t1: 1}
    if many:
        t2 = task_ids[8]
        for i in range(105):
            post(api if i % 2 else member_api, t2, f"comment {i}")
        counts[t2] = 105
    return counts


def fill(api, tasks=40, deals=12, files=True, member_api=None):
    """Every kind of object the API writes, returned as a dict of what was made."""
    made = {"files": {}}
    members = ok(api.get("/ws/members"), "members")
    owner, other = members[0]["id"], members[-1]["id"]
    tags = [ok(api.post("/ws/tags", json={"title": f"tag {i}"}), "tag")["id"] for i in range(3)]
    top = ok(api.post("/tm/portfolios", json={"name": "top"}), "data")["id"]
    sub = ok(api.post("/tm/portfolios", json={"name": "sub", "parentId": top}), "data")["id"]
    cfs = []
    for t in CF_TYPES:
        cf = ok(api.post("/tm/custom-fields", json={"name": f"cf {t}", "type": t}),
                "customField")
        if t in ("select", "multiselect"):
            for k in range(3):
                ok(api.post(f"/tm/custom-fields/{cf['id']}/options",
                            json={"name": f"{t} {k}", "color": "blue"}))
        cfs.append(cf)
    cfs = ok(api.get("/tm/custom-fields"), "data")
    p1 = ok(api.post("/tm/projects", json={"name": "alpha", "portfolioId": sub,
                                           "description": "the first"}), "project")["id"]
    p2 = ok(api.post("/tm/projects", json={"name": "beta", "isPrivate": False}), "project")["id"]
    pcf = ok(api.post(f"/tm/projects/{p1}/custom-fields", json={"name": "p sel", "type": "select"}),
             "customField")
    ok(api.post(f"/tm/projects/{p1}/custom-fields/{pcf['id']}/options",
                json={"name": "p opt", "color": "red"}))
    ok(api.post(f"/tm/projects/{p2}/archive"))
    b1 = ok(api.post("/tm/boards", json={"name": "board 1", "projectId": p1}), "board")["id"]
    b2 = ok(api.post("/tm/boards", json={"name": "board 2", "projectId": p1}), "board")["id"]
    ok(api.post("/tm/board-columns", json={"name": "extra", "boardId": b1}))
    cols = ok(api.get("/tm/board-columns", params={"boardId": b1}), "boardColumns")
    contact = ok(api.post("/crm/contacts", json={"firstName": "Cora", "lastName": "Contact",
                                                 "emails": ["cora@example.test"],
                                                 "phones": ["+100"], "tags": [tags[0]]}),
                 "contact")["id"]
    org = ok(api.post("/crm/organizations", json={"name": "Org", "emails": ["o@example.test"]}),
             "organization")["id"]
    ok(api.post(f"/crm/organizations/{org}/contacts", json={"contactId": contact}))
    task_ids = []
    for i in range(tasks):
        body = {"title": f"task {i}", "projectId": p1, "boardId": b1 if i % 3 else b2,
                "tags": [tags[i % 3]], "assignees": [owner if i % 2 else other],
                "priority": i % 4, "type": ["action", "meet", "call"][i % 3]}
        if i % 3:
            body["boardColumnId"] = cols[i % len(cols)]["id"]
        if i % 5 == 1 and task_ids:
            # every hundred tasks hang under one parent: 20 subtasks each, the cap
            body["parentId"] = task_ids[i // 100]
        if i < 12:
            body["customFields"] = {cf["id"]: cf_value(cf, other, contact, i) for cf in cfs}
        if i % 4 == 2:
            body["dueDate"] = "2026-05-06"
        task_ids.append(ok(api.post("/tm/tasks", json=body), "task")["id"])
    ok(api.post(f"/tm/tasks/{task_ids[1]}/watchers", json={"watchers": [other]}))
    # out of id order in its column: appended again at the end
    ok(api.post(f"/tm/tasks/{task_ids[1]}/board-column", json={"boardColumnId": cols[1]["id"]}))
    ok(api.post(f"/tm/tasks/{task_ids[2]}/time-entries",
                json={"userId": other, "isOvertime": False, "date": "2026-01-02",
                      "duration": 45}))
    ok(api.post(f"/tm/tasks/{task_ids[3]}/complete"))
    made["comments"] = add_comments(api, member_api, task_ids, many=tasks >= 100)
    # a deleted task keeps its comments
    ok(api.post(f"/tm/tasks/{task_ids[4]}/comments", json={"markdown": "before deletion"}))
    made["comments"][task_ids[4]] = 1
    ok(api.delete(f"/tm/tasks/{task_ids[4]}"))
    if files:
        for k in range(2):
            data = bytes(range(256)) * (k + 1) + f"file {k}".encode()
            r = api.post(f"/tm/tasks/{task_ids[5]}/attachments",
                         files={"files[]": (f"f{k}.bin", data, "application/octet-stream")})
            made["files"][ok(r, "data")["id"]] = data
    fid = ok(api.post("/crm/funnels", json={"name": "sales"}), "funnel")["id"]
    fcf = ok(api.post(f"/crm/funnels/{fid}/custom-fields", json={"name": "f num", "type": "number"}),
             "customField")
    statuses = ok(api.get(f"/crm/funnels/{fid}/statuses"), "statuses")
    deal_ids = []
    for i in range(deals):
        body = {"title": f"deal {i}", "amount": 100 * i, "tags": [tags[i % 3]],
                "customFields": {fcf["id"]: i}}
        if i % 2:
            body["contacts"] = [contact]
            body["organizations"] = [org]
        d = ok(api.post(f"/crm/statuses/{statuses[i % len(statuses)]['id']}/deals", json=body),
               "deal")
        deal_ids.append(d["id"])
    if files:
        data = b"deal bytes \x00\xff"
        r = api.post(f"/crm/deals/{deal_ids[0]}/attachments",
                     files={"files[]": ("deal.bin", data, "application/octet-stream")})
        made["files"][ok(r, "data")["id"]] = data
    made.update(tasks=task_ids, deals=deal_ids, funnel=fid, project=p1, board=b1)
    return made


def attachments_of(doc):
    for owner in doc["tasks"] + doc["deals"]:
        for a in owner.get("attachments", []):
            yield a["id"], base64.b64decode(a["content"], validate=True)


# ---- comparing two documents up to the ids and times each store assigns ------------------

# times the store assigns, and the attachment URL (it names the serving host)
VOLATILE = {"createdAt", "updatedAt", "completedAt", "exportedAt", "url"}
# integer references: key -> the section whose ids they name
INT_REFS = {"tags": "tags", "projectId": "projects", "portfolioId": "portfolios",
            "boardId": "boards", "boardColumnId": "boardColumns", "taskIds": "tasks",
            "subTasks": "tasks", "tasks": "tasks"}
NESTED = ("options", "customFields", "attachments", "timeEntries", "comments", "emails", "phones",
          "addresses")


def canonical(doc):
    """doc with every id replaced by a label naming where its object sits (section and
    position, a member by e-mail), times dropped; two documents of the same workspace
    content compare equal whatever ids their stores gave."""
    strs, ints = {}, {}

    def label(section, idx, obj, path):
        i = obj.get("id")
        lab = f"{path}#{idx}"
        if isinstance(i, bool) or i is None:
            pass
        elif isinstance(i, int):
            ints.setdefault(section, {})[i] = lab
        elif isinstance(i, str):
            strs.setdefault(i, lab)
        for sub in NESTED:
            for j, x in enumerate(obj.get(sub) or []):
                if isinstance(x, dict) and "id" in x:
                    label(sub, j, x, f"{lab}/{sub}")

    for m in doc["members"]:
        strs[m["id"]] = "member:" + m["email"]
    for section, items in doc.items():
        if isinstance(items, list) and section != "members":
            for idx, obj in enumerate(items):
                if isinstance(obj, dict):
                    label(section, idx, obj, section)

    def ref(section, v):
        if isinstance(v, bool) or not isinstance(v, int):
            return v
        return ints.get(section, {}).get(v, f"?{section}:{v}")

    def walk(v, section, key=None):
        if isinstance(v, dict):
            out = {}
            for k, x in v.items():
                if k in VOLATILE:
                    continue
                if k == "id":
                    out[k] = ref(section, x) if isinstance(x, int) else strs.get(x, x)
                elif k == "parentId":
                    out[k] = ref(section, x)
                elif k in INT_REFS and not (isinstance(x, list) and x and isinstance(x[0], dict)):
                    out[k] = [ref(INT_REFS[k], y) for y in x] if isinstance(x, list) \
                        else ref(INT_REFS[k], x)
                    if isinstance(x, list) and not isinstance(out[k], list):
                        out[k] = list(out[k])
                else:
                    out[k] = walk(x, k if k in NESTED else section, k)
            return out
        if isinstance(v, list):
            return [walk(x, section, key) for x in v]
        if isinstance(v, str):
            return strs.get(v, v)
        return v

    body = {k: walk(v, k) for k, v in doc.items() if k != "workspace" and k not in VOLATILE}
    # members are listed by joining time, a time the store assigns: compared by e-mail
    body["members"] = sorted(body["members"], key=lambda m: m["email"])
    return body


def assert_same_workspace(a, b):
    """Section by section, object by object: the first difference named."""
    ca, cb = canonical(a), canonical(b)
    assert ca.keys() == cb.keys()
    for section in ca:
        va, vb = ca[section], cb[section]
        if isinstance(va, list):
            assert len(va) == len(vb), f"{section}: {len(va)} vs {len(vb)} objects"
            for i, (x, y) in enumerate(zip(va, vb)):
                assert x == y, f"{section}[{i}] differs:\n{x}\n{y}"
        else:
            assert va == vb, section

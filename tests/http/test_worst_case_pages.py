"""The largest pages (issue 13 item 9): one workspace filled to every cap, with every
string as long as its field takes it in bytes, reads back alone and in pages of 100 within
the default request memory, on both backends. docs/internals/arena.md has the arithmetic
this test checks in practice; test_collection_caps.py checks each cap itself.

Strings: a 255-character name is 255 four-byte characters (1020 bytes, the most such a
name holds); a long text (descriptions, comments, text custom fields) is 65535 bytes, the
most its JSON text may take. Emails and phones are 255 characters of what they accept."""
import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from weeekd_http import Api, provision, store_sql

from crm_util import first_status, new_funnel, ws_id
from tasks_kit import column_ids, member_ids, new_board

CAP = 20
FIELDS = 20  # CF_FIELDS_MAX: the task manager's fields of a workspace, a funnel's
VALUES_BYTES = 131072  # CF_VALUES_BYTES_MAX: a task's or a deal's values together
PAGE = 100
G = "\U0001D11E"  # four bytes in UTF-8
NAME = G * 255
LONG = G * 16383 + "xxx"  # 65535 bytes
HTML = "<p>" + G * 16382 + "</p>"  # 65535 bytes: a task keeps its description as HTML
FILE = G * 251 + ".txt"  # 255 characters
PHONE = "1" * 255


def email(i):
    return f"{i:02d}" + G * 248 + "@a.bc"


def ok(r, key=None):
    assert r.status_code == 200, r.text[:300]
    return r.json()[key] if key else r.json()


def many(fn, items, workers=4):
    """fn over items on a few connections at once (the fill is thousands of requests)."""
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(fn, items))


def clone(api):
    return Api(api.base, api.token, name=api.name, email=api.email)


def fields(api, paths, members):
    """FIELDS fields of the longest names over the owners at paths: multiselects with CAP
    options of the longest names, a member field, and two text fields; their full values for
    one holder, which together take the most a holder's values may (CF_VALUES_BYTES_MAX)."""
    values = {}
    for i in range(FIELDS - 3):
        path = paths[i % len(paths)]
        ms = ok(api.post(path, json={"name": NAME, "type": "multiselect"}), "customField")["id"]
        values[ms] = [ok(api.post(f"{path}/{ms}/options", json={
            "name": G * 253 + f"{k:02d}", "color": "blue"}), "option")["id"] for k in range(CAP)]
    member = ok(api.post(paths[0], json={"name": NAME, "type": "member"}), "customField")["id"]
    values[member] = members
    texts = [ok(api.post(paths[-1], json={"name": NAME, "type": "text"}), "customField")["id"]
             for _ in range(2)]
    # what the arrays take as stored (compact JSON), and the rest for two texts as JSON strings
    used = sum(len(json.dumps(v, separators=(",", ":"))) for v in values.values())
    room = (VALUES_BYTES - used) // 2 - 2
    for t in texts:
        values[t] = G * (room // 4) + "x" * (room % 4)
    return values


@pytest.fixture
def world(fresh_ws, server):
    return make_world(fresh_ws, server.db)


def make_world(api, db):
    """The workspace's members, tags, locations and custom fields, every one full."""
    for i in range(CAP):
        provision(db, api.name, f"m{i}@worst.test", member=True)
    members = sorted(member_ids(api).values())[:CAP]
    tags = [ok(api.post("/ws/tags", json={"title": G * 253 + f"{i:02d}"}), "tag")["id"]
            for i in range(CAP)]
    locations = []
    for i in range(CAP):
        pid = ok(api.post("/tm/projects", json={"name": NAME, "description": LONG}),
                 "project")["id"]
        bid = new_board(api, pid)
        locations.append({"projectId": pid, "boardId": bid,
                          "boardColumnId": column_ids(api, bid)[0]})
    # the task manager's fields (the workspace's cap) over owners that apply to every task:
    # global, the first location's project and board
    loc = locations[0]
    task_values = fields(api, ["/tm/custom-fields", f"/tm/projects/{loc['projectId']}/custom-fields",
                               f"/tm/boards/{loc['boardId']}/custom-fields"], members)
    fid = new_funnel(api)["id"]
    deal_values = fields(api, [f"/crm/funnels/{fid}/custom-fields"], members)
    return dict(api=api, db=db, members=members, tags=tags, locations=locations,
                task_values=task_values, funnel=fid, deal_values=deal_values)


def full_task(w, **extra):
    return {"title": NAME, "description": HTML, "assignees": w["members"], "tags": w["tags"],
            "locations": w["locations"], "customFields": w["task_values"], **extra}


def fill_task(w, api, tid):
    ok(api.post(f"/tm/tasks/{tid}/attachments", files=[("files[]", (FILE, b"x"))] * CAP))
    ok(api.post(f"/tm/tasks/{tid}/watchers", json={"watchers": w["members"]}))


def insert(w, table, columns, rows):
    for i in range(0, len(rows), 500):  # psql takes the statement as one argument
        store_sql(w["db"], f"INSERT INTO {table} ({columns}) VALUES " + ", ".join(rows[i:i + 500]))


def add_time_entries(w, task_ids):
    """CAP entries on each task straight in the store: tens of thousands of requests
    otherwise (test_collection_caps checks the cap on the routes)."""
    ws = ws_id_of(w)
    insert(w, "time_entries", "id, ws_id, task_id, member_id, type, is_overtime, day, duration, "
           "created_at", [f"('{tid:08d}-0000-4000-8000-{k:012d}', {ws}, {tid}, "
                          f"'{w['members'][k]}', 1, 0, 20788, 1440, 0)"
                          for tid in task_ids for k in range(CAP)])


def add_locations(w, task_ids):
    """Every location of the workspace on each task, straight in the store (placing a task
    in 20 projects through the API is 20 ordered inserts)."""
    ws = ws_id_of(w)
    insert(w, "task_locations", "ws_id, task_id, project_id, board_id, column_id, seq, position",
           [f"({ws}, {tid}, {loc['projectId']}, {loc['boardId']}, {loc['boardColumnId']}, {k}, "
            f"{tid})" for tid in task_ids for k, loc in enumerate(w["locations"])])


def ws_id_of(w):
    class S:
        db = w["db"]
    return ws_id(S, w["api"].name)


def fill_tasks(w):
    def one(_):
        api = clone(w["api"])
        tid = ok(api.post("/tm/tasks", json=full_task(w)), "task")["id"]
        fill_task(w, api, tid)
        return tid

    tasks = many(one, range(PAGE))
    add_time_entries(w, tasks)
    for i in range(PAGE):
        ok(w["api"].post(f"/tm/tasks/{tasks[0]}/comments", json={"markdown": LONG}))
    return tasks


def test_tasks_filled_to_every_cap_read_alone_and_in_a_page_of_100(world):
    w = world
    tasks = fill_tasks(w)
    api = w["api"]
    t = ok(api.get(f"/tm/tasks/{tasks[0]}"), "task")
    assert (len(t["attachments"]) == len(t["timeEntries"]) == len(t["subscribers"]) ==
            len(t["locations"]) == len(t["tags"]) == CAP)
    assert t["description"] == HTML and t["title"] == NAME
    page = ok(api.get("/tm/tasks", params={"perPage": PAGE}), "tasks")
    assert len(page) == PAGE
    assert all(len(x["timeEntries"]) == CAP and len(x["attachments"]) == CAP and
               x["description"] == HTML for x in page)
    assert all(len(x["customFields"]) == FIELDS for x in page)
    values = {f["id"]: f["value"] for f in page[-1]["customFields"]}
    assert all(values[k] == v for k, v in w["task_values"].items())
    comments = ok(api.get(f"/tm/tasks/{tasks[0]}/comments", params={"limit": PAGE}))
    assert len(comments["comments"]) == PAGE
    # a write answers the full record too
    ok(api.put(f"/tm/tasks/{tasks[0]}", json={"title": NAME}))


def fill_deals(w):
    api = w["api"]
    sid = first_status(api, w["funnel"])
    contacts = many(lambda i: ok(clone(api).post("/crm/contacts", json={
        "firstName": NAME, "lastName": NAME, "middleName": NAME, "emails": [email(k) for k in range(CAP)],
        "phones": [PHONE] * CAP, "tags": w["tags"]}), "contact")["id"], range(CAP))
    orgs = many(lambda i: ok(clone(api).post("/crm/organizations", json={
        "name": NAME, "addresses": [NAME] * CAP, "emails": [email(k) for k in range(CAP)],
        "phones": [PHONE] * CAP, "contacts": contacts, "responsibles": w["members"],
        "tags": w["tags"]}), "organization")["id"], range(CAP))
    deal = {"title": NAME, "description": LONG, "assignees": w["members"], "contacts": contacts,
            "organizations": orgs, "tags": w["tags"], "customFields": w["deal_values"]}

    def one(i):
        c = clone(api)
        d = ok(c.post(f"/crm/statuses/{sid}/deals", json=deal), "deal")["id"]
        ok(c.post(f"/crm/deals/{d}/attachments", files=[("files[]", (FILE, b"x"))] * CAP))
        # a deal shows its tasks brief, without their descriptions: the first deal's tasks
        # have the longest, the others (for time) none
        task = {"title": NAME, "description": HTML} if i == 0 else {"title": NAME}
        tids = [ok(c.post(f"/crm/deals/{d}/tasks", json=task), "task")["id"] for _ in range(CAP)]
        return d, tids

    made = many(one, range(PAGE))
    add_time_entries(w, [t for _, tids in made for t in tids])
    add_locations(w, [t for _, tids in made for t in tids])
    # the contacts and organizations of a page are full too (the organizations above hold
    # CAP contacts already, so these contacts link none)
    many(lambda i: ok(clone(api).post("/crm/contacts", json={
        "firstName": NAME, "lastName": NAME, "middleName": NAME,
        "emails": [email(k) for k in range(CAP)], "phones": [PHONE] * CAP,
        "tags": w["tags"]})), range(PAGE - CAP))
    many(lambda i: ok(clone(api).post("/crm/organizations", json={
        "name": NAME, "addresses": [NAME] * CAP, "emails": [email(k) for k in range(CAP)],
        "phones": [PHONE] * CAP, "responsibles": w["members"], "tags": w["tags"]})),
         range(PAGE - CAP))
    return sid, made


def test_deals_contacts_and_organizations_filled_to_every_cap_read_in_pages_of_100(world):
    w = world
    api = w["api"]
    sid, made = fill_deals(w)
    d = ok(api.get(f"/crm/deals/{made[0][0]}"), "deal")
    assert len(d["tasks"]) == len(d["attachments"]) == len(d["contacts"]) == CAP
    assert all(len(t["timeEntries"]) == CAP and len(t["locations"]) == CAP and
               "description" not in t for t in d["tasks"])
    page = ok(api.get(f"/crm/statuses/{sid}/deals", params={"limit": PAGE}), "deals")
    assert len(page) == PAGE
    assert all(len(x["tasks"]) == CAP and x["description"] == LONG for x in page)
    assert all(len(x["customFields"]) == FIELDS for x in page)
    values = {f["id"]: f["value"] for f in page[-1]["customFields"]}
    assert all(values[k] == v for k, v in w["deal_values"].items())

    page = ok(api.get("/crm/contacts", params={"limit": PAGE}), "contacts")
    assert len(page) == PAGE and all(len(x["emails"]) == CAP for x in page)
    page = ok(api.get("/crm/organizations", params={"limit": PAGE}), "organizations")
    assert len(page) == PAGE and all(len(x["addresses"]) == CAP for x in page)

"""On PostgreSQL a task read by id comes from one statement with all its relations as JSON
columns (sql/queries/pg/tasks.sql task_get_full, issue 18 item 3), decoded into the rows
each relation's own query gives; a list page still reads them relation by relation (the
*_for queries), and so does SQLite for one task (tests/unit/test_store.c checks its text of
the one statement). A task with every relation set, in values that test the decoding
(escapes, control characters, four-byte characters, nulls, reals), must read back by id
exactly as it was written and exactly as the list page shows it: a relation or a column
left out of the one statement, or put in another order, fails here."""
import json

from weeekd_http import new_board, new_project
from tasks_kit import column_ids, member_ids

from weeekd_http import provision

G = "\U0001D11E"
ODD = 'q"uo\\te/\n\t\x01' + G + "é"  # what JSON escapes and what it keeps as is
FILE = "it's " + G + "é"  # a file name keeps no path or control characters


def ok(r, key=None):
    assert r.status_code == 200, r.text[:300]
    return r.json()[key] if key else r.json()


def field(api, base, type_, name):
    return ok(api.post(base, json={"name": name, "type": type_}), "customField")["id"]


def full_task(api, db):
    """A task with assignees, tags, watchers, two locations (a project alone and a board
    column), subtasks (one deleted), time entries, files and custom-field values of every
    scope; and what was written."""
    for i in range(3):
        provision(db, api.name, f"one{i}@read.test", member=True)
    members = sorted(member_ids(api).values())[:3]
    tags = [ok(api.post("/ws/tags", json={"title": f"{ODD}{i}"}), "tag")["id"] for i in range(3)]
    p1, p2 = new_project(api, ODD), new_project(api, "second")
    bid = new_board(api, p2, ODD)
    col = column_ids(api, bid)[1]
    locations = [{"projectId": p1}, {"projectId": p2, "boardId": bid, "boardColumnId": col}]
    texts = {
        field(api, "/tm/custom-fields", "text", ODD): ODD * 3,
        field(api, f"/tm/projects/{p1}/custom-fields", "text", "p"): "\\u0000 " + ODD,
        field(api, f"/tm/boards/{bid}/custom-fields", "text", "b"): G * 100,
    }
    field(api, f"/tm/projects/{new_project(api)}/custom-fields", "text", "elsewhere")
    number = field(api, "/tm/custom-fields", "number", "n")
    unset = field(api, "/tm/custom-fields", "text", "unset")
    values = {**texts, number: -12345.25}
    tid = ok(api.post("/tm/tasks", json={
        "title": ODD, "description": f"<p>{ODD}</p>", "assignees": members[:2], "tags": tags,
        "locations": locations, "customFields": values, "priority": 2}), "task")["id"]
    ok(api.post(f"/tm/tasks/{tid}/watchers", json={"watchers": members}))
    kids = [ok(api.post("/tm/tasks", json={"title": f"k{i}", "parentId": tid}), "task")["id"]
            for i in range(3)]
    assert api.delete(f"/tm/tasks/{kids[1]}").status_code == 200
    for i, d in enumerate((30, 45)):
        ok(api.post(f"/tm/tasks/{tid}/time-entries", json={
            "userId": members[i], "isOvertime": i, "date": "2026-03-0%d" % (i + 1),
            "duration": d}))
    ok(api.post(f"/tm/tasks/{tid}/attachments",
                files=[("files[]", (f"{FILE}{i}.txt", ODD.encode() * (i + 1))) for i in range(2)]))
    return tid, dict(members=members, tags=tags, locations=locations, kids=kids,
                     values=values, unset=unset)


def test_a_task_with_every_relation_reads_back_by_id_as_written_and_as_the_list_shows_it(
        fresh_ws, server):
    api = fresh_ws
    tid, w = full_task(api, server.db)
    t = ok(api.get(f"/tm/tasks/{tid}"), "task")
    assert t["title"] == ODD and t["description"] == f"<p>{ODD}</p>"
    assert t["assignees"] == w["members"][:2]
    assert sorted(t["tags"]) == sorted(w["tags"])
    assert sorted(t["subscribers"]) == sorted(w["members"])
    assert [loc["projectId"] for loc in t["locations"]] == [x["projectId"] for x in w["locations"]]
    assert t["locations"][1]["boardId"] == w["locations"][1]["boardId"]
    assert t["locations"][1]["boardColumnId"] == w["locations"][1]["boardColumnId"]
    assert t["locations"][0].get("boardId") is None
    assert t["subTasks"] == [w["kids"][0], w["kids"][2]]
    assert [(e["duration"], e["isOvertime"]) for e in t["timeEntries"]] == [(30, False), (45, True)]
    assert [e["userId"] for e in t["timeEntries"]] == w["members"][:2]
    names = [f["name"] for f in t["attachments"]]
    assert names == [f"{FILE}0.txt", f"{FILE}1.txt"]
    got = {f["id"]: f["value"] for f in t["customFields"]}
    assert {k: got[k] for k in w["values"]} == w["values"]
    assert got[w["unset"]] is None
    assert len(got) == len(w["values"]) + 1  # not the field of a project the task is not in
    # the list page reads the same task relation by relation: the same object, to the byte
    page = ok(api.get("/tm/tasks", params={"perPage": 100}), "tasks")
    listed = [x for x in page if x["id"] == tid]
    assert listed and json.dumps(listed[0], sort_keys=True) == json.dumps(t, sort_keys=True)


def test_a_task_with_no_relations_reads_back_with_every_list_empty(fresh_ws):
    api = fresh_ws
    tid = ok(api.post("/tm/tasks", json={"title": "bare"}), "task")["id"]
    t = ok(api.get(f"/tm/tasks/{tid}"), "task")
    for k in ("assignees", "tags", "subscribers", "locations", "subTasks", "timeEntries",
              "attachments", "customFields"):
        assert t[k] == [], k


def test_a_task_of_another_workspace_is_not_found_by_the_one_read(api, api_b):
    tid = ok(api_b.post("/tm/tasks", json={"title": "theirs"}), "task")["id"]
    theirs, none = api.get(f"/tm/tasks/{tid}"), api.get("/tm/tasks/999999999")
    assert theirs.status_code == none.status_code != 200
    assert theirs.json() == none.json() and "theirs" not in theirs.text

"""/tm/tasks/{id}: get (a deleted task still loads with isDeleted true), delete (soft; the
task leaves its column order; a second delete and every write to a deleted task are 404),
complete / un-complete (idempotent, completedAt), the not-found shapes of every task route,
and workspace isolation: another workspace's token reaches none of A's tasks and changes
nothing (docs/internals/tasks.md, tm-notes §2.4, §2.7)."""
import datetime

import pytest

from tasks_kit import (ISO_DATETIME, NOBODY, assert_no_content, board, column_order, create_task,
                       get_task, json_body, make_board, people, tasks_in)
from weeekd_http import (BAD_IDS, MODEL_NOT_FOUND, OPTIONAL_BODIES, OPTIONAL_BODY_IDS,
                         RECORD_NOT_FOUND, assert_bare_success, assert_envelope, me)

__all__ = ["board", "people"]  # fixtures used here

# every task route that writes, with a body that would be valid on a live task of workspace A
# (ids filled in from the `ctx` dict); 204 marks the locations routes
WRITES = {
    "put": ("PUT", "", lambda x: {"title": "changed"}),
    "delete": ("DELETE", "", lambda x: None),
    "complete": ("POST", "/complete", lambda x: None),
    "un-complete": ("POST", "/un-complete", lambda x: None),
    "board": ("POST", "/board", lambda x: {"boardId": x["board"].bid}),
    "board-null": ("POST", "/board", lambda x: {"boardId": None}),
    "board-column": ("POST", "/board-column", lambda x: {"boardColumnId": x["board"].cols[2]}),
    "locations-add": ("POST", "/locations", lambda x: {"projectId": x["board"].pid,
                                                       "boardColumnId": x["board"].cols[2]}),
    "locations-remove": ("DELETE", "/locations", lambda x: {"projectId": x["board"].pid}),
    "assignees-add": ("POST", "/assignees", lambda x: {"assignees": [x["member"]]}),
    "assignees-remove": ("DELETE", "/assignees", lambda x: {"assignees": [x["owner"]]}),
    "watchers-add": ("POST", "/watchers", lambda x: {"watchers": [x["member"]]}),
    "watchers-remove": ("DELETE", "/watchers", lambda x: {"watchers": [x["owner"]]}),
    "subscribe": ("POST", "/subscribe", lambda x: {"userId": x["member"]}),
    "un-subscribe": ("POST", "/un-subscribe", lambda x: {"userId": x["owner"]}),
}


@pytest.fixture
def ctx(api, board, people):
    """A task of workspace A in the board's first column, assigned to and watched by the
    owner, plus what the WRITES bodies refer to."""
    t = create_task(api, title="target", boardColumnId=board.cols[0],
                    assignees=[people["owner"]])
    r = api.post(f"/tm/tasks/{t['id']}/watchers", json={"watchers": [people["owner"]]})
    assert r.status_code == 200, r.text
    return {"task": get_task(api, t["id"]), "board": board, **people}


def write(client, tid, op, x):
    method, suffix, body = WRITES[op]
    b = body(x)
    kw = {"json": b} if b is not None else {}
    return client.request(method, f"/tm/tasks/{tid}{suffix}", check_ct=False, **kw)


# ---- get --------------------------------------------------------------------------------------

def test_get_answers_the_task_envelope(api, board):
    t = create_task(api, title="read me", boardColumnId=board.cols[0])
    body = assert_envelope("GET", "/tm/tasks/{id}", api.get(f"/tm/tasks/{t['id']}"))
    assert set(body) == {"success", "task"} and body["task"] == t


def test_get_accepts_a_zero_padded_id(api):
    t = create_task(api, title="padded")
    assert get_task(api, f"000{t['id']}") == t


def test_get_is_idempotent_and_does_not_touch_updated_at(api):
    t = create_task(api, title="still")
    assert get_task(api, t["id"]) == get_task(api, t["id"]) == t


def test_member_token_reads_and_writes_the_workspace_tasks(api, api_member):
    t = create_task(api, title="team")
    assert get_task(api_member, t["id"]) == t
    r = api_member.put(f"/tm/tasks/{t['id']}", json={"title": "by member"})
    assert r.status_code == 200, r.text
    assert get_task(api, t["id"])["title"] == "by member"


def test_head_on_a_task_is_200_without_body_and_with_the_get_length(api):
    t = create_task(api, title="head")
    g = api.get(f"/tm/tasks/{t['id']}")
    h = api.head(f"/tm/tasks/{t['id']}")
    assert h.status_code == 200 and h.content == b""
    assert int(h.headers["Content-Length"]) == len(g.content)


@pytest.mark.parametrize("tid", BAD_IDS)
def test_get_missing_or_non_numeric_task_is_400_model_not_found(api, tid):
    r = api.get(f"/tm/tasks/{tid}")
    assert r.status_code == 400, r.text
    assert r.json() == MODEL_NOT_FOUND


# ---- delete -----------------------------------------------------------------------------------

def test_delete_is_soft_and_the_task_still_loads_as_deleted(api, board):
    t = create_task(api, title="soft", boardColumnId=board.cols[0])
    assert_bare_success("DELETE", "/tm/tasks/{id}", api.delete(f"/tm/tasks/{t['id']}"))
    got = get_task(api, t["id"])
    assert got["isDeleted"] is True
    assert {k: v for k, v in got.items() if k not in ("isDeleted", "updatedAt")} == \
        {k: v for k, v in t.items() if k not in ("isDeleted", "updatedAt")}


def test_deleted_task_leaves_its_column_and_the_gap_closes(api, board):
    ids = tasks_in(api, board.cols[0], 4)
    assert api.delete(f"/tm/tasks/{ids[1]}").status_code == 200
    assert column_order(api, board.cols[0]) == [ids[0], ids[2], ids[3]]
    late = create_task(api, title="late", boardColumnId=board.cols[0])["id"]
    assert column_order(api, board.cols[0]) == [ids[0], ids[2], ids[3], late]
    r = api.post(f"/tm/tasks/{late}/board-column",
                 json={"boardColumnId": board.cols[0], "upperTaskId": ids[0]})
    assert r.status_code == 200, r.text
    assert column_order(api, board.cols[0]) == [ids[0], late, ids[2], ids[3]]


@pytest.mark.parametrize("body", OPTIONAL_BODIES, ids=OPTIONAL_BODY_IDS)
def test_delete_accepts_every_optional_body_form(api, body):
    t = create_task(api, title="bodies")
    r = api.delete(f"/tm/tasks/{t['id']}", **json_body(body))
    assert r.status_code == 200 and r.json() == {"success": True}, r.text
    assert get_task(api, t["id"])["isDeleted"] is True


def test_second_delete_is_404_record_not_found(api):
    t = create_task(api, title="twice")
    assert api.delete(f"/tm/tasks/{t['id']}").status_code == 200
    r = api.delete(f"/tm/tasks/{t['id']}")
    assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND


@pytest.mark.parametrize("op", sorted(WRITES))
def test_every_write_to_a_deleted_task_is_404_and_changes_nothing(api, ctx, op):
    tid = ctx["task"]["id"]
    assert api.delete(f"/tm/tasks/{tid}").status_code == 200
    before = get_task(api, tid)
    r = write(api, tid, op, ctx)
    assert r.status_code == 404, r.text
    assert r.json() == RECORD_NOT_FOUND
    assert r.headers["Content-Type"] == "application/json"
    assert get_task(api, tid) == before


def test_deleting_a_subtask_removes_it_from_the_parents_sub_tasks(api):
    parent = create_task(api, title="parent")["id"]
    kids = [create_task(api, title=f"k{i}", parentId=parent)["id"] for i in range(3)]
    assert api.delete(f"/tm/tasks/{kids[1]}").status_code == 200
    assert sorted(get_task(api, parent)["subTasks"]) == sorted([kids[0], kids[2]])
    assert get_task(api, kids[1])["parentId"] == parent


def test_deleting_a_parent_leaves_its_subtasks_readable(api):
    parent = create_task(api, title="parent")["id"]
    kid = create_task(api, title="kid", parentId=parent)["id"]
    assert api.delete(f"/tm/tasks/{parent}").status_code == 200
    got = get_task(api, kid)
    assert got["isDeleted"] is False and got["parentId"] == parent


def test_deleted_task_is_not_a_valid_upper_task(api, board):
    ids = tasks_in(api, board.cols[0], 3)
    assert api.delete(f"/tm/tasks/{ids[0]}").status_code == 200
    r = api.post(f"/tm/tasks/{ids[2]}/board-column",
                 json={"boardColumnId": board.cols[0], "upperTaskId": ids[0]})
    assert r.status_code == 422, r.text
    assert set(r.json()["errors"]) == {"upperTaskId"}
    assert column_order(api, board.cols[0]) == ids[1:]


# ---- complete / un-complete -------------------------------------------------------------------

def test_complete_sets_is_completed_and_completed_at(api):
    t = create_task(api, title="finish")
    r = api.post(f"/tm/tasks/{t['id']}/complete")
    assert_bare_success("POST", "/tm/tasks/{id}/complete", r)
    got = get_task(api, t["id"])
    assert got["isCompleted"] is True
    assert ISO_DATETIME.fullmatch(got["completedAt"]), got["completedAt"]
    assert got["completedAt"][:19] >= t["createdAt"][:19]


def test_un_complete_clears_completed_at(api):
    t = create_task(api, title="reopen")
    assert api.post(f"/tm/tasks/{t['id']}/complete").status_code == 200
    r = api.post(f"/tm/tasks/{t['id']}/un-complete")
    assert_bare_success("POST", "/tm/tasks/{id}/un-complete", r)
    got = get_task(api, t["id"])
    assert got["isCompleted"] is False and got["completedAt"] is None


def test_complete_twice_is_idempotent_and_keeps_completed_at(api):
    t = create_task(api, title="twice")
    assert api.post(f"/tm/tasks/{t['id']}/complete").status_code == 200
    first = get_task(api, t["id"])
    r = api.post(f"/tm/tasks/{t['id']}/complete")
    assert r.status_code == 200 and r.json() == {"success": True}
    again = get_task(api, t["id"])
    assert again["isCompleted"] is True and again["completedAt"] == first["completedAt"]


def test_un_complete_of_an_open_task_is_a_200_no_op(api):
    t = create_task(api, title="open")
    r = api.post(f"/tm/tasks/{t['id']}/un-complete")
    assert r.status_code == 200 and r.json() == {"success": True}
    got = get_task(api, t["id"])
    assert got["isCompleted"] is False and got["completedAt"] is None


@pytest.mark.parametrize("action", ["complete", "un-complete"])
@pytest.mark.parametrize("body", OPTIONAL_BODIES, ids=OPTIONAL_BODY_IDS)
def test_complete_and_un_complete_accept_every_optional_body_form(api, action, body):
    t = create_task(api, title="bodies")
    if action == "un-complete":
        assert api.post(f"/tm/tasks/{t['id']}/complete").status_code == 200
    r = api.post(f"/tm/tasks/{t['id']}/{action}", **json_body(body))
    assert r.status_code == 200 and r.json() == {"success": True}, r.text
    assert get_task(api, t["id"])["isCompleted"] is (action == "complete")


def test_completing_a_parent_does_not_touch_its_subtasks(api):
    parent = create_task(api, title="parent")["id"]
    kid = create_task(api, title="kid", parentId=parent)["id"]
    assert api.post(f"/tm/tasks/{parent}/complete").status_code == 200
    assert get_task(api, kid)["isCompleted"] is False
    assert api.post(f"/tm/tasks/{kid}/complete").status_code == 200
    assert api.post(f"/tm/tasks/{parent}/un-complete").status_code == 200
    assert get_task(api, kid)["isCompleted"] is True


def test_completed_task_keeps_its_place(api, board):
    t = create_task(api, title="done", boardColumnId=board.cols[1])
    assert api.post(f"/tm/tasks/{t['id']}/complete").status_code == 200
    got = get_task(api, t["id"])
    assert got["locations"] == t["locations"] and got["boardColumnId"] == board.cols[1]


def test_completed_task_can_still_be_updated(api):
    t = create_task(api, title="done")
    assert api.post(f"/tm/tasks/{t['id']}/complete").status_code == 200
    r = api.put(f"/tm/tasks/{t['id']}", json={"title": "done, renamed"})
    assert r.status_code == 200 and r.json()["task"]["isCompleted"] is True


@pytest.mark.parametrize("path", ["/uncomplete", "/completed", "/un_complete"])
def test_misspelt_completion_routes_are_404(api, path):
    t = create_task(api, title="spelling")
    r = api.post(f"/tm/tasks/{t['id']}{path}")
    assert r.status_code == 404 and r.json()["success"] is False


# ---- overdue --------------------------------------------------------------------------------

def utc_day(offset):
    today = datetime.datetime.now(datetime.timezone.utc).date()
    return (today + datetime.timedelta(days=offset)).isoformat()


@pytest.mark.parametrize("offset,overdue", [(-3, 3), (-1, 1), (-400, 400), (0, 0), (1, 0),
                                            (30, 0)])
def test_overdue_is_the_whole_days_past_the_due_date(api, offset, overdue):
    t = create_task(api, title="late", dueDate=utc_day(offset))
    assert t["overdue"] == overdue
    assert get_task(api, t["id"])["overdue"] == overdue


def test_overdue_counts_from_the_due_day_of_a_due_date_time(api):
    t = create_task(api, title="late", dueDateTime=utc_day(-2) + "T23:59:00Z")
    assert t["overdue"] == 2


def test_overdue_is_0_without_a_due_date_or_with_only_a_start_date(api):
    assert create_task(api, title="open")["overdue"] == 0
    assert create_task(api, title="started", startDate=utc_day(-5))["overdue"] == 0


def test_overdue_is_0_for_a_completed_or_deleted_task_and_back_when_reopened(api):
    t = create_task(api, title="late", dueDate=utc_day(-4))["id"]
    assert api.post(f"/tm/tasks/{t}/complete").status_code == 200
    assert get_task(api, t)["overdue"] == 0
    assert api.post(f"/tm/tasks/{t}/un-complete").status_code == 200
    assert get_task(api, t)["overdue"] == 4
    assert api.delete(f"/tm/tasks/{t}").status_code == 200
    assert get_task(api, t)["overdue"] == 0


def test_overdue_follows_a_changed_due_date(api):
    t = create_task(api, title="late", dueDate=utc_day(-4))["id"]
    r = api.put(f"/tm/tasks/{t}", json={"dueDate": utc_day(-1)})
    assert r.status_code == 200 and r.json()["task"]["overdue"] == 1
    r = api.put(f"/tm/tasks/{t}", json={"dueDate": None})
    assert r.status_code == 200 and r.json()["task"]["overdue"] == 0


# ---- not found --------------------------------------------------------------------------------

@pytest.mark.parametrize("op", sorted(WRITES))
@pytest.mark.parametrize("tid", ["999999999", "abc", "0", "-1", "1.5"])
def test_every_write_to_a_missing_or_non_numeric_task_is_404(api, ctx, op, tid):
    r = write(api, tid, op, ctx)
    assert r.status_code == 404, r.text
    assert r.json() == RECORD_NOT_FOUND
    assert r.headers["Content-Type"] == "application/json"


@pytest.mark.parametrize("op", ["complete", "un-complete", "delete"])
def test_write_to_a_missing_task_without_a_body_is_404(api, op):
    method, suffix, _ = WRITES[op]
    r = api.request(method, f"/tm/tasks/999999999{suffix}")
    assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND


@pytest.mark.parametrize("method,path,allow", [
    ("PATCH", "/tm/tasks/1", "GET, HEAD, PUT, DELETE"),
    ("POST", "/tm/tasks/1", "GET, HEAD, PUT, DELETE"),
    ("PUT", "/tm/tasks", "GET, HEAD, POST"),
    ("DELETE", "/tm/tasks", "GET, HEAD, POST"),
    ("GET", "/tm/tasks/1/complete", "POST"),
    ("DELETE", "/tm/tasks/1/un-complete", "POST"),
    ("GET", "/tm/tasks/1/board", "POST"),
    ("PUT", "/tm/tasks/1/board-column", "POST"),
    ("GET", "/tm/tasks/1/locations", "POST, DELETE"),
    ("GET", "/tm/tasks/1/assignees", "POST, DELETE"),
    ("PUT", "/tm/tasks/1/watchers", "POST, DELETE"),
    ("GET", "/tm/tasks/1/subscribe", "POST"),
    ("DELETE", "/tm/tasks/1/un-subscribe", "POST"),
])
def test_wrong_method_on_a_task_route_is_405_with_allow(api, method, path, allow):
    r = api.request(method, path)
    assert r.status_code == 405, r.text
    assert r.headers["Allow"] == allow


# ---- other workspaces -------------------------------------------------------------------------

def test_other_workspace_gets_model_not_found_for_a_task(api, api_b):
    t = create_task(api, title="A secret")
    r = api_b.get(f"/tm/tasks/{t['id']}")
    assert r.status_code == 400 and r.json() == MODEL_NOT_FOUND


@pytest.mark.parametrize("op", sorted(WRITES))
def test_other_workspace_cannot_write_a_task_and_nothing_changes(api, api_b, ctx, op):
    tid = ctx["task"]["id"]
    before = get_task(api, tid)
    order = column_order(api, ctx["board"].cols[0])
    r = write(api_b, tid, op, ctx)
    assert r.status_code == 404, r.text
    assert r.json() == RECORD_NOT_FOUND
    assert get_task(api, tid) == before
    assert column_order(api, ctx["board"].cols[0]) == order


def test_other_workspace_cannot_write_with_its_own_valid_ids_either(api, api_b, ctx):
    tid = ctx["task"]["id"]
    before = get_task(api, tid)
    theirs = make_board(api_b)
    b_me = me(api_b)
    for method, suffix, body in (
            ("POST", "/board", {"boardId": theirs.bid}),
            ("POST", "/board-column", {"boardColumnId": theirs.cols[0]}),
            ("POST", "/locations", {"projectId": theirs.pid}),
            ("POST", "/assignees", {"assignees": [b_me]}),
            ("POST", "/watchers", {"watchers": [b_me]}),
            ("POST", "/subscribe", None),
            ("PUT", "", {"boardColumnId": theirs.cols[1]})):
        kw = {"json": body} if body is not None else {}
        r = api_b.request(method, f"/tm/tasks/{tid}{suffix}", check_ct=False, **kw)
        assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND, (suffix, r.text)
    assert get_task(api, tid) == before
    assert column_order(api_b, theirs.cols[0]) == []


def test_a_task_of_another_workspace_is_not_a_valid_upper_task(api, api_b, ctx):
    b_task = create_task(api_b, title="B")["id"]
    tid = ctx["task"]["id"]
    r = api.post(f"/tm/tasks/{tid}/board-column",
                 json={"boardColumnId": ctx["board"].cols[0], "upperTaskId": b_task})
    assert r.status_code == 422 and set(r.json()["errors"]) == {"upperTaskId"}, r.text


def test_other_workspace_ids_in_a_task_write_body_are_422_and_change_nothing(api, api_b, ctx):
    tid = ctx["task"]["id"]
    before = get_task(api, tid)
    theirs = make_board(api_b)
    b_me = me(api_b)
    b_tag = api_b.create_tag("B only")["id"]
    cases = [
        ("POST", "/board", {"boardId": theirs.bid}, "boardId"),
        ("POST", "/board-column", {"boardColumnId": theirs.cols[0]}, "boardColumnId"),
        ("POST", "/locations", {"projectId": theirs.pid}, "projectId"),
        ("POST", "/locations", {"projectId": ctx["board"].pid,
                                "boardColumnId": theirs.cols[0]}, "boardColumnId"),
        ("POST", "/assignees", {"assignees": [b_me]}, "assignees.0"),
        ("POST", "/watchers", {"watchers": [b_me]}, "watchers.0"),
        ("POST", "/subscribe", {"userId": b_me}, "userId"),
        ("PUT", "", {"tags": [b_tag]}, "tags.0"),
        ("PUT", "", {"boardColumnId": theirs.cols[0]}, "boardColumnId"),
        ("PUT", "", {"boardId": theirs.bid}, "boardId"),
    ]
    for method, suffix, body, field in cases:
        r = api.request(method, f"/tm/tasks/{tid}{suffix}", json=body)
        assert r.status_code == 422, (suffix, body, r.text)
        assert set(r.json()["errors"]) == {field}, (suffix, body, r.json())
    assert get_task(api, tid) == before
    assert column_order(api_b, theirs.cols[0]) == []


def test_task_ids_do_not_leak_between_workspaces_through_sub_tasks(api, api_b):
    parent = create_task(api, title="A parent")["id"]
    r = api_b.post("/tm/tasks", json={"title": "B kid", "parentId": parent})
    assert r.status_code == 422 and set(r.json()["errors"]) == {"parentId"}
    assert get_task(api, parent)["subTasks"] == []


def test_unknown_member_in_a_write_body_is_422(api, ctx):
    tid = ctx["task"]["id"]
    for suffix, body, field in (("/assignees", {"assignees": [NOBODY]}, "assignees.0"),
                                ("/watchers", {"watchers": [NOBODY]}, "watchers.0"),
                                ("/subscribe", {"userId": NOBODY}, "userId")):
        r = api.post(f"/tm/tasks/{tid}{suffix}", json=body)
        assert r.status_code == 422 and set(r.json()["errors"]) == {field}, r.text
    assert get_task(api, tid) == ctx["task"]


def test_locations_write_answers_no_content_for_a_live_task(api, ctx):
    # sanity for the WRITES table: the same request that is 404 elsewhere is 204 here
    r = write(api, ctx["task"]["id"], "locations-add", ctx)
    assert_no_content(r)

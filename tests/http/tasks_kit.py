"""Helpers and fixtures shared by the task suites (test_tm_tasks*.py): building projects,
boards and columns to put tasks in, creating and reading tasks through the API, reading a
column's task order (GET /tm/tasks?boardColumnId=X answers in column order without sortBy,
docs/internals/tasks.md), and the 422 / 204 assertions. Imported by name (`from tasks_kit
import ...`); fixtures imported into a test module are found there by pytest."""
import re
import uuid
from collections import namedtuple

import pytest

from weeekd_http import assert_envelope, new_board, new_project, openapi_doc
# these moved to weeekd_http; still importable from here (the task suites of other branches do)
from weeekd_http import (ARCHIVED, BAD_IDS, BAD_PRIVATE, OPTIONAL_BODIES,  # noqa: F401
                         OPTIONAL_BODY_IDS, REQUIRED, archive, assert_422, assert_bare_success, me)

TITLE_TOO_LONG = "The title must not be greater than 255 characters."
TITLE_NOT_STRING = "The title must be a string."
NOBODY = "00000000-0000-4000-8000-000000000000"  # a well-formed uuid that is no member
ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")

TASK_PROPERTIES = openapi_doc()["components"]["schemas"]["Task"]["properties"]
# the oldest legacy fields (2022-2023 docs), described as optional in the spec
LEGACY_DATE_FIELDS = {"date", "time", "dateStart", "dateEnd", "timeStart", "timeEnd"}
ARRAY_FIELDS = sorted(k for k, v in TASK_PROPERTIES.items() if v.get("type") == "array")

Board = namedtuple("Board", "pid bid cols")


# ---- assertions -------------------------------------------------------------------------------

def assert_422_fields(r, fields):
    """Laravel shape naming exactly these fields, for rules whose wording the contract does
    not fix (enum, date format, uuid format): each a list of non-empty messages."""
    assert r.status_code == 422, r.text
    body = r.json()
    assert set(body) == {"success", "message", "errors"}, body
    assert body["success"] is False
    errors = body["errors"]
    assert set(errors) == set(fields), body
    for msgs in errors.values():
        assert isinstance(msgs, list) and msgs, body
        assert all(isinstance(m, str) and m for m in msgs), body
    assert body["message"] == next(iter(errors.values()))[0]
    return errors


def assert_no_content(r):
    """The locations routes: 204 with an empty body (a Content-Type is not required)."""
    assert r.status_code == 204, f"{r.status_code} {r.text}"
    assert r.content == b""


def json_body(body):
    """kwargs for api.request sending raw body bytes as JSON (None = no body at all)."""
    if body is None:
        return {}
    return {"data": body, "headers": {"Content-Type": "application/json"}}


# ---- structure --------------------------------------------------------------------------------

def column_ids(api, bid):
    r = api.get("/tm/board-columns", params={"boardId": bid})
    assert r.status_code == 200, r.text
    return [c["id"] for c in r.json()["boardColumns"]]


def new_column(api, bid, name="column"):
    r = api.post("/tm/board-columns", json={"name": name, "boardId": bid})
    assert r.status_code == 200, r.text
    return r.json()["boardColumn"]["id"]


def make_board(api, pid=None):
    """A board (with its three default columns) in project pid, or in a new project."""
    pid = pid if pid is not None else new_project(api)
    bid = new_board(api, pid)
    return Board(pid, bid, column_ids(api, bid))


def member_ids(api):
    r = api.get("/ws/members")
    assert r.status_code == 200, r.text
    return {m["email"]: m["id"] for m in r.json()["members"]}


# ---- tasks ------------------------------------------------------------------------------------

def create_task(api, **body):
    r = api.post("/tm/tasks", json=body)
    return assert_envelope("POST", "/tm/tasks", r)["task"]


def get_task(api, tid):
    return assert_envelope("GET", "/tm/tasks/{id}", api.get(f"/tm/tasks/{tid}"))["task"]


def fetch_task(api, tid):
    """GET /tm/tasks/{id} checked for a 200 only (get_task also checks the envelope and the
    schema): for the time suites, which read a task's timeEntries and updatedAt."""
    r = api.get(f"/tm/tasks/{tid}")
    assert r.status_code == 200, r.text
    return r.json()["task"]


def time_entries(api, tid):
    return fetch_task(api, tid)["timeEntries"]


def put_task(api, tid, body):
    """A PUT that must succeed; returns the task it answered (checked against a GET)."""
    r = api.put(f"/tm/tasks/{tid}", json=body)
    task = assert_envelope("PUT", "/tm/tasks/{id}", r)["task"]
    assert task == get_task(api, tid)
    return task


def loc(pid, bid=None, cid=None):
    return {"projectId": pid, "boardId": bid, "boardColumnId": cid}


def place_of(task):
    """The legacy location fields of a task."""
    return {k: task[k] for k in ("projectId", "boardId", "boardColumnId")}


def assert_located(task, *locations):
    """task's locations are exactly these, in order, and the legacy fields mirror the first."""
    assert task["locations"] == list(locations), task["locations"]
    first = locations[0] if locations else loc(None)
    assert place_of(task) == first


def column_order(api, cid):
    """Ids of the open, live tasks of column cid in column order."""
    r = api.get("/tm/tasks", params={"boardColumnId": cid})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["hasMore"] is False
    return [t["id"] for t in body["tasks"]]


def all_task_ids(api):
    """Every task of the token's workspace, deleted and completed included (for checks that
    a refused request stored nothing: use it on a fresh workspace)."""
    r = api.get("/tm/tasks", params={"all": 1, "perPage": 100})
    assert r.status_code == 200, r.text
    return [t["id"] for t in r.json()["tasks"]]


def tasks_in(api, cid, n, prefix="t"):
    """n new tasks in column cid (appended in creation order); their ids."""
    return [create_task(api, title=f"{prefix}{i}", boardColumnId=cid)["id"] for i in range(n)]


def is_uuid(s):
    try:
        return str(uuid.UUID(s)) == s
    except (TypeError, ValueError, AttributeError):
        return False


# ---- fixtures ---------------------------------------------------------------------------------

@pytest.fixture
def board(api):
    """A new project with one board and its three columns: Board(pid, bid, cols)."""
    return make_board(api)


@pytest.fixture
def people(api):
    """Member ids of workspace A: owner (the `api` token) and member (`api_member`)."""
    ids = member_ids(api)
    return {"owner": ids["owner@a.test"], "member": ids["member@a.test"]}

"""Helpers shared by the custom-field tests (test_custom_fields*.py): the four scopes a field
can belong to, reading orders and values straight from the store (the scoped fields have no
list route), and the error shapes (src/api/fields/custom_fields.c, docs/internals/custom_fields.md)."""
import re
import uuid

import pytest

from weeekd_http import RECORD_NOT_FOUND
from weeekd_http import assert_envelope as _assert_envelope

from crm_util import sql

TYPES = ["text", "boolean", "datetime", "select", "multiselect", "member", "contact", "link",
         "approval", "number"]
COLORS = ["blue", "light_blue", "dark_purple", "purple", "dark_pink", "pink", "light_pink", "red",
          "turquoise", "green", "light_green", "dark_yellow", "yellow"]
SCOPES = ["tm", "project", "board", "funnel"]
ARCHIVED = "The project is archived."
REQUIRED = "The field is required."


UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def template(path):
    """The spec path of a concrete one: ids (integers, UUIDs, the funnel's slug) -> {}."""
    parts = path.split("/")
    out = []
    for i, seg in enumerate(parts):
        is_id = seg.isdigit() or UUID.fullmatch(seg) or (i and parts[i - 1] == "funnels")
        out.append("{}" if is_id else seg)
    return "/".join(out)


def assert_envelope(method, path, r):
    """weeekd_http.assert_envelope on the concrete path of a custom-field route."""
    return _assert_envelope(method, template(path), r)


@pytest.fixture
def api(fresh_ws):
    """A workspace of the test's own (conftest's fresh_ws) in place of the shared one: the task
    manager's fields are capped per workspace (CF_FIELDS_MAX, issue 13), so the fields other
    tests leave in workspace A must not count. Modules import it to override conftest's."""
    return fresh_ws


def ok(r, key):
    assert r.status_code == 200, r.text
    return r.json()[key]


def new_project(api):
    return ok(api.post("/tm/projects", json={"name": "cf project"}), "project")["id"]


def new_board(api, pid=None):
    pid = pid or new_project(api)
    return ok(api.post("/tm/boards", json={"name": "cf board", "projectId": pid}), "board")["id"]


def new_funnel(api):
    return ok(api.post("/crm/funnels", json={"name": "cf funnel"}), "funnel")["id"]


def new_owner(api, scope):
    """The collection path of a new owner of scope (the global one for tm)."""
    if scope == "tm":
        return "/tm/custom-fields"
    if scope == "project":
        return f"/tm/projects/{new_project(api)}/custom-fields"
    if scope == "board":
        return f"/tm/boards/{new_board(api)}/custom-fields"
    return f"/crm/funnels/{new_funnel(api)}/custom-fields"


def create(api, base, **body):
    body.setdefault("type", "text")
    r = api.post(base, json=body)
    return assert_envelope("POST", base, r)["customField"]


def add_option(api, base, fid, name="opt", color="red"):
    path = f"{base}/{fid}/options"
    return assert_envelope("POST", path, api.post(path, json={"name": name, "color": color}))[
        "option"]


def assert_404(r):
    assert r.status_code == 404, r.text
    assert r.json() == RECORD_NOT_FOUND


def assert_422(r, errors):
    assert r.status_code == 422, r.text
    body = r.json()
    assert set(body) == {"success", "message", "errors"}
    assert body["success"] is False
    assert body["errors"] == errors
    assert body["message"] == next(iter(errors.values()))[0]


def assert_bare_success(r):
    assert r.status_code == 200, r.text
    assert r.content == b'{"success":true}'


def field_row(server, fid):
    """(scope, project_id, board_id, funnel_id, position) of a field, or None."""
    rows = sql(server, "SELECT scope, project_id, board_id, funnel_id, position FROM custom_fields "
                       f"WHERE id = '{fid}'")
    if not rows:
        return None
    s, p, b, f, pos = rows[0]
    return (s, int(p) if p not in (None, "") else None, int(b) if b not in (None, "") else None,
            f if f not in (None, "") else None, int(pos))


def field_ws(server, fid):
    """The workspace id of a field (ids are UUIDs: unique across workspaces)."""
    return int(sql(server, f"SELECT ws_id FROM custom_fields WHERE id = '{fid}'")[0][0])


def sibling_order(server, fid):
    """Ids of the fields sharing fid's owner, by position; asserts positions are dense."""
    s, p, b, f, _ = field_row(server, fid)
    cond = {"tm": "scope = 'tm'", "project": f"project_id = {p}", "board": f"board_id = {b}",
            "funnel": f"funnel_id = '{f}'"}[s]
    rows = sql(server, f"SELECT id, position FROM custom_fields WHERE ws_id = {field_ws(server, fid)} "
                       f"AND scope = '{s}' AND {cond} ORDER BY position, id")
    assert [int(r[1]) for r in rows] == list(range(len(rows))), rows
    return [r[0] for r in rows]


def option_order(server, fid):
    rows = sql(server, f"SELECT id, position FROM custom_field_options WHERE field_id = '{fid}' "
                       "ORDER BY position, id")
    assert [int(r[1]) for r in rows] == list(range(len(rows))), rows
    return [r[0] for r in rows]


def new_task(api):
    return ok(api.post("/tm/tasks", json={"title": "cf task"}), "task")["id"]


def put_value(server, fid, task_id, value):
    sql(server, "INSERT INTO custom_field_values (ws_id, field_id, task_id, value) VALUES "
                f"({field_ws(server, fid)}, '{fid}', {task_id}, '{value}')")


def values(server, fid):
    """{task_id: value text} of a field."""
    return {int(t): v for t, v in sql(
        server, f"SELECT task_id, value FROM custom_field_values WHERE field_id = '{fid}'")}


def random_uuid():
    return str(uuid.uuid4())

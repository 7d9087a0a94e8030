"""Custom-field transfers between the task manager's scopes (global, project, board): every
route to every kind of target, values and options kept, the field appended to its new owner
and the old owner's order closed up, a transfer to its own owner a no-op, targets validated
(required, of the workspace, not archived) (src/api/fields/custom_fields.c)."""
import pytest

from cf_util import api  # noqa: F401 (each test a workspace of its own: overrides conftest's)
from cf_util import (ARCHIVED, REQUIRED, add_option, assert_422, assert_bare_success, create,
                     field_row, new_board, new_project, new_task, put_value, sibling_order,
                     values)

PROJECT_INVALID = "The selected project id is invalid."
BOARD_INVALID = "The selected board id is invalid."


def owner_base(kind, pid, bid):
    return {"tm": "/tm/custom-fields", "project": f"/tm/projects/{pid}/custom-fields",
            "board": f"/tm/boards/{bid}/custom-fields"}[kind]


ROUTES = [("tm", "project"), ("tm", "board"),
          ("project", "tm"), ("project", "project"), ("project", "board"),
          ("board", "tm"), ("board", "project"), ("board", "board")]
SUFFIX = {"tm": "transfer-to-task-manager", "project": "transfer-to-project",
          "board": "transfer-to-board"}


@pytest.mark.parametrize("src,dst", ROUTES)
def test_transfer_moves_the_field_and_keeps_values_and_options(api, server, src, dst):
    pid, pid2 = new_project(api), new_project(api)
    bid, bid2 = new_board(api, pid), new_board(api, pid2)
    base = owner_base(src, pid, bid)
    before = create(api, base, name="before")
    f = create(api, base, type="select", name="moving")
    after = create(api, base, name="after")
    o = add_option(api, base, f["id"], "kept", "green")
    task = new_task(api)
    put_value(server, f["id"], task, f'"{o["id"]}"')
    # a field already at the destination, so the moved one is appended after it
    target_pid, target_bid = (pid2, bid2)
    existing = create(api, owner_base(dst, target_pid, target_bid), name="there")
    body = {"project": {"projectId": target_pid}, "board": {"boardId": target_bid},
            "tm": None}[dst]
    r = api.post(f"{base}/{f['id']}/{SUFFIX[dst]}", json=body)
    assert_bare_success(r)
    scope, p, b, fu, _ = field_row(server, f["id"])
    assert scope == dst and fu is None
    assert p == (target_pid if dst == "project" else None)
    assert b == (target_bid if dst == "board" else None)
    new_order = sibling_order(server, f["id"])
    assert new_order[-2:] == [existing["id"], f["id"]]
    old = sibling_order(server, before["id"])
    assert [i for i in old if i in (before["id"], after["id"])] == [before["id"], after["id"]]
    assert f["id"] not in old
    assert values(server, f["id"]) == {task: f'"{o["id"]}"'}
    # now reachable under the new owner's path only, with its options
    nb = owner_base(dst, target_pid, target_bid)
    r = api.put(f"{nb}/{f['id']}", json={})
    assert r.status_code == 200 and r.json()["customField"]["options"] == [o]
    assert api.put(f"{base}/{f['id']}", json={}).status_code == 404


def test_a_transfer_to_the_same_owner_changes_nothing(api, server):
    pid = new_project(api)
    base = f"/tm/projects/{pid}/custom-fields"
    a, b = create(api, base)["id"], create(api, base)["id"]
    assert_bare_success(api.post(f"{base}/{a}/transfer-to-project", json={"projectId": pid}))
    assert sibling_order(server, a) == [a, b]


def test_transfer_targets_are_required_valid_and_of_the_workspace(api, api_b, server):
    f = create(api, "/tm/custom-fields")
    p = f"/tm/custom-fields/{f['id']}"
    pid_b = api_b.post("/tm/projects", json={"name": "b"}).json()["project"]["id"]
    bid_b = api_b.post("/tm/boards", json={"name": "b", "projectId": pid_b}).json()["board"]["id"]
    assert_422(api.post(f"{p}/transfer-to-project", json={}), {"projectId": [REQUIRED]})
    assert_422(api.post(f"{p}/transfer-to-project"), {"projectId": [REQUIRED]})
    assert_422(api.post(f"{p}/transfer-to-board", json={"boardId": None}), {"boardId": [REQUIRED]})
    for bad in (999999999, 0, -1, pid_b):
        assert_422(api.post(f"{p}/transfer-to-project", json={"projectId": bad}),
                   {"projectId": [PROJECT_INVALID]})
    for bad in (999999999, 0, bid_b):
        assert_422(api.post(f"{p}/transfer-to-board", json={"boardId": bad}),
                   {"boardId": [BOARD_INVALID]})
    r = api.post(f"{p}/transfer-to-project", json={"projectId": "abc"})
    assert r.status_code == 422 and list(r.json()["errors"]) == ["projectId"]
    assert field_row(server, f["id"])[0] == "tm"
    # lenient: numeric strings and form bodies
    pid = new_project(api)
    assert_bare_success(api.post(f"{p}/transfer-to-project", json={"projectId": str(pid)}))
    bid = new_board(api)
    assert_bare_success(api.post(f"/tm/projects/{pid}/custom-fields/{f['id']}/transfer-to-board",
                                 data={"boardId": str(bid)}))
    assert field_row(server, f["id"])[:3] == ("board", None, bid)


def test_transfer_to_an_archived_project_or_its_board_is_422(api, server):
    pid = new_project(api)
    bid = new_board(api, pid)
    assert api.post(f"/tm/projects/{pid}/archive").status_code == 200
    f = create(api, "/tm/custom-fields")
    p = f"/tm/custom-fields/{f['id']}"
    assert_422(api.post(f"{p}/transfer-to-project", json={"projectId": pid}),
               {"projectId": [ARCHIVED]})
    assert_422(api.post(f"{p}/transfer-to-board", json={"boardId": bid}), {"boardId": [ARCHIVED]})
    assert field_row(server, f["id"])[0] == "tm"

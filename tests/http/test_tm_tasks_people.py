"""Members on a task: assignees add / remove (`assignees` on the task, the first mirrored to
`userId`; re-adding is a no-op; removing the primary promotes the next; an empty list is 422
"The field is required."; a bad or unknown uuid is 422 keyed `assignees.N`), watchers add /
remove (`subscribers` on the task), and the legacy subscribe / un-subscribe (`{userId}`, or
nothing for the token's own member) (docs/internals/tasks.md, tm-notes §2.7)."""
import time

import pytest

from tasks_kit import NOBODY, assert_422_fields, create_task, get_task, json_body, people
from weeekd_http import (OPTIONAL_BODIES, OPTIONAL_BODY_IDS, REQUIRED, assert_422,
                         assert_bare_success, cli_ok)

__all__ = ["people"]  # fixtures used here

KINDS = {  # route -> (body key, task key)
    "assignees": ("assignees", "assignees"),
    "watchers": ("watchers", "subscribers"),
}


def add(api, tid, kind, ids):
    key, _ = KINDS[kind]
    r = api.post(f"/tm/tasks/{tid}/{kind}", json={key: ids})
    path = "/tm/tasks/{taskId}/assignees" if kind == "assignees" else "/tm/tasks/{task_id}/watchers"
    assert_bare_success("POST", path, r)


def remove(api, tid, kind, ids):
    key, _ = KINDS[kind]
    r = api.delete(f"/tm/tasks/{tid}/{kind}", json={key: ids})
    path = "/tm/tasks/{taskId}/assignees" if kind == "assignees" else "/tm/tasks/{task_id}/watchers"
    assert_bare_success("DELETE", path, r)


def members_of(api, tid, kind):
    return get_task(api, tid)[KINDS[kind][1]]


@pytest.fixture
def trio(server, fresh_ws):
    """A fresh workspace with three members: (client of its owner, [owner, m1, m2] ids)."""
    for email in ("m1@trio.test", "m2@trio.test"):
        cli_ok("member", "add", "--db", server.db, "--workspace", fresh_ws.name, "--email", email)
    ids = {m["email"]: m["id"] for m in fresh_ws.get("/ws/members").json()["members"]}
    return fresh_ws, [ids[fresh_ws.email], ids["m1@trio.test"], ids["m2@trio.test"]]


# ---- assignees --------------------------------------------------------------------------------

def test_add_assignees_keeps_the_order_and_mirrors_the_first_to_user_id(api, people):
    t = create_task(api, title="work")
    add(api, t["id"], "assignees", [people["member"], people["owner"]])
    got = get_task(api, t["id"])
    assert got["assignees"] == [people["member"], people["owner"]]
    assert got["userId"] == people["member"]


def test_add_assignees_appends_after_the_present_ones(trio):
    api, (a, b, c) = trio
    t = create_task(api, title="work", userId=a)
    add(api, t["id"], "assignees", [c, b])
    got = get_task(api, t["id"])
    assert got["assignees"] == [a, c, b] and got["userId"] == a


def test_re_adding_an_assignee_is_a_no_op(api, people):
    t = create_task(api, title="work", assignees=[people["owner"], people["member"]])
    add(api, t["id"], "assignees", [people["member"], people["owner"]])
    add(api, t["id"], "assignees", [people["owner"], people["owner"]])
    got = get_task(api, t["id"])
    assert got["assignees"] == [people["owner"], people["member"]]
    assert got["userId"] == people["owner"]


def test_removing_the_primary_assignee_promotes_the_next(trio):
    api, (a, b, c) = trio
    t = create_task(api, title="work", assignees=[a, c, b])
    remove(api, t["id"], "assignees", [a])
    got = get_task(api, t["id"])
    assert got["assignees"] == [c, b] and got["userId"] == c
    remove(api, t["id"], "assignees", [c])
    got = get_task(api, t["id"])
    assert got["assignees"] == [b] and got["userId"] == b


def test_removing_every_assignee_leaves_user_id_null(api, people):
    t = create_task(api, title="work", assignees=[people["owner"], people["member"]])
    remove(api, t["id"], "assignees", [people["member"], people["owner"]])
    got = get_task(api, t["id"])
    assert got["assignees"] == [] and got["userId"] is None


def test_removing_a_member_not_assigned_is_a_no_op(api, people):
    t = create_task(api, title="work", assignees=[people["owner"]])
    remove(api, t["id"], "assignees", [people["member"]])
    got = get_task(api, t["id"])
    assert got["assignees"] == [people["owner"]] and got["userId"] == people["owner"]


def test_assignee_removed_then_added_goes_to_the_end(trio):
    api, (a, b, c) = trio
    t = create_task(api, title="work", assignees=[a, b, c])
    remove(api, t["id"], "assignees", [a])
    add(api, t["id"], "assignees", [a])
    got = get_task(api, t["id"])
    assert got["assignees"] == [b, c, a] and got["userId"] == b


def test_update_does_not_touch_assignees_set_by_the_route(api, people):
    t = create_task(api, title="work")
    add(api, t["id"], "assignees", [people["member"]])
    r = api.put(f"/tm/tasks/{t['id']}", json={"assignees": [people["owner"]],
                                              "userId": people["owner"]})
    assert r.status_code == 200, r.text
    assert r.json()["task"]["assignees"] == [people["member"]]


# ---- watchers ---------------------------------------------------------------------------------

def test_add_watchers_shows_them_as_subscribers(api, people):
    t = create_task(api, title="watch")
    add(api, t["id"], "watchers", [people["member"], people["owner"]])
    got = get_task(api, t["id"])
    assert sorted(got["subscribers"]) == sorted([people["member"], people["owner"]])
    assert got["assignees"] == [] and got["userId"] is None


def test_re_adding_a_watcher_is_a_no_op(api, people):
    t = create_task(api, title="watch")
    add(api, t["id"], "watchers", [people["member"]])
    add(api, t["id"], "watchers", [people["member"]])
    assert members_of(api, t["id"], "watchers") == [people["member"]]


def test_remove_watchers(trio):
    api, (a, b, c) = trio
    t = create_task(api, title="watch")
    add(api, t["id"], "watchers", [b, a, c])
    remove(api, t["id"], "watchers", [a, c])
    assert members_of(api, t["id"], "watchers") == [b]


def test_removing_a_member_not_watching_is_a_no_op(api, people):
    t = create_task(api, title="watch")
    add(api, t["id"], "watchers", [people["member"]])
    remove(api, t["id"], "watchers", [people["owner"]])
    assert members_of(api, t["id"], "watchers") == [people["member"]]


def test_watchers_and_assignees_are_independent(api, people):
    t = create_task(api, title="both", assignees=[people["owner"]])
    add(api, t["id"], "watchers", [people["owner"]])
    remove(api, t["id"], "assignees", [people["owner"]])
    got = get_task(api, t["id"])
    assert got["assignees"] == [] and got["subscribers"] == [people["owner"]]


# ---- validation, both routes ------------------------------------------------------------------

@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("method", ["POST", "DELETE"])
@pytest.mark.parametrize("value", [[], None, ""], ids=["empty-list", "null", "empty-string"])
def test_empty_member_list_is_422_required(api, people, kind, method, value):
    key, field = KINDS[kind]
    t = create_task(api, title="stays", assignees=[people["owner"]])
    before = get_task(api, t["id"])
    r = api.request(method, f"/tm/tasks/{t['id']}/{kind}", json={key: value})
    assert_422(r, {key: [REQUIRED]})
    assert get_task(api, t["id"]) == before


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("method", ["POST", "DELETE"])
@pytest.mark.parametrize("body", OPTIONAL_BODIES, ids=OPTIONAL_BODY_IDS)
def test_missing_member_list_is_422_required(api, kind, method, body):
    key, _ = KINDS[kind]
    t = create_task(api, title="stays")
    r = api.request(method, f"/tm/tasks/{t['id']}/{kind}", **json_body(body))
    assert_422(r, {key: [REQUIRED]})


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("method", ["POST", "DELETE"])
@pytest.mark.parametrize("value", ["not-a-uuid", "12345", 5, None, ["x"], {"a": 1}], ids=repr)
def test_malformed_member_id_is_422_keyed_by_its_index(api, people, kind, method, value):
    key, _ = KINDS[kind]
    t = create_task(api, title="stays", assignees=[people["owner"]])
    before = get_task(api, t["id"])
    r = api.request(method, f"/tm/tasks/{t['id']}/{kind}", json={key: [people["member"], value]})
    assert_422_fields(r, [f"{key}.1"])
    assert get_task(api, t["id"]) == before


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_unknown_member_on_add_is_422_selected_invalid_and_adds_nobody(api, people, kind):
    key, field = KINDS[kind]
    t = create_task(api, title="stays")
    r = api.post(f"/tm/tasks/{t['id']}/{kind}", json={key: [people["member"], NOBODY]})
    errors = assert_422_fields(r, [f"{key}.1"])
    assert errors[f"{key}.1"][0].startswith("The selected ")
    assert errors[f"{key}.1"][0].endswith(" is invalid.")
    assert get_task(api, t["id"])[field] == []


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("value", ["x", 5, {"0": "a"}], ids=repr)
def test_member_list_that_is_not_a_list_is_422(api, kind, value):
    key, _ = KINDS[kind]
    t = create_task(api, title="stays")
    r = api.post(f"/tm/tasks/{t['id']}/{kind}", json={key: value})
    assert_422_fields(r, [key])


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_member_of_another_workspace_is_422(api, api_b, kind):
    key, field = KINDS[kind]
    stranger = api_b.get("/user/me").json()["user"]["id"]
    t = create_task(api, title="stays")
    assert_422_fields(api.post(f"/tm/tasks/{t['id']}/{kind}", json={key: [stranger]}),
                      [f"{key}.0"])
    assert get_task(api, t["id"])[field] == []


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_member_ids_are_matched_case_insensitively_or_refused(api, people, kind):
    # a uuid in upper case names the same member or is refused; it never adds a second one
    key, field = KINDS[kind]
    t = create_task(api, title="case")
    add(api, t["id"], kind, [people["member"]])
    r = api.post(f"/tm/tasks/{t['id']}/{kind}", json={key: [people["member"].upper()]})
    assert r.status_code in (200, 422), r.text
    assert get_task(api, t["id"])[field] == [people["member"]]


# ---- legacy subscribe / un-subscribe ----------------------------------------------------------

def test_subscribe_with_a_user_id_adds_that_watcher(api, people):
    t = create_task(api, title="legacy")
    r = api.post(f"/tm/tasks/{t['id']}/subscribe", json={"userId": people["member"]})
    assert_bare_success("POST", "/tm/tasks/{id}/subscribe", r)
    assert get_task(api, t["id"])["subscribers"] == [people["member"]]


@pytest.mark.parametrize("body", OPTIONAL_BODIES + [b'{"userId": null}', b'{"userId": ""}'],
                         ids=OPTIONAL_BODY_IDS + ["null-user", "empty-user"])
def test_subscribe_without_a_user_is_the_tokens_member(api_member, people, body):
    t = create_task(api_member, title="legacy")
    r = api_member.post(f"/tm/tasks/{t['id']}/subscribe", **json_body(body))
    assert r.status_code == 200 and r.json() == {"success": True}, r.text
    assert get_task(api_member, t["id"])["subscribers"] == [people["member"]]


def test_subscribe_twice_is_a_no_op(api, people):
    t = create_task(api, title="legacy")
    for _ in range(2):
        assert api.post(f"/tm/tasks/{t['id']}/subscribe").status_code == 200
    assert get_task(api, t["id"])["subscribers"] == [people["owner"]]


def test_un_subscribe_with_a_user_id_removes_that_watcher(api, people):
    t = create_task(api, title="legacy")
    add(api, t["id"], "watchers", [people["member"], people["owner"]])
    r = api.post(f"/tm/tasks/{t['id']}/un-subscribe", json={"userId": people["member"]})
    assert_bare_success("POST", "/tm/tasks/{id}/un-subscribe", r)
    assert get_task(api, t["id"])["subscribers"] == [people["owner"]]


@pytest.mark.parametrize("body", OPTIONAL_BODIES + [b'{"userId": null}'],
                         ids=OPTIONAL_BODY_IDS + ["null-user"])
def test_un_subscribe_without_a_user_is_the_tokens_member(api, api_member, people, body):
    t = create_task(api, title="legacy")
    add(api, t["id"], "watchers", [people["owner"], people["member"]])
    r = api_member.post(f"/tm/tasks/{t['id']}/un-subscribe", **json_body(body))
    assert r.status_code == 200 and r.json() == {"success": True}, r.text
    assert get_task(api, t["id"])["subscribers"] == [people["owner"]]


def test_un_subscribe_of_a_member_not_watching_is_a_no_op(api, people):
    t = create_task(api, title="legacy")
    add(api, t["id"], "watchers", [people["owner"]])
    assert api.post(f"/tm/tasks/{t['id']}/un-subscribe",
                    json={"userId": people["member"]}).status_code == 200
    assert get_task(api, t["id"])["subscribers"] == [people["owner"]]


def test_subscribe_and_watchers_are_the_same_list(api, people):
    t = create_task(api, title="legacy")
    assert api.post(f"/tm/tasks/{t['id']}/subscribe").status_code == 200
    remove(api, t["id"], "watchers", [people["owner"]])
    assert get_task(api, t["id"])["subscribers"] == []


@pytest.mark.parametrize("action", ["subscribe", "un-subscribe"])
@pytest.mark.parametrize("value", [NOBODY, "not-a-uuid", 5, ["x"]], ids=repr)
def test_subscribe_with_a_bad_user_is_422(api, people, action, value):
    t = create_task(api, title="legacy")
    add(api, t["id"], "watchers", [people["owner"]])
    r = api.post(f"/tm/tasks/{t['id']}/{action}", json={"userId": value})
    assert_422_fields(r, ["userId"])
    assert get_task(api, t["id"])["subscribers"] == [people["owner"]]


# ---- updatedAt --------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["assignees", "watchers"])
def test_adding_and_removing_members_touch_the_tasks_updated_at(api, people, kind):
    tid = create_task(api, title="touched")["id"]
    for act in (add, remove):
        before = get_task(api, tid)["updatedAt"]
        time.sleep(1.1)  # updatedAt has one-second resolution
        act(api, tid, kind, [people["member"]])
        assert get_task(api, tid)["updatedAt"] > before

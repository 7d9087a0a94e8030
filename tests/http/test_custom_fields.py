"""Custom-field definitions in every scope (global /tm/custom-fields, project, board, funnel):
create with per-type config validation, update (name, config; type ignored), delete (values
go, order closes up), the global list, name rules, lenient input, archived projects, wrong
owners, 404 shapes and workspace isolation (src/api/fields/custom_fields.c,
docs/internals/custom_fields.md). Options, moves and transfers: test_custom_field_options.py
and test_custom_field_transfers.py."""
import pytest

from cf_util import api  # noqa: F401 (each test a workspace of its own: overrides conftest's)
from cf_util import (ARCHIVED, REQUIRED, SCOPES, TYPES, add_option, assert_404, assert_422,
                     assert_bare_success, assert_envelope, create, field_row, new_board,
                     new_funnel, new_owner, new_project, new_task, put_value, random_uuid,
                     sibling_order, values)

NAME_TOO_LONG = "The name must not be greater than 255 characters."
TYPE_INVALID = "The selected type is invalid."


def path_of(base, fid):
    return f"{base}/{fid}"


# ---- create ---------------------------------------------------------------------------------

@pytest.mark.parametrize("scope", SCOPES)
def test_every_type_can_be_created_in_every_scope(api, server, scope):
    base = new_owner(api, scope)
    made = []
    for t in TYPES:
        f = create(api, base, name=f"f {t}", type=t)
        assert set(f) == {"id", "name", "type", "config", "options"}
        assert f["name"] == f"f {t}" and f["type"] == t
        assert f["config"] is None and f["options"] == []
        assert field_row(server, f["id"])[0] == scope
        made.append(f["id"])
    # appended in creation order, dense
    assert sibling_order(server, made[0])[-len(made):] == made


@pytest.mark.parametrize("t", [t for t in TYPES if t not in ("number", "boolean")])
def test_types_without_config_store_null_whatever_is_sent(api, t):
    f = create(api, "/tm/custom-fields", type=t, config={"type": "radio", "precision": 2})
    assert f["config"] is None


def test_type_is_required_and_must_be_known(api):
    assert_422(api.post("/tm/custom-fields", json={"name": "x"}), {"type": [REQUIRED]})
    assert_422(api.post("/tm/custom-fields"), {"type": [REQUIRED]})
    for bad in ["float", "Text", "", 5, None]:
        r = api.post("/tm/custom-fields", json={"type": bad})
        assert r.status_code == 422, (bad, r.text)
        assert list(r.json()["errors"]) == ["type"]
    assert api.post("/tm/custom-fields", json={"type": "float"}).json()["errors"] == {
        "type": [TYPE_INVALID]}


def test_name_is_optional_nullable_and_at_most_255(api):
    assert create(api, "/tm/custom-fields")["name"] is None
    assert create(api, "/tm/custom-fields", name=None)["name"] is None
    assert create(api, "/tm/custom-fields", name="   ")["name"] is None
    assert create(api, "/tm/custom-fields", name="  trimmed ")["name"] == "trimmed"
    assert create(api, "/tm/custom-fields", name="é" * 255)["name"] == "é" * 255
    assert_422(api.post("/tm/custom-fields", json={"type": "text", "name": "x" * 256}),
               {"name": [NAME_TOO_LONG]})
    r = api.post("/tm/custom-fields", json={"type": "text", "name": 5})
    assert r.status_code == 422 and list(r.json()["errors"]) == ["name"]


NUMBER_OK = [
    ({"type": "number", "precision": 2}, {"type": "number", "precision": 2}),
    ({"type": "number"}, {"type": "number", "precision": None}),
    ({"type": "percent", "precision": None}, {"type": "percent", "precision": None}),
    ({"type": "percent", "precision": 0}, {"type": "percent", "precision": 0}),
    ({"type": "number", "precision": 6}, {"type": "number", "precision": 6}),
    ({"type": "number", "precision": "3"}, {"type": "number", "precision": 3}),
    ({"type": "currency", "precision": 2, "currency": 1}, {"type": "currency", "precision": 2,
                                                           "currency": 1}),
    ({"type": "currency", "precision": 2, "currency": "10"}, {"type": "currency", "precision": 2,
                                                              "currency": 10}),
    # Decision: the currency of a non-currency number is not stored; unknown keys neither
    ({"type": "number", "precision": 1, "currency": 3, "extra": 1},
     {"type": "number", "precision": 1}),
]


@pytest.mark.parametrize("config,stored", NUMBER_OK)
def test_number_config_is_validated_and_stored_canonically(api, config, stored):
    f = create(api, "/tm/custom-fields", type="number", config=config)
    assert f["config"] == stored


NUMBER_BAD = [
    ({}, ["config.type"]),
    ({"precision": 2}, ["config.type"]),
    ({"type": "money", "precision": 2}, ["config.type"]),
    ({"type": "number", "precision": 7}, ["config.precision"]),
    ({"type": "number", "precision": -1}, ["config.precision"]),
    ({"type": "number", "precision": 1.5}, ["config.precision"]),
    ({"type": "number", "precision": "x"}, ["config.precision"]),
    ({"type": "currency", "precision": 2}, ["config.currency"]),
    ({"type": "currency", "precision": 2, "currency": 0}, ["config.currency"]),
    ({"type": "currency", "precision": 2, "currency": 11}, ["config.currency"]),
    ({"type": "currency", "precision": 2, "currency": None}, ["config.currency"]),
    ({"type": "money", "precision": 9}, ["config.type", "config.precision"]),
]


@pytest.mark.parametrize("config,keys", NUMBER_BAD)
def test_number_config_errors_name_the_nested_key(api, config, keys):
    r = api.post("/tm/custom-fields", json={"type": "number", "config": config})
    assert r.status_code == 422, r.text
    assert sorted(r.json()["errors"]) == sorted(keys)


@pytest.mark.parametrize("config", ["number", 5, [1], True])
def test_a_config_that_is_not_an_object_is_422(api, config):
    for t in ("number", "boolean"):
        assert_422(api.post("/tm/custom-fields", json={"type": t, "config": config}),
                   {"config": ["The config must be an array."]})


@pytest.mark.parametrize("kind", ["radio", "checbox", "checkbox", "switch"])
def test_boolean_config_takes_every_spelling_and_echoes_it(fresh_ws, kind):
    # not through create(): "switch" (docs-2024) is outside the spec's BooleanFieldConfig;
    # in a fresh workspace, as a global field shows on every task of its workspace and
    # Task.customFields[].config is validated against the spec by the task suites
    r = fresh_ws.post("/tm/custom-fields", json={"type": "boolean", "config": {"type": kind, "x": 1}})
    assert r.status_code == 200, r.text
    assert r.json()["customField"]["config"] == {"type": kind}


@pytest.mark.parametrize("config", [{}, {"type": "toggle"}, {"type": None}, {"type": "Radio"}])
def test_boolean_config_type_is_required_and_known(api, config):
    r = api.post("/tm/custom-fields", json={"type": "boolean", "config": config})
    assert r.status_code == 422, r.text
    assert list(r.json()["errors"]) == ["config.type"]


def test_number_and_boolean_config_may_be_null_or_absent(api):
    for t in ("number", "boolean"):
        assert create(api, "/tm/custom-fields", type=t)["config"] is None
        assert create(api, "/tm/custom-fields", type=t, config=None)["config"] is None


def test_lenient_input_unknown_keys_and_form_bodies(api):
    f = create(api, "/tm/custom-fields", type="text", name="n", whatever=[1, 2], id="nope")
    assert f["id"] != "nope"
    r = api.post("/tm/custom-fields", data={"type": "link", "name": "form"})
    f = assert_envelope("POST", "/tm/custom-fields", r)["customField"]
    assert (f["type"], f["name"]) == ("link", "form")


# ---- list -----------------------------------------------------------------------------------

def test_the_global_list_holds_the_global_fields_in_order_with_options(fresh_ws):
    api = fresh_ws
    r = api.get("/tm/custom-fields")
    assert assert_envelope("GET", "/tm/custom-fields", r)["data"] == []
    a = create(api, "/tm/custom-fields", name="a", type="select")
    o = add_option(api, "/tm/custom-fields", a["id"], "one", "blue")
    b = create(api, "/tm/custom-fields", name="b", type="number",
               config={"type": "percent", "precision": 1})
    # fields of other scopes are not global
    create(api, new_owner(api, "project"))
    create(api, new_owner(api, "board"))
    create(api, new_owner(api, "funnel"))
    data = assert_envelope("GET", "/tm/custom-fields", api.get("/tm/custom-fields"))["data"]
    assert data == [
        {"id": a["id"], "name": "a", "type": "select", "config": None, "options": [o]},
        {"id": b["id"], "name": "b", "type": "number",
         "config": {"type": "percent", "precision": 1}, "options": []}]


# ---- update ---------------------------------------------------------------------------------

@pytest.mark.parametrize("scope", SCOPES)
def test_update_renames_changes_config_and_ignores_type(api, scope):
    base = new_owner(api, scope)
    f = create(api, base, name="n", type="number", config={"type": "number", "precision": 1})
    p = path_of(base, f["id"])
    r = api.put(p, json={"name": "renamed", "type": "text"})
    got = assert_envelope("PUT", p, r)["customField"]
    assert got == {**f, "name": "renamed"}
    got = assert_envelope("PUT", p, api.put(p, json={"config": {"type": "percent"}}))[
        "customField"]
    assert got["config"] == {"type": "percent", "precision": None} and got["name"] == "renamed"
    got = assert_envelope("PUT", p, api.put(p, json={"name": None, "config": None}))["customField"]
    assert got["name"] is None and got["config"] is None
    # {} and no body are no-ops
    assert assert_envelope("PUT", p, api.put(p, json={}))["customField"] == got
    assert assert_envelope("PUT", p, api.put(p))["customField"] == got


def test_update_validates_like_create(api):
    f = create(api, "/tm/custom-fields", type="boolean", config={"type": "radio"})
    p = f"/tm/custom-fields/{f['id']}"
    assert_422(api.put(p, json={"name": "x" * 256}), {"name": [NAME_TOO_LONG]})
    r = api.put(p, json={"config": {"type": "nope"}})
    assert r.status_code == 422 and list(r.json()["errors"]) == ["config.type"]
    # nothing changed
    r = api.put(p, json={})
    assert r.json()["customField"]["config"] == {"type": "radio"}
    # a text field ignores config
    t = create(api, "/tm/custom-fields", type="text")
    r = api.put(f"/tm/custom-fields/{t['id']}", json={"config": {"type": "nope"}})
    assert r.status_code == 200 and r.json()["customField"]["config"] is None


# ---- delete ---------------------------------------------------------------------------------

@pytest.mark.parametrize("scope", SCOPES)
def test_delete_is_hard_takes_values_and_closes_the_order(api, server, scope):
    base = new_owner(api, scope)
    ids = [create(api, base, name=str(i))["id"] for i in range(4)]
    task = new_task(api)
    put_value(server, ids[1], task, '"kept?"')
    assert values(server, ids[1]) == {task: '"kept?"'}
    assert_bare_success(api.delete(path_of(base, ids[1])))
    assert field_row(server, ids[1]) is None
    assert values(server, ids[1]) == {}
    order = sibling_order(server, ids[0])
    assert [i for i in order if i in ids] == [ids[0], ids[2], ids[3]]
    assert_404(api.delete(path_of(base, ids[1])))
    assert_404(api.put(path_of(base, ids[1]), json={"name": "x"}))


def test_deleting_the_owner_takes_its_fields(api, server):
    pid = new_project(api)
    f = create(api, f"/tm/projects/{pid}/custom-fields")
    bid = new_board(api)
    g = create(api, f"/tm/boards/{bid}/custom-fields")
    fu = new_funnel(api)
    h = create(api, f"/crm/funnels/{fu}/custom-fields")
    assert api.delete(f"/tm/projects/{pid}").status_code == 200
    assert api.delete(f"/tm/boards/{bid}").status_code == 200
    assert api.delete(f"/crm/funnels/{fu}").status_code == 200
    for x in (f, g, h):
        assert field_row(server, x["id"]) is None


# ---- archived projects ----------------------------------------------------------------------

def test_changes_under_an_archived_project_are_422(api, server):
    pid = new_project(api)
    bid = new_board(api, pid)
    pbase, bbase = f"/tm/projects/{pid}/custom-fields", f"/tm/boards/{bid}/custom-fields"
    pf = create(api, pbase, type="select")
    bf = create(api, bbase, type="select")
    po = add_option(api, pbase, pf["id"])
    g = create(api, "/tm/custom-fields")
    assert api.post(f"/tm/projects/{pid}/archive").status_code == 200
    err = {"projectId": [ARCHIVED]}
    for base, f in ((pbase, pf), (bbase, bf)):
        p = path_of(base, f["id"])
        assert_422(api.post(base, json={"type": "text"}), err)
        assert_422(api.put(p, json={"name": "x"}), err)
        assert_422(api.delete(p), err)
        assert_422(api.post(f"{p}/transfer-to-task-manager"), err)
        assert_422(api.post(f"{p}/options", json={"name": "o", "color": "red"}), err)
    assert_422(api.put(f"{pbase}/{pf['id']}/options/{po['id']}", json={"name": "x"}), err)
    # as a target: keyed by the body field
    assert_422(api.post(f"/tm/custom-fields/{g['id']}/transfer-to-project",
                        json={"projectId": pid}), {"projectId": [ARCHIVED]})
    assert_422(api.post(f"/tm/custom-fields/{g['id']}/transfer-to-board",
                        json={"boardId": bid}), {"boardId": [ARCHIVED]})
    assert field_row(server, pf["id"])[0] == "project"
    assert field_row(server, g["id"])[0] == "tm"
    # reading is unaffected; un-archiving allows changes again
    assert api.get("/tm/custom-fields").status_code == 200
    assert api.post(f"/tm/projects/{pid}/un-archive").status_code == 200
    assert api.put(path_of(pbase, pf["id"]), json={"name": "x"}).status_code == 200


# ---- wrong owners, 404 shapes ---------------------------------------------------------------

def test_a_field_under_another_owners_path_is_404(api, server):
    p1, p2 = new_project(api), new_project(api)
    b1, b2 = new_board(api), new_board(api)
    f1, f2 = new_funnel(api), new_funnel(api)
    owners = {"tm": "/tm/custom-fields",
              "p1": f"/tm/projects/{p1}/custom-fields", "p2": f"/tm/projects/{p2}/custom-fields",
              "b1": f"/tm/boards/{b1}/custom-fields", "b2": f"/tm/boards/{b2}/custom-fields",
              "f1": f"/crm/funnels/{f1}/custom-fields", "f2": f"/crm/funnels/{f2}/custom-fields"}
    fields = {k: create(api, base, type="select", name=k) for k, base in owners.items()}
    opts = {k: add_option(api, owners[k], f["id"]) for k, f in fields.items()}
    for k, base in owners.items():
        for other, f in fields.items():
            if other == k:
                continue
            p = path_of(base, f["id"])
            assert_404(api.put(p, json={"name": "stolen"}))
            assert_404(api.delete(p))
            assert_404(api.post(f"{p}/options", json={"name": "o", "color": "red"}))
            assert_404(api.put(f"{p}/options/{opts[other]['id']}", json={"name": "x"}))
            if not base.startswith("/crm"):
                assert_404(api.post(f"{p}/transfer-to-project", json={"projectId": p1}))
    # an option of another field under this field's path
    base = owners["tm"]
    g = create(api, base, type="select")
    assert_404(api.put(f"{base}/{g['id']}/options/{opts['tm']['id']}", json={"name": "x"}))
    assert_404(api.delete(f"{base}/{g['id']}/options/{opts['tm']['id']}"))
    for k, f in fields.items():
        assert field_row(server, f["id"]) is not None
        assert f["name"] == k


@pytest.mark.parametrize("bad", ["nope", "123", "00000000-0000-0000-0000-00000000000g",
                                 "%20", "00000000-0000-0000-0000-0000000000000"])
def test_malformed_or_unknown_ids_are_404(api, bad):
    for base in (new_owner(api, "tm"), new_owner(api, "project"), new_owner(api, "funnel")):
        assert_404(api.put(f"{base}/{bad}", json={"name": "x"}))
        assert_404(api.delete(f"{base}/{random_uuid()}"))
        f = create(api, base, type="select")
        assert_404(api.put(f"{base}/{f['id']}/options/{bad}", json={"name": "x"}))
        assert_404(api.post(f"{base}/{bad}/options", json={"name": "x", "color": "red"}))


def test_unknown_owners_are_404_for_every_scope(api):
    for base in ("/tm/projects/999999999/custom-fields", "/tm/projects/abc/custom-fields",
                 "/tm/boards/999999999/custom-fields", "/tm/boards/0/custom-fields",
                 "/crm/funnels/AAAAAAAAAAAAAAAA/custom-fields", "/crm/funnels/short/custom-fields"):
        assert_404(api.post(base, json={"type": "text"}))
        assert_404(api.put(f"{base}/{random_uuid()}", json={"name": "x"}))


def test_an_id_in_upper_case_names_the_same_field(api):
    f = create(api, "/tm/custom-fields", name="case")
    r = api.put(f"/tm/custom-fields/{f['id'].upper()}", json={"name": "CASE"})
    assert r.status_code == 200 and r.json()["customField"]["id"] == f["id"]


# ---- workspaces -----------------------------------------------------------------------------

def test_another_workspace_sees_nothing_and_changes_nothing(api, api_b, server):
    pid = new_project(api)
    bid = new_board(api, pid)
    fu = new_funnel(api)
    owners = ["/tm/custom-fields", f"/tm/projects/{pid}/custom-fields",
              f"/tm/boards/{bid}/custom-fields", f"/crm/funnels/{fu}/custom-fields"]
    made = [(base, create(api, base, type="select", name="mine")) for base in owners]
    for base, f in made:
        o = add_option(api, base, f["id"])
        p = path_of(base, f["id"])
        if base != owners[0]:  # the global collection is B's own
            assert_404(api_b.post(base, json={"type": "text"}))
        assert_404(api_b.put(p, json={"name": "theirs"}))
        assert_404(api_b.delete(p))
        assert_404(api_b.post(f"{p}/options", json={"name": "o", "color": "red"}))
        assert_404(api_b.put(f"{p}/options/{o['id']}", json={"name": "theirs"}))
        assert_404(api_b.delete(f"{p}/options/{o['id']}"))
        assert_404(api_b.post(f"{p}/options/{o['id']}/move", json={"after": o["id"]}))
        assert field_row(server, f["id"]) is not None
    ids = {f["id"] for _, f in made}
    assert not ids & {f["id"] for f in api_b.get("/tm/custom-fields").json()["data"]}
    # B's own field cannot be given to A's project or board
    g = create(api_b, "/tm/custom-fields")
    assert_422(api_b.post(f"/tm/custom-fields/{g['id']}/transfer-to-project",
                          json={"projectId": pid}),
               {"projectId": ["The selected project id is invalid."]})
    assert_422(api_b.post(f"/tm/custom-fields/{g['id']}/transfer-to-board", json={"boardId": bid}),
               {"boardId": ["The selected board id is invalid."]})
    assert field_row(server, g["id"])[0] == "tm"
    assert all(f["name"] == "mine" for _, f in made)


# ---- methods --------------------------------------------------------------------------------

def test_wrong_methods_list_the_allowed_ones_as_live(api):
    """spec: tm-notes §2.4 — live Allow headers of the global routes."""
    r = api.get(f"/tm/custom-fields/{random_uuid()}", check_ct=False)
    assert r.status_code == 405 and r.headers["Allow"] == "PUT, DELETE"
    r = api.request("PATCH", "/tm/custom-fields", check_ct=False)
    assert r.status_code == 405 and r.headers["Allow"] == "GET, HEAD, POST"


def test_project_and_funnel_objects_list_their_own_fields(api, fresh_ws):
    # spec: Project.customFields / Funnel.customFields are the fields defined on them
    a = fresh_ws
    pid = a.post("/tm/projects", json={"name": "with fields"}).json()["project"]["id"]
    pf = a.post(f"/tm/projects/{pid}/custom-fields", json={"name": "P", "type": "text"})
    assert pf.status_code == 200, pf.text
    fid = a.post("/crm/funnels", json={"name": "with fields"}).json()["funnel"]["id"]
    ff = a.post(f"/crm/funnels/{fid}/custom-fields", json={"name": "F", "type": "select"})
    assert ff.status_code == 200, ff.text
    proj = a.get(f"/tm/projects/{pid}").json()["project"]
    assert [f["id"] for f in proj["customFields"]] == [pf.json()["customField"]["id"]]
    listed = {p["id"]: p for p in a.get("/tm/projects").json()["projects"]}
    assert [f["name"] for f in listed[pid]["customFields"]] == ["P"]
    fun = a.get(f"/crm/funnels/{fid}").json()["funnel"]
    assert [f["id"] for f in fun["customFields"]] == [ff.json()["customField"]["id"]]
    assert fun["customFields"][0]["options"] == []
    listed = {f["id"]: f for f in a.get("/crm/funnels").json()["funnels"]}
    assert [f["name"] for f in listed[fid]["customFields"]] == ["F"]

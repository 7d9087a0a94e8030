"""Custom field values (issue 6, docs/internals/custom_fields.md "Types and values" and
"Values (as built)"): the customFields map of task create/update and deal create/PUT/PATCH,
per type, read back in the customFields array of GET task, GET deal and both lists; which
fields apply (scope rules), values surviving moves and transfers, option deletion, the
deal-list filter, and cross-workspace ids. Every test runs in a fresh workspace: a global
field would otherwise show on every task of the shared one."""
import pytest

from weeekd_http import assert_envelope

from crm_util import first_status, new_funnel, sql
from tasks_kit import all_task_ids, create_task, get_task, make_board, me, new_project

NOBODY = "00000000-0000-4000-8000-000000000000"


# ---- helpers ----------------------------------------------------------------------------------

def new_field(api, base, type_, config=None, name=None):
    body = {"type": type_, "name": name or type_}
    if config is not None:
        body["config"] = config
    r = api.post(base, json=body)
    assert r.status_code == 200, r.text
    return r.json()["customField"]


def new_option(api, base, fid, name):
    r = api.post(f"{base}/{fid}/options", json={"name": name, "color": "#ff0000"})
    assert r.status_code == 200, r.text
    return r.json()["option"]["id"]


def values(obj):
    """{fieldId: value} of a task's or deal's customFields array (ids unique)."""
    ids = [e["id"] for e in obj["customFields"]]
    assert len(ids) == len(set(ids))
    return {e["id"]: e["value"] for e in obj["customFields"]}


def assert_422_on(r, *keys):
    assert r.status_code == 422, r.text
    body = r.json()
    assert set(body) == {"success", "message", "errors"} and body["success"] is False
    assert set(body["errors"]) == set(keys), body
    assert body["message"] == next(iter(body["errors"].values()))[0]


def list_tasks(api, **params):
    r = api.get("/tm/tasks", params={"all": 1, "perPage": 100, **params})
    assert r.status_code == 200, r.text
    return {t["id"]: t for t in r.json()["tasks"]}


def get_deal(api, did):
    return assert_envelope("GET", "/crm/deals/{id}", api.get(f"/crm/deals/{did}"))["deal"]


def list_deals(api, sid, params=None):
    r = api.get(f"/crm/statuses/{sid}/deals", params=params)
    assert r.status_code == 200, r.text
    return r.json()["deals"]


def deal_post(api, sid, body):
    return api.post(f"/crm/statuses/{sid}/deals", json=body)


# A value of each type: (type, config, sent, read back). "$a"/"$b": options of the field,
# "$me": the owner's member id, "$contact": a contact of the workspace.
VALID = [
    ("text", None, "  hello  ", "hello"),
    ("text", None, "x" * 65535, "x" * 65535),
    ("link", None, "https://weeek.net/path?q=1", "https://weeek.net/path?q=1"),
    ("link", None, "http://example.com", "http://example.com"),
    ("number", {"type": "number", "precision": 2}, 3.14159, 3.14),
    ("number", {"type": "number", "precision": 0}, "12.5", 13),
    ("number", {"type": "number", "precision": None}, 7, 7),
    ("number", {"type": "percent", "precision": 1}, -0.25, -0.3),
    ("boolean", {"type": "checkbox"}, True, True),
    ("boolean", {"type": "radio"}, 0, False),
    ("boolean", {"type": "checbox"}, "1", True),
    ("datetime", None, "2026-03-01", "2026-03-01T00:00:00Z"),
    ("datetime", None, "2026-03-01T10:20:30Z", "2026-03-01T10:20:30Z"),
    ("select", None, "$a", "$a"),
    ("multiselect", None, ["$b", "$a", "$b"], ["$b", "$a"]),
    ("multiselect", None, "$a", ["$a"]),
    ("member", None, ["$me"], ["$me"]),
    ("member", None, "$me", ["$me"]),
    ("approval", None, ["$me", "$me"], ["$me"]),
    ("contact", None, "$contact", "$contact"),
]
INVALID = [
    ("text", None, 5),
    ("text", None, "x" * 65536),
    ("text", None, ["a"]),
    ("link", None, "weeek.net"),
    ("link", None, "ftp://weeek.net"),
    ("link", None, "https://"),
    ("link", None, "https://" + "a" * 2041),
    ("number", {"type": "number", "precision": 2}, "abc"),
    ("number", {"type": "number", "precision": 2}, True),
    ("number", {"type": "number", "precision": 2}, [1]),
    ("boolean", {"type": "checkbox"}, "yes"),
    ("boolean", {"type": "checkbox"}, 2),
    ("datetime", None, "tomorrow"),
    ("datetime", None, "2026-13-01"),
    ("datetime", None, 5),
    ("select", None, "$other"),
    ("select", None, "nope"),
    ("select", None, 5),
    ("multiselect", None, ["$a", "$other"]),
    ("multiselect", None, 5),
    ("member", None, [NOBODY]),
    ("member", None, {"id": "$me"}),
    ("approval", None, "nobody"),
    ("contact", None, NOBODY),
    ("contact", None, 5),
]


def case_id(case):
    return f"{case[0]}-{str(case[2])[:20]}"


class Kit:
    """One field of `type_` at `base` with two options (a, b) and another field's option
    (other), plus the ids the placeholders name."""

    def __init__(self, api, base, type_, config):
        self.api = api
        self.field = new_field(api, base, type_, config)
        self.fid = self.field["id"]
        self.ids = {"$me": me(api)}
        if type_ in ("select", "multiselect"):
            self.ids["$a"] = new_option(api, base, self.fid, "a")
            self.ids["$b"] = new_option(api, base, self.fid, "b")
            other = new_field(api, base, "select", name="other")
            self.ids["$other"] = new_option(api, base, other["id"], "o")
        if type_ == "contact":
            r = api.post("/crm/contacts", json={"firstName": "c"})
            assert r.status_code == 200, r.text
            self.ids["$contact"] = r.json()["contact"]["id"]

    def sub(self, v):
        if isinstance(v, list):
            return [self.sub(x) for x in v]
        if isinstance(v, str):
            return self.ids.get(v, v)
        return v


# ---- tasks: every type on create and update ---------------------------------------------------

@pytest.mark.parametrize("case", VALID, ids=case_id)
def test_task_create_stores_each_type_normalised(fresh_ws, case):
    type_, config, sent, want = case
    k = Kit(fresh_ws, "/tm/custom-fields", type_, config)
    t = create_task(fresh_ws, title="t", customFields={k.fid: k.sub(sent)})
    assert values(t)[k.fid] == k.sub(want)
    assert get_task(fresh_ws, t["id"]) == t
    assert values(list_tasks(fresh_ws)[t["id"]])[k.fid] == k.sub(want)


@pytest.mark.parametrize("case", VALID, ids=case_id)
def test_task_update_stores_each_type_normalised(fresh_ws, case):
    type_, config, sent, want = case
    k = Kit(fresh_ws, "/tm/custom-fields", type_, config)
    t = create_task(fresh_ws, title="t")
    assert values(t)[k.fid] is None
    r = fresh_ws.put(f"/tm/tasks/{t['id']}", json={"customFields": {k.fid: k.sub(sent)}})
    assert r.status_code == 200, r.text
    assert values(r.json()["task"])[k.fid] == k.sub(want)
    assert values(get_task(fresh_ws, t["id"]))[k.fid] == k.sub(want)


@pytest.mark.parametrize("case", INVALID, ids=case_id)
def test_task_create_refuses_a_bad_value_and_stores_nothing(fresh_ws, case):
    type_, config, sent = case
    k = Kit(fresh_ws, "/tm/custom-fields", type_, config)
    r = fresh_ws.post("/tm/tasks", json={"title": "t", "customFields": {k.fid: k.sub(sent)}})
    assert_422_on(r, f"customFields.{k.fid}")
    assert all_task_ids(fresh_ws) == []


@pytest.mark.parametrize("case", INVALID, ids=case_id)
def test_task_update_refuses_a_bad_value_and_keeps_the_old_one(fresh_ws, case):
    type_, config, sent = case
    k = Kit(fresh_ws, "/tm/custom-fields", type_, config)
    good = {"text": "keep", "link": "https://keep.example", "number": 1, "boolean": True,
            "datetime": "2026-01-01", "select": "$a", "multiselect": ["$a"], "member": ["$me"],
            "approval": ["$me"], "contact": None}[type_]
    t = create_task(fresh_ws, title="t", customFields={k.fid: k.sub(good)})
    r = fresh_ws.put(f"/tm/tasks/{t['id']}",
                     json={"title": "changed", "customFields": {k.fid: k.sub(sent)}})
    assert_422_on(r, f"customFields.{k.fid}")
    assert get_task(fresh_ws, t["id"]) == t


@pytest.mark.parametrize("clear", [None, "", "  ", []], ids=["null", "empty", "blank", "[]"])
def test_null_or_empty_clears_a_task_value(fresh_ws, clear):
    text = new_field(fresh_ws, "/tm/custom-fields", "text")["id"]
    multi = new_field(fresh_ws, "/tm/custom-fields", "member")["id"]
    num = new_field(fresh_ws, "/tm/custom-fields", "number", {"type": "number"})["id"]
    t = create_task(fresh_ws, customFields={text: "v", multi: [me(fresh_ws)], num: 3})
    assert values(t) == {text: "v", multi: [me(fresh_ws)], num: 3}
    body = {multi: clear} if clear == [] else {text: clear, multi: clear, num: clear}
    r = fresh_ws.put(f"/tm/tasks/{t['id']}", json={"customFields": body})
    assert r.status_code == 200, r.text
    want = {text: "v", multi: None, num: 3} if clear == [] else {text: None, multi: None,
                                                                   num: None}
    assert values(get_task(fresh_ws, t["id"])) == want


def test_an_update_without_the_map_keeps_values_and_a_partial_map_keeps_the_rest(fresh_ws):
    f1 = new_field(fresh_ws, "/tm/custom-fields", "text")["id"]
    f2 = new_field(fresh_ws, "/tm/custom-fields", "text")["id"]
    t = create_task(fresh_ws, customFields={f1: "one", f2: "two"})
    assert fresh_ws.put(f"/tm/tasks/{t['id']}", json={"title": "x"}).status_code == 200
    assert fresh_ws.put(f"/tm/tasks/{t['id']}",
                        json={"customFields": {f2: "deux"}}).status_code == 200
    assert values(get_task(fresh_ws, t["id"])) == {f1: "one", f2: "deux"}


def test_the_array_form_is_accepted_and_ignored(fresh_ws):
    f = new_field(fresh_ws, "/tm/custom-fields", "text")["id"]
    t = create_task(fresh_ws, customFields=[{"id": f, "value": "v"}])
    assert values(t) == {f: None}


def test_an_unknown_field_is_422_on_its_key(fresh_ws):
    f = new_field(fresh_ws, "/tm/custom-fields", "text")["id"]
    r = fresh_ws.post("/tm/tasks", json={"customFields": {f: "ok", "nope": "x", NOBODY: 1}})
    assert_422_on(r, "customFields.nope", f"customFields.{NOBODY}")
    assert all_task_ids(fresh_ws) == []


def test_the_entry_carries_the_field_definition(fresh_ws):
    base = "/tm/custom-fields"
    f = new_field(fresh_ws, base, "select", name="Stage")
    a = new_option(fresh_ws, base, f["id"], "A")
    t = create_task(fresh_ws, customFields={f["id"]: a})
    assert t["customFields"] == [{"id": f["id"], "name": "Stage", "type": "select",
                                  "config": f["config"],
                                  "options": [{"id": a, "name": "A", "color": "#ff0000"}],
                                  "value": a}]


# ---- which fields apply -----------------------------------------------------------------------

def test_global_project_and_board_fields_apply_by_location(fresh_ws):
    api = fresh_ws
    b1 = make_board(api)
    other = new_project(api)
    g = new_field(api, "/tm/custom-fields", "text")["id"]
    pf = new_field(api, f"/tm/projects/{b1.pid}/custom-fields", "text")["id"]
    bf = new_field(api, f"/tm/boards/{b1.bid}/custom-fields", "text")["id"]
    opf = new_field(api, f"/tm/projects/{other}/custom-fields", "text")["id"]
    loose = create_task(api, title="loose", customFields={g: "g"})
    in_p = create_task(api, title="in p", projectId=b1.pid, customFields={g: "g", pf: "p"})
    on_b = create_task(api, title="on b", boardColumnId=b1.cols[0],
                       customFields={pf: "p", bf: "b"})
    assert [e["id"] for e in loose["customFields"]] == [g]
    assert [e["id"] for e in in_p["customFields"]] == [g, pf]
    assert [e["id"] for e in on_b["customFields"]] == [g, pf, bf]
    assert values(on_b) == {g: None, pf: "p", bf: "b"}
    listed = list_tasks(api)
    for t in (loose, in_p, on_b):
        assert listed[t["id"]]["customFields"] == get_task(api, t["id"])["customFields"]
    # a field of another project, or of a board the task is not on, does not apply
    assert_422_on(api.post("/tm/tasks", json={"projectId": b1.pid, "customFields": {opf: "x"}}),
                  f"customFields.{opf}")
    assert_422_on(api.post("/tm/tasks", json={"projectId": b1.pid, "customFields": {bf: "x"}}),
                  f"customFields.{bf}")
    assert_422_on(api.put(f"/tm/tasks/{loose['id']}", json={"customFields": {pf: "x"}}),
                  f"customFields.{pf}")
    assert sorted(all_task_ids(api)) == sorted([loose["id"], in_p["id"], on_b["id"]])


def test_a_task_in_two_projects_gets_the_fields_of_both(fresh_ws):
    p1, p2 = new_project(fresh_ws), new_project(fresh_ws)
    f1 = new_field(fresh_ws, f"/tm/projects/{p1}/custom-fields", "text")["id"]
    f2 = new_field(fresh_ws, f"/tm/projects/{p2}/custom-fields", "text")["id"]
    t = create_task(fresh_ws, locations=[{"projectId": p1}, {"projectId": p2}],
                    customFields={f1: "one", f2: "two"})
    assert values(t) == {f1: "one", f2: "two"}


def test_a_value_survives_a_move_and_shows_again(fresh_ws):
    api = fresh_ws
    p1, p2 = new_project(api), new_project(api)
    f = new_field(api, f"/tm/projects/{p1}/custom-fields", "text")["id"]
    t = create_task(api, projectId=p1, customFields={f: "kept"})
    r = api.put(f"/tm/tasks/{t['id']}", json={"projectId": p2})
    assert r.status_code == 200, r.text
    assert values(r.json()["task"]) == {}
    r = api.put(f"/tm/tasks/{t['id']}", json={"projectId": p1})
    assert r.status_code == 200, r.text
    assert values(r.json()["task"]) == {f: "kept"}


def test_one_put_can_move_a_task_and_fill_its_new_projects_field(fresh_ws):
    p1, p2 = new_project(fresh_ws), new_project(fresh_ws)
    f = new_field(fresh_ws, f"/tm/projects/{p2}/custom-fields", "number",
                  {"type": "number", "precision": None})["id"]
    t = create_task(fresh_ws, projectId=p1)
    r = fresh_ws.put(f"/tm/tasks/{t['id']}", json={"projectId": p2, "customFields": {f: 4}})
    assert r.status_code == 200, r.text
    assert values(r.json()["task"]) == {f: 4}


def test_a_transfer_changes_where_a_value_shows_without_losing_it(fresh_ws):
    api = fresh_ws
    p1, p2 = new_project(api), new_project(api)
    f = new_field(api, f"/tm/projects/{p1}/custom-fields", "text")["id"]
    t1 = create_task(api, projectId=p1, customFields={f: "v"})
    t2 = create_task(api, projectId=p2)
    r = api.post(f"/tm/projects/{p1}/custom-fields/{f}/transfer-to-project", json={"projectId": p2})
    assert r.status_code == 200, r.text
    assert values(get_task(api, t1["id"])) == {}
    assert values(get_task(api, t2["id"])) == {f: None}
    r = api.post(f"/tm/projects/{p2}/custom-fields/{f}/transfer-to-task-manager")
    assert r.status_code == 200, r.text
    assert values(get_task(api, t1["id"])) == {f: "v"}
    assert values(get_task(api, t2["id"])) == {f: None}


def test_a_deleted_task_keeps_its_values(fresh_ws):
    f = new_field(fresh_ws, "/tm/custom-fields", "text")["id"]
    t = create_task(fresh_ws, customFields={f: "v"})
    assert fresh_ws.delete(f"/tm/tasks/{t['id']}").status_code == 200
    assert values(get_task(fresh_ws, t["id"])) == {f: "v"}


def test_deleting_an_option_takes_it_out_of_values(fresh_ws):
    api, base = fresh_ws, "/tm/custom-fields"
    sel = new_field(api, base, "select")["id"]
    multi = new_field(api, base, "multiselect")["id"]
    sa, sb = new_option(api, base, sel, "a"), new_option(api, base, sel, "b")
    ma, mb = new_option(api, base, multi, "a"), new_option(api, base, multi, "b")
    t = create_task(api, customFields={sel: sa, multi: [ma, mb]})
    u = create_task(api, customFields={sel: sb, multi: [ma]})
    for path in (f"{base}/{sel}/options/{sa}", f"{base}/{multi}/options/{ma}"):
        r = api.delete(path)
        assert r.status_code == 200, r.text
    assert values(get_task(api, t["id"])) == {sel: None, multi: [mb]}
    assert values(get_task(api, u["id"])) == {sel: sb, multi: None}


def test_deleting_a_contact_takes_it_out_of_task_and_deal_values(server, fresh_ws):
    api = fresh_ws
    tm_field = new_field(api, "/tm/custom-fields", "contact")["id"]
    fid = new_funnel(api)["id"]
    sid = first_status(api, fid)
    deal_field = new_field(api, f"/crm/funnels/{fid}/custom-fields", "contact")["id"]
    gone, kept = (api.post("/crm/contacts", json={"firstName": n}).json()["contact"]["id"]
                  for n in ("gone", "kept"))
    t = create_task(api, customFields={tm_field: gone})
    u = create_task(api, customFields={tm_field: kept})
    d = deal_post(api, sid, {"customFields": {deal_field: gone}}).json()["deal"]
    assert api.delete(f"/crm/contacts/{gone}").status_code == 200
    assert values(get_task(api, t["id"]))[tm_field] is None
    assert values(get_task(api, u["id"]))[tm_field] == kept
    assert values(get_deal(api, d["id"]))[deal_field] is None
    left = sql(server, "SELECT COUNT(*) FROM custom_field_values WHERE value = "
                       f"'\"{gone}\"'")
    assert int(left[0][0]) == 0


def test_a_field_of_another_workspace_is_422_and_nothing_is_stored(api, fresh_ws):
    foreign = new_field(api, f"/tm/projects/{new_project(api)}/custom-fields", "text")["id"]
    r = fresh_ws.post("/tm/tasks", json={"title": "t", "customFields": {foreign: "x"}})
    assert_422_on(r, f"customFields.{foreign}")
    assert all_task_ids(fresh_ws) == []
    sid = first_status(fresh_ws, new_funnel(fresh_ws)["id"])
    r = deal_post(fresh_ws, sid, {"title": "d", "customFields": {foreign: "x"}})
    assert_422_on(r, f"customFields.{foreign}")
    assert list_deals(fresh_ws, sid) == []


# ---- deals ------------------------------------------------------------------------------------

@pytest.fixture
def funnel_kit(fresh_ws):
    fid = new_funnel(fresh_ws)["id"]
    return fid, first_status(fresh_ws, fid), f"/crm/funnels/{fid}/custom-fields"


@pytest.mark.parametrize("case", VALID, ids=case_id)
def test_deal_create_put_and_patch_store_each_type(fresh_ws, funnel_kit, case):
    type_, config, sent, want = case
    _, sid, base = funnel_kit
    k = Kit(fresh_ws, base, type_, config)
    r = deal_post(fresh_ws, sid, {"title": "d", "customFields": {k.fid: k.sub(sent)}})
    assert r.status_code == 200, r.text
    d = r.json()["deal"]
    assert values(d)[k.fid] == k.sub(want)
    assert get_deal(fresh_ws, d["id"]) == d
    assert values(list_deals(fresh_ws, sid)[0])[k.fid] == k.sub(want)
    for method in ("put", "patch"):
        r = fresh_ws.request(method.upper(), f"/crm/deals/{d['id']}",
                             json={"customFields": {k.fid: None}})
        assert r.status_code == 200, r.text
        assert values(get_deal(fresh_ws, d["id"]))[k.fid] is None
        r = fresh_ws.request(method.upper(), f"/crm/deals/{d['id']}",
                             json={"customFields": {k.fid: k.sub(sent)}})
        assert r.status_code == 200, r.text
        assert values(get_deal(fresh_ws, d["id"]))[k.fid] == k.sub(want)


@pytest.mark.parametrize("case", INVALID, ids=case_id)
def test_deal_writes_refuse_a_bad_value(fresh_ws, funnel_kit, case):
    type_, config, sent = case
    _, sid, base = funnel_kit
    k = Kit(fresh_ws, base, type_, config)
    r = deal_post(fresh_ws, sid, {"title": "d", "customFields": {k.fid: k.sub(sent)}})
    assert_422_on(r, f"customFields.{k.fid}")
    assert list_deals(fresh_ws, sid) == []
    d = deal_post(fresh_ws, sid, {"title": "d"}).json()["deal"]
    for method in ("PUT", "PATCH"):
        r = fresh_ws.request(method, f"/crm/deals/{d['id']}",
                             json={"title": "changed", "customFields": {k.fid: k.sub(sent)}})
        assert_422_on(r, f"customFields.{k.fid}")
        assert get_deal(fresh_ws, d["id"]) == d


def test_funnel_fields_apply_to_that_funnels_deals_only(fresh_ws):
    api = fresh_ws
    f1, f2 = new_funnel(api)["id"], new_funnel(api)["id"]
    s1, s2 = first_status(api, f1), first_status(api, f2)
    c1 = new_field(api, f"/crm/funnels/{f1}/custom-fields", "text")["id"]
    c2 = new_field(api, f"/crm/funnels/{f2}/custom-fields", "text")["id"]
    tm = new_field(api, "/tm/custom-fields", "text")["id"]
    d = deal_post(api, s1, {"customFields": {c1: "one"}}).json()["deal"]
    assert values(d) == {c1: "one"}
    assert_422_on(deal_post(api, s1, {"customFields": {c2: "x"}}), f"customFields.{c2}")
    assert_422_on(deal_post(api, s1, {"customFields": {tm: "x"}}), f"customFields.{tm}")
    # moved to the other funnel: its fields apply, the old value waits
    r = api.put(f"/crm/deals/{d['id']}/funnel", json={"funnelId": f2})
    assert r.status_code == 200, r.text
    assert values(get_deal(api, d["id"])) == {c2: None}
    assert list_deals(api, s2)[0]["customFields"] == get_deal(api, d["id"])["customFields"]
    r = api.put(f"/crm/deals/{d['id']}/funnel", json={"funnelId": f1})
    assert r.status_code == 200, r.text
    assert values(get_deal(api, d["id"])) == {c1: "one"}


def test_deleting_a_deal_removes_its_values(server, fresh_ws, funnel_kit):
    _, sid, base = funnel_kit
    f = new_field(fresh_ws, base, "text")["id"]
    d = deal_post(fresh_ws, sid, {"customFields": {f: "v"}}).json()["deal"]
    count = f"SELECT COUNT(*) FROM custom_field_values WHERE field_id = '{f}'"
    assert int(sql(server, count)[0][0]) == 1
    assert fresh_ws.delete(f"/crm/deals/{d['id']}").status_code == 200
    assert int(sql(server, count)[0][0]) == 0


# ---- the deal-list filter ---------------------------------------------------------------------

def test_the_deal_list_filters_by_custom_field_values(fresh_ws, funnel_kit):
    api = fresh_ws
    _, sid, base = funnel_kit
    text = new_field(api, base, "text")["id"]
    num = new_field(api, base, "number", {"type": "number", "precision": 2})["id"]
    flag = new_field(api, base, "boolean", {"type": "checkbox"})["id"]
    sel = new_field(api, base, "select")["id"]
    multi = new_field(api, base, "multiselect")["id"]
    sa, sb = new_option(api, base, sel, "a"), new_option(api, base, sel, "b")
    ma, mb = new_option(api, base, multi, "a"), new_option(api, base, multi, "b")
    deal_post(api, sid, {"title": "one", "customFields": {text: "red", num: 1.5, flag: True,
                                                          sel: sa, multi: [ma, mb]}})
    deal_post(api, sid, {"title": "two", "customFields": {text: "blue", num: 2, flag: False,
                                                          sel: sb, multi: [mb]}})
    deal_post(api, sid, {"title": "three"})

    def titles(*pairs):
        params = {}
        for i, (fid, v) in enumerate(pairs):
            params[f"customFields[{i}][id]"] = fid
            params[f"customFields[{i}][value]"] = v
        return sorted(d["title"] for d in list_deals(api, sid, params))

    assert titles((text, "red")) == ["one"]
    assert titles((num, "1.50")) == ["one"]
    assert titles((num, "2")) == ["two"]
    assert titles((flag, "true")) == ["one"]
    assert titles((flag, "0")) == ["two"]
    assert titles((sel, sb)) == ["two"]
    assert titles((multi, mb)) == ["one", "two"]
    assert titles((multi, mb), (text, "blue")) == ["two"]
    assert titles((multi, ma), (text, "blue")) == []
    r = api.get(f"/crm/statuses/{sid}/deals",
                params={"customFields[0][id]": text, "customFields[0][value]": "red",
                        "sort": "-title"})
    assert [d["title"] for d in r.json()["deals"]] == ["one"]
    r = api.get(f"/crm/statuses/{sid}/deals",
                params={"customFields[0][id]": NOBODY, "customFields[0][value]": "x"})
    assert_422_on(r, "customFields.0.id")
    r = api.get(f"/crm/statuses/{sid}/deals", params={"customFields[3][id]": text})
    assert_422_on(r, "customFields.3.value")
    r = api.get(f"/crm/statuses/{sid}/deals",
                params={"customFields[0][id]": num, "customFields[0][value]": "many"})
    assert_422_on(r, "customFields.0.value")

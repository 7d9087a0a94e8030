"""Caps on child collections (issue 13 items 9 and 10). Every array in a body holds at most
20 items and a task or a deal at most 20 attachments; past a cap is a 422 before any item
is read (so a huge array costs a count, not a lookup per item), nothing is written, and the
routes that add one item cannot pass the cap either. A record filled to every cap still
reads back alone and in a page of 100 within the default request memory. An error body
lists at most 50 messages."""

import pytest

from weeekd_http import Api, assert_422, new_project, provision, store_sql, unique

from crm_util import first_status, new_funnel
from tasks_kit import column_ids, member_ids, new_board

CAP = 20
FILES_CAP = 20
PAGE = 100
NOBODY = "00000000-0000-4000-8000-{:012x}"


def too_many(field):
    return {field: [f"The {field} must not have more than {CAP} items."]}


def ok(r, key=None):
    assert r.status_code == 200, r.text[:300]
    return r.json()[key] if key else r.json()


@pytest.fixture
def full(fresh_ws, server):
    """A fresh workspace with CAP members, CAP tags, CAP organizations and contacts to link,
    and CAP task locations (a location names each project once)."""
    api = fresh_ws
    for i in range(CAP):
        provision(server.db, api.name, f"m{i}@caps.test", member=True)
    members = sorted(member_ids(api).values())
    assert len(members) == CAP + 1
    tags = [ok(api.post("/ws/tags", json={"title": f"t{i}"}), "tag")["id"] for i in range(CAP)]
    # full themselves, so that any page of contacts or organizations is full
    orgs = [ok(api.post("/crm/organizations", json={"name": f"o{i}", "emails": emails(CAP),
                                                    "phones": phones(CAP), "addresses": addresses(CAP)}),
               "organization")["id"] for i in range(CAP)]
    contacts = [ok(api.post("/crm/contacts", json={"firstName": f"c{i}", "emails": emails(CAP),
                                                   "phones": phones(CAP), "tags": tags}),
                   "contact")["id"] for i in range(CAP)]
    locations = []
    for _ in range(CAP):
        pid = new_project(api)
        bid = new_board(api, pid)
        locations.append({"projectId": pid, "boardId": bid,
                          "boardColumnId": column_ids(api, bid)[0]})
    return api, dict(members=members[:CAP], extra=members[CAP], tags=tags, orgs=orgs, contacts=contacts,
                     locations=locations)


def emails(n):
    return [f"e{i}@caps.test" for i in range(n)]


def phones(n):
    return [f"+7900000{i:04d}" for i in range(n)]


def addresses(n):
    return [f"street {i}" for i in range(n)]


def files(n):
    return [("files[]", (f"f{i}.txt", b"x")) for i in range(n)]


def test_a_record_filled_to_every_cap_reads_alone_and_in_a_page_of_100(full):
    api, ids = full
    contact = {"firstName": "full", "emails": emails(CAP), "phones": phones(CAP),
               "organizations": ids["orgs"], "tags": ids["tags"]}
    org = {"name": "full", "emails": emails(CAP), "phones": phones(CAP),
           "addresses": addresses(CAP), "contacts": ids["contacts"],
           "responsibles": ids["members"], "tags": ids["tags"]}
    task = {"title": "full", "assignees": ids["members"], "tags": ids["tags"],
            "locations": ids["locations"]}
    sid = first_status(api, new_funnel(api)["id"])
    deal = {"title": "full", "assignees": ids["members"], "contacts": ids["contacts"],
            "organizations": ids["orgs"], "tags": ids["tags"]}
    made = {"contact": [], "organization": [], "task": [], "deal": []}
    for _ in range(PAGE):
        made["contact"].append(ok(api.post("/crm/contacts", json=contact), "contact")["id"])
        made["organization"].append(
            ok(api.post("/crm/organizations", json=org), "organization")["id"])
        t = ok(api.post("/tm/tasks", json=task), "task")["id"]
        ok(api.post(f"/tm/tasks/{t}/attachments", files=files(FILES_CAP)))
        ok(api.post(f"/tm/tasks/{t}/watchers", json={"watchers": ids["members"]}))
        made["task"].append(t)
        d = ok(api.post(f"/crm/statuses/{sid}/deals", json=deal), "deal")["id"]
        ok(api.post(f"/crm/deals/{d}/attachments", files=files(FILES_CAP)))
        made["deal"].append(d)

    c = ok(api.get(f"/crm/contacts/{made['contact'][0]}"), "contact")
    assert len(c["emails"]) == len(c["phones"]) == len(c["organizations"]) == CAP
    o = ok(api.get(f"/crm/organizations/{made['organization'][0]}"), "organization")
    assert len(o["addresses"]) == len(o["contacts"]) == len(o["tags"]) == CAP
    t = ok(api.get(f"/tm/tasks/{made['task'][0]}"), "task")
    assert len(t["attachments"]) == len(t["locations"]) == len(t["assignees"]) == CAP
    d = ok(api.get(f"/crm/deals/{made['deal'][0]}"), "deal")
    assert len(d["attachments"]) == len(d["contacts"]) == len(d["assignees"]) == CAP

    contacts = ok(api.get("/crm/contacts", params={"limit": PAGE}), "contacts")
    assert sum(len(x["emails"]) == CAP for x in contacts) == PAGE
    orgs = ok(api.get("/crm/organizations", params={"limit": PAGE}), "organizations")
    assert sum(len(x["addresses"]) == CAP for x in orgs) == PAGE
    tasks = ok(api.get("/tm/tasks", params={"perPage": PAGE}), "tasks")
    assert sum(len(x["attachments"]) == CAP for x in tasks) == PAGE
    deals = ok(api.get(f"/crm/statuses/{sid}/deals", params={"limit": PAGE}), "deals")
    assert sum(len(x["attachments"]) == CAP for x in deals) == PAGE
    # a write answers the full record too
    ok(api.put(f"/tm/tasks/{made['task'][0]}", json={"title": "again"}))


BODIES = [
    ("/crm/contacts", {"firstName": "x"}, "emails", emails),
    ("/crm/contacts", {"firstName": "x"}, "phones", phones),
    ("/crm/organizations", {"name": "x"}, "addresses", lambda n: [f"a{i}" for i in range(n)]),
    ("/crm/organizations", {"name": "x"}, "emails", emails),
    ("/crm/organizations", {"name": "x"}, "contacts",
     lambda n: [NOBODY.format(i) for i in range(n)]),
    ("/crm/organizations", {"name": "x"}, "responsibles",
     lambda n: [NOBODY.format(i) for i in range(n)]),
    ("/crm/organizations", {"name": "x"}, "tags", lambda n: list(range(1, n + 1))),
    ("/tm/tasks", {"title": "x"}, "assignees", lambda n: [NOBODY.format(i) for i in range(n)]),
    ("/tm/tasks", {"title": "x"}, "tags", lambda n: list(range(1, n + 1))),
    ("/tm/tasks", {"title": "x"}, "locations", lambda n: [{"projectId": 1}] * n),
]


@pytest.mark.parametrize("path,body,field,items", BODIES,
                         ids=[f"{p}-{f}" for p, _, f, _ in BODIES])
def test_one_item_past_a_cap_is_422_and_writes_nothing(fresh_ws, path, body, field, items):
    api = fresh_ws
    key = path.rsplit("/", 1)[1]
    before = len(ok(api.get(path, params={"perPage" if key == "tasks" else "limit": PAGE}),
                    key))
    assert_422(api.post(path, json={**body, field: items(CAP + 1)}), too_many(field))
    after = ok(api.get(path, params={"perPage" if key == "tasks" else "limit": PAGE}), key)
    assert len(after) == before


def test_deal_links_past_the_cap_are_422(fresh_ws):
    api = fresh_ws
    sid = first_status(api, new_funnel(api)["id"])
    for field in ("assignees", "contacts", "organizations"):
        assert_422(api.post(f"/crm/statuses/{sid}/deals",
                            json={field: [NOBODY.format(i) for i in range(CAP + 1)]}),
                   too_many(field))
    assert ok(api.get(f"/crm/statuses/{sid}/deals"), "deals") == []


@pytest.mark.parametrize("path,body,field", [
    ("/crm/organizations", {"name": "x"}, "addresses"),
    ("/crm/contacts", {"firstName": "x"}, "emails"),
    ("/tm/tasks", {"title": "x"}, "locations"),
    ("/crm/organizations", {"name": "x"}, "contacts"),
])
def test_a_huge_array_is_one_small_422_about_its_size(api, path, body, field):
    items = ([{"projectId": 1}] * 10000 if field == "locations"
             else [NOBODY.format(i) for i in range(10000)] if field == "contacts"
             else [f"a{i}@x.y" for i in range(10000)])
    r = api.post(path, json={**body, field: items})
    assert_422(r, too_many(field))
    assert len(r.content) < 1000


def test_an_error_body_lists_at_most_50_messages(api):
    r = api.post("/tm/tasks", json={"title": "x", "assignees": ["bad"] * CAP,
                                    "tags": ["bad"] * CAP, "locations": ["bad"] * CAP})
    assert r.status_code == 422, r.text
    errors = r.json()["errors"]
    assert sum(len(v) for v in errors.values()) == 50
    assert len(r.content) < 8000


def test_adding_one_past_a_cap_is_422(full):
    api, ids = full
    c = ok(api.post("/crm/contacts", json={"firstName": "x", "emails": emails(CAP)}),
           "contact")["id"]
    assert_422(api.post(f"/crm/contacts/{c}/emails", json={"email": "more@caps.test"}),
               {"email": [f"The emails must not have more than {CAP} items."]})
    o = ok(api.post("/crm/organizations", json={"name": "x", "addresses": ["a"] * CAP}),
           "organization")["id"]
    assert_422(api.post(f"/crm/organizations/{o}/addresses", json={"address": "b"}),
               {"address": [f"The addresses must not have more than {CAP} items."]})
    assert len(ok(api.get(f"/crm/organizations/{o}"), "organization")["addresses"]) == CAP

    t = ok(api.post("/tm/tasks", json={"title": "x", "assignees": ids["members"][:CAP - 1]}),
           "task")["id"]
    ok(api.post(f"/tm/tasks/{t}/attachments", files=files(FILES_CAP - 1)))
    ok(api.post(f"/tm/tasks/{t}/attachments", files=files(1)))
    assert_422(api.post(f"/tm/tasks/{t}/attachments", files=files(1)),
               {"files": [f"The attachments must not have more than {FILES_CAP} items."]})
    assert len(ok(api.get(f"/tm/tasks/{t}"), "task")["attachments"]) == FILES_CAP
    # already there does not count again; one new is the twentieth; one more is past the cap
    ok(api.post(f"/tm/tasks/{t}/assignees", json={"assignees": ids["members"]}))
    assert_422(api.post(f"/tm/tasks/{t}/assignees", json={"assignees": [ids["extra"]]}),
               {"assignees": [f"The assignees must not have more than {CAP} items."]})

    sid = first_status(api, new_funnel(api)["id"])
    d = ok(api.post(f"/crm/statuses/{sid}/deals", json={"title": "x"}), "deal")["id"]
    ok(api.post(f"/crm/deals/{d}/attachments", files=files(FILES_CAP)))
    assert_422(api.post(f"/crm/deals/{d}/attachments", files=files(1)),
               {"files": [f"The attachments must not have more than {FILES_CAP} items."]})


def test_linking_one_past_a_cap_is_422_and_relinking_is_still_fine(full):
    api, ids = full
    tag = ok(api.post("/ws/tags", json={"title": "one more"}), "tag")["id"]
    contact = ok(api.post("/crm/contacts", json={"firstName": "one more"}), "contact")["id"]
    org = ok(api.post("/crm/organizations", json={"name": "x", "contacts": ids["contacts"],
                                                   "tags": ids["tags"]}), "organization")["id"]
    assert_422(api.post(f"/crm/organizations/{org}/contacts", json={"contactId": contact}),
               {"contactId": [f"The contacts must not have more than {CAP} items."]})
    assert_422(api.post(f"/crm/organizations/{org}/tags", json={"tagId": tag}),
               {"tagId": [f"The tags must not have more than {CAP} items."]})
    ok(api.post(f"/crm/organizations/{org}/contacts", json={"contactId": ids["contacts"][0]}))
    # the other side of the link has a cap too: a contact in CAP organizations
    busy = ok(api.post("/crm/contacts", json={"firstName": "x", "organizations": ids["orgs"],
                                              "tags": ids["tags"]}), "contact")["id"]
    free = ok(api.post("/crm/organizations", json={"name": "free"}), "organization")["id"]
    assert_422(api.post(f"/crm/organizations/{free}/contacts", json={"contactId": busy}),
               {"contactId": [f"The organizations must not have more than {CAP} items."]})
    assert_422(api.post(f"/crm/contacts/{busy}/tags", json={"tagId": tag}),
               {"tagId": [f"The tags must not have more than {CAP} items."]})
    assert ok(api.get(f"/crm/organizations/{free}"), "organization")["contacts"] == []

    sid = first_status(api, new_funnel(api)["id"])
    d = ok(api.post(f"/crm/statuses/{sid}/deals",
                    json={"contacts": ids["contacts"], "tags": ids["tags"],
                          "assignees": ids["members"]}), "deal")["id"]
    assert_422(api.post(f"/crm/deals/{d}/contacts", json={"contactId": contact}),
               {"contactId": [f"The contacts must not have more than {CAP} items."]})
    assert_422(api.post(f"/crm/deals/{d}/tags", json={"tag": tag}),
               {"tag": [f"The tags must not have more than {CAP} items."]})
    assert_422(api.post(f"/crm/deals/{d}/assignees", json={"assigneeId": ids["extra"]}),
               {"assigneeId": [f"The assignees must not have more than {CAP} items."]})
    ok(api.post(f"/crm/deals/{d}/tags", json={"tag": ids["tags"][0]}))
    assert len(ok(api.get(f"/crm/deals/{d}"), "deal")["contacts"]) == CAP


def test_a_task_takes_20_subtasks_and_the_21st_is_422(fresh_ws):
    api = fresh_ws
    parent = ok(api.post("/tm/tasks", json={"title": "parent"}), "task")["id"]
    for i in range(CAP):
        ok(api.post("/tm/tasks", json={"title": f"s{i}", "parentId": parent}))
    assert_422(api.post("/tm/tasks", json={"title": "one more", "parentId": parent}),
               {"parentId": [f"The subtasks must not have more than {CAP} items."]})
    assert len(ok(api.get(f"/tm/tasks/{parent}"), "task")["subTasks"]) == CAP
    titles = [t["title"] for t in ok(api.get("/tm/tasks", params={"perPage": PAGE}), "tasks")]
    assert "one more" not in titles


def test_a_deal_takes_20_tasks_and_the_21st_is_422(fresh_ws):
    api = fresh_ws
    sid = first_status(api, new_funnel(api)["id"])
    d = ok(api.post(f"/crm/statuses/{sid}/deals", json={"title": "x"}), "deal")["id"]
    for i in range(CAP):
        ok(api.post(f"/crm/deals/{d}/tasks", json={"title": f"t{i}"}))
    assert_422(api.post(f"/crm/deals/{d}/tasks", json={"title": "one more"}),
               {"tasks": [f"The tasks must not have more than {CAP} items."]})
    assert len(ok(api.get(f"/crm/deals/{d}"), "deal")["tasks"]) == CAP
    titles = [t["title"] for t in ok(api.get("/tm/tasks", params={"perPage": PAGE}), "tasks")]
    assert "one more" not in titles and len(titles) == CAP


def test_a_field_takes_20_options_and_the_21st_is_422(fresh_ws):
    api = fresh_ws
    f = ok(api.post("/tm/custom-fields", json={"name": "f", "type": "select"}), "customField")["id"]
    for i in range(CAP):
        ok(api.post(f"/tm/custom-fields/{f}/options", json={"name": f"o{i}", "color": "blue"}))
    assert_422(api.post(f"/tm/custom-fields/{f}/options", json={"name": "more", "color": "blue"}),
               {"options": [f"The options must not have more than {CAP} items."]})
    fields = ok(api.get("/tm/custom-fields"), "data")
    assert [len(x["options"]) for x in fields if x["id"] == f] == [CAP]


FIELDS_CAP = 20  # CF_FIELDS_MAX
TOO_MANY_FIELDS = {"customFields": [f"The custom fields must not have more than {FIELDS_CAP} items."]}


def own_ws(server):
    """Another brand-new workspace (as conftest's fresh_ws)."""
    name = unique("ws")
    return Api(server.base, provision(server.db, name, "owner@other.test"), name=name,
               email="owner@other.test")


def new_field(api, base, name="f"):
    return ok(api.post(base, json={"name": name, "type": "text"}), "customField")["id"]


def tm_field_ids(server, api):
    """Every task-manager field (global, project, board) of api's workspace, from the store."""
    return sorted(r[0] for r in store_sql(
        server.db, "SELECT f.id FROM custom_fields f JOIN workspaces w ON w.id = f.ws_id "
                   f"WHERE w.title = '{api.name}' AND f.scope <> 'funnel'"))


def test_the_task_manager_takes_20_fields_in_all_its_scopes_and_the_21st_is_422(fresh_ws, server):
    api = fresh_ws
    p1, p2 = new_project(api), new_project(api)
    b1 = new_board(api, p1)
    bases = ["/tm/custom-fields", f"/tm/projects/{p1}/custom-fields",
             f"/tm/boards/{b1}/custom-fields"]
    for i in range(FIELDS_CAP):
        new_field(api, bases[i % 3], f"f{i}")
    made = tm_field_ids(server, api)
    assert len(made) == FIELDS_CAP
    # the cap is the workspace's, whichever owner would take the 21st: a field of every
    # project and board a task is in applies to it
    for base in bases + [f"/tm/projects/{p2}/custom-fields",
                         f"/tm/boards/{new_board(api, p2)}/custom-fields"]:
        assert_422(api.post(base, json={"name": "one more", "type": "select"}), TOO_MANY_FIELDS)
    assert tm_field_ids(server, api) == made
    # a funnel's fields are counted per funnel, apart from the task manager's
    new_field(api, f"/crm/funnels/{new_funnel(api)['id']}/custom-fields")
    # another workspace is not affected
    other = own_ws(server)
    try:
        new_field(other, "/tm/custom-fields")
    finally:
        other.close()
    # deleting one makes room for one
    assert ok(api.delete(f"/tm/custom-fields/{ok(api.get('/tm/custom-fields'), 'data')[0]['id']}"))
    new_field(api, bases[1], "again")
    assert_422(api.post(bases[0], json={"type": "text"}), TOO_MANY_FIELDS)


def test_a_transfer_at_the_cap_moves_the_field_and_counts_it_once(fresh_ws, server):
    api = fresh_ws
    pid = new_project(api)
    bid = new_board(api, pid)
    for i in range(FIELDS_CAP):
        new_field(api, "/tm/custom-fields", f"f{i}")
    fid = ok(api.get("/tm/custom-fields"), "data")[0]["id"]
    ok(api.post(f"/tm/custom-fields/{fid}/transfer-to-project", json={"projectId": pid}))
    ok(api.post(f"/tm/projects/{pid}/custom-fields/{fid}/transfer-to-board",
                json={"boardId": bid}))
    ok(api.post(f"/tm/boards/{bid}/custom-fields/{fid}/transfer-to-task-manager"))
    assert len(tm_field_ids(server, api)) == FIELDS_CAP
    assert_422(api.post(f"/tm/boards/{bid}/custom-fields", json={"type": "text"}),
               TOO_MANY_FIELDS)


def test_a_funnel_takes_20_fields_and_the_21st_is_422(fresh_ws):
    api = fresh_ws
    base = f"/crm/funnels/{new_funnel(api)['id']}/custom-fields"
    for i in range(FIELDS_CAP):
        new_field(api, base, f"f{i}")
    assert_422(api.post(base, json={"name": "one more", "type": "member"}), TOO_MANY_FIELDS)
    status = first_status(api, base.split("/")[3])
    deal = ok(api.post(f"/crm/statuses/{status}/deals", json={"title": "d"}), "deal")
    assert len(deal["customFields"]) == FIELDS_CAP
    # another funnel and the task manager have room of their own
    new_field(api, f"/crm/funnels/{new_funnel(api)['id']}/custom-fields")
    new_field(api, "/tm/custom-fields")


def test_a_records_values_together_take_at_most_131072_bytes_and_nothing_past_is_stored(
        fresh_ws):
    api = fresh_ws
    base = f"/crm/funnels/{new_funnel(api)['id']}/custom-fields"
    texts = [new_field(api, "/tm/custom-fields", f"t{i}") for i in range(3)]
    deal_texts = [new_field(api, base, f"t{i}") for i in range(2)]
    # a value is stored as its JSON string: 32,767 "é" take 65,536 bytes, two the whole cap
    half = "é" * 32767
    tid = ok(api.post("/tm/tasks", json={"title": "t", "customFields": {
        texts[0]: half, texts[1]: half}}), "task")["id"]
    over = {"customFields": ["The custom fields must not be greater than 131072 bytes in total."]}
    assert_422(api.put(f"/tm/tasks/{tid}", json={"title": "renamed",
                                                  "customFields": {texts[2]: "x"}}), over)
    t = ok(api.get(f"/tm/tasks/{tid}"), "task")
    assert t["title"] == "t" and {f["id"]: f["value"] for f in t["customFields"]}[texts[2]] is None
    # a value replaced counts once; a value cleared frees its bytes
    ok(api.put(f"/tm/tasks/{tid}", json={"customFields": {texts[1]: "y" * 65534}}))
    ok(api.put(f"/tm/tasks/{tid}", json={"customFields": {texts[0]: None, texts[2]: "z" * 65534}}))
    assert_422(api.post("/tm/tasks", json={"title": "new", "customFields": {
        texts[0]: half, texts[1]: half, texts[2]: "x"}}), over)
    assert [x["title"] for x in ok(api.get("/tm/tasks"), "tasks")] == ["t"]
    status = first_status(api, base.split("/")[3])
    assert_422(api.post(f"/crm/statuses/{status}/deals", json={"title": "d", "customFields": {
        deal_texts[0]: half, deal_texts[1]: "x" * 65535}}), over)
    assert ok(api.get(f"/crm/statuses/{status}/deals"), "deals") == []


def test_a_task_takes_20_locations_and_a_21st_project_is_422(full):
    api, ids = full
    t = ok(api.post("/tm/tasks", json={"title": "x", "locations": ids["locations"]}), "task")["id"]
    extra = new_project(api)
    assert_422(api.post(f"/tm/tasks/{t}/locations", json={"projectId": extra}),
               {"projectId": [f"The locations must not have more than {CAP} items."]})
    # moving within a project it is in already is no new location
    first = ids["locations"][0]
    r = api.post(f"/tm/tasks/{t}/locations",
                 json={"projectId": first["projectId"], "boardColumnId": None}, check_ct=False)
    assert r.status_code == 204, r.text
    assert len(ok(api.get(f"/tm/tasks/{t}"), "task")["locations"]) == CAP


def test_a_task_takes_20_time_entries_and_neither_a_21st_nor_a_timer_past_them(full):
    api, ids = full
    t = ok(api.post("/tm/tasks", json={"title": "x"}), "task")["id"]
    entry = {"userId": ids["members"][0], "date": "2026-12-01", "duration": 30,
             "isOvertime": False}
    for _ in range(CAP):
        ok(api.post(f"/tm/tasks/{t}/time-entries", json=entry))
    msg = [f"The time entries must not have more than {CAP} items."]
    assert_422(api.post(f"/tm/tasks/{t}/time-entries", json=entry), {"timeEntries": msg})
    assert_422(api.post(f"/tm/tasks/{t}/start-timer"), {"timer": msg})
    assert len(ok(api.get(f"/tm/tasks/{t}"), "task")["timeEntries"]) == CAP


def test_a_member_value_of_21_ids_is_422_before_any_lookup(fresh_ws):
    api = fresh_ws
    f = ok(api.post("/tm/custom-fields", json={"name": "who", "type": "member"}),
           "customField")["id"]
    t = ok(api.post("/tm/tasks", json={"title": "x"}), "task")["id"]
    r = api.put(f"/tm/tasks/{t}", json={"customFields": {f: [NOBODY.format(i)
                                                             for i in range(CAP + 1)]}})
    assert r.status_code == 422, r.text
    assert list(r.json()["errors"]) == [f"customFields.{f}"]
    assert "must not have more than 20 items" in r.json()["errors"][f"customFields.{f}"][0]


@pytest.mark.parametrize("text", ["é" * 32768, '"' * 32768, "\u0001" * 10923],
                         ids=["two-byte", "quote", "control"])
def test_a_long_text_is_bounded_in_bytes_as_json(fresh_ws, text):
    api = fresh_ws
    sid = first_status(api, new_funnel(api)["id"])
    too_big = {"description": ["The description must not be greater than 65535 bytes."]}
    assert_422(api.post(f"/crm/statuses/{sid}/deals", json={"title": "x", "description": text}),
               too_big)
    assert_422(api.post("/tm/tasks", json={"title": "x", "description": text}), too_big)
    ok(api.post(f"/crm/statuses/{sid}/deals", json={"title": "x", "description": text[1:]}))


def test_a_task_description_is_bounded_as_the_html_it_is_kept_as(fresh_ws):
    api = fresh_ws
    too_big = {"description": ["The description must not be greater than 65535 bytes."]}
    # plain text is kept as one escaped paragraph: 13107 '&' are 65535 bytes of '&amp;'
    assert_422(api.post("/tm/tasks", json={"description": "&" * 13107}), too_big)
    html = "<p>" + "x" * 65528 + "</p>"
    assert ok(api.post("/tm/tasks", json={"description": html}), "task")["description"] == html


def test_a_full_parent_takes_no_subtask_by_moving_either(fresh_ws):
    api = fresh_ws
    parent = ok(api.post("/tm/tasks", json={"title": "parent"}), "task")["id"]
    kids = [ok(api.post("/tm/tasks", json={"title": f"s{i}", "parentId": parent}), "task")["id"]
            for i in range(CAP)]
    other = ok(api.post("/tm/tasks", json={"title": "other"}), "task")["id"]
    assert_422(api.post(f"/tm/tasks/{other}/parent", json={"parentId": parent}),
               {"parentId": [f"The subtasks must not have more than {CAP} items."]})
    # one of its own subtasks moving among its siblings is no new one
    ok(api.post(f"/tm/tasks/{kids[0]}/parent", json={"parentId": parent, "after": kids[-1]}))
    assert len(ok(api.get(f"/tm/tasks/{parent}"), "task")["subTasks"]) == CAP


def test_subscribing_one_watcher_past_the_cap_is_422(full):
    api, ids = full
    t = ok(api.post("/tm/tasks", json={"title": "x"}), "task")["id"]
    ok(api.post(f"/tm/tasks/{t}/watchers", json={"watchers": ids["members"]}))
    assert_422(api.post(f"/tm/tasks/{t}/subscribe", json={"userId": ids["extra"]}),
               {"userId": [f"The watchers must not have more than {CAP} items."]})
    ok(api.post(f"/tm/tasks/{t}/subscribe", json={"userId": ids["members"][0]}))
    assert len(ok(api.get(f"/tm/tasks/{t}"), "task")["subscribers"]) == CAP

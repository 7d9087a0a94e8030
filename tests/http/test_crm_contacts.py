"""/crm/contacts: list (search, organizationIds[], sort, limit/offset with hasMore), create
(firstName required), get, update (partial; arrays sent replace; lastName/middleName null
clears), delete; emails and phones; tag links. A contact's `organizations` are the
organization <-> contact links made from either side. Not found is 404 "Record not found"
for every method; another workspace's ids are missing in paths and invalid in bodies
(src/api/crm/crm_contacts.c, crm_items.c, crm_links.c; docs/internals/crm.md)."""
import time
import uuid

import pytest

from weeekd_http import (OPTIONAL_BODIES, OPTIONAL_BODY_IDS, REQUIRED, TIME_RE, UUID_RE, assert_404,
                         assert_422, assert_bare_success, assert_envelope, validate_success)

KEYS = {"id", "creatorId", "lastName", "firstName", "middleName", "organizations", "emails",
        "phones", "tags", "createdAt", "updatedAt"}
BAD_PATH_IDS = ["not-a-uuid", "123", str(uuid.uuid4()), "0" * 36]


def create(api, first="Ada", **fields):
    r = api.post("/crm/contacts", json={"firstName": first, **fields})
    return assert_envelope("POST", "/crm/contacts", r)["contact"]


def get(api, cid):
    return assert_envelope("GET", "/crm/contacts/{id}", api.get(f"/crm/contacts/{cid}"))["contact"]


def update(api, cid, **body):
    r = api.put(f"/crm/contacts/{cid}", json=body)
    return assert_envelope("PUT", "/crm/contacts/{id}", r)["contact"]


def listing(api, **params):
    r = api.get("/crm/contacts", params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"success", "contacts", "hasMore"}, body
    assert body["success"] is True and isinstance(body["hasMore"], bool)
    validate_success("GET", "/crm/contacts", body)
    return body


def firsts(api, **params):
    return [c["firstName"] for c in listing(api, **params)["contacts"]]


def new_org(api, name="Org", **fields):
    r = api.post("/crm/organizations", json={"name": name, **fields})
    assert r.status_code == 200, r.text
    return r.json()["organization"]["id"]


def get_org(api, oid):
    r = api.get(f"/crm/organizations/{oid}")
    assert r.status_code == 200, r.text
    return r.json()["organization"]


def values(items, key):
    return [i[key] for i in items]


# ---- create / get ----------------------------------------------------------------------------

def test_contact_list_of_a_fresh_workspace_is_empty_without_more(fresh_ws):
    assert listing(fresh_ws) == {"success": True, "contacts": [], "hasMore": False}


def test_create_contact_with_a_first_name_only(api):
    c = create(api, "Grace")
    assert set(c) == KEYS
    assert UUID_RE.match(c["id"])
    assert c["creatorId"] == api.get("/user/me").json()["user"]["id"]
    assert c["firstName"] == "Grace" and c["lastName"] is None and c["middleName"] is None
    for key in ("organizations", "emails", "phones", "tags"):
        assert c[key] == []
    assert TIME_RE.match(c["createdAt"]) and c["updatedAt"] == c["createdAt"]


def test_create_contact_with_everything(api):
    o1, o2 = new_org(api, "o1"), new_org(api, "o2")
    t1 = api.create_tag("ct")["id"]
    c = create(api, "Иван", lastName="Петров", middleName="Сергеевич", organizations=[o2, o1],
               emails=["ivan@corp.ru", "i@p.io"], phones=["+7 (900) 123-45-67"], tags=[t1])
    assert (c["firstName"], c["lastName"], c["middleName"]) == ("Иван", "Петров", "Сергеевич")
    assert c["organizations"] == [o2, o1] and c["tags"] == [t1]
    assert values(c["emails"], "email") == ["ivan@corp.ru", "i@p.io"]
    assert values(c["phones"], "phone") == ["+7 (900) 123-45-67"]
    assert all(UUID_RE.match(i["id"]) for i in c["emails"] + c["phones"])
    assert get(api, c["id"]) == c
    assert get_org(api, o1)["contacts"] == [c["id"]]


@pytest.mark.parametrize("name", ["Ёжик", "李小龙", "Zoë 🙂", "O'Brien-Smith", "Я" * 255],
                         ids=["cyrillic", "cjk", "emoji", "punctuation", "255"])
def test_contact_names_are_kept_exactly(api, name):
    c = create(api, name, lastName=name, middleName=name)
    assert c["firstName"] == c["lastName"] == c["middleName"] == name
    assert get(api, c["id"]) == c


@pytest.mark.parametrize("field", ["firstName", "lastName", "middleName"])
def test_contact_name_of_256_characters_is_422(api, field):
    body = {"firstName": "x", field: "ж" * 256}
    attr = {"firstName": "first name", "lastName": "last name", "middleName": "middle name"}
    assert_422(api.post("/crm/contacts", json=body),
               {field: [f"The {attr[field]} must not be greater than 255 characters."]})


@pytest.mark.parametrize("body", [{}, {"firstName": None}, {"firstName": " "},
                                  {"lastName": "Only"}],
                         ids=["missing", "null", "blank", "last-only"])
def test_create_contact_without_first_name_is_422_required(api, body):
    assert_422(api.post("/crm/contacts", json=body), {"firstName": [REQUIRED]})


@pytest.mark.parametrize("body", OPTIONAL_BODIES, ids=OPTIONAL_BODY_IDS)
def test_create_contact_with_an_empty_body_is_422_required(api, body):
    r = api.post("/crm/contacts", data=body, headers={"Content-Type": "application/json"})
    assert_422(r, {"firstName": [REQUIRED]})


def test_create_contact_with_the_2023_body_is_422_as_live(api):
    r = api.post("/crm/contacts", json={"name": "Old Style", "phone": "1", "email": "a@b.io",
                                        "organizationId": str(uuid.uuid4())})
    assert_422(r, {"firstName": [REQUIRED]})


def test_create_contact_validates_every_list(api, api_b):
    b_org, b_tag = new_org(api_b, "B"), api_b.create_tag("B")["id"]
    r = api.post("/crm/contacts", json={
        "firstName": 5, "lastName": ["x"], "emails": ["a@b.io", "broken"],
        "phones": ["+1", "letters"], "organizations": [b_org], "tags": [b_tag]})
    assert_422(r, {"firstName": ["The first name must be a string."],
                   "lastName": ["The last name must be a string."],
                   "emails.1": ["The emails.1 must be a valid email address."],
                   "phones.1": ["The phones.1 format is invalid."],
                   "organizations.0": ["The selected organizations.0 is invalid."],
                   "tags.0": ["The selected tags.0 is invalid."]})


@pytest.mark.parametrize("key", ["organizations", "emails", "phones", "tags"])
def test_create_contact_lists_may_be_null(api, key):
    assert create(api, **{key: None})[key] == []


@pytest.mark.parametrize("empty", [None, ""], ids=["null", "empty-string"])
def test_update_contact_null_or_empty_string_clears_a_list(api, empty):
    oid, tag = new_org(api), api.create_tag("clr")["id"]
    c = create(api, organizations=[oid], emails=["a@b.io"], phones=["1"], tags=[tag])
    u = update(api, c["id"], organizations=empty, emails=empty, phones=empty, tags=empty)
    assert (u["organizations"], u["emails"], u["phones"], u["tags"]) == ([], [], [], [])


def test_create_contact_is_lenient_about_forms(api):
    oid, tag = new_org(api), api.create_tag("len")["id"]
    c = create(api, "  Spaces  ", lastName="", organizations=[oid.upper(), oid],
               tags=[str(tag)], phones=[88005553535])
    assert c["firstName"] == "Spaces" and c["lastName"] is None
    assert c["organizations"] == [oid] and c["tags"] == [tag]
    assert values(c["phones"], "phone") == ["88005553535"]


# ---- not found ---------------------------------------------------------------------------------

@pytest.mark.parametrize("cid", BAD_PATH_IDS)
def test_missing_contact_is_404_record_not_found_for_every_method(api, cid):
    tag = api.create_tag("nf")["id"]
    assert_404(api.get(f"/crm/contacts/{cid}"))
    assert_404(api.put(f"/crm/contacts/{cid}", json={"firstName": "x"}))
    assert_404(api.delete(f"/crm/contacts/{cid}"))
    for sub, body in (("emails", {"email": "a@b.io"}), ("phones", {"phone": "1"})):
        assert_404(api.post(f"/crm/contacts/{cid}/{sub}", json=body))
        assert_404(api.put(f"/crm/contacts/{cid}/{sub}/{uuid.uuid4()}", json=body))
        assert_404(api.delete(f"/crm/contacts/{cid}/{sub}/{uuid.uuid4()}"))
    assert_404(api.post(f"/crm/contacts/{cid}/tags", json={"tagId": tag}))
    assert_404(api.delete(f"/crm/contacts/{cid}/tags", json={"tagId": tag}))


# ---- update ------------------------------------------------------------------------------------

@pytest.mark.parametrize("body", OPTIONAL_BODIES, ids=OPTIONAL_BODY_IDS)
def test_update_contact_with_an_empty_body_changes_nothing(api, body):
    c = create(api, "Keep", lastName="Me", emails=["a@b.io"])
    r = api.put(f"/crm/contacts/{c['id']}", data=body,
                headers={"Content-Type": "application/json"})
    got = assert_envelope("PUT", "/crm/contacts/{id}", r)["contact"]
    assert {k: v for k, v in got.items() if k != "updatedAt"} == {
        k: v for k, v in c.items() if k != "updatedAt"}


def test_update_contact_is_partial(api):
    oid, tag = new_org(api), api.create_tag("p")["id"]
    c = create(api, "First", lastName="Last", middleName="Mid", organizations=[oid],
               emails=["a@b.io"], phones=["1"], tags=[tag])
    u = update(api, c["id"], lastName="Новая")
    assert u["lastName"] == "Новая"
    for key in KEYS - {"lastName", "updatedAt"}:
        assert u[key] == c[key], key
    u = update(api, c["id"], firstName="Second", middleName=None)
    assert (u["firstName"], u["lastName"], u["middleName"]) == ("Second", "Новая", None)
    assert get(api, c["id"]) == u


def test_update_contact_arrays_replace_the_sets(api):
    o1, o2 = new_org(api, "o1"), new_org(api, "o2")
    t1, t2 = api.create_tag("u1")["id"], api.create_tag("u2")["id"]
    c = create(api, organizations=[o1], emails=["a@b.io"], phones=["1"], tags=[t1])
    u = update(api, c["id"], organizations=[o2], emails=[], phones=None, tags=[t2, t1])
    assert u["organizations"] == [o2] and u["emails"] == [] and u["phones"] == []
    assert u["tags"] == [t2, t1]
    assert get_org(api, o1)["contacts"] == [] and get_org(api, o2)["contacts"] == [c["id"]]


def test_update_contact_keeps_the_ids_of_values_sent_again(api):
    c = create(api, emails=["a@b.io", "c@d.io"], phones=["1"])
    u = update(api, c["id"], emails=[e["email"] for e in c["emails"]], phones=["1", "2"])
    assert u["emails"] == c["emails"]
    assert u["phones"][0] == c["phones"][0] and u["phones"][1]["phone"] == "2"


@pytest.mark.parametrize("value", [None, "", "  "], ids=["null", "empty", "blank"])
def test_update_contact_first_name_cannot_be_cleared(api, value):
    c = create(api, "Stays")
    assert_422(api.put(f"/crm/contacts/{c['id']}", json={"firstName": value}),
               {"firstName": [REQUIRED]})
    assert get(api, c["id"]) == c


def test_failed_contact_update_changes_nothing(api):
    c = create(api, "Stays", emails=["a@b.io"])
    assert_422(api.put(f"/crm/contacts/{c['id']}",
                       json={"firstName": "Changed", "emails": ["nope"]}),
               {"emails.0": ["The emails.0 must be a valid email address."]})
    assert get(api, c["id"]) == c


# ---- delete ------------------------------------------------------------------------------------

def test_delete_contact_removes_it_and_its_links(api):
    oid = new_org(api)
    c = create(api, organizations=[oid], phones=["1"])
    assert_bare_success("DELETE", "/crm/contacts/{id}", api.delete(f"/crm/contacts/{c['id']}"))
    assert_404(api.get(f"/crm/contacts/{c['id']}"))
    assert_404(api.delete(f"/crm/contacts/{c['id']}"))
    assert get_org(api, oid)["contacts"] == []


# ---- emails and phones -------------------------------------------------------------------------

@pytest.mark.parametrize("sub,key,first,second,param", [
    ("emails", "email", "one@x.io", "two@x.io", "contactId"),
    ("phones", "phone", "+44 20 7946 0000", "8-800-555", "contactsId")], ids=["emails", "phones"])
def test_contact_sub_object_create_update_delete(api, sub, key, first, second, param):
    c = create(api)
    base = f"/crm/contacts/{c['id']}/{sub}"
    item = assert_envelope("POST", f"/crm/contacts/{{}}/{sub}",
                           api.post(base, json={key: first}))[key]
    assert set(item) == {"id", key} and item[key] == first and UUID_RE.match(item["id"])
    changed = assert_envelope("PUT", f"/crm/contacts/{{}}/{sub}/{{}}",
                              api.put(f"{base}/{item['id']}", json={key: second}))[key]
    assert changed == {"id": item["id"], key: second}
    assert get(api, c["id"])[sub] == [changed]
    assert_bare_success("DELETE", f"/crm/contacts/{{}}/{sub}/{{}}",
                        api.delete(f"{base}/{item['id']}"))
    assert get(api, c["id"])[sub] == []
    assert_404(api.delete(f"{base}/{item['id']}"))


def test_contact_sub_object_of_another_contact_or_organization_is_404(api):
    c1, c2 = create(api, "one", emails=["a@b.io"]), create(api, "two")
    oid = new_org(api, emails=["o@b.io"])
    eid, org_eid = c1["emails"][0]["id"], get_org(api, oid)["emails"][0]["id"]
    assert_404(api.put(f"/crm/contacts/{c2['id']}/emails/{eid}", json={"email": "x@y.io"}))
    assert_404(api.delete(f"/crm/contacts/{c2['id']}/emails/{eid}"))
    assert_404(api.delete(f"/crm/contacts/{c1['id']}/emails/{org_eid}"))
    assert_404(api.delete(f"/crm/organizations/{oid}/emails/{eid}"))
    assert get(api, c1["id"])["emails"] == c1["emails"]


@pytest.mark.parametrize("sub,key,bad,msg", [
    ("emails", "email", "x@", "The email must be a valid email address."),
    ("emails", "email", "a" * 250 + "@b.com", "The email must not be greater than 255 characters."),
    ("phones", "phone", "phone", "The phone format is invalid."),
    ("phones", "phone", None, REQUIRED)])
def test_contact_sub_object_validation(api, sub, key, bad, msg):
    c = create(api)
    assert_422(api.post(f"/crm/contacts/{c['id']}/{sub}", json={key: bad}), {key: [msg]})
    assert get(api, c["id"])[sub] == []


# ---- tags ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["tagId", "tag"])
def test_contact_tags_attach_and_detach_idempotently(api, key):
    c, tag = create(api), api.create_tag("ctag")["id"]
    path = f"/crm/contacts/{c['id']}/tags"
    for _ in range(2):
        assert_bare_success("POST", "/crm/contacts/{}/tags", api.post(path, json={key: tag}))
    assert get(api, c["id"])["tags"] == [tag]
    for _ in range(2):
        assert_bare_success("DELETE", "/crm/contacts/{}/tags", api.delete(path, json={key: tag}))
    assert get(api, c["id"])["tags"] == []


@pytest.mark.parametrize("body,errors", [
    ({}, {"tagId": [REQUIRED]}),
    ({"tagId": "1.5"}, {"tagId": ["The tag id must be an integer."]}),
    ({"tagId": 999999999}, {"tagId": ["The selected tag id is invalid."]})],
    ids=["missing", "fraction", "unknown"])
def test_contact_tag_validation(api, body, errors):
    c = create(api)
    assert_422(api.post(f"/crm/contacts/{c['id']}/tags", json=body), errors)


def test_contact_tag_of_another_workspace_is_invalid(api, api_b):
    c, b_tag = create(api), api_b.create_tag("B")["id"]
    assert_422(api.post(f"/crm/contacts/{c['id']}/tags", json={"tagId": b_tag}),
               {"tagId": ["The selected tag id is invalid."]})


# ---- list ----------------------------------------------------------------------------------------

def test_contact_pages_never_skip_or_repeat(fresh_ws):
    made = [create(fresh_ws, f"c{i}")["id"] for i in range(5)]
    seen = []
    for offset in (0, 2, 4):
        body = listing(fresh_ws, limit=2, offset=offset)
        seen += [c["id"] for c in body["contacts"]]
        assert body["hasMore"] is (offset + 2 < 5)
    assert seen == made


@pytest.mark.parametrize("params,errors", [
    ({"limit": 0}, {"limit": ["The limit must be between 1 and 100."]}),
    ({"limit": 1000}, {"limit": ["The limit must be between 1 and 100."]}),
    ({"offset": "x"}, {"offset": ["The offset must be an integer."]}),
    ({"sort": "firstName"}, {"sort": ["The selected sort is invalid."]}),
    ({"organizationIds[]": "x"}, {"organizationIds.0": [
        "The selected organization ids.0 is invalid."]})],
    ids=["limit0", "limit1000", "offset", "sort", "organizationIds"])
def test_contact_list_parameter_validation(api, params, errors):
    assert_422(api.get("/crm/contacts", params=params), errors)


def test_contact_search_matches_names_full_names_and_emails(fresh_ws):
    create(fresh_ws, "Ada", lastName="Lovelace")
    create(fresh_ws, "Alan", lastName="Turing", emails=["alan@bletchley.uk"])
    create(fresh_ws, "Пётр", middleName="Ильич")
    assert firsts(fresh_ws, search="ada LOVE") == ["Ada"]
    assert firsts(fresh_ws, search="turing alan") == ["Alan"]
    assert firsts(fresh_ws, search="BLETCHLEY") == ["Alan"]
    assert firsts(fresh_ws, search="Ильич") == ["Пётр"]
    assert firsts(fresh_ws, search="a") == ["Ada", "Alan"]
    assert firsts(fresh_ws, search="%") == []


def test_contact_list_filters_by_organizations(fresh_ws):
    o1, o2 = new_org(fresh_ws, "o1"), new_org(fresh_ws, "o2")
    create(fresh_ws, "none")
    create(fresh_ws, "in1", organizations=[o1])
    create(fresh_ws, "in2", organizations=[o2])
    both = create(fresh_ws, "both", organizations=[o1, o2])
    late = create(fresh_ws, "late")
    fresh_ws.post(f"/crm/organizations/{o1}/contacts", json={"contactId": late["id"]})
    assert firsts(fresh_ws, **{"organizationIds[]": o1}) == ["in1", "both", "late"]
    assert firsts(fresh_ws, **{"organizationIds[]": [o1, o2]}) == ["in1", "in2", "both", "late"]
    assert firsts(fresh_ws, **{"organizationIds[]": o2, "search": "BOTH"}) == ["both"]
    assert firsts(fresh_ws, **{"organizationIds[]": str(uuid.uuid4())}) == []
    assert get(fresh_ws, late["id"])["organizations"] == [o1]
    assert get(fresh_ws, both["id"])["organizations"] == [o1, o2]


def test_contact_list_sorts(fresh_ws):
    create(fresh_ws, "Bob", lastName="B")
    create(fresh_ws, "Amy", lastName="Z")
    create(fresh_ws, "Amy", lastName="A")
    create(fresh_ws, "Ärger")
    assert [(c["firstName"], c["lastName"]) for c in
            listing(fresh_ws, sort="alphabet")["contacts"]] == [
        ("Amy", "A"), ("Amy", "Z"), ("Bob", "B"), ("Ärger", None)]
    assert firsts(fresh_ws, sort="-alphabet") == ["Ärger", "Bob", "Amy", "Amy"]
    time.sleep(0.01)
    bob = listing(fresh_ws)["contacts"][0]
    update(fresh_ws, bob["id"], middleName="M")
    assert firsts(fresh_ws, sort="updatedAt")[-1] == "Bob"
    assert firsts(fresh_ws, sort="-updatedAt")[0] == "Bob"


def test_contact_list_ignores_custom_field_filters(fresh_ws):
    create(fresh_ws, "solo")
    r = fresh_ws.get("/crm/contacts?customFields[0][id]=x&customFields[0][value]=y&limit=5")
    assert [c["firstName"] for c in r.json()["contacts"]] == ["solo"]
    assert firsts(fresh_ws, **{"organizationIds[]": ""}) == ["solo"]


# ---- workspaces ------------------------------------------------------------------------------------

def test_other_workspace_cannot_reach_a_contact(api, api_b):
    tag = api.create_tag("A")["id"]
    c = create(api, "Secret", emails=["s@a.io"], phones=["1"], tags=[tag])
    cid, eid, pid = c["id"], c["emails"][0]["id"], c["phones"][0]["id"]
    b_tag, b_org = api_b.create_tag("B")["id"], new_org(api_b, "B org")
    for r in (api_b.get(f"/crm/contacts/{cid}"),
              api_b.put(f"/crm/contacts/{cid}", json={"firstName": "hijacked"}),
              api_b.delete(f"/crm/contacts/{cid}"),
              api_b.post(f"/crm/contacts/{cid}/emails", json={"email": "x@y.io"}),
              api_b.put(f"/crm/contacts/{cid}/emails/{eid}", json={"email": "x@y.io"}),
              api_b.delete(f"/crm/contacts/{cid}/phones/{pid}"),
              api_b.post(f"/crm/contacts/{cid}/tags", json={"tagId": b_tag}),
              api_b.delete(f"/crm/contacts/{cid}/tags", json={"tagId": tag})):
        assert_404(r)
    assert_422(api_b.post(f"/crm/organizations/{b_org}/contacts", json={"contactId": cid}),
               {"contactId": ["The selected contact id is invalid."]})
    assert_422(api_b.post("/crm/organizations", json={"name": "x", "contacts": [cid]}),
               {"contacts.0": ["The selected contacts.0 is invalid."]})
    assert cid not in [x["id"] for x in listing(api_b, limit=100)["contacts"]]
    assert get(api, cid) == c

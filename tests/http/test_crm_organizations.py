"""/crm/organizations: list (search, responsible[], contacts[], tags[], sort, limit/offset with
hasMore), create, get, update (partial; arrays sent replace), delete; addresses, emails and
phones; contact and tag links. Validation is 422 in the Laravel shape with array items keyed
`emails.0`; a missing organization is 404 "Record not found" for every method, GET included
(crm-notes 8); another workspace's ids are missing in paths and invalid in bodies
(src/api/crm/crm_organizations.c, crm_items.c, crm_links.c; docs/internals/crm.md)."""
import time
import uuid

import pytest

from weeekd_http import (NAME_NOT_STRING, NAME_TOO_LONG, OPTIONAL_BODIES, OPTIONAL_BODY_IDS,
                         REQUIRED, TIME_RE, UUID_RE, assert_404, assert_422, assert_bare_success,
                         assert_envelope, me, validate_success)

KEYS = {"id", "creatorId", "name", "responsibleId", "responsibles", "addresses", "emails",
        "phones", "contacts", "tags", "createdAt", "updatedAt"}
BAD_PATH_IDS = ["not-a-uuid", "123", str(uuid.uuid4()), "0" * 36,
                str(uuid.uuid4())[:-1] + "g"]
BAD_EMAILS = ["plain", "@nobody.io", "two@@signs.io", "a@b", "a b@c.io", "a@.io", "a@io.",
              "a@b@c.io"]
BAD_PHONES = ["call me", "+", "()", "12a34", "1" * 256]


def create(api, name="Acme", **fields):
    r = api.post("/crm/organizations", json={"name": name, **fields})
    return assert_envelope("POST", "/crm/organizations", r)["organization"]


def get(api, oid):
    r = api.get(f"/crm/organizations/{oid}")
    return assert_envelope("GET", "/crm/organizations/{id}", r)["organization"]


def update(api, oid, **body):
    r = api.put(f"/crm/organizations/{oid}", json=body)
    return assert_envelope("PUT", "/crm/organizations/{id}", r)["organization"]


def listing(api, **params):
    """The whole list body: exactly success, organizations and hasMore, valid per the spec."""
    r = api.get("/crm/organizations", params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"success", "organizations", "hasMore"}, body
    assert body["success"] is True and isinstance(body["hasMore"], bool)
    validate_success("GET", "/crm/organizations", body)
    return body


def names(api, **params):
    return [o["name"] for o in listing(api, **params)["organizations"]]


def new_contact(api, first="Ada", **fields):
    r = api.post("/crm/contacts", json={"firstName": first, **fields})
    assert r.status_code == 200, r.text
    return r.json()["contact"]["id"]


def get_contact(api, cid):
    r = api.get(f"/crm/contacts/{cid}")
    assert r.status_code == 200, r.text
    return r.json()["contact"]


def values(items, key):
    return [i[key] for i in items]


# ---- create / get ----------------------------------------------------------------------------

def test_organization_list_of_a_fresh_workspace_is_empty_without_more(fresh_ws):
    assert listing(fresh_ws) == {"success": True, "organizations": [], "hasMore": False}


def test_create_organization_with_a_name_only(api):
    o = create(api, "Initech")
    assert set(o) == KEYS
    assert UUID_RE.match(o["id"])
    assert o["creatorId"] == me(api)
    assert o["name"] == "Initech"
    assert o["responsibleId"] is None and o["responsibles"] == []
    for key in ("addresses", "emails", "phones", "contacts", "tags"):
        assert o[key] == []
    assert TIME_RE.match(o["createdAt"]) and o["updatedAt"] == o["createdAt"]


def test_create_organization_with_everything_keeps_order_and_gives_items_uuids(api, api_member):
    tag1, tag2 = api.create_tag("crm1")["id"], api.create_tag("crm2")["id"]
    c1, c2 = new_contact(api, "One"), new_contact(api, "Two")
    owner, member = me(api), me(api_member)
    o = create(api, "Globex", addresses=["1 Main St", "2 Side Rd"],
               emails=["sales@globex.io", "info@globex.io"], phones=["+1 (555) 010-20", "8 800"],
               responsibles=[member, owner], contacts=[c2, c1], tags=[tag2, tag1])
    assert o["responsibleId"] == member and o["responsibles"] == [member, owner]
    assert values(o["addresses"], "address") == ["1 Main St", "2 Side Rd"]
    assert values(o["emails"], "email") == ["sales@globex.io", "info@globex.io"]
    assert values(o["phones"], "phone") == ["+1 (555) 010-20", "8 800"]
    assert o["contacts"] == [c2, c1] and o["tags"] == [tag2, tag1]
    ids = [i["id"] for k in ("addresses", "emails", "phones") for i in o[k]]
    assert all(UUID_RE.match(i) for i in ids) and len(set(ids)) == 6
    assert all(set(i) == {"id", "address"} for i in o["addresses"])
    assert get(api, o["id"]) == o


def test_create_organization_links_show_on_the_contact(api):
    cid = new_contact(api)
    o = create(api, contacts=[cid])
    assert get_contact(api, cid)["organizations"] == [o["id"]]


def test_create_organization_is_lenient_about_forms(api):
    tag = api.create_tag("lenient")["id"]
    o = create(api, "  Trimmed  ", tags=[str(tag), tag], phones=[79001234567],
               responsibles=[me(api).upper()], emails=None, addresses="")
    assert o["name"] == "Trimmed"
    assert o["tags"] == [tag]
    assert values(o["phones"], "phone") == ["79001234567"]
    assert o["responsibles"] == [me(api)]
    assert o["emails"] == [] and o["addresses"] == []


@pytest.mark.parametrize("name", ["Рога и копыта", "株式会社 😀", "e\u0301 composed", 'q " \\ <b>',
                                  "Я" * 255, "\U0001F600" * 255],
                         ids=["cyrillic", "cjk-emoji", "combining", "quotes", "255-cyr",
                              "255-emoji"])
def test_organization_name_is_kept_exactly(api, name):
    o = create(api, name)
    assert o["name"] == name and get(api, o["id"])["name"] == name


@pytest.mark.parametrize("char", ["a", "Я"])
def test_organization_name_of_256_characters_is_422(api, char):
    assert_422(api.post("/crm/organizations", json={"name": char * 256}),
               {"name": [NAME_TOO_LONG]})


@pytest.mark.parametrize("body", [{}, {"name": None}, {"name": ""}, {"name": "  "}],
                         ids=["missing", "null", "empty", "blank"])
def test_create_organization_without_name_is_422_required(api, body):
    assert_422(api.post("/crm/organizations", json=body), {"name": [REQUIRED]})


@pytest.mark.parametrize("body", OPTIONAL_BODIES, ids=OPTIONAL_BODY_IDS)
def test_create_organization_with_an_empty_body_is_422_required(api, body):
    r = api.post("/crm/organizations", data=body, headers={"Content-Type": "application/json"})
    assert_422(r, {"name": [REQUIRED]})


@pytest.mark.parametrize("name", [5, True, ["x"], {"a": 1}], ids=repr)
def test_create_organization_with_non_string_name_is_422(api, name):
    assert_422(api.post("/crm/organizations", json={"name": name}), {"name": [NAME_NOT_STRING]})


@pytest.mark.parametrize("email", BAD_EMAILS)
def test_create_organization_with_a_bad_email_is_422_keyed_by_index(api, email):
    assert_422(api.post("/crm/organizations", json={"name": "x", "emails": ["ok@ok.io", email]}),
               {"emails.1": ["The emails.1 must be a valid email address."]})


@pytest.mark.parametrize("phone", BAD_PHONES)
def test_create_organization_with_a_bad_phone_is_422_keyed_by_index(api, phone):
    msg = ("The phones.0 must not be greater than 255 characters." if len(phone) > 255
           else "The phones.0 format is invalid.")
    assert_422(api.post("/crm/organizations", json={"name": "x", "phones": [phone]}),
               {"phones.0": [msg]})


def test_create_organization_with_bad_addresses_is_422(api):
    assert_422(api.post("/crm/organizations",
                        json={"name": "x", "addresses": ["ok", "Я" * 256, None, 1.5]}),
               {"addresses.1": ["The addresses.1 must not be greater than 255 characters."],
                "addresses.2": [REQUIRED],
                "addresses.3": ["The addresses.3 must be a string."]})


@pytest.mark.parametrize("key", ["addresses", "emails", "phones", "responsibles", "contacts",
                                 "tags"])
def test_create_organization_with_a_non_array_list_is_422(api, key):
    assert_422(api.post("/crm/organizations", json={"name": "x", key: "text"}),
               {key: [f"The {key} must be an array."]})


def test_create_organization_with_unknown_references_is_422_and_stores_nothing(fresh_ws, api_b):
    b_tag = api_b.create_tag("B's")["id"]
    b_contact = new_contact(api_b, "B person")
    r = fresh_ws.post("/crm/organizations", json={
        "name": "x", "responsibles": [me(fresh_ws), str(uuid.uuid4()), me(api_b)],
        "contacts": [b_contact], "tags": [b_tag]})
    assert_422(r, {"responsibles.1": ["The selected responsibles.1 is invalid."],
                   "responsibles.2": ["The selected responsibles.2 is invalid."],
                   "contacts.0": ["The selected contacts.0 is invalid."],
                   "tags.0": ["The selected tags.0 is invalid."]})
    assert listing(fresh_ws)["organizations"] == []


def test_create_organization_with_malformed_ids_is_422(api):
    r = api.post("/crm/organizations", json={"name": "x", "responsibles": [me(api), "nobody"],
                                             "contacts": [5], "tags": [0, "x"]})
    assert_422(r, {"responsibles.1": ["The selected responsibles.1 is invalid."],
                   "contacts.0": ["The contacts.0 must be a string."],
                   "tags.0": ["The selected tags.0 is invalid."],
                   "tags.1": ["The tags.1 must be an integer."]})


def test_create_organization_names_every_failing_field(api):
    r = api.post("/crm/organizations", json={"name": None, "emails": ["bad"], "phones": ["x"],
                                             "tags": [99999999]})
    assert_422(r, {"name": [REQUIRED], "emails.0": ["The emails.0 must be a valid email address."],
                   "phones.0": ["The phones.0 format is invalid."],
                   "tags.0": ["The selected tags.0 is invalid."]})


def test_create_organization_accepts_a_form_body(api):
    r = api.post("/crm/organizations", data={"name": "Форма", "emails[]": ["a@b.io", "c@d.io"]})
    o = assert_envelope("POST", "/crm/organizations", r)["organization"]
    assert o["name"] == "Форма" and values(o["emails"], "email") == ["a@b.io", "c@d.io"]


# ---- not found ---------------------------------------------------------------------------------

@pytest.mark.parametrize("oid", BAD_PATH_IDS)
def test_missing_organization_is_404_record_not_found_for_every_method(api, oid):
    assert_404(api.get(f"/crm/organizations/{oid}"))
    assert_404(api.put(f"/crm/organizations/{oid}", json={"name": "x"}))
    assert_404(api.delete(f"/crm/organizations/{oid}"))
    for sub, body in (("addresses", {"address": "a"}), ("emails", {"email": "a@b.io"}),
                      ("phones", {"phone": "1"})):
        assert_404(api.post(f"/crm/organizations/{oid}/{sub}", json=body))
        assert_404(api.put(f"/crm/organizations/{oid}/{sub}/{uuid.uuid4()}", json=body))
        assert_404(api.delete(f"/crm/organizations/{oid}/{sub}/{uuid.uuid4()}"))
    for method in ("POST", "DELETE"):
        assert_404(api.request(method, f"/crm/organizations/{oid}/contacts",
                               json={"contactId": new_contact(api)}))
        assert_404(api.request(method, f"/crm/organizations/{oid}/tags",
                               json={"tagId": api.create_tag("nf")["id"]}))


def test_missing_organization_wins_over_a_bad_body(api):
    assert_404(api.put(f"/crm/organizations/{uuid.uuid4()}", json={"name": None}))


def test_organization_path_id_may_be_upper_case(api):
    o = create(api)
    assert get(api, o["id"].upper()) == o


# ---- update ------------------------------------------------------------------------------------

@pytest.mark.parametrize("body", OPTIONAL_BODIES, ids=OPTIONAL_BODY_IDS)
def test_update_organization_with_an_empty_body_changes_nothing(api, body):
    o = create(api, emails=["a@b.io"], addresses=["here"])
    r = api.put(f"/crm/organizations/{o['id']}", data=body,
                headers={"Content-Type": "application/json"})
    got = assert_envelope("PUT", "/crm/organizations/{id}", r)["organization"]
    assert {k: v for k, v in got.items() if k != "updatedAt"} == {
        k: v for k, v in o.items() if k != "updatedAt"}


def test_update_organization_name_only_keeps_the_rest(api):
    tag = api.create_tag("keep")["id"]
    o = create(api, "Old", emails=["a@b.io"], phones=["1"], addresses=["x"], tags=[tag],
               responsibles=[me(api)])
    u = update(api, o["id"], name="Новое имя")
    assert u["name"] == "Новое имя"
    for key in KEYS - {"name", "updatedAt"}:
        assert u[key] == o[key], key
    assert get(api, o["id"]) == u


def test_update_organization_arrays_sent_replace_the_sets(api, api_member):
    t1, t2 = api.create_tag("r1")["id"], api.create_tag("r2")["id"]
    c1, c2 = new_contact(api, "c1"), new_contact(api, "c2")
    o = create(api, emails=["a@b.io"], phones=["1"], addresses=["x"], tags=[t1], contacts=[c1],
               responsibles=[me(api)])
    u = update(api, o["id"], emails=["n@m.io", "o@p.io"], phones=[], addresses=None,
               tags=[t2], contacts=[c2], responsibles=[me(api_member)])
    assert values(u["emails"], "email") == ["n@m.io", "o@p.io"]
    assert u["phones"] == [] and u["addresses"] == []
    assert u["tags"] == [t2] and u["contacts"] == [c2]
    assert u["responsibleId"] == me(api_member) and u["responsibles"] == [me(api_member)]
    assert get_contact(api, c1)["organizations"] == []
    assert get_contact(api, c2)["organizations"] == [o["id"]]
    u = update(api, o["id"], responsibles=[])
    assert u["responsibleId"] is None and u["responsibles"] == []


def test_update_organization_keeps_the_ids_of_values_sent_again(api):
    o = create(api, emails=["a@b.io", "c@d.io", "a@b.io"], phones=["1", "2"])
    u = update(api, o["id"], emails=["c@d.io", "new@x.io", "a@b.io"], phones=["2", "1"])
    old = {e["email"]: e["id"] for e in o["emails"][:2]}
    assert u["emails"][0] == {"id": old["c@d.io"], "email": "c@d.io"}
    assert u["emails"][2]["id"] in (old["a@b.io"], o["emails"][2]["id"])
    assert u["emails"][1]["id"] not in {e["id"] for e in o["emails"]}
    assert u["phones"] == list(reversed(o["phones"]))
    assert get(api, o["id"]) == u


@pytest.mark.parametrize("name", [None, "", " "], ids=["null", "empty", "blank"])
def test_update_organization_name_cannot_be_cleared(api, name):
    o = create(api, "Stays")
    assert_422(api.put(f"/crm/organizations/{o['id']}", json={"name": name}),
               {"name": [REQUIRED]})
    assert get(api, o["id"]) == o


def test_failed_update_changes_nothing(api):
    o = create(api, "Stays", emails=["a@b.io"])
    assert_422(api.put(f"/crm/organizations/{o['id']}",
                       json={"name": "Changed", "emails": ["bad"], "tags": [0]}),
               {"emails.0": ["The emails.0 must be a valid email address."],
                "tags.0": ["The selected tags.0 is invalid."]})
    assert get(api, o["id"]) == o


def test_update_moves_updated_at(api):
    o = create(api)
    time.sleep(1.05)
    assert update(api, o["id"], name="later")["updatedAt"] > o["updatedAt"]


# ---- delete ------------------------------------------------------------------------------------

def test_delete_organization_removes_it_and_its_links(api):
    cid = new_contact(api)
    o = create(api, contacts=[cid], emails=["a@b.io"])
    assert_bare_success("DELETE", "/crm/organizations/{id}",
                        api.delete(f"/crm/organizations/{o['id']}"))
    assert_404(api.get(f"/crm/organizations/{o['id']}"))
    assert_404(api.delete(f"/crm/organizations/{o['id']}"))
    assert get_contact(api, cid)["organizations"] == []


def test_delete_organization_ignores_a_body(api):
    o = create(api)
    assert_bare_success("DELETE", "/crm/organizations/{id}",
                        api.delete(f"/crm/organizations/{o['id']}", json=[]))


# ---- addresses, emails, phones -----------------------------------------------------------------

SUBS = [("addresses", "address", "1 Infinite Loop", "2 Other Way"),
        ("emails", "email", "first@corp.io", "second@corp.io"),
        ("phones", "phone", "+7 900 000-00-00", "(812) 1.2.3")]


@pytest.mark.parametrize("sub,key,first,second", SUBS, ids=[s[0] for s in SUBS])
def test_sub_object_create_update_delete(api, sub, key, first, second):
    o = create(api)
    base = f"/crm/organizations/{o['id']}/{sub}"
    r = api.post(base, json={key: first})
    item = assert_envelope("POST", f"/crm/organizations/{{}}/{sub}", r)[key]
    assert set(item) == {"id", key} and UUID_RE.match(item["id"]) and item[key] == first
    assert get(api, o["id"])[sub] == [item]
    r = api.put(f"{base}/{item['id']}", json={key: second})
    changed = assert_envelope("PUT", f"/crm/organizations/{{}}/{sub}/{{}}", r)[key]
    assert changed == {"id": item["id"], key: second}
    assert get(api, o["id"])[sub] == [changed]
    assert_bare_success("DELETE", f"/crm/organizations/{{}}/{sub}/{{}}",
                        api.delete(f"{base}/{item['id']}"))
    assert get(api, o["id"])[sub] == []
    assert_404(api.delete(f"{base}/{item['id']}"))
    assert_404(api.put(f"{base}/{item['id']}", json={key: second}))


@pytest.mark.parametrize("sub,key,first,second", SUBS, ids=[s[0] for s in SUBS])
def test_sub_object_of_another_organization_is_404(api, sub, key, first, second):
    o1, o2 = create(api, "one"), create(api, "two")
    item = api.post(f"/crm/organizations/{o1['id']}/{sub}", json={key: first}).json()[key]
    assert_404(api.put(f"/crm/organizations/{o2['id']}/{sub}/{item['id']}", json={key: second}))
    assert_404(api.delete(f"/crm/organizations/{o2['id']}/{sub}/{item['id']}"))
    assert_404(api.put(f"/crm/organizations/{o1['id']}/{sub}/not-a-uuid", json={key: second}))
    assert get(api, o1["id"])[sub] == [item]


def test_sub_objects_are_appended_in_order(api):
    o = create(api, emails=["a@b.io"])
    api.post(f"/crm/organizations/{o['id']}/emails", json={"email": "c@d.io"})
    assert values(get(api, o["id"])["emails"], "email") == ["a@b.io", "c@d.io"]


@pytest.mark.parametrize("sub,key,bad,msg", [
    ("addresses", "address", "A" * 256, "The address must not be greater than 255 characters."),
    ("emails", "email", "nope", "The email must be a valid email address."),
    ("phones", "phone", "nope", "The phone format is invalid."),
    ("emails", "email", None, REQUIRED), ("phones", "phone", " ", REQUIRED),
    ("addresses", "address", 5, "The address must be a string.")])
def test_sub_object_validation(api, sub, key, bad, msg):
    o = create(api, **{sub: [{"addresses": "x", "emails": "a@b.io", "phones": "1"}[sub]]})
    assert_422(api.post(f"/crm/organizations/{o['id']}/{sub}", json={key: bad}), {key: [msg]})
    item = o[sub][0]
    assert_422(api.put(f"/crm/organizations/{o['id']}/{sub}/{item['id']}", json={key: bad}),
               {key: [msg]})
    assert get(api, o["id"])[sub] == [item]


def test_sub_object_create_with_an_empty_body_is_422(api):
    o = create(api)
    r = api.post(f"/crm/organizations/{o['id']}/emails", data=b"[]",
                 headers={"Content-Type": "application/json"})
    assert_422(r, {"email": [REQUIRED]})


def test_sub_object_names_are_kept_exactly(api):
    o = create(api)
    text = "ул. Ленина, д. 1 — «офис» 🏢"
    r = api.post(f"/crm/organizations/{o['id']}/addresses", json={"address": text})
    assert r.json()["address"]["address"] == text


# ---- contact links -----------------------------------------------------------------------------

def test_attach_and_detach_a_contact_is_idempotent(api):
    o, cid = create(api), new_contact(api)
    path = f"/crm/organizations/{o['id']}/contacts"
    for _ in range(2):
        assert_bare_success("POST", "/crm/organizations/{}/contacts",
                            api.post(path, json={"contactId": cid}))
    assert get(api, o["id"])["contacts"] == [cid]
    assert get_contact(api, cid)["organizations"] == [o["id"]]
    for _ in range(2):
        assert_bare_success("DELETE", "/crm/organizations/{}/contacts",
                            api.delete(path, json={"contactId": cid}))
    assert get(api, o["id"])["contacts"] == []
    assert get_contact(api, cid)["organizations"] == []


def test_attached_contacts_keep_their_order(api):
    o = create(api)
    cids = [new_contact(api, f"c{i}") for i in range(3)]
    for cid in reversed(cids):
        api.post(f"/crm/organizations/{o['id']}/contacts", json={"contactId": cid})
    assert get(api, o["id"])["contacts"] == list(reversed(cids))


@pytest.mark.parametrize("method", ["POST", "DELETE"])
@pytest.mark.parametrize("body,errors", [
    ({}, {"contactId": [REQUIRED]}), ({"contactId": None}, {"contactId": [REQUIRED]}),
    ({"contactId": "nope"}, {"contactId": ["The selected contact id is invalid."]}),
    ({"contactId": str(uuid.uuid4())}, {"contactId": ["The selected contact id is invalid."]}),
    ({"contactId": 5}, {"contactId": ["The contact id must be a string."]})],
    ids=["missing", "null", "malformed", "unknown", "number"])
def test_contact_link_validation(api, method, body, errors):
    o = create(api)
    assert_422(api.request(method, f"/crm/organizations/{o['id']}/contacts", json=body), errors)


def test_contact_of_another_workspace_cannot_be_attached(api, api_b):
    o, b_contact = create(api), new_contact(api_b, "B")
    assert_422(api.post(f"/crm/organizations/{o['id']}/contacts", json={"contactId": b_contact}),
               {"contactId": ["The selected contact id is invalid."]})
    assert get(api, o["id"])["contacts"] == []


# ---- tags ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["tagId", "tag"])
def test_attach_and_detach_a_tag_by_either_key(api, key):
    o, tag = create(api), api.create_tag("link")["id"]
    path = f"/crm/organizations/{o['id']}/tags"
    for value in (tag, str(tag)):
        assert_bare_success("POST", "/crm/organizations/{}/tags", api.post(path, json={key: value}))
    assert get(api, o["id"])["tags"] == [tag]
    for _ in range(2):
        assert_bare_success("DELETE", "/crm/organizations/{}/tags",
                            api.delete(path, json={key: tag}))
    assert get(api, o["id"])["tags"] == []


@pytest.mark.parametrize("method", ["POST", "DELETE"])
@pytest.mark.parametrize("body,errors", [
    ({}, {"tagId": [REQUIRED]}), ({"tagId": None}, {"tagId": [REQUIRED]}),
    ({"tagId": "x"}, {"tagId": ["The tag id must be an integer."]}),
    ({"tagId": 0}, {"tagId": ["The selected tag id is invalid."]}),
    ({"tagId": 999999999}, {"tagId": ["The selected tag id is invalid."]}),
    ({"tag": 999999999}, {"tag": ["The selected tag is invalid."]})],
    ids=["missing", "null", "text", "zero", "unknown", "unknown-tag-key"])
def test_tag_link_validation(api, method, body, errors):
    o = create(api)
    assert_422(api.request(method, f"/crm/organizations/{o['id']}/tags", json=body), errors)


def test_tag_of_another_workspace_cannot_be_attached(api, api_b):
    o, b_tag = create(api), api_b.create_tag("B tag")["id"]
    assert_422(api.post(f"/crm/organizations/{o['id']}/tags", json={"tagId": b_tag}),
               {"tagId": ["The selected tag id is invalid."]})


def test_deleting_a_tag_removes_it_from_organizations(api):
    tag = api.create_tag("gone")["id"]
    o = create(api, tags=[tag])
    assert api.delete(f"/ws/tags/{tag}").status_code == 200
    assert get(api, o["id"])["tags"] == []


# ---- list: paging --------------------------------------------------------------------------------

def test_list_pages_never_skip_or_repeat(fresh_ws):
    made = [create(fresh_ws, f"org {i}")["id"] for i in range(7)]
    seen, offset = [], 0
    while True:
        body = listing(fresh_ws, limit=3, offset=offset)
        page = [o["id"] for o in body["organizations"]]
        seen += page
        offset += 3
        assert body["hasMore"] is (offset < 7)
        if not body["hasMore"]:
            break
    assert seen == made
    assert listing(fresh_ws, offset=7)["organizations"] == []
    assert listing(fresh_ws, limit=7)["hasMore"] is False
    assert listing(fresh_ws, limit=6)["hasMore"] is True


def test_list_default_limit_is_50(fresh_ws):
    for i in range(51):
        r = fresh_ws.post("/crm/organizations", json={"name": f"o{i}"})
        assert r.status_code == 200
    body = listing(fresh_ws)
    assert len(body["organizations"]) == 50 and body["hasMore"] is True
    assert len(listing(fresh_ws, limit=100)["organizations"]) == 51


@pytest.mark.parametrize("params,errors", [
    ({"limit": 0}, {"limit": ["The limit must be between 1 and 100."]}),
    ({"limit": 101}, {"limit": ["The limit must be between 1 and 100."]}),
    ({"limit": "x"}, {"limit": ["The limit must be an integer."]}),
    ({"offset": -1}, {"offset": ["The offset must be between 0 and 2147483647."]}),
    ({"sort": "name"}, {"sort": ["The selected sort is invalid."]}),
    ({"tags[]": "x"}, {"tags.0": ["The tags.0 must be an integer."]}),
    ({"responsible[]": "nobody"}, {"responsible.0": ["The selected responsible.0 is invalid."]}),
    ({"contacts[]": ["x"]}, {"contacts.0": ["The selected contacts.0 is invalid."]})],
    ids=["limit0", "limit101", "limit-text", "offset-neg", "sort", "tags", "responsible",
         "contacts"])
def test_list_parameter_validation(api, params, errors):
    assert_422(api.get("/crm/organizations", params=params), errors)


def test_list_array_errors_keep_the_index_of_blank_items_before_them(api):
    assert_422(api.get("/crm/organizations", params={"tags[]": ["", "x"]}),
               {"tags.1": ["The tags.1 must be an integer."]})
    assert_422(api.get("/crm/organizations?contacts[]=%20&contacts[5]=nope"),
               {"contacts.1": ["The selected contacts.1 is invalid."]})


def test_list_accepts_blank_parameters_and_ignores_custom_field_filters(fresh_ws):
    create(fresh_ws, "only")
    assert names(fresh_ws, limit="", offset=" ", sort="", search="") == ["only"]
    assert names(fresh_ws, **{"tags[]": "", "responsible[]": " ", "contacts[]": ""}) == ["only"]
    r = fresh_ws.get("/crm/organizations?customFields[0][id]=" + str(uuid.uuid4()) +
                     "&customFields[0][value]=x")
    assert [o["name"] for o in r.json()["organizations"]] == ["only"]


# ---- list: filters and sort ------------------------------------------------------------------------

def test_list_search_is_a_literal_substring_ignoring_case(fresh_ws):
    for n in ("Alpha Corp", "beta LLC", "100% Pure", "under_score", "ООО Ромашка"):
        create(fresh_ws, n)
    assert names(fresh_ws, search="CORP") == ["Alpha Corp"]
    assert names(fresh_ws, search="llc") == ["beta LLC"]
    assert names(fresh_ws, search="%") == ["100% Pure"]
    assert names(fresh_ws, search="_") == ["under_score"]
    assert names(fresh_ws, search="Ромашка") == ["ООО Ромашка"]
    assert names(fresh_ws, search="ромашка") == ["ООО Ромашка"]
    assert names(fresh_ws, search="zzz") == []


def test_list_filters_by_responsible_contacts_and_tags(fresh_ws):
    owner = me(fresh_ws)
    t1, t2 = fresh_ws.create_tag("t1")["id"], fresh_ws.create_tag("t2")["id"]
    c1, c2 = new_contact(fresh_ws, "c1"), new_contact(fresh_ws, "c2")
    create(fresh_ws, "none")
    create(fresh_ws, "resp", responsibles=[owner])
    create(fresh_ws, "t1", tags=[t1])
    create(fresh_ws, "t2c1", tags=[t2], contacts=[c1])
    create(fresh_ws, "all", tags=[t1, t2], contacts=[c1, c2], responsibles=[owner])
    assert names(fresh_ws, **{"responsible[]": owner}) == ["resp", "all"]
    assert names(fresh_ws, **{"tags[]": [t1]}) == ["t1", "all"]
    assert names(fresh_ws, **{"tags[]": [t1, t2]}) == ["t1", "t2c1", "all"]
    assert names(fresh_ws, **{"contacts[]": [c2]}) == ["all"]
    assert names(fresh_ws, **{"contacts[]": [c1], "tags[]": [t1]}) == ["all"]
    assert names(fresh_ws, **{"tags[0]": t2, "search": "C1"}) == ["t2c1"]
    assert names(fresh_ws, **{"tags[]": 999999999}) == []
    assert names(fresh_ws, **{"contacts[]": str(uuid.uuid4())}) == []


def test_list_sorts_by_name_and_by_update(fresh_ws):
    for n in ("b", "C", "a", "Я"):
        create(fresh_ws, n)
    assert names(fresh_ws) == ["b", "C", "a", "Я"]
    assert names(fresh_ws, sort="alphabet") == ["C", "a", "b", "Я"]
    assert names(fresh_ws, sort="-alphabet") == ["Я", "b", "a", "C"]
    time.sleep(0.01)
    first = listing(fresh_ws)["organizations"][0]
    update(fresh_ws, first["id"], name="b")
    assert names(fresh_ws, sort="updatedAt") == ["C", "a", "Я", "b"]
    assert names(fresh_ws, sort="-updatedAt")[0] == "b"


def test_sorted_pages_never_skip_or_repeat(fresh_ws):
    made = {create(fresh_ws, n)["id"] for n in ["same"] * 5 + ["other"] * 4}
    for sort in ("alphabet", "-alphabet", "updatedAt", "-updatedAt"):
        seen = []
        for offset in range(0, 9, 2):
            seen += [o["id"] for o in
                     listing(fresh_ws, sort=sort, limit=2, offset=offset)["organizations"]]
        assert len(seen) == 9 and set(seen) == made, sort


# ---- workspaces ------------------------------------------------------------------------------------

def test_other_workspace_cannot_reach_an_organization(api, api_b):
    cid, tag = new_contact(api), api.create_tag("mine")["id"]
    o = create(api, "A's", emails=["a@b.io"], contacts=[cid], tags=[tag])
    oid, eid = o["id"], o["emails"][0]["id"]
    b_contact, b_tag = new_contact(api_b, "B"), api_b.create_tag("B")["id"]
    for r in (api_b.get(f"/crm/organizations/{oid}"),
              api_b.put(f"/crm/organizations/{oid}", json={"name": "hijacked"}),
              api_b.delete(f"/crm/organizations/{oid}"),
              api_b.post(f"/crm/organizations/{oid}/emails", json={"email": "x@y.io"}),
              api_b.put(f"/crm/organizations/{oid}/emails/{eid}", json={"email": "x@y.io"}),
              api_b.delete(f"/crm/organizations/{oid}/emails/{eid}"),
              api_b.post(f"/crm/organizations/{oid}/contacts", json={"contactId": b_contact}),
              api_b.delete(f"/crm/organizations/{oid}/contacts", json={"contactId": cid}),
              api_b.post(f"/crm/organizations/{oid}/tags", json={"tagId": b_tag}),
              api_b.delete(f"/crm/organizations/{oid}/tags", json={"tagId": tag})):
        assert_404(r)
    assert oid not in [x["id"] for x in listing(api_b, limit=100)["organizations"]]
    assert get(api, oid) == o


def test_other_workspace_cannot_use_a_organization_in_its_filters_or_bodies(api, api_b):
    o = create(api, "A's")
    r = api_b.post("/crm/contacts", json={"firstName": "B", "organizations": [o["id"]]})
    assert_422(r, {"organizations.0": ["The selected organizations.0 is invalid."]})
    assert api_b.get("/crm/contacts", params={"organizationIds[]": o["id"]}).json()[
        "contacts"] == []

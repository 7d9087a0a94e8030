"""Deals: create in a status (on top), get, PUT vs PATCH (both partial; PUT answers `deal`,
PATCH {"success":true} plus `deal` and replaces the link sets), delete, move (statusId of the
same funnel, previousDealId, null = top; dense and stable against a Python reference over
long seeded random sequences), change funnel, change status; the list per status with every
filter, sort and paging; validation (422 Laravel shape), 404 shapes and workspace isolation
(src/api/crm/crm_deals.c)."""
import random
import time

import pytest

from weeekd_http import assert_404, assert_422, assert_envelope

from crm_util import (BAD_SLUGS, SLUG, assert_bare_success, deal_order, first_status, get_deal,
                      list_deals, member_id, new_contact, new_deal, new_funnel, new_organization,
                      sql, statuses, ws_id)

DEAL_KEYS = {"id", "creatorId", "funnelId", "statusId", "assignees", "organizations",
             "contacts", "title", "description", "amount", "winStatus", "createdAt",
             "updatedAt", "tags", "tasks", "customFields", "attachments"}
AMOUNT_NAN = "The amount must be a number."
DAY_MS = 86400000


@pytest.fixture
def funnel(api):
    return new_funnel(api)


@pytest.fixture
def sid(api, funnel):
    return first_status(api, funnel["id"])


def patch(api, did, body):
    r = api.request("PATCH", f"/crm/deals/{did}", json=body)
    assert r.status_code == 200, r.text
    b = r.json()
    assert set(b) == {"success", "deal"} and b["success"] is True
    assert set(b["deal"]) == DEAL_KEYS
    return b["deal"]


def put(api, did, body):
    r = api.put(f"/crm/deals/{did}", json=body)
    return assert_envelope("PUT", "/crm/deals/{id}", r)["deal"]


def move(api, did, **body):
    assert_bare_success(api.post(f"/crm/deals/{did}/move", json=body))


# ---- create / get ---------------------------------------------------------------------------

def test_create_answers_the_full_deal(api, funnel, sid):
    tag = api.create_tag("deal-tag")["id"]
    me = member_id(api)
    d = new_deal(api, sid, title="Big", description="about it", amount=1500.5, winStatus="won",
                 assignees=[me], tags=[tag], customFields=[{"id": "x", "value": 1}])
    assert set(d) == DEAL_KEYS and SLUG.fullmatch(d["id"])
    assert d["funnelId"] == funnel["id"] and d["statusId"] == sid and d["creatorId"] == me
    assert (d["title"], d["description"], d["amount"], d["winStatus"]) == (
        "Big", "about it", 1500.5, "won")
    assert d["assignees"] == [me] and d["tags"] == [tag]
    assert d["tasks"] == [] and d["customFields"] == [] and d["attachments"] == []
    assert get_deal(api, d["id"]) == d


@pytest.mark.parametrize("body", [None, b"", b"[]", b"{}", b"null"])
def test_create_with_an_empty_body_makes_an_empty_deal(api, sid, body):
    r = api.post(f"/crm/statuses/{sid}/deals", data=body,
                 headers={"Content-Type": "application/json"})
    d = assert_envelope("POST", "/crm/statuses/{statusId}/deals", r)["deal"]
    assert d["title"] is None and d["amount"] is None and d["winStatus"] is None
    assert d["assignees"] == [] and d["tags"] == []


def test_new_deals_go_on_top(api, sid):
    ids = [new_deal(api, sid, title=f"d{i}")["id"] for i in range(4)]
    assert deal_order(api, sid) == ids[::-1]


def test_amount_takes_numbers_and_numeric_text(api, sid):
    assert new_deal(api, sid, amount=7)["amount"] == 7
    assert new_deal(api, sid, amount=" 2.5 ")["amount"] == 2.5
    assert new_deal(api, sid, amount="")["amount"] is None
    assert new_deal(api, sid, amount=-3)["amount"] == -3


@pytest.mark.parametrize("body,errors", [
    ({"title": "x" * 256}, {"title": ["The title must not be greater than 255 characters."]}),
    ({"amount": "lots"}, {"amount": [AMOUNT_NAN]}),
    ({"amount": True}, {"amount": [AMOUNT_NAN]}),
    ({"amount": [1]}, {"amount": [AMOUNT_NAN]}),
    ({"winStatus": "maybe"}, {"winStatus": ["The selected win status is invalid."]}),
    ({"assignees": ["not-a-uuid"]}, {"assignees.0": ["The selected assignees.0 is invalid."]}),
    ({"assignees": ["00000000-0000-4000-8000-000000000000"]},
     {"assignees.0": ["The selected assignees.0 is invalid."]}),
    ({"tags": [999999999]}, {"tags.0": ["The selected tags.0 is invalid."]}),
    ({"organizations": ["00000000-0000-4000-8000-000000000000"]},
     {"organizations.0": ["The selected organizations.0 is invalid."]}),
    ({"contacts": ["00000000-0000-4000-8000-000000000000"]},
     {"contacts.0": ["The selected contacts.0 is invalid."]}),
])
def test_create_validation(api, sid, body, errors):
    before = deal_order(api, sid)
    assert_422(api.post(f"/crm/statuses/{sid}/deals", json=body), errors)
    assert deal_order(api, sid) == before


def test_create_reports_every_bad_field(api, sid):
    r = api.post(f"/crm/statuses/{sid}/deals",
                 json={"title": "x" * 256, "amount": "no", "winStatus": "x"})
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"title", "amount", "winStatus"}


def test_legacy_single_keys_map_onto_the_arrays(api, server, sid):
    me = member_id(api)
    org, contact = new_organization(server), new_contact(server)
    d = new_deal(api, sid, executorId=me, organizationId=org, contactId=contact)
    assert (d["assignees"], d["organizations"], d["contacts"]) == ([me], [org], [contact])


def test_null_legacy_singles_leave_the_sets_alone(api, sid):
    me = member_id(api)
    d = new_deal(api, sid, assignees=[me])
    g = patch(api, d["id"], {"executorId": None, "organizationId": None, "contactId": None})
    assert g["assignees"] == [me]


def test_ids_of_another_workspace_in_the_body_are_422(api, api_b, server, sid):
    tag_b = api_b.create_tag("b")["id"]
    member_b = member_id(api_b)
    org_b, contact_b = new_organization(server, "B"), new_contact(server, "B")
    before = deal_order(api, sid)
    for key, value in [("tags", tag_b), ("assignees", member_b), ("organizations", org_b),
                       ("contacts", contact_b)]:
        assert_422(api.post(f"/crm/statuses/{sid}/deals", json={key: [value]}),
                   {f"{key}.0": [f"The selected {key}.0 is invalid."]})
    assert deal_order(api, sid) == before


@pytest.mark.parametrize("bad", BAD_SLUGS)
def test_missing_deal_is_404_for_every_method(api, bad):
    for method, path, body in [("GET", "", None), ("PUT", "", {"title": "x"}),
                               ("PATCH", "", {"title": "x"}), ("DELETE", "", None),
                               ("POST", "/move", {}), ("PUT", "/funnel", {}),
                               ("PUT", "/status", {}), ("POST", "/tasks", {"title": "t"}),
                               ("POST", "/tasks/1/move", {}), ("DELETE", "/tasks/1", None)]:
        assert_404(api.request(method, f"/crm/deals/{bad}{path}", json=body))


def test_another_workspace_cannot_see_or_change_a_deal(api, api_b, sid):
    d = new_deal(api, sid, title="mine")
    other = first_status(api_b, new_funnel(api_b)["id"])
    did = d["id"]
    assert_404(api_b.get(f"/crm/deals/{did}"))
    assert_404(api_b.put(f"/crm/deals/{did}", json={"title": "x"}))
    assert_404(api_b.request("PATCH", f"/crm/deals/{did}", json={"title": "x"}))
    assert_404(api_b.post(f"/crm/deals/{did}/move", json={"statusId": other}))
    assert_404(api_b.put(f"/crm/deals/{did}/status", json={"statusId": other}))
    assert_404(api_b.delete(f"/crm/deals/{did}"))
    assert get_deal(api, did) == d
    # and A cannot send its deal into B's status
    assert_422(api.put(f"/crm/deals/{did}/status", json={"statusId": other}),
               {"statusId": ["The selected status id is invalid."]})
    assert_422(api.post(f"/crm/deals/{did}/move", json={"statusId": other}),
               {"statusId": ["The selected status id is invalid."]})
    assert get_deal(api, did) == d


# ---- PUT vs PATCH ---------------------------------------------------------------------------

def test_put_is_partial_and_answers_the_deal(api, sid):
    tag = api.create_tag("kept")["id"]
    d = new_deal(api, sid, title="t", amount=5, tags=[tag])
    g = put(api, d["id"], {"amount": 9})
    assert g["title"] == "t" and g["amount"] == 9 and g["tags"] == [tag]
    g = put(api, d["id"], {"title": "new", "winStatus": "lost", "description": "desc"})
    assert (g["title"], g["amount"], g["winStatus"], g["description"]) == (
        "new", 9, "lost", "desc")
    g = put(api, d["id"], {"winStatus": None, "amount": None})
    assert g["winStatus"] is None and g["amount"] is None
    assert get_deal(api, d["id"]) == g


def test_put_ignores_link_arrays_and_read_only_keys(api, funnel, sid):
    d = new_deal(api, sid, title="t")
    other = statuses(api, funnel["id"])[1]["id"]
    g = put(api, d["id"], {"assignees": [member_id(api)], "tags": [], "statusId": other,
                           "id": "AAAAAAAAAAAAAAAA", "creatorId": "x", "tasks": [1]})
    assert g["assignees"] == [] and g["statusId"] == sid and g["id"] == d["id"]


def test_patch_applies_the_create_body_and_replaces_sets(api, server, sid):
    t1, t2 = api.create_tag("p1")["id"], api.create_tag("p2")["id"]
    me = member_id(api)
    org = new_organization(server)
    d = new_deal(api, sid, title="t", tags=[t1], assignees=[me])
    g = patch(api, d["id"], {"tags": [t2, t1], "organizations": [org], "description": "d"})
    assert g["tags"] == [t2, t1] and g["organizations"] == [org] and g["assignees"] == [me]
    assert g["title"] == "t" and g["description"] == "d"
    g = patch(api, d["id"], {"assignees": [], "tags": None, "title": None})
    assert g["assignees"] == [] and g["tags"] == [] and g["title"] is None
    assert g["organizations"] == [org]
    assert get_deal(api, d["id"]) == g


def test_patch_with_an_empty_body_changes_nothing(api, sid):
    d = new_deal(api, sid, title="same", amount=1)
    g = patch(api, d["id"], {})
    assert {k: g[k] for k in ("title", "amount")} == {"title": "same", "amount": 1}


def test_patch_and_put_validate_like_create(api, sid):
    d = new_deal(api, sid, title="t")
    assert_422(api.request("PATCH", f"/crm/deals/{d['id']}", json={"tags": [0]}),
               {"tags.0": ["The selected tags.0 is invalid."]})
    assert_422(api.put(f"/crm/deals/{d['id']}", json={"amount": "x"}), {"amount": [AMOUNT_NAN]})
    assert get_deal(api, d["id"])["title"] == "t"


# ---- delete, move, funnel, status -----------------------------------------------------------

def test_delete_closes_the_gap(api, sid):
    ids = [new_deal(api, sid)["id"] for _ in range(4)][::-1]
    assert_bare_success(api.delete(f"/crm/deals/{ids[1]}"))
    assert_404(api.get(f"/crm/deals/{ids[1]}"))
    ids.pop(1)
    assert deal_order(api, sid) == ids
    move(api, ids[-1])
    assert deal_order(api, sid) == [ids[-1]] + ids[:-1]


def test_move_within_and_across_statuses_of_the_funnel(api, funnel, sid):
    s2 = statuses(api, funnel["id"])[1]["id"]
    a, b = new_deal(api, sid)["id"], new_deal(api, sid)["id"]
    c = new_deal(api, s2)["id"]
    move(api, b, previousDealId=a)
    assert deal_order(api, sid) == [a, b]
    move(api, a, statusId=s2, previousDealId=c)
    assert deal_order(api, sid) == [b] and deal_order(api, s2) == [c, a]
    assert get_deal(api, a)["statusId"] == s2
    move(api, a, statusId=sid, previousDealId=None)
    assert deal_order(api, sid) == [a, b]


def test_move_validation(api, api_b, funnel, sid):
    d = new_deal(api, sid)["id"]
    other_funnel_status = first_status(api, new_funnel(api)["id"])
    s2 = statuses(api, funnel["id"])[1]["id"]
    in_s2 = new_deal(api, s2)["id"]
    assert_422(api.post(f"/crm/deals/{d}/move", json={"statusId": other_funnel_status}),
               {"statusId": ["The selected status id is invalid."]})
    assert_422(api.post(f"/crm/deals/{d}/move", json={"previousDealId": in_s2}),
               {"previousDealId": ["The selected previous deal id is invalid."]})
    assert_422(api.post(f"/crm/deals/{d}/move", json={"previousDealId": "nope"}),
               {"previousDealId": ["The selected previous deal id is invalid."]})
    theirs = new_deal(api_b, first_status(api_b, new_funnel(api_b)["id"]))["id"]
    assert_422(api.post(f"/crm/deals/{d}/move", json={"previousDealId": theirs}),
               {"previousDealId": ["The selected previous deal id is invalid."]})
    assert get_deal(api, d)["statusId"] == sid


def test_long_random_moves_keep_dense_stable_orders(api, funnel):
    sts = [s["id"] for s in statuses(api, funnel["id"])]
    ref = {s: [] for s in sts}
    for i in range(18):
        s = sts[i % 3]
        ref[s].insert(0, new_deal(api, s, title=f"d{i}")["id"])
    where = {d: s for s, ds in ref.items() for d in ds}
    rng = random.Random(2024)
    for step in range(150):
        did = rng.choice(list(where))
        target = rng.choice([None] + sts)
        dest = target or where[did]
        after = rng.choice([None] + [x for x in ref[dest] if x != did] + [did] * (dest == where[did]))
        body = {"previousDealId": after}
        if target or rng.random() < 0.5:
            body["statusId"] = target
        move(api, did, **body)
        if after != did:
            ref[where[did]].remove(did)
            ref[dest].insert(0 if after is None else ref[dest].index(after) + 1, did)
            where[did] = dest
        if step % 10 == 0 or step == 149:
            for s in sts:
                assert deal_order(api, s) == ref[s], step
    for s in sts:
        assert deal_order(api, s) == ref[s]


def store_keys(server, sid):
    rows = sql(server, f"SELECT id, position FROM deals WHERE ws_id = {ws_id(server, 'A')} "
                       f"AND status_id = '{sid}' ORDER BY position")
    return [r[0] for r in rows], [int(r[1]) for r in rows]


def test_keys_stay_unique_when_one_gap_is_bisected_until_it_closes(api, server, sid):
    """Sparse keys: each move into the same spot halves one gap; after ~16 the status is
    renumbered. The order seen and the keys stay consistent throughout."""
    ref = [new_deal(api, sid, title=f"k{i}")["id"] for i in range(4)][::-1]
    for i in range(40):
        did = new_deal(api, sid, title=f"n{i}")["id"]  # on top
        move(api, did, previousDealId=ref[0])            # into the gap after the first
        ref.insert(1, did)
        ids, keys = store_keys(server, sid)
        assert ids == ref and len(set(keys)) == len(keys), i
    assert deal_order(api, sid) == ref
    assert_bare_success(api.delete(f"/crm/deals/{ref[5]}"))
    ref.pop(5)
    move(api, ref[-1])
    assert deal_order(api, sid) == [ref[-1]] + ref[:-1]


def test_change_funnel_puts_the_deal_on_top_of_its_first_status(api, sid):
    d = new_deal(api, sid, title="travels")["id"]
    f2 = new_funnel(api)
    s2 = first_status(api, f2["id"])
    existing = new_deal(api, s2)["id"]
    assert_bare_success(api.put(f"/crm/deals/{d}/funnel", json={"funnelId": f2["id"]}))
    g = get_deal(api, d)
    assert g["funnelId"] == f2["id"] and g["statusId"] == s2
    assert deal_order(api, s2) == [d, existing] and d not in deal_order(api, sid)


def test_change_funnel_validation(api, api_b, sid):
    d = new_deal(api, sid)["id"]
    theirs = new_funnel(api_b)["id"]
    for body, errors in [({}, {"funnelId": ["The field is required."]}),
                         ({"funnelId": theirs}, {"funnelId": ["The selected funnel id is invalid."]}),
                         ({"funnelId": "bad"}, {"funnelId": ["The selected funnel id is invalid."]})]:
        assert_422(api.put(f"/crm/deals/{d}/funnel", json=body), errors)
    assert get_deal(api, d)["statusId"] == sid


def test_change_status_may_cross_funnels(api, funnel, sid):
    d = new_deal(api, sid)["id"]
    other = new_funnel(api)
    s2 = statuses(api, other["id"])[2]["id"]
    assert_bare_success(api.put(f"/crm/deals/{d}/status", json={"statusId": s2}))
    g = get_deal(api, d)
    assert g["statusId"] == s2 and g["funnelId"] == other["id"]
    same = statuses(api, funnel["id"])[1]["id"]
    assert_bare_success(api.put(f"/crm/deals/{d}/status", json={"statusId": same}))
    assert get_deal(api, d)["funnelId"] == funnel["id"]
    assert_422(api.put(f"/crm/deals/{d}/status", json={}), {"statusId": ["The field is required."]})


# ---- the list -------------------------------------------------------------------------------

def titles(api, sid, params=None):
    return [d["title"] for d in list_deals(api, sid, params)[0]]


def test_list_defaults_to_the_status_order_and_50(api, sid):
    for i in range(55):
        new_deal(api, sid, title=f"d{i:02}")
    deals, more = list_deals(api, sid)
    assert len(deals) == 50 and more is True
    assert [d["title"] for d in deals] == [f"d{i:02}" for i in range(54, 4, -1)]


def test_paging_never_skips_or_repeats(api, sid):
    made = [new_deal(api, sid, title=f"p{i}")["id"] for i in range(23)][::-1]
    for limit in (1, 5, 7, 23, 100):
        seen, offset = [], 0
        while True:
            deals, more = list_deals(api, sid, {"limit": limit, "offset": offset})
            seen += [d["id"] for d in deals]
            offset += limit
            if not more:
                break
        assert seen == made, limit
    assert list_deals(api, sid, {"offset": 23}) == ([], False)
    assert list_deals(api, sid, {"limit": 23})[1] is False


@pytest.mark.parametrize("params,field", [({"limit": 0}, "limit"), ({"limit": 101}, "limit"),
                                          ({"limit": "x"}, "limit"), ({"offset": -1}, "offset"),
                                          ({"sort": "colour"}, "sort"),
                                          ({"winStatuses[]": "maybe"}, "winStatuses.0"),
                                          ({"lastUpdated[]": "tomorrow"}, "lastUpdated.0"),
                                          ({"tags[]": "x"}, "tags.0")])
def test_list_validation(api, sid, params, field):
    r = api.get(f"/crm/statuses/{sid}/deals", params=params)
    assert r.status_code == 422, r.text
    assert list(r.json()["errors"]) == [field]


def test_list_array_items_are_keyed_by_the_position_sent_blank_ones_left_out(api, sid):
    r = api.get(f"/crm/statuses/{sid}/deals?winStatuses[]=&winStatuses[]=%20&winStatuses[]=maybe")
    assert r.status_code == 422, r.text
    assert r.json()["errors"] == {"winStatuses.2": ["The selected win statuses.2 is invalid."]}
    r = api.get(f"/crm/statuses/{sid}/deals", params={"tags[]": ["", "x"], "lastUpdated": " "})
    assert r.status_code == 422, r.text
    assert r.json()["errors"] == {"tags.1": ["The tags.1 must be an integer."]}


def test_search_matches_title_or_description_ignoring_ascii_case(api, sid):
    new_deal(api, sid, title="Alpha deal")
    new_deal(api, sid, title="other", description="mentions ALPHA")
    new_deal(api, sid, title="100% off_")
    new_deal(api, sid, title="Ёлка")
    assert sorted(titles(api, sid, {"search": "alpha"})) == ["Alpha deal", "other"]
    assert titles(api, sid, {"search": "%"}) == ["100% off_"]
    assert titles(api, sid, {"search": "_"}) == ["100% off_"]
    assert titles(api, sid, {"search": "Ёл"}) == ["Ёлка"]
    assert titles(api, sid, {"search": "nothing"}) == []


def test_assignee_filter_and_its_older_name(api, api_member, sid):
    me, other = member_id(api), member_id(api_member)
    new_deal(api, sid, title="mine", assignees=[me])
    new_deal(api, sid, title="theirs", assignees=[other])
    new_deal(api, sid, title="both", assignees=[me, other])
    new_deal(api, sid, title="none")
    assert sorted(titles(api, sid, {"assigneeIds[]": me})) == ["both", "mine"]
    assert sorted(titles(api, sid, {"executorIds[]": other})) == ["both", "theirs"]
    assert sorted(titles(api, sid, {"assigneeIds[0]": me, "assigneeIds[1]": other})) == [
        "both", "mine", "theirs"]


def test_win_status_filter(api, sid):
    for w in ("won", "lost", "archived", None):
        new_deal(api, sid, title=str(w), winStatus=w)
    assert titles(api, sid, {"winStatuses[]": "won"}) == ["won"]
    assert sorted(titles(api, sid, {"winStatuses[0]": "lost", "winStatuses[1]": "archived"})) == [
        "archived", "lost"]


def test_tag_organization_and_contact_filters(api, server, sid):
    t1, t2 = api.create_tag("f1")["id"], api.create_tag("f2")["id"]
    o1, c1 = new_organization(server), new_contact(server)
    new_deal(api, sid, title="t1", tags=[t1])
    new_deal(api, sid, title="t2", tags=[t2], organizations=[o1])
    new_deal(api, sid, title="c", contacts=[c1], tags=[t1, t2])
    assert sorted(titles(api, sid, {"tags[]": t1})) == ["c", "t1"]
    assert sorted(titles(api, sid, {"tags[]": [str(t1), str(t2)]})) == ["c", "t1", "t2"]
    assert titles(api, sid, {"organizations[]": o1}) == ["t2"]
    assert titles(api, sid, {"contacts[]": c1}) == ["c"]
    # filters AND together
    assert titles(api, sid, {"tags[]": t2, "contacts[]": c1}) == ["c"]
    assert titles(api, sid, {"tags[]": t1, "organizations[]": o1}) == []


def test_last_updated_windows_are_utc_calendar_days(api, server, sid):
    now = int(time.time() * 1000)
    today0 = now - now % DAY_MS
    stamps = {"today": today0 + 1, "yesterday": today0 - DAY_MS + 5,
              "fivedays": today0 - 5 * DAY_MS, "old": today0 - 30 * DAY_MS}
    ws = ws_id(server, "A")
    for title, ms in stamps.items():
        d = new_deal(api, sid, title=title)
        sql(server, f"UPDATE deals SET updated_at = {ms} WHERE ws_id = {ws} AND id = '{d['id']}'")
    assert titles(api, sid, {"lastUpdated[]": "today"}) == ["today"]
    assert titles(api, sid, {"lastUpdated[]": "yesterday"}) == ["yesterday"]
    assert sorted(titles(api, sid, {"lastUpdated[]": "lastWeek"})) == ["fivedays", "yesterday"]
    assert sorted(titles(api, sid, {"lastUpdated[0]": "today", "lastUpdated[1]": "lastWeek"})) == [
        "fivedays", "today", "yesterday"]


def test_a_custom_field_filter_naming_no_field_is_422(api, sid):
    """The filter itself: test_custom_field_values.py."""
    new_deal(api, sid, title="x")
    r = api.get(f"/crm/statuses/{sid}/deals",
                params={"customFields[0][id]": "f", "customFields[0][value]": "v"})
    assert r.status_code == 422, r.text
    assert set(r.json()["errors"]) == {"customFields.0.id"}


def test_sort_keys(api, server, sid):
    ws = ws_id(server, "A")
    specs = [("b", 3, 30), ("a", None, 10), ("c", 1, 20)]
    for title, amount, ms in specs:
        d = new_deal(api, sid, title=title, amount=amount)
        sql(server, f"UPDATE deals SET created_at = {ms}, updated_at = {ms * 2} "
                    f"WHERE ws_id = {ws} AND id = '{d['id']}'")
    assert titles(api, sid) == ["c", "a", "b"]
    assert titles(api, sid, {"sort": "title"}) == ["a", "b", "c"]
    assert titles(api, sid, {"sort": "-title"}) == ["c", "b", "a"]
    assert titles(api, sid, {"sort": "amount"}) == ["c", "b", "a"]  # NULLs last
    assert titles(api, sid, {"sort": "-amount"}) == ["b", "c", "a"]
    assert titles(api, sid, {"sort": "createdAt"}) == ["a", "c", "b"]
    assert titles(api, sid, {"sort": "-createdAt"}) == ["b", "c", "a"]
    assert titles(api, sid, {"sort": "updatedAt"}) == ["a", "c", "b"]
    assert titles(api, sid, {"sort": "-commented"}) == ["b", "c", "a"]
    assert titles(api, sid, {"sort": "title", "limit": 1, "offset": 1}) == ["b"]


def test_list_of_an_empty_status(api, funnel):
    s = statuses(api, funnel["id"])[2]["id"]
    assert list_deals(api, s) == ([], False)

"""/crm/funnels/{funnelId}/statuses and /crm/statuses/{id}: list (the funnel's order),
create (appended), get, update (partial, answers the status), delete (its deals move in
order to the end of the funnel's first other status; a funnel's last status cannot go), the
PHP client's legacy move {previousStatusId}; dealsCount/dealsAmount; 404 shapes and workspace
isolation (src/api/crm/crm_funnels.c)."""
import random

import pytest

from weeekd_http import REQUIRED, assert_404, assert_422, assert_envelope

from crm_util import (BAD_SLUGS, SLUG, assert_bare_success, deal_order, member_id, new_deal,
                      new_funnel, new_status, statuses)

STATUS_KEYS = {"id", "creatorId", "name", "dealsCount", "dealsAmount", "createdAt", "updatedAt"}


def get(api, sid):
    return assert_envelope("GET", "/crm/statuses/{id}", api.get(f"/crm/statuses/{sid}"))["status"]


def order(api, fid):
    return [s["id"] for s in statuses(api, fid)]


def move(api, sid, **body):
    assert_bare_success(api.post(f"/crm/statuses/{sid}/move", json=body))


@pytest.fixture
def funnel(api):
    return new_funnel(api)["id"]


def test_create_appends_and_answers_the_status(api, funnel):
    s = new_status(api, funnel, "Won")
    assert set(s) == STATUS_KEYS and SLUG.fullmatch(s["id"])
    assert s["name"] == "Won" and s["creatorId"] == member_id(api)
    assert s["dealsCount"] == 0 and s["dealsAmount"] == 0
    assert order(api, funnel)[-1] == s["id"] and len(order(api, funnel)) == 4
    assert get(api, s["id"]) == s


def test_create_requires_a_name(api, funnel):
    for body in ({}, {"name": ""}, {"name": None}):
        assert_422(api.post(f"/crm/funnels/{funnel}/statuses", json=body), {"name": [REQUIRED]})
    assert_422(api.post(f"/crm/funnels/{funnel}/statuses", json={"name": "x" * 256}),
               {"name": ["The name must not be greater than 255 characters."]})


def test_update_is_partial_and_answers_the_status(api, funnel):
    sid = order(api, funnel)[0]
    r = api.put(f"/crm/statuses/{sid}", json={"name": "Lead"})
    s = assert_envelope("PUT", "/crm/statuses/{id}", r)["status"]
    assert s["name"] == "Lead" and get(api, sid) == s
    r = api.put(f"/crm/statuses/{sid}", json={})
    assert assert_envelope("PUT", "/crm/statuses/{id}", r)["status"]["name"] == "Lead"
    assert_422(api.put(f"/crm/statuses/{sid}", json={"name": " "}), {"name": [REQUIRED]})


def test_deals_count_and_amount(api, funnel):
    sid = order(api, funnel)[1]
    new_deal(api, sid, amount=1.25)
    new_deal(api, sid, amount="2")
    new_deal(api, sid)
    s = get(api, sid)
    assert s["dealsCount"] == 3 and s["dealsAmount"] == 3.25
    assert [x for x in statuses(api, funnel) if x["id"] == sid][0] == s


def test_delete_moves_deals_in_order_to_the_end_of_the_first_other_status(api, funnel):
    first, second, _ = order(api, funnel)
    keep = [new_deal(api, first, title=f"k{i}")["id"] for i in range(2)][::-1]
    moved = [new_deal(api, second, title=f"m{i}")["id"] for i in range(3)][::-1]
    assert_bare_success(api.delete(f"/crm/statuses/{second}"))
    assert_404(api.get(f"/crm/statuses/{second}"))
    assert deal_order(api, first) == keep + moved
    assert len(order(api, funnel)) == 2
    # deleting the first status sends its deals to the next one
    third = order(api, funnel)[1]
    assert_bare_success(api.delete(f"/crm/statuses/{first}"))
    assert deal_order(api, third) == keep + moved


def test_the_last_status_cannot_be_deleted(api, funnel):
    sids = order(api, funnel)
    for sid in sids[1:]:
        assert_bare_success(api.delete(f"/crm/statuses/{sid}"))
    r = api.delete(f"/crm/statuses/{sids[0]}")
    assert_422(r, {"id": ["A funnel must keep at least one status."]})
    assert order(api, funnel) == sids[:1]


@pytest.mark.parametrize("bad", BAD_SLUGS)
def test_missing_status_is_404_for_every_method(api, bad):
    for method, path, body in [("GET", "", None), ("PUT", "", {"name": "x"}),
                               ("DELETE", "", None), ("POST", "/move", {}),
                               ("GET", "/deals", None), ("POST", "/deals", {})]:
        assert_404(api.request(method, f"/crm/statuses/{bad}{path}", json=body))


def test_another_workspace_sees_nothing_and_changes_nothing(api, api_b, funnel):
    sid = order(api, funnel)[0]
    before = get(api, sid)
    assert_404(api_b.get(f"/crm/statuses/{sid}"))
    assert_404(api_b.put(f"/crm/statuses/{sid}", json={"name": "x"}))
    assert_404(api_b.post(f"/crm/statuses/{sid}/move", json={}))
    assert_404(api_b.delete(f"/crm/statuses/{sid}"))
    assert_404(api_b.post(f"/crm/funnels/{funnel}/statuses", json={"name": "x"}))
    assert_404(api_b.get(f"/crm/statuses/{sid}/deals"))
    assert_404(api_b.post(f"/crm/statuses/{sid}/deals", json={"title": "x"}))
    assert get(api, sid) == before and len(order(api, funnel)) == 3


def test_move_null_or_absent_is_first(api, funnel):
    a, b, c = order(api, funnel)
    move(api, c)
    assert order(api, funnel) == [c, a, b]
    move(api, c, previousStatusId=b)
    assert order(api, funnel) == [a, b, c]
    move(api, b, previousStatusId=None)
    assert order(api, funnel) == [b, a, c]


def test_move_after_a_status_of_another_funnel_is_422(api, api_b, funnel):
    other = order(api, new_funnel(api)["id"])[0]
    theirs = order(api_b, new_funnel(api_b)["id"])[0]
    sid = order(api, funnel)[0]
    for bad in (other, theirs, "nope"):
        assert_422(api.post(f"/crm/statuses/{sid}/move", json={"previousStatusId": bad}),
                   {"previousStatusId": ["The selected previous status id is invalid."]})


def test_long_random_moves_keep_a_dense_stable_order(api, funnel):
    ref = order(api, funnel) + [new_status(api, funnel, f"s{i}")["id"] for i in range(4)]
    rng = random.Random(11)
    for _ in range(50):
        sid = rng.choice(ref)
        after = rng.choice([None] + ref)
        move(api, sid, previousStatusId=after)
        if after != sid:
            ref.remove(sid)
            ref.insert(0 if after is None else ref.index(after) + 1, sid)
        assert order(api, funnel) == ref
    gone = ref.pop(3)
    assert_bare_success(api.delete(f"/crm/statuses/{gone}"))
    assert order(api, funnel) == ref
    move(api, ref[-1])
    assert order(api, funnel) == [ref[-1]] + ref[:-1]

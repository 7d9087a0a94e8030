"""/crm/funnels: list, create (slug id, three default statuses, the creator as team), get,
update (partial, answers the funnel), delete (statuses and deals go with it), the PHP
client's legacy move {previousFunnelId} and bookmark toggle; dealsCount/dealsAmount from
the deals; 404 shapes for every method and workspace isolation (src/api/crm/crm_funnels.c)."""
import random

import pytest

from weeekd_http import REQUIRED, assert_404, assert_422, assert_envelope

from crm_util import (BAD_SLUGS, DEFAULT_STATUSES, SLUG, assert_bare_success, first_status,
                      member_id, new_deal, new_funnel, statuses)

FUNNEL_KEYS = {"id", "creatorId", "currencyId", "name", "logo", "dealsCount", "dealsAmount",
               "isPrivate", "isBookmarked", "createdAt", "updatedAt", "team", "customFields"}


def funnels(api):
    return assert_envelope("GET", "/crm/funnels", api.get("/crm/funnels"))["funnels"]


def order(api):
    return [f["id"] for f in funnels(api)]


def get(api, fid):
    return assert_envelope("GET", "/crm/funnels/{id}", api.get(f"/crm/funnels/{fid}"))["funnel"]


def move(api, fid, **body):
    assert_bare_success(api.post(f"/crm/funnels/{fid}/move", json=body))


def test_create_answers_the_full_funnel_with_a_slug_id(api):
    f = new_funnel(api, "Sales", isPrivate=True)
    assert set(f) == FUNNEL_KEYS
    assert SLUG.fullmatch(f["id"])
    assert f["name"] == "Sales" and f["isPrivate"] is True and f["isBookmarked"] is False
    assert f["logo"] is None and f["customFields"] == []
    assert f["dealsCount"] == 0 and f["dealsAmount"] == 0
    me = member_id(api)
    assert f["creatorId"] == me and f["team"] == [me]
    assert f["createdAt"].endswith("Z") and len(f["createdAt"]) == 20


def test_ids_are_distinct_slugs(api):
    ids = {new_funnel(api)["id"] for _ in range(20)}
    assert len(ids) == 20 and all(SLUG.fullmatch(i) for i in ids)


def test_new_funnel_has_the_default_statuses(api):
    f = new_funnel(api)
    assert [s["name"] for s in statuses(api, f["id"])] == DEFAULT_STATUSES


@pytest.mark.parametrize("value,expected", [(True, True), (1, True), ("1", True), (0, False),
                                            (False, False), ("false", False)])
def test_is_private_takes_booleans_and_0_1(api, value, expected):
    assert new_funnel(api, isPrivate=value)["isPrivate"] is expected


def test_create_requires_a_name(api):
    for body in ({}, {"name": ""}, {"name": "   "}, {"name": None}):
        assert_422(api.post("/crm/funnels", json=body), {"name": [REQUIRED]})


def test_create_name_over_255_is_422(api):
    r = api.post("/crm/funnels", json={"name": "x" * 256})
    assert_422(r, {"name": ["The name must not be greater than 255 characters."]})
    assert new_funnel(api, "ы" * 255)["name"] == "ы" * 255


def test_unknown_keys_like_color_are_ignored(api):
    f = new_funnel(api, color="#ff0000", dealsCount=99, id="AAAAAAAAAAAAAAAA")
    assert "color" not in f and f["dealsCount"] == 0 and f["id"] != "AAAAAAAAAAAAAAAA"


def test_list_is_in_creation_order_and_get_matches(fresh_ws):
    api = fresh_ws
    made = [new_funnel(api, f"f{i}") for i in range(3)]
    assert order(api) == [f["id"] for f in made]
    for f in made:
        assert get(api, f["id"]) == f


def test_update_is_partial_and_answers_the_funnel(api):
    f = new_funnel(api, "before", currencyId=3)
    r = api.put(f"/crm/funnels/{f['id']}", json={"name": "after"})
    g = assert_envelope("PUT", "/crm/funnels/{id}", r)["funnel"]
    assert g["name"] == "after" and g["currencyId"] == 3 and g["isPrivate"] is False
    r = api.put(f"/crm/funnels/{f['id']}", json={"isPrivate": 1, "currencyId": 2})
    g = assert_envelope("PUT", "/crm/funnels/{id}", r)["funnel"]
    assert g["name"] == "after" and g["currencyId"] == 2 and g["isPrivate"] is True
    assert get(api, f["id"]) == g


@pytest.mark.parametrize("body", [None, b"", b"[]", b"{}", b"null"])
def test_update_with_an_empty_body_changes_nothing(api, body):
    f = new_funnel(api, "same")
    r = api.put(f"/crm/funnels/{f['id']}", data=body,
                headers={"Content-Type": "application/json"})
    assert assert_envelope("PUT", "/crm/funnels/{id}", r)["funnel"]["name"] == "same"


def test_update_with_a_blank_name_is_422(api):
    f = new_funnel(api)
    assert_422(api.put(f"/crm/funnels/{f['id']}", json={"name": ""}), {"name": [REQUIRED]})
    assert_422(api.put(f"/crm/funnels/{f['id']}", json={"currencyId": 42}),
               {"currencyId": ["The selected currency id is invalid."]})


def test_deals_count_and_amount_follow_the_deals(api):
    f = new_funnel(api)
    sts = statuses(api, f["id"])
    new_deal(api, sts[0]["id"], amount=100.5)
    new_deal(api, sts[1]["id"], amount=20)
    new_deal(api, sts[1]["id"])
    g = get(api, f["id"])
    assert g["dealsCount"] == 3 and g["dealsAmount"] == 120.5
    assert [f2 for f2 in funnels(api) if f2["id"] == f["id"]][0] == g


def test_delete_takes_statuses_and_deals_with_it(api, fresh_ws):
    api = fresh_ws
    f = new_funnel(api)
    keep = new_funnel(api, "keep")
    sid = first_status(api, f["id"])
    d = new_deal(api, sid, title="gone")
    assert_bare_success(api.delete(f"/crm/funnels/{f['id']}"))
    assert_404(api.get(f"/crm/funnels/{f['id']}"))
    assert_404(api.get(f"/crm/statuses/{sid}"))
    assert_404(api.get(f"/crm/deals/{d['id']}"))
    assert order(api) == [keep["id"]]
    assert_404(api.delete(f"/crm/funnels/{f['id']}"))


@pytest.mark.parametrize("bad", BAD_SLUGS)
def test_missing_funnel_is_404_for_every_method(api, bad):
    for method, path, body in [("GET", "", None), ("PUT", "", {"name": "x"}),
                               ("DELETE", "", None), ("POST", "/move", {}),
                               ("POST", "/bookmark", None), ("GET", "/statuses", None),
                               ("POST", "/statuses", {"name": "x"})]:
        assert_404(api.request(method, f"/crm/funnels/{bad}{path}", json=body))


def test_another_workspace_sees_nothing_and_changes_nothing(api, api_b):
    f = new_funnel(api, "mine")
    fid = f["id"]
    assert fid not in order(api_b)
    assert_404(api_b.get(f"/crm/funnels/{fid}"))
    assert_404(api_b.put(f"/crm/funnels/{fid}", json={"name": "theirs"}))
    assert_404(api_b.post(f"/crm/funnels/{fid}/bookmark"))
    assert_404(api_b.post(f"/crm/funnels/{fid}/move", json={}))
    assert_404(api_b.get(f"/crm/funnels/{fid}/statuses"))
    assert_404(api_b.delete(f"/crm/funnels/{fid}"))
    assert get(api, fid) == f
    # a funnel of B as the move target of A's funnel: it names nothing here
    theirs = new_funnel(api_b)
    assert_422(api.post(f"/crm/funnels/{fid}/move", json={"previousFunnelId": theirs["id"]}),
               {"previousFunnelId": ["The selected previous funnel id is invalid."]})


def test_bookmark_toggles(api):
    f = new_funnel(api)
    assert_bare_success(api.post(f"/crm/funnels/{f['id']}/bookmark"))
    assert get(api, f["id"])["isBookmarked"] is True
    assert_bare_success(api.post(f"/crm/funnels/{f['id']}/bookmark", data=b"[]"))
    assert get(api, f["id"])["isBookmarked"] is False


def test_move_null_or_absent_is_first(fresh_ws):
    api = fresh_ws
    a, b, c = (new_funnel(api, n)["id"] for n in "abc")
    move(api, c)
    assert order(api) == [c, a, b]
    move(api, b, previousFunnelId=None)
    assert order(api) == [b, c, a]
    move(api, b, previousFunnelId=a)
    assert order(api) == [c, a, b]
    move(api, a, previousFunnelId=a)
    assert order(api) == [c, a, b]


def test_move_to_a_missing_funnel_is_422(api):
    f = new_funnel(api)
    for bad in ("AAAAAAAAAAAAAAAA", "nope"):
        assert_422(api.post(f"/crm/funnels/{f['id']}/move", json={"previousFunnelId": bad}),
                   {"previousFunnelId": ["The selected previous funnel id is invalid."]})


def test_long_random_moves_keep_a_dense_stable_order(fresh_ws):
    api = fresh_ws
    ref = [new_funnel(api, f"f{i}")["id"] for i in range(6)]
    rng = random.Random(7)
    for _ in range(40):
        fid = rng.choice(ref)
        after = rng.choice([None] + ref)
        move(api, fid, previousFunnelId=after)
        if after != fid:
            ref.remove(fid)
            ref.insert(0 if after is None else ref.index(after) + 1, fid)
        assert order(api) == ref
    gone = ref.pop(2)
    assert_bare_success(api.delete(f"/crm/funnels/{gone}"))
    assert order(api) == ref

"""Deal amounts are bounded to ±1e15 (issue 13 item 8): two deals near the largest double
summed to infinity, and from then on every funnel and status read of the workspace failed
(503 "busy" on SQLite, 422 with empty errors on PostgreSQL). Past the bound is a 422 on
create, PUT and PATCH; funnel totals stay finite; migration 0009 clamps amounts a store
held before the bound."""
import pytest

from weeekd_http import assert_422, cli_ok
from weeekd_http import store_sql

from crm_util import first_status, new_deal, new_funnel

MAX = 1e15
ERR = {"amount": ["The amount must be between -1000000000000000 and 1000000000000000."]}


@pytest.mark.parametrize("amount", [1.7976931348623157e308, 1e15 * 1.0000001, -2e15,
                                    "1e300", " -1e16 "], ids=repr)
def test_an_amount_past_the_bound_is_422_on_create(api, amount):
    sid = first_status(api, new_funnel(api)["id"])
    assert_422(api.post(f"/crm/statuses/{sid}/deals", json={"amount": amount}), ERR)


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_an_amount_past_the_bound_is_422_on_update_and_changes_nothing(api, method):
    sid = first_status(api, new_funnel(api)["id"])
    d = new_deal(api, sid, amount=5)
    assert_422(api.request(method, f"/crm/deals/{d['id']}", json={"amount": 2e15}), ERR)
    assert api.get(f"/crm/deals/{d['id']}").json()["deal"]["amount"] == 5


def test_amounts_at_the_bound_sum_and_every_funnel_read_still_works(api):
    f = new_funnel(api)
    sid = first_status(api, f["id"])
    for amount in (MAX, MAX, "1000000000000000", -MAX):
        new_deal(api, sid, amount=amount)
    for path in ("/crm/funnels", f"/crm/funnels/{f['id']}", f"/crm/funnels/{f['id']}/statuses",
                 f"/crm/statuses/{sid}"):
        r = api.get(path)
        assert r.status_code == 200, (path, r.text)
    one = api.get(f"/crm/funnels/{f['id']}").json()["funnel"]
    assert one["dealsAmount"] == 2 * MAX


def test_migration_0009_clamps_amounts_stored_before_the_bound(api, server):
    sid = first_status(api, new_funnel(api)["id"])
    ids = [new_deal(api, sid, amount=n)["id"] for n in (1, 2, 12.5)]
    for did, amount in zip(ids, ("1.7976931348623157e308", "-1e300", "12.5")):
        store_sql(server.db, f"UPDATE deals SET amount = {amount} WHERE id = '{did}'")
    # the store now holds what a weeekd before the bound could have written
    store_sql(server.db, "DELETE FROM schema_version WHERE version = 9")
    cli_ok("migrate", "--db", server.db)
    got = [api.get(f"/crm/deals/{did}").json()["deal"]["amount"] for did in ids]
    assert got == [MAX, -MAX, 12.5]

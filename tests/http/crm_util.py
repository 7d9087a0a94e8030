"""Helpers shared by the CRM tests (test_crm_*.py): creating funnels, statuses and deals,
the error shapes the CRM answers, and rows written straight into the store for the tables
another part of weeekd owns (organizations, contacts)."""
import re

from weeekd_http import assert_envelope, store_sql, validate_success
# these moved to weeekd_http; still importable from here (the CRM suites of other branches do)
from weeekd_http import REQUIRED, assert_404, assert_422  # noqa: F401

SLUG = re.compile(r"[A-Za-z0-9]{16}")
DEFAULT_STATUSES = ["New", "In progress", "Done"]
BAD_SLUGS = ["AAAAAAAAAAAAAAAA", "short", "x" * 17, "abc-defghijklmno", "0", "%20"]


def assert_bare_success(r):
    assert r.status_code == 200, r.text
    assert r.content == b'{"success":true}'


def new_funnel(api, name="funnel", **fields):
    r = api.post("/crm/funnels", json={"name": name, **fields})
    return assert_envelope("POST", "/crm/funnels", r)["funnel"]


def statuses(api, fid):
    r = api.get(f"/crm/funnels/{fid}/statuses")
    return assert_envelope("GET", "/crm/funnels/{funnelId}/statuses", r)["statuses"]


def first_status(api, fid):
    return statuses(api, fid)[0]["id"]


def new_status(api, fid, name="status"):
    r = api.post(f"/crm/funnels/{fid}/statuses", json={"name": name})
    return assert_envelope("POST", "/crm/funnels/{funnelId}/statuses", r)["status"]


def new_deal(api, sid, **fields):
    r = api.post(f"/crm/statuses/{sid}/deals", json=fields)
    return assert_envelope("POST", "/crm/statuses/{statusId}/deals", r)["deal"]


def get_deal(api, did):
    r = api.get(f"/crm/deals/{did}")
    return assert_envelope("GET", "/crm/deals/{id}", r)["deal"]


def list_deals(api, sid, params=None):
    """(deals, hasMoreDeals); checks the body is exactly those keys and every deal valid."""
    r = api.get(f"/crm/statuses/{sid}/deals", params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"success", "deals", "hasMoreDeals"}
    assert body["success"] is True and isinstance(body["hasMoreDeals"], bool)
    validate_success("GET", "/crm/statuses/{statusId}/deals", body)
    return body["deals"], body["hasMoreDeals"]


def deal_order(api, sid):
    ids, offset = [], 0
    while True:
        deals, more = list_deals(api, sid, {"limit": 100, "offset": offset})
        ids += [d["id"] for d in deals]
        offset += len(deals)
        if not more:
            return ids


def member_id(api):
    r = api.get("/user/me")
    assert r.status_code == 200, r.text
    return r.json()["user"]["id"]


def ws_id(server, title):
    return int(store_sql(server.db, f"SELECT id FROM workspaces WHERE title = '{title}'")[0][0])


def new_organization(server, ws="A"):
    """An organization of workspace ws, made through the API."""
    r = server.api(ws).post("/crm/organizations", json={"name": "org"})
    assert r.status_code == 200, r.text
    return r.json()["organization"]["id"]


def new_contact(server, ws="A"):
    r = server.api(ws).post("/crm/contacts", json={"firstName": "contact"})
    assert r.status_code == 200, r.text
    return r.json()["contact"]["id"]


def sql(server, statement):
    return store_sql(server.db, statement)

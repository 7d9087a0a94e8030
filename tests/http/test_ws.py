"""GET /ws: the workspace the token belongs to (spec Workspace schema)."""
from weeekd_http import Api, assert_envelope, openapi_doc, provision, unique

WS_FIELDS = set(openapi_doc()["components"]["schemas"]["Workspace"]["properties"])


def ws(api):
    return assert_envelope("GET", "/ws", api.get("/ws"))["workspace"]


def test_ws_has_every_spec_workspace_field_with_its_type(api):
    w = ws(api)
    assert set(w) == WS_FIELDS
    assert isinstance(w["id"], int) and not isinstance(w["id"], bool) and w["id"] >= 1
    assert w["title"] == "A"
    assert w["description"] is None
    assert w["isPersonal"] is False
    assert w["logo"] is None


def test_ws_of_a_member_token_is_the_same_workspace(api, api_member):
    assert ws(api_member) == ws(api)


def test_ws_of_another_workspace_token_is_that_workspace(api, api_b):
    a, b = ws(api), ws(api_b)
    assert b["title"] == "B"
    assert b["id"] != a["id"]


def test_ws_of_a_fresh_workspace_has_the_init_name(fresh_ws):
    assert ws(fresh_ws)["title"] == fresh_ws.name


def test_ws_title_keeps_unicode_exactly(server):
    name = unique("Рабочее пространство ✓ 日本")
    token = provision(server.db, name, "owner@unicode.test")
    assert ws(Api(server.base, token))["title"] == name


def test_ws_ignores_query_parameters(api):
    r = api.get("/ws?expand=1")
    assert r.status_code == 200
    assert r.json()["workspace"]["title"] == "A"

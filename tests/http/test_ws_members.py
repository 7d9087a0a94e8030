"""GET /ws/members: every member of the token's workspace (spec Member schema), not paginated."""
import uuid

from weeekd_http import assert_envelope, cli_ok, openapi_doc

MEMBER_FIELDS = set(openapi_doc()["components"]["schemas"]["Member"]["properties"])
# lastActivityDate only appears in an old docs example and is optional
EMITTED = MEMBER_FIELDS - {"lastActivityDate"}


def members(api, query=""):
    return assert_envelope("GET", "/ws/members", api.get("/ws/members" + query))["members"]


def test_members_lists_owner_then_member_with_spec_fields(api):
    ms = members(api)
    assert [m["email"] for m in ms] == ["owner@a.test", "member@a.test"]
    for m in ms:
        assert set(m) == EMITTED
        assert str(uuid.UUID(m["id"])) == m["id"]
        assert m["logo"] is None and m["middleName"] is None and m["position"] is None
        assert isinstance(m["timeZone"], str) and m["timeZone"]
    assert len({m["id"] for m in ms}) == 2


def test_member_names_come_from_the_cli_name(api):
    owner, member = members(api)
    assert (owner["firstName"], owner["lastName"]) == ("Ada", "Owner")
    assert (member["firstName"], member["lastName"]) == (None, None)


def test_member_ids_match_user_me_of_each_token(api, api_member):
    ids = {m["email"]: m["id"] for m in members(api)}
    assert ids["owner@a.test"] == api.get("/user/me").json()["user"]["id"]
    assert ids["member@a.test"] == api_member.get("/user/me").json()["user"]["id"]


def test_members_ignores_limit_query_parameter(api):
    assert members(api, "?limit=1") == members(api)


def test_members_seen_by_a_member_token_are_the_same(api, api_member):
    assert members(api_member) == members(api)


def test_fresh_workspace_has_only_its_owner(fresh_ws):
    ms = members(fresh_ws)
    assert [m["email"] for m in ms] == [fresh_ws.email]
    assert (ms[0]["firstName"], ms[0]["lastName"]) == ("Fresh", "Owner")


def test_member_added_by_cli_appears_in_the_list(server, fresh_ws):
    cli_ok("member", "add", "--db", server.db, "--workspace", fresh_ws.name, "--email",
           "new@fresh.test", "--name", "New Person")
    ms = members(fresh_ws)
    assert [m["email"] for m in ms] == [fresh_ws.email, "new@fresh.test"]
    assert (ms[1]["firstName"], ms[1]["lastName"]) == ("New", "Person")


def test_same_email_may_be_a_member_of_two_workspaces(server, fresh_ws, api):
    cli_ok("member", "add", "--db", server.db, "--workspace", fresh_ws.name, "--email",
           "member@a.test")
    fresh_ids = {m["email"]: m["id"] for m in members(fresh_ws)}
    a_ids = {m["email"]: m["id"] for m in members(api)}
    assert fresh_ids["member@a.test"] != a_ids["member@a.test"]

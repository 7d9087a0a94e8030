"""Tenant isolation: a token reaches only its own workspace's rows; another workspace's ids
look exactly like ids that do not exist."""
from weeekd_http import RECORD_NOT_FOUND


def test_other_workspace_cannot_get_a_tag_and_sees_record_not_found(api, api_b):
    tag = api.create_tag("A secret")
    r = api_b.get(f"/ws/tags/{tag['id']}")
    assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND


def test_other_workspace_cannot_update_a_tag_and_it_stays_unchanged(api, api_b):
    tag = api.create_tag("A keeps this", color="#111111")
    r = api_b.put(f"/ws/tags/{tag['id']}", json={"title": "hijacked", "color": "#ffffff"})
    assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND
    assert api.get(f"/ws/tags/{tag['id']}").json()["tag"] == tag


def test_other_workspace_cannot_delete_a_tag_and_it_stays(api, api_b):
    tag = api.create_tag("A survives")
    r = api_b.delete(f"/ws/tags/{tag['id']}")
    assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND
    assert api.get(f"/ws/tags/{tag['id']}").json()["tag"] == tag


def test_other_workspace_does_not_see_tags_in_its_list(api, api_b):
    tag = api.create_tag("A only")
    assert tag["id"] not in api_b.tag_ids()
    assert tag["id"] in api.tag_ids()


def test_tags_created_elsewhere_stay_out_of_a_fresh_workspace(api, fresh_ws):
    a_tag = api.create_tag("from A")
    fresh_tag = fresh_ws.create_tag("from fresh")
    assert fresh_ws.tag_ids() == [fresh_tag["id"]]
    assert fresh_tag["id"] not in api.tag_ids()
    assert a_tag["id"] in api.tag_ids()


def test_same_title_in_two_workspaces_is_two_independent_tags(api, api_b):
    a = api.create_tag("Shared name")
    b = api_b.create_tag("Shared name")
    assert a["id"] != b["id"]
    assert api_b.delete(f"/ws/tags/{b['id']}").status_code == 200
    assert api.get(f"/ws/tags/{a['id']}").json()["tag"] == a


def test_member_token_sees_and_edits_its_workspace_tags(api, api_member):
    tag = api.create_tag("team tag")
    assert api_member.get(f"/ws/tags/{tag['id']}").json()["tag"] == tag
    assert tag["id"] in api_member.tag_ids()
    mine = api_member.create_tag("made by member")
    assert api.get(f"/ws/tags/{mine['id']}").json()["tag"] == mine


def test_other_workspace_sees_only_its_own_workspace_user_and_members(api_b):
    assert api_b.get("/ws").json()["workspace"]["title"] == "B"
    assert api_b.get("/user/me").json()["user"]["email"] == "owner@b.test"
    emails = [m["email"] for m in api_b.get("/ws/members").json()["members"]]
    assert emails == ["owner@b.test"]

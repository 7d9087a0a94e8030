"""The admin API's workspaces (issue 14, item 2): POST /_weeekd/workspaces makes a workspace
with its owner and a token that works at once, DELETE removes it with everything in it,
POST .../reset empties it of data and keeps members and tokens; all of /_weeekd/ is 404
without --admin-token and 401 without its bearer token."""
import re
import subprocess
import uuid

import pytest

from admin_kit import ADMIN_TOKEN, Admin
from iso_world import World, snapshot
from weeekd_http import (cli_ok, ROOT, UNAUTH_BODY, Api, Server, Store, assert_404, assert_422, provision,
                         store_sql, unique)

KEPT = {"workspaces", "members", "api_tokens", "snapshots"}
TOKEN_RE = re.compile(r"^wk_[A-Za-z0-9]{43}$")


class AdminServer:
    def __init__(self, store, srv):
        self.db = store.url
        self.base = srv.base
        self.srv = srv


@pytest.fixture(scope="module")
def adm(backend, tmp_path_factory):
    """A store of the backend served twice: with --admin-token and without."""
    d = tmp_path_factory.mktemp(f"admin-{backend}")
    store = Store(backend, d)
    cli_ok("migrate", "--db", store.url)  # serve refuses a store that does not exist
    on = off = None
    try:
        on = Server(store.url, d / "on.log", ["--admin-token", ADMIN_TOKEN]).wait_ready()
        off = Server(store.url, d / "off.log").wait_ready()
        yield AdminServer(store, on), AdminServer(store, off)
        assert on.stop() == 0, on.log_text()
        assert off.stop() == 0, off.log_text()
    finally:
        for s in (on, off):
            if s is not None:
                s.kill()
        store.drop()


@pytest.fixture
def admin(adm):
    a = Admin(adm[0].base)
    yield a
    a.close()


def ws_id(db, name):
    return int(store_sql(db, f"SELECT id FROM workspaces WHERE title = '{name}'")[0][0])


ADMIN_CALLS = [("POST", "/workspaces", {"name": "x", "email": "a@b.c"}),
               ("DELETE", "/workspaces/x", None), ("POST", "/workspaces/x/reset", None),
               ("GET", "/workspaces", None), ("GET", "", None), ("GET", "/nothing", None)]


@pytest.mark.parametrize("method,path,body", ADMIN_CALLS)
def test_every_admin_path_is_404_without_admin_token(adm, method, path, body):
    plain = Admin(adm[1].base)
    for token in (ADMIN_TOKEN, None):
        r = plain.call(method, path, token=token, json=body)
        assert r.status_code == 404, r.text
        # the answer of any unknown route (the route is named without its leading slash)
        assert r.json() == {"success": False,
                            "message": f"The route _weeekd{path} could not be found."}


@pytest.mark.parametrize("token", [None, "wrong", ADMIN_TOKEN + "x", ADMIN_TOKEN[:-1]])
def test_admin_routes_need_the_admin_bearer_token(admin, token):
    for method, path, body in ADMIN_CALLS[:3]:
        r = admin.call(method, path, token=token, json=body)
        assert r.status_code == 401, r.text
        assert r.json() == UNAUTH_BODY


def test_an_api_token_is_not_an_admin_token(admin):
    api, _ = admin.create_ws(unique("ci"))
    r = admin.call("POST", "/workspaces", token=api.token, json={"name": unique("x"),
                                                                  "email": "a@b.c"})
    assert r.status_code == 401 and r.json() == UNAUTH_BODY


def test_admin_token_does_not_open_the_weeek_api(adm):
    r = Api(adm[0].base, ADMIN_TOKEN).get("/ws/tags")
    assert r.status_code == 401 and r.json() == UNAUTH_BODY


def test_created_workspace_is_owned_by_the_email_and_its_token_works_at_once(adm, admin):
    name = unique("ci")
    api, body = admin.create_ws(name, "bot@example.com")
    assert set(body) == {"success", "workspace", "token"}
    assert set(body["workspace"]) == {"id", "name"}
    assert body["workspace"]["id"] == ws_id(adm[0].db, name)
    assert TOKEN_RE.match(body["token"]), body["token"]
    r = api.get("/user/me")
    assert r.status_code == 200 and r.json()["user"]["email"] == "bot@example.com"
    members = api.get("/ws/members").json()["members"]
    assert [m["email"] for m in members] == ["bot@example.com"]
    assert api.get("/ws").json()["workspace"]["title"] == name
    assert api.get("/ws/tags").json()["tags"] == []
    # the server without the admin API serves it too: the workspace is in the store
    assert Api(adm[1].base, body["token"]).get("/ws/tags").status_code == 200


def test_a_taken_name_is_422_and_changes_nothing(adm, admin):
    name = unique("ci")
    first, _ = admin.create_ws(name)
    r = admin.call("POST", "/workspaces", json={"name": name, "email": "other@example.com"})
    assert_422(r, {"name": ["The name has already been taken."]})
    assert first.get("/ws/members").json()["members"][0]["email"] == "bot@example.com"
    # a name made with the CLI is taken too
    cli_name = unique("cli")
    provision(adm[0].db, cli_name, "cli@example.com")
    r = admin.call("POST", "/workspaces", json={"name": cli_name, "email": "a@b.c"})
    assert_422(r, {"name": ["The name has already been taken."]})


@pytest.mark.parametrize("body,errors", [
    ({}, {"name": ["The field is required."], "email": ["The field is required."]}),
    ({"name": "n", "email": "not-an-email"},
     {"email": ["The email must be a valid email address."]}),
    ({"name": "n", "email": "a@b.c", "seed": "lots"}, {"seed": ["The selected seed is invalid."]}),
    ({"name": "n", "email": "a@b.c", "token": "wk_short"},
     {"token": ["The token must be \"wk_\" and 43 letters or digits."]}),
    ({"name": "n", "email": "a@b.c", "token": "xx_" + "a" * 43},
     {"token": ["The token must be \"wk_\" and 43 letters or digits."]}),
    ({"name": "x" * 256, "email": "a@b.c"},
     {"name": ["The name must not be greater than 255 characters."]}),
])
def test_a_bad_workspace_body_is_422(admin, body, errors):
    r = admin.call("POST", "/workspaces", json=body)
    assert_422(r, errors)


def test_a_malformed_json_body_is_400(admin):
    r = admin.call("POST", "/workspaces", data=b"{nope")
    assert r.status_code == 400 and r.json()["success"] is False


def test_a_fixed_token_is_the_workspaces_token_and_cannot_be_taken_twice(admin):
    token = "wk_" + uuid.uuid4().hex + "ABCDEFGHIJK"
    assert TOKEN_RE.match(token)
    api, body = admin.create_ws(unique("ci"), token=token)
    assert body["token"] == token
    assert api.get("/user/me").status_code == 200
    r = admin.call("POST", "/workspaces", json={"name": unique("ci"), "email": "a@b.c",
                                                "token": token})
    assert_422(r, {"token": ["The token has already been taken."]})


def test_seed_empty_is_the_default(admin):
    api, _ = admin.create_ws(unique("ci"), seed="empty")
    assert api.get("/tm/projects").json()["projects"] == []


def test_delete_removes_the_workspace_and_its_tokens_get_401(adm, admin):
    name = unique("ci")
    api, _ = admin.create_ws(name)
    api.create_tag("doomed")
    other, _ = admin.create_ws(unique("ci"))
    other.create_tag("kept")
    wid = ws_id(adm[0].db, name)
    r = admin.call("DELETE", f"/workspaces/{name}")
    assert r.status_code == 200 and r.content == b'{"success":true}'
    r = api.get("/ws/tags")
    assert r.status_code == 401 and r.json() == UNAUTH_BODY
    assert all(rows == [] for rows in snapshot(adm[0].db, wid).values())
    assert [t["title"] for t in other.get("/ws/tags").json()["tags"]] == ["kept"]
    # gone: a second delete, a reset and a lookup name nothing
    assert admin.call("DELETE", f"/workspaces/{name}").status_code == 404
    assert admin.call("POST", f"/workspaces/{name}/reset").status_code == 404
    # and the name is free again
    admin.create_ws(name)


def test_unknown_workspace_is_404(admin):
    for method, path in [("DELETE", "/workspaces/nope-" + uuid.uuid4().hex),
                         ("POST", "/workspaces/nope-" + uuid.uuid4().hex + "/reset")]:
        r = admin.call(method, path)
        assert_404(r)


def test_a_name_with_spaces_and_slashes_is_addressed_percent_encoded(admin):
    name = unique("a b/c")
    admin.create_ws(name)
    enc = requests_quote(name)
    assert admin.call("POST", f"/workspaces/{enc}/reset").status_code == 200
    assert admin.call("DELETE", f"/workspaces/{enc}").status_code == 200


def requests_quote(s):
    import urllib.parse
    return urllib.parse.quote(s, safe="")


def test_reset_empties_every_data_table_and_keeps_members_and_tokens(adm, admin):
    world = World(adm[0], "rst")
    bystander = World(adm[0], "bys")
    try:
        before = snapshot(adm[0].db, world.ws_id)
        filled = [t for t, rows in before.items() if rows and t not in KEPT]
        assert len(filled) >= 20, f"the world fills too few tables: {filled}"
        others = snapshot(adm[0].db, bystander.ws_id)
        r = admin.call("POST", f"/workspaces/{world.title}/reset")
        assert r.status_code == 200 and r.content == b'{"success":true}'
        after = snapshot(adm[0].db, world.ws_id)
        for t, rows in after.items():
            if t in KEPT:
                assert rows == before[t], t
            else:
                assert rows == [], f"{t} still holds {rows[:3]}"
        assert snapshot(adm[0].db, bystander.ws_id) == others
        # the same token goes on working, on an empty workspace
        assert world.api.get("/ws/tags").json()["tags"] == []
        assert world.api.get("/tm/tasks").status_code == 200
        assert len(world.api.get("/ws/members").json()["members"]) == 2
        assert world.api.create_tag("after reset")["title"] == "after reset"
    finally:
        world.close()
        bystander.close()


def test_reset_and_delete_remove_a_workspaces_comments(adm, admin):
    """Issue 19: comments are workspace data: a reset and a delete take them, another
    workspace's stay."""
    def commented(api):
        task = api.post("/tm/tasks", json={"title": "t"}).json()["task"]["id"]
        for text in ("one", "two"):
            r = api.post(f"/tm/tasks/{task}/comments", json={"markdown": text})
            assert r.status_code == 200, r.text
        return task

    def count(wid):
        return int(store_sql(adm[0].db, "SELECT COUNT(*) FROM task_comments WHERE ws_id = "
                             f"{wid}")[0][0])
    name, keep = unique("cm"), unique("cm")
    api, _ = admin.create_ws(name)
    other, _ = admin.create_ws(keep)
    commented(api)
    kept_task = commented(other)
    wid, kid = ws_id(adm[0].db, name), ws_id(adm[0].db, keep)
    assert count(wid) == 2
    assert admin.call("POST", f"/workspaces/{name}/reset").status_code == 200
    assert count(wid) == 0
    task = commented(api)
    assert [c["markdown"] for c in
            api.get(f"/tm/tasks/{task}/comments").json()["comments"]] == ["two", "one"]
    assert admin.call("DELETE", f"/workspaces/{name}").status_code == 200
    assert count(wid) == 0
    assert count(kid) == 2
    assert len(other.get(f"/tm/tasks/{kept_task}/comments").json()["comments"]) == 2


def test_reset_knows_every_table_of_the_schema():
    schema = set()
    # the SQL the build embeds (tools/schemagen.awk), so tables written by a shape count too
    for f in (ROOT / "sql/schema").glob("[0-9]*.sql"):
        sql = subprocess.run(["awk", "-v", "dialect=sqlite", "-f", str(ROOT / "tools/schemagen.awk"),
                              str(f)], capture_output=True, text=True, check=True).stdout
        schema |= set(re.findall(r"CREATE TABLE (\w+)", sql))
    src = (ROOT / "src/model/ws_admin.c").read_text()
    listed = set(re.findall(r'"(\w+)"', src.split("ws_admin_data_tables[]", 1)[1].split("};")[0]))
    assert listed == schema - KEPT

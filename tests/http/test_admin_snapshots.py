"""Snapshots of a workspace (issue 14, item 3): PUT saves the workspace's data in the store,
POST .../restore brings it back exactly (every row, the same ids; objects made since are
gone), GET lists, DELETE removes; members, tokens and other workspaces are untouched."""
import concurrent.futures
import threading
import urllib.parse

import pytest

from admin_kit import ADMIN_TOKEN, Admin
from iso_world import World, snapshot
from test_admin_workspaces import KEPT, adm  # noqa: F401 (the module's server fixture)
from weeekd_http import TIME_RE, Api, Server, Store, assert_404, cli_ok, provision, unique


@pytest.fixture
def admin(adm):  # noqa: F811
    a = Admin(adm[0].base)
    yield a
    a.close()


def data(db, ws_id):
    return {t: rows for t, rows in snapshot(db, ws_id).items() if t not in KEPT}


def test_restore_brings_every_row_back_with_the_same_ids(adm, admin):  # noqa: F811
    world = World(adm[0], "snp")
    other = World(adm[0], "oth")
    try:
        db, path = adm[0].db, f"/workspaces/{urllib.parse.quote(world.title, safe='')}"
        before = data(db, world.ws_id)
        assert sum(len(rows) for rows in before.values()) >= 30
        r = admin.call("PUT", f"{path}/snapshots/start")
        assert r.status_code == 200, r.text
        snap = r.json()["snapshot"]
        assert set(snap) == {"name", "createdAt", "bytes"} and snap["name"] == "start"
        assert TIME_RE.match(snap["createdAt"]) and snap["bytes"] > 100
        # change, add and delete things
        api, ids = world.api, world.ids
        assert api.put(f"/ws/tags/{ids['tag']}", json={"title": "renamed"}).status_code == 200
        made = api.create_tag("made since")["id"]
        assert api.delete(f"/tm/tasks/{ids['task']}").status_code == 200
        others = snapshot(db, other.ws_id)
        assert data(db, world.ws_id) != before
        r = admin.call("POST", f"{path}/snapshots/start/restore")
        assert r.status_code == 200 and r.content == b'{"success":true}', r.text
        assert data(db, world.ws_id) == before
        assert snapshot(db, other.ws_id) == others
        # a client holding ids keeps working; what was made since is gone
        r = api.get(f"/tm/tasks/{ids['task']}")
        assert r.status_code == 200 and r.json()["task"]["id"] == ids["task"]
        assert api.get(f"/ws/tags/{made}").status_code == 404
        # and new objects get ids of their own
        assert api.create_tag("after restore")["id"] not in (made, ids["tag"])
        # restoring twice is the same
        assert admin.call("POST", f"{path}/snapshots/start/restore").status_code == 200
        assert data(db, world.ws_id) == before
    finally:
        world.close()
        other.close()


def test_snapshots_are_listed_replaced_and_deleted_per_workspace(admin):
    a_name, b_name = unique("sa"), unique("sb")
    a, _ = admin.create_ws(a_name)
    admin.create_ws(b_name)
    a.create_tag("one")
    for snap in ("zeta", "alpha"):
        assert admin.call("PUT", f"/workspaces/{a_name}/snapshots/{snap}").status_code == 200
    listed = admin.call("GET", f"/workspaces/{a_name}/snapshots").json()["snapshots"]
    assert [s["name"] for s in listed] == ["alpha", "zeta"]
    assert admin.call("GET", f"/workspaces/{b_name}/snapshots").json() == {
        "success": True, "snapshots": []}
    # another workspace cannot restore a's snapshot
    assert_404(admin.call("POST", f"/workspaces/{b_name}/snapshots/alpha/restore"))
    # PUT again replaces
    a.create_tag("two")
    assert admin.call("PUT", f"/workspaces/{a_name}/snapshots/alpha").status_code == 200
    a.create_tag("three")
    admin.call("POST", f"/workspaces/{a_name}/snapshots/alpha/restore")
    assert sorted(t["title"] for t in a.get("/ws/tags").json()["tags"]) == ["one", "two"]
    # reset keeps snapshots, and a restore undoes a reset
    admin.call("POST", f"/workspaces/{a_name}/reset")
    assert len(admin.call("GET", f"/workspaces/{a_name}/snapshots").json()["snapshots"]) == 2
    admin.call("POST", f"/workspaces/{a_name}/snapshots/zeta/restore")
    assert [t["title"] for t in a.get("/ws/tags").json()["tags"]] == ["one"]
    assert admin.call("DELETE", f"/workspaces/{a_name}/snapshots/zeta").content == \
        b'{"success":true}'
    assert_404(admin.call("DELETE", f"/workspaces/{a_name}/snapshots/zeta"))
    assert_404(admin.call("POST", f"/workspaces/{a_name}/snapshots/zeta/restore"))
    assert_404(admin.call("PUT", "/workspaces/no-such-ws/snapshots/x"))
    assert_404(admin.call("GET", "/workspaces/no-such-ws/snapshots"))
    # deleting the workspace takes its snapshots with it
    assert admin.call("DELETE", f"/workspaces/{a_name}").status_code == 200
    admin.create_ws(a_name)
    assert admin.call("GET", f"/workspaces/{a_name}/snapshots").json()["snapshots"] == []


def test_snapshots_need_the_admin_token(admin):
    for method, path in [("GET", "/workspaces/x/snapshots"), ("PUT", "/workspaces/x/snapshots/s"),
                         ("POST", "/workspaces/x/snapshots/s/restore"),
                         ("DELETE", "/workspaces/x/snapshots/s")]:
        assert admin.call(method, path, token="bad").status_code == 401


@pytest.fixture(scope="module")
def small(backend, tmp_path_factory):
    """A server whose requests may use 2 MiB (the floor of --max-request-memory): a
    snapshot must not depend on it."""
    d = tmp_path_factory.mktemp(f"snap-small-{backend}")
    store = Store(backend, d)
    cli_ok("migrate", "--db", store.url)
    srv = None
    try:
        srv = Server(store.url, d / "small.log",
                     ["--admin-token", ADMIN_TOKEN, "--max-request-memory", str(2 << 20)]
                     ).wait_ready()
        yield store, srv
        assert srv.stop() == 0, srv.log_text()
    finally:
        if srv is not None:
            srv.kill()
        store.drop()


def fill(api, path, bodies):
    """POST every body, 8 at a time (each thread its own connection)."""
    local = threading.local()

    def one(body):
        if not hasattr(local, "api"):
            local.api = Api(api.base, api.token)
        r = local.api.post(path, json=body)
        assert r.status_code == 200, r.text

    with concurrent.futures.ThreadPoolExecutor(8) as ex:
        list(ex.map(one, bodies))


def test_a_snapshot_larger_than_a_request_may_use_is_saved_and_restored(small):
    """1,100 tasks with 2 KB descriptions (more than the server's 2 MiB of request memory
    once read) and 1,050 contacts: both tables are read in more than one chunk (1,000
    rows; task ids are integers, contact ids text) and come back row for row."""
    store, srv = small
    admin = Admin(srv.base)
    try:
        api, body = admin.create_ws(unique("big"))
        ws = body["workspace"]["id"]
        project = api.post("/tm/projects", json={"name": "P", "isPrivate": False})
        assert project.status_code == 200, project.text
        pid = project.json()["project"]["id"]
        text = "Отчёт за квартал, " * 110  # ~2 KB of UTF-8
        fill(api, "/tm/tasks", [{"title": f"task {i}", "projectId": pid, "description": text}
                                for i in range(1100)])
        fill(api, "/crm/contacts", [{"firstName": f"c{i}"} for i in range(1050)])
        tasks = api.get("/tm/tasks", params={"projectId": pid}).json()["tasks"]
        parent, child = tasks[0]["id"], tasks[1]["id"]
        r = api.post(f"/tm/tasks/{child}/parent", json={"parentId": parent})
        assert r.status_code == 200, r.text
        before = data(store.url, ws)
        assert len(before["tasks"]) == 1100 and len(before["contacts"]) == 1050
        path = f"/workspaces/{urllib.parse.quote(api.name, safe='')}/snapshots/big"
        r = admin.call("PUT", path)
        assert r.status_code == 200, r.text
        assert r.json()["snapshot"]["bytes"] > 2 << 20
        assert api.delete(f"/tm/tasks/{parent}").status_code == 200
        assert api.post("/crm/contacts", json={"firstName": "since"}).status_code == 200
        r = admin.call("POST", f"{path}/restore")
        assert r.status_code == 200 and r.content == b'{"success":true}', r.text
        assert data(store.url, ws) == before
        r = api.get(f"/tm/tasks/{child}")
        assert r.status_code == 200 and r.json()["task"]["parentId"] == parent
    finally:
        admin.close()


def comments(api, task):
    r = api.get(f"/tm/tasks/{task}/comments", params={"limit": 100})
    assert r.status_code == 200, r.text
    return r.json()["comments"]


def test_restore_brings_comments_back_exactly(adm, admin):  # noqa: F811
    """Issue 19: comments are part of a snapshot: the same ids, authors, replies, markdown
    and times come back; what was commented or deleted since is undone."""
    name = unique("scm")
    api, _ = admin.create_ws(name)
    member = Api(adm[0].base, provision(adm[0].db, name, "commenter@example.com", member=True))
    task = api.post("/tm/tasks", json={"title": "discussed"}).json()["task"]["id"]

    def post(a, markdown, parent=None):
        r = a.post(f"/tm/tasks/{task}/comments", json={"markdown": markdown, "parentId": parent})
        assert r.status_code == 200, r.text
        return r.json()["comment"]["id"]
    first = post(api, "  first\n")
    post(member, "a reply ✓", first)
    post(api, "second")
    before = comments(api, task)
    assert len({c["authorId"] for c in before}) == 2
    assert admin.call("PUT", f"/workspaces/{name}/snapshots/talk").status_code == 200
    r = api.delete(f"/tm/tasks/{task}/comments/{first}", check_ct=False)
    assert r.status_code == 204
    since = post(member, "made since")
    assert comments(api, task) != before
    r = admin.call("POST", f"/workspaces/{name}/snapshots/talk/restore")
    assert r.status_code == 200, r.text
    assert comments(api, task) == before
    # the restored reply still hangs under its parent, and new comments get new ids
    assert sum(1 for c in before if c["parentId"] == first) == 1
    assert post(api, "after restore") not in {c["id"] for c in before} | {since}

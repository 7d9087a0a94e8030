"""The in-memory store (issue 14, item 1): `serve --db memory:` (or sqlite::memory:) starts on
an empty store that lives as long as the process and is shared by all its threads; the
CLI commands that would write a store refuse one (it would be gone when they exit)."""
import concurrent.futures

import pytest

from admin_kit import ADMIN_TOKEN, Admin
from weeekd_http import UNAUTH_BODY, Api, Server, run_cli, unique


@pytest.fixture(params=["memory:", "sqlite::memory:"])
def mem(request, tmp_path):
    srv = Server(request.param, tmp_path / "mem.log", ["--admin-token", ADMIN_TOKEN,
                                                       "--threads", "8"]).wait_ready()
    yield srv
    assert srv.stop() == 0, srv.log_text()


def test_memory_store_serves_an_empty_store(mem):
    r = Api(mem.base).get("//healthz")
    assert r.status_code == 200 and r.json() == {"success": True, "status": "ok"}
    r = Api(mem.base, "wk_" + "a" * 43).get("/ws/tags")
    assert r.status_code == 401 and r.json() == UNAUTH_BODY


def test_memory_store_is_shared_by_every_thread(mem):
    admin = Admin(mem.base)
    api, _ = admin.create_ws("ci-1")
    titles = [f"tag {i}" for i in range(64)]

    def make(t):
        c = Api(mem.base, api.token)
        try:
            return c.create_tag(t)["id"]
        finally:
            c.close()

    with concurrent.futures.ThreadPoolExecutor(8) as ex:
        ids = list(ex.map(make, titles))
    assert len(set(ids)) == len(titles)
    tags = api.get("/ws/tags").json()["tags"]
    assert sorted(t["title"] for t in tags) == sorted(titles)
    assert {t["id"] for t in tags} == set(ids)


def test_two_memory_servers_do_not_share_a_store(tmp_path):
    a = Server("memory:", tmp_path / "a.log", ["--admin-token", ADMIN_TOKEN]).wait_ready()
    b = Server("memory:", tmp_path / "b.log", ["--admin-token", ADMIN_TOKEN]).wait_ready()
    try:
        api, _ = Admin(a.base).create_ws("same-name")
        assert api.create_tag("only in a")
        r = Api(b.base, api.token).get("/ws/tags")
        assert r.status_code == 401
        Admin(b.base).create_ws("same-name")  # the name is free in b
    finally:
        assert a.stop() == 0 and b.stop() == 0


@pytest.mark.parametrize("db", ["memory:", "sqlite::memory:"])
@pytest.mark.parametrize("args", [
    ["init", "--workspace", "w", "--email", "a@b.c"],
    ["member", "add", "--workspace", "w", "--email", "a@b.c"],
    ["token", "list"],
    ["migrate"],
])
def test_cli_refuses_a_memory_store_it_would_lose_at_exit(db, args):
    r = run_cli(*args, "--db", db)
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert r.stdout == ""
    assert "in-memory store lives only inside 'weeekd serve'" in r.stderr

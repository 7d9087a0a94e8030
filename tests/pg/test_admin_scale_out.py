"""The admin API of weeekd as a test double over two processes sharing one PostgreSQL
database (issue 14): a workspace made through one process works through the other at
once, a reset or delete through one is seen by the other, and a name taken through one is
taken for the other."""
import requests

from conftest import Client, assert_json

ADMIN = "scale-out-admin-token"


def admin(server, method, path, **kw):
    r = requests.request(method, server.base + "/_weeekd" + path, timeout=10,
                         headers={"Authorization": f"Bearer {ADMIN}"}, **kw)
    assert_json(r)
    return r


def test_workspaces_made_reset_and_deleted_through_one_process_hold_for_the_other(
        new_database, servers):
    a, b = servers(new_database(), extra_args=["--admin-token", ADMIN])
    r = admin(a, "POST", "/workspaces", json={"name": "ci-1", "email": "bot@example.com"})
    assert r.status_code == 200, r.text
    token = r.json()["token"]
    ca, cb = Client(a, token), Client(b, token)
    r = cb.call("POST", "/ws/tags", json={"title": "made through b"})
    assert r.status_code == 200, r.text
    assert [t["title"] for t in assert_json(ca.call("GET", "/ws/tags"))["tags"]] == \
        ["made through b"]
    # the name is taken for b too
    r = admin(b, "POST", "/workspaces", json={"name": "ci-1", "email": "x@example.com"})
    assert r.status_code == 422, r.text
    # reset through b: a sees an empty workspace, the token still works
    assert admin(b, "POST", "/workspaces/ci-1/reset").status_code == 200
    assert assert_json(ca.call("GET", "/ws/tags"))["tags"] == []
    # delete through a: b's clients get 401
    assert admin(a, "DELETE", "/workspaces/ci-1").status_code == 200
    r = cb.call("GET", "/ws/tags")
    assert r.status_code == 401, r.text
    assert admin(b, "DELETE", "/workspaces/ci-1").status_code == 404


def test_faults_and_the_journal_belong_to_the_process_that_holds_them(new_database, servers):
    a, b = servers(new_database(), extra_args=["--admin-token", ADMIN])
    token = admin(a, "POST", "/workspaces", json={"name": "ci-2", "email": "b@example.com"}
                  ).json()["token"]
    ca, cb = Client(a, token), Client(b, token)
    r = admin(a, "POST", "/faults", json={"path": "/ws/tags", "status": 503})
    assert r.status_code == 200, r.text
    assert ca.call("GET", "/ws/tags").status_code == 503
    assert cb.call("GET", "/ws/tags").status_code == 200
    assert admin(b, "GET", "/faults").json()["faults"] == []
    paths = [(q["path"], q["status"]) for q in admin(b, "GET", "/requests").json()["requests"]]
    assert paths == [("/public/v1/ws/tags", 200)]
    assert admin(a, "DELETE", "/faults").status_code == 200
    assert ca.call("GET", "/ws/tags").status_code == 200


def test_a_snapshot_saved_through_one_process_restores_through_the_other(new_database, servers):
    a, b = servers(new_database(), extra_args=["--admin-token", ADMIN])
    token = admin(a, "POST", "/workspaces", json={"name": "ci-3", "email": "c@example.com"}
                  ).json()["token"]
    ca, cb = Client(a, token), Client(b, token)
    kept = assert_json(ca.call("POST", "/ws/tags", json={"title": "kept"}))["tag"]
    assert admin(a, "PUT", "/workspaces/ci-3/snapshots/s").status_code == 200
    assert cb.call("POST", "/ws/tags", json={"title": "made since"}).status_code == 200
    assert [s["name"] for s in admin(b, "GET", "/workspaces/ci-3/snapshots").json()[
        "snapshots"]] == ["s"]
    assert admin(b, "POST", "/workspaces/ci-3/snapshots/s/restore").status_code == 200
    assert assert_json(ca.call("GET", "/ws/tags"))["tags"] == [kept]

"""The admin API's per-process harness (issue 14, items 5, 4 and 6): injected faults
(/_weeekd/faults) answer matching requests with a status in Weeek's error shape without
running them, or delay them; the request journal (/_weeekd/requests) records what clients
sent and got, newest first, bounded; --rate-limit answers 429 + Retry-After past N requests
per token and minute."""
import time

import pytest

from admin_kit import ADMIN_TOKEN, Admin
from weeekd_http import cli_ok, UNAUTH_BODY, Api, Server, Store, assert_422, store_sql, unique


@pytest.fixture(scope="module")
def srv(backend, tmp_path_factory):
    d = tmp_path_factory.mktemp(f"faults-{backend}")
    store = Store(backend, d)
    cli_ok("migrate", "--db", store.url)  # serve refuses a store that does not exist
    s = None
    try:
        s = Server(store.url, d / "s.log", ["--admin-token", ADMIN_TOKEN,
                                            "--journal", "20"]).wait_ready()
        s.db = store.url
        yield s
        assert s.stop() == 0, s.log_text()
    finally:
        if s is not None:
            s.kill()
        store.drop()


@pytest.fixture
def admin(srv):
    a = Admin(srv.base)
    a.call("DELETE", "/faults")
    a.call("DELETE", "/requests")
    yield a
    a.call("DELETE", "/faults")
    a.close()


@pytest.fixture
def api(admin):
    api, _ = admin.create_ws(unique("f"))
    admin.call("DELETE", "/requests")
    return api


def add_fault(admin, **fault):
    r = admin.call("POST", "/faults", json=fault)
    assert r.status_code == 200, r.text
    return r.json()["fault"]


def test_a_fault_answers_its_status_with_retry_after_and_never_runs_the_request(srv, admin, api):
    f = add_fault(admin, method="POST", path="/ws/tags*", status=429, retryAfter=2, times=3)
    assert f == {"id": f["id"], "method": "POST", "path": "/ws/tags*", "status": 429,
                 "retryAfter": 2, "times": 3, "delayMs": 0}
    for i in range(3):
        r = api.post("/ws/tags", json={"title": f"never {i}"})
        assert r.status_code == 429, r.text
        assert r.headers["Retry-After"] == "2"
        assert r.json() == {"success": False, "message": "Too Many Attempts."}
    titles = [t["title"] for t in api.get("/ws/tags").json()["tags"]]  # GET: not matched
    assert titles == []
    assert store_sql(srv.db, "SELECT count(*) FROM tags WHERE title LIKE 'never%'")[0][0] in (0, "0")
    # spent after three: the fourth runs, and the fault is gone
    assert api.post("/ws/tags", json={"title": "runs"}).status_code == 200
    assert admin.call("GET", "/faults").json() == {"success": True, "faults": []}


@pytest.mark.parametrize("status,body", [
    (503, {"success": False, "message": "The server is busy; retry the request."}),
    (500, {"success": False, "message": "Internal server error."}),
    (404, {"message": "Record not found"}),
    (401, UNAUTH_BODY),
    (502, {"success": False, "message": "Injected fault 502."}),
])
def test_each_status_comes_in_weeeks_error_shape(admin, api, status, body):
    add_fault(admin, path="/ws/tags", status=status, times=1)
    r = api.get("/ws/tags")
    assert r.status_code == status and r.json() == body
    assert ("Retry-After" in r.headers) == (status == 503)
    assert api.get("/ws/tags").status_code == 200


def test_a_fault_without_method_or_times_hits_every_method_until_removed(admin, api):
    f = add_fault(admin, path="/ws/*", status=503, retryAfter=7)
    assert f["method"] is None and f["times"] is None
    for _ in range(2):
        r = api.get("/ws/members")
        assert r.status_code == 503 and r.headers["Retry-After"] == "7"
        assert api.post("/ws/tags", json={"title": "x"}).status_code == 503
    assert api.get("/user/me").status_code == 200  # another path
    assert admin.call("DELETE", f"/faults/{f['id']}").status_code == 200
    assert api.get("/ws/members").status_code == 200
    assert admin.call("DELETE", f"/faults/{f['id']}").status_code == 404


def test_the_first_matching_fault_wins_and_full_paths_are_accepted(admin, api):
    a = add_fault(admin, path="/public/v1/tm/tasks*", status=500, times=1)
    assert a["path"] == "/tm/tasks*"
    add_fault(admin, path="/tm/*", status=502, times=1)
    assert api.get("/tm/tasks").status_code == 500
    assert api.get("/tm/tasks").status_code == 502
    assert api.get("/tm/tasks").status_code == 200


def test_a_delay_only_fault_delays_the_real_answer(admin, api):
    add_fault(admin, method="GET", path="/ws/tags", delayMs=400, times=1)
    t = time.monotonic()
    r = api.get("/ws/tags")
    assert r.status_code == 200 and r.json()["success"] is True
    assert time.monotonic() - t >= 0.4
    # used up after one request: read from the fault list, not from a second timing, which
    # a loaded CI machine could stretch past any bound
    assert admin.call("GET", "/faults").json()["faults"] == []


def test_faults_are_listed_and_cleared(admin):
    ids = [add_fault(admin, path=f"/p{i}", status=500)["id"] for i in range(3)]
    listed = admin.call("GET", "/faults").json()["faults"]
    assert [f["id"] for f in listed] == ids
    assert admin.call("DELETE", "/faults").content == b'{"success":true}'
    assert admin.call("GET", "/faults").json()["faults"] == []


@pytest.mark.parametrize("body,errors", [
    ({}, {"path": ["The field is required."]}),
    ({"path": "tm/tasks", "status": 500}, {"path": ["The path must start with \"/\"."]}),
    ({"path": "/x"}, {"status": ["The status field is required when delay ms is 0."]}),
    ({"path": "/x", "status": 200}, {"status": ["The status must be between 400 and 599."]}),
    ({"path": "/x", "status": 500, "times": 0}, {"times": ["The times must be between 1 and 1000000000."]}),
    ({"path": "/x", "delayMs": 30001}, {"delayMs": ["The delay ms must be between 0 and 30000."]}),
    ({"path": "/x", "status": 500, "method": "FETCH"}, {"method": ["The selected method is invalid."]}),
])
def test_a_bad_fault_is_422(admin, body, errors):
    r = admin.call("POST", "/faults", json=body)
    assert_422(r, errors)


def test_faults_and_journal_need_the_admin_token(admin):
    for method, path in [("GET", "/faults"), ("POST", "/faults"), ("DELETE", "/faults"),
                         ("DELETE", "/faults/1"), ("GET", "/requests"), ("DELETE", "/requests")]:
        r = admin.call(method, path, token="nope", json={"path": "/x", "status": 500})
        assert r.status_code == 401 and r.json() == UNAUTH_BODY


def test_the_journal_lists_requests_newest_first_without_tokens(admin, api):
    api.create_tag("journaled")
    api.get("/ws/tags", params={"a": "1"})
    Api(api.base, "wk_" + "x" * 43).get("/ws/members")
    r = admin.call("GET", "/requests")
    assert r.status_code == 200
    reqs = r.json()["requests"]
    assert [(q["method"], q["path"], q["status"]) for q in reqs] == [
        ("GET", "/public/v1/ws/members", 401), ("GET", "/public/v1/ws/tags", 200),
        ("POST", "/public/v1/ws/tags", 200)]
    assert reqs[0]["id"] > reqs[1]["id"] > reqs[2]["id"]
    for q in reqs:
        assert set(q) == {"id", "time", "method", "path", "query", "status", "ms", "workspace",
                          "requestBody", "responseBody"}
        assert api.token not in str(q) and "x" * 43 not in str(q)
    assert reqs[1]["query"] == "a=1" and reqs[1]["requestBody"] is None
    assert '"journaled"' in reqs[2]["requestBody"] and '"journaled"' in reqs[2]["responseBody"]
    assert reqs[2]["workspace"] == reqs[1]["workspace"] and isinstance(reqs[1]["workspace"], int)
    assert reqs[0]["workspace"] is None
    assert [q["id"] for q in admin.call("GET", "/requests", params={"limit": 1}).json()[
        "requests"]] == [reqs[0]["id"]]
    # the admin API's own calls are not journaled; DELETE clears
    assert admin.call("DELETE", "/requests").content == b'{"success":true}'
    assert admin.call("GET", "/requests").json()["requests"] == []


def test_the_journal_keeps_only_its_last_n_and_cuts_bodies(admin, api):
    for i in range(25):
        api.get("/ws/tags", params={"i": str(i)})
    reqs = admin.call("GET", "/requests").json()["requests"]
    assert [q["query"] for q in reqs] == [f"i={i}" for i in range(24, 4, -1)]  # --journal 20
    admin.call("DELETE", "/requests")
    api.post("/ws/tags", json={"title": "t", "pad": "é" * 5000})
    q = admin.call("GET", "/requests").json()["requests"][0]
    assert len(q["requestBody"].encode()) <= 4096 and q["requestBody"].startswith('{"title"')


def test_a_faulted_request_is_journaled_with_the_status_it_got(admin, api):
    add_fault(admin, path="/ws/tags", status=503, times=1)
    api.get("/ws/tags")
    q = admin.call("GET", "/requests").json()["requests"][0]
    assert q["status"] == 503 and q["path"] == "/public/v1/ws/tags"


@pytest.mark.parametrize("limit", ["0", "-1", "x"])
def test_a_bad_journal_limit_is_422(admin, limit):
    r = admin.call("GET", "/requests", params={"limit": limit})
    assert r.status_code == 422, r.text


def test_rate_limit_answers_429_with_retry_after_past_n_per_token(backend, tmp_path):
    store = Store(backend, tmp_path)
    cli_ok("migrate", "--db", store.url)  # serve refuses a store that does not exist
    s = Server(store.url, tmp_path / "rl.log", ["--admin-token", ADMIN_TOKEN,
                                                "--rate-limit", "5"]).wait_ready()
    try:
        admin = Admin(s.base)
        a, _ = admin.create_ws(unique("rl"))
        b, _ = admin.create_ws(unique("rl"))
        if time.time() % 60 > 55:  # the limit counts per clock minute: start a fresh one
            time.sleep(61 - time.time() % 60)
        codes = [a.get("/ws/tags").status_code for _ in range(7)]
        assert codes == [200] * 5 + [429] * 2, codes
        r = a.get("/ws/tags")
        assert r.status_code == 429
        assert r.json() == {"success": False, "message": "Too Many Attempts."}
        assert 1 <= int(r.headers["Retry-After"]) <= 60
        assert b.get("/ws/tags").status_code == 200  # per token
        assert admin.call("GET", "/faults").status_code == 200  # not the admin API
    finally:
        assert s.stop() == 0
        store.drop()

"""CORS (issue 14, item 7): off by default; with --cors-origin ORIGIN (repeatable, or *) a
preflight from an allowed origin gets a 204 naming the origin, methods and headers, and every
answer to that origin (errors and injected faults included) carries the headers a browser
needs to read it; other origins get nothing."""
import pytest
import requests

from admin_kit import ADMIN_TOKEN, Admin
from weeekd_http import cli_ok, HTTP_TIMEOUT, Server, Store, run_cli

APP = "http://app.test"


def preflight(base, origin, method="POST", headers="authorization, content-type",
              path="/public/v1/ws/tags"):
    h = {"Origin": origin, "Access-Control-Request-Method": method}
    if headers:
        h["Access-Control-Request-Headers"] = headers
    return requests.options(base + path, headers=h, timeout=HTTP_TIMEOUT)


@pytest.fixture(scope="module")
def servers(backend, tmp_path_factory):
    d = tmp_path_factory.mktemp(f"cors-{backend}")
    store = Store(backend, d)
    cli_ok("migrate", "--db", store.url)  # serve refuses a store that does not exist
    out = {}
    try:
        out["two"] = Server(store.url, d / "two.log", [
            "--cors-origin", APP, "--cors-origin=http://localhost:3000",
            "--admin-token", ADMIN_TOKEN]).wait_ready()
        out["any"] = Server(store.url, d / "any.log", ["--cors-origin", "*"]).wait_ready()
        out["off"] = Server(store.url, d / "off.log").wait_ready()
        yield out
        for s in out.values():
            assert s.stop() == 0, s.log_text()
    finally:
        for s in out.values():
            s.kill()
        store.drop()


def test_preflight_from_an_allowed_origin_is_204_with_the_cors_headers(servers):
    for origin in (APP, "http://localhost:3000"):
        r = preflight(servers["two"].base, origin)
        assert r.status_code == 204 and r.content == b""
        assert r.headers["Access-Control-Allow-Origin"] == origin
        assert "POST" in r.headers["Access-Control-Allow-Methods"]
        assert r.headers["Access-Control-Allow-Headers"] == "authorization, content-type"
        assert r.headers["Vary"] == "Origin"
        assert "Access-Control-Allow-Credentials" not in r.headers


def test_any_origin_under_star_is_echoed(servers):
    r = preflight(servers["any"].base, "https://whatever.example:8443", method="DELETE",
                  headers=None)
    assert r.status_code == 204
    assert r.headers["Access-Control-Allow-Origin"] == "https://whatever.example:8443"
    assert "Authorization" in r.headers["Access-Control-Allow-Headers"]


def test_answers_to_an_allowed_origin_carry_allow_origin_and_expose_retry_after(servers):
    srv = servers["two"]
    admin = Admin(srv.base)
    api, _ = admin.create_ws("cors-ws")
    admin.call("POST", "/faults", json={"path": "/ws/members", "status": 429, "times": 1})
    for path, status in [("/ws/tags", 200), ("/ws/members", 429), ("/nope", 404)]:
        r = api.get(path, headers={"Origin": APP})
        assert r.status_code == status, r.text
        assert r.headers["Access-Control-Allow-Origin"] == APP
        assert "Retry-After" in r.headers["Access-Control-Expose-Headers"]
        assert r.headers["Content-Type"] == "application/json"
    r = requests.get(srv.base + "/public/v1/ws/tags", headers={"Origin": APP},
                     timeout=HTTP_TIMEOUT)
    assert r.status_code == 401 and r.headers["Access-Control-Allow-Origin"] == APP


def test_other_origins_and_servers_without_the_option_get_no_cors(servers):
    for srv, origin in [(servers["two"], "http://evil.test"), (servers["off"], APP)]:
        r = preflight(srv.base, origin)
        assert r.status_code == 405, r.text  # an OPTIONS like any other
        assert not any(h.lower().startswith("access-control") for h in r.headers)
        r = requests.get(srv.base + "/healthz", headers={"Origin": origin}, timeout=HTTP_TIMEOUT)
        assert r.status_code == 200
        assert not any(h.lower().startswith("access-control") for h in r.headers)


def test_a_plain_options_without_preflight_headers_is_not_a_preflight(servers):
    r = requests.options(servers["two"].base + "/public/v1/ws/tags", headers={"Origin": APP},
                         timeout=HTTP_TIMEOUT)
    assert r.status_code == 405


@pytest.mark.parametrize("bad", ["app.test", "http://app.test/", "http://", "*x", ""])
def test_a_bad_cors_origin_is_a_usage_error(bad):
    r = run_cli("serve", "--db", "memory:", "--listen", "127.0.0.1:0", "--cors-origin", bad)
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert "--cors-origin must be" in r.stderr

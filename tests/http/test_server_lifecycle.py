"""The server process: its first stdout line, the access log (stderr, one line per request),
a clean exit on SIGTERM/SIGINT, and a clear failure on an address already in use. The
shutdown tests start their own server so the shared one is never disturbed."""
import re
import signal
import socket
import subprocess

import pytest
import requests

from weeekd_http import (API, HTTP_TIMEOUT, SANITIZER_MARKS, Server, binary, clean_env, provision,
                         raw_request, run_cli)


def request_id(r):
    rid = r.headers.get("X-Request-Id")
    assert rid
    return rid


def assert_logged_once(server, r, method, path, status):
    rid = request_id(r)
    lines = server.log_lines_with(f" {rid} ")
    assert len(lines) == 1, f"{rid}: {lines}"
    assert re.search(rf" {re.escape(rid)} {method} {re.escape(path)} {status} ", lines[0]), lines[0]


def test_access_log_has_one_line_per_request_with_id_method_path_status(server, api, anon):
    cases = [
        (api.get("/ws"), "GET", f"{API}/ws", 200),
        (api.post("/ws/tags", json={"title": "logged"}), "POST", f"{API}/ws/tags", 200),
        (api.post("/ws/tags", json={}), "POST", f"{API}/ws/tags", 422),
        (anon.get("/user/me"), "GET", f"{API}/user/me", 401),
        (api.get("/no/such/thing?x=1"), "GET", f"{API}/no/such/thing", 404),
        (api.request("PATCH", "/ws/tags/1"), "PATCH", f"{API}/ws/tags/1", 405),
        (api.delete("/ws/tags/999999999"), "DELETE", f"{API}/ws/tags/999999999", 404),
        (api.head("/ws"), "HEAD", f"{API}/ws", 200),
    ]
    for r, method, path, status in cases:
        assert r.status_code == status
        assert_logged_once(server, r, method, path, status)


def test_access_log_records_the_workspace_and_never_the_token(server, api):
    r = api.get("/ws/tags")
    ws_id = api.get("/ws").json()["workspace"]["id"]
    [line] = server.log_lines_with(f" {request_id(r)} ")
    assert f"ws={ws_id}" in line
    assert server.tokens["A"] not in server.log_text()


def test_access_log_records_refused_oversized_requests(server, api):
    r = api.get("/ws?" + "q" * 9000)
    assert r.status_code == 414
    assert len(server.log_lines_with(f" {request_id(r)} ")) == 1
    req = (f"POST {API}/ws/tags HTTP/1.1\r\nHost: x\r\nContent-Length: {(1 << 20) + 1}\r\n"
           "Connection: close\r\n\r\n").encode()
    status, headers, _ = raw_request(server.port, req, method="POST")
    assert status == 413
    [line] = server.log_lines_with(f" {headers['X-Request-Id']} ")
    assert f" POST {API}/ws/tags 413 " in line


@pytest.fixture
def own_server(fresh_db, tmp_path):
    provision(fresh_db, "Lifecycle", "o@life.test")
    srv = Server(fresh_db, tmp_path / "own.log").wait_ready()
    yield srv
    srv.kill()
    log = srv.log_text()
    assert not [m for m in SANITIZER_MARKS if m in log], log


FAKE_SERVE = """#!/bin/sh
[ -z "$REPORT" ] || echo "$REPORT" >&2
echo ready
exec sleep 60
"""


@pytest.mark.parametrize("how", ["stop", "kill"])
@pytest.mark.parametrize("report", [
    "==1==ERROR: AddressSanitizer: heap-use-after-free on address 0x602000000010",
    "src/api/x.c:1:2: runtime error: signed integer overflow", None],
    ids=["asan", "ubsan", "clean"])
def test_a_server_a_test_starts_fails_on_a_sanitizer_report_in_its_log(
        tmp_path, monkeypatch, how, report):
    """Server (not only the session fixture) scans its log once the process has ended; a
    stand-in for the binary writes the report, as a sanitizer build would."""
    import weeekd_http
    fake = tmp_path / "weeekd"
    fake.write_text(FAKE_SERVE)
    fake.chmod(0o755)
    monkeypatch.setattr(weeekd_http, "binary", lambda: str(fake))
    if report:
        monkeypatch.setenv("REPORT", report)
    else:
        monkeypatch.delenv("REPORT", raising=False)
    srv = Server("sqlite:unused", tmp_path / "fake.log")
    assert srv.proc.stdout.readline() == b"ready\n"  # the report is in the log by now
    end = srv.stop if how == "stop" else srv.kill
    if report:
        with pytest.raises(AssertionError, match="sanitizer reports"):
            end()
    else:
        end()
    srv.kill()  # raises once only


def test_first_stdout_line_is_listening_on_host_and_port(own_server):
    assert re.fullmatch(r"listening on 127\.0\.0\.1:\d+", own_server.first_line)
    assert own_server.port > 0


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_stop_signal_exits_0_and_logs_stopped(own_server, sig):
    r = requests.get(own_server.base + "/healthz", timeout=HTTP_TIMEOUT)
    assert r.status_code == 200
    rc = own_server.stop(sig, timeout=15)
    assert rc == 0, f"exit {rc} (None = still running after 15 s)\n{own_server.log_text()}"
    log = own_server.log_text()
    assert "stopped" in log.splitlines()[-1]
    name = "SIGTERM" if sig == signal.SIGTERM else "SIGINT"
    assert f"received {name}" in log


def test_sigterm_with_an_idle_keep_alive_connection_still_exits_0(own_server):
    s = requests.Session()
    assert s.get(own_server.base + "/healthz", timeout=HTTP_TIMEOUT).status_code == 200
    rc = own_server.stop(signal.SIGTERM, timeout=15)
    s.close()
    assert rc == 0, own_server.log_text()


def test_serve_on_an_address_in_use_fails_with_a_clear_message(backend, fresh_db):
    provision(fresh_db, "Busy", "o@busy.test")
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen(1)
        port = blocker.getsockname()[1]
        r = subprocess.run([binary(), "serve", "--db", fresh_db, "--listen",
                            f"127.0.0.1:{port}"], capture_output=True, text=True, timeout=15,
                           env=clean_env())
    assert r.returncode != 0
    assert r.stdout == ""
    assert f"cannot listen on 127.0.0.1:{port}" in r.stderr
    assert "in use" in r.stderr


def test_serve_on_the_shared_servers_port_fails(server):
    r = run_cli("serve", "--db", server.db, "--listen", f"127.0.0.1:{server.port}", timeout=15)
    assert r.returncode != 0
    assert "cannot listen" in r.stderr
    assert requests.get(server.base + "/healthz", timeout=HTTP_TIMEOUT).status_code == 200

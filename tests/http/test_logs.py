"""Logs (issue 15 item 5): --log-format text|json, one access line per request with time,
request id, client address, method, path, query (credentials never), status, bytes, ms,
user agent and workspace; an incoming X-Request-Id is used and echoed when it is sane,
else the server's own id, unique across processes; a quiet start (no libmicrohttpd option
warning, one "listening on"). Each test runs its own server on a fresh store."""
import json
import re

import pytest
import requests

from weeekd_http import API, HTTP_TIMEOUT, Server, provision


@pytest.fixture
def store(fresh_db):
    token = provision(fresh_db, "Logs", "o@logs.test")
    return fresh_db, token


def start(store, tmp_path, name, *args):
    return Server(store[0], tmp_path / f"{name}.log", extra_args=args).wait_ready()


def json_lines(srv):
    out = []
    for line in srv.log_text().splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            raise AssertionError(f"not a JSON log line: {line!r}") from None
    return out


def test_json_log_has_one_object_per_line_with_every_access_field(store, tmp_path):
    srv = start(store, tmp_path, "json", "--log-format", "json")
    try:
        ws = requests.get(f"{srv.base}{API}/ws", timeout=HTTP_TIMEOUT,
                          headers={"Authorization": f"Bearer {store[1]}"}).json()
        r = requests.get(f"{srv.base}{API}/ws/tags?search=x&access_token=hunter2&apiKey=k9",
                         timeout=HTTP_TIMEOUT,
                         headers={"Authorization": f"Bearer {store[1]}",
                                  "User-Agent": 'probe/1.0 "quoted"\tx'})
        assert r.status_code == 200
        rid = r.headers["X-Request-Id"]
        lines = srv.log_lines_with(rid)
        assert len(lines) == 1, lines
    finally:
        assert srv.stop() == 0
    entries = json_lines(srv)
    [acc] = [e for e in entries if e.get("request_id") == rid]
    assert acc["msg"] == "access"
    assert acc["level"] == "info"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", acc["time"])
    assert acc["client"] == "127.0.0.1"
    assert acc["method"] == "GET"
    assert acc["path"] == f"{API}/ws/tags"
    assert acc["query"] == "search=x&access_token=REDACTED&apiKey=REDACTED"
    assert acc["status"] == 200
    assert acc["bytes"] == len(r.content)
    assert isinstance(acc["ms"], float) and acc["ms"] >= 0
    assert acc["user_agent"] == 'probe/1.0 "quoted"\tx'
    assert acc["ws"] == ws["workspace"]["id"]
    assert acc["route"] == f"{API}/ws/tags"
    text = srv.log_text()
    assert "hunter2" not in text and "k9" not in text and store[1] not in text
    # the other events are JSON objects too
    assert any("received SIGTERM" in e["msg"] for e in entries)


def test_text_log_line_escapes_what_the_client_sent(store, tmp_path):
    srv = start(store, tmp_path, "text")
    try:
        r = requests.get(f"{srv.base}/healthz", timeout=HTTP_TIMEOUT,
                         headers={"User-Agent": "evil\x7f agent"})
        [line] = srv.log_lines_with(r.headers["X-Request-Id"])
    finally:
        srv.stop()
    assert re.search(r" GET /healthz 200 \d+ [0-9.]+ms ws=0 rc=ok client=127\.0\.0\.1 ", line)
    assert 'ua="evil\\x7f agent"' in line


@pytest.mark.parametrize("sent,kept", [
    ("abc-123", True),
    ("trace.id:7@edge/1+2=3_x", True),
    ("x" * 128, True),
    ("x" * 129, False),
    ("has space", False),
    ("semi;colon", False),
    ("quote\"d", False),
])
def test_incoming_request_id_is_echoed_only_when_sane(server, api, sent, kept):
    r = api.get("/ws", headers={"X-Request-Id": sent})
    assert r.status_code == 200
    rid = r.headers["X-Request-Id"]
    if kept:
        assert rid == sent
    else:
        assert rid != sent and re.fullmatch(r"[0-9a-f]{16}-[0-9a-f]+", rid), rid
    assert len(server.log_lines_with(f" {rid} ")) == 1


def test_generated_request_ids_differ_between_processes(store, tmp_path):
    ids = []
    for n in range(2):
        srv = start(store, tmp_path, f"p{n}")
        try:
            for _ in range(2):
                ids.append(requests.get(f"{srv.base}/healthz",
                                        timeout=HTTP_TIMEOUT).headers["X-Request-Id"])
        finally:
            srv.stop()
    assert len(set(ids)) == 4, ids
    assert ids[0].split("-")[0] == ids[1].split("-")[0]
    assert ids[0].split("-")[0] != ids[2].split("-")[0], ids


def test_start_is_quiet_one_listening_line_and_no_library_warning(store, tmp_path):
    srv = start(store, tmp_path, "quiet", "--log-level", "debug")
    srv.stop()
    log = srv.log_text()
    assert "not the first option" not in log
    assert "libmicrohttpd" not in log
    assert srv.stdout_head.count("listening on") == 1
    assert "listening on" not in log
    assert re.search(r"info weeekd \S+ serving 127\.0\.0\.1:\d+ \((sqlite|postgresql) store",
                     log), log


def test_bad_log_format_is_a_usage_error(store):
    from weeekd_http import run_cli
    r = run_cli("serve", "--db", store[0], "--log-format", "xml")
    assert r.returncode == 2
    assert "--log-format must be text or json" in r.stderr

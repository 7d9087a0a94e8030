"""Health (issue 15 item 7): /healthz says the process is alive, /readyz that the store
answers and has every migration this binary knows; a 503 carries Retry-After; under
systemd (Type=notify) the server says READY=1 once it listens and STOPPING=1 when it
drains. Tests that break the store run their own server."""
import os
import socket
import sqlite3
import time
import urllib.parse

import pytest
import requests

from weeekd_http import API, HTTP_TIMEOUT, Server, provision, psql, store_sql


def test_readyz_answers_200_ready_on_a_healthy_store(server):
    r = requests.get(server.base + "/readyz", timeout=HTTP_TIMEOUT)
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/json"
    assert r.json() == {"success": True, "status": "ready"}
    assert "Retry-After" not in r.headers


def test_readyz_head_and_other_methods(server):
    assert requests.head(server.base + "/readyz", timeout=HTTP_TIMEOUT).status_code == 200
    r = requests.post(server.base + "/readyz", timeout=HTTP_TIMEOUT)
    assert r.status_code == 404
    assert r.headers["Content-Type"] == "application/json"


@pytest.fixture
def own(fresh_db, tmp_path):
    token = provision(fresh_db, "Health", "o@health.test")
    srv = Server(fresh_db, tmp_path / "h.log").wait_ready()
    yield srv, token
    srv.kill()


def test_readyz_is_503_with_retry_after_when_a_migration_is_missing(own):
    srv, _ = own
    [(latest,)] = store_sql(srv.db, "SELECT max(version) FROM schema_version")
    store_sql(srv.db, f"DELETE FROM schema_version WHERE version = {latest}")
    r = requests.get(srv.base + "/readyz", timeout=HTTP_TIMEOUT)
    assert r.status_code == 503
    assert r.headers["Retry-After"] == "1"
    assert r.json() == {"success": False, "status": "not ready"}
    assert "schema version" in srv.log_lines_with("not ready")[0]
    # alive all the same
    assert requests.get(srv.base + "/healthz", timeout=HTTP_TIMEOUT).status_code == 200
    store_sql(srv.db, "INSERT INTO schema_version (version, name, applied_at) "
                      f"VALUES ({latest}, 'back', 0)")
    assert requests.get(srv.base + "/readyz", timeout=HTTP_TIMEOUT).status_code == 200


def outage(db):
    """Take the store away from weeekd until the returned function is called. SQLite: a
    connection of another process holds the write lock (weeekd's writes wait out their
    busy timeout, twice with the router's retry, then fail; reads go on in WAL mode).
    PostgreSQL: the database closed to connections and weeekd's sessions terminated (every
    statement fails until the connections come back)."""
    if db.startswith("sqlite:"):
        con = sqlite3.connect(db[len("sqlite:"):], timeout=10, isolation_level=None)
        con.execute("BEGIN IMMEDIATE")

        def end():
            con.execute("ROLLBACK")
            con.close()
        return end
    name = urllib.parse.urlsplit(db).path.lstrip("/")
    admin = os.environ["WEEEKD_TEST_PG_URL"]
    psql(admin, f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
    psql(admin, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                f"WHERE datname = '{name}' AND pid <> pg_backend_pid()")

    def end():
        psql(admin, f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
    return end


def test_store_outage_answers_503_with_retry_after_then_recovers(own):
    srv, token = own
    auth = {"Authorization": f"Bearer {token}"}
    sqlite = srv.db.startswith("sqlite:")
    end = outage(srv.db)
    try:
        r = requests.post(srv.base + API + "/ws/tags", headers=auth, json={"title": "t"},
                          timeout=30)
        assert r.status_code == 503, r.text
        assert r.headers["Retry-After"] == "1"
        assert r.headers["Content-Type"] == "application/json"
        if not sqlite:  # SQLite still reads while another process writes
            r = requests.get(srv.base + "/readyz", timeout=30)
            assert r.status_code == 503
            assert r.headers["Retry-After"] == "1"
        # the process is alive all the same: /healthz does not ask the store
        r = requests.get(srv.base + "/healthz", timeout=30)
        assert r.status_code == 200 and r.json() == {"success": True, "status": "ok"}, r.text
    finally:
        end()
    for _ in range(50):
        r = requests.post(srv.base + API + "/ws/tags", headers=auth, json={"title": "t"},
                          timeout=30)
        if r.status_code == 200:
            break
        time.sleep(0.1)
    assert r.status_code == 200, r.text
    assert requests.get(srv.base + "/readyz", timeout=HTTP_TIMEOUT).status_code == 200
    fams = requests.get(srv.base + "/metrics", timeout=HTTP_TIMEOUT).text
    # the outage shows in the store's counters
    failed = sum(float(l.split()[-1]) for l in fams.splitlines()
                 if l.startswith("weeekd_store_errors_total{"))
    assert failed >= 1, fams
    if not sqlite:
        [line] = [l for l in fams.splitlines() if l.startswith("weeekd_store_reconnects_total ")]
        assert float(line.split()[-1]) >= 1


def test_systemd_notify_says_ready_once_listening_and_stopping_on_sigterm(fresh_db, tmp_path):
    provision(fresh_db, "Notify", "o@notify.test")
    path = str(tmp_path / "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(10)
    srv = Server(fresh_db, tmp_path / "n.log", env={"NOTIFY_SOCKET": path}).wait_ready()
    try:
        msg = sock.recv(4096).decode()
        assert msg.split("\n")[0] == "READY=1", msg
        assert requests.get(srv.base + "/healthz", timeout=HTTP_TIMEOUT).status_code == 200
        assert srv.stop() == 0
        assert sock.recv(4096).decode() == "STOPPING=1"
    finally:
        srv.kill()
        sock.close()

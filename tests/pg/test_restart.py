"""PostgreSQL restarting under a running weeekd: while it is down, requests get a JSON 503
within seconds (no hang, no crash); once it is back, requests succeed again without
restarting weeekd. Uses its own throwaway cluster (tools/pg_cluster.sh), never the server
behind WEEEKD_TEST_PG_URL."""
import concurrent.futures
import os
import socket
import subprocess
import tempfile
import time

import pytest
import requests

from conftest import ROOT, Client, assert_json, assert_ok_or_busy, provision, psql, with_database

CLUSTER = str(ROOT / "tools/pg_cluster.sh")
OUTAGE_S = 3
MAX_REQUEST_S = 6


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def own_cluster(admin_url):
    """A throwaway cluster: (directory, admin URL). admin_url is requested only so that this
    suite fails clearly, like the others, when PostgreSQL is not available."""
    d = tempfile.mkdtemp(prefix="weeekd-pg-restart.")
    r = subprocess.run([CLUSTER, "start", d, str(free_port())], capture_output=True, text=True,
                       timeout=120)
    if r.returncode != 0:
        subprocess.run([CLUSTER, "stop", d], capture_output=True, timeout=120)
        pytest.fail(f"tools/pg_cluster.sh start failed: {r.stderr}")
    try:
        yield d, r.stdout.strip()
    finally:
        subprocess.run([CLUSTER, "stop", d], capture_output=True, timeout=120)
    assert not os.path.exists(d)


def timed(c, method, path, **kw):
    t0 = time.monotonic()
    try:
        r = c.call(method, path, timeout=MAX_REQUEST_S + 4, **kw)
    except requests.RequestException as e:
        pytest.fail(f"{method} {path} failed at the HTTP level (weeekd hung or died?): {e}")
    took = time.monotonic() - t0
    assert took < MAX_REQUEST_S, f"{method} {path} took {took:.1f} s"
    return r


def test_requests_fail_cleanly_during_a_restart_and_succeed_after(own_cluster, servers):
    cdir, admin = own_cluster
    psql(admin, "CREATE DATABASE weeekd_restart")
    db = with_database(admin, "weeekd_restart")
    token = provision(db)
    (srv,) = servers(db, n=1)
    clients = [Client(srv, token) for _ in range(4)]
    made = [assert_json(timed(clients[0], "POST", "/ws/tags", json={"title": f"before {i}"}))
            ["tag"] for i in range(5)]

    restart = subprocess.Popen([CLUSTER, "restart", cdir, str(OUTAGE_S)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def hammer(ci):
        c, seen, k = clients[ci], [], 0
        while restart.poll() is None:
            k += 1
            if k % 3 == 0:
                r = timed(c, "POST", "/ws/tags", json={"title": f"during {ci}-{k}"})
            else:
                r = timed(c, "GET", "/ws/tags")
            if r.status_code >= 500:
                assert r.status_code == 503, (r.status_code, r.text)
            assert_ok_or_busy(r)
            seen.append(r.status_code)
            time.sleep(0.05)
        return seen

    with concurrent.futures.ThreadPoolExecutor(len(clients)) as ex:
        seen = [s for ss in ex.map(hammer, range(len(clients))) for s in ss]
    out, err = restart.communicate(timeout=120)
    assert restart.returncode == 0, err
    assert srv.alive(), "weeekd died while PostgreSQL restarted"
    assert 503 in seen, f"no request saw the outage: {sorted(set(seen))}"

    # back: the pool reconnects by itself (a failed reconnect is retried after a second)
    deadline = time.monotonic() + 15
    while not assert_ok_or_busy(timed(clients[0], "GET", "/ws/tags")):
        assert time.monotonic() < deadline, "weeekd did not recover within 15 s"
        time.sleep(0.2)
    time.sleep(1.5)
    for i in range(40):
        c = clients[i % len(clients)]
        r = timed(c, "POST", "/ws/tags", json={"title": f"after {i}"}) if i % 2 else \
            timed(c, "GET", "/ws/tags")
        assert r.status_code == 200, (i, r.status_code, r.text)
    tags = assert_json(timed(clients[1], "GET", "/ws/tags"))["tags"]
    ids = [t["id"] for t in tags]
    assert len(ids) == len(set(ids))
    for t in made:
        assert t in tags  # committed before the restart: still there
    assert sum(1 for t in tags if t["title"].startswith("after ")) == 20
    assert requests.get(srv.url("/healthz"), timeout=10).status_code == 200

"""GET /tm/tasks across a PostgreSQL restart: the list runs run-time SQL as named
server-side statements cached per connection (store_query_sql); those statements die with
the session, so a reconnect must forget them and prepare again. Without that every list
request after a restart would fail with "prepared statement does not exist" (500).
Uses its own throwaway cluster (tools/pg_cluster.sh), never the server behind
WEEEKD_TEST_PG_URL."""
import os
import socket
import subprocess
import tempfile
import time

import pytest

from conftest import ROOT, Client, assert_json, assert_ok_or_busy, provision, psql, with_database

CLUSTER = str(ROOT / "tools/pg_cluster.sh")
SHAPES = [{}, {"sortBy": "-priority"}, {"type": "meet"}, {"search": "task"},
          {"sortBy": "name", "completed": "0"}]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def own_cluster(admin_url):
    """A throwaway cluster: (directory, admin URL)."""
    d = tempfile.mkdtemp(prefix="weeekd-pg-list.")
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


def listed(c, params):
    r = c.call("GET", "/tm/tasks", params=params)
    if not assert_ok_or_busy(r):
        return None
    return [t["id"] for t in r.json()["tasks"]]


def test_task_list_statements_are_prepared_again_after_a_reconnect(own_cluster, servers):
    cdir, admin = own_cluster
    psql(admin, "CREATE DATABASE weeekd_list")
    db = with_database(admin, "weeekd_list")
    token = provision(db)
    (srv,) = servers(db, n=1)
    c = Client(srv, token)
    made = [assert_json(c.call("POST", "/tm/tasks",
                               json={"title": f"task {i}", "type": "meet" if i % 2 else "call",
                                     "priority": i % 4}))["task"]["id"] for i in range(6)]
    # every shape on every pool connection (4), so each holds its statements
    before = {}
    for _ in range(8):
        for i, shape in enumerate(SHAPES):
            got = listed(c, shape)
            assert got is not None and sorted(got) == sorted(before.setdefault(i, got))
    assert sorted(before[0]) == made

    r = subprocess.run([CLUSTER, "restart", cdir, "1"], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr

    # the pool reconnects by itself (503s until then, never a 500)
    deadline = time.monotonic() + 15
    while listed(c, SHAPES[0]) is None:
        assert time.monotonic() < deadline, "weeekd did not recover within 15 s"
        time.sleep(0.2)
    time.sleep(1.5)
    for _ in range(8):
        for i, shape in enumerate(SHAPES):
            got = None
            for _attempt in range(10):  # a connection not yet reconnected answers 503 once
                got = listed(c, shape)
                if got is not None:
                    break
                time.sleep(0.2)
            assert got == before[i], (shape, got, before[i])

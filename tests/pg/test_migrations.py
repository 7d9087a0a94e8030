"""Processes started at the same instant on an empty PostgreSQL database all come up, and the
migrations are applied exactly once (they serialise on an advisory lock, schema_version
creation included)."""
import subprocess
import threading

import requests

from conftest import ROOT, Server, binary, provision, psql, with_database

MIGRATIONS = sorted(p.name for p in (ROOT / "sql/schema").glob("[0-9]*.sql"))


def schema_rows(db):
    return psql(db, "SELECT version, name FROM schema_version ORDER BY version").splitlines()


def expected_rows():
    return [f"{int(name.split('_', 1)[0])}|{name}" for name in MIGRATIONS]


def start_together(n, argv_of):
    """Start n processes as close to the same instant as threads allow."""
    gate = threading.Barrier(n)
    procs = [None] * n

    def go(i):
        gate.wait()
        procs[i] = argv_of(i)

    threads = [threading.Thread(target=go, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return procs


def test_two_servers_started_at_once_on_an_empty_database_both_come_up(new_database, tmp_path):
    assert MIGRATIONS, "no PostgreSQL migrations found"
    for round_ in range(3):
        db = new_database()
        servers = start_together(2, lambda i: Server(db, tmp_path, f"r{round_}-{i}"))
        try:
            for s in servers:
                s.wait_ready()
            for s in servers:
                r = requests.get(s.url("/healthz"), timeout=10)
                assert r.status_code == 200, r.text
            assert schema_rows(db) == expected_rows()
            # the schema the two servers created is usable through both
            token = provision(db)
            for s in servers:
                r = requests.post(s.url("/ws/tags"), json={"title": "x"}, timeout=10,
                                  headers={"Authorization": f"Bearer {token}"})
                assert r.status_code == 200, r.text
        finally:
            for s in servers:
                s.stop()
        assert schema_rows(db) == expected_rows()


def test_concurrent_migrate_commands_apply_each_migration_once(new_database):
    db = new_database()
    procs = start_together(6, lambda i: subprocess.Popen(
        [binary(), "migrate", "--db", db], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True))
    for p in procs:
        out, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    assert schema_rows(db) == expected_rows()
    # and again on the migrated database: nothing to do, nothing recorded twice
    r = subprocess.run([binary(), "migrate", "--db", db], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    assert schema_rows(db) == expected_rows()


def test_missing_database_is_a_clear_startup_error(admin_url):
    db = with_database(admin_url, "weeekd_no_such_database")
    r = subprocess.run([binary(), "migrate", "--db", db], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 1
    assert "cannot connect to PostgreSQL" in r.stderr and "weeekd_no_such_database" in r.stderr
    assert "\n" not in r.stderr.strip()  # one line

"""CLI manners (issue 15 items 8, 9, 10): `weeekd SUBCOMMAND --help` for every command,
`weeekd member`/`token` alone list their subcommands, serve (and every command that does
not create) refuses an SQLite store that does not exist, naming `weeekd init`; `make run`
(tools/run.sh) revokes the demo token it issued before; backup and restore of SQLite
stores, and the pg_dump/pg_restore lines for PostgreSQL."""
import os
import re
import sqlite3
import subprocess
import time

import pytest
import requests

from weeekd_http import (API, HTTP_TIMEOUT, ROOT, Server, binary, clean_env, provision, psql,
                         read_until, run_cli, with_database)

COMMANDS = [("serve",), ("init",), ("member",), ("member", "add"), ("token",),
            ("token", "create"), ("token", "list"), ("token", "revoke"), ("migrate",),
            ("backup",), ("restore",), ("routes",)]


@pytest.mark.parametrize("cmd", COMMANDS, ids=lambda c: "-".join(c))
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_every_subcommand_has_its_own_help(cmd, flag):
    r = run_cli(*cmd, flag)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    assert r.stdout.startswith(f"usage: weeekd {' '.join(cmd)}"), r.stdout
    assert len(r.stdout.splitlines()) >= 2


def test_help_after_other_options_still_helps():
    r = run_cli("serve", "--db", "sqlite:/nonexistent/x.db", "--help")
    assert r.returncode == 0
    assert "--metrics-listen" in r.stdout and "--log-format" in r.stdout


@pytest.mark.parametrize("cmd,subs", [("member", ["add"]), ("token", ["create", "list", "revoke"])])
def test_a_command_without_its_subcommand_lists_them(cmd, subs):
    r = run_cli(cmd)
    assert r.returncode == 2
    assert "unknown subcommand ''" not in r.stderr
    assert f"'{cmd}' needs a subcommand" in r.stderr
    for s in subs:
        assert re.search(rf"^\s+{s}\b", r.stderr, re.M), r.stderr


def test_unknown_command_help_is_a_usage_error():
    r = run_cli("frobnicate", "--help")
    assert r.returncode == 2
    assert "unknown command 'frobnicate'" in r.stderr


# ---- no silent stores ---------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["serve", "--listen", "127.0.0.1:0"],
    ["token", "list"],
    ["token", "revoke", "1"],
    ["token", "create", "--workspace", "W", "--email", "o@w.test"],
    ["member", "add", "--workspace", "W", "--email", "o@w.test"],
], ids=lambda a: "-".join(a[:2]))
def test_a_missing_sqlite_store_is_refused_naming_weeekd_init(tmp_path, args):
    path = tmp_path / "typo.db"
    r = run_cli(*args, "--db", f"sqlite:{path}", timeout=15)
    assert r.returncode == 1
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    assert f"no store at {path}" in lines[0]
    assert "weeekd init" in lines[0]
    assert not path.exists(), "the refused command created the store"


@pytest.mark.parametrize("cmd", [["migrate"], ["init", "--workspace", "W", "--email", "o@w.test"]])
def test_init_and_migrate_create_a_missing_sqlite_store(tmp_path, cmd):
    path = tmp_path / "new.db"
    r = run_cli(*cmd, "--db", f"sqlite:{path}")
    assert r.returncode == 0, r.stderr
    assert path.is_file()


# ---- make run ------------------------------------------------------------------------------

def run_sh(db, port):
    """tools/run.sh until it serves; returns the token it printed."""
    env = {**clean_env(), "WEEEKD_DB": db, "WEEEKD_LISTEN": f"127.0.0.1:{port}"}
    proc = subprocess.Popen(["sh", "tools/run.sh", binary()], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out = read_until(proc, b"listening on")
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        proc.stdout.close()
        proc.stderr.close()
    m = re.search(rb"\n    (wk_\w+)\n", out)
    assert m, out
    return m.group(1).decode()


def test_make_run_revokes_the_demo_token_it_printed_before(backend, fresh_db):
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    first = run_sh(fresh_db, port)
    second = run_sh(fresh_db, port)
    third = run_sh(fresh_db, port)
    assert len({first, second, third}) == 3
    rows = demo_tokens(fresh_db)
    assert [state for state, _ in rows] == ["revoked", "revoked", "active"], rows
    assert all(label == "make run" for _, label in rows)
    # a token of the same user with another label is not the demo token: left alone
    other = run_cli("token", "create", "--db", fresh_db, "--workspace", "Demo workspace",
                    "--email", "demo@weeekd.local", "--label", "my script")
    assert other.returncode == 0
    run_sh(fresh_db, port)
    active = sorted(label for state, label in demo_tokens(fresh_db) if state == "active")
    assert active == ["make run", "my script"]


def demo_tokens(db):
    """(state, label) of the demo user's tokens in id order (the workspace name has a
    space, so the columns of `token list` are read around the email)."""
    out = run_cli("token", "list", "--db", db)
    assert out.returncode == 0, out.stderr
    rows = []
    for line in out.stdout.splitlines()[1:]:
        if " demo@weeekd.local " in line:
            rows.append((line.split()[1], line.split(" demo@weeekd.local ", 1)[1].strip()))
    return rows


# ---- backup and restore --------------------------------------------------------------------

def titles(base, token):
    r = requests.get(f"{base}{API}/ws/tags", timeout=HTTP_TIMEOUT,
                     headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200, r.text
    return sorted(t["title"] for t in r.json()["tags"])


def test_sqlite_backup_while_serving_and_restore(tmp_path):
    db = tmp_path / "live.db"
    token = provision(f"sqlite:{db}", "Backup", "o@backup.test")
    srv = Server(f"sqlite:{db}", tmp_path / "b.log").wait_ready()
    try:
        auth = {"Authorization": f"Bearer {token}"}
        for t in ("one", "two"):
            assert requests.post(f"{srv.base}{API}/ws/tags", json={"title": t}, headers=auth,
                                 timeout=HTTP_TIMEOUT).status_code == 200
        copy = tmp_path / "copy.db"
        r = run_cli("backup", "--db", f"sqlite:{db}", str(copy))
        assert r.returncode == 0, r.stderr
        assert r.stdout == ""
        # a consistent, complete SQLite file that holds what was committed
        con = sqlite3.connect(copy)
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert sorted(x for (x,) in con.execute("SELECT title FROM tags")) == ["one", "two"]
        con.close()
        # never over an existing file
        r = run_cli("backup", "--db", f"sqlite:{db}", str(copy))
        assert r.returncode == 1 and "exists" in r.stderr
        assert requests.post(f"{srv.base}{API}/ws/tags", json={"title": "three"},
                             headers=auth, timeout=HTTP_TIMEOUT).status_code == 200
    finally:
        assert srv.stop() == 0
    restored = tmp_path / "restored.db"
    r = run_cli("restore", "--db", f"sqlite:{restored}", str(copy))
    assert r.returncode == 0, r.stderr
    srv = Server(f"sqlite:{restored}", tmp_path / "r.log").wait_ready()
    try:
        assert titles(srv.base, token) == ["one", "two"]
    finally:
        srv.stop()
    # restoring over the live store rolls it back to the backup
    r = run_cli("restore", "--db", f"sqlite:{db}", str(copy))
    assert r.returncode == 0, r.stderr
    srv = Server(f"sqlite:{db}", tmp_path / "r2.log").wait_ready()
    try:
        assert titles(srv.base, token) == ["one", "two"]
    finally:
        srv.stop()


def test_restore_refuses_a_file_that_is_not_a_weeekd_store(tmp_path):
    junk = tmp_path / "junk.db"
    sqlite3.connect(junk).execute("CREATE TABLE t (x)").connection.commit()
    target = tmp_path / "t.db"
    r = run_cli("restore", "--db", f"sqlite:{target}", str(junk))
    assert r.returncode == 1
    assert "not a weeekd SQLite store" in r.stderr
    r = run_cli("restore", "--db", f"sqlite:{target}", str(tmp_path / "missing.db"))
    assert r.returncode == 1


def test_backup_of_a_missing_store_names_weeekd_init(tmp_path):
    r = run_cli("backup", "--db", f"sqlite:{tmp_path}/none.db", str(tmp_path / "b.db"))
    assert r.returncode == 1
    assert "weeekd init" in r.stderr


@pytest.mark.parametrize("args", [["backup"], ["backup", "a", "b"], ["restore"]])
def test_backup_and_restore_need_exactly_one_file(args):
    r = run_cli(*args, "--db", "sqlite:/tmp/x.db")
    assert r.returncode == 2
    assert "needs one FILE" in r.stderr


def test_postgresql_backup_and_restore_print_the_pg_tools_line(tmp_path):
    url = "postgresql://weeekd@db.internal:5432/weeekd?sslmode=require"
    r = run_cli("backup", "--db", url, "/backups/it's.dump")
    assert r.returncode == 1
    assert r.stdout == (f"pg_dump --format=custom --dbname='{url}' "
                        "--file='/backups/it'\\''s.dump'\n")
    assert "pg_dump" in r.stderr
    r = run_cli("restore", "--db", url, "w.dump")
    assert r.returncode == 1
    assert r.stdout == f"pg_restore --clean --if-exists --no-owner --dbname='{url}' 'w.dump'\n"


def test_backup_then_restore_round_trip_on_either_backend(backend, fresh_db, tmp_path):
    """SQLite: weeekd backup/restore. PostgreSQL: the printed pg_dump and pg_restore lines,
    run through sh as printed, into a second database."""
    token = provision(fresh_db, "Round", "o@round.test")
    fresh = tmp_path / "second"
    if backend == "sqlite":
        target = f"sqlite:{fresh}.db"
    else:
        admin = os.environ["WEEEKD_TEST_PG_URL"]
        name = f"weeekd_restore_{os.getpid()}_{int(time.time() * 1000) % 100000}"
        psql(admin, f'CREATE DATABASE "{name}"')
        target = with_database(admin, name)
    try:
        dump = tmp_path / "round.dump"
        for cmd, db in (("backup", fresh_db), ("restore", target)):
            r = run_cli(cmd, "--db", db, str(dump))
            if backend == "pg":
                assert r.returncode == 1 and r.stdout.startswith("pg_"), r
                done = subprocess.run(["sh", "-c", r.stdout], capture_output=True, text=True,
                                      timeout=120)
                assert done.returncode == 0, done.stderr
            else:
                assert r.returncode == 0, r.stderr
        srv = Server(target, tmp_path / "round.log").wait_ready()
        try:
            r = requests.get(f"{srv.base}{API}/ws", timeout=HTTP_TIMEOUT,
                             headers={"Authorization": f"Bearer {token}"})
            assert r.status_code == 200
            assert r.json()["workspace"]["title"] == "Round"
        finally:
            srv.stop()
    finally:
        if backend == "pg":
            psql(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

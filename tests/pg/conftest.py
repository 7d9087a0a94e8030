"""Fixtures for the PostgreSQL scale-out suite (tests/pg): several weeekd processes over one
PostgreSQL database, and a server restart under a running weeekd.

Run as `/usr/bin/python3 -m pytest tests/pg` with WEEEKD_TEST_PG_URL set to an admin URL
(a role that may CREATE DATABASE), e.g. the one `tools/pg_cluster.sh start` prints. This
suite is only invoked when PostgreSQL is available, so a missing URL fails every test with
a clear message instead of skipping. WEEEKD_BIN picks the binary (default build/weeekd).
The restart test starts its own throwaway cluster with tools/pg_cluster.sh, so it never
restarts a server that anything else uses.
"""
import itertools
import os
import pathlib
import select
import signal
import subprocess
import time
import urllib.parse

import pytest
import requests

ROOT = pathlib.Path(__file__).resolve().parents[2]
API = "/public/v1"
SANITIZER_MARKS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:",
                   "SUMMARY: UndefinedBehaviorSanitizer")
_db_counter = itertools.count(1)


def binary():
    path = os.environ.get("WEEEKD_BIN") or str(ROOT / "build/weeekd")
    if not os.access(path, os.X_OK):
        pytest.fail(f"weeekd binary {path} not found: run `make` first or set WEEEKD_BIN")
    return path


def with_database(url, name):
    """The same server and credentials as url, database name replaced."""
    u = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((u.scheme, u.netloc, "/" + name, u.query, u.fragment))


def psql(url, sql):
    """Run SQL through psql; returns stdout (unaligned, tuples only)."""
    r = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, f"psql failed on {sql!r}: {r.stderr.strip()}"
    return r.stdout


def cli(db, *args):
    """Run a weeekd subcommand against db; returns stdout, fails the test on error."""
    r = subprocess.run([binary(), *args, "--db", db], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, f"weeekd {' '.join(args)} failed ({r.returncode}): {r.stderr}"
    return r.stdout.strip()


def provision(db, workspace="Acme", email="owner@acme.test"):
    """Create a workspace with weeekd init; returns its owner's token."""
    token = cli(db, "init", "--workspace", workspace, "--email", email)
    assert token.startswith("wk_"), token
    return token


class Server:
    """One `weeekd serve` process on a free loopback port."""

    def __init__(self, db, log_dir, name, threads=4, extra_args=()):
        self.log_path = pathlib.Path(log_dir) / f"weeekd-{name}.log"
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [binary(), "serve", "--db", db, "--listen", "127.0.0.1:0", "--threads", str(threads),
             *extra_args],
            stdout=subprocess.PIPE, stderr=self.log, text=True)
        self.base = None

    def wait_ready(self, timeout=30):
        """Read the first stdout line, 'listening on 127.0.0.1:PORT'."""
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        line = self.proc.stdout.readline() if ready else ""
        if not line.startswith("listening on "):
            self.proc.kill()
            self.proc.wait()
            pytest.fail(f"weeekd did not start (exit {self.proc.returncode}): {line!r}\n"
                        f"{self.log_path.read_text()[-3000:]}")
        self.base = "http://" + line.split()[-1]
        return self

    def url(self, path):
        return self.base + (path if path.startswith("/healthz") else API + path)

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        """SIGTERM; the server must drain and exit 0 with no sanitizer report."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                pytest.fail(f"weeekd did not stop within 30 s of SIGTERM ({self.log_path})")
        self.proc.stdout.close()
        self.log.close()
        text = self.log_path.read_text()
        bad = [m for m in SANITIZER_MARKS if m in text]
        assert not bad, f"sanitizer report in {self.log_path}:\n{text[-5000:]}"
        assert self.proc.returncode == 0, \
            f"weeekd exited {self.proc.returncode} ({self.log_path}):\n{text[-3000:]}"


class Client:
    """requests with the token, the base URL of one server and a short timeout."""

    def __init__(self, server, token, timeout=10):
        self.server = server
        self.s = requests.Session()
        self.s.headers["Authorization"] = f"Bearer {token}"
        self.timeout = timeout

    def call(self, method, path, **kw):
        kw.setdefault("timeout", self.timeout)
        return self.s.request(method, self.server.url(path), **kw)


def assert_json(r):
    assert r.headers.get("Content-Type") == "application/json", (r.status_code, r.headers, r.text)
    return r.json()


def assert_ok_or_busy(r):
    """200, or the clean 503 of a busy/unavailable store: never another 5xx."""
    body = assert_json(r)
    if r.status_code == 503:
        assert body.get("success") is False and body.get("message"), body
        return False
    assert r.status_code == 200, (r.status_code, r.text)
    assert body["success"] is True, body
    return True


@pytest.fixture(scope="session")
def admin_url():
    url = os.environ.get("WEEEKD_TEST_PG_URL")
    if not url:
        pytest.fail("WEEEKD_TEST_PG_URL is not set. tests/pg is the PostgreSQL scale-out suite and "
                    "needs an admin URL, e.g. the output of "
                    "`tools/pg_cluster.sh start /tmp/weeekd-pg 25432`.")
    try:
        psql(url, "SELECT 1")
    except (AssertionError, FileNotFoundError, subprocess.TimeoutExpired) as e:
        pytest.fail(f"cannot reach PostgreSQL at WEEEKD_TEST_PG_URL={url}: {e}")
    return url


@pytest.fixture(scope="session")
def new_database(admin_url):
    """A factory of fresh, empty databases; all are dropped at the end of the session."""
    created = []

    def make():
        name = f"weeekd_test_{os.getpid()}_{next(_db_counter)}"
        psql(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        psql(admin_url, f'CREATE DATABASE "{name}"')
        created.append(name)
        return with_database(admin_url, name)

    yield make
    for name in created:
        psql(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def shared_db(new_database):
    """One database for the session, provisioned with one workspace."""
    db = new_database()
    return db, provision(db)


@pytest.fixture
def servers(tmp_path):
    """start(db, n=2, extra_args=()) -> n running servers over db; all stopped (and checked)
    at the end."""
    started = []

    def start(db, n=2, extra_args=()):
        batch = [Server(db, tmp_path, f"{len(started) + i}", extra_args=extra_args)
                 for i in range(n)]
        started.extend(batch)
        return [s.wait_ready() for s in batch]

    yield start
    for s in started:
        s.stop()


def now():
    return time.monotonic()

"""Fixtures for the black-box HTTP suite (GUIDE 3.11, layer 4).

One server per backend for the whole run: a fresh store provisioned with the CLI
(workspace A owned by owner@a.test "Ada Owner" plus member@a.test; workspace B owned by
owner@b.test), `weeekd serve --listen 127.0.0.1:0`, stopped with SIGTERM at the end (it must
exit 0 within 15 s). Environment:
  WEEEKD_BIN            the binary (default build/weeekd, relative to the repository root)
  WEEEKD_TEST_BACKENDS  space-separated backends, "sqlite" (default) and/or "pg"
  WEEEKD_TEST_PG_URL    for pg: an admin URL (e.g. postgresql://postgres@127.0.0.1:54329/postgres);
                        each store is a new database weeekd_test_<pid>_<random>, dropped after
Helpers live in weeekd_http.py (imported by the test modules).
"""
import os
import time

import pytest

from weeekd_http import ROOT, Api, Server, Store, backends, binary, provision, unique

_session_start = time.time()


def pytest_report_header(config):
    return [f"weeekd: {binary()}  backends: {' '.join(backends())}"]


def pytest_terminal_summary(terminalreporter):
    cov = ROOT / "build" / "coverage.txt"
    if cov.exists() and cov.stat().st_mtime >= _session_start - 1:
        first = cov.read_text(encoding="utf-8").splitlines()[:1]
        if first:
            terminalreporter.write_line(f"{first[0]} (list in {cov.relative_to(ROOT)})")


@pytest.fixture(scope="session", params=backends(), ids=lambda b: b)
def backend(request):
    """The store backend under test; every test that touches a store runs once per backend."""
    assert os.access(binary(), os.X_OK), (
        f"weeekd binary {binary()} not found: run `make -j2` or set WEEEKD_BIN")
    return request.param


class SharedServer:
    """The session's server plus what was provisioned in it."""

    def __init__(self, backend, srv, store, tokens):
        self.backend = backend
        self.srv = srv
        self.store = store
        self.db = store.url
        self.tokens = tokens
        self.base = srv.base
        self.port = srv.port

    def api(self, who):
        emails = {"A": "owner@a.test", "member": "member@a.test", "B": "owner@b.test"}
        return Api(self.base, self.tokens[who], name=who, email=emails[who])

    def log_text(self):
        return self.srv.log_text()

    def log_lines_with(self, needle, timeout=5):
        return self.srv.log_lines_with(needle, timeout)


@pytest.fixture(scope="session")
def server(backend, tmp_path_factory):
    d = tmp_path_factory.mktemp(f"weeekd-{backend}")
    store = Store(backend, d)
    srv = None
    try:
        tokens = {
            "A": provision(store.url, "A", "owner@a.test", name="Ada Owner"),
            "member": provision(store.url, "A", "member@a.test", member=True),
            "B": provision(store.url, "B", "owner@b.test"),
        }
        srv = Server(store.url, d / "server.log").wait_ready()
        yield SharedServer(backend, srv, store, tokens)
        rc = srv.stop()  # raises on a sanitizer report in the log
        assert rc == 0, (f"weeekd serve exited {rc} on SIGTERM (None = hung >15 s)\n"
                         f"{srv.log_text()}")
    finally:
        if srv is not None:
            srv.kill()
        store.drop()


def _client(server, who):
    api = server.api(who)
    yield api
    api.close()


@pytest.fixture
def api(server):
    """Workspace A, owner's token."""
    yield from _client(server, "A")


@pytest.fixture
def api_member(server):
    """Workspace A, plain member's token."""
    yield from _client(server, "member")


@pytest.fixture
def api_b(server):
    """Workspace B, owner's token."""
    yield from _client(server, "B")


@pytest.fixture
def anon(server):
    """No Authorization header at all."""
    c = Api(server.base, None)
    yield c
    c.close()


@pytest.fixture
def fresh_ws(server):
    """A brand-new workspace created with `weeekd init` while the server runs; for tests
    that assert on list contents."""
    name = unique("ws")
    email = "owner@fresh.test"
    token = provision(server.db, name, email, name="Fresh Owner")
    c = Api(server.base, token, name=name, email=email)
    yield c
    c.close()


@pytest.fixture
def fresh_db(backend, tmp_path):
    """The URL of a new, empty store of the current backend (not provisioned, not served)."""
    store = Store(backend, tmp_path)
    yield store.url
    store.drop()

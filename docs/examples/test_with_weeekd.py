"""Testing a Weeek client against weeekd: the pytest example of docs/testing-with-weeekd.md.

One weeekd per test session, in memory, with the admin API; a fresh workspace per test.
Run with `python3 -m pytest docs/examples/test_with_weeekd.py` (WEEEKD_BIN names the binary
when it is not `weeekd` on PATH). `make test` runs it.
"""
import os
import subprocess
import time
import uuid

import pytest
import requests

ADMIN = "test-admin-token"


@pytest.fixture(scope="session")
def weeekd():
    """Start `weeekd serve` on an in-memory store and a free port; yield its base URL."""
    proc = subprocess.Popen(
        [os.environ.get("WEEEKD_BIN", "weeekd"), "serve", "--db", "memory:",
         "--listen", "127.0.0.1:0", "--admin-token", ADMIN, "--log-level", "warn"],
        stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()  # "listening on 127.0.0.1:PORT"
    assert line.startswith("listening on "), line
    yield "http://" + line.split()[-1]
    proc.terminate()
    assert proc.wait(timeout=15) == 0


def admin(base, method, path, **kw):
    r = requests.request(method, f"{base}/_weeekd{path}", timeout=10,
                         headers={"Authorization": f"Bearer {ADMIN}"}, **kw)
    r.raise_for_status()
    return r.json()


@pytest.fixture
def workspace(weeekd):
    """A workspace of its own for each test; yields (api base URL, token)."""
    name = f"test-{uuid.uuid4().hex[:8]}"
    ws = admin(weeekd, "POST", "/workspaces", json={"name": name, "email": "bot@example.com"})
    admin(weeekd, "DELETE", "/requests")  # each test reads only its own requests
    yield f"{weeekd}/public/v1", ws["token"]
    admin(weeekd, "DELETE", "/faults")
    admin(weeekd, "DELETE", f"/workspaces/{name}")


# ---- the code under test: a tiny client that retries on 429 as Weeek clients must ----

def create_task(api, token, title, retries=3):
    for _ in range(retries):
        r = requests.post(f"{api}/tm/tasks", json={"title": title}, timeout=10,
                          headers={"Authorization": f"Bearer {token}"})
        if r.status_code == 429:
            time.sleep(int(r.headers.get("Retry-After", "1")))
            continue
        r.raise_for_status()
        return r.json()["task"]
    raise RuntimeError("rate limited")


# ---- the tests ----

def test_creates_a_task(workspace):
    api, token = workspace
    task = create_task(api, token, "Write the report")
    r = requests.get(f"{api}/tm/tasks/{task['id']}", headers={"Authorization": f"Bearer {token}"},
                     timeout=10)
    assert r.json()["task"]["title"] == "Write the report"


def test_retries_after_a_429(weeekd, workspace):
    api, token = workspace
    admin(weeekd, "POST", "/faults", json={"method": "POST", "path": "/tm/tasks",
                                           "status": 429, "retryAfter": 1, "times": 1})
    task = create_task(api, token, "Retry me")
    assert task["title"] == "Retry me"
    # the journal shows what the client sent: a 429, then the same request again
    sent = admin(weeekd, "GET", "/requests")["requests"][::-1]  # oldest first
    assert [(q["method"], q["path"], q["status"]) for q in sent] == [
        ("POST", "/public/v1/tm/tasks", 429), ("POST", "/public/v1/tm/tasks", 200)]
    assert '"Retry me"' in sent[1]["requestBody"]


def test_gives_up_when_the_limit_persists(weeekd, workspace):
    api, token = workspace
    admin(weeekd, "POST", "/faults", json={"path": "/tm/tasks", "status": 429, "retryAfter": 0})
    with pytest.raises(RuntimeError):
        create_task(api, token, "Never", retries=2)
    assert len(admin(weeekd, "GET", "/requests")["requests"]) == 2

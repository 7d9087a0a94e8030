"""Demo workspaces (issue 14, item 9): `weeekd init --seed demo|demo-en` and POST
/_weeekd/workspaces {"seed": "demo"|"demo-en"} fill the new workspace with the fixed
content of seed/demo.json and seed/demo-en.json (seed/gen.py): two projects with three
boards, 40 tasks (8 of them subtasks) with assignees, tags, dates, priorities, custom-field
values and time entries, 6 comments, a funnel of 5 statuses with 20 deals, 12 contacts and
8 organizations, and four members beside the owner. Dates move by whole weeks so that the
seed's anchor week (Monday 2026-01-05) is the current one. An unknown seed is a usage error
(exit 2) or a 422."""
import datetime
import filecmp
import json
import re
import socket
import subprocess
import sys

import jsonschema
import pytest

from admin_kit import ADMIN_TOKEN, Admin
from weeekd_http import (ROOT, Api, Server, Store, binary, clean_env, cli_ok, read_until, run_cli, store_sql,
                         unique)

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
ANCHOR = datetime.date(2026, 1, 5)
COUNTS = {"projects": 2, "boards": 3, "columns": 11, "tasks": 40, "subtasks": 8, "open": 30,
          "tags": 6, "fields": 2, "members": 5, "comments": 6, "time": 17, "funnels": 1,
          "statuses": 5, "deals": 20, "contacts": 12, "organizations": 8}


@pytest.fixture(scope="module")
def srv(backend, tmp_path_factory):
    """A fresh store of the backend, served with the admin API."""
    d = tmp_path_factory.mktemp(f"seed-{backend}")
    store = Store(backend, d)
    cli_ok("migrate", "--db", store.url)
    s = None
    try:
        s = Server(store.url, d / "serve.log", ["--admin-token", ADMIN_TOKEN]).wait_ready()
        s.db = store.url
        yield s
        assert s.stop() == 0, s.log_text()
    finally:
        if s is not None:
            s.kill()
        store.drop()


def seeded_by_cli(srv, seed, email="owner@example.com", *extra):
    name = unique("demo")
    r = run_cli("init", "--db", srv.db, "--workspace", name, "--email", email, "--seed", seed,
                *extra)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("wk_"), r.stdout
    return Api(srv.base, lines[0], name=name, email=email)


def ok(api, path):
    r = api.get(path)
    assert r.status_code == 200, (path, r.text)
    return r.json()


def paged(api, path, key):
    """Every row of a paged list (perPage/offset), checking each page reads cleanly."""
    out, offset = [], 0
    while True:
        sep = "&" if "?" in path else "?"
        body = ok(api, f"{path}{sep}perPage=7&offset={offset}")
        out += body[key]
        offset += 7
        if not body.get("hasMore"):
            return out


def census(api):
    """What the workspace holds, read through the API as a client would."""
    tasks = paged(api, "/tm/tasks?all=1", "tasks")
    projects = ok(api, "/tm/projects")["projects"]
    boards = [b for p in projects for b in ok(api, f"/tm/boards?projectId={p['id']}")["boards"]]
    columns = [c for b in boards
               for c in ok(api, f"/tm/board-columns?boardId={b['id']}")["boardColumns"]]
    funnels = ok(api, "/crm/funnels")["funnels"]
    statuses = [s for f in funnels for s in ok(api, f"/crm/funnels/{f['id']}/statuses")["statuses"]]
    deals = [d for s in statuses for d in paged(api, f"/crm/statuses/{s['id']}/deals", "deals")]
    comments = [c for t in tasks for c in ok(api, f"/tm/tasks/{t['id']}/comments")["comments"]]
    return {"tasks": tasks, "projects": projects, "boards": boards, "columns": columns,
            "funnels": funnels, "statuses": statuses, "deals": deals, "comments": comments,
            "tags": ok(api, "/ws/tags")["tags"], "fields": ok(api, "/tm/custom-fields")["data"],
            "members": ok(api, "/ws/members")["members"],
            "contacts": paged(api, "/crm/contacts", "contacts"),
            "organizations": paged(api, "/crm/organizations", "organizations"),
            "open": paged(api, "/tm/tasks", "tasks")}


def assert_demo(api, russian):
    c = census(api)
    counts = {k: len(v) for k, v in c.items()}
    counts["subtasks"] = sum(1 for t in c["tasks"] if t["parentId"] is not None)
    counts["time"] = sum(len(t["timeEntries"]) for t in c["tasks"])
    assert counts == COUNTS
    tasks = c["tasks"]
    assert all(t["assignees"] for t in tasks)
    assert sum(1 for t in tasks if t["tags"]) >= 25
    assert {t["priority"] for t in tasks} >= {0, 1, 2, 3}
    assert sum(1 for t in tasks if t["isCompleted"]) == 10
    assert sum(1 for t in tasks for f in t["customFields"] if f["value"] is not None) >= 15
    assert {len(s) for s in [[d for d in c["deals"] if d["statusId"] == st["id"]]
                             for st in c["statuses"]]} == {4}
    assert sorted(d["winStatus"] or "" for d in c["deals"]).count("won") == 2
    assert all(d["contacts"] and d["organizations"] and d["amount"] for d in c["deals"])
    assert all(ct["organizations"] for ct in c["contacts"])
    # the language: every title, name and comment of the seed in it
    texts = ([t["title"] for t in tasks] + [p["name"] for p in c["projects"]] +
             [d["title"] for d in c["deals"]] + [s["name"] for s in c["statuses"]] +
             [cm["markdown"] for cm in c["comments"]] +
             [m["lastName"] for m in c["members"] if m["lastName"]])
    assert len(texts) == 78
    if russian:
        assert sum(1 for x in texts if CYRILLIC.search(x)) >= len(texts) - 2, texts
    else:
        assert not [x for x in texts if CYRILLIC.search(x)]
    # the dates: the anchor week moved onto this one (weekdays kept)
    today = datetime.datetime.now(datetime.timezone.utc).date()
    monday = today - datetime.timedelta(days=today.weekday())
    home = next(t for t in tasks if t["title"] in ("Сверстать главную страницу",
                                                    "Build the home page"))
    assert home["startDate"] == str(monday - datetime.timedelta(days=3))
    assert home["dueDate"] == str(monday + datetime.timedelta(days=2))
    entries = sorted(e["date"] for t in tasks for e in t["timeEntries"])
    assert entries[0] == str(monday - datetime.timedelta(days=12))
    assert entries[-1] == str(monday - datetime.timedelta(days=1))
    return c


@pytest.mark.parametrize("seed,russian", [("demo", True), ("demo-en", False)])
def test_init_seed_fills_the_workspace_in_its_language(srv, seed, russian):
    api = seeded_by_cli(srv, seed, "lead@example.com", "--name", "Lena Lead")
    c = assert_demo(api, russian)
    me = ok(api, "/user/me")["user"]
    # the owner keeps its own name and takes the demo owner's tasks
    assert (me["email"], me["firstName"], me["lastName"]) == ("lead@example.com", "Lena", "Lead")
    assert sum(1 for t in c["tasks"] if t["assignees"] == [me["id"]]) == 6
    others = [m for m in c["members"] if m["id"] != me["id"]]
    assert all(m["email"].endswith("@example.com") and m["firstName"] and m["position"]
               for m in others)


@pytest.mark.parametrize("seed,russian", [("demo", True), ("demo-en", False)])
def test_admin_seed_fills_the_workspace_and_names_the_owner(srv, seed, russian):
    admin = Admin(srv.base)
    api, body = admin.create_ws(unique("demo"), "bot@example.com", seed=seed)
    assert set(body) == {"success", "workspace", "token"}
    assert_demo(api, russian)
    me = ok(api, "/user/me")["user"]
    # an owner without a name gets the demo owner's
    assert me["email"] == "bot@example.com"
    assert (me["firstName"], me["lastName"]) == (("Алексей", "Иванов") if russian
                                                 else ("Alex", "Johnson"))
    admin.close()


def test_seeded_workspaces_are_separate(srv):
    admin = Admin(srv.base)
    a, _ = admin.create_ws(unique("demo"), seed="demo-en")
    b, _ = admin.create_ws(unique("demo"), seed="demo-en", token="wk_" + "S" * 43)
    assert b.token == "wk_" + "S" * 43
    ta = {t["id"] for t in paged(a, "/tm/tasks?all=1", "tasks")}
    tb = {t["id"] for t in paged(b, "/tm/tasks?all=1", "tasks")}
    assert len(ta) == len(tb) == 40 and not ta & tb
    # another workspace's task is not found (a task's not-found is a 400 in Weeek's API)
    r = b.get(f"/tm/tasks/{min(ta)}")
    assert r.status_code in (400, 404) and "not found" in r.text.lower(), r.text
    # a reset empties a seeded workspace like any other
    r = admin.call("POST", f"/workspaces/{a.name}/reset")
    assert r.status_code == 200, r.text
    assert ok(a, "/tm/tasks?all=1")["tasks"] == [] and ok(a, "/crm/funnels")["funnels"] == []
    assert len(ok(a, "/ws/members")["members"]) == 5
    assert len(paged(b, "/tm/tasks?all=1", "tasks")) == 40
    admin.close()


def test_admin_seed_works_on_the_in_memory_store(tmp_path):
    """The in-memory store has one connection: the seed must not hold it while it writes."""
    s = Server("memory:", tmp_path / "mem.log", ["--admin-token", ADMIN_TOKEN]).wait_ready()
    try:
        admin = Admin(s.base)
        a, _ = admin.create_ws("one", seed="demo")
        b, _ = admin.create_ws("two", seed="demo-en")
        assert len(paged(a, "/tm/tasks?all=1", "tasks")) == 40
        assert len(paged(b, "/crm/contacts", "contacts")) == 12
        admin.close()
        assert s.stop() == 0, s.log_text()
    finally:
        s.kill()


def test_a_seed_is_neither_faulted_nor_journaled(srv):
    """The seed's requests are the server's own, made in process: an injected fault on the
    paths it writes does not break it, and the journal shows only the admin call's client
    requests, not the seed's hundreds."""
    admin = Admin(srv.base)
    assert admin.call("DELETE", "/requests").status_code == 200
    r = admin.call("POST", "/faults", json={"path": "/tm/tasks*", "status": 500})
    assert r.status_code == 200, r.text
    try:
        api, _ = admin.create_ws(unique("demo"), seed="demo")
    finally:
        assert admin.call("DELETE", "/faults").status_code == 200
    assert len(paged(api, "/tm/tasks?all=1", "tasks")) == 40
    journal = admin.call("GET", "/requests?limit=1000").json()["requests"]
    assert {q["method"] for q in journal} == {"GET"}, journal[:3]
    assert all(q["path"].startswith("/public/v1/tm/tasks") for q in journal)
    admin.close()


def test_admin_seed_empty_is_still_empty(srv):
    admin = Admin(srv.base)
    api, _ = admin.create_ws(unique("ci"), seed="empty")
    assert ok(api, "/tm/tasks?all=1")["tasks"] == [] and len(ok(api, "/ws/members")["members"]) == 1
    admin.close()


@pytest.mark.parametrize("seed", ["demo-fr", "Demo", "demo en", "demo.json", 1, [], None, ""])
def test_admin_unknown_seed_is_422_and_creates_nothing(srv, seed):
    admin = Admin(srv.base)
    name = unique("bad")
    r = admin.call("POST", "/workspaces", json={"name": name, "email": "a@b.c", "seed": seed})
    if seed in (None, ""):  # null or "" is no seed, as for any optional field: the default
        assert r.status_code == 200, r.text
        return
    assert r.status_code == 422, r.text
    assert r.json()["errors"].keys() == {"seed"}
    assert store_sql(srv.db, f"SELECT count(*) FROM workspaces WHERE title = '{name}'")[0][0] in (0, "0")
    admin.close()


def test_init_unknown_seed_is_a_usage_error_that_creates_nothing(srv):
    name = unique("bad")
    r = run_cli("init", "--db", srv.db, "--workspace", name, "--email", "a@example.com",
                "--seed", "demo-fr")
    assert r.returncode == 2 and r.stdout == ""
    assert "--seed must be empty, demo or demo-en, not 'demo-fr'" in r.stderr
    assert store_sql(srv.db, f"SELECT count(*) FROM workspaces WHERE title = '{name}'")[0][0] in (0, "0")


def test_seed_belongs_to_init_only(srv):
    r = run_cli("member", "add", "--db", srv.db, "--workspace", "x", "--email", "a@example.com",
                "--seed", "demo")
    assert r.returncode == 2 and "--seed is for init only" in r.stderr
    r = run_cli("serve", "--db", srv.db, "--seed", "demo")
    assert r.returncode == 2 and "--seed is for init only" in r.stderr


def test_init_seed_empty_and_a_fixed_token(srv):
    token = "wk_" + "D" * 43
    api = seeded_by_cli(srv, "demo-en", "fixed@example.com", "--token", token)
    assert api.token == token and len(paged(api, "/tm/tasks?all=1", "tasks")) == 40
    empty = seeded_by_cli(srv, "empty")
    assert ok(empty, "/tm/tasks?all=1")["tasks"] == []


def test_seed_files_are_what_gen_py_writes_and_valid_documents(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "seed" / "gen.py"), str(tmp_path)], check=True)
    schema = json.loads((ROOT / "docs" / "export-format.schema.json").read_text())
    for name in ("demo.json", "demo-en.json"):
        assert filecmp.cmp(tmp_path / name, ROOT / "seed" / name, shallow=False), (
            f"seed/{name} differs from what seed/gen.py writes: run python3 seed/gen.py")
        seed = json.loads((ROOT / "seed" / name).read_text())
        assert set(seed) == {"comments", "document"}
        jsonschema.validate(seed["document"], schema)


# ---- make run ------------------------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_run_serves_the_demo_seed(backend, tmp_path):
    """tools/run.sh (what `make run` runs after building) makes the workspace with the demo
    seed, prints a token for it and serves it."""
    store = Store(backend, tmp_path)
    port = free_port()
    env = {**clean_env(), "WEEEKD_DB": store.url, "WEEEKD_LISTEN": f"127.0.0.1:{port}"}
    proc = subprocess.Popen(["sh", "tools/run.sh", binary()], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out = read_until(proc, b"listening on")
        assert b"(seed demo)" in out, out
        token = re.search(rb"\n    (wk_\w+)\n", out).group(1).decode()
        api = Api(f"http://127.0.0.1:{port}", token)
        tasks = paged(api, "/tm/tasks?all=1", "tasks")
        assert len(tasks) == 40 and CYRILLIC.search(tasks[0]["title"])
        assert ok(api, "/user/me")["user"]["firstName"] == "Алексей"
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        proc.stdout.close()
        proc.stderr.close()
        store.drop()


def test_make_run_stops_on_an_unknown_seed(tmp_path):
    env = {**clean_env(), "WEEEKD_DB": f"sqlite:{tmp_path}/w.db", "WEEEKD_SEED": "demo-fr",
           "WEEEKD_LISTEN": f"127.0.0.1:{free_port()}"}
    r = subprocess.run(["sh", "tools/run.sh", binary()], cwd=ROOT, env=env, capture_output=True,
                       text=True, timeout=30)
    assert r.returncode == 1 and "listening" not in r.stdout
    assert "--seed must be empty, demo or demo-en, not 'demo-fr'" in r.stderr

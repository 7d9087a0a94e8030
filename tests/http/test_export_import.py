"""`weeekd export` and `weeekd import` (docs/export-format.md): the document validates against
its JSON Schema and holds every object the API lists; import round-trips it into a store of
the other backend (when both are under test) with every object equal up to ids and times.
The source holds a thousand tasks, so the big case runs once per direction."""
import json
import os

import jsonschema
import pytest

from weeekd_http import Api, Server, Store, provision, token_rows
from fault_proxy import FaultProxy
from port_kit import (SCHEMA, assert_same_workspace, attachments_of, export, fill, ok, run)

THOUSAND = 1000


def other_backend(backend):
    """The target's backend: the other one. tools/run_tests.sh runs the suite once per
    backend, with WEEEKD_TEST_PG_URL set for both runs when PostgreSQL is there, so a SQLite
    run still copies into PostgreSQL; without a PostgreSQL server, SQLite into SQLite."""
    if backend == "pg":
        return "sqlite"
    return "pg" if os.environ.get("WEEEKD_TEST_PG_URL") else "sqlite"


@pytest.fixture(scope="module")
def source(backend, tmp_path_factory):
    """A server of its own with workspace "Src" (owner + one member) filled by fill()."""
    d = tmp_path_factory.mktemp(f"port-src-{backend}")
    store = Store(backend, d)
    token = provision(store.url, "Src", "owner@src.test", name="Sam Source")
    member = provision(store.url, "Src", "member@src.test", name="Mo Member", member=True)
    srv = Server(store.url, d / "server.log").wait_ready()
    api = Api(srv.base, token)
    made = fill(api, tasks=THOUSAND, deals=40, member_api=Api(srv.base, member))
    # a second, small workspace for the fault and resume cases
    small_token = provision(store.url, "Small", "owner@src.test", name="Sam Source")
    small_member = provision(store.url, "Small", "member@src.test", name="Mo Member", member=True)
    # 40 tasks: more than one batch of comment requests (32 tasks)
    fill(Api(srv.base, small_token), tasks=40, deals=6, member_api=Api(srv.base, small_member))
    try:
        yield {"store": store, "srv": srv, "api": api, "made": made, "dir": d, "token": token,
               "small_token": small_token}
    finally:
        srv.stop()
        store.drop()


def test_export_document_validates_against_its_schema(source):
    doc = export(source["store"].url, "Src", source["dir"] / "v.json")
    jsonschema.validate(doc, SCHEMA)
    assert doc["format"] == "weeekd-export" and doc["version"] == 1
    assert doc["workspace"]["title"] == "Src"


def test_export_holds_every_object_the_api_lists(source):
    api = source["api"]
    doc = export(source["store"].url, "Src", source["dir"] / "all.json")
    assert [m["email"] for m in doc["members"]] == [m["email"] for m in
                                                   ok(api.get("/ws/members"), "members")]
    assert doc["tags"] == ok(api.get("/ws/tags"), "tags")
    assert doc["customFields"] == ok(api.get("/tm/custom-fields"), "data")
    assert doc["projects"] == ok(api.get("/tm/projects"), "projects")
    assert len(doc["portfolios"]) == 2
    assert sorted(t["id"] for t in doc["tasks"]) == sorted(source["made"]["tasks"])
    assert {t["id"]: t["isDeleted"] for t in doc["tasks"]}[source["made"]["tasks"][4]] is True
    one = ok(api.get(f"/tm/tasks/{source['made']['tasks'][7]}"), "task")
    assert [{k: v for k, v in t.items() if k != "comments"}
            for t in doc["tasks"] if t["id"] == one["id"]] == [one]
    assert sorted(d["id"] for d in doc["deals"]) == sorted(source["made"]["deals"])
    assert len(doc["statuses"]) == len(ok(api.get(f"/crm/funnels/{source['made']['funnel']}/statuses"),
                                           "statuses"))
    assert len(doc["contacts"]) == 1 and len(doc["organizations"]) == 1


def test_export_keeps_each_column_order(source):
    api = source["api"]
    doc = export(source["store"].url, "Src", source["dir"] / "order.json")
    for entry in doc["columnOrders"]:
        listed, offset = [], 0
        while True:
            page = ok(api.get("/tm/tasks", params={"boardColumnId": entry["boardColumnId"],
                                                   "all": 1, "perPage": 100, "offset": offset}))
            listed += [t["id"] for t in page["tasks"]]
            offset += 100
            if not page["hasMore"]:
                break
        assert entry["taskIds"] == listed
    # fill() moved task 1 to the end of its column: the order is not the id order
    moved = source["made"]["tasks"][1]
    assert any(e["taskIds"][-1] == moved and e["taskIds"] != sorted(e["taskIds"])
               for e in doc["columnOrders"])
    assert any(len(e["taskIds"]) > 1 for e in doc["columnOrders"])


def test_export_carries_attachment_bytes_in_base64(source):
    doc = export(source["store"].url, "Src", source["dir"] / "files.json")
    assert dict(attachments_of(doc)) == source["made"]["files"]


def listed_comments(api, task):
    out, offset = [], 0
    while True:
        page = ok(api.get(f"/tm/tasks/{task}/comments", params={"limit": 100, "offset": offset}))
        out += page["comments"]
        offset += 100
        if not page["hasMore"]:
            return out


def test_export_carries_each_tasks_comments_as_the_api_lists_them(source):
    api = source["api"]
    doc = export(source["store"].url, "Src", source["dir"] / "comments.json")
    by_id = {t["id"]: t for t in doc["tasks"]}
    counts = source["made"]["comments"]
    assert any(n > 100 for n in counts.values())  # more than one page
    for task, n in counts.items():
        assert len(by_id[task]["comments"]) == n
        assert by_id[task]["comments"] == listed_comments(api, task)
    assert all(t["comments"] == [] for t in doc["tasks"] if t["id"] not in counts)
    # replies name their parent, and a reply whose parent was deleted sits at the top level
    six = by_id[source["made"]["tasks"][6]]["comments"]
    ids = {c["id"] for c in six}
    assert sum(1 for c in six if c["parentId"] in ids) == 2
    assert sum(1 for c in six if c["parentId"] is None) == 2
    authors = {c["authorId"] for c in six}
    assert authors == {m["id"] for m in doc["members"]}


def test_a_task_without_comments_key_still_validates(source):
    doc = export(source["store"].url, "Src", source["dir"] / "old-shape.json")
    for t in doc["tasks"]:
        t.pop("comments")
    jsonschema.validate(doc, SCHEMA)


def test_export_of_an_unknown_workspace_fails_and_leaves_no_file(source):
    out = source["dir"] / "none.json"
    r = run("export", "--db", source["store"].url, "--workspace", "Nope", "--output", str(out))
    assert r.returncode == 1 and "no workspace named 'Nope'" in r.stderr
    assert not out.exists() and not (source["dir"] / "none.json.part").exists()


def test_export_revokes_the_token_it_used(source):
    export(source["store"].url, "Src", source["dir"] / "tok.json")
    mine = [t for t in token_rows(source["store"].url) if t["label"].startswith("export ")]
    assert mine and all(t["state"] == "revoked" for t in mine)


@pytest.fixture(scope="module")
def target(backend, tmp_path_factory):
    """An empty store on the other backend (the import's target)."""
    d = tmp_path_factory.mktemp(f"port-dst-{backend}")
    store = Store(other_backend(backend), d)
    try:
        yield {"store": store, "dir": d}
    finally:
        store.drop()


@pytest.fixture(scope="module")
def small(source):
    """The source's document cut to its first 60 tasks (a quicker import for the tests that
    check the command rather than the copy)."""
    doc = export(source["store"].url, "Src", source["dir"] / "full.json")
    doc["tasks"] = doc["tasks"][:60]
    keep = {t["id"] for t in doc["tasks"]}
    for e in doc["columnOrders"]:
        e["taskIds"] = [i for i in e["taskIds"] if i in keep]
    for t in doc["tasks"]:
        t["subTasks"] = [i for i in t["subTasks"] if i in keep]
    path = source["dir"] / "small.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return doc, path


def imp(target, workspace, path, *extra):
    return run("import", "--db", target["store"].url, "--workspace", workspace,
               "--email", "owner@src.test", "--input", str(path), *extra)


def test_file_round_trip_gives_the_same_document(source, target):
    first = source["dir"] / "round.json"
    doc = export(source["store"].url, "Src", first)
    r = imp(target, "Copy", first)
    assert r.returncode == 0, r.stderr
    again = export(target["store"].url, "Copy", target["dir"] / "again.json")
    jsonschema.validate(again, SCHEMA)
    assert len(again["tasks"]) == THOUSAND
    assert sum(len(t["comments"]) for t in again["tasks"]) == \
        sum(source["made"]["comments"].values())
    # authors, replies and order included (authors compared by e-mail)
    assert_same_workspace(doc, again)
    # the authors' tokens the import wrote with are revoked
    authors = [t for t in token_rows(target["store"].url) if t["label"].startswith("import authors")]
    assert authors and all(t["state"] == "revoked" for t in authors)


def strip_comments(doc):
    for t in doc["tasks"]:
        t.pop("comments", None)
    return doc


def test_import_of_a_document_without_comments_works(small, target):
    """A document written before comments were exported (no "comments" on tasks)."""
    doc, path = small
    old = strip_comments(json.loads(path.read_text(encoding="utf-8")))
    old_path = target["dir"] / "old.json"
    old_path.write_text(json.dumps(old), encoding="utf-8")
    r = imp(target, "OldFile", old_path)
    assert r.returncode == 0, r.stderr
    copy = export(target["store"].url, "OldFile", target["dir"] / "old-again.json")
    assert all(t["comments"] == [] for t in copy["tasks"])
    assert_same_workspace(old, strip_comments(copy))


def test_import_prints_the_owners_working_token_as_its_one_line(small, target):
    doc, path = small
    r = imp(target, "Tokened", path)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("wk_")
    srv = Server(target["store"].url, target["dir"] / "tok.log").wait_ready()
    try:
        api = Api(srv.base, lines[0])
        me = ok(api.get("/user/me"), "user")
        assert me["email"] == "owner@src.test"
        assert ok(api.get("/ws"), "workspace")["title"] == "Tokened"
        assert len(ok(api.get("/tm/tasks", params={"all": 1, "perPage": 100}), "tasks")) == 60
    finally:
        srv.stop()


def test_import_writes_a_comment_of_an_unknown_author_as_the_owner(small, target):
    """A comment whose author is not among the members is kept, written by the importing
    owner; a reply whose parent is not in the document goes to the top level. Both are
    reported."""
    doc, path = small
    odd = json.loads(path.read_text(encoding="utf-8"))
    task = next(t for t in odd["tasks"] if not t["isDeleted"] and not t["comments"])
    stamp = "2026-01-01T00:00:00Z"
    task["comments"] = [
        {"id": 999002, "parentId": 999001, "authorId": odd["members"][-1]["id"],
         "markdown": "a reply to a vanished comment", "createdAt": stamp, "updatedAt": stamp},
        {"id": 999003, "parentId": None, "authorId": "00000000-0000-4000-8000-000000000000",
         "markdown": "by someone who left", "createdAt": stamp, "updatedAt": stamp}]
    jsonschema.validate(odd, SCHEMA)
    odd_path = target["dir"] / "odd.json"
    odd_path.write_text(json.dumps(odd), encoding="utf-8")
    r = imp(target, "OddComments", odd_path)
    assert r.returncode == 0, r.stderr
    assert "not imported: comments whose author is not a member (written by the owner) (1)" \
        in r.stderr
    assert "not imported: replies to comments not in the source" in r.stderr
    copy = export(target["store"].url, "OddComments", target["dir"] / "odd-again.json")
    emails = {m["id"]: m["email"] for m in copy["members"]}
    got = next(t for t in copy["tasks"] if t["title"] == task["title"])["comments"]
    # oldest first in the document's order: the list (newest first) is the same
    assert [(c["markdown"], c["parentId"], emails[c["authorId"]]) for c in got] == [
        ("a reply to a vanished comment", None, odd["members"][-1]["email"]),
        ("by someone who left", None, "owner@src.test")]


def test_import_refuses_an_existing_workspace_unless_replace(small, target):
    doc, path = small
    provision(target["store"].url, "Taken", "someone@else.test")
    r = imp(target, "Taken", path)
    assert r.returncode == 1 and "already exists" in r.stderr and r.stdout == ""
    r = imp(target, "Taken", path, "--replace")
    assert r.returncode == 0, r.stderr
    assert_same_workspace(doc, export(target["store"].url, "Taken", target["dir"] / "rep2.json"))
    assert not [t for t in token_rows(target["store"].url)
                if t["workspace"] == "Taken" and t["email"] == "someone@else.test"]


@pytest.mark.parametrize("content, why", [
    ('{"a": 1}', "is not a weeekd export"),
    ('{"format": "weeekd-export", "version": 99}', "is not format version 1"),
    ("not json", "is not a weeekd export"),
])
def test_import_refuses_a_document_it_cannot_read_before_creating_anything(
        target, content, why):
    path = target["dir"] / "bad.json"
    path.write_text(content, encoding="utf-8")
    r = imp(target, "Never", path)
    assert r.returncode == 1 and why in r.stderr and r.stdout == ""
    assert not [t for t in token_rows(target["store"].url) if t["workspace"] == "Never"]


def test_import_of_a_truncated_document_fails_without_a_token(small, target):
    path = target["dir"] / "cut.json"
    text = small[1].read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    r = imp(target, "Cut", path)
    assert r.returncode == 1 and r.stdout == ""
    assert "not valid JSON" in r.stderr


def imp_api(target, workspace, base, token, *extra):
    return run("import", "--db", target["store"].url, "--workspace", workspace,
               "--email", "owner@src.test", "--from", base, "--token", token, *extra)


def test_api_import_copies_every_object_field_by_field(source, target):
    doc = export(source["store"].url, "Src", source["dir"] / "api-src.json")
    r = imp_api(target, "ViaApi", source["srv"].base + "/public/v1", source["token"])
    assert r.returncode == 0, r.stderr
    assert len(r.stdout.splitlines()) == 1
    copy = export(target["store"].url, "ViaApi", target["dir"] / "api-dst.json")
    assert len(copy["tasks"]) == THOUSAND
    assert sum(len(t["comments"]) for t in copy["tasks"]) == \
        sum(source["made"]["comments"].values())
    assert_same_workspace(doc, copy)
    assert dict(attachments_of(copy)).values() and \
        sorted(dict(attachments_of(copy)).values()) == sorted(source["made"]["files"].values())
    assert "the API cannot read" in r.stderr


def test_api_import_rides_out_429_503_and_a_dropped_connection(source, target):
    doc = export(source["store"].url, "Small", source["dir"] / "faults-src.json")
    proxy = FaultProxy(source["srv"].base, faults={3: "429", 9: "503", 15: "drop", 16: "503"})
    try:
        r = imp_api(target, "Faulty", proxy.base, source["small_token"])
    finally:
        proxy.close()
    assert r.returncode == 0, r.stderr
    assert sorted(f for _, f, _ in proxy.injected) == ["429", "503", "503", "drop"]
    assert "transient source failures retried" in r.stderr
    assert_same_workspace(doc, export(target["store"].url, "Faulty", target["dir"] / "f.json"))


def test_api_import_from_a_source_without_comments_imports_the_rest(source, target):
    """A server older than the comments answers their route with the unknown-route 404: the
    import goes on, says so once, and stops asking."""
    doc = strip_comments(export(source["store"].url, "Small", source["dir"] / "nc-src.json"))
    proxy = FaultProxy(source["srv"].base, no_route="/comments")
    try:
        r = imp_api(target, "NoComments", proxy.base, source["small_token"])
    finally:
        proxy.close()
    assert r.returncode == 0, r.stderr
    assert r.stderr.count("the source has no comments route") == 1
    # asked for the first batch of tasks (32), not for every task
    assert len(doc["tasks"]) > 32 and 1 <= proxy.no_route_hits <= 32
    copy = export(target["store"].url, "NoComments", target["dir"] / "nc.json")
    assert all(t["comments"] == [] for t in copy["tasks"])
    assert_same_workspace(doc, strip_comments(copy))


def test_api_import_gives_up_on_a_source_that_stays_down_without_a_token(source, target):
    proxy = FaultProxy(source["srv"].base, fail_from=5)
    try:
        r = imp_api(target, "Down", proxy.base, source["small_token"], "--retries", "2")
    finally:
        proxy.close()
    assert r.returncode == 1 and r.stdout == ""
    assert "reading the source failed" in r.stderr and "503" in r.stderr
    assert not [t for t in token_rows(target["store"].url) if t["workspace"] == "Down"]


def test_api_import_refuses_a_bad_token(source, target):
    r = imp_api(target, "BadTok", source["srv"].base + "/public/v1", "wk_nope")
    assert r.returncode == 1 and "401" in r.stderr and r.stdout == ""


def test_import_failed_midway_then_resumed_ends_complete_without_duplicates(small, target):
    doc, path = small
    cut = target["dir"] / "half.json"
    text = path.read_text(encoding="utf-8")
    # cut inside the tasks: everything before them and part of them is written, then it fails
    at = text.index('"tasks"') + (len(text) - text.index('"tasks"')) // 3
    cut.write_text(text[:at], encoding="utf-8")
    r = imp(target, "Halfway", cut)
    assert r.returncode == 1 and r.stdout == "" and "--resume" in r.stderr
    r = imp(target, "Halfway", path, "--resume")
    assert r.returncode == 0, r.stderr
    assert "resuming:" in r.stderr and len(r.stdout.splitlines()) == 1
    assert_same_workspace(doc, export(target["store"].url, "Halfway", target["dir"] / "h.json"))
    # and once more: a complete import resumed writes nothing new
    r = imp(target, "Halfway", path, "--resume")
    assert r.returncode == 0, r.stderr
    assert_same_workspace(doc, export(target["store"].url, "Halfway", target["dir"] / "h2.json"))


def test_import_failed_inside_a_tasks_comments_resumes_without_duplicates(small, target):
    """The import stops between two comments of one task (the third is refused: too long);
    --resume with the good document writes the rest of them, none twice."""
    doc, path = small
    bad = json.loads(path.read_text(encoding="utf-8"))
    task = next(t for t in bad["tasks"] if len(t["comments"]) == 4)
    task["comments"][1]["markdown"] = "x" * 70000  # the third written (oldest first)
    bad_path = target["dir"] / "bad-comment.json"
    bad_path.write_text(json.dumps(bad), encoding="utf-8")
    r = imp(target, "MidComments", bad_path)
    assert r.returncode == 1 and r.stdout == "" and "--resume" in r.stderr
    assert "markdown" in r.stderr
    r = imp(target, "MidComments", path, "--resume")
    assert r.returncode == 0, r.stderr
    copy = export(target["store"].url, "MidComments", target["dir"] / "mid.json")
    got = next(t for t in copy["tasks"] if t["title"] == task["title"])["comments"]
    assert len(got) == 4
    # the same comments, order, authors and replies as the source
    assert_same_workspace(doc, copy)


def test_import_interrupted_by_a_signal_then_resumed_ends_complete(small, target):
    import signal
    import subprocess
    from weeekd_http import binary, clean_env
    doc, path = small
    args = [str(binary()), "import", "--db", target["store"].url, "--workspace", "Signalled",
            "--email", "owner@src.test", "--input", str(path)]
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env=clean_env())
    seen = []
    for line in p.stderr:
        seen.append(line)
        if "objects written" in line:
            p.send_signal(signal.SIGINT)
            break
    out, err = p.communicate(timeout=120)
    err = "".join(seen) + err
    assert p.returncode == 1 and out == "", err
    assert "interrupted after" in err and "--resume" in err
    r = run(*args[1:], "--resume")
    assert r.returncode == 0, r.stderr
    copy = export(target["store"].url, "Signalled", target["dir"] / "sig2.json")
    assert len(copy["tasks"]) == len(doc["tasks"])
    assert_same_workspace(doc, copy)


def test_resume_without_an_earlier_run_is_refused(small, target):
    r = imp(target, "NeverStarted", small[1], "--resume")
    assert r.returncode == 1 and "no workspace named 'NeverStarted' to resume" in r.stderr


@pytest.mark.parametrize("concurrency", [1, 2, 3])
def test_api_import_runs_at_most_concurrency_requests_at_once(source, target, concurrency):
    doc = export(source["store"].url, "Small", source["dir"] / f"conc{concurrency}.json")
    assert len(list(attachments_of(doc))) >= 3
    proxy = FaultProxy(source["srv"].base, slow=0.1, slow_paths=("/comments",))
    try:
        r = imp_api(target, f"Conc{concurrency}", proxy.base, source["small_token"],
                    "--concurrency", str(concurrency))
    finally:
        proxy.close()
    assert r.returncode == 0, r.stderr
    # the tasks' comments (and a task's two attachments) are read together, up to the cap
    assert proxy.max_in_flight == concurrency
    assert_same_workspace(doc, export(target["store"].url, f"Conc{concurrency}",
                                      target["dir"] / f"c{concurrency}.json"))


@pytest.mark.parametrize("value", ["0", "65", "two"])
def test_import_refuses_a_bad_concurrency(target, value):
    r = run("import", "--db", target["store"].url, "--workspace", "X", "--email", "a@b.test",
            "--from", "http://127.0.0.1:9/public/v1", "--token", "t", "--concurrency", value)
    assert r.returncode == 2 and "--concurrency must be 1..64" in r.stderr

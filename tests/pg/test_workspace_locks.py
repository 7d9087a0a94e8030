"""Writes on PostgreSQL are serialised per workspace (issue 18): a write transaction held open
in workspace A makes the next write of A wait until it commits, while writes of workspace B
go through at once; a whole-store writer (the exclusive store lock) still holds back every
workspace. The holder is a psql session that takes the same advisory keys weeekd's
writers take (src/store/pg.c: the store key shared, then the two-key (class, ws_id) lock).
Concurrent writes spread over two workspaces and two processes still hand out distinct
ids and per-workspace positions."""
import concurrent.futures
import subprocess
import threading
import time

from conftest import Client, assert_json, assert_ok_or_busy, provision, psql

STORE_KEY = 8603394149429018626  # WRITE_LOCK_KEY in src/store/pg.c
WS_CLASS = 2003133803  # WS_LOCK_CLASS in src/store/pg.c


class LockHolder:
    """A psql session inside BEGIN holding advisory locks until commit(). psql's output to a
    pipe is buffered, so the locks are seen held through pg_locks instead."""

    def __init__(self, db, *lock_sql):
        self.db = db
        self.p = subprocess.Popen(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", db],
                                  stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True)
        self.p.stdin.write("BEGIN;\n" + "".join(f"{s};\n" for s in lock_sql))
        self.p.stdin.flush()
        deadline = time.monotonic() + 10
        while int(psql(db, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                           "AND granted AND pid <> pg_backend_pid()")) < len(lock_sql):
            assert self.p.poll() is None, self.p.stderr.read()
            assert time.monotonic() < deadline, "the psql session did not get its locks"
            time.sleep(0.05)

    def commit(self):
        self.p.stdin.write("COMMIT;\n")
        self.p.stdin.close()
        assert self.p.wait(timeout=10) == 0, self.p.stderr.read()


def ws_id(db, title):
    return int(psql(db, f"SELECT id FROM workspaces WHERE title = '{title}'").strip())


def two_workspaces(new_database):
    db = new_database()
    return db, provision(db, "Alpha", "a@alpha.test"), provision(db, "Beta", "b@beta.test")


def timed_create(client, title, out):
    t0 = time.monotonic()
    r = client.call("POST", "/ws/tags", json={"title": title})
    out[title] = (r, time.monotonic() - t0, time.monotonic())


def test_a_held_write_in_one_workspace_blocks_its_writes_but_not_another_workspaces(
        new_database, servers):
    db, tok_a, tok_b = two_workspaces(new_database)
    s1, s2 = servers(db)
    a1, b1, b2 = Client(s1, tok_a), Client(s1, tok_b), Client(s2, tok_b)
    holder = LockHolder(db, f"SELECT pg_advisory_xact_lock_shared({STORE_KEY})",
                        f"SELECT pg_advisory_xact_lock({WS_CLASS}, {ws_id(db, 'Alpha')})")
    done = {}
    waiter = threading.Thread(target=timed_create, args=(a1, "in alpha", done))
    waiter.start()
    time.sleep(0.4)
    assert waiter.is_alive(), f"the write in Alpha did not wait: {done}"
    # Beta's writes, through either process, finish while Alpha's waits
    for c, title in ((b1, "beta via 1"), (b2, "beta via 2")):
        timed_create(c, title, done)
        r, took, _ = done[title]
        assert r.status_code == 200, r.text
        assert took < 1.0, f"a write in Beta took {took:.2f} s while Alpha was locked"
    # reads of Alpha are not held back either
    r = a1.call("GET", "/ws/tags")
    assert r.status_code == 200 and assert_json(r)["tags"] == []
    time.sleep(0.3)
    assert waiter.is_alive(), "the write in Alpha finished before the holder committed"
    released = time.monotonic()
    holder.commit()
    waiter.join(timeout=10)
    r, took, finished = done["in alpha"]
    assert r.status_code == 200, r.text
    assert finished >= released and took > 0.6
    assert [t["title"] for t in assert_json(a1.call("GET", "/ws/tags"))["tags"]] == ["in alpha"]
    assert sorted(t["title"] for t in assert_json(b2.call("GET", "/ws/tags"))["tags"]) == \
        ["beta via 1", "beta via 2"]


def test_a_whole_store_writer_holds_back_every_workspace(new_database, servers):
    db, tok_a, tok_b = two_workspaces(new_database)
    [s] = servers(db, n=1)
    holder = LockHolder(db, f"SELECT pg_advisory_xact_lock({STORE_KEY})")
    done = {}
    waiters = [threading.Thread(target=timed_create, args=(Client(s, tok), title, done))
               for tok, title in ((tok_a, "a"), (tok_b, "b"))]
    for w in waiters:
        w.start()
    time.sleep(0.5)
    assert all(w.is_alive() for w in waiters), f"a write passed the store lock: {done}"
    holder.commit()
    for w in waiters:
        w.join(timeout=10)
    assert all(done[t][0].status_code == 200 for t in ("a", "b")), done


def test_concurrent_writes_over_two_workspaces_keep_ids_and_positions_distinct(
        new_database, servers):
    db, tok_a, tok_b = two_workspaces(new_database)
    procs = servers(db)
    projects = {}
    for tok in (tok_a, tok_b):
        r = Client(procs[0], tok).call("POST", "/tm/projects", json={"name": "p"})
        assert r.status_code == 200, r.text
        projects[tok] = assert_json(r)["project"]["id"]
    jobs = [(Client(p, tok), tok) for p in procs for tok in (tok_a, tok_b) for _ in range(2)]

    def work(k):
        c, tok = jobs[k]
        made = []
        for i in range(15):
            r = c.call("POST", "/tm/boards", json={"name": f"b{k}-{i}", "projectId": projects[tok]})
            if assert_ok_or_busy(r):
                made.append(("board", assert_json(r)["board"]["id"]))
            r = c.call("POST", "/ws/tags", json={"title": f"t{k}-{i}"})
            if assert_ok_or_busy(r):
                made.append(("tag", assert_json(r)["tag"]["id"]))
        return made

    with concurrent.futures.ThreadPoolExecutor(len(jobs)) as ex:
        made = [m for ms in ex.map(work, range(len(jobs))) for m in ms]
    assert len(made) == len(set(made)), "an id was handed out twice"
    assert len(made) > len(jobs) * 15, "most writes should succeed"
    dup = psql(db, "SELECT ws_id, project_id, position FROM boards "
                   "GROUP BY 1, 2, 3 HAVING count(*) > 1")
    assert dup == "", f"two boards share a position: {dup}"
    # positions are dense per project: 0..n-1
    rows = psql(db, "SELECT count(*) = max(position) + 1 FROM boards GROUP BY ws_id, project_id")
    assert rows.split() == ["t", "t"], rows

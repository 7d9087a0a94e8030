"""Crash safety (issue 8): weeekd is killed with SIGKILL at a random moment under a write
load from a few client threads, restarted on the same store, and then
- every write acknowledged with a 2xx before the kill is in the store (creates exist,
  deletes are gone, the last acknowledged move or update of each object is its state), and
  the one request per thread that was in flight landed whole or not at all;
- the store is consistent: task keys distinct per column, deal keys distinct per status,
  every location's column on its board and its board in its project, no dangling
  reference (read straight from the database: sqlite3 or psql, not through weeekd);
- the API shows the same: objects, column orders and deal orders.
Repeated for many cycles per backend; the PostgreSQL server itself is never touched. This
kills the process, not the machine: it says nothing about power loss (README
"Durability").
"""
import itertools
import os
import random
import signal
import threading
import time

from crash_kit import (Loader, World, api_deal_problems, api_order_problems,
                       api_task_problems, consistency_problems, observed, op_target, settle,
                       StoreReader)
from weeekd_http import SANITIZER_MARKS, Api, Server, Store, provision

THREADS = 3
KILL_AFTER = (0.02, 0.3)  # seconds of load before the SIGKILL
ORDER_EVERY = 10  # cycles between full listings of every column and status through the API
# one pool connection per client thread: every writer can be inside weeekd at the kill, and
# a restart (which prepares every statement on every connection) costs no more than needed
SERVE_ARGS = ("--threads", str(THREADS))


def sanitizer_marks(srv):
    log = srv.log_text()
    return [m for m in SANITIZER_MARKS if m in log]


def make_world(api):
    """A project with two boards (three columns each) and a funnel (three statuses)."""
    def ok(r):
        assert r.status_code == 200, r.text
        return r.json()
    pid = ok(api.post("/tm/projects", json={"name": "crash"}))["project"]["id"]
    boards = {}
    for name in ("b1", "b2"):
        bid = ok(api.post("/tm/boards", json={"name": name, "projectId": pid}))["board"]["id"]
        cols = ok(api.get("/tm/board-columns", params={"boardId": bid}))["boardColumns"]
        boards[bid] = [c["id"] for c in cols]
    fid = ok(api.post("/crm/funnels", json={"name": "crash"}))["funnel"]["id"]
    statuses = [s["id"] for s in ok(api.get(f"/crm/funnels/{fid}/statuses"))["statuses"]]
    return World(pid, boards, fid, statuses)


def test_acknowledged_writes_survive_sigkill(variant, tmp_path):
    backend, sync, cycles = variant
    seed = int(os.environ.get("WEEEKD_CRASH_SEED") or random.randrange(1 << 32))
    rng = random.Random(seed)
    where = f"(seed {seed}: WEEEKD_CRASH_SEED={seed} replays the run)"
    extra = SERVE_ARGS + (("--sync", sync) if backend == "sqlite" else ())
    store = Store(backend, tmp_path)
    srv = reader = None
    try:
        token = provision(store.url, "crash", "owner@crash.test")
        provision(store.url, "crash", "member@crash.test", member=True)
        srv = Server(store.url, tmp_path / "server.log", extra).wait_ready()
        api = Api(srv.base, token)
        r = api.get("/ws/members")
        assert r.status_code == 200, r.text
        members = sorted(m["id"] for m in r.json()["members"])
        tags = [api.create_tag(f"crash{i}")["id"] for i in range(3)]
        worlds = [make_world(api) for _ in range(THREADS)]
        api.close()
        seq = itertools.count(1)
        reader = StoreReader(store.url)
        stats = {"acked": 0, "in flight": 0, "landed": 0, "load s": 0.0, "restart s": 0.0,
                 "check s": 0.0}

        for cycle in range(cycles):
            loaders = [Loader(srv.base, token, w, members, tags, rng.randrange(1 << 32))
                       for w in worlds]
            threads = [threading.Thread(target=ld.run, args=(seq,)) for ld in loaders]
            t0 = time.monotonic()
            for t in threads:
                t.start()
            time.sleep(rng.uniform(*KILL_AFTER))
            srv.proc.send_signal(signal.SIGKILL)
            for t in threads:
                t.join(timeout=30)
                assert not t.is_alive(), f"a load thread hung after the kill {where}"
            srv.kill()
            stats["load s"] += time.monotonic() - t0
            errors = [ld.error for ld in loaders if ld.error]
            assert not errors, f"cycle {cycle}: a write failed before the kill {where}: {errors}"
            marks = sanitizer_marks(srv)
            assert not marks, f"cycle {cycle}: sanitizer report {marks}:\n{srv.log_text()}"

            t0 = time.monotonic()
            srv = Server(store.url, tmp_path / "server.log", extra).wait_ready()
            stats["restart s"] += time.monotonic() - t0
            t0 = time.monotonic()
            db = reader.read()
            problems = consistency_problems(db)
            api = Api(srv.base, token)
            for i, (ld, w) in enumerate(zip(loaders, worlds)):
                stats["acked"] += ld.acked
                d, landed = settle(w, ld.pending, observed(db, w))
                if d:
                    problems.append(f"thread {i}: the store differs from the acknowledged "
                                    f"writes:\n{d}")
                    continue
                if ld.pending and not ld.refused:
                    stats["in flight"] += 1
                    stats["landed"] += landed
                # the API's view of the object written last and a few others each cycle,
                # of every order now and then
                tasks, deals = op_target(ld.pending, w) if ld.pending else ([], [])
                tasks += rng.sample(sorted(w.tasks), min(2, len(w.tasks)))
                deals += rng.sample(sorted(w.deals), min(1, len(w.deals)))
                problems += api_task_problems(api, w, tasks)
                problems += api_deal_problems(api, w, deals)
                if cycle % ORDER_EVERY == 0 or cycle == cycles - 1:
                    problems += api_order_problems(api, w)
            api.close()
            stats["check s"] += time.monotonic() - t0
            assert not problems, (f"cycle {cycle} of {cycles} ({backend}, --sync {sync}) "
                                  f"{where}:\n" + "\n".join(problems))

        # the whole run must have exercised something: writes acknowledged, and kills
        # that caught requests in flight
        assert stats["acked"] >= 5 * cycles, stats
        assert stats["in flight"] >= cycles // 4, stats
        rc = srv.stop()
        assert rc == 0, f"weeekd serve exited {rc} on SIGTERM:\n{srv.log_text()}"
        assert not sanitizer_marks(srv), srv.log_text()
        print(f"\n{backend} --sync {sync}: {cycles} kills, {stats} {where}")
    finally:
        if srv is not None:
            srv.kill()
        if reader is not None:
            reader.close()
        store.drop()

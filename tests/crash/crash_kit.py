"""The crash suite's pieces (issue 8): a model of what the acknowledged writes established,
the write load that drives it, readers of the store (sqlite3 / psql, bypassing weeekd) and
the consistency checks. test_crash.py puts them together; the process and store helpers come
from tests/http/weeekd_http.py.

Each load thread owns one project (two boards of three columns) and one funnel (three
statuses), and writes only to them, one request at a time. So the thread's model is exact:
after an acknowledged request it is what the store must hold, and the one request that was
in flight when weeekd died may have landed or not, so the store must hold the model either
before or after it (never a half of it). Objects of other threads never move through a
thread's columns, so column and status orders can be checked exactly too.
"""
import copy
import random
import sqlite3
import subprocess

import requests

LIVE_TASKS_CAP = 30  # per thread: keeps every column listable in one page of 100
DEALS_CAP = 15


class World:
    """One thread's objects as the store must hold them.
    tasks: id -> {title, priority, done, deleted, tags, assignees, column} (tags and
    assignees sorted tuples; a deleted task keeps its last column, as its location row does)
    cols: column id -> live task ids in column order; deals: id -> {title, amount, status,
    assignees}; statuses: status id -> deal ids in board order."""

    def __init__(self, project, boards, funnel, statuses):
        self.project = project
        self.boards = boards  # board id -> its column ids, first to last
        self.funnel = funnel
        self.tasks = {}
        self.cols = {c: [] for cs in boards.values() for c in cs}
        self.deals = {}
        self.statuses = {s: [] for s in statuses}

    def state(self):
        return (self.tasks, self.cols, self.deals, self.statuses)

    def board_of(self, column):
        return next(b for b, cs in self.boards.items() if column in cs)

    def live(self):
        return [t for t, v in self.tasks.items() if not v["deleted"]]


# ---- operations ----------------------------------------------------------------------------
# An op is (what, method, path, body, apply, created); apply(world, answer) makes the change
# the acknowledged request made, answer being the JSON body of the 2xx (or, for a create that
# was in flight, {"id": id found in the store}); created is (kind, unique title) for a create.

def _unlink(cols, tid):
    for order in cols.values():
        if tid in order:
            order.remove(tid)


def op_task_create(rng, w, members, tags, seq):
    title = f"t{seq}"
    column = rng.choice(list(w.cols))
    priority = rng.choice([None, 0, 1, 2, 3])
    tg = sorted(rng.sample(tags, rng.randint(0, 2)))
    asg = sorted(rng.sample(members, rng.randint(0, len(members))))
    body = {"title": title, "boardColumnId": column, "tags": tg, "assignees": asg}
    if priority is not None:
        body["priority"] = priority

    def apply(w, ans):
        tid = ans["id"] if "id" in ans else ans["task"]["id"]
        w.tasks[tid] = {"title": title, "priority": priority, "done": False, "deleted": False,
                        "tags": tuple(tg), "assignees": tuple(asg), "column": column}
        w.cols[column].append(tid)
    return ("task create", "POST", "/tm/tasks", body, apply, ("task", title))


def op_task_column(rng, w, tid):
    column = rng.choice(list(w.cols))
    others = [t for t in w.cols[column] if t != tid]
    upper = rng.choice(others) if others and rng.random() < 0.6 else None
    body = {"boardColumnId": column}
    if upper is not None:
        body["upperTaskId"] = upper

    def apply(w, ans):
        _unlink(w.cols, tid)
        order = w.cols[column]
        order.insert(order.index(upper) + 1 if upper is not None else len(order), tid)
        w.tasks[tid]["column"] = column
    return ("task column", "POST", f"/tm/tasks/{tid}/board-column", body, apply, None)


def op_task_board(rng, w, tid):
    board = rng.choice(list(w.boards))

    def apply(w, ans):
        # a task already on that board keeps its column; else the board's first, appended
        if w.board_of(w.tasks[tid]["column"]) != board:
            first = w.boards[board][0]
            _unlink(w.cols, tid)
            w.cols[first].append(tid)
            w.tasks[tid]["column"] = first
    return ("task board", "POST", f"/tm/tasks/{tid}/board", {"boardId": board}, apply, None)


def op_task_complete(rng, w, tid):
    done = not w.tasks[tid]["done"]

    def apply(w, ans):
        w.tasks[tid]["done"] = done
    verb = "complete" if done else "un-complete"
    return (f"task {verb}", "POST", f"/tm/tasks/{tid}/{verb}", None, apply, None)


def op_task_update(rng, w, tid, seq):
    title, priority = f"u{seq}", rng.choice([None, 0, 1, 2, 3])

    def apply(w, ans):
        w.tasks[tid].update(title=title, priority=priority)
    return ("task update", "PUT", f"/tm/tasks/{tid}", {"title": title, "priority": priority},
            apply, None)


def op_task_tags(rng, w, tid, tags):
    tg = sorted(rng.sample(tags, rng.randint(0, len(tags))))

    def apply(w, ans):
        w.tasks[tid]["tags"] = tuple(tg)
    return ("task tags", "PUT", f"/tm/tasks/{tid}", {"tags": tg}, apply, None)


def op_task_assign(rng, w, tid, members):
    member = rng.choice(members)
    add = member not in w.tasks[tid]["assignees"]

    def apply(w, ans):
        s = set(w.tasks[tid]["assignees"])
        (s.add if add else s.discard)(member)
        w.tasks[tid]["assignees"] = tuple(sorted(s))
    return ("task assign" if add else "task unassign", "POST" if add else "DELETE",
            f"/tm/tasks/{tid}/assignees", {"assignees": [member]}, apply, None)


def op_task_delete(rng, w, tid):
    def apply(w, ans):
        _unlink(w.cols, tid)
        w.tasks[tid]["deleted"] = True
    return ("task delete", "DELETE", f"/tm/tasks/{tid}", None, apply, None)


def op_deal_create(rng, w, members, seq):
    title = f"d{seq}"
    status = rng.choice(list(w.statuses))
    amount = rng.choice([None, rng.randint(1, 1000)])
    asg = sorted(rng.sample(members, rng.randint(0, len(members))))

    def apply(w, ans):
        did = ans["id"] if "id" in ans else ans["deal"]["id"]
        w.deals[did] = {"title": title, "amount": amount, "status": status,
                        "assignees": tuple(asg)}
        w.statuses[status].insert(0, did)  # a new deal goes on top
    return ("deal create", "POST", f"/crm/statuses/{status}/deals",
            {"title": title, "amount": amount, "assignees": asg}, apply, ("deal", title))


def op_deal_move(rng, w, did):
    status = rng.choice(list(w.statuses))
    others = [d for d in w.statuses[status] if d != did]
    prev = rng.choice(others) if others and rng.random() < 0.7 else None

    def apply(w, ans):
        for order in w.statuses.values():
            if did in order:
                order.remove(did)
        order = w.statuses[status]
        order.insert(order.index(prev) + 1 if prev is not None else 0, did)
        w.deals[did]["status"] = status
    return ("deal move", "POST", f"/crm/deals/{did}/move",
            {"statusId": status, "previousDealId": prev}, apply, None)


def op_deal_update(rng, w, did, seq):
    title, amount = f"v{seq}", rng.choice([None, rng.randint(1, 1000)])

    def apply(w, ans):
        w.deals[did].update(title=title, amount=amount)
    return ("deal update", "PUT", f"/crm/deals/{did}", {"title": title, "amount": amount},
            apply, None)


def op_deal_delete(rng, w, did):
    def apply(w, ans):
        w.statuses[w.deals[did]["status"]].remove(did)
        del w.deals[did]
    return ("deal delete", "DELETE", f"/crm/deals/{did}", None, apply, None)


def op_target(op, w):
    """(task ids, deal ids) the op wrote to, as far as they are in w: [] or one id."""
    parts = op[2].split("/")
    if parts[1:3] == ["tm", "tasks"] and len(parts) > 3 and int(parts[3]) in w.tasks:
        return [int(parts[3])], []
    if parts[1:3] == ["crm", "deals"] and parts[3] in w.deals:
        return [], [parts[3]]
    return [], []


def next_op(rng, w, members, tags, seq):
    """A random write for this world: mostly task writes, some deal writes."""
    live = w.live()
    r = rng.random()
    if r < 0.15 or (r < 0.3 and len(w.deals) < DEALS_CAP // 2):
        deals = list(w.deals)
        if not deals or (len(deals) < DEALS_CAP and rng.random() < 0.35):
            return op_deal_create(rng, w, members, seq)
        did = rng.choice(deals)
        k = rng.random()
        if k < 0.6:
            return op_deal_move(rng, w, did)
        if k < 0.85 or len(deals) < 3:
            return op_deal_update(rng, w, did, seq)
        return op_deal_delete(rng, w, did)
    if not live or (len(live) < LIVE_TASKS_CAP and rng.random() < 0.25):
        return op_task_create(rng, w, members, tags, seq)
    tid = rng.choice(live)
    if len(live) >= LIVE_TASKS_CAP and rng.random() < 0.5:
        return op_task_delete(rng, w, tid)
    k = rng.random()
    if k < 0.30:
        return op_task_column(rng, w, tid)
    if k < 0.40:
        return op_task_board(rng, w, tid)
    if k < 0.55:
        return op_task_complete(rng, w, tid)
    if k < 0.68:
        return op_task_update(rng, w, tid, seq)
    if k < 0.78:
        return op_task_tags(rng, w, tid, tags)
    if k < 0.90:
        return op_task_assign(rng, w, tid, members)
    return op_task_delete(rng, w, tid)


class Loader:
    """One client thread's writes until the server dies: applies each acknowledged write to
    its world; the request that got no answer is kept as `pending`."""

    def __init__(self, base, token, world, members, tags, seed):
        self.session = requests.Session()
        self.session.headers.update({"Authorization": f"Bearer {token}",
                                     "Accept": "application/json"})
        self.base = base
        self.world = world
        self.members = members
        self.tags = tags
        self.rng = random.Random(seed)
        self.pending = None
        self.refused = False
        self.acked = 0
        self.error = None

    def run(self, seq):
        while True:
            op = next_op(self.rng, self.world, self.members, self.tags, next(seq))
            what, method, path, body, apply, _ = op
            try:
                r = self.session.request(method, self.base + "/public/v1" + path,
                                         json=body, timeout=10)
            except requests.RequestException as e:
                self.pending = op  # sent or not, landed or not: the store decides
                self.refused = "refused" in str(e)  # never reached weeekd
                break
            if not 200 <= r.status_code < 300:
                self.error = f"{what} {method} {path} {body} -> {r.status_code} {r.text}"
                break
            apply(self.world, r.json() if r.content else {})
            self.acked += 1
        self.session.close()


# ---- the store, read directly ----------------------------------------------------------------

# (tag, converters, query): portable SQL, NULLs mapped to sentinels so psql's text output
# and sqlite3's values parse alike
_Q = [
    ("task", (int, str, int, int, int, int, int, int, int),
     "SELECT t.id, t.title, COALESCE(t.priority, -1), t.is_completed, t.is_deleted, "
     "l.project_id, COALESCE(l.board_id, 0), COALESCE(l.column_id, 0), l.position "
     "FROM tasks t JOIN task_locations l ON l.task_id = t.id"),
    ("task_tag", (int, int), "SELECT task_id, tag_id FROM task_tags"),
    ("task_assignee", (int, str), "SELECT task_id, member_id FROM task_assignees"),
    ("board", (int, int, int), "SELECT id, project_id, position FROM boards"),
    ("column", (int, int, int), "SELECT id, board_id, position FROM board_columns"),
    ("funnel", (str, int), "SELECT id, position FROM funnels"),
    ("status", (str, str, int), "SELECT id, funnel_id, position FROM funnel_statuses"),
    ("deal", (str, str, str, str, float, int),
     "SELECT id, funnel_id, status_id, title, COALESCE(amount, -1), position FROM deals"),
    ("deal_assignee", (str, str), "SELECT deal_id, member_id FROM deal_assignees"),
]
# references the checks must never find broken, counted (PostgreSQL enforces these keys
# itself; on SQLite only foreign_keys=ON does, and the checks do not assume either)
_DANGLING = [
    ("task without a location", "tasks x WHERE NOT EXISTS "
     "(SELECT 1 FROM task_locations l WHERE l.task_id = x.id)"),
    ("location of a missing task", "task_locations x WHERE NOT EXISTS "
     "(SELECT 1 FROM tasks t WHERE t.id = x.task_id)"),
    ("location in a missing project", "task_locations x WHERE NOT EXISTS "
     "(SELECT 1 FROM projects p WHERE p.id = x.project_id)"),
    ("location on a missing board", "task_locations x WHERE x.board_id IS NOT NULL AND "
     "NOT EXISTS (SELECT 1 FROM boards b WHERE b.id = x.board_id)"),
    ("location in a missing column", "task_locations x WHERE x.column_id IS NOT NULL AND "
     "NOT EXISTS (SELECT 1 FROM board_columns c WHERE c.id = x.column_id)"),
    ("tag link of a missing task or tag", "task_tags x WHERE NOT EXISTS (SELECT 1 FROM "
     "tasks t WHERE t.id = x.task_id) OR NOT EXISTS (SELECT 1 FROM tags g WHERE g.id = x.tag_id)"),
    ("assignee of a missing task or member", "task_assignees x WHERE NOT EXISTS (SELECT 1 "
     "FROM tasks t WHERE t.id = x.task_id) OR NOT EXISTS (SELECT 1 FROM members m WHERE "
     "m.ws_id = x.ws_id AND m.id = x.member_id)"),
    ("board of a missing project", "boards x WHERE NOT EXISTS "
     "(SELECT 1 FROM projects p WHERE p.id = x.project_id)"),
    ("column of a missing board", "board_columns x WHERE NOT EXISTS "
     "(SELECT 1 FROM boards b WHERE b.id = x.board_id)"),
    ("status of a missing funnel", "funnel_statuses x WHERE NOT EXISTS (SELECT 1 FROM "
     "funnels f WHERE f.ws_id = x.ws_id AND f.id = x.funnel_id)"),
    ("deal in a missing status", "deals x WHERE NOT EXISTS (SELECT 1 FROM funnel_statuses "
     "s WHERE s.ws_id = x.ws_id AND s.id = x.status_id)"),
    ("deal assignee of a missing deal", "deal_assignees x WHERE NOT EXISTS (SELECT 1 FROM "
     "deals d WHERE d.ws_id = x.ws_id AND d.id = x.deal_id)"),
    ("deal tag of a missing deal", "deal_tags x WHERE NOT EXISTS (SELECT 1 FROM "
     "deals d WHERE d.ws_id = x.ws_id AND d.id = x.deal_id)"),
]


def _queries():
    qs = [(tag, conv, sql) for tag, conv, sql in _Q]
    for what, frm in _DANGLING:
        qs.append(("dangling", (str, int), f"SELECT '{what}', COUNT(*) FROM {frm}"))
    return qs


class StoreReader:
    """read() -> {tag: [row tuple]} of every query above, straight from the database in one
    snapshot. PostgreSQL is read through one psql session kept open for the whole run (a
    new connection per cycle costs more than the reads on this machine)."""

    def __init__(self, url):
        self.url = url
        self.psql = None
        if not url.startswith("sqlite:"):
            self.psql = subprocess.Popen(
                ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                text=True)

    def close(self):
        if self.psql is not None:
            self.psql.stdin.close()
            self.psql.wait(timeout=30)
            self.psql.stdout.close()
            self.psql.stderr.close()
            self.psql = None

    def read(self):
        out = {tag: [] for tag, _, _ in _queries()}
        if self.psql is None:
            self._read_sqlite(out)
            return out
        convs = {}
        script = ["BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;"]
        for tag, conv, sql in _queries():
            convs[tag] = conv
            script.append(f"SELECT '{tag}', " + sql[len("SELECT "):] + ";")
        script += ["COMMIT;", "SELECT 'end';", ""]
        self.psql.stdin.write("\n".join(script))
        self.psql.stdin.flush()
        while True:
            line = self.psql.stdout.readline()
            assert line, f"psql ended: {self.psql.stderr.read()}"
            line = line.rstrip("\n")
            if line == "end":
                return out
            if line:
                tag, *vals = line.split("|")
                out[tag].append(tuple(f(v) for f, v in zip(convs[tag], vals)))

    def _read_sqlite(self, out):
        con = sqlite3.connect(self.url[len("sqlite:"):], timeout=10)
        try:
            con.execute("BEGIN")  # one snapshot for all the reads
            for tag, conv, sql in _queries():
                for row in con.execute(sql):
                    out[tag].append(tuple(f(v) for f, v in zip(conv, row)))
            out["integrity"] = [r[0] for r in con.execute("PRAGMA quick_check")]
            out["foreign_keys"] = con.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            con.close()


# ---- checks ----------------------------------------------------------------------------------

def _dense(groups, what):
    """groups: key -> positions; each must be exactly 0..n-1."""
    bad = {k: sorted(p) for k, p in groups.items() if sorted(p) != list(range(len(p)))}
    return [f"{what} {k}: positions {v} are not dense" for k, v in sorted(bad.items())[:5]]


def consistency_problems(db):
    """Everything wrong with the store as a whole, as sentences (empty when consistent)."""
    bad = []
    if "integrity" in db and db["integrity"] != ["ok"]:
        bad.append(f"sqlite quick_check: {db['integrity'][:5]}")
    if db.get("foreign_keys"):
        bad.append(f"sqlite foreign_key_check: {db['foreign_keys'][:5]}")
    bad += [f"{n} rows: {what}" for what, n in db["dangling"] if n]
    boards = {b: p for b, p, _ in db["board"]}
    columns = {c: b for c, b, _ in db["column"]}
    groups = {}
    for b, p, pos in db["board"]:
        groups.setdefault(p, []).append(pos)
    bad += _dense(groups, "project")
    groups = {}
    for c, b, pos in db["column"]:
        groups.setdefault(b, []).append(pos)
    bad += _dense(groups, "board")
    groups = {}
    for tid, _, _, _, deleted, project, board, column, pos in db["task"]:
        if column and columns.get(column) != board:
            bad.append(f"task {tid}: column {column} is not on its board {board}")
        if board and boards.get(board) != project:
            bad.append(f"task {tid}: board {board} is not in its project {project}")
        if column and not deleted:
            groups.setdefault(column, []).append(pos)
    # task keys in a column are sparse (docs/internals/tasks.md): distinct is the invariant;
    # the order itself is compared with the model through the API
    bad += [f"column {k}: live tasks share a position in {sorted(v)[:10]}"
            for k, v in sorted(groups.items()) if len(set(v)) != len(v)][:5]
    groups = {}
    for f, pos in db["funnel"]:
        groups.setdefault("workspace", []).append(pos)
    bad += _dense(groups, "funnels of the")
    statuses = {s: f for s, f, _ in db["status"]}
    groups = {}
    for s, f, pos in db["status"]:
        groups.setdefault(f, []).append(pos)
    bad += _dense(groups, "funnel")
    keys = {}
    for did, funnel, status, _, _, pos in db["deal"]:
        if statuses.get(status) != funnel:
            bad.append(f"deal {did}: status {status} is not of its funnel {funnel}")
        keys.setdefault(status, []).append(pos)
    # deal positions are sparse keys: they only have to order the status, so no two equal
    bad += [f"status {s}: deal positions {sorted(p)} repeat"
            for s, p in keys.items() if len(set(p)) != len(p)]
    return bad


def observed(db, w):
    """The state of w's objects (World.state() shape) as the store holds them."""
    tags, assignees, deal_assignees = {}, {}, {}
    for tid, tag in db["task_tag"]:
        tags.setdefault(tid, []).append(tag)
    for tid, m in db["task_assignee"]:
        assignees.setdefault(tid, []).append(m)
    for did, m in db["deal_assignee"]:
        deal_assignees.setdefault(did, []).append(m)
    tasks, cols, pos = {}, {c: [] for c in w.cols}, {}
    for tid, title, prio, done, deleted, project, _, column, p in db["task"]:
        if project != w.project:
            continue
        tasks[tid] = {"title": title, "priority": None if prio < 0 else prio,
                      "done": bool(done), "deleted": bool(deleted),
                      "tags": tuple(sorted(tags.get(tid, []))),
                      "assignees": tuple(sorted(assignees.get(tid, []))), "column": column}
        if not deleted:
            cols.setdefault(column, []).append(tid)
            pos[tid] = p
    for c in cols:
        cols[c].sort(key=lambda t: (pos[t], t))
    deals, statuses = {}, {s: [] for s in w.statuses}
    for did, funnel, status, title, amount, p in db["deal"]:
        if funnel != w.funnel:
            continue
        deals[did] = {"title": title, "amount": None if amount < 0 else int(amount),
                      "status": status, "assignees": tuple(sorted(deal_assignees.get(did, [])))}
        statuses.setdefault(status, []).append((p, did))
    statuses = {s: [d for _, d in sorted(v)] for s, v in statuses.items()}
    return (tasks, cols, deals, statuses)


def settle(w, pending, seen):
    """Compare the store's state of w with the model: equal to it, or, with a request in
    flight at the kill, equal to the model before or after that request. Returns (None,
    whether that request landed), w moved to the state found, or (the difference, None)."""
    if pending is None:
        return (None, False) if seen == w.state() else (diff(w.state(), seen), None)
    what, _, path, body, apply, created = pending
    after = copy.deepcopy(w)
    ans = None
    if created:
        # a create in flight that landed: its new id is the object with its unique title
        kind, title = created
        known, found = (w.tasks, seen[0]) if kind == "task" else (w.deals, seen[2])
        ids = [i for i, v in found.items() if v["title"] == title and i not in known]
        ans = {"id": ids[0]} if ids else None
    if ans is not None or not created:
        apply(after, ans or {})
    if seen == w.state():
        return None, False
    if seen == after.state():
        w.__dict__.update(after.__dict__)
        return None, True
    return (f"in flight at the kill: {what} {path} {body}\nvs before it:\n"
            f"{diff(w.state(), seen)}\nvs after it:\n{diff(after.state(), seen)}", None)


def diff(want, got):
    out = []
    names = ("task", "column", "deal", "status")
    for name, a, b in zip(names, want, got):
        for k in sorted(set(a) | set(b), key=str):
            if a.get(k) != b.get(k):
                out.append(f"  {name} {k}: expected {a.get(k)!r}, store has {b.get(k)!r}")
    return "\n".join(out[:20]) or "  (no difference?)"


# ---- the API's own view ----------------------------------------------------------------------

def api_task_problems(api, w, ids):
    """GET /tm/tasks/{id} of these tasks agrees with the model."""
    bad = []
    for tid in ids:
        r = api.get(f"/tm/tasks/{tid}")
        if r.status_code != 200:
            bad.append(f"GET task {tid}: {r.status_code} {r.text}")
            continue
        t, m = r.json()["task"], w.tasks[tid]
        got = {"title": t["title"], "priority": t["priority"], "done": t["isCompleted"],
               "deleted": t["isDeleted"], "tags": tuple(sorted(t["tags"])),
               "assignees": tuple(sorted(t["assignees"])), "column": t["boardColumnId"]}
        if got != m:
            bad.append(f"GET task {tid}: {got} but the model has {m}")
    return bad


def api_deal_problems(api, w, ids):
    bad = []
    for did in ids:
        r = api.get(f"/crm/deals/{did}")
        if r.status_code != 200:
            bad.append(f"GET deal {did}: {r.status_code} {r.text}")
            continue
        d, m = r.json()["deal"], w.deals[did]
        amount = None if d["amount"] is None else int(d["amount"])
        got = {"title": d["title"], "amount": amount, "status": d["statusId"],
               "assignees": tuple(sorted(d["assignees"]))}
        if got != m or d["funnelId"] != w.funnel:
            bad.append(f"GET deal {did}: {got} (funnel {d['funnelId']}) but the model has {m}")
    return bad


def api_order_problems(api, w):
    """Every column's open and completed tasks, and every status's deals, list in the
    model's order (the column order is one order over both; the list shows one at a time)."""
    bad = []
    for c, order in w.cols.items():
        for completed in (0, 1):
            r = api.get("/tm/tasks", params={"boardColumnId": c, "completed": completed,
                                              "perPage": 100})
            want = [t for t in order if w.tasks[t]["done"] == bool(completed)]
            got = [t["id"] for t in r.json()["tasks"]] if r.status_code == 200 else r.text
            if got != want:
                bad.append(f"column {c} completed={completed}: lists {got}, model {want}")
    for s, order in w.statuses.items():
        r = api.get(f"/crm/statuses/{s}/deals", params={"limit": 100})
        got = [d["id"] for d in r.json()["deals"]] if r.status_code == 200 else r.text
        if got != order:
            bad.append(f"status {s}: lists {got}, model {order}")
    return bad

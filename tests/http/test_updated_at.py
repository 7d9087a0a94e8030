"""updatedAt moves on every write (issue 20), generated over the route table so that a new
write route cannot be missed.

The kinds whose schema in openapi/weeekd.openapi.json has `updatedAt` are found there; every
write route of `weeekd routes` addressed to such a kind (its path starts with the kind's
collection) must be classified below: a WRITE case that changes an object, a CREATE case, or
an exemption with its reason. A write route on a kind without updatedAt is checked to be
one (its schema is asserted to lack the field). An unclassified route fails the test.

A WRITE case makes fresh objects, sets their updated_at a day back by direct SQL (stored in
Unix ms, shown to the second: no sleeping), sends the write and requires each object it
names to show an updatedAt of the write's time. Decision (docs/internals/decisions.md): an
object's updatedAt moves on the writes addressed to it (its fields, sub-objects, links,
tags, people, tasks, files, time entries; a deal's place) and on a link made or removed from
the other side when the link shows on both (organization <-> contact); not on a change of
its order among siblings that is no field of it (funnel, status moves), not on writes to
objects of their own that it lists (a funnel's custom field definitions), not on a timer
start (the timer is the member's), and not on the side effects of deleting another object
(a status's deals moved to the next status, a column's tasks moved, a tag taken off).
"""
import datetime
import time

import pytest

from weeekd_http import (API, assert_envelope, me, new_board, new_project, openapi_doc, routes,
                         store_sql)

DAY_MS = 86_400_000
# kind (schema name) -> (collection path, GET path, envelope key, table)
KINDS = {
    "Task": ("/tm/tasks", "/tm/tasks/{}", "task", "tasks"),
    "Organization": ("/crm/organizations", "/crm/organizations/{}", "organization",
                     "organizations"),
    "Contact": ("/crm/contacts", "/crm/contacts/{}", "contact", "contacts"),
    "Funnel": ("/crm/funnels", "/crm/funnels/{}", "funnel", "funnels"),
    "FunnelStatus": ("/crm/statuses", "/crm/statuses/{}", "status", "funnel_statuses"),
    "Deal": ("/crm/deals", "/crm/deals/{}", "deal", "deals"),
}
# kinds with updatedAt in the spec that no route serves
UNSERVED = {"TaskComment": "weeekd has no task comments"}
# write-route collections of kinds without updatedAt -> their schema
PLAIN = {"/ws/tags": "Tag", "/tm/portfolios": "Portfolio", "/tm/projects": "Project",
         "/tm/boards": "Board", "/tm/board-columns": "BoardColumn",
         "/tm/custom-fields": "CustomField"}

DELETES = "removes the object: nothing is left to show an updatedAt"
ORDER = "changes only its order among its siblings, which is no field of it"
CF = "writes a custom field definition, an object of its own (no updatedAt)"
EXEMPT = {
    ("DELETE", "/crm/organizations/{id}"): DELETES,
    ("DELETE", "/crm/contacts/{id}"): DELETES,
    ("DELETE", "/crm/funnels/{id}"): DELETES,
    ("DELETE", "/crm/statuses/{id}"): DELETES + " (its deals move to the next status)",
    ("DELETE", "/crm/deals/{id}"): DELETES,
    ("POST", "/crm/funnels/{id}/move"): ORDER,
    ("POST", "/crm/statuses/{id}/move"): ORDER,
    ("POST", "/tm/tasks/{id}/start-timer"): "a running timer is the member's and does not "
                                            "show on the task; stop-timer records the entry",
}
for _m, _p in [("POST", ""), ("PUT", "/{id}"), ("DELETE", "/{id}"), ("POST", "/{id}/move"),
               ("POST", "/{custom_field_id}/options"), ("PUT", "/{custom_field_id}/options/{id}"),
               ("DELETE", "/{custom_field_id}/options/{id}"),
               ("POST", "/{custom_field_id}/options/{id}/move")]:
    EXEMPT[(_m, "/crm/funnels/{funnel_id}/custom-fields" + _p)] = CF

CASES = {}  # (METHOD, path) -> function(World) -> Write


def case(method, path):
    def register(fn):
        CASES[(method, path)] = fn
        return fn
    return register


class Write:
    """One request: path is relative to /public/v1; touches lists (kind, id) of the objects
    whose updatedAt it must move; creates names the envelope key of a created object."""

    def __init__(self, method, path, touches=(), creates=None, **kw):
        self.method, self.path, self.touches, self.creates, self.kw = (
            method, path, list(touches), creates, kw)


class World:
    """Fresh objects of workspace A for one case."""

    def __init__(self, api, api_member):
        self.api = api
        self.me = me(api)
        self.member = me(api_member)

    def ok(self, r):
        assert 200 <= r.status_code < 300, f"{r.request.method} {r.request.url}: {r.text}"
        return r.json() if r.content else None

    def post(self, path, body=None):
        return self.ok(self.api.post(path, json=body))

    # task manager
    def board(self):
        """(project, board, its column ids)"""
        pid = new_project(self.api)
        bid = new_board(self.api, pid)
        cols = [c["id"] for c in self.ok(self.api.get("/tm/board-columns",
                                                      params={"boardId": bid}))["boardColumns"]]
        return pid, bid, cols

    def task(self, **body):
        return self.post("/tm/tasks", {"title": "t", **body})["task"]["id"]

    def placed_task(self):
        """(task, project, board, columns): a task in the first column of a new board."""
        pid, bid, cols = self.board()
        return self.task(boardColumnId=cols[0]), pid, bid, cols

    def time_entry(self, tid):
        body = {"userId": self.me, "isOvertime": False, "date": "2026-01-02", "duration": 5}
        return self.post(f"/tm/tasks/{tid}/time-entries", body)["data"]["id"]

    # CRM
    def tag(self):
        return self.api.create_tag("t")["id"]

    def org(self):
        return self.post("/crm/organizations", {"name": "o"})["organization"]["id"]

    def contact(self):
        return self.post("/crm/contacts", {"firstName": "c"})["contact"]["id"]

    def funnel(self):
        return self.post("/crm/funnels", {"name": "f"})["funnel"]["id"]

    def statuses(self, fid):
        return [s["id"] for s in self.ok(self.api.get(f"/crm/funnels/{fid}/statuses"))["statuses"]]

    def deal(self, **body):
        sid = self.statuses(self.funnel())[0]
        return self.post(f"/crm/statuses/{sid}/deals", {"title": "d", **body})["deal"]["id"]

    def deal_task(self, did):
        return self.post(f"/crm/deals/{did}/tasks", {"title": "dt"})["task"]["id"]


FILE = {"files": [("files[]", ("a.txt", b"updatedAt", "text/plain"))]}

# ---- task manager ------------------------------------------------------------------------


@case("POST", "/tm/tasks")
def _(w):
    return Write("POST", "/tm/tasks", creates="task", json={"title": "new"})


@case("PUT", "/tm/tasks/{id}")
def _(w):
    t = w.task()
    return Write("PUT", f"/tm/tasks/{t}", [("Task", t)], json={"title": "changed"})


@case("DELETE", "/tm/tasks/{id}")
def _(w):
    t = w.task()  # soft: the deleted task still loads
    return Write("DELETE", f"/tm/tasks/{t}", [("Task", t)])


@case("POST", "/tm/tasks/{id}/complete")
def _(w):
    t = w.task()
    return Write("POST", f"/tm/tasks/{t}/complete", [("Task", t)])


@case("POST", "/tm/tasks/{id}/un-complete")
def _(w):
    t = w.task()
    w.post(f"/tm/tasks/{t}/complete")
    return Write("POST", f"/tm/tasks/{t}/un-complete", [("Task", t)])


@case("POST", "/tm/tasks/{id}/board")
def _(w):
    t, pid, _, _ = w.placed_task()
    other = new_board(w.api, pid, "other")
    return Write("POST", f"/tm/tasks/{t}/board", [("Task", t)], json={"boardId": other})


@case("POST", "/tm/tasks/{id}/board-column")
def _(w):
    t, _, _, cols = w.placed_task()
    return Write("POST", f"/tm/tasks/{t}/board-column", [("Task", t)],
                 json={"boardColumnId": cols[1]})


@case("POST", "/tm/tasks/{task_id}/locations")
def _(w):
    t = w.task()
    return Write("POST", f"/tm/tasks/{t}/locations", [("Task", t)],
                 json={"projectId": new_project(w.api)}, check_ct=False)  # 204, no body


@case("DELETE", "/tm/tasks/{task_id}/locations")
def _(w):
    t, pid, _, _ = w.placed_task()
    return Write("DELETE", f"/tm/tasks/{t}/locations", [("Task", t)], json={"projectId": pid},
                 check_ct=False)  # 204, no body


@case("POST", "/tm/tasks/{task_id}/time-entries")
def _(w):
    t = w.task()
    return Write("POST", f"/tm/tasks/{t}/time-entries", [("Task", t)],
                 json={"userId": w.me, "isOvertime": True, "date": "2026-01-03", "duration": 9})


@case("PUT", "/tm/tasks/{task_id}/time-entries/{time_entry_id}")
def _(w):
    t = w.task()
    e = w.time_entry(t)
    return Write("PUT", f"/tm/tasks/{t}/time-entries/{e}", [("Task", t)], json={"duration": 7})


@case("DELETE", "/tm/tasks/{task_id}/time-entries/{time_entry_id}")
def _(w):
    t = w.task()
    e = w.time_entry(t)
    return Write("DELETE", f"/tm/tasks/{t}/time-entries/{e}", [("Task", t)])


@case("POST", "/tm/tasks/{taskId}/comments")
def _(w):
    t = w.task()
    return Write("POST", f"/tm/tasks/{t}/comments", [("Task", t)], json={"markdown": "m"})


@case("DELETE", "/tm/tasks/{taskId}/comments/{commentId}")
def _(w):
    t = w.task()
    c = w.post(f"/tm/tasks/{t}/comments", {"markdown": "m"})["comment"]["id"]
    return Write("DELETE", f"/tm/tasks/{t}/comments/{c}", [("Task", t)],
                 check_ct=False)  # 204, no body


@case("POST", "/tm/tasks/{taskId}/parent")
def _(w):
    # the child is the task addressed; its new parent is not touched (docs/internals/tasks.md
    # "Subtasks")
    t, p = w.task(), w.task()
    return Write("POST", f"/tm/tasks/{t}/parent", [("Task", t)], json={"parentId": p})


@case("POST", "/tm/tasks/{task_id}/watchers")
def _(w):
    t = w.task()
    return Write("POST", f"/tm/tasks/{t}/watchers", [("Task", t)],
                 json={"watchers": [w.member]})


@case("DELETE", "/tm/tasks/{task_id}/watchers")
def _(w):
    t = w.task()
    w.post(f"/tm/tasks/{t}/watchers", {"watchers": [w.member]})
    return Write("DELETE", f"/tm/tasks/{t}/watchers", [("Task", t)],
                 json={"watchers": [w.member]})


@case("POST", "/tm/tasks/{taskId}/assignees")
def _(w):
    t = w.task()
    return Write("POST", f"/tm/tasks/{t}/assignees", [("Task", t)],
                 json={"assignees": [w.member]})


@case("DELETE", "/tm/tasks/{taskId}/assignees")
def _(w):
    t = w.task()
    w.post(f"/tm/tasks/{t}/assignees", {"assignees": [w.member]})
    return Write("DELETE", f"/tm/tasks/{t}/assignees", [("Task", t)],
                 json={"assignees": [w.member]})


@case("POST", "/tm/tasks/{id}/stop-timer")
def _(w):
    t = w.task()
    w.post(f"/tm/tasks/{t}/start-timer")
    return Write("POST", f"/tm/tasks/{t}/stop-timer", [("Task", t)])


@case("POST", "/tm/tasks/{id}/subscribe")
def _(w):
    t = w.task()
    return Write("POST", f"/tm/tasks/{t}/subscribe", [("Task", t)], json={"userId": w.member})


@case("POST", "/tm/tasks/{id}/un-subscribe")
def _(w):
    t = w.task()
    w.post(f"/tm/tasks/{t}/subscribe", {"userId": w.member})
    return Write("POST", f"/tm/tasks/{t}/un-subscribe", [("Task", t)],
                 json={"userId": w.member})


@case("POST", "/tm/tasks/{task_id}/attachments")
def _(w):
    t = w.task()
    return Write("POST", f"/tm/tasks/{t}/attachments", [("Task", t)], **FILE)


# ---- organizations and contacts ------------------------------------------------------------


@case("POST", "/crm/organizations")
def _(w):
    return Write("POST", "/crm/organizations", creates="organization", json={"name": "new"})


@case("PUT", "/crm/organizations/{id}")
def _(w):
    o = w.org()
    return Write("PUT", f"/crm/organizations/{o}", [("Organization", o)],
                 json={"name": "changed"})


@case("POST", "/crm/contacts")
def _(w):
    return Write("POST", "/crm/contacts", creates="contact", json={"firstName": "new"})


@case("PUT", "/crm/contacts/{id}")
def _(w):
    c = w.contact()
    return Write("PUT", f"/crm/contacts/{c}", [("Contact", c)], json={"firstName": "changed"})


SUBS = {"addresses": ("address", "1 Main St", "2 Side St"),
        "emails": ("email", "a@b.io", "c@d.io"),
        "phones": ("phone", "+7 900 000-00-00", "+7 900 000-00-01")}


def sub_cases(kind, collection, param, subs, make):
    """create, update, delete of each sub-object collection of an organization or contact"""
    for sub in subs:
        key, first, second = SUBS[sub]
        item = f"{key}Id"
        base = f"{collection}/{{{param}}}/{sub}"

        def create(w, sub=sub, key=key, first=first):
            o = make(w)
            return Write("POST", f"{collection}/{o}/{sub}", [(kind, o)], json={key: first})

        def made(w, sub, key, first):
            o = make(w)
            i = w.post(f"{collection}/{o}/{sub}", {key: first})[key]["id"]
            return o, i

        def update(w, sub=sub, key=key, first=first, second=second):
            o, i = made(w, sub, key, first)
            return Write("PUT", f"{collection}/{o}/{sub}/{i}", [(kind, o)], json={key: second})

        def delete(w, sub=sub, key=key, first=first):
            o, i = made(w, sub, key, first)
            return Write("DELETE", f"{collection}/{o}/{sub}/{i}", [(kind, o)])

        case("POST", base)(create)
        case("PUT", f"{base}/{{{item}}}")(update)
        case("DELETE", f"{base}/{{{item}}}")(delete)


sub_cases("Organization", "/crm/organizations", "organizationId",
          ["addresses", "emails", "phones"], World.org)
sub_cases("Contact", "/crm/contacts", "contactId", ["emails"], World.contact)
sub_cases("Contact", "/crm/contacts", "contactsId", ["phones"], World.contact)


def tag_cases(kind, collection, param, make):
    def attach(w):
        o = make(w)
        return Write("POST", f"{collection}/{o}/tags", [(kind, o)], json={"tagId": w.tag()})

    def detach(w):
        o, t = make(w), w.tag()
        w.post(f"{collection}/{o}/tags", {"tagId": t})
        return Write("DELETE", f"{collection}/{o}/tags", [(kind, o)], json={"tagId": t})

    case("POST", f"{collection}/{{{param}}}/tags")(attach)
    case("DELETE", f"{collection}/{{{param}}}/tags")(detach)


tag_cases("Organization", "/crm/organizations", "organizationId", World.org)
tag_cases("Contact", "/crm/contacts", "contactId", World.contact)


@case("POST", "/crm/organizations/{organizationId}/contacts")
def _(w):
    o, c = w.org(), w.contact()  # the link shows on both sides
    return Write("POST", f"/crm/organizations/{o}/contacts",
                 [("Organization", o), ("Contact", c)], json={"contactId": c})


@case("DELETE", "/crm/organizations/{organizationId}/contacts")
def _(w):
    o, c = w.org(), w.contact()
    w.post(f"/crm/organizations/{o}/contacts", {"contactId": c})
    return Write("DELETE", f"/crm/organizations/{o}/contacts",
                 [("Organization", o), ("Contact", c)], json={"contactId": c})


# ---- funnels, statuses, deals ----------------------------------------------------------------


@case("POST", "/crm/funnels")
def _(w):
    return Write("POST", "/crm/funnels", creates="funnel", json={"name": "new"})


@case("PUT", "/crm/funnels/{id}")
def _(w):
    f = w.funnel()
    return Write("PUT", f"/crm/funnels/{f}", [("Funnel", f)], json={"name": "changed"})


@case("POST", "/crm/funnels/{id}/bookmark")
def _(w):
    f = w.funnel()
    return Write("POST", f"/crm/funnels/{f}/bookmark", [("Funnel", f)])


@case("POST", "/crm/funnels/{funnelId}/statuses")
def _(w):
    return Write("POST", f"/crm/funnels/{w.funnel()}/statuses", creates="status",
                 json={"name": "new"})


@case("PUT", "/crm/statuses/{id}")
def _(w):
    s = w.statuses(w.funnel())[0]
    return Write("PUT", f"/crm/statuses/{s}", [("FunnelStatus", s)], json={"name": "changed"})


@case("POST", "/crm/statuses/{statusId}/deals")
def _(w):
    s = w.statuses(w.funnel())[0]
    return Write("POST", f"/crm/statuses/{s}/deals", creates="deal", json={"title": "new"})


@case("PUT", "/crm/deals/{id}")
def _(w):
    d = w.deal()
    return Write("PUT", f"/crm/deals/{d}", [("Deal", d)], json={"title": "changed"})


@case("PATCH", "/crm/deals/{id}")
def _(w):
    d = w.deal()
    return Write("PATCH", f"/crm/deals/{d}", [("Deal", d)], json={"title": "changed"})


def deal_in_status(w, index):
    """(deal, the ids of its funnel's statuses); the deal is in statuses[index]"""
    f = w.funnel()
    ss = w.statuses(f)
    d = w.post(f"/crm/statuses/{ss[index]}/deals", {"title": "d"})["deal"]["id"]
    return d, ss


@case("POST", "/crm/deals/{id}/move")
def _(w):
    d, ss = deal_in_status(w, 0)
    return Write("POST", f"/crm/deals/{d}/move", [("Deal", d)], json={"statusId": ss[1]})


@case("PUT", "/crm/deals/{id}/status")
def _(w):
    d, ss = deal_in_status(w, 0)
    return Write("PUT", f"/crm/deals/{d}/status", [("Deal", d)], json={"statusId": ss[1]})


@case("PUT", "/crm/deals/{id}/funnel")
def _(w):
    d = w.deal()
    return Write("PUT", f"/crm/deals/{d}/funnel", [("Deal", d)], json={"funnelId": w.funnel()})


LINKS = {"assignees": ("assigneeId", lambda w: w.member),
         "contacts": ("contactId", World.contact),
         "organizations": ("organizationId", World.org),
         "tags": ("tag", World.tag)}


def deal_link_cases():
    for what, (key, make) in LINKS.items():
        def attach(w, what=what, key=key, make=make):
            d = w.deal()
            return Write("POST", f"/crm/deals/{d}/{what}", [("Deal", d)], json={key: make(w)})

        def detach(w, what=what, key=key, make=make):
            d, v = w.deal(), make(w)
            w.post(f"/crm/deals/{d}/{what}", {key: v})
            return Write("DELETE", f"/crm/deals/{d}/{what}", [("Deal", d)], json={key: v})

        case("POST", f"/crm/deals/{{dealId}}/{what}")(attach)
        case("DELETE", f"/crm/deals/{{dealId}}/{what}")(detach)


deal_link_cases()


@case("POST", "/crm/deals/{id}/tasks")
def _(w):
    d = w.deal()
    return Write("POST", f"/crm/deals/{d}/tasks", [("Deal", d)], json={"title": "dt"})


@case("POST", "/crm/deals/{id}/tasks/{taskId}/move")
def _(w):
    d = w.deal()
    w.deal_task(d)
    w.deal_task(d)
    order = [t["id"] for t in w.ok(w.api.get(f"/crm/deals/{d}"))["deal"]["tasks"]]
    # the last task to the top: a real change of the order
    return Write("POST", f"/crm/deals/{d}/tasks/{order[-1]}/move", [("Deal", d)], json={})


@case("DELETE", "/crm/deals/{id}/tasks/{taskId}")
def _(w):
    d = w.deal()
    t = w.deal_task(d)
    return Write("DELETE", f"/crm/deals/{d}/tasks/{t}", [("Deal", d)])


@case("POST", "/crm/deals/{deal_id}/attachments")
def _(w):
    d = w.deal()
    return Write("POST", f"/crm/deals/{d}/attachments", [("Deal", d)], **FILE)


# ---- the classification ----------------------------------------------------------------------


def schema_props(name):
    doc = openapi_doc()
    s = doc["components"]["schemas"][name]
    props = dict(s.get("properties", {}))
    for part in s.get("allOf", []):
        if "$ref" in part:
            props.update(schema_props(part["$ref"].rsplit("/", 1)[1]))
        else:
            props.update(part.get("properties", {}))
    return props


def write_routes():
    """{(METHOD, path relative to /public/v1)} of every write route"""
    out = set()
    for r in routes():
        if "write" in r["flags"]:
            assert r["path"].startswith(API + "/"), r
            out.add((r["method"], r["path"][len(API):]))
    return out


def kind_of(path):
    """The kind with updatedAt a route path is addressed to, or None."""
    for kind, (collection, *_rest) in KINDS.items():
        if path == collection or path.startswith(collection + "/"):
            return kind
    return None


def test_the_kinds_with_updated_at_are_those_of_the_spec():
    schemas = openapi_doc()["components"]["schemas"]
    with_it = {n for n in schemas if "updatedAt" in schema_props(n)}
    assert with_it == set(KINDS) | set(UNSERVED)


def test_every_write_route_is_classified():
    """A write route on a kind with updatedAt is a case or exempt with a reason; any other
    write route is on a kind whose schema has no updatedAt."""
    unclassified, wrong_plain = [], []
    for method, path in sorted(write_routes()):
        if kind_of(path):
            if (method, path) not in CASES and (method, path) not in EXEMPT:
                unclassified.append(f"{method} {path}")
            continue
        plain = [c for c in PLAIN if path == c or path.startswith(c + "/")]
        if not plain or "updatedAt" in schema_props(PLAIN[plain[0]]):
            wrong_plain.append(f"{method} {path}")
    assert not unclassified, f"write routes on a kind with updatedAt to classify: {unclassified}"
    assert not wrong_plain, f"write routes on an unknown kind or one with updatedAt: {wrong_plain}"
    stale = (set(CASES) | set(EXEMPT)) - write_routes()
    assert not stale, f"classified but not write routes: {sorted(stale)}"
    assert not set(CASES) & set(EXEMPT)


def parse_time(s):
    return datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc).timestamp()


def updated_at(api, kind, oid):
    _, get, key, _ = KINDS[kind]
    return assert_envelope("GET", get.replace("{}", "{id}"), api.get(get.format(oid)))[key][
        "updatedAt"]


def rewind(server, kind, oid):
    """updated_at a day back, straight in the store"""
    table = KINDS[kind][3]
    ident = str(int(oid)) if kind == "Task" else f"'{oid}'"
    store_sql(server.db, f"UPDATE {table} SET updated_at = updated_at - {DAY_MS} "
                         f"WHERE id = {ident}")


@pytest.mark.parametrize("route", sorted(CASES), ids=[f"{m} {p}" for m, p in sorted(CASES)])
def test_a_write_moves_updated_at_to_its_time(server, api, api_member, route):
    w = World(api, api_member)
    write = CASES[route](w)
    before = {}
    for kind, oid in write.touches:
        rewind(server, kind, oid)
        before[(kind, oid)] = updated_at(api, kind, oid)
    start = time.time()
    r = api.request(write.method, write.path, **write.kw)
    end = time.time()
    assert 200 <= r.status_code < 300, f"{route}: {r.status_code} {r.text}"
    moved = []
    for (kind, oid), was in before.items():
        now = updated_at(api, kind, oid)
        assert parse_time(was) < start - DAY_MS / 1000 / 2, f"{kind} {oid} not rewound: {was}"
        if not start - 1 <= parse_time(now) <= end + 1:
            moved.append(f"{kind} {oid}: {was} -> {now}")
    assert not moved, f"{route[0]} {route[1]} did not move updatedAt to its time: {moved}"
    if write.creates:
        obj = r.json()[write.creates]
        assert obj["updatedAt"] == obj["createdAt"], obj
        assert start - 1 <= parse_time(obj["updatedAt"]) <= end + 1, obj


def test_a_write_that_does_not_move_updated_at_is_caught(server, api, api_member):
    """The check above can fail: a GET is no write, and it leaves the rewound time alone."""
    w = World(api, api_member)
    d = w.deal()
    rewind(server, "Deal", d)
    was = updated_at(api, "Deal", d)
    assert api.get(f"/crm/deals/{d}").status_code == 200
    assert updated_at(api, "Deal", d) == was
    assert parse_time(was) < time.time() - DAY_MS / 1000 / 2

"""Mass assignment (issue 8): read-only and foreign fields in a request body (id, workspaceId,
createdAt, updatedAt, deletedAt, authorId / creatorId / userId where the operation does not
take them, isDeleted, position and sort keys, another workspace's attachment) are ignored or
rejected, never stored.

Every write route of `weeekd routes` (POST, PUT, PATCH) has an entry in WRITES: a valid body
(references '@kind' into a fresh World of its own workspace) that must succeed with the
read-only fields added; references to the other workspace's rows in fields the route does not
declare may instead get a 4xx (then the read-only fields alone are sent again). The answer
and every GET that reads the object back must show none of the injected values, and at the
end no row of the store holds one, the other workspace's rows are unchanged and no row
refers to a row of another workspace."""
import json
import re

import pytest

from weeekd_http import (_resolve, assert_no_internals, norm_path, openapi_doc, routes,
                         spec_operations, store_sql)
from iso_world import V, World, concrete, cross_workspace_refs, resolve, snapshot, tables

SENTINEL_INT = 424242
# the sentinel as a number of its own inside a text (a JSON array, a list): not as a run of
# digits inside a random hash, slug or hex string, where it turns up by chance (a token's
# SHA-256 held "4242420" on one run)
SENTINEL_INT_RE = re.compile(r"(?<![0-9A-Za-z])424242(?![0-9A-Za-z])")
SENTINEL_UUID = "0badc0de-0000-4000-8000-00000000beef"
SENTINEL_TIME = "2001-02-03T04:05:06Z"
SENTINEL_EPOCH = 981173106  # SENTINEL_TIME in seconds
FLAGS = ("isDeleted", "isArchived", "isBookmarked", "isCompleted")


def read_only(other):
    """The read-only fields every write gets (those its operation declares writable are
    removed per route); they must be ignored."""
    return {
        "id": SENTINEL_INT, "uuid": SENTINEL_UUID, "workspaceId": other.ws_id,
        "wsId": SENTINEL_INT, "ws_id": other.ws_id, "workspace_id": SENTINEL_INT,
        "createdAt": SENTINEL_TIME, "updatedAt": SENTINEL_TIME, "deletedAt": SENTINEL_TIME,
        "completedAt": SENTINEL_TIME, "created_at": SENTINEL_EPOCH,
        "authorId": other.ids["me"], "creatorId": other.ids["me"], "ownerId": other.ids["me"],
        "userId": other.ids["me"], "author_id": other.ids["me"],
        "isDeleted": True, "isArchived": True, "isBookmarked": True, "isCompleted": True,
        "position": SENTINEL_INT, "sort": SENTINEL_INT, "seq": SENTINEL_INT,
        "order": SENTINEL_INT, "dealsCount": SENTINEL_INT, "dealsAmount": SENTINEL_INT,
        "team": [other.ids["me"]], "attachments": [other.ids["attachment"]],
        "attachmentId": other.ids["attachment"], "fileId": other.ids["attachment"],
    }


def foreign_refs(other):
    """References to the other workspace's rows in fields the operation may or may not
    take (some routes accept more than the spec lists, e.g. portfolioId on PUT project):
    a 4xx for these is as right as ignoring them."""
    return {
        "parentId": other.ids["task"], "projectId": other.ids["project"],
        "boardId": other.ids["board"], "boardColumnId": other.ids["column"],
        "portfolioId": other.ids["portfolio"], "taskId": other.ids["task"],
        "funnelId": other.ids["funnel"], "statusId": other.ids["status"],
        "dealId": other.ids["deal"], "contactId": other.ids["contact"],
        "organizationId": other.ids["org"], "fieldId": other.ids["cf_tm"],
        "customFieldId": other.ids["cf_tm"], "optionId": other.ids["opt_tm"],
        "tagId": other.ids["tag"],
    }


class W:
    """body: a valid body ('@kind' = the workspace's own object); at(world) -> extra ids
    this request needs (made just before it); sets: flags the route itself changes; files:
    a multipart upload; refuses: read-only fields the route answers with a 422 by design
    (a comment's `attachments`, tm-notes §7), tested where the route is; they are not sent
    in the read-only-alone retry."""

    def __init__(self, body=None, at=None, sets=(), files=False, refuses=()):
        self.body, self.at, self.sets, self.files = body or {}, at, set(sets), files
        self.refuses = set(refuses)


def _id(r, key):
    assert r.status_code == 200, r.text
    return r.json()[key]["id"]


_fresh_fields = []


def retire_fresh_fields(w):
    """Delete (through the API, wherever a transfer took them) the fields an earlier new_cf
    made: the task manager's fields are capped per workspace (CF_FIELDS_MAX), and the module's
    one workspace would pass the cap after a few routes."""
    while _fresh_fields:
        fid = _fresh_fields.pop()
        row = store_sql(w.db, "SELECT scope, project_id, board_id, funnel_id FROM custom_fields "
                              f"WHERE id = '{fid}'")
        if not row:
            continue
        scope, pid, bid, funnel = row[0]
        base = {"tm": "/tm", "project": f"/tm/projects/{pid}", "board": f"/tm/boards/{bid}",
                "funnel": f"/crm/funnels/{funnel}"}[scope]
        r = w.api.delete(f"{base}/custom-fields/{fid}")
        assert r.status_code == 200, r.text


def new_cf(scope):
    """at(): a new select field of the scope with one option (cf_<scope>, opt_<scope>) and
    a second option opt2 and second field cf2 to move next to; the ones an earlier at() made
    are deleted first."""
    def at(w):
        retire_fresh_fields(w)
        ids = w.ids
        base = {"tm": "/tm/custom-fields", "project": f"/tm/projects/{ids['project']}",
                "board": f"/tm/boards/{ids['board']}",
                "funnel": f"/crm/funnels/{ids['funnel']}"}[scope]
        if scope != "tm":
            base += "/custom-fields"
        fid = _id(w.api.post(base, json={"name": "f", "type": "select"}), "customField")
        cf2 = _id(w.api.post(base, json={"name": "g", "type": "text"}), "customField")
        o1 = _id(w.api.post(f"{base}/{fid}/options", json={"name": "o", "color": "red"}),
                 "option")
        o2 = _id(w.api.post(f"{base}/{fid}/options", json={"name": "p", "color": "red"}),
                 "option")
        _fresh_fields.extend([fid, cf2])
        return {f"cf_{scope}": fid, f"opt_{scope}": o1, "opt2": o2, "cf2": cf2}
    return at


def archived(w):
    pid = _id(w.api.post("/tm/projects", json={"name": "arch"}), "project")
    assert w.api.post(f"/tm/projects/{pid}/archive").status_code == 200
    return {"project": pid}


def cf_writes(prefix, scope):
    p = f"{V}{prefix}"
    fresh = new_cf(scope)
    out = {
        f"POST {p}": W({"name": "m", "type": "text"}),
        f"PUT {p}/{{id}}": W({"name": "m2"}, at=fresh),
        f"POST {p}/{{custom_field_id}}/options": W({"name": "m", "color": "blue"}, at=fresh),
        f"PUT {p}/{{custom_field_id}}/options/{{id}}": W({"name": "m2", "color": "pink"},
                                                         at=fresh),
        f"POST {p}/{{custom_field_id}}/options/{{id}}/move": W({"after": "@opt2"}, at=fresh),
    }
    if scope == "funnel":
        out[f"POST {p}/{{id}}/move"] = W({"after": "@cf2"}, at=fresh)
        return out
    if scope != "tm":
        out[f"POST {p}/{{id}}/transfer-to-task-manager"] = W(at=fresh)
    out[f"POST {p}/{{id}}/transfer-to-project"] = W({"projectId": "@project2"}, at=fresh)
    out[f"POST {p}/{{id}}/transfer-to-board"] = W({"boardId": "@board2"}, at=fresh)
    return out


WRITES = {
    f"POST {V}/ws/tags": W({"title": "m"}),
    f"PUT {V}/ws/tags/{{id}}": W({"title": "m2", "color": "#aaaaaa"}),
    f"POST {V}/tm/portfolios": W({"name": "m"}),
    f"PUT {V}/tm/portfolios/{{id}}": W({"name": "m2"}),
    f"POST {V}/tm/projects": W({"name": "m", "portfolioId": "@portfolio"}),
    f"PUT {V}/tm/projects/{{id}}": W({"name": "m2", "isPrivate": False, "color": "#003C93"}),
    f"POST {V}/tm/projects/{{id}}/archive": W(at=lambda w: {"project": _id(w.api.post(
        "/tm/projects", json={"name": "to archive"}), "project")}, sets={"isArchived"}),
    f"POST {V}/tm/projects/{{id}}/un-archive": W(at=archived, sets={"isArchived"}),
    **cf_writes("/tm/projects/{project_id}/custom-fields", "project"),
    f"POST {V}/tm/boards": W({"name": "m", "projectId": "@project"}),
    f"PUT {V}/tm/boards/{{id}}": W({"name": "m2"}),
    f"POST {V}/tm/boards/{{id}}/move": W({"upperBoardId": None}),
    **cf_writes("/tm/boards/{board_id}/custom-fields", "board"),
    f"POST {V}/tm/board-columns": W({"name": "m", "boardId": "@board"}),
    f"PUT {V}/tm/board-columns/{{id}}": W({"name": "m2"}),
    f"POST {V}/tm/board-columns/{{id}}/move": W({"upperBoardColumnId": None}),
    f"POST {V}/tm/tasks": W({"title": "m", "boardColumnId": "@column"}),
    f"PUT {V}/tm/tasks/{{id}}": W({"title": "m2", "priority": 2}),
    f"POST {V}/tm/tasks/{{id}}/complete": W(sets={"isCompleted"}),
    f"POST {V}/tm/tasks/{{id}}/un-complete": W(sets={"isCompleted"}),
    f"POST {V}/tm/tasks/{{id}}/board": W({"boardId": "@board2"}),
    f"POST {V}/tm/tasks/{{id}}/board-column": W({"boardColumnId": "@column2"}),
    f"POST {V}/tm/tasks/{{task_id}}/locations": W({"projectId": "@project"}),
    f"POST {V}/tm/tasks/{{task_id}}/time-entries": W(
        {"userId": "@me", "isOvertime": 0, "date": "2026-03-01", "duration": 30}),
    f"PUT {V}/tm/tasks/{{task_id}}/time-entries/{{time_entry_id}}": W({"duration": 45}),
    f"POST {V}/tm/tasks/{{task_id}}/watchers": W({"watchers": ["@me"]}),
    f"POST {V}/tm/tasks/{{taskId}}/assignees": W({"assignees": ["@member"]}),
    f"POST {V}/tm/tasks/{{id}}/start-timer": W(),
    f"POST {V}/tm/tasks/{{id}}/stop-timer": W(),
    f"POST {V}/tm/tasks/{{id}}/subscribe": W({"userId": "@member"}),
    f"POST {V}/tm/tasks/{{id}}/un-subscribe": W({"userId": "@member"}),
    f"POST {V}/tm/tasks/{{task_id}}/attachments": W(files=True),
    f"POST {V}/tm/tasks/{{taskId}}/comments": W({"markdown": "m", "parentId": "@comment"},
                                                   refuses={"attachments"}),
    f"POST {V}/tm/tasks/{{taskId}}/parent": W({"parentId": "@deal_task"}),
    **cf_writes("/tm/custom-fields", "tm"),
    f"POST {V}/crm/organizations": W({"name": "m"}),
    f"PUT {V}/crm/organizations/{{id}}": W({"name": "m2"}),
    f"POST {V}/crm/organizations/{{organizationId}}/addresses": W({"address": "m"}),
    f"PUT {V}/crm/organizations/{{organizationId}}/addresses/{{addressId}}": W(
        {"address": "m2"}),
    f"POST {V}/crm/organizations/{{organizationId}}/emails": W({"email": "m@x.io"}),
    f"PUT {V}/crm/organizations/{{organizationId}}/emails/{{emailId}}": W({"email": "n@x.io"}),
    f"POST {V}/crm/organizations/{{organizationId}}/phones": W({"phone": "+1"}),
    f"PUT {V}/crm/organizations/{{organizationId}}/phones/{{phoneId}}": W({"phone": "+2"}),
    f"POST {V}/crm/organizations/{{organizationId}}/contacts": W({"contactId": "@contact2"}),
    f"POST {V}/crm/organizations/{{organizationId}}/tags": W({"tagId": "@tag2"}),
    f"POST {V}/crm/contacts": W({"firstName": "m"}),
    f"PUT {V}/crm/contacts/{{id}}": W({"firstName": "m2"}),
    f"POST {V}/crm/contacts/{{contactId}}/emails": W({"email": "m@x.io"}),
    f"PUT {V}/crm/contacts/{{contactId}}/emails/{{emailId}}": W({"email": "n@x.io"}),
    f"POST {V}/crm/contacts/{{contactsId}}/phones": W({"phone": "+3"}),
    f"PUT {V}/crm/contacts/{{contactsId}}/phones/{{phoneId}}": W({"phone": "+4"}),
    f"POST {V}/crm/contacts/{{contactId}}/tags": W({"tagId": "@tag2"}),
    f"POST {V}/crm/funnels": W({"name": "m"}),
    f"PUT {V}/crm/funnels/{{id}}": W({"name": "m2"}),
    f"POST {V}/crm/funnels/{{id}}/move": W({"previousFunnelId": None}),
    f"POST {V}/crm/funnels/{{id}}/bookmark": W(sets={"isBookmarked"}),
    **cf_writes("/crm/funnels/{funnel_id}/custom-fields", "funnel"),
    f"POST {V}/crm/funnels/{{funnelId}}/statuses": W({"name": "m"}),
    f"PUT {V}/crm/statuses/{{id}}": W({"name": "m2"}),
    f"POST {V}/crm/statuses/{{id}}/move": W({"previousStatusId": None}),
    f"POST {V}/crm/statuses/{{statusId}}/deals": W({"title": "m", "amount": 3}),
    f"PUT {V}/crm/deals/{{id}}": W({"title": "m2"}),
    f"PATCH {V}/crm/deals/{{id}}": W({"title": "m3"}),
    f"POST {V}/crm/deals/{{id}}/move": W({"previousDealId": None}),
    f"PUT {V}/crm/deals/{{id}}/funnel": W({"funnelId": "@funnel2"}),
    f"PUT {V}/crm/deals/{{id}}/status": W({"statusId": "@status2"}),
    f"POST {V}/crm/deals/{{dealId}}/assignees": W({"assigneeId": "@member"}),
    f"POST {V}/crm/deals/{{dealId}}/contacts": W({"contactId": "@contact2"}),
    f"POST {V}/crm/deals/{{dealId}}/organizations": W({"organizationId": "@org2"}),
    f"POST {V}/crm/deals/{{dealId}}/tags": W({"tag": "@tag2"}),
    f"POST {V}/crm/deals/{{id}}/tasks": W({"title": "m"}),
    f"POST {V}/crm/deals/{{id}}/tasks/{{taskId}}/move": W({"previousTaskId": None}),
    f"POST {V}/crm/deals/{{deal_id}}/attachments": W(files=True),
}


def writable(method, path):
    """The request body fields the spec declares for the operation."""
    _, op = spec_operations().get((method, norm_path(path[len(V):])), (None, {}))
    doc = openapi_doc()
    out = set()
    if op and "requestBody" in op:
        for content in _resolve(doc, op["requestBody"]).get("content", {}).values():
            out |= set(_resolve(doc, content.get("schema", {})).get("properties", {}))
    return out


# the GET that reads an object created under an envelope key (when it has one by id)
CREATED = {"tag": "/ws/tags/{}", "project": "/tm/projects/{}", "task": "/tm/tasks/{}",
           "organization": "/crm/organizations/{}", "contact": "/crm/contacts/{}",
           "funnel": "/crm/funnels/{}", "status": "/crm/statuses/{}", "deal": "/crm/deals/{}"}
# lists that show objects without a GET by id, by the route's first segments
LISTS = {"/tm/boards": ["/tm/boards?projectId=@project", "/tm/boards?projectId=@project2"],
         "/tm/board-columns": ["/tm/board-columns?boardId=@board"],
         "/tm/custom-fields": ["/tm/custom-fields"],
         "/tm/projects": ["/tm/projects"], "/tm/portfolios": ["/tm/portfolios"]}


def readers(key, url, answer, gets, ids):
    """GET paths that read back what the write touched: each object on the path that has a
    GET by id, the created object, and the lists of LISTS."""
    method, path = key.split(" ", 1)
    tsegs, usegs = path[len(V):].split("/"), url.split("/")
    norm_gets = {norm_path(g) for g in gets}
    out = []
    for i in range(1, len(tsegs)):
        if tsegs[i].startswith("{") and norm_path(
                f"GET {V}{'/'.join(tsegs[:i + 1])}") in norm_gets:
            out.append("/".join(usegs[:i + 1]))
    for k, v in answer.items():
        if method == "POST" and k in CREATED and isinstance(v, dict) and "id" in v:
            out.append(CREATED[k].format(v["id"]))
    for prefix, lists in LISTS.items():
        if path[len(V):].startswith(prefix):
            out += [resolve_str(x, ids) for x in lists]
    return out


def resolve_str(x, ids):
    return re.sub(r"@(\w+)", lambda m: str(ids[m.group(1)]), x)


def write(api, method, url, entry, extra, ids):
    """The entry's valid request with the extra fields added (as form fields next to the
    file of an upload)."""
    if entry.files:
        form = {k: json.dumps(v) if not isinstance(v, str) else v for k, v in extra.items()}
        return api.request(method, url, data=form, files=[("files[]", ("m.txt", b"mass"))])
    return api.request(method, url, json={**extra, **resolve(entry.body, ids)}, check_ct=False)


def flags(r):
    """FLAGS of the object a GET by id answers ({} for lists)."""
    obj = next((v for v in r.json().values() if isinstance(v, dict)), {})
    return {f: obj[f] for f in FLAGS if f in obj}


def forbidden_in(text, other):
    bad = [str(SENTINEL_INT), SENTINEL_UUID, SENTINEL_TIME[:10]]
    bad += [v for v in other.ids.values() if isinstance(v, str)]
    return [s for s in bad if s in text]


@pytest.fixture(scope="module")
def mass(server):
    own, other = World(server, "m").add_spares(), World(server, "o")
    try:
        before = snapshot(server.db, other.ws_id)
        gets = {f"{r['method']} {r['path']}" for r in routes() if r["method"] == "GET"}
        yield {"own": own, "other": other, "before": before, "gets": gets, "db": server.db}
    finally:
        own.close()
        other.close()


def test_every_write_route_has_an_entry_and_every_entry_a_route():
    served = {f"{r['method']} {r['path']}" for r in routes()
              if r["method"] in ("POST", "PUT", "PATCH")}
    missing = sorted(served - set(WRITES))
    stale = sorted(set(WRITES) - served)
    assert not missing, f"write routes without a mass-assignment entry in WRITES: {missing}"
    assert not stale, f"WRITES entries for routes that no longer exist: {stale}"


@pytest.mark.parametrize("key", list(WRITES))
def test_read_only_and_foreign_fields_are_not_stored(mass, key):
    own, other = mass["own"], mass["other"]
    method, path = key.split(" ", 1)
    entry = WRITES[key]
    ids = dict(own.ids)
    if entry.at:
        ids.update(entry.at(own))
    url = concrete(path, ids)
    declared = writable(method, path)
    flags_before = {g: flags(own.api.get(g)) for g in readers(key, url, {}, mass["gets"], ids)}
    extra = {k: v for k, v in {**read_only(other), **foreign_refs(other)}.items()
             if k not in declared}
    r = write(own.api, method, url, entry, extra, ids)
    if 400 <= r.status_code < 500 and r.status_code != 404:
        # rejected (a foreign reference in a field the route takes): nothing may be stored
        # (test_no_row_holds_an_injected_value), and the read-only fields alone are ignored
        assert_no_internals(r)
        extra = {k: v for k, v in read_only(other).items()
                 if k not in declared and k not in entry.refuses}
        r = write(own.api, method, url, entry, extra, ids)
    assert 200 <= r.status_code < 300, (
        f"{key} with read-only fields {sorted(extra)}: {r.status_code} {r.text[:500]}")
    answer = r.json() if r.content else {}
    texts = {f"{method} {url}": r.text}
    for g in readers(key, url, answer, mass["gets"], ids):
        rg = own.api.get(g)
        assert rg.status_code == 200, f"{key}: read back {g}: {rg.status_code} {rg.text}"
        texts[f"GET {g}"] = rg.text
        # a flag the route does not itself set keeps the value it had (False when new)
        for flag, value in flags(rg).items():
            if flag not in entry.sets:
                assert value == flags_before.get(g, {}).get(flag, False), (
                    f"{key}: {flag} was taken from the body: GET {g} {rg.text[:300]}")
    shown = {k: forbidden_in(t, other) for k, t in texts.items()}
    shown = {k: v for k, v in shown.items() if v}
    assert not shown, f"{key}: injected values show up: {shown} " + " | ".join(
        texts[k][:400] for k in shown)


def test_no_row_holds_an_injected_value(mass):
    needles = {SENTINEL_INT, SENTINEL_EPOCH, SENTINEL_EPOCH * 1000}
    hits = []
    for t, cols in tables(mass["db"]).items():
        rows = store_sql(mass["db"], f'SELECT * FROM "{t}"')
        for row in rows:
            for c, v in zip(cols, row):
                if (t, c) == ("attachments", "content"):
                    # file bytes (random in the attachment tests): their hex text holds
                    # "424242" by chance, and no JSON field can write them anyway
                    continue
                s = str(v)
                if s in {str(n) for n in needles} or SENTINEL_INT_RE.search(s) \
                        or SENTINEL_UUID in s or SENTINEL_TIME[:10] in s:
                    hits.append(f"{t}.{c}={s[:80]}")
    assert not hits, hits[:20]


def test_the_other_workspace_is_unchanged_and_nothing_points_across(mass):
    after = snapshot(mass["db"], mass["other"].ws_id)
    changed = [t for t in mass["before"] if mass["before"][t] != after.get(t)]
    assert not changed, f"writes in one workspace changed another's rows: {changed}"
    bad, _ = cross_workspace_refs(mass["db"])
    assert not bad, bad

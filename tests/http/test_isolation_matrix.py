"""Tenant isolation, route by route (issue 8): workspace B's token with workspace A's ids in
the path, in every id-ish query parameter and in every id-ish body field gets none of A's data
and changes none of A's rows. The routes come from `weeekd routes`; ROUTES below must name
each of them (and nothing else), so a new route cannot be left out.

Two workspaces are made fresh for this module (`weeekd init`), each with one object of every
kind (iso_world.World). Per route, B sends:
  all      A's ids in the path placeholders, query and body (routes without placeholders:
           B's request with A's ids in query and body);
  <input>  per query parameter or body field that names another object: B's own ids in the
           path and only that input naming A's object (B must not attach A's rows to its
           own; one input at a time, so a 422 on one cannot hide a missing check on another).
           customFields also gets B's own fields with A's option, member and contact.
  undeclared  for write routes: B's own ids in the path, the valid body, and every id-ish
           field of UNDECLARED the operation does not declare, naming A's rows.
  path:<k> for paths with several placeholders: B's own ids with A's for one of them (A's
           option under B's field, A's email under B's organization, ...).
Every answer must be a 4xx (not found / validation) unless the table says why a 2xx is right
(then it may only show B's data), and a 4xx must be exactly the answer the same request
gets when the ids name objects that never existed (iso_world.ghost_ids): A's rows are
indistinguishable from no rows. No answer may contain any of A's secret strings (marker,
emails, string ids) that the request itself did not carry. Around the whole matrix every row
of A is snapshotted straight from the store and must be unchanged, and afterwards no row of
any workspace may refer to a row of another (iso_world.cross_workspace_refs)."""
import re

import pytest

from weeekd_http import _resolve, norm_path, openapi_doc, routes, spec_operations, store_sql
from iso_world import (V, World, cross_workspace_refs, ghost_ids, has_ref, placeholder_kinds,
                       resolve, snapshot)

# served without a token, carry no workspace data: not part of the matrix (the web
# interface's files included: it reads workspace data only through the API, with a token)
NOAUTH = {"GET /healthz", "GET /public/v1/openapi.json", "GET /", "GET /ui/{name}"}


class C:
    """How to fill one route. body: the non-id fields a valid request needs (ids are added
    from the spec by ID_FIELDS, or given here as '@kind' references, which win); query: extra
    query parameters; ok: why B may get a 2xx in the foreign phase of a route without path
    placeholders; own: why a 2xx is right in a one-input phase; omit: spec fields not to
    send; files: a multipart upload; base: fields of B's own ('!kind') sent underneath the
    inputs, for routes whose other required field would hide the one under test."""

    def __init__(self, body=None, query=None, ok=None, own=None, omit=(), files=False,
                 base=None):
        self.base = base or {}
        self.body, self.query, self.ok = body, query or {}, ok
        self.own = own or (ok if ok == LIST else None)  # a filter naming A's row: empty list
        self.omit, self.files = set(omit), files


LIST = "a list: B's own rows only"
MINE = "answers the token's own workspace"
CREATES = "creates a row in B (no id-ish input)"
OPT = {"name": "B option", "color": "blue"}
TASK_CF = {"@cf_tm": "@opt_tm"}
DEAL_CF = {"@cf_funnel": "@opt_funnel"}


def cf_routes(prefix, scope):
    """The custom-field operations under one owner collection."""
    p = f"/public/v1{prefix}"
    out = {
        f"POST {p}": C({"name": "B field", "type": "text"}, ok=CREATES if scope == "tm" else None),
        f"PUT {p}/{{id}}": C({"name": "B renamed"}),
        f"DELETE {p}/{{id}}": C(),
        f"POST {p}/{{custom_field_id}}/options": C(OPT),
        f"PUT {p}/{{custom_field_id}}/options/{{id}}": C(OPT),
        f"DELETE {p}/{{custom_field_id}}/options/{{id}}": C(),
        f"POST {p}/{{custom_field_id}}/options/{{id}}/move": C(
            {"after": f"@opt_{scope}"}, omit={"before"}),
    }
    if scope == "funnel":
        out[f"POST {p}/{{id}}/move"] = C({"after": "@cf_funnel"}, omit={"before"})
        return out
    if scope != "tm":
        out[f"POST {p}/{{id}}/transfer-to-task-manager"] = C()
    out[f"POST {p}/{{id}}/transfer-to-project"] = C()
    out[f"POST {p}/{{id}}/transfer-to-board"] = C()
    return out


ROUTES = {
    f"GET {V}/user/me": C(ok=MINE),
    f"GET {V}/ws": C(ok=MINE),
    f"GET {V}/ws/members": C(ok=MINE),
    f"GET {V}/ws/tags": C(ok=LIST),
    f"POST {V}/ws/tags": C({"title": "B tag"}, ok=CREATES),
    f"GET {V}/ws/tags/{{id}}": C(),
    f"PUT {V}/ws/tags/{{id}}": C({"title": "B hijack", "color": "#ffffff"}),
    f"DELETE {V}/ws/tags/{{id}}": C(),
    f"GET {V}/tm/portfolios": C(ok=LIST),  # parentId=A's portfolio
    f"POST {V}/tm/portfolios": C({"name": "B portfolio", "parentId": "@portfolio"}),
    f"GET {V}/tm/portfolios/{{id}}": C(),
    f"PUT {V}/tm/portfolios/{{id}}": C({"name": "B hijack"}),
    f"DELETE {V}/tm/portfolios/{{id}}": C(),
    f"GET {V}/tm/projects": C(ok=LIST),
    f"POST {V}/tm/projects": C({"name": "B project"}),
    f"GET {V}/tm/projects/{{id}}": C(),
    f"PUT {V}/tm/projects/{{id}}": C({"name": "B hijack", "isPrivate": False}),
    f"DELETE {V}/tm/projects/{{id}}": C(),
    f"POST {V}/tm/projects/{{id}}/archive": C(),
    f"POST {V}/tm/projects/{{id}}/un-archive": C(),
    **cf_routes("/tm/projects/{project_id}/custom-fields", "project"),
    f"GET {V}/tm/boards": C(ok=LIST),
    f"POST {V}/tm/boards": C({"name": "B board"}),
    f"PUT {V}/tm/boards/{{id}}": C({"name": "B hijack"}),
    f"DELETE {V}/tm/boards/{{id}}": C(),
    f"POST {V}/tm/boards/{{id}}/move": C(),
    **cf_routes("/tm/boards/{board_id}/custom-fields", "board"),
    f"GET {V}/tm/board-columns": C(ok=LIST),
    f"POST {V}/tm/board-columns": C({"name": "B column"}),
    f"PUT {V}/tm/board-columns/{{id}}": C({"name": "B hijack"}),
    f"DELETE {V}/tm/board-columns/{{id}}": C(),
    f"POST {V}/tm/board-columns/{{id}}/move": C(),
    f"GET {V}/tm/tasks": C(ok=LIST),
    f"POST {V}/tm/tasks": C({"title": "B task", "parentId": "@task", "customFields": TASK_CF,
                             "type": "action"}),
    f"GET {V}/tm/tasks/{{id}}": C(),
    f"PUT {V}/tm/tasks/{{id}}": C({"title": "B hijack", "customFields": TASK_CF}),
    f"DELETE {V}/tm/tasks/{{id}}": C(),
    f"POST {V}/tm/tasks/{{id}}/complete": C(),
    f"POST {V}/tm/tasks/{{id}}/un-complete": C(),
    f"POST {V}/tm/tasks/{{id}}/board": C(),
    f"POST {V}/tm/tasks/{{id}}/board-column": C(base={"boardColumnId": "!column"}),
    f"POST {V}/tm/tasks/{{task_id}}/locations": C({"after": "@task"}, omit={"before"},
                                                 base={"projectId": "!project",
                                                       "boardColumnId": "!column"}),
    f"DELETE {V}/tm/tasks/{{task_id}}/locations": C(),
    f"POST {V}/tm/tasks/{{task_id}}/time-entries": C(
        {"isOvertime": 0, "date": "2026-03-02", "duration": 5}),
    f"PUT {V}/tm/tasks/{{task_id}}/time-entries/{{time_entry_id}}": C({"duration": 45}),
    f"DELETE {V}/tm/tasks/{{task_id}}/time-entries/{{time_entry_id}}": C(),
    f"POST {V}/tm/tasks/{{task_id}}/watchers": C(),
    f"DELETE {V}/tm/tasks/{{task_id}}/watchers": C(),
    f"POST {V}/tm/tasks/{{taskId}}/assignees": C(),
    f"DELETE {V}/tm/tasks/{{taskId}}/assignees": C(),
    f"POST {V}/tm/tasks/{{id}}/start-timer": C(),
    f"POST {V}/tm/tasks/{{id}}/stop-timer": C(),
    f"POST {V}/tm/tasks/{{id}}/subscribe": C(),
    f"POST {V}/tm/tasks/{{id}}/un-subscribe": C(),
    f"POST {V}/tm/tasks/{{task_id}}/attachments": C(files=True),
    f"GET {V}/tm/tasks/{{taskId}}/comments": C(),
    f"POST {V}/tm/tasks/{{taskId}}/comments": C({"markdown": "B comment", "parentId": "@comment"}),
    f"DELETE {V}/tm/tasks/{{taskId}}/comments/{{commentId}}": C(),
    f"POST {V}/tm/tasks/{{taskId}}/parent": C({"parentId": "@deal_task", "after": "@subtask"},
                                             omit={"before"}, base={"parentId": "!deal_task"}),
    f"GET {V}/tm/custom-fields": C(ok=LIST),
    **cf_routes("/tm/custom-fields", "tm"),
    f"GET {V}/ws/attachments/{{file_id}}": C(),
    f"GET {V}/ws/attachments/{{file_id}}/content": C(),
    f"GET {V}/attachments/{{attachment_id}}": C(),
    f"GET {V}/crm/organizations": C(ok=LIST),
    f"POST {V}/crm/organizations": C({"name": "B org"}),
    f"GET {V}/crm/organizations/{{id}}": C(),
    f"PUT {V}/crm/organizations/{{id}}": C({"name": "B hijack"}),
    f"DELETE {V}/crm/organizations/{{id}}": C(),
    f"POST {V}/crm/organizations/{{organizationId}}/addresses": C({"address": "B st"}),
    f"PUT {V}/crm/organizations/{{organizationId}}/addresses/{{addressId}}": C(
        {"address": "B st 2"}),
    f"DELETE {V}/crm/organizations/{{organizationId}}/addresses/{{addressId}}": C(),
    f"POST {V}/crm/organizations/{{organizationId}}/emails": C({"email": "b@b.test"}),
    f"PUT {V}/crm/organizations/{{organizationId}}/emails/{{emailId}}": C({"email": "b@b.test"}),
    f"DELETE {V}/crm/organizations/{{organizationId}}/emails/{{emailId}}": C(),
    f"POST {V}/crm/organizations/{{organizationId}}/phones": C({"phone": "+999"}),
    f"PUT {V}/crm/organizations/{{organizationId}}/phones/{{phoneId}}": C({"phone": "+998"}),
    f"DELETE {V}/crm/organizations/{{organizationId}}/phones/{{phoneId}}": C(),
    f"POST {V}/crm/organizations/{{organizationId}}/contacts": C(),
    f"DELETE {V}/crm/organizations/{{organizationId}}/contacts": C(),
    f"POST {V}/crm/organizations/{{organizationId}}/tags": C(),
    f"DELETE {V}/crm/organizations/{{organizationId}}/tags": C(),
    f"GET {V}/crm/contacts": C(ok=LIST),
    f"POST {V}/crm/contacts": C({"firstName": "B contact"}),
    f"GET {V}/crm/contacts/{{id}}": C(),
    f"PUT {V}/crm/contacts/{{id}}": C({"firstName": "B hijack"}),
    f"DELETE {V}/crm/contacts/{{id}}": C(),
    f"POST {V}/crm/contacts/{{contactId}}/emails": C({"email": "b@b.test"}),
    f"PUT {V}/crm/contacts/{{contactId}}/emails/{{emailId}}": C({"email": "b@b.test"}),
    f"DELETE {V}/crm/contacts/{{contactId}}/emails/{{emailId}}": C(),
    f"POST {V}/crm/contacts/{{contactsId}}/phones": C({"phone": "+997"}),
    f"PUT {V}/crm/contacts/{{contactsId}}/phones/{{phoneId}}": C({"phone": "+996"}),
    f"DELETE {V}/crm/contacts/{{contactsId}}/phones/{{phoneId}}": C(),
    f"POST {V}/crm/contacts/{{contactId}}/tags": C(),
    f"DELETE {V}/crm/contacts/{{contactId}}/tags": C(),
    f"GET {V}/crm/funnels": C(ok=LIST),
    f"POST {V}/crm/funnels": C({"name": "B funnel"}, ok=CREATES),
    f"GET {V}/crm/funnels/{{id}}": C(),
    f"PUT {V}/crm/funnels/{{id}}": C({"name": "B hijack"}),
    f"DELETE {V}/crm/funnels/{{id}}": C(),
    f"POST {V}/crm/funnels/{{id}}/move": C(),
    f"POST {V}/crm/funnels/{{id}}/bookmark": C(),
    **cf_routes("/crm/funnels/{funnel_id}/custom-fields", "funnel"),
    f"GET {V}/crm/funnels/{{funnelId}}/statuses": C(),
    f"POST {V}/crm/funnels/{{funnelId}}/statuses": C({"name": "B status"}),
    f"GET {V}/crm/statuses/{{id}}": C(),
    f"PUT {V}/crm/statuses/{{id}}": C({"name": "B hijack"}),
    f"DELETE {V}/crm/statuses/{{id}}": C(),
    f"POST {V}/crm/statuses/{{id}}/move": C(),
    f"GET {V}/crm/statuses/{{statusId}}/deals": C(own=LIST),
    f"POST {V}/crm/statuses/{{statusId}}/deals": C({"title": "B deal", "customFields": DEAL_CF}),
    f"GET {V}/crm/deals/{{id}}": C(),
    f"PUT {V}/crm/deals/{{id}}": C({"title": "B hijack", "customFields": DEAL_CF}),
    f"PATCH {V}/crm/deals/{{id}}": C({"title": "B hijack", "customFields": DEAL_CF}),
    f"DELETE {V}/crm/deals/{{id}}": C(),
    f"POST {V}/crm/deals/{{id}}/move": C(omit={"statusId"}),
    f"PUT {V}/crm/deals/{{id}}/funnel": C(),
    f"PUT {V}/crm/deals/{{id}}/status": C(),
    f"POST {V}/crm/deals/{{dealId}}/assignees": C(),
    f"DELETE {V}/crm/deals/{{dealId}}/assignees": C(),
    f"POST {V}/crm/deals/{{dealId}}/contacts": C(),
    f"DELETE {V}/crm/deals/{{dealId}}/contacts": C(),
    f"POST {V}/crm/deals/{{dealId}}/organizations": C(),
    f"DELETE {V}/crm/deals/{{dealId}}/organizations": C(),
    f"POST {V}/crm/deals/{{dealId}}/tags": C(),
    f"DELETE {V}/crm/deals/{{dealId}}/tags": C(),
    f"POST {V}/crm/deals/{{id}}/tasks": C({"title": "B deal task", "parentId": "@task",
                                          "customFields": TASK_CF}),
    f"POST {V}/crm/deals/{{id}}/tasks/{{taskId}}/move": C(),
    f"DELETE {V}/crm/deals/{{id}}/tasks/{{taskId}}": C(),
    f"POST {V}/crm/deals/{{deal_id}}/attachments": C(files=True),
    f"GET {V}/crm/currencies": C(ok="a fixed list, no workspace data"),
}

# id-ish request fields and query parameters of the spec -> what to send (references '@kind'
# into World.ids); context-dependent ones (parentId, after, before) are given per route above
ID_FIELDS = {
    "projectId": "@project", "boardId": "@board", "boardColumnId": "@column",
    "upperBoardColumnId": "@column", "upperBoardId": "@board", "upperTaskId": "@task",
    "userId": "@me", "assignees": ["@me"], "watchers": ["@member"], "tags": ["@tag"],
    "tagId": "@tag", "tag": "@tag", "assigneeId": "@me", "contactId": "@contact",
    "organizationId": "@org", "organizations": ["@org"], "contacts": ["@contact"],
    "responsibles": ["@me"], "executorId": "@me", "statusId": "@status", "funnelId": "@funnel",
    "previousDealId": "@deal", "previousStatusId": "@status", "previousFunnelId": "@funnel",
    "previousTaskId": "@deal_task", "portfolioId": "@portfolio",
    "locations": [{"projectId": "@project", "boardColumnId": "@column"}],
    "customFields": TASK_CF,
}
# id-ish names that name no workspace row: currencies are global (GET /crm/currencies)
GLOBAL_IDS = {"currencyId"}
ID_QUERY = {
    "projectId": "@project", "boardId": "@board", "boardColumnId": "@column", "userId": "@me",
    "parentId": "@portfolio", "tags[]": ["@tag"], "organizationIds[]": ["@org"],
    "responsible[]": ["@me"], "contacts[]": ["@contact"], "assigneeIds[]": ["@me"],
    "executorIds[]": ["@member"], "organizations[]": ["@org"],
    "customFields": {"customFields[@cf_funnel][id]": "@cf_funnel",
                     "customFields[@cf_funnel][value]": "@opt_funnel"},
}
ID_NAME = re.compile(r"(Id|Ids)(\[\])?$|^(assignees|watchers|tags|tag|contacts|organizations|"
                     r"responsibles|responsible|locations|customFields|after|before|"
                     r"parentId)(\[\])?$")

def spec_op(method, path):
    return spec_operations().get((method, norm_path(path[len(V):])), (None, None))[1]


def spec_inputs(method, path):
    """(id-ish query parameter names, id-ish request body field names) of the operation."""
    op = spec_op(method, path)
    if op is None:
        return [], []
    doc = openapi_doc()
    query = [p["name"] for p in map(lambda p: _resolve(doc, p), op.get("parameters", []))
             if p["in"] == "query" and ID_NAME.search(p["name"])]
    fields = []
    if "requestBody" in op:
        for content in _resolve(doc, op["requestBody"]).get("content", {}).values():
            schema = _resolve(doc, content.get("schema", {}))
            fields += [k for k in schema.get("properties", {}) if ID_NAME.search(k)]
    return query, sorted(set(fields))


def inputs(key):
    """(plain body fields, [(label, 'query' | 'body', {name: template})]): the fields every
    request of the route sends, and each input that carries a reference to another object
    (from the spec by ID_FIELDS / ID_QUERY, or given in the table)."""
    method, path = key.split(" ", 1)
    case = ROUTES[key]
    qnames, fnames = spec_inputs(method, path)
    refs = []
    for n in qnames:
        if n in ID_QUERY:
            v = ID_QUERY[n]
            refs.append((f"?{n}", "query", v if n == "customFields" else {n: v}))
    body = dict(case.body or {})
    plain = {k: v for k, v in body.items() if not has_ref(v)}
    for n in fnames:
        if n in case.omit or n in body or n not in ID_FIELDS:
            continue  # (an unknown name fails test_every_id_ish_input_of_the_spec_is_filled)
        v = ID_FIELDS[n]
        if n == "customFields" and path.startswith(f"{V}/crm/"):
            v = DEAL_CF
        body[n] = v
    for n, v in body.items():
        if has_ref(v):
            refs.append((n, "body", {n: v}))
            if n == "customFields":  # B's own fields with A's option, member, contact
                refs.append(("customFields(option)", "body",
                             {n: {k.replace("@", "!"): val for k, val in v.items()}}))
                crm = v is DEAL_CF
                refs.append(("customFields(member)", "body",
                             {n: {"!cf_fmember" if crm else "!cf_member": ["@me"]}}))
                refs.append(("customFields(contact)", "body",
                             {n: {"!cf_fcontact" if crm else "!cf_contact": "@contact"}}))
    return plain, refs


def send(api, key, path_ids, own_ids, ref_ids, refs):
    """One request of the matrix: path placeholders from path_ids; the plain body plus the
    given reference inputs, '@' resolved in ref_ids (A) and '!' in own_ids (B)."""
    method, path = key.split(" ", 1)
    case = ROUTES[key]
    it = iter(str(path_ids[k]) for k in placeholder_kinds(path))
    url = re.sub(r"\{[^}]*\}", lambda m: next(it), path)[len(V):]
    plain, _ = inputs(key)
    query, body = dict(case.query), {**case.base, **plain}
    for _, where, tmpl in refs:
        (query if where == "query" else body).update(tmpl)
    query, body = resolve(query, ref_ids, own_ids), resolve(body, ref_ids, own_ids)
    kw = {"params": query, "check_ct": False}
    if case.files:
        kw["files"] = [("files[]", ("b.txt", b"from B"))]
    elif method != "GET":
        kw["json"] = body
    r = api.request(method, url, **kw)
    return {"status": r.status_code, "text": r.content.decode("utf-8", "replace"),
            "ctype": r.headers.get("Content-Type"), "sent": f"{url} {query} {body}"}


def phases(key):
    """[(label, reference inputs, the kind whose path placeholder gets A's id)]:
    'all': A's ids everywhere (path included, kind '*'); one phase per reference input: B's
    own ids in the path and only that input naming A's object, so that a validation error
    on one input cannot hide a missing check on another; and for paths with several
    placeholders one phase per placeholder: A's object under B's own parents (or B's under
    A's)."""
    _, refs = inputs(key)
    out = [("all", refs, "*")]
    if len(refs) > 1 or (refs and "{" in key):
        out += [(r[0], [r], None) for r in refs]
    kinds = placeholder_kinds(key.split(" ", 1)[1])
    if len(kinds) > 1:
        out += [(f"path:{k}", [], k) for k in kinds]
    extra = undeclared(key)
    if extra:
        out.append(("undeclared", [("undeclared", "body", extra)], None))
    return out


# id-ish fields a write route may read without declaring them (PATCH deal takes the deal
# fields, PUT project a portfolioId): each write also gets those of these it does not
# declare, all at once, naming A's rows. Ignoring them (2xx) is as right as a 4xx; that
# nothing of them was stored is what the snapshot and cross-reference tests check.
UNDECLARED = {
    "parentId": "@task", "projectId": "@project", "boardId": "@board",
    "boardColumnId": "@column", "portfolioId": "@portfolio", "assignees": ["@me"],
    "watchers": ["@member"], "tags": ["@tag"], "contacts": ["@contact"],
    "organizations": ["@org"], "responsibles": ["@me"], "statusId": "@status",
    "funnelId": "@funnel", "userId": "@me", "contactId": "@contact", "organizationId": "@org",
    "tagId": "@tag", "executorId": "@me", "assigneeId": "@me", "taskId": "@task",
    "dealId": "@deal", "attachments": ["@attachment"],
}
IGNORED = "undeclared fields may be ignored (stored nothing: snapshot and reference tests)"


def undeclared(key):
    """The UNDECLARED fields of a write route that neither the spec nor the table gives."""
    method, path = key.split(" ", 1)
    if method not in ("POST", "PUT", "PATCH") or ROUTES[key].files or "/transfer-to-" in path:
        return {}  # (a transfer would move B's field away from under later routes)
    op = spec_op(method, path) or {}
    doc = openapi_doc()
    declared = set(ROUTES[key].body or {}) | set(ROUTES[key].base)
    if "requestBody" in op:
        for content in _resolve(doc, op["requestBody"]).get("content", {}).values():
            declared |= set(_resolve(doc, content.get("schema", {})).get("properties", {}))
    return {k: v for k, v in UNDECLARED.items() if k not in declared}


def path_ids(kind, a_ids, b_ids):
    """The ids the path placeholders take: all A's ('*'), all B's (None), or B's with A's
    for one kind."""
    if kind == "*":
        return a_ids
    return b_ids if kind is None else {**b_ids, kind: a_ids[kind]}


@pytest.fixture(scope="module")
def matrix(server):
    a, b = World(server, "a"), World(server, "b")
    try:
        before = snapshot(server.db, a.ws_id)
        ghost = ghost_ids(a.ids)
        results = {}
        for row in routes():
            key = f"{row['method']} {row['path']}"
            if key in NOAUTH or key not in ROUTES:
                continue
            for label, refs, kind in phases(key):
                res = send(b.api, key, path_ids(kind, a.ids, b.ids), b.ids, a.ids, refs)
                if res["status"] >= 400 or row["method"] == "GET":
                    # the same request naming objects that never existed must get the
                    # same answer: A's rows are indistinguishable from no rows (for reads
                    # also when they succeed: a list filtered by A's project is the list
                    # filtered by no project)
                    res["ghost"] = send(b.api, key, path_ids(kind, ghost, b.ids), b.ids, ghost,
                                        refs)
                results[(key, label)] = res
        after = snapshot(server.db, a.ws_id)
        yield {"a": a, "b": b, "before": before, "after": after, "results": results,
               "db": server.db, "ghost": ghost}
    finally:
        a.close()
        b.close()


def test_every_route_has_an_entry_and_every_entry_a_route():
    served = {f"{r['method']} {r['path']}" for r in routes()}
    missing = sorted(served - set(ROUTES) - NOAUTH)
    stale = sorted(set(ROUTES) - served)
    stale_noauth = sorted(NOAUTH - served)
    assert not missing, f"routes without an isolation entry in ROUTES: {missing}"
    assert not stale, f"ROUTES entries for routes that no longer exist: {stale}"
    assert not stale_noauth, f"NOAUTH names routes that no longer exist: {stale_noauth}"
    noauth = {f"{r['method']} {r['path']}" for r in routes() if "noauth" in r["flags"]}
    assert noauth == NOAUTH, "the noauth routes changed: review NOAUTH"


def test_every_id_ish_input_of_the_spec_is_filled():
    unknown = []
    for key in ROUTES:
        method, path = key.split(" ", 1)
        q, f = spec_inputs(method, path)
        case = ROUTES[key]
        unknown += [f"{key} query {n}" for n in q if n not in ID_QUERY]
        given = set(ID_FIELDS) | GLOBAL_IDS | case.omit | set(case.body or {})
        unknown += [f"{key} body {n}" for n in f if n not in given]
    assert not unknown, f"id-ish inputs without a filling rule: {unknown}"


def test_placeholders_map_to_objects_of_the_world():
    for key in ROUTES:
        for kind in placeholder_kinds(key.split(" ", 1)[1]):
            assert kind in WORLD_KINDS, (key, kind)


WORLD_KINDS = {"tag", "portfolio", "project", "board", "column", "task", "deal_task",
               "time_entry", "comment", "attachment", "org", "org_address", "org_email",
               "org_phone",
               "contact", "contact_email", "contact_phone", "funnel", "status", "deal",
               "cf_tm", "cf_project", "cf_board", "cf_funnel", "opt_tm", "opt_project",
               "opt_board", "opt_funnel"}
CASES = [(k, ph) for k in ROUTES for ph, _, _ in phases(k)]


@pytest.mark.parametrize("key,phase", CASES, ids=[f"{k} [{p}]" for k, p in CASES])
def test_foreign_ids_get_no_data(matrix, key, phase):
    res = matrix["results"].get((key, phase))
    assert res is not None, f"{key} was not sent (not in `weeekd routes`?)"
    leaked = [s for s in matrix["a"].secrets() if s.lower() in res["text"].lower()
              and s.lower() not in res["sent"].lower()]
    assert not leaked, f"{key} [{phase}] {res['status']} shows A's data {leaked}: {res['text']}"
    case = ROUTES[key]
    if 200 <= res["status"] < 300:
        why = case.ok if phase == "all" else IGNORED if phase == "undeclared" else case.own
        if ("{" in key and phase == "all") or phase.startswith("path:"):
            why = None  # A's object in the path: nothing may succeed
        assert why, (f"{key} [{phase}]: 2xx with A's ids ({res['sent']}): {res['status']} "
                     f"{res['text'][:500]}")
    else:
        assert res["status"] in (400, 404, 422), f"{key} [{phase}]: {res['status']} {res['text']}"
        # B's own path objects must still be there, or the phase tests nothing
        assert res["status"] != 404 or phase == "all" or phase.startswith("path:") or \
            "{" not in key, f"{key} [{phase}]: B's own object is gone: {res['text']}"
        assert res["ctype"] == "application/json", res
    if "ghost" in res:
        g, text = res["ghost"], res["text"]
        for kind, v in matrix["a"].ids.items():  # ids the message echoes (customFields.<id>)
            if isinstance(v, str):
                text = text.replace(v, str(matrix["ghost"][kind]))
        assert (res["status"], text) == (g["status"], g["text"]), (
            f"{key} [{phase}]: A's ids get another answer than ids that do not exist: "
            f"{res['status']} {res['text'][:300]} vs {g['status']} {g['text'][:300]}")


def test_the_matrix_changed_no_row_of_workspace_a(matrix):
    before, after = matrix["before"], matrix["after"]
    assert set(before) == set(after)
    changed = {t: {"gone": sorted(set(before[t]) - set(after[t]))[:5],
                   "new": sorted(set(after[t]) - set(before[t]))[:5]}
               for t in before if before[t] != after[t]}
    assert not changed, f"B's requests changed A's rows: {changed}"
    assert sum(map(len, before.values())) > 40  # the world is really there


def test_no_row_refers_to_a_row_of_another_workspace(matrix):
    bad, checks = cross_workspace_refs(matrix["db"])
    assert len(checks) >= 20, checks
    assert not bad, bad


def test_the_reference_checks_catch_a_row_pointing_across(matrix):
    """The invariant above can fail: point one of B's task tags and one of B's member
    values at A's rows straight in the store, check both are reported, put them back."""
    db, a, b = matrix["db"], matrix["a"], matrix["b"]
    where_tag = f"task_id = {b.ids['task']} AND tag_id = {b.ids['tag']}"
    where_value = f"ws_id = {b.ws_id} AND field_id = '{b.ids['cf_fmember']}'"
    (old_value,), = store_sql(db, f"SELECT value FROM custom_field_values WHERE {where_value}")
    store_sql(db, f"UPDATE task_tags SET tag_id = {a.ids['tag']} WHERE {where_tag}")
    store_sql(db, f"""UPDATE custom_field_values SET value = '["{a.ids["member"]}"]'
                      WHERE {where_value}""")
    try:
        bad, _ = cross_workspace_refs(db)
    finally:
        store_sql(db, f"UPDATE task_tags SET tag_id = {b.ids['tag']} "
                      f"WHERE task_id = {b.ids['task']} AND tag_id = {a.ids['tag']}")
        store_sql(db, f"UPDATE custom_field_values SET value = '{old_value}' WHERE {where_value}")
    assert any("task_tags.tag_id" in m for m in bad), bad
    assert any(a.ids["member"] in m for m in bad), bad
    assert not cross_workspace_refs(db)[0]

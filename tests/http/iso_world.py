"""A workspace filled with one object of every kind, for the isolation and mass-assignment
suites: every name, title and text it stores carries the workspace's marker, so a response
that shows any of it is recognisable. Also direct store access per workspace: a snapshot of
every row that belongs to it, and the cross-workspace reference check."""
import json
import re
import sqlite3
import subprocess
import uuid

from weeekd_http import Api, provision, store_sql, unique


V = "/public/v1"


def _ok(r, key="data"):
    assert r.status_code == 200, f"{r.request.method} {r.request.url}: {r.status_code} {r.text}"
    return r.json()[key]


class World:
    """A fresh workspace (weeekd init) with an owner, a second member and one of everything.
    ids maps a kind to the id of its object; secrets are strings only this workspace has."""

    def __init__(self, server, tag):
        self.mark = f"{tag}mark{uuid.uuid4().hex[:10]}"
        self.title = unique(f"iso-{tag}")
        self.email = f"{self.mark}-owner@{tag}.test"
        self.member_email = f"{self.mark}-member@{tag}.test"
        token = provision(server.db, self.title, self.email, name=f"{self.mark} Owner")
        provision(server.db, self.title, self.member_email, member=True)
        self.api = Api(server.base, token, name=self.title, email=self.email)
        self.db = server.db
        self.ws_id = int(store_sql(server.db, "SELECT id FROM workspaces WHERE title = "
                                              f"'{self.title}'")[0][0])
        self.ids = {}
        self._build()

    def close(self):
        self.api.close()

    def name(self, what):
        return f"{self.mark} {what}"

    def _build(self):
        api, ids, n = self.api, self.ids, self.name
        ids["me"] = _ok(api.get("/user/me"), "user")["id"]
        members = _ok(api.get("/ws/members"), "members")
        ids["member"] = next(m["id"] for m in members if m["email"] == self.member_email)
        ids["tag"] = api.create_tag(n("tag"))["id"]
        ids["portfolio"] = _ok(api.post("/tm/portfolios", json={"name": n("portfolio")}))["id"]
        ids["project"] = _ok(api.post("/tm/projects", json={
            "name": n("project"), "description": n("about")}), "project")["id"]
        ids["board"] = _ok(api.post("/tm/boards", json={
            "name": n("board"), "projectId": ids["project"]}), "board")["id"]
        ids["column"] = _ok(api.post("/tm/board-columns", json={
            "name": n("column"), "boardId": ids["board"]}), "boardColumn")["id"]
        # custom fields of every scope, each a select with an option
        scopes = {"tm": "/tm/custom-fields",
                  "project": f"/tm/projects/{ids['project']}/custom-fields",
                  "board": f"/tm/boards/{ids['board']}/custom-fields"}
        ids["funnel"] = _ok(api.post("/crm/funnels", json={"name": n("funnel")}), "funnel")["id"]
        scopes["funnel"] = f"/crm/funnels/{ids['funnel']}/custom-fields"
        for scope, base in scopes.items():
            fid = _ok(api.post(base, json={"name": n(f"{scope} field"), "type": "select"}),
                      "customField")["id"]
            ids[f"cf_{scope}"] = fid
            ids[f"opt_{scope}"] = _ok(api.post(f"{base}/{fid}/options", json={
                "name": n(f"{scope} option"), "color": "red"}), "option")["id"]
        ids["cf_text"] = _ok(api.post("/tm/custom-fields", json={
            "name": n("text field"), "type": "text"}), "customField")["id"]
        # fields whose values name members and contacts, for tasks and for deals
        for key, base, typ in (("cf_member", "/tm/custom-fields", "member"),
                               ("cf_contact", "/tm/custom-fields", "contact"),
                               ("cf_fmember", scopes["funnel"], "member"),
                               ("cf_fcontact", scopes["funnel"], "contact")):
            ids[key] = _ok(api.post(base, json={"name": n(key), "type": typ}),
                           "customField")["id"]
        # tasks: one in the column with people, a tag, values, a subtask, time and a file
        ids["task"] = _ok(api.post("/tm/tasks", json={
            "title": n("task"), "description": n("task text"), "boardColumnId": ids["column"],
            "assignees": [ids["me"]], "tags": [ids["tag"]],
            "customFields": {ids["cf_tm"]: ids["opt_tm"], ids["cf_text"]: n("value")}}),
            "task")["id"]
        ids["subtask"] = _ok(api.post("/tm/tasks", json={
            "title": n("subtask"), "parentId": ids["task"]}), "task")["id"]
        assert api.post(f"/tm/tasks/{ids['task']}/watchers",
                        json={"watchers": [ids["member"]]}).status_code == 200
        ids["time_entry"] = _ok(api.post(f"/tm/tasks/{ids['task']}/time-entries", json={
            "userId": ids["me"], "isOvertime": 0, "date": "2026-03-01", "duration": 30}))["id"]
        ids["comment"] = _ok(api.post(f"/tm/tasks/{ids['task']}/comments", json={
            "markdown": n("comment")}), "comment")["id"]
        assert api.post(f"/tm/tasks/{ids['subtask']}/start-timer").status_code == 200
        ids["attachment"] = _ok(api.post(f"/tm/tasks/{ids['task']}/attachments", files=[
            ("files[]", (f"{self.mark}.txt", n("file").encode()))]))["id"]
        # CRM
        ids["contact"] = _ok(api.post("/crm/contacts", json={
            "firstName": n("contact"), "lastName": self.mark,
            "emails": [f"{self.mark}@contact.test"], "phones": ["+100"],
            "tags": [ids["tag"]]}), "contact")["id"]
        ids["org"] = _ok(api.post("/crm/organizations", json={
            "name": n("org"), "addresses": [n("street")], "emails": [f"{self.mark}@org.test"],
            "phones": ["+200"], "responsibles": [ids["me"]]}), "organization")["id"]
        assert api.put(f"/tm/tasks/{ids['task']}", json={"customFields": {
            ids["cf_member"]: [ids["member"]], ids["cf_contact"]: ids["contact"]}}
        ).status_code == 200
        org = f"/crm/organizations/{ids['org']}"
        ids["org_address"] = _ok(api.post(f"{org}/addresses", json={
            "address": n("address")}), "address")["id"]
        ids["org_email"] = _ok(api.post(f"{org}/emails", json={
            "email": f"{self.mark}@org2.test"}), "email")["id"]
        ids["org_phone"] = _ok(api.post(f"{org}/phones", json={"phone": "+201"}), "phone")["id"]
        assert api.post(f"{org}/contacts", json={"contactId": ids["contact"]}).status_code == 200
        assert api.post(f"{org}/tags", json={"tagId": ids["tag"]}).status_code == 200
        con = f"/crm/contacts/{ids['contact']}"
        ids["contact_email"] = _ok(api.post(f"{con}/emails", json={
            "email": f"{self.mark}@contact2.test"}), "email")["id"]
        ids["contact_phone"] = _ok(api.post(f"{con}/phones", json={"phone": "+101"}),
                                   "phone")["id"]
        ids["status"] = _ok(api.post(f"/crm/funnels/{ids['funnel']}/statuses", json={
            "name": n("status")}), "status")["id"]
        ids["deal"] = _ok(api.post(f"/crm/statuses/{ids['status']}/deals", json={
            "title": n("deal"), "description": n("deal text"), "amount": 7,
            "assignees": [ids["me"]], "tags": [ids["tag"]], "contacts": [ids["contact"]],
            "organizations": [ids["org"]],
            "customFields": {ids["cf_funnel"]: ids["opt_funnel"],
                             ids["cf_fmember"]: [ids["member"]],
                             ids["cf_fcontact"]: ids["contact"]}}), "deal")["id"]
        ids["deal_task"] = _ok(api.post(f"/crm/deals/{ids['deal']}/tasks", json={
            "title": n("deal task")}), "task")["id"]
        ids["deal_attachment"] = _ok(api.post(f"/crm/deals/{ids['deal']}/attachments", files=[
            ("files[]", (f"{self.mark}-deal.txt", n("deal file").encode()))]))["id"]

    def add_spares(self):
        """Second objects to move things to (mass-assignment routes): project2 with board2
        and its column2, funnel2 with status2, a second status of the funnel, and spare
        tag, contact and organization."""
        api, ids, n = self.api, self.ids, self.name
        ids["project2"] = _ok(api.post("/tm/projects", json={"name": n("project2")}),
                              "project")["id"]
        ids["board2"] = _ok(api.post("/tm/boards", json={
            "name": n("board2"), "projectId": ids["project2"]}), "board")["id"]
        ids["column2"] = _ok(api.get("/tm/board-columns", params={"boardId": ids["board2"]}),
                             "boardColumns")[0]["id"]
        ids["funnel2"] = _ok(api.post("/crm/funnels", json={"name": n("funnel2")}),
                             "funnel")["id"]
        ids["status2"] = _ok(api.post(f"/crm/funnels/{ids['funnel2']}/statuses", json={
            "name": n("status2")}), "status")["id"]
        ids["tag2"] = api.create_tag(n("tag2"))["id"]
        ids["contact2"] = _ok(api.post("/crm/contacts", json={"firstName": n("contact2")}),
                              "contact")["id"]
        ids["org2"] = _ok(api.post("/crm/organizations", json={"name": n("org2")}),
                          "organization")["id"]
        return self

    def secrets(self):
        """Strings that only this workspace's data contains: the marker, the member emails
        and every string id (integers are too short to search for)."""
        out = {self.mark, self.email, self.member_email}
        out |= {v for v in self.ids.values() if isinstance(v, str)}
        return out


# ---- the store, per workspace -----------------------------------------------------------------

def _pg_rows(url, sql):
    r = subprocess.run(["psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", url, "-c", sql],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, f"psql failed on {sql!r}: {r.stderr.strip()}"
    return [line for line in r.stdout.splitlines() if line]


def tables(url):
    """{table: [columns]} of the store's own tables."""
    if url.startswith("sqlite:"):
        con = sqlite3.connect(url[len("sqlite:"):], timeout=10)
        try:
            names = [r[0] for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%'")]
            return {t: [c[1] for c in con.execute(f'PRAGMA table_info("{t}")')] for t in names}
        finally:
            con.close()
    out = {}
    for line in _pg_rows(url, "SELECT table_name, column_name FROM information_schema.columns "
                              "WHERE table_schema = current_schema() "
                              "ORDER BY table_name, ordinal_position"):
        t, c = line.split("|")
        out.setdefault(t, []).append(c)
    return out


def foreign_keys(url):
    """[(table, [columns], referenced table, [referenced columns])] declared in the schema."""
    if url.startswith("sqlite:"):
        con = sqlite3.connect(url[len("sqlite:"):], timeout=10)
        try:
            out = []
            for t in tables(url):
                fks = {}
                for row in con.execute(f'PRAGMA foreign_key_list("{t}")'):
                    fid, _, ref, frm, to = row[:5]
                    fks.setdefault(fid, (ref, [], []))
                    fks[fid][1].append(frm)
                    fks[fid][2].append(to)
                out += [(t, cols, ref, tos) for ref, cols, tos in fks.values()]
            return out
        finally:
            con.close()
    sql = ("SELECT c.conrelid::regclass::text, c.confrelid::regclass::text, "
           "(SELECT string_agg(a.attname, ',' ORDER BY k.o) FROM unnest(c.conkey) "
           " WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.conrelid "
           " AND a.attnum = k.n), "
           "(SELECT string_agg(a.attname, ',' ORDER BY k.o) FROM unnest(c.confkey) "
           " WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.confrelid "
           " AND a.attnum = k.n) "
           "FROM pg_constraint c WHERE c.contype = 'f' "
           "AND c.connamespace = current_schema()::regnamespace")
    out = []
    for line in _pg_rows(url, sql):
        t, ref, cols, tos = line.split("|")
        out.append((t.strip('"'), cols.split(","), ref.strip('"'), tos.split(",")))
    return out


def snapshot(url, ws_id):
    """Every row of the workspace, table by table, as sorted JSON texts."""
    out = {}
    for t, cols in sorted(tables(url).items()):
        if t == "workspaces":
            where = f"id = {ws_id}"
        elif "ws_id" in cols:
            where = f"ws_id = {ws_id}"
        else:
            continue  # bookkeeping without workspace (schema version)
        if url.startswith("sqlite:"):
            con = sqlite3.connect(url[len("sqlite:"):], timeout=10)
            try:
                rows = [json.dumps([v.hex() if isinstance(v, bytes) else v for v in row])
                        for row in con.execute(f'SELECT * FROM "{t}" WHERE {where}')]
            finally:
                con.close()
        else:
            rows = _pg_rows(url, f'SELECT row_to_json(x)::text FROM "{t}" x WHERE {where}')
        out[t] = sorted(rows)
    return out


# id columns that refer to another row without a declared foreign key: the row they name
# must exist in the same workspace (members and funnels are keyed by (ws_id, id))
UNDECLARED_REFS = {"author_id": ("members", "id"), "creator_id": ("members", "id"),
                   "member_id": ("members", "id"), "funnel_id": ("funnels", "id")}


def cross_workspace_refs(url):
    """Descriptions of rows whose reference column names a row of another workspace (or of
    no workspace): one query per declared single-column foreign key between workspace
    tables, plus the undeclared id columns above."""
    cols = tables(url)
    checks = []
    covered = set()
    for t, frm, ref, to in foreign_keys(url):
        if "ws_id" in frm:
            covered |= {(t, c) for c in frm}  # the composite key pins the workspace itself
            continue
        if ref == "workspaces" or "ws_id" not in cols[t] or "ws_id" not in cols[ref]:
            continue
        (c,), (rc,) = frm, to
        covered.add((t, c))
        checks.append((t, c, ref, rc))
    for t, tcols in cols.items():
        for c, (ref, rc) in UNDECLARED_REFS.items():
            if c in tcols and "ws_id" in tcols and (t, c) not in covered and t != ref:
                checks.append((t, c, ref, rc))
    bad = []
    for t, c, ref, rc in checks:
        sql = (f'SELECT count(*) FROM "{t}" x WHERE x."{c}" IS NOT NULL AND NOT EXISTS '
               f'(SELECT 1 FROM "{ref}" y WHERE y."{rc}" = x."{c}" AND y.ws_id = x.ws_id)')
        n = int(store_sql(url, sql)[0][0])
        if n:
            bad.append(f"{n} row(s) of {t}.{c} name a {ref} row of another workspace")
    bad += foreign_values(url)
    return bad, checks


# custom-field value types whose stored JSON names rows: the table those rows live in
VALUE_REFS = {"select": "custom_field_options", "multiselect": "custom_field_options",
              "member": "members", "approval": "members", "contact": "contacts"}


def foreign_values(url):
    """Custom-field values (JSON text, no foreign key) that name an option, member or
    contact which is not a row of the value's own workspace."""
    known = {}
    for table in set(VALUE_REFS.values()):
        known[table] = {(str(w), i) for w, i in store_sql(url, f'SELECT ws_id, id FROM "{table}"')}
    rows = store_sql(url, "SELECT v.ws_id, f.type, v.value FROM custom_field_values v "
                          "JOIN custom_fields f ON f.ws_id = v.ws_id AND f.id = v.field_id")
    bad = []
    for ws, typ, value in rows:
        if typ not in VALUE_REFS:
            continue
        ids = json.loads(value)
        if typ == "multiselect" and not isinstance(ids, list):
            # a stored shape the server leaves alone and never reads as ids
            # (test_custom_field_options plants one): it names no row at all
            continue
        for i in ids if isinstance(ids, list) else [ids]:
            if (str(ws), str(i)) not in known[VALUE_REFS[typ]]:
                bad.append(f"a {typ} value of workspace {ws} names {i}, not a row of it")
    return bad


# ---- routes: placeholders and references ------------------------------------------------------

# placeholder -> kind, by the collection segment before it (and the path's first owner)
SEGMENT_KIND = {"tags": "tag", "portfolios": "portfolio", "projects": "project",
                "boards": "board", "board-columns": "column", "time-entries": "time_entry",
                "comments": "comment",
                "attachments": "attachment", "organizations": "org", "addresses": "org_address",
                "contacts": "contact", "funnels": "funnel", "statuses": "status", "deals": "deal"}
CF_SCOPE = {"projects": "project", "boards": "board", "funnels": "funnel",
            "custom-fields": "tm"}


def placeholder_kinds(path):
    """The World.ids kind of each placeholder of a route path, left to right."""
    segs = path[len(V) + 1:].split("/")
    kinds = []
    for i, seg in enumerate(segs):
        if not seg.startswith("{"):
            continue
        prev = segs[i - 1]
        if prev == "custom-fields":
            kinds.append(f"cf_{CF_SCOPE[segs[1]]}")
        elif prev == "options":
            kinds.append(f"opt_{CF_SCOPE[segs[1]]}")
        elif prev == "tasks":
            kinds.append("deal_task" if segs[0] == "crm" else "task")
        elif prev in ("emails", "phones"):
            kinds.append(f"{'org' if segs[1] == 'organizations' else 'contact'}_{prev[:-1]}")
        else:
            kinds.append(SEGMENT_KIND[prev])
    return kinds


def resolve(x, ids, own=None):
    """Replace '@kind' by ids[kind] (A's) and '!kind' by own[kind] (B's), also inside
    strings such as 'customFields[@cf][id]' and in dict keys."""
    if isinstance(x, str) and x[:1] in "@!" and x[1:] in ids:
        return (ids if x[0] == "@" else own)[x[1:]]
    if isinstance(x, str) and "[@" in x:
        return re.sub(r"@(\w+)", lambda m: str(ids[m.group(1)]), x)
    if isinstance(x, list):
        return [resolve(v, ids, own) for v in x]
    if isinstance(x, dict):
        return {resolve(k, ids, own): resolve(v, ids, own) for k, v in x.items()}
    return x


def concrete(path, ids):
    """The route path relative to /public/v1 with its placeholders filled from ids."""
    it = iter(str(ids[k]) for k in placeholder_kinds(path))
    return re.sub(r"\{[^}]*\}", lambda m: next(it), path)[len(V):]


def has_ref(x):
    if isinstance(x, str):
        return x.startswith("@") or "[@" in x
    if isinstance(x, (list, tuple)):
        return any(map(has_ref, x))
    if isinstance(x, dict):
        return any(map(has_ref, x)) or any(map(has_ref, x.values()))
    return False




def ghost_ids(ids):
    """Ids of the same shapes as ids that name no object at all: integers far above any
    in the store, fresh UUIDs, random slugs of the same length."""
    out = {}
    for k, v in ids.items():
        if isinstance(v, int):
            out[k] = 2_000_000_000 + len(out)
        elif re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", v):
            out[k] = str(uuid.uuid4())
        else:
            out[k] = (uuid.uuid4().hex + uuid.uuid4().hex)[:len(v)]
    return out

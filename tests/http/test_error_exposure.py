"""Error answers never expose internals (issue 8): malformed and mistyped input, numbers
out of range, broken UTF-8 and NUL bytes, duplicates that would hit a unique key, references
to rows that just went away (a foreign-key violation if unchecked), unknown routes, wrong
methods, bad tokens and oversized bodies all get a 4xx with a JSON body that names no
database, SQL, path, source file or address (weeekd_http.assert_no_internals, which the Api
client also applies to every error answer of the suite). Input that merely looks like SQL is
data: it gets a 2xx or a 4xx, never a 5xx."""
import json

import pytest

from weeekd_http import (MAX_BODY, Api, Server, Store, assert_no_internals, provision,
                         raw_request, store_sql)

JSON = {"Content-Type": "application/json"}


def _ok(r, key):
    assert r.status_code == 200, r.text
    return r.json()[key]


def raw(api, method, path, data, ctype="application/json"):
    return api.request(method, path, data=data, headers={"Content-Type": ctype},
                       check_ct=False)


def project(api):
    return _ok(api.post("/tm/projects", json={"name": "p"}), "project")["id"]


def task(api, **body):
    return _ok(api.post("/tm/tasks", json={"title": "t", **body}), "task")["id"]


def me(api):
    return _ok(api.get("/user/me"), "user")["id"]


def gone(api, create, path):
    """The id of an object that existed and was deleted again."""
    oid = create(api)
    assert api.delete(path.format(oid)).status_code in (200, 204)
    return oid


def status_of_new_funnel(api):
    fid = _ok(api.post("/crm/funnels", json={"name": "f"}), "funnel")["id"]
    return _ok(api.post(f"/crm/funnels/{fid}/statuses", json={"name": "s"}), "status")["id"]


def deal(api):
    sid = status_of_new_funnel(api)
    return _ok(api.post(f"/crm/statuses/{sid}/deals", json={"title": "d"}), "deal")["id"]


def tag(api):
    return api.create_tag("t")["id"]


def contact(api):
    return _ok(api.post("/crm/contacts", json={"firstName": "c"}), "contact")["id"]


def org(api):
    return _ok(api.post("/crm/organizations", json={"name": "o"}), "organization")["id"]


def twice(api, path, body):
    """The same attach request twice; the second answer (a duplicate row if unchecked)."""
    first = api.post(path, json=body)
    assert first.status_code < 500, first.text
    return api.post(path, json=body)


# name -> request; each must answer < 500 with no internals (4xx unless it is in MAY_SUCCEED)
PROVOKE = {
    # malformed bodies
    "json-truncated": lambda a: raw(a, "POST", "/ws/tags", b'{"title": '),
    "json-trailing-garbage": lambda a: raw(a, "POST", "/ws/tags", b'{"title":"x"} xx'),
    "json-deep-nesting": lambda a: raw(a, "POST", "/tm/tasks", b"[" * 100000),
    "json-nan": lambda a: raw(a, "POST", "/tm/tasks", b'{"title":"x","priority":NaN}'),
    "json-duplicate-keys": lambda a: raw(a, "POST", "/tm/tasks",
                                         b'{"title":"x","title":{"a":1}}'),
    "form-garbage": lambda a: raw(a, "POST", "/ws/tags", b"%%%=&&==%zz",
                                  "application/x-www-form-urlencoded"),
    "multipart-no-boundary": lambda a: raw(a, "POST", f"/tm/tasks/{task(a)}/attachments",
                                           b"--x\r\n\r\n", "multipart/form-data"),
    "multipart-truncated": lambda a: raw(
        a, "POST", f"/tm/tasks/{task(a)}/attachments",
        b'--b\r\nContent-Disposition: form-data; name="files[]"; filename="a"\r\n\r\nabc',
        "multipart/form-data; boundary=b"),
    # wrong types
    "title-array": lambda a: a.post("/ws/tags", json={"title": ["x"]}),
    "title-object": lambda a: a.post("/tm/tasks", json={"title": {"a": 1}}),
    "priority-string": lambda a: a.post("/tm/tasks", json={"title": "x", "priority": "high"}),
    "project-id-string": lambda a: a.post("/tm/boards", json={"name": "b", "projectId": "abc"}),
    "assignees-not-array": lambda a: a.post("/tm/tasks", json={"title": "x", "assignees": 5}),
    "custom-fields-array": lambda a: a.post("/tm/tasks", json={"title": "x",
                                                              "customFields": [1, 2]}),
    "body-is-array-of-objects": lambda a: a.post("/crm/funnels", json=[{"name": "x"}]),
    # numbers out of range
    "id-huge-path": lambda a: a.get("/tm/tasks/99999999999999999999999999"),
    "id-int64-min-1": lambda a: a.get("/tm/projects/-9223372036854775809"),
    "id-huge-body": lambda a: a.post("/tm/boards", json={"name": "b",
                                                         "projectId": 99999999999999999999}),
    "id-float-body": lambda a: raw(a, "POST", "/tm/boards", b'{"name":"b","projectId":1e400}'),
    "priority-1e308": lambda a: a.post("/tm/tasks", json={"title": "x", "priority": 1e308}),
    "duration-2^63": lambda a: a.post(f"/tm/tasks/{task(a)}/time-entries", json={
        "userId": me(a), "date": "2026-01-01", "duration": 2 ** 63}),
    "amount-overflow": lambda a: raw(a, "POST", f"/crm/statuses/{status_of_new_funnel(a)}/deals",
                                     b'{"title":"d","amount":1e999}'),
    "limit-negative": lambda a: a.get("/crm/contacts", params={"limit": -1}),
    "offset-huge": lambda a: a.get("/tm/tasks", params={"offset": "1" + "0" * 30}),
    "per-page-text": lambda a: a.get("/tm/tasks", params={"perPage": "abc"}),
    "date-nonsense": lambda a: a.post("/tm/tasks", json={"title": "x",
                                                         "dueDate": "2026-13-45"}),
    # encodings
    "utf8-invalid-body": lambda a: raw(a, "POST", "/ws/tags", b'{"title":"\xff\xfe"}'),
    "utf8-invalid-path": lambda a: a.get("/tm/tasks/%FF%FE"),
    "utf8-invalid-query": lambda a: a.get("/tm/tasks", params={"search": b"\xff\xfe"}),
    "utf8-overlong": lambda a: raw(a, "POST", "/ws/tags", b'{"title":"\xc0\xaf"}'),
    "nul-in-title": lambda a: a.post("/ws/tags", json={"title": "a\u0000b"}),
    "nul-in-task": lambda a: a.post("/tm/tasks", json={"title": "x\u0000", "description": "\0"}),
    "nul-in-search": lambda a: a.get("/crm/contacts", params={"search": "a\0b"}),
    "nul-in-path": lambda a: a.get("/ws/tags/1%00"),
    "lone-surrogate": lambda a: raw(a, "POST", "/ws/tags", b'{"title":"\\ud800"}'),
    # duplicates a unique key would reject
    "assignees-twice-in-one": lambda a: a.post("/tm/tasks", json={"title": "x",
                                                                  "assignees": [me(a), me(a)]}),
    "tags-twice-in-one": lambda a: (lambda t: a.post("/tm/tasks", json={
        "title": "x", "tags": [t, t]}))(tag(a)),
    "locations-same-project": lambda a: (lambda p: a.post("/tm/tasks", json={
        "title": "x", "locations": [{"projectId": p}, {"projectId": p}]}))(project(a)),
    "watchers-twice": lambda a: a.post(f"/tm/tasks/{task(a)}/watchers",
                                       json={"watchers": [me(a), me(a)]}),
    "contact-tag-twice": lambda a: twice(a, f"/crm/contacts/{contact(a)}/tags",
                                         {"tagId": tag(a)}),
    "org-contact-twice": lambda a: twice(a, f"/crm/organizations/{org(a)}/contacts",
                                         {"contactId": contact(a)}),
    "deal-tag-twice": lambda a: twice(a, f"/crm/deals/{deal(a)}/tags", {"tag": tag(a)}),
    "deal-contacts-twice-in-one": lambda a: (lambda c: a.post(
        f"/crm/statuses/{status_of_new_funnel(a)}/deals",
        json={"title": "d", "contacts": [c, c]}))(contact(a)),
    # references to rows that are gone (a foreign-key violation if not checked first)
    "board-in-deleted-project": lambda a: a.post("/tm/boards", json={
        "name": "b", "projectId": gone(a, project, "/tm/projects/{}")}),
    "subtask-of-deleted-task": lambda a: a.post("/tm/tasks", json={
        "title": "x", "parentId": gone(a, task, "/tm/tasks/{}")}),
    "tag-deleted": lambda a: a.post(f"/crm/contacts/{contact(a)}/tags", json={
        "tagId": gone(a, tag, "/ws/tags/{}")}),
    "deal-in-deleted-status": lambda a: a.post(
        f"/crm/statuses/{gone(a, status_of_new_funnel, '/crm/statuses/{}')}/deals",
        json={"title": "d"}),
    "deal-contact-deleted": lambda a: a.post(f"/crm/deals/{deal(a)}/contacts", json={
        "contactId": gone(a, contact, "/crm/contacts/{}")}),
    "org-of-deleted-org": lambda a: a.post(
        f"/crm/organizations/{gone(a, org, '/crm/organizations/{}')}/emails",
        json={"email": "x@y.z"}),
    "deal-task-of-deleted-deal": lambda a: a.post(
        f"/crm/deals/{gone(a, deal, '/crm/deals/{}')}/tasks", json={"title": "t"}),
    # routes and methods
    "unknown-route": lambda a: a.get("/no/such/route"),
    "unknown-root-route": lambda a: a.get("//nope"),
    "dot-dot-path": lambda a: a.get("/tm/../../../../etc/passwd"),
    "long-path": lambda a: a.get("/tm/tasks/" + "9" * 4000),
    "bad-method-tags": lambda a: a.request("PATCH", "/ws/tags"),
    "bad-method-ws": lambda a: a.delete("/ws"),
    "bad-method-me": lambda a: a.put("/user/me", json={}),
    "odd-method": lambda a: a.request("PROPFIND", "/ws/tags"),
    # input that looks like SQL
    "sql-in-search": lambda a: a.get("/tm/tasks", params={"search": "' OR 1=1 --"}),
    "sql-in-sort": lambda a: a.get("/tm/tasks", params={"sortBy": "id; DROP TABLE tasks"}),
    "sql-in-slug": lambda a: a.get("/crm/funnels/'%20OR%20'1'='1"),
    "sql-in-uuid": lambda a: a.get("/crm/contacts/x'--"),
    # size
    "body-over-cap": lambda a: raw(a, "POST", "/ws/tags",
                                   b'{"title":"' + b"x" * (MAX_BODY + 10) + b'"}'),
    "title-megabyte": lambda a: a.post("/ws/tags", json={"title": "x" * (MAX_BODY - 100)}),
}
# data that is merely odd: a 2xx is a correct answer
MAY_SUCCEED = {"json-duplicate-keys", "form-garbage", "sql-in-search", "sql-in-sort",
               "json-nan", "limit-negative", "offset-huge", "per-page-text",
               "utf8-invalid-query", "nul-in-search", "lone-surrogate",
               "assignees-twice-in-one", "tags-twice-in-one", "locations-same-project",
               "watchers-twice", "contact-tag-twice", "org-contact-twice", "deal-tag-twice",
               "deal-contacts-twice-in-one", "duration-2^63", "priority-1e308",
               "nul-in-title", "nul-in-task",
               "custom-fields-array"}  # tm-notes 2.7: the array form is taken and ignored


@pytest.mark.parametrize("name", sorted(PROVOKE))
def test_error_answers_show_no_internals(fresh_ws, name):
    r = PROVOKE[name](fresh_ws)
    assert r.status_code < 500, f"{name}: {r.status_code} {r.text[:500]}"
    assert_no_internals(r)
    if name not in MAY_SUCCEED:
        assert 400 <= r.status_code < 500, f"{name}: {r.status_code} {r.text[:300]}"
        assert r.headers.get("Content-Type") == "application/json", r.headers


BAD_TOKENS = ["garbage", "' OR 1=1 --", "a" * 5000, "\u00e9t\u00e9", "x\tY", ""]


@pytest.mark.parametrize("token", BAD_TOKENS, ids=range(len(BAD_TOKENS)))
def test_bad_tokens_get_401_with_no_internals(server, token):
    c = Api(server.base, None)
    try:
        value = f"Bearer {token}".encode("utf-8")
        r = c.request("GET", "/ws/tags", headers={"Authorization": value}, check_ct=False)
        assert r.status_code == 401, r.text
        assert_no_internals(r)
        r = c.request("GET", "/ws/tags", headers={"Authorization": token.encode("utf-8")},
                      check_ct=False)
        assert r.status_code == 401, r.text
    finally:
        c.close()


TOO_BIG = {"success": False,
           "message": f"The request body is larger than the limit of {MAX_BODY} bytes."}


@pytest.mark.parametrize("auth", [False, True], ids=["anonymous", "authenticated"])
def test_body_announced_over_the_cap_is_413_with_json(server, auth):
    """README: "larger bodies get 413 before they are read" -- also before the token is
    looked at, so an anonymous client learns nothing else."""
    token = f"Authorization: Bearer {server.tokens['A']}\r\n" if auth else ""
    head = (f"POST /public/v1/ws/tags HTTP/1.1\r\nHost: x\r\n{token}"
            f"Content-Type: application/json\r\n"
            f"Content-Length: {MAX_BODY * 4}\r\nConnection: close\r\n\r\n").encode()
    status, headers, body = raw_request(server.port, head, method="POST")
    assert status == 413, (status, body)
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body) == TOO_BIG


@pytest.mark.parametrize("auth", [False, True], ids=["anonymous", "authenticated"])
def test_chunked_body_over_the_cap_is_413_with_json(server, auth):
    """A chunked body has no length to refuse up front: it is counted as it arrives and the
    413 goes out when it ends (README, limits)."""
    token = f"Authorization: Bearer {server.tokens['A']}\r\n" if auth else ""
    chunk = b"%x\r\n%s\r\n" % (MAX_BODY // 4, b" " * (MAX_BODY // 4))
    data = (f"POST /public/v1/ws/tags HTTP/1.1\r\nHost: x\r\n{token}"
            f"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
            f"Connection: close\r\n\r\n").encode() + chunk * 5 + b"0\r\n\r\n"
    status, headers, body = raw_request(server.port, data, method="POST")
    assert status == 413, (status, body)
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body) == TOO_BIG


def test_the_internals_check_itself_catches_a_leak():
    """assert_no_internals must be able to fail: a fake answer with SQL in it."""
    import requests
    r = requests.Response()
    r.status_code = 500
    r._content = b'{"message":"SQLITE_CONSTRAINT: UNIQUE constraint failed: tags.id"}'
    r.request = requests.Request("POST", "http://127.0.0.1/x", json={}).prepare()
    with pytest.raises(AssertionError):
        assert_no_internals(r)
    r._content = b"<html>oops</html>"
    with pytest.raises(AssertionError):
        assert_no_internals(r)
    r._content = b'{"message":"The selected project id is invalid."}'
    assert_no_internals(r)


@pytest.fixture
def broken_store(backend, tmp_path):
    """A server of its own whose store lost its tags table after start (renamed away): every
    tag query fails inside the database driver."""
    store = Store(backend, tmp_path)
    srv = None
    try:
        token = provision(store.url, "broken", "owner@broken.test")
        srv = Server(store.url, tmp_path / "server.log").wait_ready()
        c = Api(srv.base, token)
        assert c.get("/ws/tags").status_code == 200  # statements prepared while it worked
        store_sql(store.url, "ALTER TABLE tags RENAME TO tags_gone")
        yield c, srv
        c.close()
        assert srv.stop() == 0
    finally:
        if srv is not None:
            srv.kill()
        store.drop()


@pytest.mark.parametrize("method,path,body", [
    ("GET", "/ws/tags", None), ("POST", "/ws/tags", {"title": "t"}),
    ("GET", "/ws/tags/1", None), ("PUT", "/ws/tags/1", {"title": "t"}),
    ("POST", "/tm/tasks", {"title": "t", "tags": [1]}),
], ids=lambda x: str(x) if not isinstance(x, dict) else "body")
def test_a_failing_database_answers_500_without_internals(broken_store, method, path, body):
    c, srv = broken_store
    r = c.request(method, path, json=body)  # Api checks JSON and INTERNALS on >= 400
    assert r.status_code == 500, r.text
    assert set(r.json()) <= {"success", "message", "code", "errors"}, r.text
    assert c.get("/user/me").status_code == 200  # and it keeps serving

"""A task's comments (issue 19, tm-notes §7): GET /tm/tasks/{taskId}/comments (newest
first, limit 1..100 default 50, offset >= 0, hasMore), POST (markdown required and kept
byte for byte, parentId a comment of the same task), DELETE …/{commentId} (204, no body,
replies move to the top level). The two JSON answers carry no `success` key. A missing,
foreign or (for writes) deleted task is 404; another task's or workspace's comment is 404
or "invalid" (src/api/tm/tm_task_comments.c)."""
import pytest

from tasks_kit import assert_no_content
from weeekd_http import (BAD_IDS, REQUIRED, TIME_RE, assert_404, assert_422, me, store_sql,
                         validate_success)

LIST = "/tm/tasks/{taskId}/comments"
ONE = "/tm/tasks/{taskId}/comments/{commentId}"
PARENT_INVALID = "The selected parent id is invalid."
LIMIT_RANGE = "The limit must be between 1 and 100."
OFFSET_RANGE = "The offset must be between 0 and 2147483647."


def new_task(api, title="commented task"):
    r = api.post("/tm/tasks", json={"title": title})
    assert r.status_code == 200, r.text
    return r.json()["task"]["id"]


def add(api, tid, markdown="hello", **extra):
    r = api.post(f"/tm/tasks/{tid}/comments", json={"markdown": markdown, **extra})
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"comment"}, body
    validate_success("POST", LIST, body)
    return body["comment"]


def page(api, tid, **params):
    r = api.get(f"/tm/tasks/{tid}/comments", params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"comments", "hasMore"}, body
    validate_success("GET", LIST, body)
    return body


def remove(api, tid, cid):
    """DELETE a comment: 204 with no body (a 204 carries no Content-Type)."""
    r = api.delete(f"/tm/tasks/{tid}/comments/{cid}", check_ct=False)
    assert_no_content(r)
    return r


def ids(api, tid, **params):
    return [c["id"] for c in page(api, tid, **params)["comments"]]


def test_create_answers_the_comment_without_success_key(api):
    tid = new_task(api)
    c = add(api, tid, "**bold** text")
    assert set(c) == {"id", "parentId", "authorId", "markdown", "createdAt", "updatedAt"}
    assert c["parentId"] is None
    assert c["authorId"] == me(api)
    assert c["markdown"] == "**bold** text"
    assert TIME_RE.match(c["createdAt"]) and c["updatedAt"] == c["createdAt"]


def test_author_is_the_tokens_member(api, api_member):
    tid = new_task(api)
    c = add(api_member, tid, "from a member")
    assert c["authorId"] == me(api_member) != me(api)


def test_markdown_is_kept_byte_for_byte(api):
    tid = new_task(api)
    text = "  # Title\n\n- item *one*\n\t```\ncode <b>&amp;</b>\n```\n  Ünïcødé ✓ \r\n"
    c = add(api, tid, text)
    assert c["markdown"] == text
    assert page(api, tid)["comments"][0]["markdown"] == text


@pytest.mark.parametrize("body", [{}, {"markdown": None}, {"markdown": ""},
                                  {"markdown": "  \n\t "}], ids=["absent", "null", "empty",
                                                                  "blank"])
def test_markdown_is_required(api, body):
    tid = new_task(api)
    r = api.post(f"/tm/tasks/{tid}/comments", json=body)
    assert_422(r, {"markdown": [REQUIRED]})
    assert ids(api, tid) == []


@pytest.mark.parametrize("value", [5, True, ["a"], {"a": 1}])
def test_markdown_must_be_a_string(api, value):
    tid = new_task(api)
    r = api.post(f"/tm/tasks/{tid}/comments", json={"markdown": value})
    assert_422(r, {"markdown": ["The markdown must be a string."]})


def test_markdown_length_is_bounded(api):
    tid = new_task(api)
    add(api, tid, "x" * 65535)
    r = api.post(f"/tm/tasks/{tid}/comments", json={"markdown": "x" * 65536})
    assert_422(r, {"markdown": ["The markdown must not be greater than 65535 characters."]})
    # and as many bytes as a JSON string (issue 13 item 9): é is 2, a quote escaped is 2
    add(api, tid, "é" * 32767)
    for text in ("é" * 32768, '"' * 32768):
        r = api.post(f"/tm/tasks/{tid}/comments", json={"markdown": text})
        assert_422(r, {"markdown": ["The markdown must not be greater than 65535 bytes."]})


def test_markdown_with_a_nul_character_is_refused(api):
    tid = new_task(api)
    r = api.post(f"/tm/tasks/{tid}/comments", json={"markdown": "a\u0000b"})
    assert r.status_code == 400, r.text  # the JSON decoder refuses \u0000 already
    r = api.post(f"/tm/tasks/{tid}/comments", data=b"markdown=a%00b",
                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert_422(r, {"markdown": ["The markdown must be a valid UTF-8 string."]})
    assert ids(api, tid) == []


def test_attachments_in_the_body_are_a_validation_error(api):
    tid = new_task(api)
    r = api.post(f"/tm/tasks/{tid}/comments",
                 json={"markdown": "x", "attachments": [{"id": "a"}]})
    assert_422(r, {"attachments": ["The attachments field is prohibited."]})
    assert ids(api, tid) == []


def test_unknown_fields_are_ignored(api):
    tid = new_task(api)
    c = add(api, tid, "x", id=999, authorId="someone", createdAt="2000-01-01T00:00:00Z")
    assert c["id"] != 999 and c["authorId"] == me(api)
    assert c["createdAt"] != "2000-01-01T00:00:00Z"


def test_reply_names_its_parent(api):
    tid = new_task(api)
    top = add(api, tid, "top")
    reply = add(api, tid, "reply", parentId=top["id"])
    assert reply["parentId"] == top["id"]
    assert add(api, tid, "string id", parentId=str(top["id"]))["parentId"] == top["id"]
    assert add(api, tid, "null parent", parentId=None)["parentId"] is None


def test_parent_must_be_a_comment_of_the_same_task(api, api_b):
    tid, other = new_task(api), new_task(api)
    foreign = add(api, other, "other task's")
    tb = new_task(api_b)
    b_comment = add(api_b, tb, "other workspace's")
    for bad in (foreign["id"], b_comment["id"], 999999999, 0, -1):
        r = api.post(f"/tm/tasks/{tid}/comments", json={"markdown": "x", "parentId": bad})
        assert_422(r, {"parentId": [PARENT_INVALID]})
    r = api.post(f"/tm/tasks/{tid}/comments", json={"markdown": "x", "parentId": "abc"})
    assert_422(r, {"parentId": ["The parent id must be an integer."]})
    assert ids(api, tid) == []


def test_deleted_parent_is_invalid(api):
    tid = new_task(api)
    top = add(api, tid, "top")
    remove(api, tid, top['id'])
    r = api.post(f"/tm/tasks/{tid}/comments", json={"markdown": "x", "parentId": top["id"]})
    assert_422(r, {"parentId": [PARENT_INVALID]})


def test_every_failing_field_is_named(api):
    tid = new_task(api)
    r = api.post(f"/tm/tasks/{tid}/comments", json={"parentId": 999999999})
    assert_422(r, {"markdown": [REQUIRED], "parentId": [PARENT_INVALID]})


def test_list_is_newest_first_with_flat_replies(api):
    tid = new_task(api)
    a = add(api, tid, "a")
    b = add(api, tid, "b", parentId=a["id"])
    c = add(api, tid, "c")
    body = page(api, tid)
    assert [x["id"] for x in body["comments"]] == [c["id"], b["id"], a["id"]]
    assert body["hasMore"] is False
    assert body["comments"][1]["parentId"] == a["id"]


def test_same_millisecond_ties_go_by_id_newest_first(api, server):
    tid = new_task(api)
    made = [add(api, tid, f"c{i}")["id"] for i in range(3)]
    store_sql(server.db, f"UPDATE task_comments SET created_at = 1000 WHERE task_id = {tid}")
    assert ids(api, tid) == sorted(made, reverse=True)


def test_paging_with_limit_and_offset(api):
    tid = new_task(api)
    made = [add(api, tid, f"c{i}")["id"] for i in range(5)]
    newest = list(reversed(made))
    assert page(api, tid, limit=2) == {"comments": page(api, tid, limit=2)["comments"],
                                       "hasMore": True}
    assert ids(api, tid, limit=2) == newest[:2]
    assert ids(api, tid, limit=2, offset=2) == newest[2:4]
    last = page(api, tid, limit=2, offset=4)
    assert [c["id"] for c in last["comments"]] == newest[4:] and last["hasMore"] is False
    exact = page(api, tid, limit=5)
    assert len(exact["comments"]) == 5 and exact["hasMore"] is False
    assert page(api, tid, offset=99)["comments"] == []
    assert ids(api, tid, limit="", offset="") == newest


def test_default_page_is_50(api, server):
    tid = new_task(api)
    first = add(api, tid, "first")
    store_sql(server.db, "INSERT INTO task_comments (ws_id, task_id, parent_id, author_id, "
              "markdown, created_at, updated_at) SELECT ws_id, task_id, NULL, author_id, "
              f"'bulk', created_at + 1, created_at + 1 FROM task_comments WHERE id = {first['id']}")
    for _ in range(6):  # 2, 4, ... 64 copies: 64 + 1 comments
        store_sql(server.db, "INSERT INTO task_comments (ws_id, task_id, parent_id, author_id, "
                  "markdown, created_at, updated_at) SELECT ws_id, task_id, NULL, author_id, "
                  f"markdown, created_at, updated_at FROM task_comments WHERE task_id = {tid} "
                  f"AND id <> {first['id']}")
    body = page(api, tid)
    assert len(body["comments"]) == 50 and body["hasMore"] is True
    assert len(page(api, tid, limit=100)["comments"]) == 65


@pytest.mark.parametrize("params,errors", [
    ({"limit": 0}, {"limit": [LIMIT_RANGE]}),
    ({"limit": 101}, {"limit": [LIMIT_RANGE]}),
    ({"limit": "abc"}, {"limit": ["The limit must be an integer."]}),
    ({"offset": -1}, {"offset": [OFFSET_RANGE]}),
    ({"offset": "x"}, {"offset": ["The offset must be an integer."]}),
    ({"limit": -5, "offset": -1}, {"limit": [LIMIT_RANGE], "offset": [OFFSET_RANGE]}),
])
def test_bad_paging_is_422(api, params, errors):
    tid = new_task(api)
    assert_422(api.get(f"/tm/tasks/{tid}/comments", params=params), errors)


def test_delete_answers_204_and_removes_the_comment(api):
    tid = new_task(api)
    keep, gone = add(api, tid, "keep"), add(api, tid, "gone")
    r = remove(api, tid, gone["id"])
    assert r.content == b"" and "Content-Length" not in r.headers or \
        r.headers["Content-Length"] == "0"
    assert ids(api, tid) == [keep["id"]]
    assert_404(api.delete(f"/tm/tasks/{tid}/comments/{gone['id']}"))


def test_delete_moves_replies_to_the_top_level(api):
    tid = new_task(api)
    top = add(api, tid, "top")
    r1 = add(api, tid, "r1", parentId=top["id"])
    r2 = add(api, tid, "r2", parentId=r1["id"])
    remove(api, tid, top['id'])
    parents = {c["id"]: c["parentId"] for c in page(api, tid)["comments"]}
    assert parents == {r1["id"]: None, r2["id"]: r1["id"]}


def test_comment_of_another_task_is_not_found_on_delete(api):
    tid, other = new_task(api), new_task(api)
    c = add(api, other, "other's")
    assert_404(api.delete(f"/tm/tasks/{tid}/comments/{c['id']}"))
    assert ids(api, other) == [c["id"]]


@pytest.mark.parametrize("bad", BAD_IDS)
def test_malformed_or_unknown_ids_are_404(api, bad):
    tid = new_task(api)
    c = add(api, tid, "x")
    assert_404(api.get(f"/tm/tasks/{bad}/comments"))
    assert_404(api.post(f"/tm/tasks/{bad}/comments", json={"markdown": "x"}))
    assert_404(api.delete(f"/tm/tasks/{bad}/comments/{c['id']}"))
    assert_404(api.delete(f"/tm/tasks/{tid}/comments/{bad}"))
    assert ids(api, tid) == [c["id"]]


def test_missing_task_is_404_before_validation(api):
    assert_404(api.post("/tm/tasks/999999999/comments", json={}))


def test_another_workspace_sees_nothing_on_every_route(api, api_b):
    tid = new_task(api)
    c = add(api, tid, "private")
    assert_404(api_b.get(f"/tm/tasks/{tid}/comments"))
    assert_404(api_b.post(f"/tm/tasks/{tid}/comments", json={"markdown": "intrusion"}))
    assert_404(api_b.post(f"/tm/tasks/{tid}/comments", json={}))
    assert_404(api_b.delete(f"/tm/tasks/{tid}/comments/{c['id']}"))
    # its own task with our comment's id: still not found
    tb = new_task(api_b)
    assert_404(api_b.delete(f"/tm/tasks/{tb}/comments/{c['id']}"))
    assert ids(api, tid) == [c["id"]]
    assert ids(api_b, tb) == []


def test_deleted_task_keeps_comments_readable_but_refuses_writes(api):
    tid = new_task(api)
    c = add(api, tid, "before delete")
    assert api.delete(f"/tm/tasks/{tid}").status_code == 200
    assert ids(api, tid) == [c["id"]]
    assert_404(api.post(f"/tm/tasks/{tid}/comments", json={"markdown": "late"}))
    assert_404(api.delete(f"/tm/tasks/{tid}/comments/{c['id']}"))
    assert ids(api, tid) == [c["id"]]


def test_comments_touch_the_tasks_updated_at(api, server):
    tid = new_task(api)
    store_sql(server.db, f"UPDATE tasks SET updated_at = 1000 WHERE id = {tid}")
    c = add(api, tid, "x")
    after_add = api.get(f"/tm/tasks/{tid}").json()["task"]["updatedAt"]
    assert after_add != "1970-01-01T00:00:01Z"
    store_sql(server.db, f"UPDATE tasks SET updated_at = 1000 WHERE id = {tid}")
    remove(api, tid, c['id'])
    assert api.get(f"/tm/tasks/{tid}").json()["task"]["updatedAt"] != "1970-01-01T00:00:01Z"


def test_no_edit_route_put_and_patch_are_405(api):
    tid = new_task(api)
    c = add(api, tid, "x")
    for method in ("PUT", "PATCH"):
        r = api.request(method, f"/tm/tasks/{tid}/comments/{c['id']}", json={"markdown": "y"})
        assert r.status_code == 405, r.text
        assert r.headers["Allow"] == "DELETE"
    r = api.request("PUT", f"/tm/tasks/{tid}/comments", json={"markdown": "y"})
    assert r.status_code == 405 and r.headers["Allow"] == "GET, HEAD, POST"
    assert page(api, tid)["comments"][0]["markdown"] == "x"


def test_unauthenticated_is_401(anon, api):
    tid = new_task(api)
    for method, path in (("GET", f"/tm/tasks/{tid}/comments"),
                         ("POST", f"/tm/tasks/{tid}/comments"),
                         ("DELETE", f"/tm/tasks/{tid}/comments/1")):
        r = anon.request(method, path, json={"markdown": "x"})
        assert r.status_code == 401, r.text


def test_comment_count_is_capped_per_task(api, server):
    tid = new_task(api)
    first = add(api, tid, "seed")
    # 1 + 2 + 4 ... doubling up to 2^14 = 16384 rows, then trimmed to exactly 10000
    for _ in range(14):
        store_sql(server.db, "INSERT INTO task_comments (ws_id, task_id, parent_id, author_id, "
                  "markdown, created_at, updated_at) SELECT ws_id, task_id, NULL, author_id, "
                  f"markdown, created_at, updated_at FROM task_comments WHERE task_id = {tid}")
    store_sql(server.db, f"DELETE FROM task_comments WHERE task_id = {tid} AND id NOT IN "
              f"(SELECT id FROM task_comments WHERE task_id = {tid} ORDER BY id LIMIT 10000)")
    r = api.post(f"/tm/tasks/{tid}/comments", json={"markdown": "one too many"})
    assert_422(r, {"comments": ["The task cannot have more than 10000 comments."]})
    remove(api, tid, first['id'])
    add(api, tid, "fits again")
    # the page still reads at the cap
    assert len(page(api, tid, limit=100, offset=9900)["comments"]) == 100

"""Round trips to PostgreSQL per request (issue 18), counted by weeekd itself: every libpq
exchange it waits for adds one to weeekd_store_round_trips_total (a pipeline of statements
counts once). A request's BEGIN and write locks ride with its first statement, a
remembered token is checked in that same pipeline, and a task's row comes with its related
rows, so a point read costs two round trips and a simple write two. The counts are exact:
a change that adds a round trip fails here, one that saves one must lower the number.

The token memory that saves authentication its own round trip is only a guess checked
inside the transaction: a token revoked, or its workspace deleted and the same token text
issued again for another workspace, is never served from memory."""
import requests

from conftest import Client, assert_json, provision, psql

ADMIN = "round-trips-admin-token"
FIXED = "wk_" + "R" * 43


def round_trips(server):
    for line in requests.get(server.base + "/metrics", timeout=10).text.splitlines():
        if line.startswith("weeekd_store_round_trips_total "):
            return int(float(line.split()[1]))
    raise AssertionError("weeekd_store_round_trips_total missing from /metrics")


def counted(server, call):
    """(response, round trips it cost); nothing else talks to the server meanwhile."""
    before = round_trips(server)
    r = call()
    return r, round_trips(server) - before


def test_point_read_and_writes_cost_the_round_trips_counted(new_database, servers):
    db = new_database()
    token = provision(db)
    [s] = servers(db, n=1)
    c = Client(s, token)
    # the first request looks the token up on its own (autocommit), then remembers it
    r, n = counted(s, lambda: c.call("POST", "/ws/tags", json={"title": "first"}))
    assert r.status_code == 200, r.text
    assert n == 3, n
    # a simple write: [BEGIN, store lock, workspace lock, token check, INSERT] + COMMIT
    r, n = counted(s, lambda: c.call("POST", "/ws/tags", json={"title": "second"}))
    assert r.status_code == 200, r.text
    assert n == 2, n
    # task create: [start, token check, INSERT ... RETURNING id], [its search text, folded
    # from the title and description sent, + the task with its related rows], COMMIT
    r, n = counted(s, lambda: c.call("POST", "/tm/tasks", json={"title": "counted"}))
    assert r.status_code == 200, r.text
    task = assert_json(r)["task"]
    assert n == 3, n
    # point read: [BEGIN, token check, the task and its nine kinds of related rows] + COMMIT
    r, n = counted(s, lambda: c.call("GET", f"/tm/tasks/{task['id']}"))
    assert r.status_code == 200 and assert_json(r)["task"] == task, r.text
    assert n == 2, n
    # a read of a task that is not there costs the same and is a 404
    r, n = counted(s, lambda: c.call("GET", "/tm/tasks/987654"))
    assert r.status_code in (400, 404) and n == 2, (r.status_code, n)
    # point update: [start, token check, the row], [UPDATE, search text, the reply's read],
    # COMMIT
    r, n = counted(s, lambda: c.call("PUT", f"/tm/tasks/{task['id']}", json={"title": "renamed"}))
    assert r.status_code == 200 and assert_json(r)["task"]["title"] == "renamed", r.text
    assert n == 3, n
    # a request that fails validation before any statement still checks its token (with
    # the transaction's start), then rolls back: two
    r, n = counted(s, lambda: c.call("POST", "/ws/tags", json={}))
    assert r.status_code == 422 and n == 2, (r.status_code, n)


def test_a_remembered_token_revoked_since_is_refused_and_writes_nothing(new_database, servers):
    db = new_database()
    token = provision(db)
    [s] = servers(db, n=1)
    c = Client(s, token)
    assert c.call("POST", "/ws/tags", json={"title": "before"}).status_code == 200
    psql(db, "UPDATE api_tokens SET revoked_at = 1")
    for method, path, body in (("POST", "/ws/tags", {"title": "after"}), ("GET", "/ws/tags", None),
                               ("POST", "/ws/tags", {"title": "again"})):
        r = c.call(method, path, json=body)
        assert r.status_code == 401, (method, r.status_code, r.text)
    assert psql(db, "SELECT title FROM tags ORDER BY id").split() == ["before"]


def test_a_token_issued_again_for_another_workspace_reaches_the_new_one(new_database, servers):
    db = new_database()
    [s] = servers(db, n=1, extra_args=["--admin-token", ADMIN])
    admin = {"Authorization": f"Bearer {ADMIN}"}

    def make(name):
        r = requests.post(s.base + "/_weeekd/workspaces", headers=admin, timeout=10,
                          json={"name": name, "email": "o@x.test", "token": FIXED})
        assert r.status_code == 200, r.text

    make("first")
    c = Client(s, FIXED)
    assert c.call("POST", "/ws/tags", json={"title": "in first"}).status_code == 200
    r = requests.delete(s.base + "/_weeekd/workspaces/first", headers=admin, timeout=10)
    assert r.status_code == 200, r.text
    make("second")
    r = c.call("POST", "/ws/tags", json={"title": "in second"})
    assert r.status_code == 200, r.text
    assert [t["title"] for t in assert_json(c.call("GET", "/ws/tags"))["tags"]] == ["in second"]
    second = psql(db, "SELECT id FROM workspaces WHERE title = 'second'").strip()
    assert psql(db, "SELECT ws_id FROM tags").split() == [second]


def test_a_queued_write_that_fails_rolls_the_whole_request_back(new_database, servers):
    """The writes that wait for the next exchange (the task's update, tags, search text)
    fail there: the request answers as a failed write did before and leaves nothing."""
    db = new_database()
    token = provision(db)
    [s] = servers(db, n=1)
    c = Client(s, token)
    tags = [assert_json(c.call("POST", "/ws/tags", json={"title": t}))["tag"]["id"]
            for t in ("kept", "refused")]
    r = c.call("POST", "/tm/tasks", json={"title": "first", "tags": [tags[0]]})
    assert r.status_code == 200, r.text
    task = assert_json(r)["task"]
    # the database refuses one tag (a trigger stands in for any failure of a queued write)
    psql(db, f"""CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                 BEGIN RAISE EXCEPTION 'refused'; END $$;
                 CREATE TRIGGER refuse BEFORE INSERT ON task_tags FOR EACH ROW
                 WHEN (NEW.tag_id = {tags[1]}) EXECUTE FUNCTION refuse()""")
    before = psql(db, "SELECT id, title, search_text FROM tasks ORDER BY id")
    r = c.call("POST", "/tm/tasks", json={"title": "second", "tags": [tags[1]]})
    assert r.status_code == 500, r.text
    r = c.call("PUT", f"/tm/tasks/{task['id']}", json={"title": "renamed", "tags": [tags[1]]})
    assert r.status_code == 500, r.text
    assert psql(db, "SELECT id, title, search_text FROM tasks ORDER BY id") == before
    assert psql(db, "SELECT tag_id FROM task_tags").split() == [str(tags[0])]
    # an update that changes no row (a trigger skips it) is a 404, as exec_one's was
    psql(db, """CREATE FUNCTION skip() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RETURN NULL; END $$;
                CREATE TRIGGER skip BEFORE UPDATE ON tasks FOR EACH ROW
                WHEN (NEW.title = 'vanish') EXECUTE FUNCTION skip()""")
    r = c.call("PUT", f"/tm/tasks/{task['id']}", json={"title": "vanish", "tags": []})
    assert r.status_code == 404, r.text
    assert psql(db, "SELECT id, title, search_text FROM tasks ORDER BY id") == before
    assert psql(db, "SELECT tag_id FROM task_tags").split() == [str(tags[0])]
    # and the task is as it was
    assert assert_json(c.call("GET", f"/tm/tasks/{task['id']}"))["task"] == task


def test_common_writes_cost_the_round_trips_counted(new_database, servers):
    db = new_database()
    token = provision(db)
    [s] = servers(db, n=1)
    c = Client(s, token)

    def made(method, path, body, key):
        r = c.call(method, path, json=body)
        assert r.status_code == 200, r.text
        return assert_json(r)[key]

    project = made("POST", "/tm/projects", {"name": "p"}, "project")["id"]
    board = made("POST", "/tm/boards", {"name": "b", "projectId": project}, "board")["id"]
    cols = [x["id"] for x in made("GET", f"/tm/board-columns?boardId={board}", None,
                                   "boardColumns")]
    funnel = made("POST", "/crm/funnels", {"name": "f"}, "funnel")["id"]
    statuses = [x["id"] for x in made("GET", f"/crm/funnels/{funnel}/statuses", None,
                                       "statuses")]
    members = made("GET", "/ws/members", None, "members")
    task = made("POST", "/tm/tasks", {"title": "t"}, "task")["id"]
    got = {}
    for name, method, path, body in (
            ("task on a board", "POST", "/tm/tasks",
             {"title": "placed", "locations": [{"projectId": project, "boardColumnId": cols[0]}]}),
            ("task to a column", "POST", f"/tm/tasks/{task}/board-column",
             {"boardColumnId": cols[1]}),
            ("time entry", "POST", f"/tm/tasks/{task}/time-entries",
             {"userId": members[0]["id"], "isOvertime": False, "date": "2026-03-19",
              "duration": 90}),
            ("comment", "POST", f"/tm/tasks/{task}/comments", {"markdown": "hello"}),
            ("deal create", "POST", f"/crm/statuses/{statuses[0]}/deals", {"title": "d"})):
        r, n = counted(s, lambda: c.call(method, path, json=body))
        assert r.status_code == 200, (name, r.text)
        got[name] = n
    deal = assert_json(r)["deal"]["id"]
    for name, method, path, body in (
            ("deal PUT", "PUT", f"/crm/deals/{deal}", {"title": "renamed"}),
            ("deal move", "POST", f"/crm/deals/{deal}/move", {"statusId": statuses[1]})):
        r, n = counted(s, lambda: c.call(method, path, json=body))
        assert r.status_code == 200, (name, r.text)
        got[name] = n
    assert got == {
        # [start, token check, the column], its board, [its project + team]
        # (task_resolve_place), the insert, [search text, the location + the column's last
        # key], [the column key + the reply's read], COMMIT
        "task on a board": 7,
        # [start, token check, the task with its related rows (its locations too)], the
        # column, its board, [project + team], [the location + the column's last key], [the
        # column key, the touch, COMMIT]
        "task to a column": 6,
        # [start, token check, the task + its entries], the member, [insert, touch, COMMIT]
        "time entry": 3,
        # [start, token check, the task + its comment count], the insert, [touch, COMMIT]
        "comment": 3,
        # [start, token check, the status + its top key], the insert (its id is drawn until
        # one is free), [search text, the deal with its related rows], COMMIT
        "deal create": 4,
        # [start, token check, the deal], [update, search text, the deal with its related
        # rows], COMMIT
        "deal PUT": 3,
        # [start, token check, the deal + the status + its top key], [the move, COMMIT]
        "deal move": 2,
    }, sorted(got.items())

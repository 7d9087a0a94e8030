"""GET /tm/tasks: every filter alone and combined, each sort key in both directions with
NULLs last and ties by id (checked against a Python reference over the Task JSON the list
returns), paging that never skips or repeats, defaults, each validation failure (422 naming
the parameter), ids of another workspace (422, never a leak) and the visibility of deleted
and completed tasks (docs/internals/tasks.md, "The task list"; src/api/tm/tm_tasks_list.c,
src/model/task_list.c). Tests that assert on list contents use a fresh workspace."""
import datetime

import pytest

from weeekd_http import Api, provision, store_sql, unique, validate_success
from weeekd_http import new_project as project

COMPLETED_BOOL = "The completed field must be true or false."
ALL_BOOL = "The all field must be true or false."
PATH = "/tm/tasks"


# ---- helpers ------------------------------------------------------------------------------

def listing(api, **params):
    """The whole body of one page: exactly success, tasks and hasMore, valid against the
    spec."""
    r = api.get(PATH, params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"success", "tasks", "hasMore"}, body
    assert body["success"] is True and isinstance(body["hasMore"], bool)
    validate_success("GET", PATH, body)
    return body


def ids(api, **params):
    return [t["id"] for t in listing(api, **params)["tasks"]]


def every(api, per_page=100, **params):
    """All pages of a listing, walked with offset += perPage while hasMore."""
    out, offset = [], 0
    while True:
        body = listing(api, perPage=per_page, offset=offset, **params)
        out += body["tasks"]
        assert len(body["tasks"]) <= per_page
        if not body["hasMore"]:
            return out
        assert len(body["tasks"]) == per_page, "a page with more to come must be full"
        offset += per_page


def assert_422(r, field, message):
    assert r.status_code == 422, r.text
    body = r.json()
    assert set(body) == {"success", "message", "errors"}, body
    assert body["success"] is False
    assert body["errors"] == {field: [message]}, body
    assert body["message"] == message


def task(api, **fields):
    r = api.post(PATH, json=fields)
    assert r.status_code == 200, r.text
    return r.json()["task"]["id"]


def complete(api, tid):
    assert api.post(f"{PATH}/{tid}/complete").status_code == 200


def delete(api, tid):
    assert api.delete(f"{PATH}/{tid}").status_code == 200


def board(api, pid, name="board"):
    """A new board of project pid and its three default columns."""
    r = api.post("/tm/boards", json={"name": name, "projectId": pid})
    assert r.status_code == 200, r.text
    bid = r.json()["board"]["id"]
    r = api.get("/tm/board-columns", params={"boardId": bid})
    return bid, [c["id"] for c in r.json()["boardColumns"]]


def members(api):
    r = api.get("/ws/members")
    assert r.status_code == 200, r.text
    return [m["id"] for m in r.json()["members"]]


def day(offset):
    return (datetime.date.today() + datetime.timedelta(days=offset)).isoformat()


def dmy(iso):
    y, m, d = iso.split("-")
    return f"{d}.{m}.{y}"


@pytest.fixture
def other_ws(server):
    """A second fresh workspace, for cross-workspace checks."""
    name = unique("ws")
    c = Api(server.base, provision(server.db, name, "owner@other.test"), name=name)
    yield c
    c.close()


# ---- defaults and visibility --------------------------------------------------------------

def test_fresh_workspace_lists_no_tasks_and_no_more(fresh_ws):
    assert listing(fresh_ws) == {"success": True, "tasks": [], "hasMore": False}


def test_default_lists_open_tasks_in_id_order_without_deleted_or_completed(fresh_ws):
    a, done, gone, b = (task(fresh_ws, title=t) for t in "a done gone b".split())
    complete(fresh_ws, done)
    delete(fresh_ws, gone)
    assert ids(fresh_ws) == [a, b]


def test_completed_1_lists_only_completed_tasks_that_are_not_deleted(fresh_ws):
    open_ = task(fresh_ws)
    done, done_gone = task(fresh_ws), task(fresh_ws)
    complete(fresh_ws, done)
    complete(fresh_ws, done_gone)
    delete(fresh_ws, done_gone)
    assert ids(fresh_ws, completed=1) == [done]
    assert ids(fresh_ws, completed=0) == [open_]


def test_all_1_lists_deleted_and_completed_and_ignores_completed(fresh_ws):
    made = [task(fresh_ws) for _ in range(4)]
    complete(fresh_ws, made[1])
    delete(fresh_ws, made[2])
    complete(fresh_ws, made[3])
    delete(fresh_ws, made[3])
    assert ids(fresh_ws, all=1) == made
    assert ids(fresh_ws, all=1, completed=0) == made
    assert ids(fresh_ws, all=1, completed=1) == made
    assert ids(fresh_ws, all=0) == [made[0]]
    listed = {t["id"]: t for t in listing(fresh_ws, all=1)["tasks"]}
    assert listed[made[2]]["isDeleted"] is True and listed[made[1]]["isCompleted"] is True


def test_listed_tasks_carry_their_related_arrays_like_get(fresh_ws):
    pid = project(fresh_ws)
    bid, cols = board(fresh_ws, pid)
    tag = fresh_ws.create_tag("t")
    me = members(fresh_ws)[0]
    tid = task(fresh_ws, title="full", boardColumnId=cols[1], tags=[tag["id"]], userId=me)
    listed = listing(fresh_ws)["tasks"]
    got = fresh_ws.get(f"{PATH}/{tid}").json()["task"]
    assert listed == [got]
    assert got["locations"] == [{"projectId": pid, "boardId": bid, "boardColumnId": cols[1]}]
    assert got["tags"] == [tag["id"]] and got["assignees"] == [me]


@pytest.mark.parametrize("value", ["true", "false", "2", "-1", "yes", "1.0"])
def test_completed_other_than_0_or_1_is_422(api, value):
    assert_422(api.get(PATH, params={"completed": value}), "completed", COMPLETED_BOOL)


@pytest.mark.parametrize("value", ["true", "false", "2"])
def test_all_other_than_0_or_1_is_422(api, value):
    assert_422(api.get(PATH, params={"all": value}), "all", ALL_BOOL)


def test_blank_completed_is_as_absent(fresh_ws):
    a = task(fresh_ws)
    complete(fresh_ws, task(fresh_ws))
    assert ids(fresh_ws, completed="") == [a]


def test_unknown_parameters_are_ignored(fresh_ws):
    a = task(fresh_ws)
    assert ids(fresh_ws, isCompleted="true", foo="bar") == [a]


# ---- place filters ------------------------------------------------------------------------

@pytest.fixture
def places(fresh_ws):
    """Two projects; project 1 has boards b1 (columns c1a, c1b, ...) and b2; tasks spread
    over them, one without a location."""
    api = fresh_ws
    p1, p2 = project(api, "p1"), project(api, "p2")
    b1, c1 = board(api, p1, "b1")
    b2, c2 = board(api, p1, "b2")
    b3, c3 = board(api, p2, "b3")
    t = {
        "c1a": task(api, boardColumnId=c1[0]),
        "c1b": task(api, boardColumnId=c1[1]),
        "c2a": task(api, boardColumnId=c2[0]),
        "p1": task(api, projectId=p1),
        "c3a": task(api, boardColumnId=c3[0]),
        "none": task(api),
        "c1a2": task(api, boardColumnId=c1[0]),
    }
    return {"api": api, "p1": p1, "p2": p2, "b1": b1, "b2": b2, "b3": b3, "c1": c1, "c2": c2,
            "c3": c3, "t": t}


def test_project_filter_lists_tasks_located_in_the_project(places):
    t = places["t"]
    assert ids(places["api"], projectId=places["p1"]) == sorted(
        [t["c1a"], t["c1b"], t["c2a"], t["p1"], t["c1a2"]])
    assert ids(places["api"], projectId=places["p2"]) == [t["c3a"]]


def test_board_filter_lists_tasks_on_the_board(places):
    t = places["t"]
    assert ids(places["api"], boardId=places["b1"]) == sorted([t["c1a"], t["c1b"], t["c1a2"]])
    assert ids(places["api"], boardId=places["b2"]) == [t["c2a"]]


def test_column_filter_lists_the_column_in_position_order(places):
    api, t, col = places["api"], places["t"], places["c1"][0]
    assert ids(api, boardColumnId=col) == [t["c1a"], t["c1a2"]]
    # move the first below the second: the column's order, not the ids', decides
    r = api.post(f"{PATH}/{t['c1a']}/board-column", json={"boardColumnId": col,
                                                         "upperTaskId": t["c1a2"]})
    assert r.status_code == 200, r.text
    assert ids(api, boardColumnId=col) == [t["c1a2"], t["c1a"]]
    # an explicit sort wins over the position
    assert ids(api, boardColumnId=col, sortBy="created") == [t["c1a"], t["c1a2"]]
    assert ids(api, boardColumnId=places["c1"][2]) == []


def test_task_in_two_projects_is_listed_once_under_each(places):
    api, t = places["api"], places["t"]
    r = api.post(f"{PATH}/{t['c1b']}/locations", check_ct=False,
                 json={"projectId": places["p2"], "boardColumnId": places["c3"][1]})
    assert r.status_code == 204, r.text
    assert ids(api, projectId=places["p2"]) == sorted([t["c1b"], t["c3a"]])
    assert ids(api, projectId=places["p1"], boardId=places["b3"]) == [t["c1b"]]
    assert ids(api) == sorted(t.values())  # no duplicates without filters either


def test_place_filters_and_together(places):
    api, t = places["api"], places["t"]
    assert ids(api, projectId=places["p1"], boardId=places["b1"],
               boardColumnId=places["c1"][0]) == [t["c1a"], t["c1a2"]]
    assert ids(api, projectId=places["p2"], boardId=places["b1"]) == []


@pytest.mark.parametrize("name", ["projectId", "boardId", "boardColumnId"])
@pytest.mark.parametrize("value", ["999999999", "0", "-3"])
def test_unknown_place_id_is_422_not_an_empty_page(api, name, value):
    attr = {"projectId": "project id", "boardId": "board id",
            "boardColumnId": "board column id"}[name]
    assert_422(api.get(PATH, params={name: value}), name, f"The selected {attr} is invalid.")


@pytest.mark.parametrize("name", ["projectId", "boardId", "boardColumnId", "perPage", "offset",
                                  "priority"])
def test_non_integer_number_parameter_is_422(api, name):
    attr = {"projectId": "project id", "boardId": "board id", "boardColumnId": "board column id",
            "perPage": "per page", "offset": "offset", "priority": "priority"}[name]
    assert_422(api.get(PATH, params={name: "abc"}), name, f"The {attr} must be an integer.")


# ---- assignees, type, priority, tags, search ---------------------------------------------

def test_user_filter_matches_any_assignee_not_only_the_primary(server, fresh_ws):
    provision(server.db, fresh_ws.name, unique("m") + "@fresh.test", member=True)
    me, other = members(fresh_ws)[:2]
    primary = task(fresh_ws, userId=me)
    second = task(fresh_ws, assignees=[other, me])
    nobody = task(fresh_ws)
    only_other = task(fresh_ws, userId=other)
    assert ids(fresh_ws, userId=me) == [primary, second]
    assert ids(fresh_ws, userId=other) == [second, only_other]
    assert ids(fresh_ws, userId=me.upper()) == [primary, second]
    assert nobody not in ids(fresh_ws, userId=me)


@pytest.mark.parametrize("value", ["00000000-0000-4000-8000-000000000000", "not-a-uuid", "1"])
def test_unknown_user_is_422(api, value):
    assert_422(api.get(PATH, params={"userId": value}), "userId",
               "The selected user id is invalid.")


def test_type_filter(fresh_ws):
    action, meet, call = task(fresh_ws), task(fresh_ws, type="meet"), task(fresh_ws, type="call")
    assert ids(fresh_ws, type="action") == [action]
    assert ids(fresh_ws, type="meet") == [meet]
    assert ids(fresh_ws, type="call") == [call]


@pytest.mark.parametrize("value", ["task", "MEET", "1"])
def test_unknown_type_is_422(api, value):
    assert_422(api.get(PATH, params={"type": value}), "type", "The selected type is invalid.")


def test_priority_filter_matches_exactly_and_never_null(fresh_ws):
    made = {p: task(fresh_ws, priority=p) for p in range(4)}
    task(fresh_ws)  # no priority
    for p, tid in made.items():
        assert ids(fresh_ws, priority=p) == [tid]


@pytest.mark.parametrize("value", ["4", "-1"])
def test_priority_out_of_range_is_422(api, value):
    assert_422(api.get(PATH, params={"priority": value}), "priority",
               "The priority must be between 0 and 3.")


def test_tags_filter_matches_any_of_the_tags_once(fresh_ws):
    x, y, z = (fresh_ws.create_tag(n)["id"] for n in "xyz")
    tx, txy, ty, tz, none = (task(fresh_ws, tags=t) for t in ([x], [x, y], [y], [z], []))
    assert ids(fresh_ws, **{"tags[]": [x]}) == [tx, txy]
    assert ids(fresh_ws, **{"tags[]": [x, y]}) == [tx, txy, ty]
    assert ids(fresh_ws, **{"tags[]": [y, x, y]}) == [tx, txy, ty]
    assert ids(fresh_ws, **{"tags[]": [z]}) == [tz]
    assert none not in ids(fresh_ws, **{"tags[]": [x, y, z]})


def test_tags_in_indexed_form_are_accepted_and_repeated_plain_form_is_422(fresh_ws):
    x, y = fresh_ws.create_tag("x")["id"], fresh_ws.create_tag("y")["id"]
    tx, ty = task(fresh_ws, tags=[x]), task(fresh_ws, tags=[y])
    task(fresh_ws)
    assert ids(fresh_ws, **{"tags[0]": x, "tags[1]": y}) == [tx, ty]
    # spec: tm-notes §7 — PHP reads tags=x&tags=y as one string (test_query_arrays.py)
    r = fresh_ws.get(PATH, params={"tags": [x, y]})
    assert_422(r, "tags", "The tags must be an array.")


def test_unknown_tag_is_422_keyed_by_its_index(api):
    known = api.create_tag("known")["id"]
    r = api.get(PATH, params={"tags[]": [known, 999999999]})
    assert_422(r, "tags.1", "The selected tags.1 is invalid.")
    assert_422(api.get(PATH, params={"tags[]": ["abc"]}), "tags.0", "The tags.0 must be an integer.")


def test_blank_tag_items_are_left_out_and_keep_their_index(fresh_ws):
    x = fresh_ws.create_tag("x")["id"]
    tx = task(fresh_ws, tags=[x])
    task(fresh_ws)
    assert ids(fresh_ws, **{"tags[]": ["", x, " "]}) == [tx]
    r = fresh_ws.get(PATH, params={"tags[]": ["", " ", 999999999]})
    assert_422(r, "tags.2", "The selected tags.2 is invalid.")


def test_every_unknown_tag_is_reported_in_one_request(api):
    r = api.get(PATH, params={"tags[]": [999999998, 999999999]})
    assert r.status_code == 422, r.text
    assert r.json()["errors"] == {"tags.0": ["The selected tags.0 is invalid."],
                                  "tags.1": ["The selected tags.1 is invalid."]}


def test_search_matches_title_or_description_ignoring_ascii_case(fresh_ws):
    in_title = task(fresh_ws, title="Call the Supplier")
    in_desc = task(fresh_ws, title="other", description="ask the SUPPLIER about prices")
    task(fresh_ws, title="nothing here")
    untitled = task(fresh_ws)
    assert ids(fresh_ws, search="supplier") == [in_title, in_desc]
    assert ids(fresh_ws, search="  SUPPLIER ") == [in_title, in_desc]
    assert ids(fresh_ws, search="the sup") == [in_title, in_desc]
    assert ids(fresh_ws, search="zzz") == []
    assert untitled in ids(fresh_ws, search="")  # blank: no filter


def test_search_wildcards_are_literal(fresh_ws):
    pct = task(fresh_ws, title="100% done")
    under = task(fresh_ws, title="snake_case")
    task(fresh_ws, title="1000 done")
    task(fresh_ws, title="snakeXcase")
    bang = task(fresh_ws, title="wow! really")
    assert ids(fresh_ws, search="0%") == [pct]
    assert ids(fresh_ws, search="e_c") == [under]
    assert ids(fresh_ws, search="%") == [pct]
    assert ids(fresh_ws, search="!") == [bang]


def test_search_longer_than_255_characters_is_422(api):
    assert_422(api.get(PATH, params={"search": "x" * 256}), "search",
               "The search must not be greater than 255 characters.")


# ---- dates --------------------------------------------------------------------------------

@pytest.fixture
def dated(fresh_ws):
    api = fresh_ws
    t = {
        "span": task(api, startDate=day(-2), dueDate=day(2)),
        "start_only": task(api, startDate=day(0)),
        "due_only": task(api, dueDate=day(1)),
        "past": task(api, startDate=day(-10), dueDate=day(-5)),
        "future": task(api, startDate=day(5), dueDate=day(9)),
        "none": task(api),
    }
    return api, t


def test_day_lists_tasks_whose_span_covers_it(dated):
    api, t = dated
    assert ids(api, day=dmy(day(0))) == [t["span"], t["start_only"]]
    assert ids(api, day=dmy(day(1))) == [t["span"], t["due_only"]]
    assert ids(api, day=dmy(day(-7))) == [t["past"]]
    assert ids(api, day=dmy(day(3))) == []


def test_day_accepts_y_m_d_too(dated):
    api, t = dated
    assert ids(api, day=day(0)) == ids(api, day=dmy(day(0))) == [t["span"], t["start_only"]]


def test_period_lists_tasks_whose_span_overlaps_it(dated):
    api, t = dated
    assert ids(api, startDate=dmy(day(1)), endDate=dmy(day(6))) == [
        t["span"], t["due_only"], t["future"]]
    assert ids(api, startDate=dmy(day(-5)), endDate=dmy(day(-5))) == [t["past"]]
    assert ids(api, startDate=dmy(day(-30)), endDate=dmy(day(30))) == sorted(
        v for k, v in t.items() if k != "none")
    assert ids(api, startDate=dmy(day(10)), endDate=dmy(day(20))) == []


def test_day_and_period_together_must_both_match(dated):
    api, t = dated
    assert ids(api, day=dmy(day(0)), startDate=dmy(day(-1)), endDate=dmy(day(1))) == [
        t["span"], t["start_only"]]
    assert ids(api, day=dmy(day(-7)), startDate=dmy(day(0)), endDate=dmy(day(1))) == []


@pytest.mark.parametrize("name", ["day", "startDate", "endDate", "completedAtFrom",
                                  "completedAtTo"])
@pytest.mark.parametrize("value", ["31.02.2026", "2026/01/01", "1.1.2026", "yesterday"])
def test_malformed_date_is_422(api, name, value):
    params = {name: value}
    other = {"startDate": "endDate", "endDate": "startDate"}.get(name)
    if other:
        params[other] = "01.01.2026"
    attr = {"day": "day", "startDate": "start date", "endDate": "end date",
            "completedAtFrom": "completed at from", "completedAtTo": "completed at to"}[name]
    assert_422(api.get(PATH, params=params), name, f"The {attr} does not match the format d.m.Y.")


@pytest.mark.parametrize("name", ["startDate", "endDate", "completedAtFrom", "completedAtTo"])
def test_period_dates_refuse_y_m_d(api, name):
    params = {name: "2026-01-01"}
    other = {"startDate": "endDate", "endDate": "startDate"}.get(name)
    if other:
        params[other] = "01.01.2026"
    r = api.get(PATH, params=params)
    assert r.status_code == 422 and name in r.json()["errors"], r.text


def test_start_date_without_end_date_is_422_and_vice_versa(api):
    assert_422(api.get(PATH, params={"startDate": "01.01.2026"}), "endDate",
               "The end date field is required when start date is present.")
    assert_422(api.get(PATH, params={"endDate": "01.01.2026"}), "startDate",
               "The start date field is required when end date is present.")


def test_period_ending_before_it_starts_is_422(api):
    assert_422(api.get(PATH, params={"startDate": "02.01.2026", "endDate": "01.01.2026"}),
               "endDate", "The end date must be a date after or equal to start date.")


def test_completed_at_range_is_inclusive_and_implies_completed(fresh_ws):
    done = task(fresh_ws)
    complete(fresh_ws, done)
    open_ = task(fresh_ws)
    # the completion's UTC day (today, unless midnight passed in between)
    when = datetime.date.fromisoformat(listing(fresh_ws, completed=1)["tasks"][0]["completedAt"][:10])
    today, yesterday, tomorrow = (dmy((when + datetime.timedelta(days=d)).isoformat())
                                  for d in (0, -1, 1))
    assert ids(fresh_ws, completedAtFrom=today) == [done]
    assert ids(fresh_ws, completedAtTo=today) == [done]
    assert ids(fresh_ws, completedAtFrom=today, completedAtTo=today) == [done]
    assert ids(fresh_ws, completedAtFrom=yesterday, completedAtTo=tomorrow) == [done]
    assert ids(fresh_ws, completedAtFrom=tomorrow) == []
    assert ids(fresh_ws, completedAtTo=yesterday) == []
    # an explicit completed=0 still wins: open tasks have no completion day
    assert ids(fresh_ws, completedAtFrom=today, completed=0) == []
    assert open_ not in ids(fresh_ws, completedAtFrom=yesterday, all=1)


def test_completed_at_to_before_from_is_422(api):
    assert_422(api.get(PATH, params={"completedAtFrom": "02.01.2026",
                                     "completedAtTo": "01.01.2026"}),
               "completedAtTo",
               "The completed at to must be a date after or equal to completed at from.")


# ---- sorting ------------------------------------------------------------------------------

def _when(date, date_time):
    """A date key as the list sorts it: the day, then the time (a date alone = midnight)."""
    if date is None:
        return None
    return date_time or f"{date}T00:00:00Z"


SORT_KEYS = {
    "name": lambda t: t["title"],
    "type": lambda t: t["type"],
    "priority": lambda t: t["priority"],
    "duration": lambda t: t["duration"],
    "overdue": lambda t: t["overdue"],
    "date": lambda t: _when(t["dueDate"], t["dueDateTime"]),
    "start": lambda t: _when(t["startDate"], t["startDateTime"]),
}


def reference_order(tasks, key, desc):
    """NULLs last in both directions; ties by id in the sort's direction (Python's sort is
    stable, also with reverse=True)."""
    by_id = sorted(tasks, key=lambda t: t["id"], reverse=desc)
    present = [t for t in by_id if key(t) is not None]
    absent = [t for t in by_id if key(t) is None]
    present.sort(key=key, reverse=desc)
    return [t["id"] for t in present + absent]


@pytest.fixture
def sortable(fresh_ws):
    """Tasks with repeated and missing values of every sort key."""
    api = fresh_ws
    specs = [
        dict(title="beta", type="meet", priority=2, duration=30, dueDate=day(-3),
             startDate=day(-9)),
        dict(title="Alpha", type="call", priority=0, duration=30, dueDate=day(2)),
        dict(title="alpha", priority=2, dueDateTime=f"{day(2)}T10:00:00Z",
             startDateTime=f"{day(-9)}T08:30:00Z"),
        dict(type="meet", duration=5, dueDate=day(-3), startDate=day(-1)),
        dict(title="beta", priority=3, dueDate=day(-1)),
        dict(title="gamma", type="call", duration=120, startDate=day(4)),
        dict(title="", priority=0),
        dict(title="delta", type="meet", priority=1, duration=5,
             dueDateTime=f"{day(2)}T09:00:00Z"),
        dict(title="past but done", priority=3, dueDate=day(-20)),
    ]
    made = [task(api, **s) for s in specs]
    complete(api, made[-1])
    return api


@pytest.mark.parametrize("desc", [False, True], ids=["asc", "desc"])
@pytest.mark.parametrize("key", sorted(SORT_KEYS))
def test_sort_orders_by_key_with_nulls_last_and_ties_by_id(sortable, key, desc):
    listed = listing(sortable, all=1, sortBy=("-" if desc else "") + key)["tasks"]
    assert [t["id"] for t in listed] == reference_order(listed, SORT_KEYS[key], desc)


@pytest.mark.parametrize("desc", [False, True], ids=["asc", "desc"])
def test_sort_by_created(sortable, desc):
    listed = listing(sortable, sortBy="-created" if desc else "created")["tasks"]
    got = [t["id"] for t in listed]
    # created_at grows with the id, and ties (two tasks in one millisecond) go by id in the
    # sort's direction, so the order is the ids' either way
    assert got == sorted(got, reverse=desc)
    stamps = [t["createdAt"] for t in listed]
    assert stamps == sorted(stamps, reverse=desc)


@pytest.mark.parametrize("desc", [False, True], ids=["asc", "desc"])
def test_sort_ties_go_by_id_in_the_sorts_direction(server, fresh_ws, desc):
    """Ties made on purpose: two pairs of tasks share a creation time (issue 13 item 15)."""
    ids = [task(fresh_ws, title=f"tie {i}") for i in range(4)]
    stamp = {ids[0]: 1_000_000, ids[1]: 1_000_000, ids[2]: 2_000_000, ids[3]: 2_000_000}
    for tid, ms in stamp.items():
        store_sql(server.db, f"UPDATE tasks SET created_at = {ms} WHERE id = {tid}")
    got = [t["id"] for t in listing(fresh_ws, sortBy="-created" if desc else "created")["tasks"]]
    assert got == sorted(ids, key=lambda i: (stamp[i], i), reverse=desc)


def test_overdue_sort_puts_the_most_overdue_open_task_first(sortable):
    listed = listing(sortable, sortBy="-overdue")["tasks"]
    overdue = [t["overdue"] for t in listed]
    assert overdue[0] == 3 and overdue == sorted(overdue, reverse=True)


@pytest.mark.parametrize("value", ["title", "--name", "-", "Name", "id"])
def test_unknown_sort_is_422(api, value):
    assert_422(api.get(PATH, params={"sortBy": value}), "sortBy",
               "The selected sort by is invalid.")


# ---- paging -------------------------------------------------------------------------------

def test_default_page_is_50_with_has_more(fresh_ws):
    made = [task(fresh_ws, title=f"t{i}") for i in range(51)]
    first = listing(fresh_ws)
    assert [t["id"] for t in first["tasks"]] == made[:50] and first["hasMore"] is True
    second = listing(fresh_ws, offset=50)
    assert [t["id"] for t in second["tasks"]] == made[50:] and second["hasMore"] is False
    exact = listing(fresh_ws, perPage=51)
    assert len(exact["tasks"]) == 51 and exact["hasMore"] is False
    assert listing(fresh_ws, offset=51) == {"success": True, "tasks": [], "hasMore": False}


@pytest.fixture
def many(fresh_ws):
    """130 tasks with few distinct priorities and titles, so most sort keys tie."""
    made = [task(fresh_ws, title=f"task {i % 7}", priority=(i % 3 if i % 4 else None),
                 duration=(i % 5) * 10 or None) for i in range(130)]
    for tid in made[::10]:
        complete(fresh_ws, tid)
    return fresh_ws, made


PAGING = [({}, 1)] + [(p, n) for n in (7, 100) for p in (
    {}, {"sortBy": "priority"}, {"sortBy": "-priority"}, {"sortBy": "-name"},
    {"sortBy": "duration"}, {"all": 1, "sortBy": "-duration"})]


@pytest.mark.parametrize("params,per_page", PAGING,
                         ids=[f"{'-'.join(map(str, p.values())) or 'id'}-per{n}"
                              for p, n in PAGING])
def test_paging_over_many_tasks_never_skips_or_repeats(many, params, per_page):
    api, made = many
    whole = every(api, per_page=100, **params)
    walked = every(api, per_page=per_page, **params)
    assert [t["id"] for t in walked] == [t["id"] for t in whole]
    expected = set(made) if params.get("all") else set(made) - set(made[::10])
    assert len(walked) == len(expected) and {t["id"] for t in walked} == expected


@pytest.mark.parametrize("value", ["0", "101", "-1"])
def test_per_page_outside_1_to_100_is_422(api, value):
    assert_422(api.get(PATH, params={"perPage": value}), "perPage",
               "The per page must be between 1 and 100.")


def test_negative_offset_is_422(api):
    assert_422(api.get(PATH, params={"offset": "-1"}), "offset",
               "The offset must be between 0 and 2147483647.")


def test_several_bad_parameters_are_all_named(api):
    r = api.get(PATH, params={"completed": "true", "perPage": "0", "sortBy": "x"})
    assert r.status_code == 422, r.text
    assert set(r.json()["errors"]) == {"completed", "perPage", "sortBy"}


# ---- combinations -------------------------------------------------------------------------

def test_all_filters_and_together(server, fresh_ws):
    api = fresh_ws
    provision(server.db, api.name, unique("m") + "@fresh.test", member=True)
    me, other = members(api)[:2]
    pid = project(api)
    _, cols = board(api, pid)
    tag = api.create_tag("x")["id"]
    base = dict(boardColumnId=cols[0], userId=me, tags=[tag], priority=2, type="meet",
                title="quarterly report", startDate=day(0))
    hit = task(api, **base)
    misses = [task(api, **{**base, **change}) for change in (
        {"boardColumnId": None, "projectId": None}, {"userId": other}, {"tags": []},
        {"priority": 1}, {"type": "call"}, {"title": "other"}, {"startDate": day(3)})]
    done = task(api, **base)
    complete(api, done)
    query = {"projectId": pid, "boardColumnId": cols[0], "userId": me, "tags[]": [tag],
             "priority": 2, "type": "meet", "search": "report", "day": dmy(day(0))}
    assert ids(api, **query) == [hit]
    assert ids(api, **query, completed=1) == [done]
    assert ids(api, **query, all=1) == [hit, done]
    assert len(misses) == 7 and all(m not in ids(api, all=1, **query) for m in misses)


# ---- workspaces ---------------------------------------------------------------------------

def test_ids_of_another_workspace_are_422_in_every_filter(fresh_ws, other_ws):
    pid = project(other_ws)
    bid, cols = board(other_ws, pid)
    tag = other_ws.create_tag("theirs")["id"]
    them = members(other_ws)[0]
    task(other_ws, boardColumnId=cols[0], tags=[tag], userId=them)
    for name, value, attr in (("projectId", pid, "project id"), ("boardId", bid, "board id"),
                              ("boardColumnId", cols[0], "board column id"),
                              ("userId", them, "user id")):
        assert_422(fresh_ws.get(PATH, params={name: value}), name,
                   f"The selected {attr} is invalid.")
    assert_422(fresh_ws.get(PATH, params={"tags[]": [tag]}), "tags.0",
               "The selected tags.0 is invalid.")


def test_a_workspace_never_lists_another_workspaces_tasks(fresh_ws, other_ws):
    mine = [task(fresh_ws, title="secret report") for _ in range(3)]
    theirs = [task(other_ws, title="secret report") for _ in range(2)]
    for params in ({}, {"all": 1}, {"search": "secret"}, {"sortBy": "-created"}):
        assert sorted(ids(fresh_ws, **params)) == mine
        assert sorted(ids(other_ws, **params)) == theirs


def test_more_shapes_than_the_statement_cache_holds_keep_answering_right(fresh_ws):
    """Each tag count is its own query text; 4 rounds of 80 counts make every server
    connection prepare, evict (64 statements each, least recently used first) and prepare
    again (on PostgreSQL: DEALLOCATE and named statements) while the answers stay right."""
    tags = [fresh_ws.create_tag(f"t{i}")["id"] for i in range(80)]
    tagged = {tags[i]: task(fresh_ws, tags=[tags[i]]) for i in range(0, 80, 8)}
    for round_ in range(4):
        for n in range(1, 81):
            chosen = tags[:n] if round_ % 2 == 0 else tags[-n:]
            expected = sorted(tid for tag, tid in tagged.items() if tag in chosen)
            assert ids(fresh_ws, **{"tags[]": chosen}) == expected, (round_, n)


def test_more_than_100_tags_is_422(api):
    assert_422(api.get(PATH, params={"tags[]": [1] * 101}), "tags",
               "The tags must not have more than 100 items.")


def test_paging_tasks_of_several_tags_never_skips_or_repeats(fresh_ws):
    """Up to 8 tags walk one index per tag, each cut after offset + perPage + 1 rows; pages
    deep into the union must still be exact."""
    x, y, z = (fresh_ws.create_tag(n)["id"] for n in "xyz")
    made = [task(fresh_ws, tags=[t for t, m in ((x, 3), (y, 5), (z, 7)) if i % m == 0])
            for i in range(110)]
    for tid in made[::9]:
        complete(fresh_ws, tid)
    expected = [tid for i, tid in enumerate(made)
                if (i % 3 == 0 or i % 5 == 0) and i % 9 != 0]
    for per_page in (1, 4, 50):
        walked = every(fresh_ws, per_page=per_page, **{"tags[]": [x, y]})
        assert [t["id"] for t in walked] == expected, per_page
    assert ids(fresh_ws, offset=20, perPage=5, **{"tags[]": [y, x]}) == expected[20:25]
    every_tag = [tid for i, tid in enumerate(made)
                 if (i % 3 == 0 or i % 5 == 0 or i % 7 == 0) and i % 9 != 0]
    assert [t["id"] for t in every(fresh_ws, per_page=9, **{"tags[]": [x, y, z]})] == every_tag

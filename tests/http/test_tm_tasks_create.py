"""POST /tm/tasks: every field of TaskCreateRequest (title, description stored as HTML, type,
priority, dates, isPrivate, tags, userId + assignees, parentId, locations[] and the legacy
projectId/boardId/boardColumnId), the Task object it answers (every spec property with its
type), validation naming each failing field, archived projects, and ids of another
workspace (docs/internals/tasks.md "Create")."""
import pytest

from tasks_kit import (ARRAY_FIELDS, ISO_DATETIME, LEGACY_DATE_FIELDS, NOBODY, TASK_PROPERTIES,
                       TITLE_NOT_STRING, TITLE_TOO_LONG, all_task_ids, assert_422_fields,
                       assert_located, board, column_ids, column_order, create_task, get_task,
                       is_uuid, json_body, loc, make_board, people)
from weeekd_http import (ARCHIVED, BAD_PRIVATE, BOARD_INVALID, BOARD_NOT_INT, COLUMN_INVALID,
                         COLUMN_NOT_INT, OPTIONAL_BODIES, OPTIONAL_BODY_IDS, PROJECT_INVALID,
                         PROJECT_NOT_INT, REQUIRED, archive, assert_422, assert_envelope,
                         assert_json_content_type, me, new_board, new_project)

__all__ = ["board", "people"]  # fixtures used here

PARENT_INVALID = "The selected parent id is invalid."
USER_INVALID = "The selected user id is invalid."


def post(api, body):
    return api.post("/tm/tasks", json=body)


# ---- the Task object -----------------------------------------------------------------------------

@pytest.mark.parametrize("body", OPTIONAL_BODIES, ids=OPTIONAL_BODY_IDS)
def test_create_with_no_fields_gives_a_task_with_the_defaults(api, body):
    r = api.post("/tm/tasks", **json_body(body))
    t = assert_envelope("POST", "/tm/tasks", r)["task"]
    assert isinstance(t["id"], int) and t["id"] >= 1
    assert t["title"] is None and t["description"] is None
    assert t["type"] == "action" and t["priority"] is None
    assert t["isCompleted"] is False and t["isDeleted"] is False and t["isPrivate"] is False
    assert t["completedAt"] is None and t["parentId"] is None
    assert t["duration"] is None and t["overdue"] == 0
    for k in ("startDate", "startDateTime", "dueDate", "dueDateTime"):
        assert t[k] is None, k
    assert t["authorId"] == me(api)
    assert t["userId"] is None
    assert_located(t)


def test_created_task_has_every_spec_property_and_no_other(api):
    t = create_task(api, title="shape")
    expected = set(TASK_PROPERTIES) - LEGACY_DATE_FIELDS
    missing = expected - set(t)
    assert not missing, f"Task lacks {sorted(missing)}"
    extra = set(t) - set(TASK_PROPERTIES)
    assert not extra, f"Task has keys outside the spec: {sorted(extra)}"


def test_created_task_has_the_legacy_date_and_time_properties(api):
    # the spec's Task schema lists them (nullable strings); a client reading them must find them
    t = create_task(api, title="legacy dates")
    missing = LEGACY_DATE_FIELDS - set(t)
    assert not missing, f"Task lacks {sorted(missing)}"
    for k in LEGACY_DATE_FIELDS:
        assert t[k] is None or isinstance(t[k], str), (k, t[k])


@pytest.mark.parametrize("field", ARRAY_FIELDS)
def test_array_properties_of_a_bare_task_are_present_and_empty(fresh_ws, field):
    # a fresh workspace: customFields lists the workspace's global fields
    t = create_task(fresh_ws)
    assert t[field] == [], (field, t[field])
    assert get_task(fresh_ws, t["id"])[field] == []


def test_created_task_property_types(api, people):
    t = create_task(api, title="types", priority=1, assignees=[people["member"]])
    assert isinstance(t["id"], int) and not isinstance(t["id"], bool)
    assert isinstance(t["overdue"], int) and not isinstance(t["overdue"], bool)
    for k in ("isCompleted", "isDeleted", "isPrivate"):
        assert isinstance(t[k], bool), k
    assert is_uuid(t["authorId"]) and is_uuid(t["userId"])
    for k in ("createdAt", "updatedAt"):
        assert ISO_DATETIME.fullmatch(t[k]), (k, t[k])
    assert t["createdAt"] <= t["updatedAt"]


def test_create_answers_exactly_success_and_task_with_json_content_type(api):
    r = api.post("/tm/tasks", json={"title": "envelope"})
    assert r.status_code == 200, r.text
    assert_json_content_type(r)
    assert set(r.json()) == {"success", "task"} and r.json()["success"] is True


def test_get_answers_the_task_create_answered(api, board, people):
    t = create_task(api, title="same", description="d", type="meet", priority=3,
                    boardColumnId=board.cols[1], dueDate="2026-07-01",
                    assignees=[people["owner"]], isPrivate=True)
    assert get_task(api, t["id"]) == t


def test_task_ids_are_distinct_and_increasing(api):
    ids = [create_task(api, title=f"n{i}")["id"] for i in range(3)]
    assert ids == sorted(ids) and len(set(ids)) == 3


# ---- title and description -----------------------------------------------------------------------

@pytest.mark.parametrize("title", ["Задача 📋 «кавычки»", 'q " b \\ s', "tab\tand\nnewline", "007"])
def test_title_is_kept_exactly(api, title):
    t = create_task(api, title=title)
    assert t["title"] == title and get_task(api, t["id"])["title"] == title


def test_title_surrounding_whitespace_is_trimmed(api):
    assert create_task(api, title="  padded \n")["title"] == "padded"


@pytest.mark.parametrize("body", [{}, {"title": None}, {"title": ""}, {"title": "   "}],
                         ids=["absent", "null", "empty", "blank"])
def test_title_absent_null_or_blank_is_stored_as_null(api, body):
    t = create_task(api, **body)
    assert t["title"] is None and get_task(api, t["id"])["title"] is None


@pytest.mark.parametrize("char", ["a", "ё", "\U0001F600"], ids=["ascii", "cyrillic", "emoji"])
def test_title_of_255_code_points_is_accepted(api, char):
    assert create_task(api, title=char * 255)["title"] == char * 255


@pytest.mark.parametrize("char", ["a", "ё", "\U0001F600"], ids=["ascii", "cyrillic", "emoji"])
def test_title_of_256_code_points_is_422(api, char):
    assert_422(post(api, {"title": char * 256}), {"title": [TITLE_TOO_LONG]})


@pytest.mark.parametrize("title", [5, True, ["x"], {"a": 1}], ids=repr)
def test_non_string_title_is_422(api, title):
    assert_422(post(api, {"title": title}), {"title": [TITLE_NOT_STRING]})


@pytest.mark.parametrize("text,html", [
    ("plain text", "<p>plain text</p>"),
    ("a < b & c > d", "<p>a &lt; b &amp; c &gt; d</p>"),
    ("Привет", "<p>Привет</p>"),
    ("<p>already <b>html</b></p>", "<p>already <b>html</b></p>"),
    ("<ul><li>one</li></ul>", "<ul><li>one</li></ul>"),
], ids=["plain", "escaped", "unicode", "html-paragraph", "html-list"])
def test_description_is_stored_as_html(api, text, html):
    t = create_task(api, description=text)
    assert t["description"] == html
    assert get_task(api, t["id"])["description"] == html


def test_description_null_is_null(api):
    assert create_task(api, description=None)["description"] is None


@pytest.mark.parametrize("value", [5, True, ["x"], {"a": 1}], ids=repr)
def test_non_string_description_is_422(api, value):
    assert_422_fields(post(api, {"description": value}), ["description"])


# ---- type, priority, isPrivate -------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["action", "meet", "call"])
def test_type_is_kept(api, kind):
    t = create_task(api, type=kind)
    assert t["type"] == kind and get_task(api, t["id"])["type"] == kind


@pytest.mark.parametrize("kind", ["task", "meeting", 1, True, ["call"]], ids=repr)
def test_unknown_type_is_422(api, kind):
    assert_422_fields(post(api, {"type": kind}), ["type"])


@pytest.mark.parametrize("value,stored", [(0, 0), (1, 1), (2, 2), (3, 3), (None, None),
                                          ("2", 2), (" 3 ", 3), ("", None)],
                         ids=repr)
def test_priority_0_to_3_or_null(api, value, stored):
    t = create_task(api, priority=value)
    assert t["priority"] == stored and get_task(api, t["id"])["priority"] == stored


@pytest.mark.parametrize("value", [4, -1, 100, "high", 1.5, True, [1]], ids=repr)
def test_priority_outside_0_to_3_is_422(api, value):
    assert_422_fields(post(api, {"priority": value}), ["priority"])


@pytest.mark.parametrize("value,expected", [(True, True), (False, False), (1, True), (0, False),
                                            ("1", True), ("0", False)], ids=repr)
def test_is_private_accepts_bool_or_0_1(api, value, expected):
    t = create_task(api, isPrivate=value)
    assert t["isPrivate"] is expected and get_task(api, t["id"])["isPrivate"] is expected


@pytest.mark.parametrize("value", ["maybe", 2, -1, [], {"a": 1}], ids=repr)
def test_bad_is_private_is_422(api, value):
    assert_422(post(api, {"isPrivate": value}), {"isPrivate": [BAD_PRIVATE]})


# ---- dates ---------------------------------------------------------------------------------------

def test_start_and_due_dates_as_days(api):
    t = create_task(api, startDate="2026-03-01", dueDate="2026-03-05")
    assert (t["startDate"], t["dueDate"]) == ("2026-03-01", "2026-03-05")
    assert t["startDateTime"] is None and t["dueDateTime"] is None


def test_date_times_set_the_day_and_the_time(api):
    t = create_task(api, startDateTime="2026-03-01T09:30:00Z", dueDateTime="2026-03-05T18:00:05Z")
    assert (t["startDate"], t["startDateTime"]) == ("2026-03-01", "2026-03-01T09:30:00Z")
    assert (t["dueDate"], t["dueDateTime"]) == ("2026-03-05", "2026-03-05T18:00:05Z")
    assert get_task(api, t["id"]) == t


def test_date_time_with_an_offset_is_stored_in_utc_with_the_utc_day(api):
    t = create_task(api, startDateTime="2026-03-01T01:00:00+03:00",
                    dueDateTime="2026-03-05T22:30:00-02:00")
    assert (t["startDate"], t["startDateTime"]) == ("2026-02-28", "2026-02-28T22:00:00Z")
    assert (t["dueDate"], t["dueDateTime"]) == ("2026-03-06", "2026-03-06T00:30:00Z")


@pytest.mark.parametrize("day", ["2024-02-29", "2026-12-31", "1970-01-01", "2100-01-01"])
def test_calendar_edge_days_are_kept(api, day):
    assert create_task(api, dueDate=day)["dueDate"] == day


@pytest.mark.parametrize("field", ["startDate", "dueDate", "startDateTime", "dueDateTime"])
@pytest.mark.parametrize("value", [None, ""], ids=["null", "empty"])
def test_null_or_empty_dates_on_create_are_no_date(api, field, value):
    t = create_task(api, **{field: value})
    for k in ("startDate", "startDateTime", "dueDate", "dueDateTime"):
        assert t[k] is None, k


@pytest.mark.parametrize("field", ["startDate", "dueDate"])
@pytest.mark.parametrize("value", ["tomorrow", "2026-13-01", "2026-02-30", "2025-02-29",
                                   "2026-1-1x", 20260301, True, ["2026-03-01"]], ids=repr)
def test_invalid_day_is_422_naming_the_field(api, field, value):
    assert_422_fields(post(api, {field: value}), [field])


@pytest.mark.parametrize("field", ["startDateTime", "dueDateTime"])
@pytest.mark.parametrize("value", ["now", "2026-03-01T25:00:00Z", "2026-02-30T10:00:00Z",
                                   "2026-03-01T10:61:00Z", 1767225600, False], ids=repr)
def test_invalid_date_time_is_422_naming_the_field(api, field, value):
    assert_422_fields(post(api, {field: value}), [field])


@pytest.mark.parametrize("day,stamp", [("startDate", "startDateTime"), ("dueDate", "dueDateTime")])
def test_both_forms_of_one_date_are_422_on_the_date_time_field(api, day, stamp):
    r = post(api, {day: "2026-03-01", stamp: "2026-03-01T10:00:00Z"})
    errors = assert_422_fields(r, [stamp])
    assert "cannot be combined" in errors[stamp][0], errors


# ---- tags ----------------------------------------------------------------------------------------

def test_tags_are_kept(api):
    a, b = api.create_tag("task tag a")["id"], api.create_tag("task tag b")["id"]
    t = create_task(api, tags=[a, b])
    assert sorted(t["tags"]) == sorted([a, b])
    assert sorted(get_task(api, t["id"])["tags"]) == sorted([a, b])


def test_tag_ids_may_be_numeric_strings(api):
    a = api.create_tag("string tag")["id"]
    assert create_task(api, tags=[str(a)])["tags"] == [a]


def test_empty_tag_list_is_no_tags(api):
    assert create_task(api, tags=[])["tags"] == []


@pytest.mark.parametrize("bad", [999999999, 0, -1])
def test_unknown_tag_is_422_keyed_by_its_index(api, bad):
    a = api.create_tag("good tag")["id"]
    assert_422_fields(post(api, {"tags": [a, bad]}), ["tags.1"])


@pytest.mark.parametrize("bad", ["abc", 1.5, None, [1], {"id": 1}], ids=repr)
def test_non_integer_tag_is_422_keyed_by_its_index(api, bad):
    assert_422_fields(post(api, {"tags": [bad]}), ["tags.0"])


@pytest.mark.parametrize("value", ["1,2", 5, {"a": 1}], ids=repr)
def test_tags_that_are_not_a_list_are_422(api, value):
    assert_422_fields(post(api, {"tags": value}), ["tags"])


def test_deleted_tag_leaves_the_task(api):
    keep, gone = api.create_tag("keep")["id"], api.create_tag("gone")["id"]
    t = create_task(api, tags=[keep, gone])
    assert api.delete(f"/ws/tags/{gone}").status_code == 200
    assert get_task(api, t["id"])["tags"] == [keep]


# ---- assignees, author ---------------------------------------------------------------------------

def test_user_id_is_the_single_assignee(api, people):
    t = create_task(api, userId=people["member"])
    assert t["assignees"] == [people["member"]] and t["userId"] == people["member"]


def test_assignees_keep_their_order_and_the_first_is_user_id(api, people):
    t = create_task(api, assignees=[people["member"], people["owner"]])
    assert t["assignees"] == [people["member"], people["owner"]]
    assert t["userId"] == people["member"]
    assert get_task(api, t["id"])["assignees"] == t["assignees"]


def test_user_id_comes_first_then_the_assignees_without_duplicates(api, people):
    t = create_task(api, userId=people["member"],
                    assignees=[people["owner"], people["member"], people["owner"]])
    assert t["assignees"] == [people["member"], people["owner"]]
    assert t["userId"] == people["member"]


@pytest.mark.parametrize("body", [{"userId": None}, {"userId": ""}, {"assignees": []},
                                  {"userId": None, "assignees": []}],
                         ids=["null-user", "empty-user", "empty-list", "both-empty"])
def test_no_assignee_when_none_is_given(api, body):
    t = create_task(api, **body)
    assert t["assignees"] == [] and t["userId"] is None


def test_unknown_user_id_is_422(api):
    assert_422(post(api, {"userId": NOBODY}), {"userId": [USER_INVALID]})


@pytest.mark.parametrize("value", ["not-a-uuid", 5, ["x"]], ids=repr)
def test_malformed_user_id_is_422(api, value):
    assert_422_fields(post(api, {"userId": value}), ["userId"])


def test_unknown_assignee_is_422_keyed_by_its_index(api, people):
    errors = assert_422_fields(post(api, {"assignees": [people["owner"], NOBODY]}),
                               ["assignees.1"])
    assert errors["assignees.1"][0].startswith("The selected ")
    assert errors["assignees.1"][0].endswith(" is invalid.")


@pytest.mark.parametrize("value", ["not-a-uuid", 7, None, ["x"]], ids=repr)
def test_malformed_assignee_is_422_keyed_by_its_index(api, value):
    assert_422_fields(post(api, {"assignees": [value]}), ["assignees.0"])


def test_assignees_that_are_not_a_list_are_422(api, people):
    assert_422_fields(post(api, {"assignees": people["owner"]}), ["assignees"])


def test_author_is_the_member_whose_token_created_the_task(api, api_member, people):
    assert create_task(api_member, title="by member")["authorId"] == people["member"]
    assert create_task(api, title="by owner")["authorId"] == people["owner"]


def test_member_of_another_workspace_cannot_be_assigned(api, api_b):
    stranger = me(api_b)
    assert_422(post(api, {"userId": stranger}), {"userId": [USER_INVALID]})
    assert_422_fields(post(api, {"assignees": [stranger]}), ["assignees.0"])


# ---- subtasks ------------------------------------------------------------------------------------

def test_subtask_has_its_parent_and_appears_in_the_parents_sub_tasks(api):
    parent = create_task(api, title="parent")
    kids = [create_task(api, title=f"kid {i}", parentId=parent["id"]) for i in range(2)]
    assert all(k["parentId"] == parent["id"] for k in kids)
    assert sorted(get_task(api, parent["id"])["subTasks"]) == sorted(k["id"] for k in kids)
    assert all(get_task(api, k["id"])["subTasks"] == [] for k in kids)


def test_parent_id_may_be_a_numeric_string(api):
    parent = create_task(api, title="parent")
    assert create_task(api, parentId=str(parent["id"]))["parentId"] == parent["id"]


def test_sub_subtask_is_listed_only_under_its_own_parent(api):
    top = create_task(api, title="top")
    mid = create_task(api, title="mid", parentId=top["id"])
    low = create_task(api, title="low", parentId=mid["id"])
    assert get_task(api, top["id"])["subTasks"] == [mid["id"]]
    assert get_task(api, mid["id"])["subTasks"] == [low["id"]]


def test_parent_id_null_is_a_top_level_task(api):
    assert create_task(api, parentId=None)["parentId"] is None


@pytest.mark.parametrize("value", [999999999, 0, -1, "999999999"], ids=repr)
def test_unknown_parent_is_422(api, value):
    assert_422(post(api, {"parentId": value}), {"parentId": [PARENT_INVALID]})


def test_deleted_parent_is_422(api):
    parent = create_task(api, title="gone")
    assert api.delete(f"/tm/tasks/{parent['id']}").status_code == 200
    assert_422(post(api, {"parentId": parent["id"]}), {"parentId": [PARENT_INVALID]})


@pytest.mark.parametrize("value", ["abc", 1.5, True, [1]], ids=repr)
def test_non_integer_parent_is_422(api, value):
    assert_422_fields(post(api, {"parentId": value}), ["parentId"])


# ---- locations[] ---------------------------------------------------------------------------------

def test_location_with_a_project_only(api):
    pid = new_project(api)
    t = create_task(api, locations=[{"projectId": pid}])
    assert_located(t, loc(pid))


def test_location_with_a_column_puts_the_task_on_its_board(api, board):
    t = create_task(api, locations=[{"projectId": board.pid, "boardColumnId": board.cols[1]}])
    assert_located(t, loc(board.pid, board.bid, board.cols[1]))
    assert column_order(api, board.cols[1]) == [t["id"]]


def test_location_with_a_null_column_is_off_the_board(api, board):
    t = create_task(api, locations=[{"projectId": board.pid, "boardColumnId": None}])
    assert_located(t, loc(board.pid))


def test_several_locations_keep_their_order_and_the_first_is_the_legacy_place(api, board):
    other = make_board(api)
    plain = new_project(api)
    t = create_task(api, locations=[
        {"projectId": other.pid, "boardColumnId": other.cols[2]},
        {"projectId": plain},
        {"projectId": board.pid, "boardColumnId": board.cols[0]}])
    assert_located(t, loc(other.pid, other.bid, other.cols[2]), loc(plain),
                   loc(board.pid, board.bid, board.cols[0]))
    assert get_task(api, t["id"]) == t
    assert column_order(api, other.cols[2]) == [t["id"]]
    assert column_order(api, board.cols[0]) == [t["id"]]


def test_location_ids_may_be_numeric_strings(api, board):
    t = create_task(api, locations=[{"projectId": str(board.pid),
                                     "boardColumnId": str(board.cols[2])}])
    assert_located(t, loc(board.pid, board.bid, board.cols[2]))


def test_tasks_created_in_a_column_are_appended_in_order(api, board):
    ids = [create_task(api, title=f"c{i}", locations=[
        {"projectId": board.pid, "boardColumnId": board.cols[0]}])["id"] for i in range(4)]
    assert column_order(api, board.cols[0]) == ids


def test_empty_location_list_is_no_location(api):
    assert_located(create_task(api, locations=[]))


def test_locations_win_over_the_legacy_fields(api, board):
    other = make_board(api)
    t = create_task(api, locations=[{"projectId": board.pid, "boardColumnId": board.cols[1]}],
                    projectId=other.pid, boardId=other.bid, boardColumnId=other.cols[0])
    assert_located(t, loc(board.pid, board.bid, board.cols[1]))
    assert column_order(api, other.cols[0]) == []


def test_location_column_of_another_project_is_422_on_its_column(api, board):
    other = new_project(api)
    r = post(api, {"locations": [{"projectId": board.pid},
                                 {"projectId": other, "boardColumnId": board.cols[0]}]})
    assert_422_fields(r, ["locations.1.boardColumnId"])
    assert column_order(api, board.cols[0]) == []


def test_location_with_an_unknown_column_is_422(api, board):
    assert_422_fields(post(api, {"locations": [{"projectId": board.pid,
                                                "boardColumnId": 999999999}]}),
                      ["locations.0.boardColumnId"])


@pytest.mark.parametrize("value", [999999999, 0, -1], ids=repr)
def test_location_with_an_unknown_project_is_422(api, value):
    assert_422_fields(post(api, {"locations": [{"projectId": value}]}), ["locations.0.projectId"])


@pytest.mark.parametrize("item", [{}, {"projectId": None}, {"boardColumnId": None}],
                         ids=["empty", "null", "column-only"])
def test_location_without_a_project_is_422_required(api, item):
    assert_422(post(api, {"locations": [item]}), {"locations.0.projectId": [REQUIRED]})


@pytest.mark.parametrize("value", ["abc", 1.5, True], ids=repr)
def test_location_with_a_non_integer_project_is_422(api, value):
    assert_422_fields(post(api, {"locations": [{"projectId": value}]}), ["locations.0.projectId"])


@pytest.mark.parametrize("value", ["x", 5, {"projectId": 1}], ids=repr)
def test_locations_that_are_not_a_list_are_422(api, value):
    assert_422_fields(post(api, {"locations": value}), ["locations"])


@pytest.mark.parametrize("item", ["x", 5, [1]], ids=repr)
def test_location_item_that_is_not_an_object_is_422(api, item):
    r = post(api, {"locations": [item]})
    assert r.status_code == 422, r.text
    assert all(k.startswith("locations.0") for k in r.json()["errors"]), r.json()


def test_same_project_twice_in_locations_is_422(fresh_ws):
    b = make_board(fresh_ws)
    r = post(fresh_ws, {"locations": [{"projectId": b.pid}, {"projectId": b.pid,
                                                             "boardColumnId": b.cols[0]}]})
    assert r.status_code == 422, r.text
    assert r.json()["errors"] and all(k.startswith("locations.") for k in r.json()["errors"])
    assert all_task_ids(fresh_ws) == []


# ---- legacy projectId / boardId / boardColumnId ----------------------------------------------------

def test_legacy_project_alone_is_the_project_only(api):
    pid = new_project(api)
    assert_located(create_task(api, projectId=pid), loc(pid))


def test_legacy_board_alone_is_its_first_column(api, board):
    t = create_task(api, boardId=board.bid)
    assert_located(t, loc(board.pid, board.bid, board.cols[0]))
    assert column_order(api, board.cols[0]) == [t["id"]]


def test_legacy_column_alone_gives_its_board_and_project(api, board):
    t = create_task(api, boardColumnId=board.cols[2])
    assert_located(t, loc(board.pid, board.bid, board.cols[2]))


def test_legacy_project_and_board_is_the_boards_first_column(api, board):
    assert_located(create_task(api, projectId=board.pid, boardId=board.bid),
                   loc(board.pid, board.bid, board.cols[0]))


def test_legacy_all_three_fields(api, board):
    assert_located(create_task(api, projectId=board.pid, boardId=board.bid,
                               boardColumnId=board.cols[1]),
                   loc(board.pid, board.bid, board.cols[1]))


def test_legacy_board_alone_after_its_first_column_was_deleted(api, board):
    assert api.delete(f"/tm/board-columns/{board.cols[0]}").status_code == 200
    assert_located(create_task(api, boardId=board.bid), loc(board.pid, board.bid, board.cols[1]))


def test_legacy_board_alone_on_a_board_without_columns_is_on_the_board(api, board):
    for cid in board.cols:
        assert api.delete(f"/tm/board-columns/{cid}").status_code == 200
    assert_located(create_task(api, boardId=board.bid), loc(board.pid, board.bid, None))


@pytest.mark.parametrize("as_string", [False, True], ids=["numbers", "numeric-strings"])
def test_legacy_ids_as_numbers_or_numeric_strings(api, board, as_string):
    conv = str if as_string else int
    t = create_task(api, projectId=conv(board.pid), boardColumnId=conv(board.cols[1]))
    assert_located(t, loc(board.pid, board.bid, board.cols[1]))
    assert_located(create_task(api, boardId=conv(board.bid)),
                   loc(board.pid, board.bid, board.cols[0]))


@pytest.mark.parametrize("body", [{"projectId": None}, {"projectId": ""},
                                  {"projectId": None, "boardId": None, "boardColumnId": None}],
                         ids=["null", "empty", "all-null"])
def test_legacy_null_fields_are_no_location(api, body):
    assert_located(create_task(api, **body))


def test_legacy_column_of_another_project_is_422_on_the_column(api, board):
    other = new_project(api)
    assert_422_fields(post(api, {"projectId": other, "boardColumnId": board.cols[0]}),
                      ["boardColumnId"])


def test_legacy_board_of_another_project_is_422(api, board):
    other = new_project(api)
    r = post(api, {"projectId": other, "boardId": board.bid})
    assert r.status_code == 422, r.text
    assert set(r.json()["errors"]) <= {"boardId", "projectId"} and r.json()["errors"], r.json()


def test_legacy_column_of_another_board_is_422(api, board):
    other = new_board(api, board.pid, "other")
    r = post(api, {"boardId": other, "boardColumnId": board.cols[0]})
    assert r.status_code == 422, r.text
    assert set(r.json()["errors"]) <= {"boardId", "boardColumnId"} and r.json()["errors"]


@pytest.mark.parametrize("field,message", [("projectId", PROJECT_INVALID),
                                           ("boardId", BOARD_INVALID),
                                           ("boardColumnId", COLUMN_INVALID)])
@pytest.mark.parametrize("value", [999999999, 0, -1, "999999999"], ids=repr)
def test_legacy_unknown_id_is_422_selected_invalid(api, field, message, value):
    assert_422(post(api, {field: value}), {field: [message]})


@pytest.mark.parametrize("field,message", [("projectId", PROJECT_NOT_INT),
                                           ("boardId", BOARD_NOT_INT),
                                           ("boardColumnId", COLUMN_NOT_INT)])
@pytest.mark.parametrize("value", ["abc", 1.5, True, [], "1.5"], ids=repr)
def test_legacy_non_integer_id_is_422(api, field, message, value):
    assert_422(post(api, {field: value}), {field: [message]})


def test_create_from_a_form_encoded_body(api, board):
    r = api.post("/tm/tasks", data={"title": "Форма", "boardColumnId": str(board.cols[1]),
                                    "priority": "2", "isPrivate": "1"})
    t = assert_envelope("POST", "/tm/tasks", r)["task"]
    assert (t["title"], t["priority"], t["isPrivate"]) == ("Форма", 2, True)
    assert_located(t, loc(board.pid, board.bid, board.cols[1]))


# ---- archived projects -----------------------------------------------------------------------------

def test_create_in_an_archived_project_is_422_and_stores_nothing(fresh_ws):
    b = make_board(fresh_ws)
    archive(fresh_ws, b.pid)
    assert_422(post(fresh_ws, {"projectId": b.pid}), {"projectId": [ARCHIVED]})
    assert_422(post(fresh_ws, {"projectId": b.pid, "boardId": b.bid}), {"projectId": [ARCHIVED]})
    assert_422(post(fresh_ws, {"locations": [{"projectId": b.pid}]}),
               {"locations.0.projectId": [ARCHIVED]})
    r = post(fresh_ws, {"boardColumnId": b.cols[0]})
    assert r.status_code == 422 and r.json()["message"] == ARCHIVED, r.text
    assert all_task_ids(fresh_ws) == []


def test_create_works_again_after_un_archive(api, board):
    archive(api, board.pid)
    assert api.post(f"/tm/projects/{board.pid}/un-archive").status_code == 200
    assert_located(create_task(api, boardId=board.bid), loc(board.pid, board.bid, board.cols[0]))


# ---- everything at once, failures, leniency --------------------------------------------------------

def test_create_with_every_field(api, board, people):
    tag = api.create_tag("every field")["id"]
    parent = create_task(api, title="parent")["id"]
    plain = new_project(api)
    t = create_task(api, title="Every field", description="all of them", type="call", priority=0,
                    startDate="2026-01-10", dueDateTime="2026-01-12T15:45:00Z", tags=[tag],
                    userId=people["owner"], assignees=[people["member"]], isPrivate=1,
                    parentId=parent, customFields=[{"id": "x", "value": 1}],
                    locations=[{"projectId": board.pid, "boardColumnId": board.cols[1]},
                               {"projectId": plain}])
    assert t["title"] == "Every field" and t["description"] == "<p>all of them</p>"
    assert (t["type"], t["priority"], t["isPrivate"]) == ("call", 0, True)
    assert (t["startDate"], t["startDateTime"]) == ("2026-01-10", None)
    assert (t["dueDate"], t["dueDateTime"]) == ("2026-01-12", "2026-01-12T15:45:00Z")
    assert t["tags"] == [tag] and t["parentId"] == parent
    assert t["assignees"] == [people["owner"], people["member"]]
    assert t["userId"] == people["owner"] and t["authorId"] == people["owner"]
    # the array form is ignored: the global fields other suites made in this shared
    # workspace may be listed, none with a value
    assert all(e["value"] is None for e in t["customFields"])
    assert_located(t, loc(board.pid, board.bid, board.cols[1]), loc(plain))
    assert get_task(api, t["id"]) == t


def test_unknown_body_fields_are_ignored(api):
    t = create_task(api, title="known", bogus=[1, 2], id=999999999, isDeleted=True,
                    isCompleted=True, authorId=NOBODY, overdue=5)
    assert t["id"] != 999999999 and t["title"] == "known"
    assert t["isDeleted"] is False and t["isCompleted"] is False
    assert t["authorId"] == me(api) and t["overdue"] == 0


def test_create_names_every_failing_field(api):
    r = post(api, {"title": 5, "priority": 9, "type": "x", "isPrivate": "x",
                   "projectId": "p", "parentId": 999999999, "tags": ["t"],
                   "assignees": [NOBODY], "dueDate": "nope"})
    assert_422_fields(r, ["title", "priority", "type", "isPrivate", "projectId", "parentId",
                          "tags.0", "assignees.0", "dueDate"])


def test_failed_creates_store_nothing(fresh_ws):
    b = make_board(fresh_ws)
    for body in ({"title": "x" * 256}, {"title": "ok", "priority": 7},
                 {"title": "ok", "boardColumnId": 999999999},
                 {"title": "ok", "boardColumnId": b.cols[0], "tags": [999999999]},
                 {"title": "ok", "boardColumnId": b.cols[0], "assignees": [NOBODY]},
                 {"title": "ok", "locations": [{"projectId": b.pid}, {"projectId": 999999999}]},
                 {"title": "ok", "dueDate": "2026-03-01", "dueDateTime": "2026-03-01T00:00:00Z"}):
        assert post(fresh_ws, body).status_code == 422, body
    assert all_task_ids(fresh_ws) == []
    assert column_order(fresh_ws, b.cols[0]) == []


def test_create_without_a_token_is_401(anon):
    r = anon.post("/tm/tasks", json={"title": "x"})
    assert r.status_code == 401


# ---- ids of another workspace ------------------------------------------------------------------------

@pytest.fixture
def b_things(api_b):
    """Workspace B's project, board, columns, tag, member and task."""
    b = make_board(api_b)
    return {"board": b, "tag": api_b.create_tag("B tag")["id"], "member": me(api_b),
            "task": create_task(api_b, title="B task")["id"]}


@pytest.mark.parametrize("make_body,field", [
    (lambda x: {"projectId": x["board"].pid}, "projectId"),
    (lambda x: {"boardId": x["board"].bid}, "boardId"),
    (lambda x: {"boardColumnId": x["board"].cols[0]}, "boardColumnId"),
    (lambda x: {"locations": [{"projectId": x["board"].pid}]}, "locations.0.projectId"),
    (lambda x: {"tags": [x["tag"]]}, "tags.0"),
    (lambda x: {"userId": x["member"]}, "userId"),
    (lambda x: {"assignees": [x["member"]]}, "assignees.0"),
    (lambda x: {"parentId": x["task"]}, "parentId"),
], ids=["project", "board", "column", "location", "tag", "user", "assignee", "parent"])
def test_ids_of_another_workspace_in_the_body_are_422_and_store_nothing(fresh_ws, api_b,
                                                                        b_things, make_body,
                                                                        field):
    r = post(fresh_ws, {"title": "cross", **make_body(b_things)})
    assert_422_fields(r, [field])
    assert all_task_ids(fresh_ws) == []
    assert column_order(api_b, b_things["board"].cols[0]) == []
    assert get_task(api_b, b_things["task"])["subTasks"] == []


def test_column_of_another_workspace_inside_a_location_is_422(api, board, api_b, b_things):
    r = post(api, {"locations": [{"projectId": board.pid,
                                  "boardColumnId": b_things["board"].cols[0]}]})
    assert_422_fields(r, ["locations.0.boardColumnId"])
    assert column_order(api_b, b_things["board"].cols[0]) == []
    assert column_ids(api, board.bid) == board.cols


def test_legacy_date_and_time_properties_mirror_the_dates(api):
    # src/api/present/task_json.c: date/time = due day (dd.mm.yyyy) and time; dateStart/dateEnd the
    # start and due days (Y-m-d); timeStart/timeEnd their times (HH:MM, UTC)
    t = create_task(api, title="legacy mirror", startDateTime="2026-03-19T09:30:00Z",
                    dueDate="2026-03-21")
    assert (t["date"], t["time"], t["dateStart"], t["dateEnd"], t["timeStart"], t["timeEnd"]) == (
        "21.03.2026", None, "2026-03-19", "2026-03-21", "09:30", None)


# ---- the legacy `day` (issue 13 item 2; tm-notes §2.8) -------------------------------------

@pytest.mark.parametrize("sent", ["28.11.2026", "2026-11-28", " 28.11.2026 "])
def test_day_on_create_is_the_scheduled_day_echoed_in_date_and_found_by_the_filter(fresh_ws,
                                                                                 sent):
    r = fresh_ws.post("/tm/tasks", json={"title": "with day", "day": sent})
    assert r.status_code == 200, r.text
    t = r.json()["task"]
    assert t["date"] == "28.11.2026"
    assert t["dueDate"] == "2026-11-28" and t["dueDateTime"] is None
    for q in ("28.11.2026", "2026-11-28"):
        listed = fresh_ws.get("/tm/tasks", params={"day": q}).json()["tasks"]
        assert [x["id"] for x in listed] == [t["id"]]
    assert fresh_ws.get("/tm/tasks", params={"day": "29.11.2026"}).json()["tasks"] == []


def test_day_on_update_moves_the_scheduled_day(fresh_ws):
    t = fresh_ws.post("/tm/tasks", json={"title": "later"}).json()["task"]
    assert t["date"] is None
    r = fresh_ws.put(f"/tm/tasks/{t['id']}", json={"day": "15.03.2027"})
    assert r.status_code == 200, r.text
    assert r.json()["task"]["date"] == "15.03.2027"
    listed = fresh_ws.get("/tm/tasks", params={"day": "15.03.2027"}).json()["tasks"]
    assert [x["id"] for x in listed] == [t["id"]]


def test_due_date_sent_beside_day_wins(fresh_ws):
    r = fresh_ws.post("/tm/tasks", json={"title": "both", "day": "01.01.2027",
                                         "dueDate": "2027-02-02"})
    assert r.status_code == 200, r.text
    assert r.json()["task"]["date"] == "02.02.2027"


@pytest.mark.parametrize("bad", ["31.02.2027", "2027/01/01", "tomorrow", "1.1.27"])
def test_a_day_that_is_no_date_is_422_and_nothing_is_made(fresh_ws, bad):
    r = fresh_ws.post("/tm/tasks", json={"title": "bad day", "day": bad})
    assert r.status_code == 422, r.text
    assert r.json()["errors"] == {"day": ["The day does not match the format d.m.Y."]}
    assert fresh_ws.get("/tm/tasks").json()["tasks"] == []

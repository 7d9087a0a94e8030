"""PUT /tm/tasks/{id}: a partial update answering the full task (tm-notes §2.7,
docs/internals/tasks.md "Update"): only keys present change, `{}` is a no-op, null clears
priority / dates / duration, type null is ignored, description / assignees / userId /
isCompleted are ignored as live, tags replace the set, legacy projectId/boardId/boardColumnId
move the task, unknown keys are ignored; every invalid field is 422 and changes nothing."""
import time

import pytest

from tasks_kit import (TITLE_NOT_STRING, TITLE_TOO_LONG, assert_422_fields, assert_located, board,
                       column_order, create_task, get_task, json_body, loc, make_board, people,
                       put_task, tasks_in)
from weeekd_http import (BAD_PRIVATE, BOARD_INVALID, COLUMN_INVALID, OPTIONAL_BODIES,
                         OPTIONAL_BODY_IDS, RECORD_NOT_FOUND, assert_422, assert_envelope,
                         new_board, new_project)

__all__ = ["board", "people"]  # fixtures used here


@pytest.fixture
def task(api, board, people):
    """A task with most fields set, in the board's second column."""
    tag = api.create_tag("update tag")["id"]
    return create_task(api, title="Original", description="text", type="meet", priority=2,
                       startDate="2026-04-01", dueDateTime="2026-04-03T12:00:00Z",
                       tags=[tag], assignees=[people["owner"]], isPrivate=False,
                       boardColumnId=board.cols[1])


def body_id(body):
    """A short test id for a request body."""
    return ",".join(f"{k}={str(v)[:12]}" for k, v in body.items())


def same_but(before, after, **changed):
    """after equals before except for the changed keys (and updatedAt; and the fields derived
    from a changed date: overdue, tested in test_tm_tasks.py, and the legacy date/time
    fields, tested in test_tm_tasks_create.py)."""
    skip = set(changed) | {"updatedAt"}
    if {"dueDate", "dueDateTime"} & set(changed):
        skip |= {"overdue", "date", "time", "dateEnd", "timeEnd"}
    if {"startDate", "startDateTime"} & set(changed):
        skip |= {"dateStart", "timeStart"}
    assert {k: v for k, v in after.items() if k not in skip} == \
        {k: v for k, v in before.items() if k not in skip}
    for k, v in changed.items():
        assert after[k] == v, (k, after[k], v)


# ---- the answer -------------------------------------------------------------------------------

def test_update_answers_success_and_the_full_task(api, task):
    r = api.put(f"/tm/tasks/{task['id']}", json={"title": "Renamed"})
    body = assert_envelope("PUT", "/tm/tasks/{id}", r)
    assert set(body) == {"success", "task"}
    same_but(task, body["task"], title="Renamed")
    assert body["task"] == get_task(api, task["id"])


@pytest.mark.parametrize("body", OPTIONAL_BODIES, ids=OPTIONAL_BODY_IDS)
def test_update_with_an_empty_body_is_a_200_no_op(api, task, body):
    r = api.put(f"/tm/tasks/{task['id']}", **json_body(body))
    got = assert_envelope("PUT", "/tm/tasks/{id}", r)["task"]
    same_but(task, got)
    same_but(task, get_task(api, task["id"]))


def test_unknown_keys_are_ignored(api, task):
    got = put_task(api, task["id"], {"bogus": 1, "id": 999999999, "isDeleted": True,
                                     "authorId": "00000000-0000-4000-8000-000000000000",
                                     "subTasks": [1], "overdue": 9})
    same_but(task, got)


def test_updated_at_moves_forward_on_a_write(api, task):
    time.sleep(1.1)
    got = put_task(api, task["id"], {"title": "later"})
    assert got["updatedAt"] > task["updatedAt"]
    assert got["createdAt"] == task["createdAt"]


# ---- one field at a time ----------------------------------------------------------------------

@pytest.mark.parametrize("body,changed", [
    ({"title": "New title"}, {"title": "New title"}),
    ({"title": "  trimmed  "}, {"title": "trimmed"}),
    ({"title": None}, {"title": None}),
    ({"title": ""}, {"title": None}),
    ({"priority": 0}, {"priority": 0}),
    ({"priority": "3"}, {"priority": 3}),
    ({"priority": None}, {"priority": None}),
    ({"type": "call"}, {"type": "call"}),
    ({"type": "action"}, {"type": "action"}),
    ({"isPrivate": True}, {"isPrivate": True}),
    ({"isPrivate": 1}, {"isPrivate": True}),
    ({"isPrivate": "0"}, {"isPrivate": False}),
    ({"duration": 90}, {"duration": 90}),
    ({"duration": "45"}, {"duration": 45}),
    ({"dueDate": "2026-05-01"}, {"dueDate": "2026-05-01", "dueDateTime": None}),
    ({"dueDate": None}, {"dueDate": None, "dueDateTime": None}),
    ({"dueDate": ""}, {"dueDate": None, "dueDateTime": None}),
    ({"startDate": None}, {"startDate": None, "startDateTime": None}),
    ({"startDate": ""}, {"startDate": None, "startDateTime": None}),
    ({"startDate": "2026-03-30"}, {"startDate": "2026-03-30", "startDateTime": None}),
    ({"startDateTime": "2026-03-30T08:15:00Z"},
     {"startDate": "2026-03-30", "startDateTime": "2026-03-30T08:15:00Z"}),
    ({"dueDateTime": "2026-04-04T23:30:00-01:00"},
     {"dueDate": "2026-04-05", "dueDateTime": "2026-04-05T00:30:00Z"}),
], ids=lambda v: body_id(v) if isinstance(v, dict) else "")
def test_update_changes_only_the_fields_sent(api, task, body, changed):
    got = put_task(api, task["id"], body)
    same_but(task, got, **changed)


def test_sending_a_day_clears_the_time_of_that_date_only(api, task):
    got = put_task(api, task["id"], {"dueDate": "2026-04-03"})
    assert (got["dueDate"], got["dueDateTime"]) == ("2026-04-03", None)
    assert (got["startDate"], got["startDateTime"]) == (task["startDate"], task["startDateTime"])


def test_duration_null_clears_it(api, task):
    put_task(api, task["id"], {"duration": 30})
    got = put_task(api, task["id"], {"duration": None})
    same_but(task, got, duration=None)


def test_type_null_is_ignored(api, task):
    same_but(task, put_task(api, task["id"], {"type": None}))


@pytest.mark.parametrize("body", [
    {"description": "changed"}, {"description": None},
    {"assignees": []}, {"assignees": ["00000000-0000-4000-8000-000000000000"]},
    {"userId": None}, {"userId": "00000000-0000-4000-8000-000000000000"},
    {"isCompleted": True}, {"isCompleted": 1},
], ids=["description", "description-null", "assignees-empty", "assignees-unknown",
        "user-null", "user-unknown", "completed-true", "completed-1"])
def test_fields_the_live_api_ignores_on_update_are_ignored(api, task, body):
    same_but(task, put_task(api, task["id"], body))


def test_is_completed_false_does_not_reopen_a_completed_task(api, task):
    assert api.post(f"/tm/tasks/{task['id']}/complete").status_code == 200
    done = get_task(api, task["id"])
    got = put_task(api, task["id"], {"isCompleted": False})
    assert got["isCompleted"] is True and got["completedAt"] == done["completedAt"]


def test_tags_replace_the_set(api, task):
    a, b = api.create_tag("replace a")["id"], api.create_tag("replace b")["id"]
    got = put_task(api, task["id"], {"tags": [a, str(b)]})
    assert sorted(got["tags"]) == sorted([a, b])
    same_but(task, got, tags=got["tags"])
    assert put_task(api, task["id"], {"tags": []})["tags"] == []


def test_several_fields_at_once(api, task):
    got = put_task(api, task["id"], {"title": "multi", "priority": None, "type": "action",
                                     "dueDate": None, "duration": 15, "isPrivate": 1})
    same_but(task, got, title="multi", priority=None, type="action", dueDate=None,
             dueDateTime=None, duration=15, isPrivate=True)


@pytest.mark.parametrize("char", ["a", "ё"], ids=["ascii", "cyrillic"])
def test_title_of_255_code_points_is_accepted(api, task, char):
    assert put_task(api, task["id"], {"title": char * 255})["title"] == char * 255


def test_update_from_a_form_encoded_body(api, task):
    r = api.put(f"/tm/tasks/{task['id']}", data={"title": "form title", "priority": "1"})
    got = assert_envelope("PUT", "/tm/tasks/{id}", r)["task"]
    same_but(task, got, title="form title", priority=1)


# ---- legacy moves -----------------------------------------------------------------------------

def test_legacy_column_alone_moves_the_task_within_its_board(api, board, task):
    others = tasks_in(api, board.cols[2], 2)
    got = put_task(api, task["id"], {"boardColumnId": board.cols[2]})
    assert_located(got, loc(board.pid, board.bid, board.cols[2]))
    assert column_order(api, board.cols[2]) == others + [task["id"]]
    assert column_order(api, board.cols[1]) == []


def test_legacy_column_of_another_board_of_the_project_moves_it_there(api, board, task):
    bid2 = new_board(api, board.pid, "second")
    col = column_ids_of(api, bid2)[1]
    got = put_task(api, task["id"], {"boardColumnId": str(col)})
    assert_located(got, loc(board.pid, bid2, col))


def test_legacy_board_moves_the_task_to_its_first_column(api, board, task):
    bid2 = new_board(api, board.pid, "second")
    got = put_task(api, task["id"], {"boardId": bid2})
    assert_located(got, loc(board.pid, bid2, column_ids_of(api, bid2)[0]))


def test_legacy_board_and_column_together(api, board, task):
    bid2 = new_board(api, board.pid, "second")
    col = column_ids_of(api, bid2)[2]
    got = put_task(api, task["id"], {"boardId": bid2, "boardColumnId": col})
    assert_located(got, loc(board.pid, bid2, col))


def test_legacy_move_of_a_task_without_location_places_it(api, board):
    t = create_task(api, title="homeless")
    got = put_task(api, t["id"], {"boardColumnId": board.cols[0]})
    assert_located(got, loc(board.pid, board.bid, board.cols[0]))
    assert column_order(api, board.cols[0]) == [t["id"]]


def test_legacy_move_keeps_the_other_locations(api, board):
    plain = new_project(api)
    t = create_task(api, locations=[{"projectId": board.pid, "boardColumnId": board.cols[0]},
                                    {"projectId": plain}])
    got = put_task(api, t["id"], {"boardColumnId": board.cols[2]})
    assert_located(got, loc(board.pid, board.bid, board.cols[2]), loc(plain))


def test_legacy_project_the_task_is_already_in_leaves_it_on_its_board(api, board, task):
    got = put_task(api, task["id"], {"projectId": board.pid})
    assert_located(got, loc(board.pid, board.bid, board.cols[1]))


def column_ids_of(api, bid):
    r = api.get("/tm/board-columns", params={"boardId": bid})
    assert r.status_code == 200, r.text
    return [c["id"] for c in r.json()["boardColumns"]]


# ---- refusals ---------------------------------------------------------------------------------

@pytest.mark.parametrize("body,fields", [
    ({"title": "x" * 256}, ["title"]),
    ({"title": "ё" * 256}, ["title"]),
    ({"title": 5}, ["title"]),
    ({"priority": 4}, ["priority"]),
    ({"priority": -1}, ["priority"]),
    ({"priority": "high"}, ["priority"]),
    ({"type": "task"}, ["type"]),
    ({"type": 2}, ["type"]),
    ({"isPrivate": "maybe"}, ["isPrivate"]),
    ({"duration": "abc"}, ["duration"]),
    ({"duration": 1.5}, ["duration"]),
    ({"dueDate": "2026-02-30"}, ["dueDate"]),
    ({"startDate": "soon"}, ["startDate"]),
    ({"startDateTime": "2026-03-01T24:61:00Z"}, ["startDateTime"]),
    ({"dueDate": "2026-03-01", "dueDateTime": "2026-03-01T10:00:00Z"}, ["dueDateTime"]),
    ({"startDate": "2026-03-01", "startDateTime": "2026-03-01T10:00:00Z"}, ["startDateTime"]),
    ({"tags": ["x"]}, ["tags.0"]),
    ({"tags": [999999999]}, ["tags.0"]),
    ({"tags": "1"}, ["tags"]),
    ({"boardColumnId": 999999999}, ["boardColumnId"]),
    ({"boardColumnId": "abc"}, ["boardColumnId"]),
    ({"boardId": 999999999}, ["boardId"]),
    ({"projectId": 999999999}, ["projectId"]),
    ({"title": 5, "priority": 9, "type": "x"}, ["title", "priority", "type"]),
], ids=lambda v: body_id(v) if isinstance(v, dict) else "")
def test_invalid_update_is_422_naming_the_field_and_changes_nothing(api, board, task, body,
                                                                    fields):
    r = api.put(f"/tm/tasks/{task['id']}", json=body)
    assert_422_fields(r, fields)
    assert get_task(api, task["id"]) == task
    assert column_order(api, board.cols[1]) == [task["id"]]


def test_update_title_messages(api, task):
    assert_422(api.put(f"/tm/tasks/{task['id']}", json={"title": "я" * 256}),
               {"title": [TITLE_TOO_LONG]})
    assert_422(api.put(f"/tm/tasks/{task['id']}", json={"title": ["x"]}),
               {"title": [TITLE_NOT_STRING]})
    assert_422(api.put(f"/tm/tasks/{task['id']}", json={"isPrivate": "x"}),
               {"isPrivate": [BAD_PRIVATE]})
    assert_422(api.put(f"/tm/tasks/{task['id']}", json={"boardColumnId": 999999999}),
               {"boardColumnId": [COLUMN_INVALID]})
    assert_422(api.put(f"/tm/tasks/{task['id']}", json={"boardId": 999999999}),
               {"boardId": [BOARD_INVALID]})


def test_dates_cannot_be_combined_message(api, task):
    r = api.put(f"/tm/tasks/{task['id']}",
                json={"startDate": "2026-03-01", "startDateTime": "2026-03-01T10:00:00Z"})
    errors = assert_422_fields(r, ["startDateTime"])
    assert "cannot be combined" in errors["startDateTime"][0]


def test_legacy_column_of_another_project_with_its_project_is_422(api, board, task):
    other = make_board(api)
    r = api.put(f"/tm/tasks/{task['id']}", json={"projectId": board.pid,
                                                 "boardColumnId": other.cols[0]})
    assert_422_fields(r, ["boardColumnId"])
    assert get_task(api, task["id"]) == task


def test_put_on_a_missing_task_is_404_even_with_an_invalid_body(api):
    for body in ({"title": "x"}, {"title": 5}, {}):
        r = api.put("/tm/tasks/999999999", json=body)
        assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND, r.text


def test_put_on_a_deleted_task_is_404_and_changes_nothing(api, task):
    assert api.delete(f"/tm/tasks/{task['id']}").status_code == 200
    before = get_task(api, task["id"])
    r = api.put(f"/tm/tasks/{task['id']}", json={"title": "zombie"})
    assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND
    assert get_task(api, task["id"]) == before


def test_update_of_a_subtask_keeps_its_parent(api, task):
    kid = create_task(api, title="kid", parentId=task["id"])
    got = put_task(api, kid["id"], {"title": "kid renamed", "parentId": None})
    assert got["parentId"] == task["id"]
    assert get_task(api, task["id"])["subTasks"] == [kid["id"]]

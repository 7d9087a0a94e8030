"""Where a task lives: change board (`{success, boardId, boardColumnId}`, boardId null = off
the board), change column (+ upperTaskId ordering), locations add / remove (204, no body),
the column order as GET /tm/tasks?boardColumnId=X shows it (checked against a Python model
over seeded random moves, creates and deletes), and the structural rules of docs/internals/tasks.md: a deleted
column hands its tasks to the first remaining column (the last one: they stay on the board
with no column), a deleted board keeps its tasks in the project, a deleted project removes
the location; archived projects."""
import random
import time

import pytest

from tasks_kit import (assert_422_fields, assert_located, assert_no_content, board, column_ids,
                       column_order, create_task, get_task, json_body, loc, make_board, new_column,
                       tasks_in)
from weeekd_http import (ARCHIVED, BOARD_INVALID, BOARD_NOT_INT, COLUMN_INVALID, COLUMN_NOT_INT,
                         OPTIONAL_BODIES, OPTIONAL_BODY_IDS, PROJECT_INVALID, REQUIRED, archive,
                         assert_422, new_board, new_project, validate_success)

__all__ = ["board"]  # fixtures used here


def change_board(api, tid, bid):
    r = api.post(f"/tm/tasks/{tid}/board", json={"boardId": bid})
    assert r.status_code == 200, r.text
    body = r.json()
    validate_success("POST", "/tm/tasks/{id}/board", body)
    assert set(body) == {"success", "boardId", "boardColumnId"} and body["success"] is True
    return body


def change_column(api, tid, cid, **extra):
    r = api.post(f"/tm/tasks/{tid}/board-column", json={"boardColumnId": cid, **extra})
    assert r.status_code == 200, r.text
    assert r.content == b'{"success":true}'
    validate_success("POST", "/tm/tasks/{id}/board-column", r.json())


def place(api, tid, **body):
    r = api.post(f"/tm/tasks/{tid}/locations", json=body, check_ct=False)
    assert_no_content(r)


def unplace(api, tid, **body):
    r = api.delete(f"/tm/tasks/{tid}/locations", json=body, check_ct=False)
    assert_no_content(r)


# ---- change board -----------------------------------------------------------------------------

def test_change_board_moves_to_the_first_column_and_answers_where(api, board):
    t = create_task(api, title="mover", boardColumnId=board.cols[1])
    bid2 = new_board(api, board.pid, "second")
    cols2 = column_ids(api, bid2)
    already = tasks_in(api, cols2[0], 2)
    body = change_board(api, t["id"], bid2)
    assert body == {"success": True, "boardId": bid2, "boardColumnId": cols2[0]}
    assert_located(get_task(api, t["id"]), loc(board.pid, bid2, cols2[0]))
    assert column_order(api, cols2[0]) == already + [t["id"]]
    assert column_order(api, board.cols[1]) == []


def test_change_board_to_its_own_board_keeps_the_column(api, board):
    # docs/internals/tasks.md: a task already on the board stays in its column (a no-op)
    t = create_task(api, title="home", boardColumnId=board.cols[2])
    body = change_board(api, t["id"], board.bid)
    assert body == {"success": True, "boardId": board.bid, "boardColumnId": board.cols[2]}
    assert_located(get_task(api, t["id"]), loc(board.pid, board.bid, board.cols[2]))


def test_change_board_id_may_be_a_numeric_string(api, board):
    t = create_task(api, title="string")
    r = api.post(f"/tm/tasks/{t['id']}/board", json={"boardId": str(board.bid)})
    assert r.status_code == 200, r.text
    assert r.json() == {"success": True, "boardId": board.bid, "boardColumnId": board.cols[0]}


def test_change_board_null_takes_the_task_off_the_board_and_keeps_the_project(api, board):
    t = create_task(api, title="off", boardColumnId=board.cols[1])
    body = change_board(api, t["id"], None)
    assert body == {"success": True, "boardId": None, "boardColumnId": None}
    assert_located(get_task(api, t["id"]), loc(board.pid))
    assert column_order(api, board.cols[1]) == []


def test_change_board_null_acts_on_the_first_location_only(api, board):
    other = make_board(api)
    t = create_task(api, locations=[{"projectId": board.pid, "boardColumnId": board.cols[0]},
                                    {"projectId": other.pid, "boardColumnId": other.cols[0]}])
    change_board(api, t["id"], None)
    assert_located(get_task(api, t["id"]), loc(board.pid),
                   loc(other.pid, other.bid, other.cols[0]))


def test_change_board_picks_the_location_in_the_boards_project(api, board):
    other = make_board(api)
    t = create_task(api, locations=[{"projectId": board.pid, "boardColumnId": board.cols[0]},
                                    {"projectId": other.pid}])
    body = change_board(api, t["id"], other.bid)
    assert body == {"success": True, "boardId": other.bid, "boardColumnId": other.cols[0]}
    assert_located(get_task(api, t["id"]), loc(board.pid, board.bid, board.cols[0]),
                   loc(other.pid, other.bid, other.cols[0]))


def test_change_board_to_another_project_moves_the_first_location(api, board):
    other = make_board(api)
    t = create_task(api, title="cross", boardColumnId=board.cols[1])
    change_board(api, t["id"], other.bid)
    assert_located(get_task(api, t["id"]), loc(other.pid, other.bid, other.cols[0]))
    assert column_order(api, board.cols[1]) == []
    assert column_order(api, other.cols[0]) == [t["id"]]


def test_change_board_of_a_task_without_location_adds_one(api, board):
    t = create_task(api, title="nowhere")
    change_board(api, t["id"], board.bid)
    assert_located(get_task(api, t["id"]), loc(board.pid, board.bid, board.cols[0]))


def test_change_board_to_a_board_without_columns_puts_it_on_the_board(api, board):
    bid2 = new_board(api, board.pid, "bare")
    for cid in column_ids(api, bid2):
        assert api.delete(f"/tm/board-columns/{cid}").status_code == 200
    t = create_task(api, title="bare", boardColumnId=board.cols[0])
    body = change_board(api, t["id"], bid2)
    assert body == {"success": True, "boardId": bid2, "boardColumnId": None}
    assert_located(get_task(api, t["id"]), loc(board.pid, bid2, None))


@pytest.mark.parametrize("value,message", [(999999999, BOARD_INVALID), (0, BOARD_INVALID),
                                           (-1, BOARD_INVALID), ("abc", BOARD_NOT_INT),
                                           (1.5, BOARD_NOT_INT), (True, BOARD_NOT_INT)],
                         ids=repr)
def test_change_board_with_a_bad_board_is_422_and_changes_nothing(api, board, value, message):
    t = create_task(api, title="stays", boardColumnId=board.cols[1])
    assert_422(api.post(f"/tm/tasks/{t['id']}/board", json={"boardId": value}),
               {"boardId": [message]})
    assert get_task(api, t["id"]) == t


def test_change_board_to_a_deleted_board_is_422(api, board):
    bid2 = new_board(api, board.pid, "doomed")
    assert api.delete(f"/tm/boards/{bid2}").status_code == 200
    t = create_task(api, title="stays", boardColumnId=board.cols[1])
    assert_422(api.post(f"/tm/tasks/{t['id']}/board", json={"boardId": bid2}),
               {"boardId": [BOARD_INVALID]})
    assert get_task(api, t["id"]) == t


# ---- change column ----------------------------------------------------------------------------

def test_change_column_appends_the_task_to_the_column(api, board):
    t = create_task(api, title="mover", boardColumnId=board.cols[0])
    there = tasks_in(api, board.cols[2], 3)
    change_column(api, t["id"], board.cols[2])
    assert_located(get_task(api, t["id"]), loc(board.pid, board.bid, board.cols[2]))
    assert column_order(api, board.cols[2]) == there + [t["id"]]
    assert column_order(api, board.cols[0]) == []


def test_change_column_places_the_task_just_below_upper_task(api, board):
    there = tasks_in(api, board.cols[2], 3)
    t = create_task(api, title="mover", boardColumnId=board.cols[0])
    change_column(api, t["id"], board.cols[2], upperTaskId=there[0])
    assert column_order(api, board.cols[2]) == [there[0], t["id"], there[1], there[2]]
    change_column(api, t["id"], board.cols[2], upperTaskId=str(there[2]))
    assert column_order(api, board.cols[2]) == there + [t["id"]]


@pytest.mark.parametrize("who,upper,expected", [
    (0, 2, [1, 2, 0, 3]),
    (3, 0, [0, 3, 1, 2]),
    (1, 0, [0, 1, 2, 3]),   # below its own predecessor: stays
    (2, 2, [0, 1, 2, 3]),   # below itself: stays
    (0, 3, [1, 2, 3, 0]),
], ids=["down", "up", "below-predecessor", "below-itself", "to-the-end"])
def test_change_column_within_the_same_column_reorders(api, board, who, upper, expected):
    ids = tasks_in(api, board.cols[1], 4)
    change_column(api, ids[who], board.cols[1], upperTaskId=ids[upper])
    assert column_order(api, board.cols[1]) == [ids[i] for i in expected]


def test_change_column_to_its_own_column_without_upper_task_appends_it(api, board):
    ids = tasks_in(api, board.cols[1], 3)
    change_column(api, ids[0], board.cols[1])
    assert column_order(api, board.cols[1]) == [ids[1], ids[2], ids[0]]


def test_change_column_upper_task_null_appends(api, board):
    ids = tasks_in(api, board.cols[1], 2)
    t = create_task(api, title="mover")["id"]
    change_column(api, t, board.cols[1], upperTaskId=None)
    assert column_order(api, board.cols[1]) == ids + [t]


def test_change_column_to_another_board_of_the_project(api, board):
    bid2 = new_board(api, board.pid, "second")
    col = column_ids(api, bid2)[1]
    t = create_task(api, title="mover", boardColumnId=board.cols[0])
    change_column(api, t["id"], col)
    assert_located(get_task(api, t["id"]), loc(board.pid, bid2, col))


def test_change_column_picks_the_location_in_the_columns_project(api, board):
    other = make_board(api)
    t = create_task(api, locations=[{"projectId": board.pid, "boardColumnId": board.cols[0]},
                                    {"projectId": other.pid, "boardColumnId": other.cols[0]}])
    change_column(api, t["id"], other.cols[2])
    assert_located(get_task(api, t["id"]), loc(board.pid, board.bid, board.cols[0]),
                   loc(other.pid, other.bid, other.cols[2]))


def test_change_column_to_another_project_moves_the_first_location(api, board):
    other = make_board(api)
    plain = new_project(api)
    t = create_task(api, locations=[{"projectId": board.pid, "boardColumnId": board.cols[0]},
                                    {"projectId": plain}])
    change_column(api, t["id"], other.cols[1])
    assert_located(get_task(api, t["id"]), loc(other.pid, other.bid, other.cols[1]), loc(plain))
    assert column_order(api, board.cols[0]) == []


def test_change_column_of_a_task_without_location_adds_one(api, board):
    t = create_task(api, title="nowhere")
    change_column(api, t["id"], board.cols[1])
    assert_located(get_task(api, t["id"]), loc(board.pid, board.bid, board.cols[1]))


def test_change_column_with_an_upper_task_of_another_column_is_422(api, board):
    elsewhere = tasks_in(api, board.cols[0], 1)[0]
    there = tasks_in(api, board.cols[2], 2)
    t = create_task(api, title="stays", boardColumnId=board.cols[1])
    r = api.post(f"/tm/tasks/{t['id']}/board-column",
                 json={"boardColumnId": board.cols[2], "upperTaskId": elsewhere})
    assert_422_fields(r, ["upperTaskId"])
    assert get_task(api, t["id"]) == t
    assert column_order(api, board.cols[2]) == there


@pytest.mark.parametrize("value", [999999999, "abc", 0], ids=repr)
def test_change_column_with_a_bad_upper_task_is_422(api, board, value):
    t = create_task(api, title="stays", boardColumnId=board.cols[1])
    r = api.post(f"/tm/tasks/{t['id']}/board-column",
                 json={"boardColumnId": board.cols[2], "upperTaskId": value})
    assert_422_fields(r, ["upperTaskId"])
    assert get_task(api, t["id"]) == t


@pytest.mark.parametrize("value,message", [(999999999, COLUMN_INVALID), (0, COLUMN_INVALID),
                                           ("abc", COLUMN_NOT_INT), (1.5, COLUMN_NOT_INT),
                                           ([], COLUMN_NOT_INT)], ids=repr)
def test_change_column_with_a_bad_column_is_422(api, board, value, message):
    t = create_task(api, title="stays", boardColumnId=board.cols[1])
    assert_422(api.post(f"/tm/tasks/{t['id']}/board-column", json={"boardColumnId": value}),
               {"boardColumnId": [message]})
    assert get_task(api, t["id"]) == t


@pytest.mark.parametrize("body", OPTIONAL_BODIES + [b'{"boardColumnId": null}'],
                         ids=OPTIONAL_BODY_IDS + ["explicit-null"])
def test_change_column_without_a_column_is_422_required(api, board, body):
    t = create_task(api, title="stays", boardColumnId=board.cols[1])
    r = api.post(f"/tm/tasks/{t['id']}/board-column", **json_body(body))
    assert_422(r, {"boardColumnId": [REQUIRED]})
    assert get_task(api, t["id"]) == t


def test_change_column_to_a_deleted_column_is_422(api, board):
    t = create_task(api, title="stays", boardColumnId=board.cols[1])
    assert api.delete(f"/tm/board-columns/{board.cols[2]}").status_code == 200
    assert_422(api.post(f"/tm/tasks/{t['id']}/board-column",
                        json={"boardColumnId": board.cols[2]}),
               {"boardColumnId": [COLUMN_INVALID]})


# ---- locations --------------------------------------------------------------------------------

def test_add_location_answers_204_with_no_body(api, board):
    t = create_task(api, title="placed")
    r = api.post(f"/tm/tasks/{t['id']}/locations", json={"projectId": board.pid}, check_ct=False)
    assert_no_content(r)
    assert_located(get_task(api, t["id"]), loc(board.pid))


def test_add_location_with_a_column(api, board):
    t = create_task(api, title="placed")
    place(api, t["id"], projectId=board.pid, boardColumnId=board.cols[1])
    assert_located(get_task(api, t["id"]), loc(board.pid, board.bid, board.cols[1]))
    assert column_order(api, board.cols[1]) == [t["id"]]


def test_add_second_location_is_appended_after_the_first(api, board):
    other = make_board(api)
    t = create_task(api, title="twice", boardColumnId=board.cols[0])
    place(api, t["id"], projectId=str(other.pid), boardColumnId=str(other.cols[2]))
    assert_located(get_task(api, t["id"]), loc(board.pid, board.bid, board.cols[0]),
                   loc(other.pid, other.bid, other.cols[2]))
    assert column_order(api, other.cols[2]) == [t["id"]]
    assert column_order(api, board.cols[0]) == [t["id"]]


def test_add_location_of_a_present_project_changes_its_column(api, board):
    t = create_task(api, title="move", boardColumnId=board.cols[0])
    there = tasks_in(api, board.cols[2], 2)
    place(api, t["id"], projectId=board.pid, boardColumnId=board.cols[2])
    assert_located(get_task(api, t["id"]), loc(board.pid, board.bid, board.cols[2]))
    assert column_order(api, board.cols[2]) == there + [t["id"]]
    assert column_order(api, board.cols[0]) == []


def test_add_location_with_a_null_column_takes_it_off_the_board(api, board):
    t = create_task(api, title="off", boardColumnId=board.cols[0])
    place(api, t["id"], projectId=board.pid, boardColumnId=None)
    assert_located(get_task(api, t["id"]), loc(board.pid))
    assert column_order(api, board.cols[0]) == []


def test_add_location_of_a_present_project_keeps_one_location(api, board):
    t = create_task(api, title="off", boardColumnId=board.cols[0])
    place(api, t["id"], projectId=board.pid)
    got = get_task(api, t["id"])
    assert len(got["locations"]) == 1 and got["projectId"] == board.pid


def test_add_location_after_a_task(api, board):
    ids = tasks_in(api, board.cols[0], 3)
    t = create_task(api, title="after")["id"]
    place(api, t, projectId=board.pid, boardColumnId=board.cols[0], after=ids[0])
    assert column_order(api, board.cols[0]) == [ids[0], t, ids[1], ids[2]]


def test_add_location_before_a_task(api, board):
    ids = tasks_in(api, board.cols[0], 3)
    t = create_task(api, title="before")["id"]
    place(api, t, projectId=board.pid, boardColumnId=board.cols[0], before=ids[0])
    assert column_order(api, board.cols[0]) == [t] + ids
    place(api, t, projectId=board.pid, boardColumnId=board.cols[0], before=ids[2])
    assert column_order(api, board.cols[0]) == [ids[0], ids[1], t, ids[2]]


def test_add_location_is_idempotent(api, board):
    t = create_task(api, title="same")
    for _ in range(2):
        place(api, t["id"], projectId=board.pid, boardColumnId=board.cols[1])
    assert_located(get_task(api, t["id"]), loc(board.pid, board.bid, board.cols[1]))
    assert column_order(api, board.cols[1]) == [t["id"]]


def test_remove_location_answers_204_and_the_next_one_becomes_the_legacy_place(api, board):
    other = make_board(api)
    t = create_task(api, locations=[{"projectId": board.pid, "boardColumnId": board.cols[0]},
                                    {"projectId": other.pid, "boardColumnId": other.cols[1]}])
    r = api.delete(f"/tm/tasks/{t['id']}/locations", json={"projectId": board.pid},
                   check_ct=False)
    assert_no_content(r)
    assert_located(get_task(api, t["id"]), loc(other.pid, other.bid, other.cols[1]))
    assert column_order(api, board.cols[0]) == []


def test_remove_the_last_location_leaves_the_task_nowhere(api, board):
    t = create_task(api, title="gone", boardColumnId=board.cols[0])
    unplace(api, t["id"], projectId=str(board.pid))
    got = get_task(api, t["id"])
    assert_located(got)
    assert got["isDeleted"] is False


def test_remove_location_of_a_project_the_task_is_not_in_is_a_no_op(api, board):
    elsewhere = new_project(api)
    t = create_task(api, title="stays", boardColumnId=board.cols[0])
    unplace(api, t["id"], projectId=elsewhere)
    assert get_task(api, t["id"]) == t


def test_remove_location_closes_the_gap_in_the_column(api, board):
    ids = tasks_in(api, board.cols[0], 3)
    unplace(api, ids[1], projectId=board.pid)
    assert column_order(api, board.cols[0]) == [ids[0], ids[2]]
    t = create_task(api, title="new", boardColumnId=board.cols[0])["id"]
    assert column_order(api, board.cols[0]) == [ids[0], ids[2], t]


@pytest.mark.parametrize("body,fields", [
    ({}, ["projectId"]),
    ({"projectId": None}, ["projectId"]),
    ({"projectId": "abc"}, ["projectId"]),
    ({"projectId": 999999999}, ["projectId"]),
    ({"projectId": 0}, ["projectId"]),
], ids=["missing", "null", "text", "unknown", "zero"])
def test_add_location_with_a_bad_project_is_422(api, board, body, fields):
    t = create_task(api, title="stays", boardColumnId=board.cols[0])
    r = api.post(f"/tm/tasks/{t['id']}/locations", json=body)
    assert_422_fields(r, fields)
    assert get_task(api, t["id"]) == t


def test_add_location_messages(api, board):
    t = create_task(api, title="stays")
    tid = t["id"]
    assert_422(api.post(f"/tm/tasks/{tid}/locations", json={}), {"projectId": [REQUIRED]})
    assert_422(api.post(f"/tm/tasks/{tid}/locations", json={"projectId": 999999999}),
               {"projectId": [PROJECT_INVALID]})
    assert_422(api.post(f"/tm/tasks/{tid}/locations",
                        json={"projectId": board.pid, "boardColumnId": 999999999}),
               {"boardColumnId": [COLUMN_INVALID]})


@pytest.mark.parametrize("body", OPTIONAL_BODIES, ids=OPTIONAL_BODY_IDS)
def test_locations_without_a_body_are_422_project_required(api, board, body):
    t = create_task(api, title="stays", boardColumnId=board.cols[0])
    for method in ("POST", "DELETE"):
        r = api.request(method, f"/tm/tasks/{t['id']}/locations", **json_body(body))
        assert_422(r, {"projectId": [REQUIRED]})
    assert get_task(api, t["id"]) == t


def test_add_location_with_a_column_of_another_project_is_422(api, board):
    other = make_board(api)
    t = create_task(api, title="stays", boardColumnId=board.cols[0])
    r = api.post(f"/tm/tasks/{t['id']}/locations",
                 json={"projectId": board.pid, "boardColumnId": other.cols[0]})
    assert_422_fields(r, ["boardColumnId"])
    assert get_task(api, t["id"]) == t
    assert column_order(api, other.cols[0]) == []


@pytest.mark.parametrize("key", ["after", "before"])
def test_add_location_next_to_a_task_of_another_column_is_422(api, board, key):
    elsewhere = tasks_in(api, board.cols[2], 1)[0]
    t = create_task(api, title="stays")
    r = api.post(f"/tm/tasks/{t['id']}/locations",
                 json={"projectId": board.pid, "boardColumnId": board.cols[0], key: elsewhere})
    assert_422_fields(r, [key])
    assert_located(get_task(api, t["id"]))


# ---- column order against a model ---------------------------------------------------------------

@pytest.mark.parametrize("seed", [5, 20261201])
def test_random_moves_keep_the_reference_column_order(fresh_ws, seed):
    rng = random.Random(seed)
    api = fresh_ws
    b = make_board(api)
    model = {c: [] for c in b.cols}
    where = {}
    for c in b.cols:
        for tid in tasks_in(api, c, 3, prefix=f"c{c}-"):
            model[c].append(tid)
            where[tid] = c
    for step in range(120):
        ctx = f"seed {seed} step {step}"
        tid = rng.choice(sorted(where))
        # a plain move (no neighbour given) goes to another column: whether a task "moved"
        # to its own column without a neighbour jumps to the end is tested on its own
        target = rng.choice([c for c in b.cols if c != where[tid]])
        roll = rng.random()
        if roll < 0.55 and rng.random() < 0.3:
            target = where[tid]  # a reorder inside the column, with a neighbour
        position_before = model[where[tid]].index(tid)
        model[where[tid]].remove(tid)
        if roll < 0.4 and model[target]:
            upper = rng.choice(model[target])
            change_column(api, tid, target, upperTaskId=upper)
            model[target].insert(model[target].index(upper) + 1, tid)
        elif roll < 0.55 and model[target]:
            nxt = rng.choice(model[target])
            place(api, tid, projectId=b.pid, boardColumnId=target, before=nxt)
            model[target].insert(model[target].index(nxt), tid)
        elif roll < 0.7 and target != where[tid]:
            change_column(api, tid, target)
            model[target].append(tid)
        elif roll < 0.8 and model[target]:
            upper = rng.choice(model[target])
            place(api, tid, projectId=b.pid, boardColumnId=target, after=upper)
            model[target].insert(model[target].index(upper) + 1, tid)
        elif roll < 0.9:
            assert api.delete(f"/tm/tasks/{tid}").status_code == 200, ctx
            del where[tid]
            new = create_task(api, title=f"new {step}", boardColumnId=target)["id"]
            model[target].append(new)
            where[new] = target
            continue
        elif target != where[tid]:
            place(api, tid, projectId=b.pid, boardColumnId=target)
            model[target].append(tid)
        else:
            target = where[tid]  # nothing sent this step
            model[target].insert(position_before, tid)
        where[tid] = target
        for c in b.cols:
            assert column_order(api, c) == model[c], ctx


# ---- structural rules -------------------------------------------------------------------------

def test_deleting_a_column_moves_its_tasks_in_order_to_the_end_of_the_first_remaining(api,
                                                                                       board):
    first = tasks_in(api, board.cols[0], 2, "first")
    second = tasks_in(api, board.cols[1], 3, "second")
    assert api.delete(f"/tm/board-columns/{board.cols[0]}").status_code == 200
    assert column_order(api, board.cols[1]) == second + first
    for tid in first:
        assert_located(get_task(api, tid), loc(board.pid, board.bid, board.cols[1]))


def test_deleting_a_middle_column_moves_its_tasks_to_the_first_column(api, board):
    first = tasks_in(api, board.cols[0], 1, "first")
    middle = tasks_in(api, board.cols[1], 2, "middle")
    assert api.delete(f"/tm/board-columns/{board.cols[1]}").status_code == 200
    assert column_order(api, board.cols[0]) == first + middle


def test_deleting_a_column_uses_the_current_column_order(api, board):
    # after a move the "first remaining" column is the first in the board's order
    assert api.post(f"/tm/board-columns/{board.cols[2]}/move",
                    json={"upperBoardColumnId": None}).status_code == 200
    moved = tasks_in(api, board.cols[0], 2)
    assert api.delete(f"/tm/board-columns/{board.cols[0]}").status_code == 200
    assert column_order(api, board.cols[2]) == moved


def test_deleting_the_last_column_leaves_its_tasks_on_the_board_without_a_column(api, board):
    for cid in board.cols[1:]:
        assert api.delete(f"/tm/board-columns/{cid}").status_code == 200
    ids = tasks_in(api, board.cols[0], 2)
    assert api.delete(f"/tm/board-columns/{board.cols[0]}").status_code == 200
    for tid in ids:
        got = get_task(api, tid)
        assert_located(got, loc(board.pid, board.bid, None))
        assert got["isDeleted"] is False
    fresh = new_column(api, board.bid, "again")
    change_column(api, ids[1], fresh)
    assert column_order(api, fresh) == [ids[1]]


def test_deleting_a_column_keeps_deleted_and_completed_tasks_readable(api, board):
    done, gone, open_ = tasks_in(api, board.cols[0], 3)
    assert api.post(f"/tm/tasks/{done}/complete").status_code == 200
    assert api.delete(f"/tm/tasks/{gone}").status_code == 200
    assert api.delete(f"/tm/board-columns/{board.cols[0]}").status_code == 200
    assert column_order(api, board.cols[1]) == [open_]
    assert get_task(api, done)["boardColumnId"] == board.cols[1]
    assert get_task(api, gone)["isDeleted"] is True


def test_deleting_a_board_keeps_its_tasks_in_the_project_without_board(api, board):
    other = make_board(api)
    ids = tasks_in(api, board.cols[1], 2)
    both = create_task(api, locations=[{"projectId": board.pid, "boardColumnId": board.cols[2]},
                                       {"projectId": other.pid,
                                        "boardColumnId": other.cols[0]}])["id"]
    assert api.delete(f"/tm/boards/{board.bid}").status_code == 200
    for tid in ids:
        assert_located(get_task(api, tid), loc(board.pid))
    assert_located(get_task(api, both), loc(board.pid),
                   loc(other.pid, other.bid, other.cols[0]))


def test_deleting_a_project_removes_the_location_and_keeps_the_task(api, board):
    other = make_board(api)
    only = create_task(api, title="only", boardColumnId=board.cols[0])["id"]
    both = create_task(api, locations=[{"projectId": board.pid, "boardColumnId": board.cols[1]},
                                       {"projectId": other.pid,
                                        "boardColumnId": other.cols[0]}])["id"]
    assert api.delete(f"/tm/projects/{board.pid}").status_code == 200
    got = get_task(api, only)
    assert_located(got)
    assert got["isDeleted"] is False
    assert_located(get_task(api, both), loc(other.pid, other.bid, other.cols[0]))
    assert column_order(api, other.cols[0]) == [both]


def test_a_task_moved_off_a_deleted_column_can_be_moved_again(api, board):
    ids = tasks_in(api, board.cols[0], 2)
    assert api.delete(f"/tm/board-columns/{board.cols[0]}").status_code == 200
    change_column(api, ids[0], board.cols[2])
    assert column_order(api, board.cols[1]) == [ids[1]]
    assert column_order(api, board.cols[2]) == [ids[0]]


# ---- archived projects ------------------------------------------------------------------------

def test_tasks_of_an_archived_project_can_still_be_read(api, board):
    t = create_task(api, title="frozen", boardColumnId=board.cols[0])
    archive(api, board.pid)
    assert get_task(api, t["id"]) == t
    assert column_order(api, board.cols[0]) == [t["id"]]


def test_placing_a_task_into_an_archived_project_is_422_project_archived(api, board):
    t = create_task(api, title="outside")
    archive(api, board.pid)
    assert_422(api.post(f"/tm/tasks/{t['id']}/locations", json={"projectId": board.pid}),
               {"projectId": [ARCHIVED]})
    assert_located(get_task(api, t["id"]))


def test_many_moves_below_the_same_task_run_out_of_keys_and_keep_the_order(api, board):
    """Column keys are sparse and each move below `first` halves the gap under it: after
    sixteen there is no integer left and the column is renumbered (docs/internals/tasks.md);
    the visible order must not notice."""
    there = tasks_in(api, board.cols[2], 3)
    movers = [create_task(api, title=f"m{i}", boardColumnId=board.cols[0])["id"]
              for i in range(40)]
    for t in movers:
        change_column(api, t, board.cols[2], upperTaskId=there[0])
    assert column_order(api, board.cols[2]) == [there[0], *reversed(movers), there[1], there[2]]
    # and the same upward: each above the one moved before it, under the last task
    for t in movers:
        change_column(api, t, board.cols[2], upperTaskId=there[2])
    assert column_order(api, board.cols[2]) == [there[0], there[1], there[2], *reversed(movers)]


# ---- updatedAt --------------------------------------------------------------------------------

@pytest.mark.parametrize("change", ["column", "board", "location"])
def test_changing_where_a_task_is_touches_its_updated_at(api, board, change):
    tid, = tasks_in(api, board.cols[0], 1)
    before = get_task(api, tid)["updatedAt"]
    time.sleep(1.1)  # updatedAt has one-second resolution
    if change == "column":
        change_column(api, tid, board.cols[1])
    elif change == "board":
        change_board(api, tid, None)
    else:
        unplace(api, tid, projectId=board.pid)
    assert get_task(api, tid)["updatedAt"] > before

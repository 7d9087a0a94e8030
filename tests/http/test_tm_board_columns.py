"""/tm/board-columns: list (boardId required), create (appended after the board's columns),
update (partial, answers the column), delete, move (upperBoardColumnId omitted or null =
first; a target outside the board is 422); order dense and stable against a Python
reference over long seeded random sequences; archived projects freeze their columns;
not-found shapes and workspace isolation (src/api/tm/tm_boards.c)."""
import random

import pytest

from weeekd_http import (ARCHIVED, BAD_IDS, BOARD_INVALID, BOARD_NOT_INT, DEFAULT_COLUMNS,
                         NAME_NOT_STRING, NAME_TOO_LONG, OPTIONAL_BODIES, OPTIONAL_BODY_IDS,
                         RECORD_NOT_FOUND, REQUIRED, archive, assert_422, assert_bare_success,
                         assert_envelope, new_board, new_project, validate_success)

UPPER_INVALID = "The selected upper board column id is invalid."
UPPER_NOT_INT = "The upper board column id must be an integer."


def create(api, bid, name="column"):
    r = api.post("/tm/board-columns", json={"name": name, "boardId": bid})
    return assert_envelope("POST", "/tm/board-columns", r)["boardColumn"]


def listed(api, bid):
    r = api.get("/tm/board-columns", params={"boardId": bid})
    return assert_envelope("GET", "/tm/board-columns", r)["boardColumns"]


def order(api, bid):
    return [c["id"] for c in listed(api, bid)]


def move(api, cid, **body):
    r = api.post(f"/tm/board-columns/{cid}/move", json=body)
    assert_bare_success("POST", "/tm/board-columns/{id}/move", r)


@pytest.fixture
def board(api):
    """(project id, board id) of a new board; it holds the three default columns."""
    pid = new_project(api)
    return pid, new_board(api, pid)


@pytest.fixture
def five(api, board):
    """A board with five columns (three defaults + two); (project id, board id, ids)."""
    pid, bid = board
    create(api, bid, "c3")
    create(api, bid, "c4")
    return pid, bid, order(api, bid)


@pytest.fixture
def empty_board(api, board):
    """A board whose default columns were deleted; (project id, board id)."""
    pid, bid = board
    for cid in order(api, bid):
        assert api.delete(f"/tm/board-columns/{cid}").status_code == 200
    return pid, bid


# ---- list ------------------------------------------------------------------------------------

def test_column_list_of_a_new_board_is_the_three_defaults(api, board):
    _, bid = board
    cols = listed(api, bid)
    assert [c["name"] for c in cols] == DEFAULT_COLUMNS
    assert [c["boardId"] for c in cols] == [bid] * 3


def test_column_list_after_deleting_every_column_is_empty(api, empty_board):
    assert listed(api, empty_board[1]) == []


def test_created_columns_follow_the_defaults_and_stay_on_their_board(api, board):
    pid, bid = board
    other = new_board(api, pid, "other")
    defaults = listed(api, bid)
    made = [create(api, bid, n) for n in ("c3", "c4")]
    assert listed(api, bid) == defaults + made
    assert [c["name"] for c in listed(api, other)] == DEFAULT_COLUMNS


def test_column_list_board_id_may_be_zero_padded(api, five):
    _, bid, ids = five
    assert order(api, f"00{bid}") == ids


@pytest.mark.parametrize("query", [{}, {"boardId": ""}, {"boardId": " "}],
                         ids=["missing", "empty", "blank"])
def test_column_list_without_board_id_is_422_required(api, query):
    assert_422(api.get("/tm/board-columns", params=query), {"boardId": [REQUIRED]})


@pytest.mark.parametrize("value", ["abc", "1.5", "1e3", "0x1"])
def test_column_list_with_non_integer_board_id_is_422(api, value):
    assert_422(api.get("/tm/board-columns", params={"boardId": value}),
               {"boardId": [BOARD_NOT_INT]})


@pytest.mark.parametrize("value", ["0", "-1", "999999999"])
def test_column_list_with_unknown_board_id_is_422_selected_invalid(api, value):
    assert_422(api.get("/tm/board-columns", params={"boardId": value}),
               {"boardId": [BOARD_INVALID]})


def test_column_list_of_an_archived_project_is_still_served(api, five):
    pid, bid, ids = five
    archive(api, pid)
    assert order(api, bid) == ids


# ---- create ----------------------------------------------------------------------------------

def test_create_column_returns_id_name_and_board(api, board):
    _, bid = board
    c = create(api, bid, "In review")
    assert set(c) == {"id", "name", "boardId"}
    assert isinstance(c["id"], int) and c["id"] >= 1
    assert c == {"id": c["id"], "name": "In review", "boardId": bid}
    assert listed(api, bid)[-1] == c


def test_create_column_with_board_id_as_a_numeric_string(api, board):
    assert create(api, str(board[1]))["boardId"] == board[1]


def test_create_column_on_an_empty_board(api, empty_board):
    _, bid = empty_board
    c = create(api, bid, "first again")
    assert listed(api, bid) == [c]


@pytest.mark.parametrize("name", ["Колонка ✅ «кавычки»", 'q " b \\ s', "tab\tand\nnewline"])
def test_column_name_unicode_is_kept_exactly(api, board, name):
    c = create(api, board[1], name)
    assert c["name"] == name and listed(api, board[1])[-1]["name"] == name


def test_column_name_surrounding_whitespace_is_trimmed(api, board):
    assert create(api, board[1], "\t padded  ")["name"] == "padded"


@pytest.mark.parametrize("char", ["a", "Я", "\U0001F600"], ids=["ascii", "cyrillic", "emoji"])
def test_create_column_name_of_255_code_points_is_accepted(api, board, char):
    assert create(api, board[1], char * 255)["name"] == char * 255


@pytest.mark.parametrize("body", [{}, {"name": None}, {"name": ""}, {"name": "   "}],
                         ids=["missing", "null", "empty", "blank"])
def test_create_column_without_name_is_422_required(api, board, body):
    assert_422(api.post("/tm/board-columns", json={**body, "boardId": board[1]}),
               {"name": [REQUIRED]})


@pytest.mark.parametrize("name", [5, False, ["x"], {"a": 1}], ids=lambda v: repr(v))
def test_create_column_with_non_string_name_is_422(api, board, name):
    assert_422(api.post("/tm/board-columns", json={"name": name, "boardId": board[1]}),
               {"name": [NAME_NOT_STRING]})


@pytest.mark.parametrize("char", ["a", "Я"], ids=["ascii", "cyrillic"])
def test_create_column_name_of_256_code_points_is_422(api, board, char):
    assert_422(api.post("/tm/board-columns", json={"name": char * 256, "boardId": board[1]}),
               {"name": [NAME_TOO_LONG]})


@pytest.mark.parametrize("body", [{"name": "x"}, {"name": "x", "boardId": None},
                                  {"name": "x", "boardId": ""}],
                         ids=["missing", "null", "empty"])
def test_create_column_without_board_is_422_required(api, body):
    assert_422(api.post("/tm/board-columns", json=body), {"boardId": [REQUIRED]})


@pytest.mark.parametrize("value", ["abc", 1.5, True, [], "1.5"], ids=lambda v: repr(v))
def test_create_column_with_non_integer_board_is_422(api, value):
    assert_422(api.post("/tm/board-columns", json={"name": "x", "boardId": value}),
               {"boardId": [BOARD_NOT_INT]})


@pytest.mark.parametrize("value", [0, -1, 999999999, "999999999"])
def test_create_column_with_unknown_board_is_422_selected_invalid(api, value):
    assert_422(api.post("/tm/board-columns", json={"name": "x", "boardId": value}),
               {"boardId": [BOARD_INVALID]})


@pytest.mark.parametrize("body", [b"", b"[]", b'""', b"{}", b"null"],
                         ids=["nothing", "empty-array", "empty-string", "empty-object", "null"])
def test_create_column_with_an_empty_body_names_both_required_fields(api, body):
    r = api.post("/tm/board-columns", data=body, headers={"Content-Type": "application/json"})
    assert_422(r, {"name": [REQUIRED], "boardId": [REQUIRED]})


def test_create_column_names_every_failing_field(api):
    assert_422(api.post("/tm/board-columns", json={"name": "Я" * 256, "boardId": "b"}),
               {"name": [NAME_TOO_LONG], "boardId": [BOARD_NOT_INT]})


def test_create_column_in_an_archived_project_is_422_naming_board_and_stores_nothing(api,
                                                                                   five):
    pid, bid, ids = five
    archive(api, pid)
    assert_422(api.post("/tm/board-columns", json={"name": "late", "boardId": bid}),
               {"boardId": [ARCHIVED]})
    assert_422(api.post("/tm/board-columns", json={"name": None, "boardId": bid}),
               {"name": [REQUIRED], "boardId": [ARCHIVED]})
    assert order(api, bid) == ids


def test_failed_column_creates_store_nothing(api, board):
    _, bid = board
    before = listed(api, bid)
    api.post("/tm/board-columns", json={"name": "x" * 256, "boardId": bid})
    api.post("/tm/board-columns", json={"name": " ", "boardId": bid})
    assert listed(api, bid) == before


# ---- update ----------------------------------------------------------------------------------

def test_update_column_answers_success_and_the_column(api, five):
    _, bid, ids = five
    before = listed(api, bid)
    r = api.put(f"/tm/board-columns/{ids[1]}", json={"name": "Doing"})
    assert r.status_code == 200, r.text
    body = r.json()
    validate_success("PUT", "/tm/board-columns/{id}", body)
    assert body == {"success": True, "boardColumn": {**before[1], "name": "Doing"}}
    assert listed(api, bid) == [before[0], body["boardColumn"], *before[2:]]


@pytest.mark.parametrize("body", [b"", b"[]", b'""', b"{}", b"null"],
                         ids=["nothing", "empty-array", "empty-string", "empty-object", "null"])
def test_update_column_with_empty_body_is_a_200_no_op(api, five, body):
    _, bid, ids = five
    before = listed(api, bid)
    r = api.put(f"/tm/board-columns/{ids[0]}", data=body,
                headers={"Content-Type": "application/json"})
    assert r.status_code == 200, r.text
    assert r.json() == {"success": True, "boardColumn": before[0]}
    assert listed(api, bid) == before


@pytest.mark.parametrize("body,errors", [
    ({"name": None}, {"name": [REQUIRED]}),
    ({"name": ""}, {"name": [REQUIRED]}),
    ({"name": "\n "}, {"name": [REQUIRED]}),
    ({"name": 12}, {"name": [NAME_NOT_STRING]}),
    ({"name": "Я" * 256}, {"name": [NAME_TOO_LONG]}),
], ids=["null", "empty", "blank", "number", "too-long"])
def test_update_column_with_an_invalid_name_is_422_and_changes_nothing(api, five, body, errors):
    _, bid, ids = five
    before = listed(api, bid)
    assert_422(api.put(f"/tm/board-columns/{ids[2]}", json=body), errors)
    assert listed(api, bid) == before


def test_update_column_with_255_cyrillic_name_is_accepted(api, five):
    _, bid, ids = five
    r = api.put(f"/tm/board-columns/{ids[0]}", json={"name": "Я" * 255})
    assert r.json()["boardColumn"]["name"] == "Я" * 255
    assert listed(api, bid)[0]["name"] == "Я" * 255


def test_update_column_does_not_move_it_to_another_board(api, five):
    pid, bid, ids = five
    other = new_board(api, pid, "other")
    other_cols = listed(api, other)
    r = api.put(f"/tm/board-columns/{ids[0]}", json={"name": "stays", "boardId": other})
    assert r.status_code == 200 and r.json()["boardColumn"]["boardId"] == bid
    assert order(api, bid) == ids
    assert listed(api, other) == other_cols


# ---- delete ----------------------------------------------------------------------------------

def test_delete_column_answers_bare_success_and_closes_the_gap(api, five):
    _, bid, ids = five
    assert_bare_success("DELETE", "/tm/board-columns/{id}",
                        api.delete(f"/tm/board-columns/{ids[2]}"))
    rest = [ids[0], ids[1], ids[3], ids[4]]
    assert order(api, bid) == rest
    newer = create(api, bid, "newer")["id"]
    assert order(api, bid) == rest + [newer]
    move(api, newer, upperBoardColumnId=ids[1])
    assert order(api, bid) == [ids[0], ids[1], newer, ids[3], ids[4]]


@pytest.mark.parametrize("body", OPTIONAL_BODIES, ids=OPTIONAL_BODY_IDS)
def test_delete_column_accepts_every_optional_body_form(api, board, body):
    _, bid = board
    cid = order(api, bid)[0]
    headers = {"Content-Type": "application/json"} if body is not None else None
    r = api.delete(f"/tm/board-columns/{cid}", data=body, headers=headers)
    assert r.status_code == 200 and r.json() == {"success": True}, r.text
    assert cid not in order(api, bid)


def test_delete_column_twice_and_acting_on_it_afterwards_are_record_not_found(api, board):
    _, bid = board
    cid = order(api, bid)[1]
    assert api.delete(f"/tm/board-columns/{cid}").status_code == 200
    for r in (api.delete(f"/tm/board-columns/{cid}"),
              api.put(f"/tm/board-columns/{cid}", json={"name": "zombie"}),
              api.post(f"/tm/board-columns/{cid}/move", json={})):
        assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND, r.text


# ---- archived project ------------------------------------------------------------------------

@pytest.mark.parametrize("method,suffix,body", [
    ("PUT", "", {"name": "renamed"}), ("DELETE", "", None),
    ("POST", "/move", {"upperBoardColumnId": None})], ids=["rename", "delete", "move"])
def test_column_change_in_an_archived_project_is_422_project_archived(api, five, method,
                                                                       suffix, body):
    pid, bid, ids = five
    before = listed(api, bid)
    archive(api, pid)
    assert_422(api.request(method, f"/tm/board-columns/{ids[4]}{suffix}", json=body),
               {"projectId": [ARCHIVED]})
    assert listed(api, bid) == before


def test_column_changes_work_again_after_un_archive(api, five):
    pid, bid, ids = five
    archive(api, pid)
    assert api.post(f"/tm/projects/{pid}/un-archive").status_code == 200
    move(api, ids[4])
    assert api.put(f"/tm/board-columns/{ids[0]}", json={"name": "x"}).status_code == 200
    assert api.delete(f"/tm/board-columns/{ids[1]}").status_code == 200
    assert order(api, bid) == [ids[4], ids[0], ids[2], ids[3]]


# ---- move ------------------------------------------------------------------------------------

@pytest.mark.parametrize("body", OPTIONAL_BODIES + [b'{"upperBoardColumnId": null}',
                                                    b'{"upperBoardColumnId": ""}'],
                         ids=OPTIONAL_BODY_IDS + ["explicit-null", "blank"])
def test_move_column_without_a_target_puts_it_first(api, five, body):
    _, bid, ids = five
    headers = {"Content-Type": "application/json"} if body is not None else None
    r = api.post(f"/tm/board-columns/{ids[3]}/move", data=body, headers=headers)
    assert_bare_success("POST", "/tm/board-columns/{id}/move", r)
    assert order(api, bid) == [ids[3], ids[0], ids[1], ids[2], ids[4]]


@pytest.mark.parametrize("who,after,expected", [
    (0, 4, [1, 2, 3, 4, 0]),   # after the last
    (0, 1, [1, 0, 2, 3, 4]),   # one down
    (4, 0, [0, 4, 1, 2, 3]),   # up, after the first
    (2, 1, [0, 1, 2, 3, 4]),   # after its own predecessor: stays
    (2, 2, [0, 1, 2, 3, 4]),   # after itself: stays
    (1, 3, [0, 2, 3, 1, 4]),
    (3, 0, [0, 3, 1, 2, 4]),
])
def test_move_column_after_a_sibling(api, five, who, after, expected):
    _, bid, ids = five
    move(api, ids[who], upperBoardColumnId=ids[after])
    assert order(api, bid) == [ids[i] for i in expected]


def test_move_column_target_as_a_numeric_string(api, five):
    _, bid, ids = five
    move(api, ids[0], upperBoardColumnId=str(ids[2]))
    assert order(api, bid) == [ids[1], ids[2], ids[0], ids[3], ids[4]]


@pytest.mark.parametrize("target,message", [("abc", UPPER_NOT_INT), (1.5, UPPER_NOT_INT),
                                            (True, UPPER_NOT_INT), ({}, UPPER_NOT_INT),
                                            (0, UPPER_INVALID), (-1, UPPER_INVALID),
                                            (999999999, UPPER_INVALID)],
                         ids=lambda v: repr(v))
def test_move_column_with_a_bad_target_is_422_and_keeps_the_order(api, five, target, message):
    _, bid, ids = five
    assert_422(api.post(f"/tm/board-columns/{ids[0]}/move",
                        json={"upperBoardColumnId": target}),
               {"upperBoardColumnId": [message]})
    assert order(api, bid) == ids


def test_move_column_after_a_column_of_another_board_is_422(api, five):
    pid, bid, ids = five
    other = new_board(api, pid, "other")
    other_ids = order(api, other)
    assert_422(api.post(f"/tm/board-columns/{ids[1]}/move",
                        json={"upperBoardColumnId": other_ids[0]}),
               {"upperBoardColumnId": [UPPER_INVALID]})
    assert order(api, bid) == ids
    assert order(api, other) == other_ids


def test_move_column_after_a_column_of_another_project_is_422(api, five):
    _, bid, ids = five
    elsewhere = new_board(api, new_project(api, "elsewhere"))
    assert_422(api.post(f"/tm/board-columns/{ids[1]}/move",
                        json={"upperBoardColumnId": order(api, elsewhere)[1]}),
               {"upperBoardColumnId": [UPPER_INVALID]})
    assert order(api, bid) == ids


def test_move_column_after_a_deleted_column_is_422(api, five):
    _, bid, ids = five
    api.delete(f"/tm/board-columns/{ids[4]}")
    assert_422(api.post(f"/tm/board-columns/{ids[0]}/move",
                        json={"upperBoardColumnId": ids[4]}),
               {"upperBoardColumnId": [UPPER_INVALID]})
    assert order(api, bid) == ids[:4]


def test_column_order_is_unchanged_by_reads_renames_and_other_boards(api, five):
    pid, bid, ids = five
    move(api, ids[4], upperBoardColumnId=ids[0])
    expected = [ids[0], ids[4], ids[1], ids[2], ids[3]]
    other = new_board(api, pid, "other")
    move(api, order(api, other)[2])
    create(api, other, "more")
    api.put(f"/tm/board-columns/{ids[1]}", json={"name": "renamed"})
    api.post(f"/tm/boards/{bid}/move", json={"upperBoardId": other})
    for _ in range(3):
        assert order(api, bid) == expected


# ---- long random sequences against a reference model -----------------------------------------

class ColumnModel:
    """The expected column order of each board."""

    def __init__(self):
        self.boards = {}

    def board_of(self, cid):
        return next(b for b, ids in self.boards.items() if cid in ids)

    def move(self, cid, after):
        ids = self.boards[self.board_of(cid)]
        if after == cid:
            return
        ids.remove(cid)
        ids.insert(0 if after is None else ids.index(after) + 1, cid)

    def all_ids(self):
        return [c for ids in self.boards.values() for c in ids]


def _random_first_body(rng):
    """The ways a client says "move to the first place"."""
    return rng.choice([
        {"json": {"upperBoardColumnId": None}}, {"json": {}}, {}, {"json": []},
        {"data": b"{}", "headers": {"Content-Type": "application/json"}},
    ])


@pytest.mark.parametrize("seed", [20240611, 99, 31337])
def test_random_column_moves_creates_and_deletes_keep_the_reference_order(fresh_ws, seed):
    """Two boards of one project: moves within a board, creates, deletes, renames, and moves
    that name a column of the other board (refused); both orders checked after every step."""
    rng = random.Random(seed)
    api = fresh_ws
    pid = new_project(api, "main")
    model = ColumnModel()
    for name in ("left", "right"):
        bid = new_board(api, pid, name)
        model.boards[bid] = order(api, bid)
        for i in range(3):
            model.boards[bid].append(create(api, bid, f"{name} {i}")["id"])
    names = {}
    made = 0
    for step in range(300):
        roll = rng.random()
        ctx = f"seed {seed} step {step}"
        bid = rng.choice(list(model.boards))
        ids = model.boards[bid]
        other_ids = next(v for b, v in model.boards.items() if b != bid)
        if roll < 0.6 and ids:
            cid = rng.choice(ids)
            kind = rng.random()
            if kind < 0.15:
                r = api.post(f"/tm/board-columns/{cid}/move", **_random_first_body(rng))
                after = None
            elif kind < 0.22:
                after = cid
                r = api.post(f"/tm/board-columns/{cid}/move", json={"upperBoardColumnId": cid})
            else:
                after = rng.choice(ids)
                target = str(after) if rng.random() < 0.2 else after
                r = api.post(f"/tm/board-columns/{cid}/move", json={"upperBoardColumnId": target})
            assert r.status_code == 200 and r.json() == {"success": True}, (ctx, r.text)
            model.move(cid, after)
        elif roll < 0.73:
            made += 1
            ids.append(create(api, bid, f"made {made}")["id"])
        elif roll < 0.86 and ids:
            cid = rng.choice(ids)
            assert api.delete(f"/tm/board-columns/{cid}").status_code == 200, ctx
            ids.remove(cid)
        elif roll < 0.92 and ids:
            cid = rng.choice(ids)
            names[cid] = f"renamed {step}"
            r = api.put(f"/tm/board-columns/{cid}", json={"name": names[cid]})
            assert r.status_code == 200, (ctx, r.text)
        elif ids and other_ids:
            r = api.post(f"/tm/board-columns/{rng.choice(ids)}/move",
                         json={"upperBoardColumnId": rng.choice(other_ids)})
            assert_422(r, {"upperBoardColumnId": [UPPER_INVALID]})
        got = listed(api, bid)
        assert [c["id"] for c in got] == ids, ctx
        for c in got:
            assert c["boardId"] == bid, ctx
            if c["id"] in names:
                assert c["name"] == names[c["id"]], ctx
        if step % 10 == 0:
            for b, expected in model.boards.items():
                assert order(api, b) == expected, ctx
    for b, expected in model.boards.items():
        assert order(api, b) == expected


# ---- not found -------------------------------------------------------------------------------

@pytest.mark.parametrize("method,suffix,body", [
    ("PUT", "", {"name": "x"}), ("DELETE", "", None), ("POST", "/move", {}),
    ("POST", "/move", {"upperBoardColumnId": None})],
    ids=["put", "delete", "move", "move-to-first"])
@pytest.mark.parametrize("cid", BAD_IDS)
def test_missing_or_non_numeric_column_is_404_record_not_found(api, cid, method, suffix, body):
    r = api.request(method, f"/tm/board-columns/{cid}{suffix}", json=body)
    assert r.status_code == 404, r.text
    assert r.json() == RECORD_NOT_FOUND


def test_move_missing_column_with_no_body_is_404(api):
    r = api.post("/tm/board-columns/999999999/move")
    assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND, r.text


def test_put_missing_column_with_an_invalid_body_is_still_404(api):
    r = api.put("/tm/board-columns/999999999", json={"name": None})
    assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND


# ---- other workspaces ------------------------------------------------------------------------

def test_other_workspace_cannot_rename_move_or_delete_a_column(api, api_b, five):
    _, bid, ids = five
    before = listed(api, bid)
    for r in (api_b.put(f"/tm/board-columns/{ids[0]}", json={"name": "hijacked"}),
              api_b.delete(f"/tm/board-columns/{ids[0]}"),
              api_b.post(f"/tm/board-columns/{ids[4]}/move", json={"upperBoardColumnId": None}),
              api_b.post(f"/tm/board-columns/{ids[4]}/move",
                         json={"upperBoardColumnId": ids[0]})):
        assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND, r.text
    assert listed(api, bid) == before


def test_other_workspace_cannot_move_its_column_after_a_foreign_one(api, api_b, five):
    _, bid, ids = five
    b_board = new_board(api_b, new_project(api_b, "B's"))
    b_ids = order(api_b, b_board)
    assert_422(api_b.post(f"/tm/board-columns/{b_ids[0]}/move",
                          json={"upperBoardColumnId": ids[2]}),
               {"upperBoardColumnId": [UPPER_INVALID]})
    assert order(api_b, b_board) == b_ids
    assert order(api, bid) == ids


def test_other_workspace_cannot_create_a_column_on_a_foreign_board(api, api_b, five):
    _, bid, ids = five
    assert_422(api_b.post("/tm/board-columns", json={"name": "B's", "boardId": str(bid)}),
               {"boardId": [BOARD_INVALID]})
    assert order(api, bid) == ids

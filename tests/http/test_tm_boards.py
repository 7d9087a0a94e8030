"""/tm/boards: list (projectId required), create (with three default columns), update
(partial, answers the board), delete, move (upperBoardId omitted or null = first; a target
outside the project is 422); order is the array order, dense and stable, checked against a
Python reference over long seeded random sequences; archived projects freeze their boards;
not-found shapes and workspace isolation (src/api/tm/tm_boards.c)."""
import random

import pytest

from weeekd_http import (ARCHIVED, BAD_IDS, BAD_PRIVATE, BOARD_INVALID, DEFAULT_COLUMNS,
                         NAME_NOT_STRING, NAME_TOO_LONG, OPTIONAL_BODIES, OPTIONAL_BODY_IDS,
                         PROJECT_INVALID, PROJECT_NOT_INT, RECORD_NOT_FOUND, REQUIRED, archive,
                         assert_422, assert_bare_success, assert_envelope, new_project,
                         validate_success)

UPPER_INVALID = "The selected upper board id is invalid."
UPPER_NOT_INT = "The upper board id must be an integer."


def create(api, pid, name="board", **fields):
    r = api.post("/tm/boards", json={"name": name, "projectId": pid, **fields})
    return assert_envelope("POST", "/tm/boards", r)["board"]


def listed(api, pid):
    r = api.get("/tm/boards", params={"projectId": pid})
    return assert_envelope("GET", "/tm/boards", r)["boards"]


def order(api, pid):
    return [b["id"] for b in listed(api, pid)]


def columns(api, bid):
    r = api.get("/tm/board-columns", params={"boardId": bid})
    return assert_envelope("GET", "/tm/board-columns", r)["boardColumns"]


def move(api, bid, **body):
    r = api.post(f"/tm/boards/{bid}/move", json=body)
    assert_bare_success("POST", "/tm/boards/{id}/move", r)


@pytest.fixture
def project(api):
    return new_project(api)


@pytest.fixture
def four(api, project):
    """A project with boards b0..b3; (project id, [board ids])."""
    return project, [create(api, project, f"b{i}")["id"] for i in range(4)]


# ---- list ------------------------------------------------------------------------------------

def test_board_list_of_a_new_project_is_empty(api, project):
    assert listed(api, project) == []


def test_created_boards_are_listed_in_creation_order_and_only_for_their_project(fresh_ws):
    p1, p2 = new_project(fresh_ws, "one"), new_project(fresh_ws, "two")
    a = [create(fresh_ws, p1, n) for n in ("a1", "a2", "a3")]
    b = [create(fresh_ws, p2, n) for n in ("b1", "b2")]
    assert listed(fresh_ws, p1) == a
    assert listed(fresh_ws, p2) == b


def test_board_list_project_id_may_be_zero_padded(api, four):
    pid, ids = four
    assert order(api, f"000{pid}") == ids


@pytest.mark.parametrize("query", [{}, {"projectId": ""}, {"projectId": " "}],
                         ids=["missing", "empty", "blank"])
def test_board_list_without_project_id_is_422_required(api, query):
    assert_422(api.get("/tm/boards", params=query), {"projectId": [REQUIRED]})


@pytest.mark.parametrize("value", ["abc", "1.5", "1e3", "0x1", "[]"])
def test_board_list_with_non_integer_project_id_is_422(api, value):
    assert_422(api.get("/tm/boards", params={"projectId": value}),
               {"projectId": [PROJECT_NOT_INT]})


@pytest.mark.parametrize("value", ["0", "-1", "999999999"])
def test_board_list_with_unknown_project_id_is_422_selected_invalid(api, value):
    assert_422(api.get("/tm/boards", params={"projectId": value}),
               {"projectId": [PROJECT_INVALID]})


def test_board_list_of_an_archived_project_is_still_served(api, four):
    pid, ids = four
    archive(api, pid)
    assert order(api, pid) == ids


# ---- create ----------------------------------------------------------------------------------

def test_create_board_returns_id_name_project_and_not_private(api, project):
    b = create(api, project, "Test board")
    assert set(b) == {"id", "name", "projectId", "isPrivate"}
    assert isinstance(b["id"], int) and b["id"] >= 1
    assert b == {"id": b["id"], "name": "Test board", "projectId": project, "isPrivate": False}
    assert listed(api, project) == [b]


def test_create_board_with_project_id_as_a_numeric_string(api, project):
    assert create(api, str(project))["projectId"] == project


@pytest.mark.parametrize("value,expected", [(True, True), (False, False), (1, True), (0, False),
                                            ("1", True), ("0", False)])
def test_create_board_accepts_is_private_as_bool_or_0_1(api, project, value, expected):
    b = create(api, project, isPrivate=value)
    assert b["isPrivate"] is expected
    assert listed(api, project) == [b]


def test_create_board_from_a_form_encoded_body(api, project):
    r = api.post("/tm/boards",
                 data={"name": "Форма", "projectId": str(project), "isPrivate": "1"})
    b = assert_envelope("POST", "/tm/boards", r)["board"]
    assert b == {"id": b["id"], "name": "Форма", "projectId": project, "isPrivate": True}


def test_new_board_gets_the_three_default_columns_in_order(api, project):
    b = create(api, project)
    cols = columns(api, b["id"])
    assert [c["name"] for c in cols] == DEFAULT_COLUMNS
    assert all(c["boardId"] == b["id"] and set(c) == {"id", "name", "boardId"} for c in cols)
    assert len({c["id"] for c in cols}) == 3


def test_every_board_gets_its_own_default_columns(api, project):
    b1, b2 = create(api, project, "one"), create(api, project, "two")
    c1, c2 = columns(api, b1["id"]), columns(api, b2["id"])
    assert [c["name"] for c in c2] == DEFAULT_COLUMNS
    assert not {c["id"] for c in c1} & {c["id"] for c in c2}


@pytest.mark.parametrize("name", ["Доска 📋 «кавычки»", 'q " b \\ s', "tab\tand\nnewline"])
def test_board_name_unicode_is_kept_exactly(api, project, name):
    b = create(api, project, name)
    assert b["name"] == name and listed(api, project)[0]["name"] == name


def test_board_name_surrounding_whitespace_is_trimmed(api, project):
    assert create(api, project, "  padded \n")["name"] == "padded"


@pytest.mark.parametrize("char", ["a", "Я", "\U0001F600"], ids=["ascii", "cyrillic", "emoji"])
def test_create_board_name_of_255_code_points_is_accepted(api, project, char):
    assert create(api, project, char * 255)["name"] == char * 255


@pytest.mark.parametrize("name", [None, "", "  "], ids=["null", "empty", "blank"])
def test_create_board_without_name_is_422_required(api, project, name):
    assert_422(api.post("/tm/boards", json={"name": name, "projectId": project}),
               {"name": [REQUIRED]})


def test_create_board_with_name_missing_is_422_required(api, project):
    assert_422(api.post("/tm/boards", json={"projectId": project}), {"name": [REQUIRED]})


@pytest.mark.parametrize("name", [5, True, ["x"], {"a": 1}], ids=lambda v: repr(v))
def test_create_board_with_non_string_name_is_422(api, project, name):
    assert_422(api.post("/tm/boards", json={"name": name, "projectId": project}),
               {"name": [NAME_NOT_STRING]})


@pytest.mark.parametrize("char", ["a", "Я"], ids=["ascii", "cyrillic"])
def test_create_board_name_of_256_code_points_is_422(api, project, char):
    assert_422(api.post("/tm/boards", json={"name": char * 256, "projectId": project}),
               {"name": [NAME_TOO_LONG]})


@pytest.mark.parametrize("body", [{"name": "x"}, {"name": "x", "projectId": None},
                                  {"name": "x", "projectId": ""}],
                         ids=["missing", "null", "empty"])
def test_create_board_without_project_is_422_required(api, body):
    assert_422(api.post("/tm/boards", json=body), {"projectId": [REQUIRED]})


@pytest.mark.parametrize("value", ["abc", 1.5, True, [], "1.5"], ids=lambda v: repr(v))
def test_create_board_with_non_integer_project_is_422(api, value):
    assert_422(api.post("/tm/boards", json={"name": "x", "projectId": value}),
               {"projectId": [PROJECT_NOT_INT]})


@pytest.mark.parametrize("value", [0, -1, 999999999, "999999999"])
def test_create_board_with_unknown_project_is_422_selected_invalid(api, value):
    assert_422(api.post("/tm/boards", json={"name": "x", "projectId": value}),
               {"projectId": [PROJECT_INVALID]})


def test_create_board_with_bad_is_private_is_422(api, project):
    assert_422(api.post("/tm/boards", json={"name": "x", "projectId": project,
                                            "isPrivate": "sometimes"}),
               {"isPrivate": [BAD_PRIVATE]})


@pytest.mark.parametrize("body", [b"", b"[]", b'""', b"{}", b"null"],
                         ids=["nothing", "empty-array", "empty-string", "empty-object", "null"])
def test_create_board_with_an_empty_body_names_both_required_fields(api, body):
    r = api.post("/tm/boards", data=body, headers={"Content-Type": "application/json"})
    assert_422(r, {"name": [REQUIRED], "projectId": [REQUIRED]})


def test_create_board_names_every_failing_field(api):
    assert_422(api.post("/tm/boards", json={"name": 1, "projectId": "p", "isPrivate": 9}),
               {"name": [NAME_NOT_STRING], "isPrivate": [BAD_PRIVATE],
                "projectId": [PROJECT_NOT_INT]})


def test_create_board_in_an_archived_project_is_422_and_stores_nothing(api, four):
    pid, ids = four
    archive(api, pid)
    assert_422(api.post("/tm/boards", json={"name": "late", "projectId": pid}),
               {"projectId": [ARCHIVED]})
    assert_422(api.post("/tm/boards", json={"projectId": pid}),
               {"name": [REQUIRED], "projectId": [ARCHIVED]})
    assert order(api, pid) == ids


def test_failed_board_creates_store_nothing(api, project):
    api.post("/tm/boards", json={"name": "x" * 256, "projectId": project})
    api.post("/tm/boards", json={"name": None, "projectId": project})
    api.post("/tm/boards", json={"name": "ok", "projectId": project, "isPrivate": "x"})
    assert listed(api, project) == []


# ---- update ----------------------------------------------------------------------------------

def test_update_board_answers_success_and_the_board(api, project):
    b = create(api, project, "before", isPrivate=True)
    r = api.put(f"/tm/boards/{b['id']}", json={"name": "after"})
    assert r.status_code == 200, r.text
    body = r.json()
    validate_success("PUT", "/tm/boards/{id}", body)
    assert body == {"success": True, "board": {**b, "name": "after"}}
    assert listed(api, project) == [body["board"]]


@pytest.mark.parametrize("body", [b"", b"[]", b'""', b"{}", b"null"],
                         ids=["nothing", "empty-array", "empty-string", "empty-object", "null"])
def test_update_board_with_empty_body_is_a_200_no_op(api, project, body):
    b = create(api, project, "untouched")
    r = api.put(f"/tm/boards/{b['id']}", data=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 200, r.text
    assert r.json() == {"success": True, "board": b}
    assert listed(api, project) == [b]


def test_rename_keeps_the_board_order(api, four):
    pid, ids = four
    assert api.put(f"/tm/boards/{ids[1]}", json={"name": "renamed"}).status_code == 200
    assert order(api, pid) == ids
    assert [b["name"] for b in listed(api, pid)] == ["b0", "renamed", "b2", "b3"]


@pytest.mark.parametrize("body,errors", [
    ({"name": None}, {"name": [REQUIRED]}),
    ({"name": ""}, {"name": [REQUIRED]}),
    ({"name": " \t "}, {"name": [REQUIRED]}),
    ({"name": 12}, {"name": [NAME_NOT_STRING]}),
    ({"name": "Я" * 256}, {"name": [NAME_TOO_LONG]}),
], ids=["null", "empty", "blank", "number", "too-long"])
def test_update_board_with_an_invalid_name_is_422_and_changes_nothing(api, project, body,
                                                                      errors):
    b = create(api, project, "stays")
    assert_422(api.put(f"/tm/boards/{b['id']}", json=body), errors)
    assert listed(api, project) == [b]


def test_update_board_with_255_cyrillic_name_is_accepted(api, project):
    b = create(api, project, "short")
    assert api.put(f"/tm/boards/{b['id']}", json={"name": "Я" * 255}).json()["board"]["name"] \
        == "Я" * 255


def test_update_board_in_an_archived_project_is_422_and_changes_nothing(api, four):
    pid, ids = four
    before = listed(api, pid)
    archive(api, pid)
    assert_422(api.put(f"/tm/boards/{ids[0]}", json={"name": "renamed"}),
               {"projectId": [ARCHIVED]})
    assert listed(api, pid) == before


# ---- delete ----------------------------------------------------------------------------------

def test_delete_board_answers_bare_success_and_closes_the_gap(api, four):
    pid, ids = four
    assert_bare_success("DELETE", "/tm/boards/{id}", api.delete(f"/tm/boards/{ids[1]}"))
    assert order(api, pid) == [ids[0], ids[2], ids[3]]
    newer = create(api, pid, "newer")["id"]
    assert order(api, pid) == [ids[0], ids[2], ids[3], newer]
    move(api, newer, upperBoardId=ids[0])
    assert order(api, pid) == [ids[0], newer, ids[2], ids[3]]


@pytest.mark.parametrize("body", OPTIONAL_BODIES, ids=OPTIONAL_BODY_IDS)
def test_delete_board_accepts_every_optional_body_form(api, project, body):
    b = create(api, project)
    headers = {"Content-Type": "application/json"} if body is not None else None
    r = api.delete(f"/tm/boards/{b['id']}", data=body, headers=headers)
    assert r.status_code == 200 and r.json() == {"success": True}, r.text
    assert listed(api, project) == []


def test_delete_board_removes_its_columns(api, four):
    pid, ids = four
    doomed = columns(api, ids[0])
    kept = columns(api, ids[1])
    assert api.delete(f"/tm/boards/{ids[0]}").status_code == 200
    assert_422(api.get("/tm/board-columns", params={"boardId": ids[0]}),
               {"boardId": [BOARD_INVALID]})
    for c in doomed:
        r = api.put(f"/tm/board-columns/{c['id']}", json={"name": "x"})
        assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND
    assert columns(api, ids[1]) == kept


def test_delete_board_twice_and_acting_on_it_afterwards_are_record_not_found(api, project):
    b = create(api, project)
    assert api.delete(f"/tm/boards/{b['id']}").status_code == 200
    for r in (api.delete(f"/tm/boards/{b['id']}"),
              api.put(f"/tm/boards/{b['id']}", json={"name": "zombie"}),
              api.post(f"/tm/boards/{b['id']}/move", json={})):
        assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND, r.text


def test_delete_board_in_an_archived_project_is_422_and_keeps_it(api, four):
    pid, ids = four
    archive(api, pid)
    assert_422(api.delete(f"/tm/boards/{ids[2]}"), {"projectId": [ARCHIVED]})
    assert order(api, pid) == ids
    assert len(columns(api, ids[2])) == 3


# ---- move ------------------------------------------------------------------------------------

@pytest.mark.parametrize("body", OPTIONAL_BODIES + [b'{"upperBoardId": null}',
                                                    b'{"upperBoardId": ""}'],
                         ids=OPTIONAL_BODY_IDS + ["explicit-null", "blank"])
def test_move_board_without_a_target_puts_it_first(api, four, body):
    pid, ids = four
    headers = {"Content-Type": "application/json"} if body is not None else None
    r = api.post(f"/tm/boards/{ids[2]}/move", data=body, headers=headers)
    assert_bare_success("POST", "/tm/boards/{id}/move", r)
    assert order(api, pid) == [ids[2], ids[0], ids[1], ids[3]]


@pytest.mark.parametrize("who,after,expected", [
    (0, 3, [1, 2, 3, 0]),   # after the last
    (0, 1, [1, 0, 2, 3]),   # one down
    (3, 0, [0, 3, 1, 2]),   # up, after the first
    (2, 1, [0, 1, 2, 3]),   # after its own predecessor: stays
    (1, 1, [0, 1, 2, 3]),   # after itself: stays
    (3, 2, [0, 1, 2, 3]),   # the last after its predecessor: stays
    (1, 3, [0, 2, 3, 1]),
])
def test_move_board_after_a_sibling(api, four, who, after, expected):
    pid, ids = four
    move(api, ids[who], upperBoardId=ids[after])
    assert order(api, pid) == [ids[i] for i in expected]


def test_move_board_first_when_already_first_changes_nothing(api, four):
    pid, ids = four
    move(api, ids[0], upperBoardId=None)
    assert order(api, pid) == ids


def test_move_board_target_as_a_numeric_string(api, four):
    pid, ids = four
    move(api, ids[0], upperBoardId=str(ids[2]))
    assert order(api, pid) == [ids[1], ids[2], ids[0], ids[3]]


def test_move_only_board_of_a_project(api, project):
    b = create(api, project)
    move(api, b["id"])
    move(api, b["id"], upperBoardId=b["id"])
    assert order(api, project) == [b["id"]]


@pytest.mark.parametrize("target,message", [("abc", UPPER_NOT_INT), (1.5, UPPER_NOT_INT),
                                            (True, UPPER_NOT_INT), ([], UPPER_NOT_INT),
                                            (0, UPPER_INVALID), (-1, UPPER_INVALID),
                                            (999999999, UPPER_INVALID)],
                         ids=lambda v: repr(v))
def test_move_board_with_a_bad_target_is_422_and_keeps_the_order(api, four, target, message):
    pid, ids = four
    assert_422(api.post(f"/tm/boards/{ids[0]}/move", json={"upperBoardId": target}),
               {"upperBoardId": [message]})
    assert order(api, pid) == ids


def test_move_board_after_a_board_of_another_project_is_422(api, four):
    pid, ids = four
    other_project = new_project(api, "other")
    other = create(api, other_project)["id"]
    assert_422(api.post(f"/tm/boards/{ids[1]}/move", json={"upperBoardId": other}),
               {"upperBoardId": [UPPER_INVALID]})
    assert order(api, pid) == ids
    assert order(api, other_project) == [other]


def test_move_board_after_a_deleted_board_is_422(api, four):
    pid, ids = four
    api.delete(f"/tm/boards/{ids[3]}")
    assert_422(api.post(f"/tm/boards/{ids[0]}/move", json={"upperBoardId": ids[3]}),
               {"upperBoardId": [UPPER_INVALID]})
    assert order(api, pid) == ids[:3]


def test_move_board_in_an_archived_project_is_422_and_keeps_the_order(api, four):
    pid, ids = four
    archive(api, pid)
    assert_422(api.post(f"/tm/boards/{ids[3]}/move", json={"upperBoardId": None}),
               {"projectId": [ARCHIVED]})
    assert order(api, pid) == ids


def test_board_order_is_unchanged_by_reads_renames_and_other_projects(api, four):
    pid, ids = four
    move(api, ids[3], upperBoardId=ids[0])
    expected = [ids[0], ids[3], ids[1], ids[2]]
    other = new_project(api, "other")
    for i in range(3):
        create(api, other, f"o{i}")
    move(api, order(api, other)[2])
    api.put(f"/tm/boards/{ids[1]}", json={"name": "renamed"})
    for _ in range(3):
        assert order(api, pid) == expected


# ---- long random sequences against a reference model -----------------------------------------

class BoardModel:
    """The expected order of one project's boards."""

    def __init__(self, ids):
        self.ids = list(ids)

    def move(self, bid, after):
        if after == bid:
            return
        self.ids.remove(bid)
        self.ids.insert(0 if after is None else self.ids.index(after) + 1, bid)


def _random_first_body(rng):
    """The ways a client says "move to the first place"."""
    return rng.choice([
        {"json": {"upperBoardId": None}}, {"json": {}}, {}, {"json": []},
        {"data": b'""', "headers": {"Content-Type": "application/json"}},
    ])


@pytest.mark.parametrize("seed", [20240611, 7, 4242])
def test_random_board_moves_creates_and_deletes_keep_the_reference_order(fresh_ws, seed):
    rng = random.Random(seed)
    api = fresh_ws
    pid = new_project(api, "main")
    bystander = new_project(api, "bystander")
    others = [create(api, bystander, f"o{i}")["id"] for i in range(3)]
    model = BoardModel(create(api, pid, f"start {i}")["id"] for i in range(6))
    names = {}
    made = 0
    for step in range(300):
        roll = rng.random()
        ctx = f"seed {seed} step {step}"
        if roll < 0.62 and model.ids:
            bid = rng.choice(model.ids)
            kind = rng.random()
            if kind < 0.15:
                r = api.post(f"/tm/boards/{bid}/move", **_random_first_body(rng))
                after = None
            elif kind < 0.22:
                after = bid
                r = api.post(f"/tm/boards/{bid}/move", json={"upperBoardId": bid})
            else:
                after = rng.choice(model.ids)
                target = str(after) if rng.random() < 0.2 else after
                r = api.post(f"/tm/boards/{bid}/move", json={"upperBoardId": target})
            assert r.status_code == 200 and r.json() == {"success": True}, (ctx, r.text)
            model.move(bid, after)
        elif roll < 0.74:
            made += 1
            b = create(api, pid, f"made {made}")
            model.ids.append(b["id"])
        elif roll < 0.86 and len(model.ids) > 1:
            bid = rng.choice(model.ids)
            assert api.delete(f"/tm/boards/{bid}").status_code == 200, ctx
            model.ids.remove(bid)
        elif roll < 0.92 and model.ids:
            bid = rng.choice(model.ids)
            names[bid] = f"renamed {step}"
            assert api.put(f"/tm/boards/{bid}", json={"name": names[bid]}).status_code == 200
        elif model.ids:
            # a target in another project is refused and changes nothing anywhere
            r = api.post(f"/tm/boards/{rng.choice(model.ids)}/move",
                         json={"upperBoardId": rng.choice(others)})
            assert_422(r, {"upperBoardId": [UPPER_INVALID]})
        got = listed(api, pid)
        assert [b["id"] for b in got] == model.ids, ctx
        for b in got:
            if b["id"] in names:
                assert b["name"] == names[b["id"]], ctx
    assert order(api, bystander) == others


# ---- not found -------------------------------------------------------------------------------

@pytest.mark.parametrize("method,suffix,body", [
    ("PUT", "", {"name": "x"}), ("DELETE", "", None), ("POST", "/move", {}),
    ("POST", "/move", {"upperBoardId": None})],
    ids=["put", "delete", "move", "move-to-first"])
@pytest.mark.parametrize("bid", BAD_IDS)
def test_missing_or_non_numeric_board_is_404_record_not_found(api, bid, method, suffix, body):
    r = api.request(method, f"/tm/boards/{bid}{suffix}", json=body)
    assert r.status_code == 404, r.text
    assert r.json() == RECORD_NOT_FOUND


def test_move_missing_board_with_no_body_is_404(api):
    r = api.post("/tm/boards/999999999/move")
    assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND, r.text


def test_put_missing_board_with_an_invalid_body_is_still_404(api):
    r = api.put("/tm/boards/999999999", json={"name": None})
    assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND


# ---- other workspaces ------------------------------------------------------------------------

def test_other_workspace_cannot_rename_move_or_delete_a_board(api, api_b, four):
    pid, ids = four
    before = listed(api, pid)
    cols = columns(api, ids[0])
    for r in (api_b.put(f"/tm/boards/{ids[0]}", json={"name": "hijacked"}),
              api_b.delete(f"/tm/boards/{ids[0]}"),
              api_b.post(f"/tm/boards/{ids[3]}/move", json={"upperBoardId": None}),
              api_b.post(f"/tm/boards/{ids[3]}/move", json={"upperBoardId": ids[0]})):
        assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND, r.text
    assert listed(api, pid) == before
    assert columns(api, ids[0]) == cols


def test_other_workspace_cannot_list_or_add_columns_of_a_board(api, api_b, four):
    pid, ids = four
    cols = columns(api, ids[0])
    assert_422(api_b.get("/tm/board-columns", params={"boardId": ids[0]}),
               {"boardId": [BOARD_INVALID]})
    assert_422(api_b.post("/tm/board-columns", json={"name": "B's", "boardId": ids[0]}),
               {"boardId": [BOARD_INVALID]})
    assert columns(api, ids[0]) == cols


def test_other_workspace_cannot_move_its_board_after_a_foreign_one(api, api_b, four):
    pid, ids = four
    b_project = new_project(api_b, "B's")
    b_boards = [create(api_b, b_project, f"B{i}")["id"] for i in range(2)]
    assert_422(api_b.post(f"/tm/boards/{b_boards[0]}/move", json={"upperBoardId": ids[1]}),
               {"upperBoardId": [UPPER_INVALID]})
    assert order(api_b, b_project) == b_boards
    assert order(api, pid) == ids


def test_other_workspace_board_ids_are_invalid_in_a_board_list_query(api, api_b, four):
    pid, ids = four
    assert_422(api_b.get("/tm/boards", params={"projectId": pid}),
               {"projectId": [PROJECT_INVALID]})
    assert order(api, pid) == ids

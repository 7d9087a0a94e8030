"""/tm/projects: list, create, get, update (partial, answers the project), delete (with its
boards and columns), archive and un-archive (idempotent; archived projects stay listed with
status 2 and freeze their boards and columns); validation, not-found shapes and workspace
isolation (src/api/tm/tm_projects.c, docs/internals/decisions.md)."""
import pytest

from weeekd_http import (ARCHIVED, BAD_COLOR, BAD_IDS, BAD_PRIVATE, BOARD_INVALID,
                         NAME_TOO_LONG, OPTIONAL_BODIES, OPTIONAL_BODY_IDS, PROJECT_INVALID,
                         RECORD_NOT_FOUND, REQUIRED, assert_422, assert_bare_success,
                         assert_envelope, me, validate_success)

PORTFOLIO_INVALID = "The selected portfolio id is invalid."
PORTFOLIO_NOT_INT = "The portfolio id must be an integer."
DEFAULT_COLOR = "#dfdfdf"
PROJECT_KEYS = {"id", "name", "title", "logoLink", "description", "color", "status",
                "isPrivate", "isArchived", "portfolioId", "team", "customFields"}


def create(api, name="project", **fields):
    r = api.post("/tm/projects", json={"name": name, **fields})
    return assert_envelope("POST", "/tm/projects", r)["project"]


def get(api, pid):
    return assert_envelope("GET", "/tm/projects/{id}", api.get(f"/tm/projects/{pid}"))["project"]


def listed(api):
    return assert_envelope("GET", "/tm/projects", api.get("/tm/projects"))["projects"]


def keep(p):
    """What every PUT must carry (the spec's required list, tm-notes §3 item 8): the
    project's own name and isPrivate, so only the fields a test adds change."""
    return {"name": p["name"], "isPrivate": p["isPrivate"]}


def put(api, pid, body):
    """PUT that must succeed: {"success": true, "project": <the project as now stored>}."""
    r = api.put(f"/tm/projects/{pid}", json=body)
    assert r.status_code == 200, r.text
    out = r.json()
    assert set(out) == {"success", "project"} and out["success"] is True
    validate_success("PUT", "/tm/projects/{id}", out)
    assert out["project"] == get(api, pid)
    return out["project"]


def new_portfolio(api, name="portfolio"):
    r = api.post("/tm/portfolios", json={"name": name})
    assert r.status_code == 200, r.text
    return r.json()["data"]["id"]


def new_board(api, pid, name="board"):
    r = api.post("/tm/boards", json={"name": name, "projectId": pid})
    assert r.status_code == 200, r.text
    return r.json()["board"]


def boards(api, pid):
    r = api.get("/tm/boards", params={"projectId": pid})
    assert r.status_code == 200, r.text
    return r.json()["boards"]


def columns(api, bid):
    r = api.get("/tm/board-columns", params={"boardId": bid})
    assert r.status_code == 200, r.text
    return r.json()["boardColumns"]


def archive(api, pid, action="archive"):
    r = api.post(f"/tm/projects/{pid}/{action}")
    assert_bare_success("POST", f"/tm/projects/{{id}}/{action}", r)


# ---- list / create / get ---------------------------------------------------------------------

def test_project_list_of_a_fresh_workspace_is_empty(fresh_ws):
    assert listed(fresh_ws) == []


def test_create_project_with_only_a_name_gets_the_defaults(fresh_ws):
    p = create(fresh_ws, "Test project")
    assert set(p) == PROJECT_KEYS
    assert isinstance(p["id"], int) and p["id"] >= 1
    assert p == {"id": p["id"], "name": "Test project", "title": "Test project",
                 "logoLink": None, "description": None, "color": DEFAULT_COLOR, "status": 1,
                 "isPrivate": False, "isArchived": False, "portfolioId": None,
                 "team": [me(fresh_ws)], "customFields": []}


def test_create_project_with_every_field_keeps_them(fresh_ws):
    pf = new_portfolio(fresh_ws)
    p = create(fresh_ws, "Full", description="About <b>it</b>", logo="https://x.test/l.png",
               color="#003C93", isPrivate=True, portfolioId=pf)
    assert p == {"id": p["id"], "name": "Full", "title": "Full",
                 "logoLink": "https://x.test/l.png", "description": "About <b>it</b>",
                 "color": "#003C93", "status": 1, "isPrivate": True, "isArchived": False,
                 "portfolioId": pf, "team": [me(fresh_ws)], "customFields": []}
    assert get(fresh_ws, p["id"]) == p
    assert listed(fresh_ws) == [p]


def test_created_projects_are_listed_in_creation_order(fresh_ws):
    made = [create(fresh_ws, n) for n in ("one", "two", "three")]
    assert listed(fresh_ws) == made


def test_project_team_is_the_member_who_created_it(api, api_member):
    p = create(api_member, "member's project")
    assert p["team"] == [me(api_member)]
    assert get(api, p["id"]) == p


@pytest.mark.parametrize("value,expected", [(True, True), (False, False), (1, True), (0, False),
                                            ("1", True), ("0", False), ("true", True),
                                            ("false", False)])
def test_create_project_accepts_is_private_as_bool_or_0_1(fresh_ws, value, expected):
    p = create(fresh_ws, "priv", isPrivate=value)
    assert p["isPrivate"] is expected
    assert get(fresh_ws, p["id"])["isPrivate"] is expected


def test_create_project_with_portfolio_id_as_a_numeric_string(fresh_ws):
    pf = new_portfolio(fresh_ws)
    assert create(fresh_ws, "in pf", portfolioId=str(pf))["portfolioId"] == pf


def test_create_project_from_a_form_encoded_body(fresh_ws):
    r = fresh_ws.post("/tm/projects", data={"name": "Форма & co", "isPrivate": "1",
                                            "color": "#00ff00"})
    p = assert_envelope("POST", "/tm/projects", r)["project"]
    assert (p["name"], p["isPrivate"], p["color"]) == ("Форма & co", True, "#00ff00")


@pytest.mark.parametrize("fields", [{"color": None}, {"color": ""}, {"color": "  "},
                                    {"description": None}, {"description": "  "},
                                    {"logo": None}, {"logo": ""}, {"portfolioId": None}],
                         ids=lambda f: repr(f))
def test_create_project_null_or_blank_optionals_take_the_defaults(fresh_ws, fields):
    p = create(fresh_ws, "defaults", **fields)
    assert (p["color"], p["description"], p["logoLink"], p["portfolioId"]) == (
        DEFAULT_COLOR, None, None, None)


@pytest.mark.parametrize("name", ["Проект 🚀 «кавычки»", 'quote " back \\ slash',
                                  "<b>html</b> &amp;", "tab\tand\nnewline"])
def test_project_name_unicode_is_kept_exactly_in_name_and_title(fresh_ws, name):
    p = create(fresh_ws, name)
    assert p["name"] == p["title"] == name
    assert get(fresh_ws, p["id"])["title"] == name


def test_project_name_surrounding_whitespace_is_trimmed(fresh_ws):
    assert create(fresh_ws, " \t padded \n")["name"] == "padded"


@pytest.mark.parametrize("char", ["a", "Я", "\U0001F600"], ids=["ascii", "cyrillic", "emoji"])
def test_create_project_name_of_255_code_points_is_accepted(fresh_ws, char):
    assert create(fresh_ws, char * 255)["name"] == char * 255


def test_create_project_description_of_65535_code_points_is_accepted(fresh_ws):
    assert create(fresh_ws, "long", description="Ж" * 65535)["description"] == "Ж" * 65535


def test_create_project_logo_of_2048_code_points_is_accepted(fresh_ws):
    assert create(fresh_ws, "logo", logo="l" * 2048)["logoLink"] == "l" * 2048


# ---- create validation -----------------------------------------------------------------------

@pytest.mark.parametrize("body", [{}, {"name": None}, {"name": ""}, {"name": " \n "},
                                  {"isPrivate": 1, "color": "#aabbcc"}],
                         ids=["missing", "null", "empty", "blank", "other-fields-only"])
def test_create_project_without_name_is_422_required(api, body):
    assert_422(api.post("/tm/projects", json=body), {"name": [REQUIRED]})


@pytest.mark.parametrize("body", [b"", b"[]", b'""', b"{}", b"null"],
                         ids=["nothing", "empty-array", "empty-string", "empty-object", "null"])
def test_create_project_with_an_empty_body_is_422_name_required(api, body):
    r = api.post("/tm/projects", data=body, headers={"Content-Type": "application/json"})
    assert_422(r, {"name": [REQUIRED]})


@pytest.mark.parametrize("field,value", [("name", 5), ("name", True), ("name", ["x"]),
                                         ("description", 5), ("description", {"a": 1}),
                                         ("logo", 5), ("logo", False), ("color", 0xAABBCC)],
                         ids=lambda v: repr(v))
def test_create_project_with_a_non_string_field_is_422_naming_it(api, field, value):
    body = {"name": "x", field: value}
    attr = {"name": "name", "description": "description", "logo": "logo", "color": "color"}
    assert_422(api.post("/tm/projects", json=body),
               {field: [f"The {attr[field]} must be a string."]})


@pytest.mark.parametrize("char", ["a", "Я", "\U0001F600"], ids=["ascii", "cyrillic", "emoji"])
def test_create_project_name_of_256_code_points_is_422(api, char):
    assert_422(api.post("/tm/projects", json={"name": char * 256}), {"name": [NAME_TOO_LONG]})


def test_create_project_description_over_65535_is_422(api):
    assert_422(api.post("/tm/projects", json={"name": "x", "description": "Ж" * 65536}),
               {"description": ["The description must not be greater than 65535 characters."]})


def test_create_project_logo_over_2048_is_422(api):
    assert_422(api.post("/tm/projects", json={"name": "x", "logo": "l" * 2049}),
               {"logo": ["The logo must not be greater than 2048 characters."]})


@pytest.mark.parametrize("color", ["#12345", "red", "#fff", "#gggggg", "aabbcc", "#aabbccd",
                                   "#aabbccdd", "##abcde", "rgb(1,2,3)"])
def test_create_project_with_malformed_color_is_422(api, color):
    assert_422(api.post("/tm/projects", json={"name": "x", "color": color}),
               {"color": [BAD_COLOR]})


@pytest.mark.parametrize("value", [2, -1, "yes", [], {"a": 1}, 0.5],
                         ids=lambda v: type(v).__name__ + repr(v))
def test_create_project_with_bad_is_private_is_422(api, value):
    assert_422(api.post("/tm/projects", json={"name": "x", "isPrivate": value}),
               {"isPrivate": [BAD_PRIVATE]})


@pytest.mark.parametrize("value", ["abc", 1.5, True, [], "1.5"],
                         ids=lambda v: type(v).__name__ + repr(v))
def test_create_project_with_non_integer_portfolio_is_422(api, value):
    assert_422(api.post("/tm/projects", json={"name": "x", "portfolioId": value}),
               {"portfolioId": [PORTFOLIO_NOT_INT]})


@pytest.mark.parametrize("value", [0, -1, 999999999, "999999999"])
def test_create_project_with_unknown_portfolio_is_422_selected_invalid(api, value):
    assert_422(api.post("/tm/projects", json={"name": "x", "portfolioId": value}),
               {"portfolioId": [PORTFOLIO_INVALID]})


def test_create_project_names_every_failing_field(api):
    r = api.post("/tm/projects", json={"color": "#12345", "isPrivate": "no way",
                                       "portfolioId": "p", "description": 1})
    assert_422(r, {"name": [REQUIRED], "description": ["The description must be a string."],
                   "color": [BAD_COLOR], "isPrivate": [BAD_PRIVATE],
                   "portfolioId": [PORTFOLIO_NOT_INT]})


def test_failed_project_creates_store_nothing(fresh_ws):
    fresh_ws.post("/tm/projects", json={"name": "x" * 256})
    fresh_ws.post("/tm/projects", json={"name": "ok", "color": "#12345"})
    fresh_ws.post("/tm/projects", json={"name": "ok", "portfolioId": 999999999})
    assert listed(fresh_ws) == []


# ---- update ----------------------------------------------------------------------------------

def test_update_project_answers_success_and_the_project(api):
    p = create(api, "before")
    r = api.put(f"/tm/projects/{p['id']}", json={"name": "after", "logo": None, "isPrivate": 0,
                                                 "description": "d", "color": "#003C93"})
    assert r.status_code == 200
    body = r.json()
    assert body == {"success": True, "project": {**p, "name": "after", "title": "after",
                                                 "description": "d", "color": "#003C93"}}
    validate_success("PUT", "/tm/projects/{id}", body)
    assert get(api, p["id"]) == body["project"]


@pytest.mark.parametrize("field,value,key,stored", [
    ("name", "renamed", "name", "renamed"),
    ("description", "new text", "description", "new text"),
    ("logo", "https://l.test/x", "logoLink", "https://l.test/x"),
    ("color", "#A1B2C3", "color", "#A1B2C3"),
    ("isPrivate", "1", "isPrivate", True),
])
def test_update_project_changes_only_the_field_sent(api, field, value, key, stored):
    p = create(api, "partial", description="keep", logo="keep.png", color="#010203")
    expected = {**p, key: stored}
    if field == "name":
        expected["title"] = stored
    assert put(api, p["id"], {**keep(p), field: value}) == expected


@pytest.mark.parametrize("body", [b"", b"[]", b'""', b"{}", b"null"],
                         ids=["nothing", "empty-array", "empty-string", "empty-object", "null"])
def test_update_project_with_empty_body_is_422_name_and_is_private_required(api, body):
    """The spec requires name and isPrivate on update (issue 13 item 4)."""
    p = create(api, "untouched", description="d", isPrivate=True)
    r = api.put(f"/tm/projects/{p['id']}", data=body, headers={"Content-Type": "application/json"})
    assert_422(r, {"name": [REQUIRED], "isPrivate": [REQUIRED]})
    assert get(api, p["id"]) == p


def test_update_project_with_only_its_required_fields_is_a_no_op(api):
    p = create(api, "untouched", description="d", isPrivate=True)
    assert put(api, p["id"], keep(p)) == p


@pytest.mark.parametrize("value", [None, "", "   "])
def test_update_project_null_or_blank_description_and_logo_clear_them(api, value):
    p = create(api, "clear", description="text", logo="logo.png")
    assert put(api, p["id"], {**keep(p), "description": value, "logo": value}) == {
        **p, "description": None, "logoLink": None}


def test_update_project_moves_it_between_portfolios_and_out(api):
    a, b = new_portfolio(api, "a"), new_portfolio(api, "b")
    p = create(api, "mover", portfolioId=a)
    assert put(api, p["id"], {**keep(p), "portfolioId": str(b)})["portfolioId"] == b
    assert put(api, p["id"], {**keep(p), "portfolioId": None})["portfolioId"] is None
    assert put(api, p["id"], {**keep(p), "portfolioId": a})["portfolioId"] == a


@pytest.mark.parametrize("field", ["name", "color"])
@pytest.mark.parametrize("value", [None, "", "  "])
def test_update_project_cannot_clear_name_or_color(api, field, value):
    p = create(api, "stays", color="#111111")
    assert_422(api.put(f"/tm/projects/{p['id']}", json={**keep(p), field: value}),
               {field: [REQUIRED]})
    assert get(api, p["id"]) == p


@pytest.mark.parametrize("body,errors", [
    ({"name": "Я" * 256}, {"name": [NAME_TOO_LONG]}),
    ({"name": 5}, {"name": ["The name must be a string."]}),
    ({"color": "#12345"}, {"color": [BAD_COLOR]}),
    ({"isPrivate": "2"}, {"isPrivate": [BAD_PRIVATE]}),
    ({"portfolioId": "x"}, {"portfolioId": [PORTFOLIO_NOT_INT]}),
    ({"portfolioId": 999999999}, {"portfolioId": [PORTFOLIO_INVALID]}),
    ({"description": "Ж" * 65536},
     {"description": ["The description must not be greater than 65535 characters."]}),
    ({"name": "valid", "color": "blue", "logo": 3},
     {"logo": ["The logo must be a string."], "color": [BAD_COLOR]}),
], ids=["name-too-long", "name-type", "color", "private", "portfolio-type", "portfolio-unknown",
        "description-too-long", "several"])
def test_update_project_with_an_invalid_field_is_422_and_changes_nothing(api, body, errors):
    p = create(api, "guarded", description="d")
    assert_422(api.put(f"/tm/projects/{p['id']}", json={**keep(p), **body}), errors)
    assert get(api, p["id"]) == p


def test_update_project_with_255_cyrillic_name_is_accepted(api):
    p = create(api, "short")
    assert put(api, p["id"], {**keep(p), "name": "Я" * 255})["title"] == "Я" * 255


# ---- archive / un-archive --------------------------------------------------------------------

def test_archive_marks_the_project_status_2_and_keeps_it_listed(fresh_ws):
    p = create(fresh_ws, "to archive")
    other = create(fresh_ws, "stays active")
    archive(fresh_ws, p["id"])
    archived = {**p, "status": 2, "isArchived": True}
    assert get(fresh_ws, p["id"]) == archived
    assert listed(fresh_ws) == [archived, other]


def test_archive_and_un_archive_are_idempotent(api):
    p = create(api, "toggle")
    archive(api, p["id"])
    archive(api, p["id"])
    assert get(api, p["id"]) == {**p, "status": 2, "isArchived": True}
    archive(api, p["id"], "un-archive")
    archive(api, p["id"], "un-archive")
    assert get(api, p["id"]) == p


def test_un_archive_of_an_active_project_is_a_200_no_op(api):
    p = create(api, "never archived")
    archive(api, p["id"], "un-archive")
    assert get(api, p["id"]) == p


@pytest.mark.parametrize("action", ["archive", "un-archive"])
@pytest.mark.parametrize("body", OPTIONAL_BODIES, ids=OPTIONAL_BODY_IDS)
def test_archive_and_un_archive_accept_every_optional_body_form(api, action, body):
    p = create(api, "body forms")
    headers = {"Content-Type": "application/json"} if body is not None else None
    r = api.post(f"/tm/projects/{p['id']}/{action}", data=body, headers=headers)
    assert r.status_code == 200 and r.json() == {"success": True}, r.text
    assert get(api, p["id"])["isArchived"] is (action == "archive")


def test_archived_project_can_still_be_read_with_its_boards_and_columns(api):
    p = create(api, "frozen")
    b = new_board(api, p["id"])
    cols = columns(api, b["id"])
    archive(api, p["id"])
    assert boards(api, p["id"]) == [b]
    assert columns(api, b["id"]) == cols


def test_archived_project_freezes_its_boards_and_columns_until_un_archived(api):
    p = create(api, "frozen")
    b1, b2 = new_board(api, p["id"], "b1"), new_board(api, p["id"], "b2")
    cols = columns(api, b1["id"])
    archive(api, p["id"])
    on_project = {"projectId": [ARCHIVED]}
    assert_422(api.post("/tm/boards", json={"name": "new", "projectId": p["id"]}), on_project)
    assert_422(api.put(f"/tm/boards/{b1['id']}", json={"name": "renamed"}), on_project)
    assert_422(api.post(f"/tm/boards/{b2['id']}/move", json={"upperBoardId": None}), on_project)
    assert_422(api.delete(f"/tm/boards/{b1['id']}"), on_project)
    assert_422(api.post("/tm/board-columns", json={"name": "new", "boardId": b1["id"]}),
               {"boardId": [ARCHIVED]})
    assert boards(api, p["id"]) == [b1, b2]
    assert columns(api, b1["id"]) == cols
    archive(api, p["id"], "un-archive")
    assert api.put(f"/tm/boards/{b1['id']}", json={"name": "renamed"}).status_code == 200
    assert api.post(f"/tm/boards/{b2['id']}/move", json={}).status_code == 200
    assert [b["name"] for b in boards(api, p["id"])] == ["b2", "renamed"]
    assert api.post("/tm/board-columns", json={"name": "new",
                                               "boardId": b1["id"]}).status_code == 200
    assert api.delete(f"/tm/boards/{b2['id']}").status_code == 200
    assert api.post("/tm/boards", json={"name": "new", "projectId": p["id"]}).status_code == 200


def test_archived_project_can_be_renamed_and_deleted(api):
    p = create(api, "archived but editable")
    new_board(api, p["id"])
    archive(api, p["id"])
    assert put(api, p["id"], {**keep(p), "name": "renamed"})["isArchived"] is True
    assert_bare_success("DELETE", "/tm/projects/{id}", api.delete(f"/tm/projects/{p['id']}"))
    assert api.get(f"/tm/projects/{p['id']}").status_code == 404


# ---- delete ----------------------------------------------------------------------------------

def test_delete_project_answers_bare_success_and_it_is_gone(fresh_ws):
    p = create(fresh_ws, "doomed")
    keep = create(fresh_ws, "kept")
    assert_bare_success("DELETE", "/tm/projects/{id}", fresh_ws.delete(f"/tm/projects/{p['id']}"))
    r = fresh_ws.get(f"/tm/projects/{p['id']}")
    assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND
    assert listed(fresh_ws) == [keep]


@pytest.mark.parametrize("body", OPTIONAL_BODIES, ids=OPTIONAL_BODY_IDS)
def test_delete_project_accepts_every_optional_body_form(api, body):
    p = create(api, "body forms")
    headers = {"Content-Type": "application/json"} if body is not None else None
    r = api.delete(f"/tm/projects/{p['id']}", data=body, headers=headers)
    assert r.status_code == 200 and r.json() == {"success": True}, r.text


def test_delete_project_removes_its_boards_and_columns(api):
    p = create(api, "with structure")
    keep = create(api, "neighbour")
    doomed = [new_board(api, p["id"], f"b{i}") for i in range(3)]
    doomed_cols = [c for b in doomed for c in columns(api, b["id"])]
    kept_board = new_board(api, keep["id"], "kept")
    kept_cols = columns(api, kept_board["id"])
    assert api.delete(f"/tm/projects/{p['id']}").status_code == 200
    assert_422(api.get("/tm/boards", params={"projectId": p["id"]}),
               {"projectId": [PROJECT_INVALID]})
    for b in doomed:
        assert_422(api.get("/tm/board-columns", params={"boardId": b["id"]}),
                   {"boardId": [BOARD_INVALID]})
        for r in (api.put(f"/tm/boards/{b['id']}", json={"name": "x"}),
                  api.delete(f"/tm/boards/{b['id']}")):
            assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND
        assert_422(api.post("/tm/board-columns", json={"name": "x", "boardId": b["id"]}),
                   {"boardId": [BOARD_INVALID]})
    for c in doomed_cols:
        for r in (api.put(f"/tm/board-columns/{c['id']}", json={"name": "x"}),
                  api.delete(f"/tm/board-columns/{c['id']}")):
            assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND
    assert_422(api.post("/tm/boards", json={"name": "x", "projectId": p["id"]}),
               {"projectId": [PROJECT_INVALID]})
    assert boards(api, keep["id"]) == [kept_board]
    assert columns(api, kept_board["id"]) == kept_cols


def test_delete_project_twice_and_acting_on_it_afterwards_are_record_not_found(api):
    p = create(api, "twice")
    assert api.delete(f"/tm/projects/{p['id']}").status_code == 200
    for r in (api.delete(f"/tm/projects/{p['id']}"),
              api.put(f"/tm/projects/{p['id']}", json={"name": "zombie"}),
              api.post(f"/tm/projects/{p['id']}/archive"),
              api.post(f"/tm/projects/{p['id']}/un-archive")):
        assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND


def test_project_ids_are_not_reused_after_delete(fresh_ws):
    first = create(fresh_ws, "gone")
    fresh_ws.delete(f"/tm/projects/{first['id']}")
    assert create(fresh_ws, "new")["id"] > first["id"]


# ---- not found -------------------------------------------------------------------------------

@pytest.mark.parametrize("pid", BAD_IDS)
def test_get_missing_or_non_numeric_project_is_404_record_not_found(api, pid):
    r = api.get(f"/tm/projects/{pid}")
    assert r.status_code == 404, r.text
    assert r.json() == RECORD_NOT_FOUND


@pytest.mark.parametrize("method,suffix,body", [
    ("PUT", "", {"name": "x"}), ("DELETE", "", None), ("POST", "/archive", None),
    ("POST", "/un-archive", None)], ids=["put", "delete", "archive", "un-archive"])
@pytest.mark.parametrize("pid", BAD_IDS)
def test_other_methods_on_missing_or_non_numeric_project_are_404(api, pid, method, suffix, body):
    r = api.request(method, f"/tm/projects/{pid}{suffix}", json=body)
    assert r.status_code == 404, r.text
    assert r.json() == RECORD_NOT_FOUND


def test_put_missing_project_with_an_invalid_body_is_still_404(api):
    r = api.put("/tm/projects/999999999", json={"name": None, "color": "#12345"})
    assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND


def test_numeric_string_path_id_forms_name_the_same_project(api):
    p = create(api, "padded id")
    assert get(api, f"{p['id']:06d}") == p
    assert get(api, "".join(f"%{ord(ch):02X}" for ch in str(p["id"]))) == p


def test_head_on_a_project_matches_get_and_missing_is_404(api):
    p = create(api, "head")
    g, h = api.get(f"/tm/projects/{p['id']}"), api.head(f"/tm/projects/{p['id']}")
    assert h.status_code == 200 and h.content == b""
    assert int(h.headers["Content-Length"]) == len(g.content)
    m = api.head("/tm/projects/999999999")
    assert m.status_code == 404 and m.content == b""


# ---- other workspaces ------------------------------------------------------------------------

def test_other_workspace_cannot_touch_a_project_by_id(api, api_b):
    p = create(api, "A's project", description="secret", isPrivate=True)
    board = new_board(api, p["id"])
    r = api_b.get(f"/tm/projects/{p['id']}")
    assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND
    for r in (api_b.put(f"/tm/projects/{p['id']}", json={"name": "hijacked", "color": "#000000"}),
              api_b.post(f"/tm/projects/{p['id']}/archive"),
              api_b.post(f"/tm/projects/{p['id']}/un-archive"),
              api_b.delete(f"/tm/projects/{p['id']}")):
        assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND
    assert get(api, p["id"]) == p
    assert boards(api, p["id"]) == [board]


def test_other_workspace_cannot_un_archive_a_project(api, api_b):
    p = create(api, "A archived")
    archive(api, p["id"])
    r = api_b.post(f"/tm/projects/{p['id']}/un-archive")
    assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND
    assert get(api, p["id"])["isArchived"] is True


def test_other_workspace_does_not_list_a_project(api, api_b):
    p = create(api, "A only")
    assert p["id"] not in [x["id"] for x in listed(api_b)]
    assert p["id"] in [x["id"] for x in listed(api)]


def test_other_workspace_cannot_list_or_add_boards_of_a_project(api, api_b):
    p = create(api, "A's")
    board = new_board(api, p["id"])
    assert_422(api_b.get("/tm/boards", params={"projectId": p["id"]}),
               {"projectId": [PROJECT_INVALID]})
    assert_422(api_b.post("/tm/boards", json={"name": "B's board", "projectId": p["id"]}),
               {"projectId": [PROJECT_INVALID]})
    assert boards(api, p["id"]) == [board]


def test_member_token_shares_the_workspace_projects(api, api_member):
    p = create(api, "team project")
    assert get(api_member, p["id"]) == p
    archive(api_member, p["id"])
    assert get(api, p["id"])["isArchived"] is True

"""/tm/portfolios: list (limit/offset/hasMore, search, parentId), create, get, update
(partial), delete (detaches projects, children become top-level); validation (422, Laravel
shape), the not-found shapes (tm-notes 2.4) and workspace isolation. Items travel under
`data` (tm-notes 2.3); `limit` is 0..100, default 100 (src/api/tm/tm_portfolios.c)."""
import pytest

from weeekd_http import (BAD_IDS, BAD_PRIVATE, NAME_NOT_STRING, NAME_TOO_LONG,
                         RECORD_NOT_FOUND, REQUIRED, assert_422, assert_envelope, validate_success)

PARENT_INVALID = "The selected parent id is invalid."
PARENT_NOT_INT = "The parent id must be an integer."


def create(api, name="portfolio", **fields):
    r = api.post("/tm/portfolios", json={"name": name, **fields})
    return assert_envelope("POST", "/tm/portfolios", r)["data"]


def get(api, pid):
    return assert_envelope("GET", "/tm/portfolios/{id}", api.get(f"/tm/portfolios/{pid}"))["data"]


def listing(api, **params):
    """The whole list body: exactly success, data and hasMore, valid against the spec."""
    r = api.get("/tm/portfolios", params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"success", "data", "hasMore"}, body
    assert body["success"] is True and isinstance(body["hasMore"], bool)
    validate_success("GET", "/tm/portfolios", body)
    return body


def ids(api, **params):
    return [p["id"] for p in listing(api, **params)["data"]]


def new_project(api, **fields):
    r = api.post("/tm/projects", json={"name": "project", **fields})
    assert r.status_code == 200, r.text
    return r.json()["project"]


def get_project(api, pid):
    r = api.get(f"/tm/projects/{pid}")
    assert r.status_code == 200, r.text
    return r.json()["project"]


# ---- list / create / get ---------------------------------------------------------------------

def test_portfolio_list_of_a_fresh_workspace_is_empty_without_more(fresh_ws):
    assert listing(fresh_ws) == {"success": True, "data": [], "hasMore": False}


def test_create_portfolio_returns_id_name_null_parent_and_not_private(fresh_ws):
    p = create(fresh_ws, "Roadmap")
    assert set(p) == {"id", "name", "parentId", "isPrivate"}
    assert isinstance(p["id"], int) and p["id"] >= 1
    assert p == {"id": p["id"], "name": "Roadmap", "parentId": None, "isPrivate": False}


def test_get_portfolio_returns_what_create_returned(fresh_ws):
    p = create(fresh_ws, "fetch me", isPrivate=True)
    assert get(fresh_ws, p["id"]) == p


def test_created_portfolios_are_listed_in_creation_order(fresh_ws):
    made = [create(fresh_ws, n) for n in ("one", "two", "three")]
    assert listing(fresh_ws) == {"success": True, "data": made, "hasMore": False}


def test_create_portfolio_with_a_parent_nests_it(fresh_ws):
    root = create(fresh_ws, "root")
    child = create(fresh_ws, "child", parentId=root["id"])
    assert child["parentId"] == root["id"]
    assert get(fresh_ws, child["id"]) == child


def test_create_portfolio_with_parent_id_as_a_numeric_string(fresh_ws):
    root = create(fresh_ws, "root")
    assert create(fresh_ws, "child", parentId=str(root["id"]))["parentId"] == root["id"]


def test_create_portfolio_with_null_parent_is_top_level(fresh_ws):
    assert create(fresh_ws, "top", parentId=None)["parentId"] is None


@pytest.mark.parametrize("value,expected", [(True, True), (False, False), (1, True), (0, False),
                                            ("1", True), ("0", False), ("true", True),
                                            ("false", False)])
def test_create_portfolio_accepts_is_private_as_bool_or_0_1(fresh_ws, value, expected):
    p = create(fresh_ws, "priv", isPrivate=value)
    assert p["isPrivate"] is expected
    assert get(fresh_ws, p["id"])["isPrivate"] is expected


@pytest.mark.parametrize("name", ["Портфель 📁 «кавычки»", 'quote " back \\ slash',
                                  "<b>html</b> &amp;", "tab\tand\nnewline"])
def test_portfolio_name_unicode_is_kept_exactly(fresh_ws, name):
    p = create(fresh_ws, name)
    assert p["name"] == name
    assert get(fresh_ws, p["id"])["name"] == name


def test_portfolio_name_surrounding_whitespace_is_trimmed(fresh_ws):
    assert create(fresh_ws, "  padded \t\n")["name"] == "padded"


@pytest.mark.parametrize("char", ["a", "Я", "\U0001F600"], ids=["ascii", "cyrillic", "emoji"])
def test_create_portfolio_name_of_255_code_points_is_accepted(fresh_ws, char):
    assert create(fresh_ws, char * 255)["name"] == char * 255


# ---- create validation -----------------------------------------------------------------------

@pytest.mark.parametrize("body", [{}, {"name": None}, {"name": ""}, {"name": "  \t"},
                                  {"isPrivate": True}],
                         ids=["missing", "null", "empty", "blank", "other-fields-only"])
def test_create_portfolio_without_name_is_422_required(api, body):
    assert_422(api.post("/tm/portfolios", json=body), {"name": [REQUIRED]})


@pytest.mark.parametrize("body", [b"", b"[]", b'""', b"{}", b"null"],
                         ids=["nothing", "empty-array", "empty-string", "empty-object", "null"])
def test_create_portfolio_with_an_empty_body_is_422_name_required(api, body):
    r = api.post("/tm/portfolios", data=body, headers={"Content-Type": "application/json"})
    assert_422(r, {"name": [REQUIRED]})


@pytest.mark.parametrize("name", [5, 1.5, True, [], ["x"], {"a": 1}],
                         ids=lambda v: type(v).__name__ + repr(v))
def test_create_portfolio_with_non_string_name_is_422(api, name):
    assert_422(api.post("/tm/portfolios", json={"name": name}), {"name": [NAME_NOT_STRING]})


@pytest.mark.parametrize("char", ["a", "Я", "\U0001F600"], ids=["ascii", "cyrillic", "emoji"])
def test_create_portfolio_name_of_256_code_points_is_422(api, char):
    assert_422(api.post("/tm/portfolios", json={"name": char * 256}), {"name": [NAME_TOO_LONG]})


@pytest.mark.parametrize("value", [2, -1, "yes", [], {"a": 1}, 1.5],
                         ids=lambda v: type(v).__name__ + repr(v))
def test_create_portfolio_with_bad_is_private_is_422(api, value):
    assert_422(api.post("/tm/portfolios", json={"name": "x", "isPrivate": value}),
               {"isPrivate": [BAD_PRIVATE]})


@pytest.mark.parametrize("value", ["", "  ", None])
def test_create_portfolio_with_blank_is_private_is_as_if_absent(api, value):
    # Laravel's ConvertEmptyStringsToNull: a blank string is a null, and a null optional
    # boolean is the default (src/api/pipeline/input.c)
    r = api.post("/tm/portfolios", json={"name": "x", "isPrivate": value})
    assert r.status_code == 200, r.text
    assert r.json()["data"]["isPrivate"] is False


@pytest.mark.parametrize("parent", ["abc", 1.5, True, [], "1.5", "99999999999999999999999"],
                         ids=lambda v: type(v).__name__ + repr(v))
def test_create_portfolio_with_non_integer_parent_is_422_must_be_integer(api, parent):
    assert_422(api.post("/tm/portfolios", json={"name": "x", "parentId": parent}),
               {"parentId": [PARENT_NOT_INT]})


@pytest.mark.parametrize("parent", [0, -1, 999999999, "999999999"])
def test_create_portfolio_with_unknown_parent_is_422_selected_invalid(api, parent):
    assert_422(api.post("/tm/portfolios", json={"name": "x", "parentId": parent}),
               {"parentId": [PARENT_INVALID]})


def test_create_portfolio_under_a_deleted_parent_is_422(api):
    gone = create(api, "gone")
    assert api.delete(f"/tm/portfolios/{gone['id']}").status_code == 200
    assert_422(api.post("/tm/portfolios", json={"name": "x", "parentId": gone["id"]}),
               {"parentId": [PARENT_INVALID]})


def test_create_portfolio_names_every_failing_field(api):
    assert_422(api.post("/tm/portfolios", json={"name": 7, "parentId": "p", "isPrivate": "no!"}),
               {"name": [NAME_NOT_STRING], "parentId": [PARENT_NOT_INT],
                "isPrivate": [BAD_PRIVATE]})


def test_failed_portfolio_creates_store_nothing(fresh_ws):
    fresh_ws.post("/tm/portfolios", json={"name": "x" * 256})
    fresh_ws.post("/tm/portfolios", json={"name": "ok", "parentId": 999999999})
    fresh_ws.post("/tm/portfolios", json={"name": "ok", "isPrivate": "maybe"})
    assert listing(fresh_ws)["data"] == []


# ---- paging ----------------------------------------------------------------------------------

@pytest.fixture
def hundred_and_five(fresh_ws):
    """A fresh workspace holding 105 portfolios; (client, their ids in creation order)."""
    made = [create(fresh_ws, f"page item {i:03d}")["id"] for i in range(105)]
    return fresh_ws, made


def test_portfolio_paging_over_more_than_100(hundred_and_five):
    api, made = hundred_and_five
    first = listing(api)
    assert [p["id"] for p in first["data"]] == made[:100], "default limit is 100, id order"
    assert first["hasMore"] is True
    second = listing(api, offset=100)
    assert [p["id"] for p in second["data"]] == made[100:]
    assert second["hasMore"] is False
    full = listing(api, limit=100, offset=5)
    assert [p["id"] for p in full["data"]] == made[5:], "a page that ends exactly at the end"
    assert full["hasMore"] is False
    short = listing(api, limit=100, offset=4)
    assert [p["id"] for p in short["data"]] == made[4:104]
    assert short["hasMore"] is True


def test_portfolio_pages_walked_by_limit_and_offset_cover_every_item_once(hundred_and_five):
    api, made = hundred_and_five
    seen, offset = [], 0
    while True:
        page = listing(api, limit=7, offset=offset)
        assert len(page["data"]) <= 7
        seen += [p["id"] for p in page["data"]]
        offset += 7
        if not page["hasMore"]:
            break
    assert seen == made


def test_portfolio_limit_zero_is_an_empty_page_that_says_whether_items_exist(fresh_ws):
    assert listing(fresh_ws, limit=0) == {"success": True, "data": [], "hasMore": False}
    create(fresh_ws, "one")
    assert listing(fresh_ws, limit=0) == {"success": True, "data": [], "hasMore": True}
    assert listing(fresh_ws, limit=0, offset=1) == {"success": True, "data": [],
                                                    "hasMore": False}


def test_portfolio_offset_past_the_end_is_an_empty_page(fresh_ws):
    create(fresh_ws, "only")
    assert listing(fresh_ws, offset=1) == {"success": True, "data": [], "hasMore": False}
    assert listing(fresh_ws, offset=2147483647)["data"] == []


def test_portfolio_limit_and_offset_as_zero_padded_numbers(fresh_ws):
    made = [create(fresh_ws, f"p{i}")["id"] for i in range(3)]
    assert ids(fresh_ws, limit="01", offset="001") == made[1:2]


@pytest.mark.parametrize("limit", ["101", "1000", "-1"])
def test_portfolio_limit_out_of_range_is_422(api, limit):
    assert_422(api.get("/tm/portfolios", params={"limit": limit}),
               {"limit": ["The limit must be between 0 and 100."]})


@pytest.mark.parametrize("limit", ["abc", "1.5", "1.0", "10x", "1e2"])
def test_portfolio_limit_not_an_integer_is_422(api, limit):
    assert_422(api.get("/tm/portfolios", params={"limit": limit}),
               {"limit": ["The limit must be an integer."]})


def test_portfolio_negative_offset_is_422(api):
    assert_422(api.get("/tm/portfolios", params={"offset": "-1"}),
               {"offset": ["The offset must be between 0 and 2147483647."]})


def test_portfolio_non_integer_offset_is_422(api):
    assert_422(api.get("/tm/portfolios", params={"offset": "x"}),
               {"offset": ["The offset must be an integer."]})


def test_portfolio_list_bad_limit_and_offset_are_both_named(api):
    r = api.get("/tm/portfolios", params={"limit": "500", "offset": "z"})
    assert_422(r, {"limit": ["The limit must be between 0 and 100."],
                   "offset": ["The offset must be an integer."]})


# ---- search and parentId filter --------------------------------------------------------------

@pytest.fixture
def searchable(fresh_ws):
    names = ["100% done", "100 done", "a_b", "axb", "Alpha beta", "ALPHA", "bang!x", "bangx",
             "back\\slash", "Марс", "plain"]
    return fresh_ws, {n: create(fresh_ws, n)["id"] for n in names}


@pytest.mark.parametrize("search,expected", [
    ("%", ["100% done"]),
    ("0%", ["100% done"]),
    ("_", ["a_b"]),
    ("a_b", ["a_b"]),
    ("!", ["bang!x"]),
    ("!x", ["bang!x"]),
    ("\\", ["back\\slash"]),
    ("alpha", ["Alpha beta", "ALPHA"]),
    ("ALPHA", ["Alpha beta", "ALPHA"]),
    ("pha be", ["Alpha beta"]),
    ("Марс", ["Марс"]),
    ("марс", ["Марс"]),  # Unicode case folding, the same on both backends (README "Search")
    ("100", ["100% done", "100 done"]),
    ("nothing like it", []),
])
def test_portfolio_search_is_a_literal_case_insensitive_substring(searchable, search, expected):
    api, made = searchable
    assert ids(api, search=search) == [made[n] for n in expected]


@pytest.mark.parametrize("search", ["", "   "])
def test_portfolio_blank_search_does_not_filter(searchable, search):
    api, made = searchable
    assert ids(api, search=search) == list(made.values())


def test_portfolio_search_surrounding_whitespace_is_trimmed(searchable):
    api, made = searchable
    assert ids(api, search="  plain ") == [made["plain"]]


def test_portfolio_search_longer_than_255_is_422(api):
    assert_422(api.get("/tm/portfolios", params={"search": "s" * 256}),
               {"search": ["The search must not be greater than 255 characters."]})


def test_portfolio_search_pages_with_has_more(fresh_ws):
    hits = [create(fresh_ws, f"hit {i}")["id"] for i in range(5)]
    create(fresh_ws, "miss")
    first = listing(fresh_ws, search="hit", limit=3)
    assert [p["id"] for p in first["data"]] == hits[:3] and first["hasMore"] is True
    rest = listing(fresh_ws, search="hit", limit=3, offset=3)
    assert [p["id"] for p in rest["data"]] == hits[3:] and rest["hasMore"] is False


def test_portfolio_parent_filter_lists_only_direct_children(fresh_ws):
    root = create(fresh_ws, "root")
    other = create(fresh_ws, "other root")
    kids = [create(fresh_ws, f"kid {i}", parentId=root["id"]) for i in range(3)]
    create(fresh_ws, "grandchild", parentId=kids[0]["id"])
    create(fresh_ws, "other kid", parentId=other["id"])
    body = listing(fresh_ws, parentId=root["id"])
    assert body == {"success": True, "data": kids, "hasMore": False}
    assert ids(fresh_ws, parentId=str(kids[1]["id"])) == []


def test_portfolio_parent_filter_combines_with_search_and_paging(fresh_ws):
    root = create(fresh_ws, "root")
    a = [create(fresh_ws, f"alpha {i}", parentId=root["id"])["id"] for i in range(3)]
    create(fresh_ws, "beta", parentId=root["id"])
    create(fresh_ws, "alpha elsewhere")
    assert ids(fresh_ws, parentId=root["id"], search="ALPHA") == a
    page = listing(fresh_ws, parentId=root["id"], search="alpha", limit=2, offset=1)
    assert [p["id"] for p in page["data"]] == a[1:] and page["hasMore"] is False


@pytest.mark.parametrize("parent", ["abc", "1.5", "1e3"])
def test_portfolio_parent_filter_not_an_integer_is_422(api, parent):
    assert_422(api.get("/tm/portfolios", params={"parentId": parent}),
               {"parentId": [PARENT_NOT_INT]})


@pytest.mark.parametrize("parent", ["0", "-1", "999999999"])
def test_portfolio_parent_filter_unknown_is_422_not_an_empty_page(api, parent):
    assert_422(api.get("/tm/portfolios", params={"parentId": parent}),
               {"parentId": [PARENT_INVALID]})


def test_portfolio_parent_filter_of_a_deleted_portfolio_is_422(api):
    gone = create(api, "gone")
    api.delete(f"/tm/portfolios/{gone['id']}")
    assert_422(api.get("/tm/portfolios", params={"parentId": gone["id"]}),
               {"parentId": [PARENT_INVALID]})


# ---- update ----------------------------------------------------------------------------------

def put(api, pid, body=None, **kw):
    return api.put(f"/tm/portfolios/{pid}", json=body, **kw)


def test_update_portfolio_answers_the_updated_portfolio_under_data(api):
    p = create(api, "before")
    body = assert_envelope("PUT", "/tm/portfolios/{id}", put(api, p["id"], {"name": "after"}))
    assert body["data"] == {**p, "name": "after"}
    assert get(api, p["id"]) == body["data"]


def test_update_portfolio_only_is_private_keeps_the_name(api):
    p = create(api, "keep")
    assert put(api, p["id"], {"isPrivate": "1"}).status_code == 200
    assert get(api, p["id"]) == {**p, "isPrivate": True}
    assert put(api, p["id"], {"isPrivate": 0}).status_code == 200
    assert get(api, p["id"]) == p


def test_update_portfolio_only_name_keeps_is_private(api):
    p = create(api, "private", isPrivate=True)
    assert put(api, p["id"], {"name": "renamed"}).status_code == 200
    assert get(api, p["id"]) == {**p, "name": "renamed"}


@pytest.mark.parametrize("body", [b"", b"[]", b'""', b"{}", b"null"],
                         ids=["nothing", "empty-array", "empty-string", "empty-object", "null"])
def test_update_portfolio_with_empty_body_is_a_200_no_op(api, body):
    p = create(api, "untouched", isPrivate=True)
    r = api.put(f"/tm/portfolios/{p['id']}", data=body,
                headers={"Content-Type": "application/json"})
    assert assert_envelope("PUT", "/tm/portfolios/{id}", r)["data"] == p
    assert get(api, p["id"]) == p


def test_update_portfolio_does_not_move_it_to_another_parent(api):
    root, other = create(api, "root"), create(api, "other")
    child = create(api, "child", parentId=root["id"])
    assert put(api, child["id"], {"name": "child 2", "parentId": other["id"]}).status_code == 200
    assert get(api, child["id"]) == {**child, "name": "child 2"}


@pytest.mark.parametrize("name", [None, "", "   "])
def test_update_portfolio_with_null_or_blank_name_is_422_and_changes_nothing(api, name):
    p = create(api, "stays")
    assert_422(put(api, p["id"], {"name": name}), {"name": [REQUIRED]})
    assert get(api, p["id"]) == p


def test_update_portfolio_with_256_code_point_name_is_422_and_changes_nothing(api):
    p = create(api, "short")
    assert_422(put(api, p["id"], {"name": "Я" * 256}), {"name": [NAME_TOO_LONG]})
    assert get(api, p["id"]) == p


def test_update_portfolio_with_255_cyrillic_name_is_accepted(api):
    p = create(api, "short")
    assert put(api, p["id"], {"name": "Я" * 255}).status_code == 200
    assert get(api, p["id"])["name"] == "Я" * 255


def test_update_portfolio_names_every_failing_field_and_changes_nothing(api):
    p = create(api, "both bad")
    assert_422(put(api, p["id"], {"name": ["x"], "isPrivate": "perhaps"}),
               {"name": [NAME_NOT_STRING], "isPrivate": [BAD_PRIVATE]})
    assert get(api, p["id"]) == p


# ---- delete and not-found --------------------------------------------------------------------

def test_delete_portfolio_answers_bare_success_and_it_is_gone(fresh_ws):
    p = create(fresh_ws, "doomed")
    r = fresh_ws.delete(f"/tm/portfolios/{p['id']}")
    assert_envelope("DELETE", "/tm/portfolios/{id}", r)
    assert r.content == b'{"success":true}'
    g = fresh_ws.get(f"/tm/portfolios/{p['id']}")
    assert g.status_code == 404 and g.json() == RECORD_NOT_FOUND
    assert listing(fresh_ws)["data"] == []


@pytest.mark.parametrize("body", [None, b"", b"[]", b'""', b"{}", b"null"],
                         ids=["none", "empty", "empty-array", "empty-string", "empty-object",
                              "null"])
def test_delete_portfolio_accepts_every_optional_body_form(api, body):
    p = create(api, "optional body")
    headers = {"Content-Type": "application/json"} if body is not None else None
    r = api.delete(f"/tm/portfolios/{p['id']}", data=body, headers=headers)
    assert r.status_code == 200 and r.json() == {"success": True}


def test_delete_portfolio_twice_then_update_are_record_not_found(api):
    p = create(api, "twice")
    assert api.delete(f"/tm/portfolios/{p['id']}").status_code == 200
    for r in (api.delete(f"/tm/portfolios/{p['id']}"), put(api, p["id"], {"name": "zombie"})):
        assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND


def test_delete_portfolio_detaches_its_projects_and_lifts_its_children(fresh_ws):
    root = create(fresh_ws, "root")
    kid_a = create(fresh_ws, "kid a", parentId=root["id"])
    kid_b = create(fresh_ws, "kid b", parentId=root["id"], isPrivate=True)
    grandkid = create(fresh_ws, "grandkid", parentId=kid_a["id"])
    bystander = create(fresh_ws, "bystander")
    in_root = [new_project(fresh_ws, name=f"in root {i}", portfolioId=root["id"]) for i in range(2)]
    in_kid = new_project(fresh_ws, name="in kid", portfolioId=kid_a["id"])
    loose = new_project(fresh_ws, name="loose")
    assert fresh_ws.delete(f"/tm/portfolios/{root['id']}").status_code == 200
    assert listing(fresh_ws)["data"] == [{**kid_a, "parentId": None},
                                         {**kid_b, "parentId": None}, grandkid, bystander]
    assert listing(fresh_ws, parentId=kid_a["id"])["data"] == [grandkid]
    for p in in_root:
        assert get_project(fresh_ws, p["id"]) == {**p, "portfolioId": None}
    assert get_project(fresh_ws, in_kid["id"]) == in_kid
    assert get_project(fresh_ws, loose["id"]) == loose
    r = fresh_ws.get("/tm/projects")
    assert [p["id"] for p in r.json()["projects"]] == [p["id"] for p in
                                                       (*in_root, in_kid, loose)]


@pytest.mark.parametrize("pid", BAD_IDS)
def test_get_missing_or_non_numeric_portfolio_is_404_record_not_found(api, pid):
    r = api.get(f"/tm/portfolios/{pid}")
    assert r.status_code == 404, r.text
    assert r.json() == RECORD_NOT_FOUND


@pytest.mark.parametrize("pid", BAD_IDS)
def test_put_missing_or_non_numeric_portfolio_is_404_record_not_found(api, pid):
    r = api.put(f"/tm/portfolios/{pid}", json={"name": "x"})
    assert r.status_code == 404, r.text
    assert r.json() == RECORD_NOT_FOUND


@pytest.mark.parametrize("pid", BAD_IDS)
def test_delete_missing_or_non_numeric_portfolio_is_404_record_not_found(api, pid):
    r = api.delete(f"/tm/portfolios/{pid}")
    assert r.status_code == 404, r.text
    assert r.json() == RECORD_NOT_FOUND


def test_put_missing_portfolio_with_an_invalid_body_is_still_404(api):
    r = api.put("/tm/portfolios/999999999", json={"name": None, "isPrivate": "x"})
    assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND


def test_numeric_string_path_id_forms_name_the_same_portfolio(api):
    p = create(api, "padded id")
    for form in (f"{p['id']:08d}", "".join(f"%{ord(ch):02X}" for ch in str(p["id"]))):
        assert get(api, form) == p


# ---- other workspaces ------------------------------------------------------------------------

def test_other_workspace_cannot_read_change_or_delete_a_portfolio(api, api_b):
    p = create(api, "A's portfolio", isPrivate=True)
    r = api_b.get(f"/tm/portfolios/{p['id']}")
    assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND
    r = api_b.put(f"/tm/portfolios/{p['id']}", json={"name": "hijacked", "isPrivate": False})
    assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND
    r = api_b.delete(f"/tm/portfolios/{p['id']}")
    assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND
    assert get(api, p["id"]) == p


def test_other_workspace_does_not_list_or_search_a_portfolio(api, api_b):
    name = "A-only portfolio zq9"
    p = create(api, name)
    assert p["id"] not in ids(api_b)
    assert ids(api_b, search="zq9") == []
    assert ids(api, search="zq9")[-1] == p["id"]


def test_other_workspace_cannot_filter_by_a_foreign_parent(api, api_b):
    root = create(api, "A root")
    create(api, "A kid", parentId=root["id"])
    assert_422(api_b.get("/tm/portfolios", params={"parentId": root["id"]}),
               {"parentId": [PARENT_INVALID]})


def test_other_workspace_cannot_nest_under_a_foreign_parent(api, api_b):
    root = create(api, "A root")
    assert_422(api_b.post("/tm/portfolios", json={"name": "B kid", "parentId": root["id"]}),
               {"parentId": [PARENT_INVALID]})
    assert listing(api, parentId=root["id"])["data"] == []


def test_other_workspace_cannot_put_its_projects_in_a_foreign_portfolio(api, api_b):
    p = create(api, "A portfolio")
    assert_422(api_b.post("/tm/projects", json={"name": "B", "portfolioId": p["id"]}),
               {"portfolioId": ["The selected portfolio id is invalid."]})
    mine = new_project(api_b, name="B project")
    assert_422(api_b.put(f"/tm/projects/{mine['id']}", json={"name": mine["name"],
                         "isPrivate": mine["isPrivate"], "portfolioId": p["id"]}),
               {"portfolioId": ["The selected portfolio id is invalid."]})
    assert get_project(api_b, mine["id"]) == mine
    assert get(api, p["id"]) == p


def test_member_token_shares_the_workspace_portfolios(api, api_member):
    p = create(api, "team portfolio")
    assert get(api_member, p["id"]) == p
    mine = create(api_member, "by member", parentId=p["id"])
    assert get(api, mine["id"]) == mine

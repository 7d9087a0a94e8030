"""/ws/tags: list, create, get, update (partial), delete; validation (422, Laravel shape)
and the not-found shapes (tm-notes 2.4)."""
import re

import pytest

from weeekd_http import (BAD_COLOR, BAD_IDS, RECORD_NOT_FOUND, assert_422,
                         assert_envelope)

HEX = re.compile(r"#[0-9a-fA-F]{6}")
REQUIRED = {"success": False, "message": "The field is required.",
            "errors": {"title": ["The field is required."]}}
TOO_LONG = "The title must not be greater than 255 characters."
NOT_STRING = "The title must be a string."


def get_tag(api, tid):
    return assert_envelope("GET", "/ws/tags/{id}", api.get(f"/ws/tags/{tid}"))["tag"]


def create(api, body):
    return assert_envelope("POST", "/ws/tags", api.post("/ws/tags", json=body))["tag"]


# ---- list / create / get --------------------------------------------------------------------

def test_tag_list_of_a_fresh_workspace_is_empty(fresh_ws):
    assert assert_envelope("GET", "/ws/tags", fresh_ws.get("/ws/tags"))["tags"] == []


def test_created_tags_are_listed_in_creation_order(fresh_ws):
    made = [create(fresh_ws, {"title": t}) for t in ("one", "two", "three")]
    listed = assert_envelope("GET", "/ws/tags", fresh_ws.get("/ws/tags"))["tags"]
    assert listed == made


def test_create_tag_returns_id_title_and_server_assigned_hex_color(fresh_ws):
    tag = create(fresh_ws, {"title": "Work"})
    assert set(tag) == {"id", "title", "color"}
    assert isinstance(tag["id"], int) and tag["id"] >= 1
    assert tag["title"] == "Work"
    assert HEX.fullmatch(tag["color"]), tag["color"]


def test_server_assigned_color_depends_only_on_the_title(fresh_ws):
    a, b = create(fresh_ws, {"title": "Same"}), create(fresh_ws, {"title": "Same"})
    assert a["id"] != b["id"]
    assert a["color"] == b["color"]


@pytest.mark.parametrize("color", ["#aabbcc", "#AbCdEf", "#000000", "#FFFFFF"])
def test_create_tag_with_explicit_color_keeps_it_as_sent(fresh_ws, color):
    tag = create(fresh_ws, {"title": "coloured", "color": color})
    assert tag["color"] == color
    assert get_tag(fresh_ws, tag["id"])["color"] == color


@pytest.mark.parametrize("color", [None, "", "  "])
def test_create_tag_with_null_or_blank_color_gets_a_server_color(fresh_ws, color):
    tag = create(fresh_ws, {"title": "auto", "color": color})
    assert HEX.fullmatch(tag["color"])


def test_get_tag_returns_what_create_returned(fresh_ws):
    tag = create(fresh_ws, {"title": "fetch me"})
    assert get_tag(fresh_ws, tag["id"]) == tag


def test_tag_ids_are_not_reused_after_delete(fresh_ws):
    first = create(fresh_ws, {"title": "gone"})
    assert fresh_ws.delete(f"/ws/tags/{first['id']}").status_code == 200
    second = create(fresh_ws, {"title": "new"})
    assert second["id"] > first["id"]


@pytest.mark.parametrize("title", [
    "Тег 🏷️ 日本語 — «кавычки»",
    'quotes " and \\ backslash / slash',
    "<b>html</b> & entities &amp;",
    "e\u0301 (combining accent, not normalised)",
    "\U0001F600\U0001F680",
    "tab\tinside and\nnewline inside",
])
def test_tag_title_unicode_is_kept_exactly(fresh_ws, title):
    tag = create(fresh_ws, {"title": title})
    assert tag["title"] == title
    assert get_tag(fresh_ws, tag["id"])["title"] == title
    listed = fresh_ws.get("/ws/tags").json()["tags"]
    assert [t["title"] for t in listed if t["id"] == tag["id"]] == [title]


def test_tag_title_surrounding_whitespace_is_trimmed(fresh_ws):
    assert create(fresh_ws, {"title": "  padded \t\n"})["title"] == "padded"


# ---- create validation ---------------------------------------------------------------------

@pytest.mark.parametrize("body", [{}, {"title": None}, {"title": ""}, {"title": "   "},
                                  {"title": "\t\n"}, {"color": "#aabbcc"}],
                         ids=["missing", "null", "empty", "spaces", "whitespace", "color-only"])
def test_create_tag_without_title_is_422_title_required(api, body):
    r = api.post("/ws/tags", json=body)
    assert r.status_code == 422
    assert r.json() == REQUIRED


@pytest.mark.parametrize("title", [5, 0, 1.5, True, False, [], ["x"], {"a": 1}],
                         ids=lambda v: type(v).__name__ + repr(v))
def test_create_tag_with_non_string_title_is_422_naming_title(api, title):
    assert_422(api.post("/ws/tags", json={"title": title}), {"title": [NOT_STRING]})


@pytest.mark.parametrize("char", ["a", "Я", "日", "\U0001F600"], ids=["ascii", "cyrillic", "cjk",
                                                                     "emoji"])
def test_create_tag_title_of_255_code_points_is_accepted(fresh_ws, char):
    title = char * 255
    assert create(fresh_ws, {"title": title})["title"] == title


@pytest.mark.parametrize("char", ["a", "Я", "\U0001F600"], ids=["ascii", "cyrillic", "emoji"])
def test_create_tag_title_of_256_code_points_is_422(api, char):
    assert_422(api.post("/ws/tags", json={"title": char * 256}), {"title": [TOO_LONG]})


def test_title_length_is_counted_after_trimming(fresh_ws):
    title = "  " + "Я" * 255 + "  "
    assert create(fresh_ws, {"title": title})["title"] == "Я" * 255


@pytest.mark.parametrize("color", ["red", "#fff", "#gggggg", "aabbcc", "#aabbc", "#aabbccd",
                                   "#aabbccdd", "##abcde", "#12345G", "rgb(1,2,3)"])
def test_create_tag_with_malformed_color_is_422_color_format_invalid(api, color):
    assert_422(api.post("/ws/tags", json={"title": "t", "color": color}),
               {"color": [BAD_COLOR]})


def test_create_tag_with_non_string_color_is_422_naming_color(api):
    assert_422(api.post("/ws/tags", json={"title": "t", "color": 0xAABBCC}),
               {"color": ["The color must be a string."]})


def test_create_tag_names_every_failing_field(api):
    r = api.post("/ws/tags", json={"title": 42, "color": "blue"})
    assert_422(r, {"title": [NOT_STRING], "color": [BAD_COLOR]})
    assert r.json()["message"] == NOT_STRING


def test_create_tag_missing_title_and_bad_color_names_both(api):
    r = api.post("/ws/tags", json={"color": "blue"})
    assert_422(r, {"title": ["The field is required."], "color": [BAD_COLOR]})


def test_failed_create_stores_nothing(fresh_ws):
    fresh_ws.post("/ws/tags", json={"title": "x" * 300})
    fresh_ws.post("/ws/tags", json={"title": "ok", "color": "bad"})
    assert fresh_ws.get("/ws/tags").json()["tags"] == []


# ---- update --------------------------------------------------------------------------------

def put(api, tid, body):
    return api.put(f"/ws/tags/{tid}", json=body)


def test_update_tag_answers_bare_success(api):
    tag = api.create_tag("upd")
    r = put(api, tag["id"], {"title": "updated", "color": "#abcdef"})
    assert r.status_code == 200
    assert r.content == b'{"success":true}'
    assert get_tag(api, tag["id"]) == {"id": tag["id"], "title": "updated", "color": "#abcdef"}


def test_update_only_color_keeps_title(api):
    tag = api.create_tag("keep my title")
    assert put(api, tag["id"], {"color": "#010203"}).status_code == 200
    assert get_tag(api, tag["id"]) == {**tag, "color": "#010203"}


def test_update_only_title_keeps_color(api):
    tag = api.create_tag("old title", color="#0a0b0c")
    assert put(api, tag["id"], {"title": "new title"}).status_code == 200
    assert get_tag(api, tag["id"]) == {**tag, "title": "new title"}


def test_update_with_empty_object_is_a_200_no_op(api):
    tag = api.create_tag("untouched")
    r = put(api, tag["id"], {})
    assert r.status_code == 200 and r.json() == {"success": True}
    assert get_tag(api, tag["id"]) == tag


def test_update_with_no_body_is_a_200_no_op(api):
    tag = api.create_tag("untouched too")
    r = api.put(f"/ws/tags/{tag['id']}")
    assert r.status_code == 200
    assert get_tag(api, tag["id"]) == tag


@pytest.mark.parametrize("title", [None, "", "   "])
def test_update_tag_with_null_or_blank_title_is_422_required_and_changes_nothing(api, title):
    # a partial update may leave the title out, but it cannot take the title away
    tag = api.create_tag("stays")
    assert_422(put(api, tag["id"], {"title": title}), {"title": ["The field is required."]})
    assert get_tag(api, tag["id"]) == tag


def test_update_keeps_unicode_title_exactly(api):
    tag = api.create_tag("x")
    title = "Обновлён ✓ 🚀 «ok»"
    assert put(api, tag["id"], {"title": title}).status_code == 200
    assert get_tag(api, tag["id"])["title"] == title


@pytest.mark.parametrize("color", ["red", "#fff", "#aabbccdd", "aabbcc", "#zzzzzz"])
def test_update_tag_with_malformed_color_is_422_and_changes_nothing(api, color):
    tag = api.create_tag("guarded")
    assert_422(put(api, tag["id"], {"title": "changed", "color": color}),
               {"color": [BAD_COLOR]})
    assert get_tag(api, tag["id"]) == tag


def test_update_tag_with_256_code_point_title_is_422_and_changes_nothing(api):
    tag = api.create_tag("short")
    assert_422(put(api, tag["id"], {"title": "Я" * 256}), {"title": [TOO_LONG]})
    assert get_tag(api, tag["id"]) == tag


def test_update_tag_with_255_cyrillic_title_is_accepted(api):
    tag = api.create_tag("short")
    assert put(api, tag["id"], {"title": "Я" * 255}).status_code == 200
    assert get_tag(api, tag["id"])["title"] == "Я" * 255


def test_update_tag_with_non_string_title_is_422_naming_title(api):
    tag = api.create_tag("typed")
    assert_422(put(api, tag["id"], {"title": 123}), {"title": [NOT_STRING]})
    assert get_tag(api, tag["id"]) == tag


def test_update_tag_names_every_failing_field(api):
    tag = api.create_tag("both bad")
    assert_422(put(api, tag["id"], {"title": ["x"], "color": "nope"}),
               {"title": [NOT_STRING], "color": [BAD_COLOR]})


# ---- delete and not-found shapes -----------------------------------------------------------

def test_delete_tag_then_get_is_record_not_found(fresh_ws):
    tag = create(fresh_ws, {"title": "doomed"})
    r = fresh_ws.delete(f"/ws/tags/{tag['id']}")
    assert_envelope("DELETE", "/ws/tags/{id}", r)
    assert r.json() == {"success": True}
    g = fresh_ws.get(f"/ws/tags/{tag['id']}")
    assert g.status_code == 404 and g.json() == RECORD_NOT_FOUND
    assert fresh_ws.get("/ws/tags").json()["tags"] == []


def test_delete_tag_twice_is_record_not_found(api):
    tag = api.create_tag("twice")
    assert api.delete(f"/ws/tags/{tag['id']}").status_code == 200
    r = api.delete(f"/ws/tags/{tag['id']}")
    assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND


def test_update_deleted_tag_is_record_not_found(api):
    tag = api.create_tag("deleted")
    api.delete(f"/ws/tags/{tag['id']}")
    r = put(api, tag["id"], {"title": "zombie"})
    assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND


@pytest.mark.parametrize("tid", BAD_IDS)
def test_get_missing_or_non_numeric_tag_is_404_record_not_found(api, tid):
    r = api.get(f"/ws/tags/{tid}")
    assert r.status_code == 404, r.text
    assert r.json() == RECORD_NOT_FOUND


@pytest.mark.parametrize("tid", BAD_IDS)
def test_put_missing_or_non_numeric_tag_is_404_record_not_found(api, tid):
    r = api.put(f"/ws/tags/{tid}", json={"title": "x"})
    assert r.status_code == 404, r.text
    assert r.json() == RECORD_NOT_FOUND


@pytest.mark.parametrize("tid", BAD_IDS)
def test_delete_missing_or_non_numeric_tag_is_404_record_not_found(api, tid):
    r = api.delete(f"/ws/tags/{tid}")
    assert r.status_code == 404, r.text
    assert r.json() == RECORD_NOT_FOUND


def test_put_missing_tag_with_an_invalid_body_is_still_404(api):
    r = api.put("/ws/tags/999999999", json={"color": "not a colour"})
    assert r.status_code == 404
    assert r.json() == RECORD_NOT_FOUND


def test_head_missing_tag_is_404_without_body(api):
    r = api.head("/ws/tags/999999999")
    assert r.status_code == 404
    assert r.content == b""

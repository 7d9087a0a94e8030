"""Custom-field options in every scope (create, update, delete, move) and the funnel fields'
move: colours (the 13 request names or #rrggbb, echoed as stored), names, options only on
select/multiselect, {after} xor {before} moves checked against a Python reference over long
seeded random sequences, dense order, and the option leaving every value when deleted
(src/api/fields/custom_fields.c, src/model/custom_field.c)."""
import random

import pytest

from cf_util import api  # noqa: F401 (each test a workspace of its own: overrides conftest's)
from cf_util import (COLORS, REQUIRED, SCOPES, TYPES, add_option, assert_404, assert_422,
                     assert_bare_success, assert_envelope, create, new_owner, new_task,
                     option_order, put_value, random_uuid, sibling_order, values)

COLOR_INVALID = "The selected color is invalid."
AFTER_INVALID = "The selected after is invalid."
BEFORE_INVALID = "The selected before is invalid."
NEITHER = "The after field is required when before is not present."
BOTH = "The after field prohibits before from being present."


def select_field(api, scope, t="select"):
    base = new_owner(api, scope)
    return base, create(api, base, type=t, name="choices")


# ---- create / update ------------------------------------------------------------------------

@pytest.mark.parametrize("scope", SCOPES)
def test_options_are_appended_with_every_colour_and_listed_with_the_field(api, server, scope):
    base, f = select_field(api, scope)
    made = [add_option(api, base, f["id"], name=f"o {c}", color=c) for c in COLORS]
    made.append(add_option(api, base, f["id"], name="hex", color="#6C78F4"))
    made.append(add_option(api, base, f["id"], name="hex2", color="#a1b2c3"))
    for o, c in zip(made, COLORS + ["#6C78F4", "#a1b2c3"]):
        assert set(o) == {"id", "name", "color"} and o["color"] == c
    assert option_order(server, f["id"]) == [o["id"] for o in made]
    # the field answers its options in order (update is a cheap read)
    r = api.put(f"{base}/{f['id']}", json={})
    assert assert_envelope("PUT", f"{base}/{f['id']}", r)["customField"]["options"] == made


@pytest.mark.parametrize("color", ["Red", "dark_green", "#12345", "#1234567", "#12345g", "re d",
                                   "", None, 5, "rgb(1,2,3)"])
def test_bad_colours_are_422(api, color):
    base, f = select_field(api, "tm")
    r = api.post(f"{base}/{f['id']}/options", json={"name": "o", "color": color})
    assert r.status_code == 422, r.text
    assert list(r.json()["errors"]) == ["color"]
    if isinstance(color, str) and color.strip():
        assert r.json()["errors"]["color"] == [COLOR_INVALID]


def test_colours_are_trimmed_as_every_input(api):
    base, f = select_field(api, "tm")
    assert add_option(api, base, f["id"], color=" red ")["color"] == "red"


def test_name_and_color_are_required_and_names_at_most_255(api):
    base, f = select_field(api, "tm")
    p = f"{base}/{f['id']}/options"
    assert_422(api.post(p, json={}), {"name": [REQUIRED], "color": [REQUIRED]})
    assert_422(api.post(p), {"name": [REQUIRED], "color": [REQUIRED]})
    assert_422(api.post(p, json={"name": "x" * 256, "color": "red"}),
               {"name": ["The name must not be greater than 255 characters."]})
    assert add_option(api, base, f["id"], name="é" * 255)["name"] == "é" * 255


@pytest.mark.parametrize("t", [t for t in TYPES if t not in ("select", "multiselect")])
def test_options_belong_to_select_and_multiselect_only(api, t):
    base = new_owner(api, "tm")
    f = create(api, base, type=t)
    assert_422(api.post(f"{base}/{f['id']}/options", json={"name": "o", "color": "red"}),
               {"customFieldId": ["Options can be added to select and multiselect fields only."]})


@pytest.mark.parametrize("scope", SCOPES)
def test_option_update_is_partial_and_answers_the_option(api, scope):
    base, f = select_field(api, scope, "multiselect")
    o = add_option(api, base, f["id"], "one", "blue")
    p = f"{base}/{f['id']}/options/{o['id']}"
    got = assert_envelope("PUT", p, api.put(p, json={"name": "uno"}))["option"]
    assert got == {**o, "name": "uno"}
    got = assert_envelope("PUT", p, api.put(p, json={"color": "#000000"}))["option"]
    assert got == {**o, "name": "uno", "color": "#000000"}
    assert assert_envelope("PUT", p, api.put(p, json={}))["option"] == got
    assert_422(api.put(p, json={"name": None}), {"name": [REQUIRED]})
    assert_422(api.put(p, json={"color": "mauve"}), {"color": [COLOR_INVALID]})
    assert assert_envelope("PUT", p, api.put(p))["option"] == got


# ---- delete ---------------------------------------------------------------------------------

@pytest.mark.parametrize("scope", SCOPES)
def test_deleting_an_option_closes_the_order(api, server, scope):
    base, f = select_field(api, scope)
    ids = [add_option(api, base, f["id"], str(i))["id"] for i in range(4)]
    assert_bare_success(api.delete(f"{base}/{f['id']}/options/{ids[0]}"))
    assert option_order(server, f["id"]) == ids[1:]
    assert_404(api.delete(f"{base}/{f['id']}/options/{ids[0]}"))
    assert_404(api.put(f"{base}/{f['id']}/options/{ids[0]}", json={"name": "x"}))


def test_deleting_a_select_option_clears_the_values_holding_it(api, server):
    base, f = select_field(api, "project")
    a, b = (add_option(api, base, f["id"], n)["id"] for n in "ab")
    t1, t2, t3 = new_task(api), new_task(api), new_task(api)
    put_value(server, f["id"], t1, f'"{a}"')
    put_value(server, f["id"], t2, f'"{b}"')
    put_value(server, f["id"], t3, f'"{a}"')
    assert_bare_success(api.delete(f"{base}/{f['id']}/options/{a}"))
    assert values(server, f["id"]) == {t2: f'"{b}"'}


def test_deleting_a_multiselect_option_rewrites_the_arrays(api, server):
    base, f = select_field(api, "tm", "multiselect")
    a, b, c = (add_option(api, base, f["id"], n)["id"] for n in "abc")
    other = create(api, base, type="multiselect")
    d = add_option(api, base, other["id"])["id"]
    tasks = [new_task(api) for _ in range(5)]
    put_value(server, f["id"], tasks[0], f'["{a}","{b}","{c}"]')
    put_value(server, f["id"], tasks[1], f'[ "{b}" , "{a}" ]')
    put_value(server, f["id"], tasks[2], f'["{a}"]')
    put_value(server, f["id"], tasks[3], f'["{c}"]')
    put_value(server, f["id"], tasks[4], '"not an array"')
    put_value(server, other["id"], tasks[0], f'["{d}"]')
    assert_bare_success(api.delete(f"{base}/{f['id']}/options/{a}"))
    # an array left empty is deleted (reads null); one that is not an array is left alone
    assert values(server, f["id"]) == {tasks[0]: f'["{b}","{c}"]', tasks[1]: f'["{b}"]',
                                       tasks[3]: f'["{c}"]', tasks[4]: '"not an array"'}
    assert values(server, other["id"]) == {tasks[0]: f'["{d}"]'}


# ---- moves ----------------------------------------------------------------------------------

def reference_move(order, item, target, after):
    if item == target:
        return order
    order = [x for x in order if x != item]
    i = order.index(target)
    order.insert(i + 1 if after else i, item)
    return order


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_option_moves_match_the_reference(api, server, seed):
    rng = random.Random(seed)
    scope = SCOPES[seed % len(SCOPES)]
    base, f = select_field(api, scope)
    order = [add_option(api, base, f["id"], str(i))["id"] for i in range(rng.randint(2, 7))]
    for step in range(40):
        item, target = rng.choice(order), rng.choice(order)
        after = rng.random() < 0.5
        r = api.post(f"{base}/{f['id']}/options/{item}/move",
                     json={"after" if after else "before": target})
        assert_bare_success(r)
        order = reference_move(order, item, target, after)
        if step % 5 == 0 or step == 39:
            assert option_order(server, f["id"]) == order, (seed, step)
        if rng.random() < 0.1:
            order.append(add_option(api, base, f["id"], f"n{step}")["id"])
        if rng.random() < 0.1 and len(order) > 2:
            gone = order.pop(rng.randrange(len(order)))
            assert_bare_success(api.delete(f"{base}/{f['id']}/options/{gone}"))


@pytest.mark.parametrize("seed", [4, 5])
def test_random_funnel_field_moves_match_the_reference(api, server, seed):
    rng = random.Random(seed)
    base = new_owner(api, "funnel")
    order = [create(api, base, name=str(i))["id"] for i in range(rng.randint(2, 7))]
    for step in range(40):
        item, target = rng.choice(order), rng.choice(order)
        after = rng.random() < 0.5
        assert_bare_success(api.post(f"{base}/{item}/move",
                                     json={"after" if after else "before": target}))
        order = reference_move(order, item, target, after)
        if step % 5 == 0 or step == 39:
            assert sibling_order(server, order[0]) == order, (seed, step)
        if rng.random() < 0.1:
            order.append(create(api, base, name=f"n{step}")["id"])
        if rng.random() < 0.1 and len(order) > 2:
            gone = order.pop(rng.randrange(len(order)))
            assert_bare_success(api.delete(f"{base}/{gone}"))


def test_move_takes_exactly_one_sibling_of_the_same_parent(api, server):
    base, f = select_field(api, "funnel")
    a, b = (add_option(api, base, f["id"], n)["id"] for n in "ab")
    g = create(api, base, type="select")
    foreign = add_option(api, base, g["id"])["id"]
    p = f"{base}/{f['id']}/options/{a}/move"
    fp = f"{base}/{f['id']}/move"
    elsewhere = create(api, new_owner(api, "funnel"))["id"]
    for path, sib, other in ((p, b, foreign), (fp, g["id"], elsewhere)):
        assert_422(api.post(path, json={}), {"after": [NEITHER]})
        assert_422(api.post(path), {"after": [NEITHER]})
        assert_422(api.post(path, json={"after": None, "before": None}), {"after": [NEITHER]})
        assert_422(api.post(path, json={"after": sib, "before": sib}), {"after": [BOTH]})
        assert_422(api.post(path, json={"after": other}), {"after": [AFTER_INVALID]})
        assert_422(api.post(path, json={"before": other}), {"before": [BEFORE_INVALID]})
        assert_422(api.post(path, json={"before": random_uuid()}), {"before": [BEFORE_INVALID]})
        assert_422(api.post(path, json={"after": "nope"}), {"after": [AFTER_INVALID]})
    assert option_order(server, f["id"]) == [a, b]
    # after itself: no change; upper-case ids name the same option
    assert_bare_success(api.post(p, json={"after": a}))
    assert_bare_success(api.post(p, json={"after": b.upper()}))
    assert option_order(server, f["id"]) == [b, a]
    # the moved option must exist under this field
    assert_404(api.post(f"{base}/{f['id']}/options/{foreign}/move", json={"after": a}))
    assert_404(api.post(f"{base}/{f['id']}/options/{random_uuid()}/move", json={"after": a}))

"""Every create and update route enforces the `required` list of its request body in
openapi/weeekd.openapi.json (issue 13 item 4): generated from the route table and the spec,
so no route can drift again. For each required field a body without it (an empty object)
must be a 422 whose errors name that field; the spec's required list is the contract, and
where weeekd deliberately takes less, the field is listed in LENIENT with the decision."""
import pytest

from weeekd_http import _resolve, norm_path, openapi_doc, routes, spec_operations

from iso_world import World, concrete

V = "/public/v1"

# (METHOD, normalised path, field): where weeekd deliberately takes less than the spec
# requires, each with the decision behind it (written next to the code too)
PARTIAL = ("partial update as built: an absent field keeps its value (docs/internals/"
           "decisions.md); the spec lists it as required and no live answer is recorded")
LENIENT = {
    ("POST", "/tm/projects", "isPrivate"):
        "defaults to false: clients make projects by name alone and nothing shows the live "
        "API refusing that (src/api/tm/tm_projects.c)",
    ("PUT", "/ws/tags/{}", "title"): PARTIAL,
    ("PUT", "/ws/tags/{}", "color"): PARTIAL,
    ("PUT", "/tm/portfolios/{}", "name"): PARTIAL,
    ("PUT", "/tm/boards/{}", "name"): PARTIAL,
    ("PUT", "/tm/board-columns/{}", "name"): PARTIAL,
    ("POST", "/tm/board-columns/{}/move", "upperBoardColumnId"):
        "no target moves the column first, as null does (tests/http/test_tm_board_columns.py)",
    ("PUT", "/tm/tasks/{}/time-entries/{}", "date"): PARTIAL,
    ("PUT", "/tm/tasks/{}/time-entries/{}", "duration"): PARTIAL,
    ("PUT", "/tm/tasks/{}/time-entries/{}", "isOvertime"): PARTIAL,
    ("PUT", "/tm/tasks/{}/time-entries/{}", "userId"): PARTIAL,
    ("PUT", "/crm/contacts/{}", "firstName"): PARTIAL + " (crm.md)",
    ("PUT", "/crm/statuses/{}", "name"): PARTIAL,
}
for _scope in ("/tm/custom-fields/{}", "/tm/projects/{}/custom-fields/{}",
               "/tm/boards/{}/custom-fields/{}", "/crm/funnels/{}/custom-fields/{}"):
    for _f in ("name", "color"):
        LENIENT[("PUT", _scope + "/options/{}", _f)] = PARTIAL + " (custom_fields.md)"


def required_fields_all():
    return required_fields(lenient=False)


def required_fields(lenient=True):
    doc = openapi_doc()
    ops = spec_operations(doc)
    out = []
    for r in routes():
        if r["method"] not in ("POST", "PUT", "PATCH") or "extra" in r["flags"]:
            continue
        key = (r["method"], norm_path(r["path"][len(V):]))
        if key not in ops:
            continue
        body = ops[key][1].get("requestBody")
        schema = _resolve(doc, body or {}).get("content", {}).get("application/json", {})
        schema = _resolve(doc, schema.get("schema", {}))
        req = set(schema.get("required", []))
        for part in schema.get("allOf", []):
            req |= set(_resolve(doc, part).get("required", []))
        out += [(r["method"], r["path"], f) for f in sorted(req)
                if not lenient or (key[0], key[1], f) not in LENIENT]
    return out


CASES = required_fields()


@pytest.fixture(scope="module")
def world(server):
    w = World(server, "req")
    yield w
    w.close()


def test_every_lenient_field_is_one_the_spec_requires():
    listed = {(m, norm_path(p[len(V):]), f) for m, p, f in required_fields_all()}
    assert set(LENIENT) <= listed, set(LENIENT) - listed


def test_the_generated_cases_cover_creates_and_updates():
    methods = {m for m, _, _ in CASES}
    assert {"POST", "PUT"} <= methods and len(CASES) >= 50, CASES


@pytest.mark.parametrize("method,path,field", CASES, ids=lambda x: str(x))
def test_a_body_without_a_required_field_is_422_naming_it(world, method, path, field):
    url = concrete(path, world.ids)
    r = world.api.request(method, url, json={})
    assert r.status_code == 422, f"{method} {url} without {field}: {r.status_code} {r.text}"
    errors = r.json().get("errors", {})
    assert field in errors, f"{method} {url}: errors {errors} do not name {field}"

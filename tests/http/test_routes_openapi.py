"""The route table (`weeekd routes`, from src/api/pipeline/routes.def) against the OpenAPI document
(openapi/weeekd.openapi.json, from ../shared/spec/weeek-public-v1.yaml): every served Weeek
route is a spec operation with the same envelope key, the document is served byte for byte,
and the committed JSON is the conversion of the spec. Spec operations not routed yet are
listed (not failed) in build/coverage.txt."""
import collections
import importlib.util
import json
import re

import pytest
import requests

from weeekd_http import (API, HTTP_TIMEOUT, OPENAPI_PATH, ROOT, SPEC_YAML, Api, norm_path,
                         openapi_doc, routes, spec_operations)

EXTRA = {("GET", "/healthz"), ("GET", f"{API}/openapi.json"),
         ("GET", f"{API}/ws/attachments/{{file_id}}/content"),
         # the web interface (issue 16): index.html and its assets
         ("GET", "/"), ("GET", "/ui/{name}")}


def weeek_routes():
    return [r for r in routes() if "extra" not in r["flags"]]


def rel(path):
    assert path.startswith(API + "/"), f"a Weeek route outside {API}: {path}"
    return path[len(API):]


def test_route_table_lines_are_well_formed():
    rows = routes()
    assert rows
    for r in rows:
        assert r["method"] in {"GET", "POST", "PUT", "DELETE", "PATCH"}, r
        assert r["path"].startswith("/"), r
        assert re.fullmatch(r"[a-z][a-z0-9_]*", r["handler"]), r
        assert r["flags"] & {"read", "write"}, r
    assert len({(r["method"], norm_path(r["path"])) for r in rows}) == len(rows), "duplicates"
    # one handler may serve several rows, told apart by routes.def's argument column; that
    # no two rows run the same code is checked where the argument is visible: the unit test
    # route_table_rows_of_one_handler_differ_in_argument_or_path_params (test_router.c)


# the admin API of weeekd as a test double (--admin-token; test_admin_*.py)
ADMIN = {("POST", "/_weeekd/workspaces"), ("DELETE", "/_weeekd/workspaces/{name}"),
         ("POST", "/_weeekd/workspaces/{name}/reset"), ("POST", "/_weeekd/faults"),
         ("GET", "/_weeekd/faults"), ("DELETE", "/_weeekd/faults"),
         ("DELETE", "/_weeekd/faults/{id}"), ("GET", "/_weeekd/requests"),
         ("DELETE", "/_weeekd/requests"), ("GET", "/_weeekd/workspaces/{name}/snapshots"),
         ("PUT", "/_weeekd/workspaces/{name}/snapshots/{snap}"),
         ("POST", "/_weeekd/workspaces/{name}/snapshots/{snap}/restore"),
         ("DELETE", "/_weeekd/workspaces/{name}/snapshots/{snap}")}


def test_only_healthz_openapi_json_attachment_content_and_the_interface_are_extra_routes():
    assert {(r["method"], r["path"]) for r in routes() if "extra" in r["flags"]} == EXTRA


def test_the_admin_routes_are_extra_root_routes_under_weeekd():
    rows = [r for r in routes(admin=True) if "admin" in r["flags"]]
    assert {(r["method"], r["path"]) for r in rows} == ADMIN
    for r in rows:
        assert "extra" in r["flags"], r
        assert ("read" if r["method"] == "GET" else "write") in r["flags"], r
        assert "noauth" not in r["flags"], r


def test_reads_and_writes_are_flagged_by_method():
    for r in weeek_routes():
        expected = "read" if r["method"] == "GET" else "write"
        assert expected in r["flags"], r


def test_every_weeek_route_is_a_spec_operation_with_the_same_envelope_key():
    ops = spec_operations()
    problems = []
    for r in weeek_routes():
        key = (r["method"], norm_path(rel(r["path"])))
        if key not in ops:
            problems.append(f"{r['method']} {r['path']}: not in {OPENAPI_PATH.name}")
            continue
        spec_path, op = ops[key]
        if "x-envelope-key" not in op:
            problems.append(f"{r['method']} {spec_path}: spec has no x-envelope-key")
        elif op["x-envelope-key"] != r["envelope"]:
            problems.append(f"{r['method']} {r['path']}: envelope {r['envelope']!r}, spec "
                            f"{op['x-envelope-key']!r}")
    assert not problems, "\n".join(problems)


def test_coverage_list_of_spec_operations_not_yet_routed():
    """Not a failure when operations are missing: this writes the to-do list."""
    ops = spec_operations()
    served = {(r["method"], norm_path(rel(r["path"]))) for r in weeek_routes()}
    todo = sorted((ops[k][0], k[0], ops[k][1].get("operationId", "?"))
                  for k in ops if k not in served)
    by_area = collections.Counter(p.split("/")[1] for p, _, _ in todo)
    lines = [f"coverage: {len(served)} of {len(ops)} spec operations routed, "
             f"{len(todo)} not yet ({', '.join(f'{a} {n}' for a, n in sorted(by_area.items()))})"]
    lines += [f"{m:<7} {API}{p}  {opid}" for p, m, opid in todo]
    out = ROOT / "build" / "coverage.txt"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    assert served <= set(ops)


def test_every_weeek_route_answers_on_the_live_server(server):
    """The router serves exactly the table: no route of it is a 404/405 route error."""
    api = Api(server.base, server.tokens["B"])
    bad = []
    for r in weeek_routes():
        path = re.sub(r"\{[^}]*\}", "999999999", rel(r["path"]))
        resp = api.request(r["method"], path, json={})
        body = resp.json()
        if resp.status_code == 405 or (resp.status_code == 404 and "route" in
                                       str(body.get("message", ""))):
            bad.append(f"{r['method']} {path}: {resp.status_code} {body}")
    api.close()
    assert not bad, bad


def test_openapi_json_is_served_byte_for_byte(server):
    r = requests.get(server.base + API + "/openapi.json", timeout=HTTP_TIMEOUT)
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/json"
    assert r.content == OPENAPI_PATH.read_bytes()


def test_openapi_json_points_clients_at_this_server():
    doc = openapi_doc()
    assert doc["servers"] == [{"url": API, "description": "this weeekd server"}]
    assert doc["openapi"].startswith("3.0")


def check_openapi_json_is_the_conversion_of(spec_yaml):
    """tools/openapi_json.py's convert() of spec_yaml must equal the committed JSON. A
    missing spec fails: a check with nothing to compare is no check (CI clones the
    repository with shared/ beside it)."""
    assert spec_yaml.exists(), (
        f"{spec_yaml} is missing: check out shared/ next to the repository")
    spec = importlib.util.spec_from_file_location("openapi_json", ROOT / "tools/openapi_json.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    converted = mod.convert(str(spec_yaml))
    committed = json.loads(OPENAPI_PATH.read_text(encoding="utf-8"))
    assert converted == committed, (
        "openapi/weeekd.openapi.json is stale: run tools/openapi_json.py")


def test_committed_openapi_json_is_the_conversion_of_the_spec_yaml():
    check_openapi_json_is_the_conversion_of(SPEC_YAML)


def test_the_conversion_check_fails_when_the_spec_is_missing(tmp_path):
    with pytest.raises(AssertionError, match="is missing"):
        check_openapi_json_is_the_conversion_of(tmp_path / "weeek-public-v1.yaml")


def test_every_spec_operation_has_an_envelope_key_and_a_200_response():
    for (m, p), (spec_path, op) in spec_operations().items():
        assert "x-envelope-key" in op, f"{m} {spec_path}"
        assert any(s.startswith("2") for s in op["responses"]), f"{m} {spec_path}"

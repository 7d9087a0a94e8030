"""The served OpenAPI document is a valid OpenAPI 3.0 document: checked against the
official OpenAPI 3.0 JSON Schema (Debian's openapi-specification package), plus the rule
that JSON Schema cannot say and linters such as redocly enforce: `nullable` only beside a
`type` (OpenAPI 3.0.3 gives it a meaning nowhere else)."""
import json
import pathlib

import jsonschema
import requests

from weeekd_http import HTTP_TIMEOUT, OPENAPI_PATH

OAS30_SCHEMA = pathlib.Path("/usr/share/openapi-specification/schemas/v3.0/schema.json")


def served(server):
    r = requests.get(server.base + "/public/v1/openapi.json", timeout=HTTP_TIMEOUT)
    assert r.status_code == 200
    return r.json()


def oas_errors(doc):
    assert OAS30_SCHEMA.is_file(), (
        f"{OAS30_SCHEMA} is missing: tools/deps.sh test installs openapi-specification")
    schema = json.loads(OAS30_SCHEMA.read_text(encoding="utf-8"))
    return sorted(jsonschema.Draft4Validator(schema).iter_errors(doc), key=str)


def nullable_without_type(x, path="#"):
    if isinstance(x, list):
        return [p for i, v in enumerate(x) for p in nullable_without_type(v, f"{path}/{i}")]
    if not isinstance(x, dict):
        return []
    bad = [path] if x.get("nullable") is True and "type" not in x else []
    return bad + [p for k, v in x.items() for p in nullable_without_type(v, f"{path}/{k}")]


def test_served_openapi_document_passes_the_openapi_30_schema(server):
    errors = oas_errors(served(server))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message[:200]}" for e in errors[:10])


def test_served_openapi_document_has_no_nullable_without_type(server):
    assert nullable_without_type(served(server)) == []


def test_the_validator_rejects_a_broken_document():
    doc = json.loads(OPENAPI_PATH.read_text(encoding="utf-8"))
    broken = dict(doc, openapi="3.0.3")
    del broken["info"]
    broken["paths"] = {"no-leading-slash": {}}
    assert oas_errors(broken), "the OpenAPI 3.0 schema accepted a document without info"
    doc["components"]["schemas"]["Loose"] = {"nullable": True}
    assert nullable_without_type(doc) == ["#/components/schemas/Loose"]

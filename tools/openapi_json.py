#!/usr/bin/env python3
"""openapi_json.py — write the project's OpenAPI document (openapi/weeekd.openapi.json)
from the reconstructed Weeek spec (../shared/spec/weeek-public-v1.yaml).

The JSON is committed so that building weeekd needs no YAML parser; rerun this script
when the spec changes (tests/http/test_routes_openapi.py checks they agree when the spec
is present). The edits: `servers` points at a local weeekd, info says so, and
fix_nullable() below.
Usage: tools/openapi_json.py [SPEC.yaml] [OUT.json]
"""
import json
import sys

import yaml

spec_path = sys.argv[1] if len(sys.argv) > 1 else "../shared/spec/weeek-public-v1.yaml"
out_path = sys.argv[2] if len(sys.argv) > 2 else "openapi/weeekd.openapi.json"


def fix_nullable(x):
    """OpenAPI 3.0 gives `nullable: true` a meaning only beside a `type` (3.0.3: it "adds
    null to the allowed types specified by the type keyword, only if type is explicitly
    defined within the same Schema Object"); linters (redocly's struct rule) reject it
    elsewhere. Post-processing of the spec, in place:
    - beside oneOf/anyOf: the null moves into the alternatives, as
      {type: object, nullable: true, enum: [null]} (the 3.0 way to spell "null");
    - anywhere else without a type (a value of any type): it is dropped, since a schema
      without a type already admits every value."""
    if isinstance(x, list):
        for v in x:
            fix_nullable(v)
        return x
    if not isinstance(x, dict):
        return x
    for v in x.values():
        fix_nullable(v)
    if x.get("nullable") is True and "type" not in x:
        del x["nullable"]
        for key in ("oneOf", "anyOf"):
            if key in x:
                x[key].append({"type": "object", "nullable": True, "enum": [None]})
                break
    return x


def convert(path):
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    doc["servers"] = [{"url": "/public/v1", "description": "this weeekd server"}]
    doc["info"]["x-weeekd"] = (
        "Served by weeekd, an independent implementation of the Weeek Public API v1 "
        "(not affiliated with Weeek). Source of this document: weeek-public-v1.yaml."
    )
    return fix_nullable(doc)


if __name__ == "__main__":
    doc = convert(spec_path)
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1, sort_keys=False)
        f.write("\n")

#!/usr/bin/env python3
"""openapi_json.py — write the project's OpenAPI document (openapi/weeekd.openapi.json)
from the reconstructed Weeek spec (../shared/spec/weeek-public-v1.yaml).

The JSON is committed so that building weeekd needs no YAML parser; rerun this script
when the spec changes (tests/http/test_routes_openapi.py checks they agree when the spec
is present). The only edits: `servers` points at a local weeekd, and info says so.
Usage: tools/openapi_json.py [SPEC.yaml] [OUT.json]
"""
import json
import sys

import yaml

spec_path = sys.argv[1] if len(sys.argv) > 1 else "../shared/spec/weeek-public-v1.yaml"
out_path = sys.argv[2] if len(sys.argv) > 2 else "openapi/weeekd.openapi.json"


def convert(path):
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    doc["servers"] = [{"url": "/public/v1", "description": "this weeekd server"}]
    doc["info"]["x-weeekd"] = (
        "Served by weeekd, an independent implementation of the Weeek Public API v1 "
        "(not affiliated with Weeek). Source of this document: weeek-public-v1.yaml."
    )
    return doc


if __name__ == "__main__":
    doc = convert(spec_path)
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1, sort_keys=False)
        f.write("\n")

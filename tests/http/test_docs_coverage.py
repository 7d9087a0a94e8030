"""The endpoint coverage page (docs/coverage.md) must match the route table, so the README's
claim of what is served never drifts from the code."""
import os
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_docs_coverage_page_matches_route_table():
    binary = os.environ.get("WEEEKD_BIN", str(ROOT / "build/weeekd"))
    r = subprocess.run(
        ["/usr/bin/python3", "tools/coverage.py", binary, "--check"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert r.returncode == 0, r.stderr


def _spec_count(doc):
    methods = ("get", "put", "post", "delete", "patch")
    return sum(1 for item in doc["paths"].values() for m in item if m in methods)


def test_readme_coverage_page_and_served_document_count_the_same_operations(api):
    import json
    import re
    page = (ROOT / "docs/coverage.md").read_text(encoding="utf-8")
    served, total = map(int, re.search(r"\*\*(\d+) of (\d+) operations served\.\*\*",
                                       page).groups())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    claimed = int(re.search(r"all (\d+) are served", readme).group(1))
    doc = api.get("//public/v1/openapi.json")
    assert doc.status_code == 200
    committed = json.loads((ROOT / "openapi/weeekd.openapi.json").read_text(encoding="utf-8"))
    assert claimed == served == total == _spec_count(doc.json()) == _spec_count(committed)

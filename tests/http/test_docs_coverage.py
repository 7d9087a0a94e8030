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

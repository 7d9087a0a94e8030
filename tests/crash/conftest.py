"""Fixtures for the crash suite (issue 8): weeekd killed with SIGKILL under a write load,
restarted on the same store, and checked. The store, server and CLI helpers are the HTTP
suite's (tests/http/weeekd_http.py); the load, model and checks are in crash_kit.py.
Environment (as tests/http):
  WEEEKD_BIN            the binary (default build/weeekd)
  WEEEKD_TEST_BACKENDS  "sqlite" (default) and/or "pg"; pg needs WEEEKD_TEST_PG_URL
  WEEEKD_CRASH_CYCLES   kill/restart cycles per backend (default 100; --sync full: a fifth)
  WEEEKD_CRASH_SEED     the random seed, to replay a failing run (it is in every failure)
"""
import os
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "http"))

from weeekd_http import backends, binary  # noqa: E402

CYCLES = int(os.environ.get("WEEEKD_CRASH_CYCLES") or 100)


def pytest_report_header(config):
    return [f"weeekd: {binary()}  backends: {' '.join(backends())}  cycles: {CYCLES}"]


def pytest_generate_tests(metafunc):
    """variant = (backend, --sync value, cycles): each backend with the default
    synchronous=NORMAL, plus a shorter run of SQLite with --sync full."""
    if "variant" not in metafunc.fixturenames:
        return
    variants = [(b, "normal", CYCLES) for b in backends()]
    if "sqlite" in backends():
        variants.append(("sqlite", "full", max(1, CYCLES // 5)))
    metafunc.parametrize("variant", variants, ids=[f"{b}-sync-{s}" for b, s, _ in variants])

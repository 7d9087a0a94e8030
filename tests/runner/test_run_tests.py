"""tools/run_tests.sh itself (issue 20): a green run must mean every suite ran. Each test runs
the real runner on a small fake tree (a fake build directory whose "unit tests" and "fuzz
target" are shell scripts, and one-test probe suites under tests/http, tests/crash and
tests/pg that record the backend and PostgreSQL URL they were run with), so a run takes
seconds. PostgreSQL is taken away by pointing PGBIN at an empty directory; tools/pg_cluster.sh's
search for an installed server is checked on a fake install root.
"""
import os
import pathlib
import re
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
RUNNER = ROOT / "tools" / "run_tests.sh"
CLUSTER = ROOT / "tools" / "pg_cluster.sh"
CLOSING = re.compile(r"^(\d+) passed, (\d+) failed$")
PG_SUITES = ("http-pg", "crash-pg", "scale-out-pg", "the fault loop's PostgreSQL group")
# what the caller's environment might carry into the runner and change what it does
RUNNER_ENV = ("WEEEKD_TEST_PG_URL", "WEEEKD_TEST_BACKENDS", "PGBIN", "PG_INSTALL_ROOT")

PROBE = '''import os


def test_probe():
    with open(os.environ["PROBE_LOG"], "a") as f:
        f.write("{suite} %s %s\\n" % (os.environ.get("WEEEKD_TEST_BACKENDS"),
                                     os.environ.get("WEEEKD_TEST_PG_URL", "-")))
'''
UNIT_OK = '''#!/bin/sh
echo "unit ${WEEEKD_TEST_PG_URL:--}" >>"$PROBE_LOG"
echo "1..1"
echo "ok 1 - probe"
'''


def executable(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o755)


@pytest.fixture
def tree(tmp_path):
    """A fake repository root: build dir "out" with one unit test and one fuzz target (with
    one corpus input), and a probe test in each pytest suite the runner knows."""
    t = tmp_path / "tree"
    executable(t / "out" / "tests" / "test_probe", UNIT_OK)
    executable(t / "out" / "fuzz" / "fuzz_probe", "#!/bin/sh\necho replayed 1 inputs\n")
    (t / "tests" / "fuzz" / "corpus" / "probe").mkdir(parents=True)
    (t / "tests" / "fuzz" / "corpus" / "probe" / "one").write_text("x")
    for suite in ("http", "crash", "pg"):
        d = t / "tests" / suite
        d.mkdir(parents=True, exist_ok=True)
        (d / f"test_{suite}_probe.py").write_text(PROBE.format(suite=suite))
    (tmp_path / "empty-pgbin").mkdir()
    return t


class Run:
    def __init__(self, proc, probe_log):
        self.rc = proc.returncode
        self.out = proc.stdout
        self.lines = proc.stdout.splitlines()
        m = CLOSING.match(self.lines[-1]) if self.lines else None
        assert m, f"no closing 'N passed, N failed' line:\n{self.out}"
        self.passed, self.failed = int(m.group(1)), int(m.group(2))
        self.probes = probe_log.read_text().splitlines() if probe_log.exists() else []

    def suites(self):
        """{(suite, backend)} the probe suites ran as."""
        return {tuple(p.split()[:2]) for p in self.probes if not p.startswith("unit ")}


def run(tree, backends_arg="", **env):
    """tools/run_tests.sh out /bin/false results BACKENDS in the fake tree; PGBIN is the
    empty directory unless env names another (None removes a variable)."""
    e = {k: v for k, v in os.environ.items() if k not in RUNNER_ENV}
    e["PGBIN"] = str(tree.parent / "empty-pgbin")
    e["PROBE_LOG"] = str(tree.parent / "probe.log")
    for k, v in env.items():
        if v is None:
            e.pop(k, None)
        else:
            e[k] = v
    proc = subprocess.run([str(RUNNER), "out", "/bin/false", "results", backends_arg],
                          cwd=tree, env=e, capture_output=True, text=True, timeout=300)
    return Run(proc, tree.parent / "probe.log")


def test_without_postgresql_the_run_fails_and_says_so_but_still_runs_sqlite(tree):
    r = run(tree)
    assert r.rc != 0, r.out
    assert r.failed >= 1, r.out
    assert any(l.startswith("FAIL no PostgreSQL server") for l in r.lines), r.out
    assert r.suites() == {("http", "sqlite"), ("crash", "sqlite")}, r.out
    assert r.lines[-2].startswith("NOT RUN") and all(s in r.lines[-2] for s in PG_SUITES), r.out


@pytest.mark.parametrize("how", ["env", "argument"])
def test_sqlite_only_on_request_passes_and_names_every_suite_left_out(tree, how):
    env = {"WEEEKD_TEST_PG_URL": "postgresql://nobody@127.0.0.1:1/x"}
    if how == "env":
        r = run(tree, WEEEKD_TEST_BACKENDS="sqlite", **env)
    else:
        r = run(tree, "sqlite", **env)
    assert r.rc == 0 and r.failed == 0, r.out
    assert r.suites() == {("http", "sqlite"), ("crash", "sqlite")}, r.out
    # "sqlite" means SQLite only: the unit tests do not see a PostgreSQL URL either
    assert "unit -" in r.probes, r.probes
    for line in (r.lines[0], r.lines[-2]):
        assert line.startswith("NOT RUN"), r.out
        assert all(s in line for s in PG_SUITES), line


def test_a_given_postgresql_url_runs_every_postgresql_suite(tree):
    url = "postgresql://probe@127.0.0.1:1/probe"
    r = run(tree, WEEEKD_TEST_PG_URL=url)
    assert r.rc == 0 and r.failed == 0, r.out
    assert r.suites() == {("http", "sqlite"), ("crash", "sqlite"), ("http", "pg"),
                          ("crash", "pg"), ("pg", "pg")}, r.out
    assert f"unit {url}" in r.probes, r.probes
    assert not any(l.startswith("NOT RUN") for l in r.lines), r.out


def test_a_postgresql_that_cannot_start_fails_the_run(tree):
    pgbin = tree.parent / "broken-pgbin"
    for tool in ("initdb", "pg_ctl", "pg_isready"):
        executable(pgbin / tool, "#!/bin/sh\nexit 1\n")
    r = run(tree, PGBIN=str(pgbin))
    assert r.rc != 0 and r.failed >= 1, r.out
    assert any(l.startswith(f"FAIL could not start a PostgreSQL cluster ({pgbin})")
               for l in r.lines), r.out
    assert ("http", "pg") not in r.suites(), r.out


def test_a_unit_test_binary_that_reports_no_test_fails(tree):
    executable(tree / "out" / "tests" / "test_silent", "#!/bin/sh\nexit 0\n")
    r = run(tree, "sqlite")
    assert r.rc != 0 and r.failed == 1, r.out
    assert any(l.startswith("FAIL unit test_silent") for l in r.lines), r.out


def test_an_empty_fuzz_corpus_fails(tree):
    (tree / "tests" / "fuzz" / "corpus" / "probe" / "one").unlink()
    r = run(tree, "sqlite")
    assert r.rc != 0 and r.failed == 1, r.out
    assert any(l.startswith("FAIL fuzz fuzz_probe: no inputs") for l in r.lines), r.out


def test_a_missing_fuzz_corpus_fails(tree):
    executable(tree / "out" / "fuzz" / "fuzz_nocorpus", "#!/bin/sh\nexit 0\n")
    r = run(tree, "sqlite")
    assert r.rc != 0 and r.failed == 1, r.out
    assert any(l.startswith("FAIL fuzz fuzz_nocorpus: no inputs") for l in r.lines), r.out


def test_the_fake_tree_passes_as_it_is(tree):
    """The baseline the tests above change one thing of: every probe passes."""
    r = run(tree, "sqlite")
    assert r.rc == 0 and r.failed == 0 and r.passed == 4, r.out


# ---- tools/pg_cluster.sh bin: where the runner looks for PostgreSQL -------------------------

def cluster_bin(**env):
    e = {k: v for k, v in os.environ.items() if k not in RUNNER_ENV}
    e.update(env)
    return subprocess.run([str(CLUSTER), "bin"], env=e, capture_output=True, text=True,
                          timeout=30)


def test_pg_cluster_finds_any_installed_version(tmp_path):
    root = tmp_path / "postgresql"
    executable(root / "14" / "bin" / "initdb", "#!/bin/sh\n")
    executable(root / "17" / "bin" / "initdb", "#!/bin/sh\n")
    (root / "18" / "bin").mkdir(parents=True)  # postgresql-client-18 alone: no server
    r = cluster_bin(PG_INSTALL_ROOT=str(root))
    assert r.returncode == 0 and r.stdout.strip() == str(root / "17" / "bin"), r
    executable(root / "15" / "bin" / "initdb", "#!/bin/sh\n")
    r = cluster_bin(PG_INSTALL_ROOT=str(root))
    assert r.stdout.strip() == str(root / "15" / "bin"), r  # Debian 12's own, when present


def test_pg_cluster_without_a_server_or_with_an_empty_pgbin_fails(tmp_path):
    r = cluster_bin(PG_INSTALL_ROOT=str(tmp_path))
    assert r.returncode != 0 and "no PostgreSQL server" in r.stderr, r
    r = cluster_bin(PGBIN=str(tmp_path))
    assert r.returncode != 0 and "holds no initdb" in r.stderr, r

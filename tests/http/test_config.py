"""The configuration file and the environment (issue 15 item 4): --config FILE (or
WEEEKD_CONFIG) with one "key = value" a line, keys the long option names; precedence
command line > environment > file > default; a bad file stops with FILE:LINE."""
import json
import re
import subprocess

import pytest
import requests

from weeekd_http import HTTP_TIMEOUT, ROOT, binary, clean_env, provision, run_cli


def write(tmp_path, text, name="weeekd.conf"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def serve_with(cfg_env, tmp_path, args=(), env=None, name="c"):
    """serve with no --db of its own (the Server helper passes one, so run it directly)."""
    log = open(tmp_path / f"{name}.log", "wb")
    e = {**clean_env(), **cfg_env, **(env or {})}
    proc = subprocess.Popen([binary(), "serve", *args], stdout=subprocess.PIPE, stderr=log,
                            env=e, cwd=ROOT)
    line = proc.stdout.readline().decode().strip()
    m = re.fullmatch(r"listening on 127\.0\.0\.1:(\d+)", line)
    assert m, (line, (tmp_path / f"{name}.log").read_text())
    base = f"http://127.0.0.1:{m.group(1)}"
    assert requests.get(base + "/healthz", timeout=HTTP_TIMEOUT).status_code == 200
    proc.terminate()
    assert proc.wait(timeout=15) == 0
    log.close()
    return (tmp_path / f"{name}.log").read_text()


def test_file_sets_db_listen_and_log_format(fresh_db, tmp_path):
    provision(fresh_db, "Conf", "o@conf.test")
    cfg = write(tmp_path, f"""# weeekd settings
db = {fresh_db}
listen = 127.0.0.1:0

log-format = "json"
threads = 2
""")
    log = serve_with({"WEEEKD_CONFIG": str(cfg)}, tmp_path)
    first = json.loads(log.splitlines()[0])
    assert "2 threads" in first["msg"]
    # --config on the command line names the file too; the CLI commands read it as well
    r = run_cli("token", "list", "--config", str(cfg))
    assert r.returncode == 0, r.stderr
    assert "o@conf.test" in r.stdout


def test_environment_beats_the_file_and_the_command_line_beats_both(fresh_db, tmp_path):
    provision(fresh_db, "Prec", "o@prec.test")
    cfg = write(tmp_path, f"db = {fresh_db}\nlisten = 127.0.0.1:0\nlog-format = json\n"
                          "threads = 2\n")
    env = {"WEEEKD_CONFIG": str(cfg)}
    log = serve_with(env, tmp_path, env={"WEEEKD_LOG_FORMAT": "text", "WEEEKD_THREADS": "3"},
                     name="env")
    assert re.search(r"^\S+ info weeekd .* 3 threads", log, re.M), log
    log = serve_with(env, tmp_path, args=("--threads", "5", "--log-format=json"),
                     env={"WEEEKD_LOG_FORMAT": "text", "WEEEKD_THREADS": "3"}, name="cli")
    assert "5 threads" in json.loads(log.splitlines()[0])["msg"]


def test_default_when_neither_file_nor_environment_say(fresh_db, tmp_path):
    provision(fresh_db, "Dflt", "o@dflt.test")
    cfg = write(tmp_path, "# nothing set\n")
    log = serve_with({"WEEEKD_CONFIG": str(cfg)}, tmp_path,
                     args=("--db", fresh_db, "--listen", "127.0.0.1:0"))
    assert "4 threads" in log and not log.startswith("{")


@pytest.mark.parametrize("text,needle", [
    ("db = sqlite:x.db\nbogus = 1\n", ":2: unknown setting 'bogus'"),
    ("workspace = W\n", ":1: unknown setting 'workspace'"),
    ("just words\n", ":1: expected 'key = value'"),
    ("threads = lots\n", "--threads must be an integer"),
])
def test_bad_configuration_file_stops_with_file_and_line(tmp_path, text, needle):
    cfg = write(tmp_path, text)
    r = run_cli("serve", "--config", str(cfg), "--listen", "127.0.0.1:0")
    assert r.returncode == 2
    assert needle in r.stderr, r.stderr
    assert r.stdout == ""


def test_missing_configuration_file_named_explicitly_is_an_error(tmp_path):
    r = run_cli("serve", "--config", str(tmp_path / "nope.conf"))
    assert r.returncode == 2
    assert "cannot read the configuration file" in r.stderr


def test_db_url_with_its_secret_can_come_from_the_environment(fresh_db, tmp_path):
    """WEEEKD_DB keeps a URL with a password out of the command line (and `ps`)."""
    provision(fresh_db, "EnvDb", "o@envdb.test")
    cfg = write(tmp_path, "listen = 127.0.0.1:0\n")
    serve_with({"WEEEKD_CONFIG": str(cfg)}, tmp_path, env={"WEEEKD_DB": fresh_db})
    r = subprocess.run([binary(), "token", "list", "--config", str(cfg)], capture_output=True,
                       text=True, timeout=60, env={**clean_env(), "WEEEKD_DB": fresh_db})
    assert r.returncode == 0, r.stderr
    assert "o@envdb.test" in r.stdout

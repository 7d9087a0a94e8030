"""Helpers for the black-box HTTP suite (tests/http): the weeekd CLI, store provisioning per
backend, a running server, an API client per token, raw-socket requests, and OpenAPI
response-schema validation. conftest.py builds the fixtures from these; test modules import
what they need with `from weeekd_http import ...` (a unique module name, so that this suite
and tests/pg can be collected in one pytest run).
"""
import copy
import functools
import http.client
import itertools
import json
import os
import pathlib
import re
import select
import signal
import socket
import sqlite3
import subprocess
import time
import urllib.parse
import uuid

import jsonschema
import requests

ROOT = pathlib.Path(__file__).resolve().parents[2]
API = "/public/v1"
OPENAPI_PATH = ROOT / "openapi" / "weeekd.openapi.json"
VERSION_FILE = ROOT / "VERSION"
SPEC_YAML = ROOT.parent / "shared" / "spec" / "weeek-public-v1.yaml"
HTTP_TIMEOUT = 10  # seconds, for every request the suite makes
MAX_BODY = 1 << 20  # weeekd's default body cap
UNAUTH_BODY = {"success": False, "code": 2000000, "message": "Unauthenticated."}
MODEL_NOT_FOUND = {"success": False, "code": 1000001, "message": "Model not found"}
RECORD_NOT_FOUND = {"message": "Record not found"}
SANITIZER_MARKS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:",
                   "SUMMARY: UndefinedBehaviorSanitizer")
# configuration the server would otherwise take from the environment or from
# /etc/weeekd/weeekd.conf (an installed package's); the suite pins it
_CONFIG_ENV = ("WEEEKD_DB", "WEEEKD_LISTEN", "WEEEKD_THREADS", "WEEEKD_MAX_BODY",
               "WEEEKD_MAX_UPLOAD", "WEEEKD_MAX_REQUEST_MEMORY", "WEEEKD_TIMEOUT",
               "WEEEKD_MAX_CONNS", "WEEEKD_MAX_CONNS_PER_IP", "WEEEKD_SYNC", "WEEEKD_LOG_LEVEL",
               "WEEEKD_LOG_FORMAT", "WEEEKD_METRICS_LISTEN", "WEEEKD_CONFIG")
_names = itertools.count(1)


def binary():
    """WEEEKD_BIN (relative paths are taken from the repository root) or build/weeekd."""
    path = pathlib.Path(os.environ.get("WEEEKD_BIN") or "build/weeekd")
    if not path.is_absolute():
        path = ROOT / path
    return str(path)


def backends():
    """WEEEKD_TEST_BACKENDS, space-separated; default sqlite."""
    names = os.environ.get("WEEEKD_TEST_BACKENDS", "sqlite").split()
    return names or ["sqlite"]


def unique(prefix):
    """A name no other test (nor an earlier run against the same store) uses."""
    return f"{prefix}-{os.getpid()}-{next(_names)}-{uuid.uuid4().hex[:6]}"


def clean_env():
    env = dict(os.environ)
    for k in _CONFIG_ENV:
        env.pop(k, None)
    env["WEEEKD_CONFIG"] = "/dev/null"  # an empty configuration file: no settings
    return env


# ---- CLI ---------------------------------------------------------------------------------

def run_cli(*args, timeout=60):
    """Run `weeekd ARGS...`; returns the CompletedProcess (text mode), whatever the exit."""
    return subprocess.run([binary(), *args], capture_output=True, text=True, timeout=timeout,
                          env=clean_env(), cwd=ROOT)


def cli_ok(*args):
    """Run a subcommand that must succeed; returns its stdout."""
    r = run_cli(*args)
    assert r.returncode == 0, f"weeekd {' '.join(args)} exited {r.returncode}: {r.stderr}"
    return r.stdout


def provision(db, workspace, email, name=None, member=False):
    """`weeekd init` (or `member add`); returns the token it printed."""
    args = ["member", "add"] if member else ["init"]
    args += ["--db", db, "--workspace", workspace, "--email", email]
    if name is not None:
        args += ["--name", name]
    out = cli_ok(*args)
    lines = out.splitlines()
    assert len(lines) == 1 and lines[0].strip(), f"expected one token line, got {out!r}"
    return lines[0].strip()


def token_rows(db):
    """`weeekd token list` as dicts: id, state, created, workspace, email, label."""
    out = cli_ok("token", "list", "--db", db)
    lines = out.splitlines()
    assert lines and lines[0].split()[:2] == ["ID", "STATE"], out
    rows = []
    for line in lines[1:]:
        parts = line.split(None, 5)
        rows.append({"id": parts[0], "state": parts[1], "created": parts[2],
                     "workspace": parts[3], "email": parts[4],
                     "label": parts[5] if len(parts) > 5 else ""})
    return rows


# ---- stores --------------------------------------------------------------------------------

def with_database(url, name):
    """The same server and credentials as url, with the database name replaced."""
    u = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((u.scheme, u.netloc, "/" + name, u.query, u.fragment))


def psql(url, sql):
    r = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, f"psql failed on {sql!r}: {r.stderr.strip()}"


class Store:
    """A brand-new, empty store for one backend: sqlite:<dir>/weeekd.db, or a fresh
    PostgreSQL database weeekd_test_<pid>_<random> that drop() removes again."""

    def __init__(self, backend, directory):
        self.backend = backend
        self.admin_url = None
        if backend == "sqlite":
            self.url = f"sqlite:{directory}/weeekd.db"
        elif backend == "pg":
            admin = os.environ.get("WEEEKD_TEST_PG_URL")
            assert admin, ("backend pg needs WEEEKD_TEST_PG_URL, an admin URL such as "
                           "postgresql://postgres@127.0.0.1:54329/postgres")
            self.admin_url = admin
            self.dbname = f"weeekd_test_{os.getpid()}_{uuid.uuid4().hex[:10]}"
            psql(admin, f'CREATE DATABASE "{self.dbname}"')
            self.url = with_database(admin, self.dbname)
        else:
            raise AssertionError(f"unknown backend {backend!r} in WEEEKD_TEST_BACKENDS "
                                 "(use sqlite and/or pg)")

    def drop(self):
        if self.backend == "pg":
            psql(self.admin_url, f'DROP DATABASE IF EXISTS "{self.dbname}" WITH (FORCE)')


# ---- server --------------------------------------------------------------------------------

class Server:
    """One `weeekd serve --listen 127.0.0.1:0` process; stderr (the access log) goes to
    log_path. Once the process has ended (stop or kill), its log is scanned for sanitizer
    reports (SANITIZER_MARKS) and any is an AssertionError: every server a test starts is
    checked as the session's is, whatever the test itself looks at."""

    def __init__(self, db, log_path, extra_args=(), env=None):
        self.db = db
        self.log_path = pathlib.Path(log_path)
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [binary(), "serve", "--db", db, "--listen", "127.0.0.1:0", *extra_args],
            stdout=subprocess.PIPE, stderr=self._log, env={**clean_env(), **(env or {})},
            cwd=ROOT)
        self.port = None
        self.first_line = None
        self.returncode = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def log_text(self):
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def _fail(self, why):
        self.kill()
        raise AssertionError(f"weeekd serve did not come up: {why}\n--- server stderr ---\n"
                             f"{self.log_text()}")

    def wait_ready(self, timeout=15):
        """Read 'listening on 127.0.0.1:PORT' from stdout, then wait for /healthz == 200."""
        deadline = time.monotonic() + timeout
        buf = b""
        fd = self.proc.stdout.fileno()
        while b"\n" not in buf:
            left = deadline - time.monotonic()
            if left <= 0:
                self._fail(f"no 'listening on' line within {timeout}s (stdout so far {buf!r})")
            ready, _, _ = select.select([fd], [], [], min(left, 0.2))
            if ready:
                chunk = os.read(fd, 4096)
                if not chunk:
                    self.proc.wait(timeout=5)
                    self._fail(f"exited with {self.proc.returncode} before listening")
                buf += chunk
        self.stdout_head = buf.decode()
        self.first_line = buf.split(b"\n", 1)[0].decode()
        m = re.fullmatch(r"listening on 127\.0\.0\.1:(\d+)", self.first_line)
        if not m:
            self._fail(f"unexpected first stdout line {self.first_line!r}")
        self.port = int(m.group(1))
        last = None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self._fail(f"exited with {self.proc.returncode}")
            try:
                r = requests.get(self.base + "/healthz", timeout=2)
                if r.status_code == 200:
                    return self
                last = f"/healthz answered {r.status_code} {r.text!r}"
            except requests.RequestException as e:
                last = repr(e)
            time.sleep(0.05)
        self._fail(f"/healthz not 200 within {timeout}s: {last}")

    def stdout_line(self, prefix, timeout=5):
        """The first stdout line starting with prefix (e.g. "metrics on "), read as needed."""
        deadline = time.monotonic() + timeout
        fd = self.proc.stdout.fileno()
        while True:
            for line in self.stdout_head.splitlines():
                if line.startswith(prefix):
                    return line
            left = deadline - time.monotonic()
            assert left > 0, f"no stdout line {prefix!r}: {self.stdout_head!r}"
            ready, _, _ = select.select([fd], [], [], min(left, 0.2))
            if ready:
                chunk = os.read(fd, 4096)
                assert chunk, f"stdout closed before a line {prefix!r}"
                self.stdout_head += chunk.decode()

    def stop(self, sig=signal.SIGTERM, timeout=15):
        """Send sig and wait; returns the exit status (None if it had to be killed)."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()
                return None
        self.returncode = self.proc.returncode
        self._close()
        return self.returncode

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self._close()

    def _close(self):
        if self.proc.stdout and not self.proc.stdout.closed:
            self.proc.stdout.close()
        if not self._log.closed:
            self._log.close()
        self._check_sanitizer_reports()

    def sanitizer_reports(self):
        """The SANITIZER_MARKS found in the log so far."""
        log = self.log_text()
        return [m for m in SANITIZER_MARKS if m in log]

    def _check_sanitizer_reports(self):
        # once: kill() in a finally after a failed stop() must not raise it again
        if getattr(self, "_scanned", False):
            return
        self._scanned = True
        bad = self.sanitizer_reports()
        assert not bad, (f"sanitizer reports in the log of weeekd serve --db {self.db}: "
                         f"{bad}\n{self.log_text()[-20000:]}")

    def log_lines_with(self, needle, timeout=5):
        """The access-log lines containing needle, waiting until at least one is there
        (the line is written when the library reports the request complete)."""
        deadline = time.monotonic() + timeout
        while True:
            lines = [l for l in self.log_text().splitlines() if needle in l]
            if lines or time.monotonic() > deadline:
                return lines
            time.sleep(0.02)


# ---- clients -------------------------------------------------------------------------------

def assert_json_content_type(r):
    """Every weeekd response carries exactly `Content-Type: application/json` (the vendor
    PHP client compares the value for equality, so no charset)."""
    ct = r.headers.get("Content-Type")
    assert ct == "application/json", (
        f"{r.request.method} {r.request.url} -> {r.status_code}: Content-Type {ct!r}")


# What an error answer must never show (issue 8): database, driver and library names, SQL,
# server-side paths, source locations, addresses. Matched against the body of every answer
# with status >= 400 that an Api client receives; a hit that the request itself carried (an
# echoed path or value) does not count.
INTERNALS = (
    re.compile(r"sqlite|postgres|libpq|syntax error|constraint failed|violates|duplicate key|"
               r"no such (table|column)|unique constraint|foreign key|/work/|/tmp/|/root|"
               r"/home/|/usr/|jansson|microhttpd|sanitizer|segmentation|traceback|strerror|"
               r"\(null\)", re.IGNORECASE),
    # SQL keywords as the drivers print them; C sources and addresses
    re.compile(r"SQLITE_|\bPQ[a-z]\w*|\bSELECT |\bINSERT INTO|\bUPDATE \w+ SET|DELETE FROM|"
               r"\bWHERE |\bsrc/|\b\w+\.[ch]\b|\b\w+\.c:\d|0x[0-9a-fA-F]{6,}|\berrno\b"),
)


def assert_no_internals(r):
    """An answer with status >= 400 has a JSON body (none for HEAD) that names nothing of
    the server's internals (INTERNALS) beyond what the request sent."""
    if r.status_code < 400:
        return
    what = f"{r.request.method} {r.request.url} -> {r.status_code}"
    if r.request.method == "HEAD":
        return
    try:
        json.loads(r.content)
    except ValueError:
        raise AssertionError(f"{what}: error body is not JSON: {r.content[:300]!r}") from None
    text = r.content.decode("utf-8", "replace")
    body = r.request.body or b""
    sent = urllib.parse.unquote(r.request.url) + " " + (
        body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body))
    hits = [m.group(0) for rx in INTERNALS for m in rx.finditer(text)
            if m.group(0).lower() not in sent.lower()]
    assert not hits, f"{what}: error body shows internals {hits}: {text[:500]}"


class Api:
    """requests bound to one server and one token. path is relative to /public/v1 unless
    it starts with '//' (then it is taken from the server root with one '/' dropped).
    Every response's Content-Type is checked, and every error answer by
    assert_no_internals."""

    def __init__(self, base, token=None, name=None, email=None):
        self.base = base
        self.token = token
        self.name = name
        self.email = email
        self.session = requests.Session()

    def url(self, path):
        if path.startswith("//"):
            return self.base + path[1:]
        return self.base + API + path

    def headers(self, extra=None):
        h = {"Accept": "application/json"}
        if self.token is not None:
            h["Authorization"] = f"Bearer {self.token}"
        h.update(extra or {})
        return {k: v for k, v in h.items() if v is not None}

    def request(self, method, path, headers=None, check_ct=True, **kw):
        kw.setdefault("timeout", HTTP_TIMEOUT)
        r = self.session.request(method, self.url(path), headers=self.headers(headers), **kw)
        assert_no_internals(r)
        if check_ct:
            assert_json_content_type(r)
        return r

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def head(self, path, **kw):
        return self.request("HEAD", path, **kw)

    def post(self, path, **kw):
        return self.request("POST", path, **kw)

    def put(self, path, **kw):
        return self.request("PUT", path, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    def close(self):
        self.session.close()

    # conveniences used across the suite
    def create_tag(self, title="tag", **fields):
        r = self.post("/ws/tags", json={"title": title, **fields})
        assert r.status_code == 200, r.text
        return r.json()["tag"]

    def tag_ids(self):
        r = self.get("/ws/tags")
        assert r.status_code == 200, r.text
        return [t["id"] for t in r.json()["tags"]]


def raw_request(port, data, method="GET", timeout=HTTP_TIMEOUT):
    """Send raw bytes on a new connection and parse one response: (status, headers, body).
    For what requests cannot send faithfully (a body cap hit before the body is sent)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        s.sendall(data)
        resp = http.client.HTTPResponse(s, method=method)
        resp.begin()
        body = resp.read()
        return resp.status, resp.headers, body
    finally:
        s.close()


# ---- OpenAPI -------------------------------------------------------------------------------

def _nullable_to_json_schema(x):
    """OpenAPI 3.0 `nullable: true` -> JSON Schema: a type list (and enum) that admits null,
    or anyOf [schema, null] where the schema has no type of its own."""
    if isinstance(x, list):
        return [_nullable_to_json_schema(v) for v in x]
    if not isinstance(x, dict):
        return x
    out = {k: _nullable_to_json_schema(v) for k, v in x.items()}
    if out.get("nullable") is True:
        del out["nullable"]
        if "type" in out:
            t = out["type"]
            out["type"] = (list(t) if isinstance(t, list) else [t]) + ["null"]
            if "enum" in out and None not in out["enum"]:
                out["enum"] = list(out["enum"]) + [None]
        elif any(k in out for k in ("$ref", "oneOf", "anyOf", "allOf")):
            out = {"anyOf": [out, {"type": "null"}]}
    return out


@functools.lru_cache(maxsize=1)
def openapi_doc():
    with open(OPENAPI_PATH, encoding="utf-8") as f:
        return json.load(f)


@functools.lru_cache(maxsize=1)
def openapi_json_schema_doc():
    return _nullable_to_json_schema(copy.deepcopy(openapi_doc()))


def norm_path(path):
    """'/ws/tags/{id}' and '/ws/tags/{tag_id}' compare equal."""
    return re.sub(r"\{[^}]*\}", "{}", path)


HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def spec_operations(doc=None):
    """{(METHOD, normalised path): (spec path, operation)} of the OpenAPI document."""
    doc = doc or openapi_doc()
    ops = {}
    for path, item in doc["paths"].items():
        for m, op in item.items():
            if m in HTTP_METHODS:
                ops[(m.upper(), norm_path(path))] = (path, op)
    return ops


def _resolve(doc, node):
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/"), ref
        node = doc
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def validate_success(method, path, body, status="200"):
    """Validate a success body against the response schema the OpenAPI document gives for
    METHOD path (path relative to /public/v1, any parameter names)."""
    doc = openapi_json_schema_doc()
    key = (method.upper(), norm_path(path))
    ops = spec_operations(doc)
    assert key in ops, f"{method} {path} is not an operation of {OPENAPI_PATH.name}"
    _, op = ops[key]
    resp = _resolve(doc, op["responses"][status])
    schema = resp["content"]["application/json"]["schema"]
    resolver = jsonschema.RefResolver(base_uri="", referrer=doc)
    validator = jsonschema.Draft7Validator(schema, resolver=resolver)
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
    assert not errors, f"{method} {path} body does not match the spec: " + "; ".join(
        f"{list(e.path)}: {e.message}" for e in errors)


def envelope_key(method, path):
    """The operation's x-envelope-key (None = bare {"success": true})."""
    _, op = spec_operations()[(method.upper(), norm_path(path))]
    assert "x-envelope-key" in op, f"{method} {path} has no x-envelope-key"
    return op["x-envelope-key"]


def assert_envelope(method, path, r):
    """200, exactly {"success": true, <x-envelope-key>: ...} and valid against the spec."""
    assert r.status_code == 200, f"{method} {path}: {r.status_code} {r.text}"
    body = r.json()
    key = envelope_key(method, path)
    expected = {"success"} | ({key} if key else set())
    assert set(body) == expected, f"{method} {path}: keys {sorted(body)} != {sorted(expected)}"
    assert body["success"] is True
    validate_success(method, path, body)
    return body


def routes(admin=False):
    """`weeekd routes` as dicts: method, path, envelope (None for '-'), handler, flags.
    The admin API's rows (flag "admin", /_weeekd/: weeekd as a test double, behind
    --admin-token and not per workspace) only with admin=True: the route sweeps of the
    suite are about the Weeek API and its tenancy (test_admin_*.py cover the admin API)."""
    out = cli_ok("routes")
    rows = []
    for line in out.splitlines():
        parts = line.split("\t")
        assert len(parts) == 5, f"route line is not 5 tab-separated fields: {line!r}"
        method, path, env, handler, flags = parts
        rows.append({"method": method, "path": path, "envelope": None if env == "-" else env,
                     "handler": handler, "flags": set(flags.split(","))})
    return [r for r in rows if admin or "admin" not in r["flags"]]


# ---- helpers shared by the resource suites ----------------------------------------------------
# Messages, parameter lists, assertions and small creation helpers that several test modules
# use in exactly this form (tasks_kit.py and crm_util.py re-export some of them). A module
# whose helper of the same name behaves differently keeps its own.

REQUIRED = "The field is required."
NAME_TOO_LONG = "The name must not be greater than 255 characters."
NAME_NOT_STRING = "The name must be a string."
ARCHIVED = "The project is archived."
BAD_PRIVATE = "The is private field must be true or false."
PROJECT_INVALID = "The selected project id is invalid."
PROJECT_NOT_INT = "The project id must be an integer."
BOARD_INVALID = "The selected board id is invalid."
BOARD_NOT_INT = "The board id must be an integer."
COLUMN_INVALID = "The selected board column id is invalid."
COLUMN_NOT_INT = "The board column id must be an integer."
BAD_COLOR = "The color format is invalid."
DEFAULT_COLUMNS = ["To do", "In progress", "Done"]
# path ids that name no integer-keyed object (missing, malformed, out of range)
BAD_IDS = ["999999999", "abc", "0", "-1", "1.5", "1e3", "99999999999999999999999", "%20", "0x1"]
# bodies a route with only optional fields must take as "no fields", and their test ids
OPTIONAL_BODIES = [None, b"", b"[]", b'""', b"{}", b"null"]
OPTIONAL_BODY_IDS = ["none", "empty", "empty-array", "empty-string", "empty-object", "null"]
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
TIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def assert_422(r, errors):
    """Laravel shape; errors names every failing field; message is the first message."""
    assert r.status_code == 422, r.text
    body = r.json()
    assert set(body) == {"success", "message", "errors"}, body
    assert body["success"] is False
    assert body["errors"] == errors, body
    assert body["message"] == next(iter(errors.values()))[0]


def assert_404(r):
    """The not-found answer of the routes that say "Record not found" for every method."""
    assert r.status_code == 404, r.text
    assert r.json() == RECORD_NOT_FOUND


def assert_bare_success(method, path, r):
    """200 and exactly {"success":true}, valid against the spec for METHOD path."""
    assert_envelope(method, path, r)
    assert r.content == b'{"success":true}', r.content


def me(api):
    """The member id of the token's user (GET /user/me)."""
    r = api.get("/user/me")
    assert r.status_code == 200, r.text
    return r.json()["user"]["id"]


def new_project(api, name="project"):
    """A new project's id."""
    r = api.post("/tm/projects", json={"name": name})
    assert r.status_code == 200, r.text
    return r.json()["project"]["id"]


def new_board(api, pid, name="board"):
    """A new board's id, in project pid (it comes with three default columns)."""
    r = api.post("/tm/boards", json={"name": name, "projectId": pid})
    assert r.status_code == 200, r.text
    return r.json()["board"]["id"]


def archive(api, pid):
    assert api.post(f"/tm/projects/{pid}/archive").status_code == 200


def store_sql(url, statement):
    """Run one statement on the store behind url (either backend); rows for a SELECT."""
    if url.startswith("sqlite:"):
        con = sqlite3.connect(url[len("sqlite:"):], timeout=10)
        try:
            rows = con.execute(statement).fetchall()
            con.commit()
            return rows
        finally:
            con.close()
    if statement.lstrip().upper().startswith("SELECT"):
        r = subprocess.run(["psql", "-X", "-A", "-t", url, "-c", statement],
                           capture_output=True, text=True, timeout=60, check=True)
        return [tuple(line.split("|")) for line in r.stdout.splitlines() if line]
    psql(url, statement)
    return []


def read_until(proc, marker, seconds=30):
    """What proc has written to stdout up to and including `marker` (bytes), within seconds;
    fails with the output so far when it ends or the time runs out first."""
    out = b""
    deadline = time.monotonic() + seconds
    while marker not in out:
        assert time.monotonic() < deadline, out
        ready, _, _ = select.select([proc.stdout], [], [], 0.5)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 4096)
            assert chunk, (out, proc.stderr.read())
            out += chunk
    return out

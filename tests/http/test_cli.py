"""The weeekd command line: usage, exit codes (0 ok, 1 failure, 2 usage error), provisioning
commands and their failure messages. Each store test gets a brand-new store."""
import pathlib
import re

import pytest

from weeekd_http import ROOT, provision, run_cli, token_rows

TOKEN = re.compile(r"wk_[A-Za-z0-9]{20,}")


def sqlite_path(url):
    return pathlib.Path(url[len("sqlite:"):])


# ---- usage ---------------------------------------------------------------------------------

@pytest.mark.parametrize("arg", ["--help", "-h", "help"])
def test_help_prints_usage_on_stdout_and_exits_0(arg):
    r = run_cli(arg)
    assert r.returncode == 0
    assert r.stdout.startswith("usage: weeekd <command>")
    for cmd in ("serve", "init", "member add", "token create", "token list", "token revoke",
                "migrate", "routes"):
        assert cmd in r.stdout
    assert r.stderr == ""


def test_version_prints_the_version_file_and_exits_0():
    r = run_cli("--version")
    assert r.returncode == 0
    assert r.stdout == f"weeekd {(ROOT / 'VERSION').read_text().strip()}\n"


def test_no_arguments_prints_usage_on_stderr_and_exits_2():
    r = run_cli()
    assert r.returncode == 2
    assert r.stdout == ""
    assert r.stderr.startswith("usage: weeekd")


def test_options_without_a_command_exit_2():
    r = run_cli("--db", "sqlite:/tmp/never-created.db")
    assert r.returncode == 2
    assert "no command given" in r.stderr


def test_unknown_command_exits_2_naming_it():
    r = run_cli("frobnicate")
    assert r.returncode == 2
    assert "unknown command 'frobnicate'" in r.stderr
    assert r.stdout == ""


def test_unknown_subcommand_exits_2_naming_it():
    r = run_cli("token", "burn")
    assert r.returncode == 2
    assert "unknown subcommand 'burn'" in r.stderr


def test_unknown_option_exits_2_naming_it():
    r = run_cli("serve", "--bogus", "1")
    assert r.returncode == 2
    assert "unknown option '--bogus'" in r.stderr


def test_option_without_its_value_exits_2():
    r = run_cli("init", "--workspace")
    assert r.returncode == 2
    assert "needs a value" in r.stderr


@pytest.mark.parametrize("args,needle", [
    (["serve", "--threads", "0"], "--threads"),
    (["serve", "--threads", "many"], "--threads"),
    (["serve", "--max-body", "10"], "--max-body"),
    (["serve", "--sync", "sometimes"], "--sync"),
    (["serve", "--log-level", "loud"], "--log-level"),
    (["serve", "--listen", "nowhere"], "--listen"),
    (["serve", "--listen", "127.0.0.1:99999"], "--listen"),
])
def test_bad_option_values_exit_2_naming_the_option(args, needle):
    r = run_cli(*args)
    assert r.returncode == 2
    assert needle in r.stderr


# ---- init / member add ---------------------------------------------------------------------

def test_init_prints_exactly_one_line_the_token(fresh_db):
    r = run_cli("init", "--db", fresh_db, "--workspace", "W", "--email", "o@w.test")
    assert r.returncode == 0, r.stderr
    assert TOKEN.fullmatch(r.stdout.rstrip("\n")), r.stdout
    assert r.stdout.count("\n") == 1


def test_each_init_token_is_different(fresh_db):
    a = provision(fresh_db, "W1", "o@w.test")
    b = provision(fresh_db, "W2", "o@w.test")
    assert a != b


def test_init_on_an_existing_workspace_name_fails_with_exit_1(fresh_db):
    provision(fresh_db, "Dup", "o@dup.test")
    r = run_cli("init", "--db", fresh_db, "--workspace", "Dup", "--email", "x@dup.test")
    assert r.returncode == 1
    assert r.stdout == ""
    assert "a workspace named 'Dup' already exists" in r.stderr


def test_init_without_workspace_or_email_exits_2(fresh_db):
    r = run_cli("init", "--db", fresh_db, "--email", "o@w.test")
    assert r.returncode == 2 and "--workspace" in r.stderr
    r = run_cli("init", "--db", fresh_db, "--workspace", "W")
    assert r.returncode == 2 and "--email" in r.stderr


@pytest.mark.parametrize("email", ["not-an-email", "a@b@c.test", "@nouser.test", "nodomain@",
                                   "sp ace@x.test", "", "new\nline@x.test", "a@x.test\nforged",
                                   "tab\t@x.test", "cr@x.test\r", "nodot@host", "a@.x.test",
                                   "a@x.test."])
def test_init_with_a_bad_email_exits_2(fresh_db, email):
    r = run_cli("init", "--db", fresh_db, "--workspace", "W", "--email", email)
    assert r.returncode == 2
    assert r.stdout == ""
    assert r.stderr.startswith("weeekd: ")


def test_init_with_an_overlong_workspace_name_exits_2(fresh_db):
    r = run_cli("init", "--db", fresh_db, "--workspace", "W" * 1000, "--email", "o@w.test")
    assert r.returncode == 2
    assert "--workspace" in r.stderr


def test_member_add_prints_a_token(fresh_db):
    provision(fresh_db, "Team", "o@team.test")
    r = run_cli("member", "add", "--db", fresh_db, "--workspace", "Team", "--email",
                "m@team.test", "--name", "Mia Member")
    assert r.returncode == 0, r.stderr
    assert TOKEN.fullmatch(r.stdout.strip())


def test_member_add_to_a_missing_workspace_fails_with_exit_1(fresh_db):
    provision(fresh_db, "Team", "o@team.test")
    r = run_cli("member", "add", "--db", fresh_db, "--workspace", "Nope", "--email", "m@t.test")
    assert r.returncode == 1
    assert r.stdout == ""
    assert "no workspace named 'Nope'" in r.stderr


def test_member_add_with_a_duplicate_email_fails_with_exit_1(fresh_db):
    provision(fresh_db, "Team", "o@team.test")
    r = run_cli("member", "add", "--db", fresh_db, "--workspace", "Team", "--email",
                "o@team.test")
    assert r.returncode == 1
    assert "o@team.test is already a member of 'Team'" in r.stderr


def test_member_add_with_a_bad_email_exits_2(fresh_db):
    provision(fresh_db, "Team", "o@team.test")
    r = run_cli("member", "add", "--db", fresh_db, "--workspace", "Team", "--email", "bad")
    assert r.returncode == 2
    assert "--email is not an email address" in r.stderr


@pytest.mark.parametrize("cmd", [["init"], ["member", "add"]], ids=["init", "member-add"])
@pytest.mark.parametrize("opt,value", [("--email", "eve@x.test\n1\tactive\tforged"),
                                       ("--name", "Eve\nforged"), ("--name", "Eve\x7f"),
                                       ("--name", "Eve\u0085x"), ("--workspace", "W\rX")])
def test_control_characters_never_reach_the_store_or_token_list(fresh_db, cmd, opt, value):
    """A newline in an e-mail forged a row of `weeekd token list` (issue 13 item 14)."""
    provision(fresh_db, "Team", "o@team.test")
    before = token_rows(fresh_db)
    args = {"--workspace": "Team", "--email": "new@team.test", "--name": "Eve"}
    if cmd == ["init"]:
        args["--workspace"] = "Fresh"
    args[opt] = value
    r = run_cli(*cmd, "--db", fresh_db, *[x for kv in args.items() for x in kv])
    assert r.returncode == 2, r.stderr
    assert r.stdout == ""
    assert value not in r.stderr
    assert token_rows(fresh_db) == before


# ---- tokens --------------------------------------------------------------------------------

def test_token_list_of_a_new_store_is_only_the_header(fresh_db):
    assert run_cli("migrate", "--db", fresh_db).returncode == 0
    assert token_rows(fresh_db) == []


def test_token_create_list_and_revoke(fresh_db):
    first = provision(fresh_db, "Tok", "o@tok.test")
    r = run_cli("token", "create", "--db", fresh_db, "--workspace", "Tok", "--email",
                "o@tok.test", "--label", "ci")
    assert r.returncode == 0, r.stderr
    second = r.stdout.strip()
    assert TOKEN.fullmatch(second) and second != first
    rows = token_rows(fresh_db)
    assert [(t["state"], t["workspace"], t["email"], t["label"]) for t in rows] == [
        ("active", "Tok", "o@tok.test", "init"), ("active", "Tok", "o@tok.test", "ci")]
    assert first not in run_cli("token", "list", "--db", fresh_db).stdout  # only hashes kept
    r = run_cli("token", "revoke", "--db", fresh_db, rows[1]["id"])
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    assert f"token {rows[1]['id']} revoked" in r.stderr
    assert [t["state"] for t in token_rows(fresh_db)] == ["active", "revoked"]


def test_revoking_a_token_twice_fails_with_exit_1(fresh_db):
    provision(fresh_db, "Tok", "o@tok.test")
    tid = token_rows(fresh_db)[0]["id"]
    assert run_cli("token", "revoke", "--db", fresh_db, tid).returncode == 0
    r = run_cli("token", "revoke", "--db", fresh_db, tid)
    assert r.returncode == 1
    assert f"no active token with id {tid}" in r.stderr


def test_revoking_an_unknown_token_id_fails_with_exit_1(fresh_db):
    provision(fresh_db, "Tok", "o@tok.test")
    r = run_cli("token", "revoke", "--db", fresh_db, "424242")
    assert r.returncode == 1
    assert "no active token with id 424242" in r.stderr


def test_token_revoke_without_an_id_exits_2(fresh_db):
    r = run_cli("token", "revoke", "--db", fresh_db)
    assert r.returncode == 2
    assert "token list" in r.stderr


def test_token_revoke_with_a_non_numeric_id_is_a_usage_error(fresh_db):
    provision(fresh_db, "Tok", "o@tok.test")
    r = run_cli("token", "revoke", "--db", fresh_db, "abc")
    assert r.returncode == 2
    assert "token ID must be a positive integer, not 'abc'" in r.stderr


def test_token_create_for_a_non_member_fails_with_exit_1(fresh_db):
    provision(fresh_db, "Tok", "o@tok.test")
    r = run_cli("token", "create", "--db", fresh_db, "--workspace", "Tok", "--email",
                "stranger@tok.test")
    assert r.returncode == 1
    assert "stranger@tok.test is not a member of 'Tok'" in r.stderr


# ---- migrate and store URLs ----------------------------------------------------------------

def test_migrate_on_a_fresh_store_works_and_is_idempotent(fresh_db):
    r = run_cli("migrate", "--db", fresh_db)
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    if fresh_db.startswith("sqlite:"):
        assert sqlite_path(fresh_db).is_file()
    assert run_cli("migrate", "--db", fresh_db).returncode == 0
    provision(fresh_db, "After migrate", "o@m.test")


@pytest.mark.parametrize("url", ["mysql://root@localhost/db", "sqlite:", "weeekd.db",
                                 "postgres-ish:x"])
def test_unsupported_db_url_fails_with_a_clear_message(url):
    r = run_cli("migrate", "--db", url)
    assert r.returncode == 1
    assert "unsupported database URL" in r.stderr


def test_sqlite_path_in_a_missing_directory_fails_with_a_clear_message(tmp_path):
    r = run_cli("migrate", "--db", f"sqlite:{tmp_path}/no/such/dir/x.db")
    assert r.returncode == 1
    assert "cannot open SQLite database" in r.stderr


def test_serve_with_an_unsupported_db_url_fails_before_listening():
    r = run_cli("serve", "--db", "mysql://x", "--listen", "127.0.0.1:0", timeout=15)
    assert r.returncode == 1
    assert r.stdout == ""
    assert "unsupported database URL" in r.stderr


def test_routes_needs_no_store():
    r = run_cli("routes", "--db", "mysql://not-used")
    assert r.returncode == 0
    assert "/public/v1/ws/tags" in r.stdout

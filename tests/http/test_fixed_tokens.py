"""Fixed tokens for CI (issue 14, item 8): `weeekd init ... --token wk_...` makes the owner's
token the one given instead of drawing one; it must look like a drawn token ("wk_" and 43
base62 characters), may be used once, and is for init only. The admin API's "token" field
is tested in test_admin_workspaces.py."""
import uuid

import pytest

from weeekd_http import Api, provision, run_cli, token_rows, unique


def fixed_token():
    return "wk_" + uuid.uuid4().hex + "ABCDEFGHIJK"


def test_init_with_a_token_prints_it_and_it_works_at_once(server):
    token = fixed_token()
    name = unique("fixed")
    r = run_cli("init", "--db", server.db, "--workspace", name, "--email", "ci@example.com",
                "--token", token)
    assert r.returncode == 0, r.stderr
    assert r.stdout == token + "\n"
    api = Api(server.base, token)
    me = api.get("/user/me")
    assert me.status_code == 200 and me.json()["user"]["email"] == "ci@example.com"
    assert api.get("/ws").json()["workspace"]["title"] == name
    assert any(t["workspace"] == name and t["state"] == "active" for t in token_rows(server.db))


@pytest.mark.parametrize("bad", ["wk_short", "wk_" + "a" * 44, "xx_" + "a" * 43,
                                 "wk_" + "a" * 42 + "-", "wk_" + "a" * 42 + "é", ""])
def test_init_refuses_a_token_that_does_not_look_generated(fresh_db, bad):
    r = run_cli("init", "--db", fresh_db, "--workspace", "w", "--email", "a@b.c", "--token", bad)
    assert r.returncode == 2, (r.returncode, r.stdout)
    assert r.stdout == ""
    assert "--token must look like a generated token" in r.stderr
    # nothing was created: the same init without --token works
    assert provision(fresh_db, "w", "a@b.c").startswith("wk_")


def test_a_token_in_use_cannot_be_given_again(server):
    token = fixed_token()
    provision_args = ["--db", server.db, "--email", "ci@example.com", "--token", token]
    assert run_cli("init", "--workspace", unique("f1"), *provision_args).returncode == 0
    name = unique("f2")
    r = run_cli("init", "--workspace", name, *provision_args)
    assert r.returncode == 1 and r.stdout == ""
    assert "that token is already in use" in r.stderr
    assert not any(t["workspace"] == name for t in token_rows(server.db))


def test_token_is_for_init_only(server):
    r = run_cli("member", "add", "--db", server.db, "--workspace", "A", "--email", "x@a.test",
                "--token", fixed_token())
    assert r.returncode == 2 and "--token is for init only" in r.stderr

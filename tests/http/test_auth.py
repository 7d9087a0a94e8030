"""Bearer-token authentication (tm-notes 2.1): every Weeek route needs a valid workspace
token; without one the answer is 401 with exactly the body the live API sends."""
import re

import pytest
import requests

from weeekd_http import (API, HTTP_TIMEOUT, UNAUTH_BODY, Api, assert_json_content_type,
                         cli_ok, routes, token_rows, unique)


def assert_unauth(r):
    assert r.status_code == 401, r.text
    assert_json_content_type(r)
    assert r.json() == UNAUTH_BODY


def get_me(server, authorization):
    headers = {} if authorization is None else {"Authorization": authorization}
    return requests.get(server.base + API + "/user/me", headers=headers, timeout=HTTP_TIMEOUT)


def test_request_without_authorization_header_is_401_unauthenticated(server):
    assert_unauth(get_me(server, None))


@pytest.mark.parametrize("scheme", ["Basic", "Token", "Bearer:", "Bearerx"])
def test_wrong_auth_scheme_is_401_unauthenticated(server, scheme):
    assert_unauth(get_me(server, f"{scheme} {server.tokens['A']}"))


def test_bare_token_without_scheme_is_401_unauthenticated(server):
    assert_unauth(get_me(server, server.tokens["A"]))


@pytest.mark.parametrize("value", ["Bearer", "Bearer ", "Bearer    "])
def test_bearer_without_token_is_401_unauthenticated(server, value):
    assert_unauth(get_me(server, value))


def test_unknown_token_is_401_unauthenticated(server):
    assert_unauth(get_me(server, "Bearer wk_thisTokenWasNeverIssuedByThisServer0000000000"))


def test_token_with_one_character_changed_is_401_unauthenticated(server):
    t = server.tokens["A"]
    forged = t[:-1] + ("A" if t[-1] != "A" else "B")
    assert_unauth(get_me(server, f"Bearer {forged}"))


def test_overlong_token_is_401_unauthenticated(server):
    assert_unauth(get_me(server, "Bearer " + "x" * 4000))


def test_lowercase_bearer_scheme_is_accepted(server):
    r = get_me(server, f"bearer {server.tokens['A']}")
    assert r.status_code == 200, r.text
    assert r.json()["user"]["email"] == "owner@a.test"


def test_uppercase_bearer_scheme_is_accepted(server):
    r = get_me(server, f"BEARER {server.tokens['A']}")
    assert r.status_code == 200, r.text


def test_revoked_token_is_401_unauthenticated_while_others_still_work(server):
    label = unique("revoke-me")
    token = cli_ok("token", "create", "--db", server.db, "--workspace", "A", "--email",
                   "owner@a.test", "--label", label).strip()
    assert get_me(server, f"Bearer {token}").status_code == 200
    [row] = [r for r in token_rows(server.db) if r["label"] == label]
    assert row["state"] == "active"
    cli_ok("token", "revoke", "--db", server.db, row["id"])
    assert_unauth(get_me(server, f"Bearer {token}"))
    # the revocation is for that token only
    assert get_me(server, f"Bearer {server.tokens['A']}").status_code == 200


def test_every_weeek_route_needs_a_token(server):
    """Each non-extra route of `weeekd routes`, called without a token, is a 401."""
    anon = Api(server.base, None)
    failures = []
    for rt in routes():
        if "extra" in rt["flags"]:
            continue
        assert rt["path"].startswith(API), rt
        p = re.sub(r"\{[^}]*\}", "1", rt["path"][len(API):])
        r = anon.request(rt["method"], p, json={"title": "x"})
        if r.status_code != 401 or r.json() != UNAUTH_BODY:
            failures.append(f"{rt['method']} {p}: {r.status_code} {r.text}")
    anon.close()
    assert not failures, failures


def test_healthz_needs_no_token(server):
    r = requests.get(server.base + "/healthz", timeout=HTTP_TIMEOUT)
    assert r.status_code == 200
    assert_json_content_type(r)
    assert r.json() == {"success": True, "status": "ok"}


def test_healthz_ignores_an_invalid_token(server):
    r = requests.get(server.base + "/healthz", headers={"Authorization": "Bearer nope"},
                     timeout=HTTP_TIMEOUT)
    assert r.status_code == 200


def test_openapi_document_needs_no_token(server):
    r = requests.get(server.base + API + "/openapi.json", timeout=HTTP_TIMEOUT)
    assert r.status_code == 200
    assert_json_content_type(r)
    assert r.json()["openapi"].startswith("3.")


def test_401_body_is_the_same_for_every_kind_of_bad_credential(server):
    bodies = {get_me(server, h).text for h in
              (None, "Basic abc", "Bearer nope", "Bearer ", "nonsense")}
    assert len(bodies) == 1


@pytest.mark.parametrize("body", [b'{"title":', b"\xff\xfe", b"[1,2"])
def test_unauthenticated_request_with_a_malformed_body_is_401_not_400(server, body):
    # the token is checked before any input is decoded: no parsing work for strangers
    r = requests.post(server.base + API + "/ws/tags", data=body,
                      headers={"Content-Type": "application/json"}, timeout=HTTP_TIMEOUT)
    assert_unauth(r)


def test_unauthenticated_request_with_a_malformed_query_is_401(server):
    r = requests.get(server.base + API + "/ws/tags?a=%zz", timeout=HTTP_TIMEOUT)
    assert_unauth(r)

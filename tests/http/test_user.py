"""GET /user/me: the profile of the member the token belongs to (spec User schema)."""
import uuid

from weeekd_http import Api, assert_envelope, openapi_doc, provision, unique

USER_FIELDS = set(openapi_doc()["components"]["schemas"]["User"]["properties"])


def me(api):
    r = api.get("/user/me")
    return assert_envelope("GET", "/user/me", r)["user"]


def test_user_me_of_the_owner_has_every_spec_user_field(api):
    u = me(api)
    assert set(u) == USER_FIELDS
    assert str(uuid.UUID(u["id"])) == u["id"]
    assert u["email"] == "owner@a.test"
    assert u["logoLink"] is None
    assert u["middleName"] is None
    assert isinstance(u["language"], str) and u["language"]
    assert isinstance(u["timeZone"], str) and u["timeZone"]


def test_user_me_splits_init_name_into_first_and_last_name(api):
    u = me(api)
    assert (u["firstName"], u["lastName"]) == ("Ada", "Owner")


def test_user_me_of_a_member_added_without_a_name_has_null_names(api_member):
    u = me(api_member)
    assert u["email"] == "member@a.test"
    assert u["firstName"] is None and u["lastName"] is None


def test_user_me_differs_per_token_of_the_same_workspace(api, api_member):
    assert me(api)["id"] != me(api_member)["id"]


def test_user_me_is_stable_across_calls(api):
    assert me(api) == me(api)


def test_name_with_three_words_keeps_the_rest_as_last_name(server):
    token = provision(server.db, unique("names"), "ada@names.test", name="Ada King Lovelace")
    u = me(Api(server.base, token))
    assert (u["firstName"], u["lastName"]) == ("Ada", "King Lovelace")


def test_single_word_name_is_a_first_name_only(server):
    token = provision(server.db, unique("names"), "plato@names.test", name="Plato")
    u = me(Api(server.base, token))
    assert (u["firstName"], u["lastName"]) == ("Plato", None)


def test_unicode_name_and_email_are_kept_exactly(server):
    token = provision(server.db, unique("names"), "юзер@пример.test", name="Фёдор Достоевский")
    u = me(Api(server.base, token))
    assert u["email"] == "юзер@пример.test"
    assert (u["firstName"], u["lastName"]) == ("Фёдор", "Достоевский")


def test_user_me_ignores_query_parameters(api):
    r = api.get("/user/me?include=everything&limit=1")
    assert r.status_code == 200
    assert r.json()["user"]["email"] == "owner@a.test"

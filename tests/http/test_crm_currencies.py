"""GET /crm/currencies: the compiled-in catalogue, ids 1..10 stable, the same for every
workspace; funnels take currencyId from it (src/model/currency.c)."""
from weeekd_http import assert_422, assert_envelope

from crm_util import new_funnel

CATALOGUE = [(1, "RUB"), (2, "USD"), (3, "EUR"), (4, "KZT"), (5, "BYN"), (6, "UAH"),
             (7, "GBP"), (8, "CNY"), (9, "TRY"), (10, "UZS")]


def currencies(api):
    return assert_envelope("GET", "/crm/currencies", api.get("/crm/currencies"))["currencies"]


def test_currencies_are_the_fixed_catalogue_with_ids_1_to_10(api):
    cur = currencies(api)
    assert [(c["id"], c["code"]) for c in cur] == CATALOGUE
    for c in cur:
        assert set(c) == {"id", "name", "code", "symbol"}
        assert c["name"] and c["symbol"]


def test_currencies_are_the_same_for_every_workspace(api, api_b):
    assert currencies(api) == currencies(api_b)


def test_currencies_need_a_token(anon):
    assert anon.get("/crm/currencies").status_code == 401


def test_funnel_currency_defaults_to_id_1(api):
    assert new_funnel(api)["currencyId"] == 1


def test_funnel_takes_every_catalogue_currency(api):
    for cid, _ in CATALOGUE:
        assert new_funnel(api, currencyId=cid)["currencyId"] == cid


def test_funnel_currency_outside_the_catalogue_is_422(api):
    for bad in (0, 11, -1, 999):
        r = api.post("/crm/funnels", json={"name": "f", "currencyId": bad})
        assert_422(r, {"currencyId": ["The selected currency id is invalid."]})


def test_funnel_currency_must_be_an_integer(api):
    r = api.post("/crm/funnels", json={"name": "f", "currencyId": "usd"})
    assert_422(r, {"currencyId": ["The currency id must be an integer."]})

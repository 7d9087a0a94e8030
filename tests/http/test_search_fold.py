"""search= ignores case for every language, the same on both backends (README "Search",
docs/internals/lists.md "Search"): each searched row keeps its texts case-folded by
libunistring (Unicode full case folding, NFC) in a search_text column, the query is folded
the same way, and a literal substring of one folds to a substring of the other. Covered
for every list with a search: tasks, deals, contacts, organizations, portfolios; and for
rows written before the column existed, which the store folds when it opens."""
import pytest

from crm_util import first_status, new_deal, new_funnel
from weeekd_http import Api, Server, provision, store_sql

# (stored text, searches that find it, searches that do not)
CASES = [
    ("Иван Петров", ["иван", "ИВАН", "иВаН пЕТ"], ["ивана"]),
    ("Починить сервер", ["починить", "ПОЧИНИТЬ СЕРВЕР", "нить сер"], ["починка"]),
    ("Ёлка", ["ёлка", "ЁЛ"], ["елка"]),  # Ё folds to ё, never to е
    ("Straße", ["strasse", "STRASSE", "straße", "STRAẞE"], ["strase"]),  # ß, ẞ fold to ss
    ("ΣΊΣΥΦΟΣ", ["σίσυφος", "σίσυφοσ", "ΣΊΣΥΦΟΣ"], ["σισυφος"]),  # final ς folds to σ
    ("Alpha Corp", ["alpha", "ALPHA CORP", "a c"], ["alphacorp"]),
    ("100% off_sale", ["%", "0% o", "_", "f_s"], ["100x", "fxs"]),  # % and _ are literal
]
HAYSTACK = [text for text, _, _ in CASES]


def finds(search):
    """The stored texts search should find: Python's str.casefold() is the same Unicode full
    case folding, so it is the oracle."""
    return sorted(t for t in HAYSTACK if search.casefold() in t.casefold())


def all_searches():
    return sorted({s for _, hits, misses in CASES for s in hits + misses})


def test_the_oracle_agrees_with_the_cases():
    for text, hits, misses in CASES:
        for s in hits:
            assert text in finds(s), s
        for s in misses:
            assert text not in finds(s), s


# Each list: fill(api) puts HAYSTACK in and answers a context; texts(api, ctx, search)
# answers the texts the search finds.


def fill_tasks(api):
    for t in HAYSTACK:
        assert api.post("/tm/tasks", json={"title": t}).status_code == 200


def tasks(api, _, s):
    return [t["title"] for t in api.get("/tm/tasks", params={"search": s}).json()["tasks"]]


def fill_deals(api):
    sid = first_status(api, new_funnel(api)["id"])
    for t in HAYSTACK:
        new_deal(api, sid, title=t)
    return sid


def deals(api, sid, s):
    r = api.get(f"/crm/statuses/{sid}/deals", params={"search": s})
    return [d["title"] for d in r.json()["deals"]]


def fill_contacts(api):
    for t in HAYSTACK:
        assert api.post("/crm/contacts", json={"firstName": t}).status_code == 200


def contacts(api, _, s):
    r = api.get("/crm/contacts", params={"search": s})
    return [c["firstName"] for c in r.json()["contacts"]]


def fill_organizations(api):
    for t in HAYSTACK:
        assert api.post("/crm/organizations", json={"name": t}).status_code == 200


def organizations(api, _, s):
    r = api.get("/crm/organizations", params={"search": s})
    return [o["name"] for o in r.json()["organizations"]]


def fill_portfolios(api):
    for t in HAYSTACK:
        assert api.post("/tm/portfolios", json={"name": t}).status_code == 200


def portfolios(api, _, s):
    return [p["name"] for p in api.get("/tm/portfolios", params={"search": s}).json()["data"]]


LISTS = [(fill_tasks, tasks), (fill_deals, deals), (fill_contacts, contacts),
         (fill_organizations, organizations), (fill_portfolios, portfolios)]


def check_every_search(api, texts, ctx):
    for s in all_searches():
        assert sorted(texts(api, ctx, s)) == finds(s), s


@pytest.mark.parametrize("fill,texts", LISTS, ids=lambda f: getattr(f, "__name__", ""))
def test_search_ignores_case_in_every_language(fresh_ws, fill, texts):
    check_every_search(fresh_ws, texts, fill(fresh_ws))


def test_task_search_follows_title_edits_and_finds_descriptions(fresh_ws):
    r = fresh_ws.post("/tm/tasks", json={"title": "old", "description": "ОПИСАНИЕ"})
    tid = r.json()["task"]["id"]
    assert fresh_ws.put(f"/tm/tasks/{tid}", json={"title": "Новый Заголовок"}).status_code == 200

    def ids(s):
        return [t["id"] for t in fresh_ws.get("/tm/tasks", params={"search": s}).json()["tasks"]]
    assert ids("новый заголовок") == [tid]
    assert ids("описание") == [tid]
    assert ids("old") == []


def test_deal_search_follows_edits_of_title_and_description(fresh_ws):
    sid = first_status(fresh_ws, new_funnel(fresh_ws)["id"])
    did = new_deal(fresh_ws, sid, title="old")["id"]
    r = fresh_ws.put(f"/crm/deals/{did}", json={"title": "Сделка", "description": "ДОГОВОР"})
    assert r.status_code == 200, r.text

    def ids(s):
        r = fresh_ws.get(f"/crm/statuses/{sid}/deals", params={"search": s})
        return [d["id"] for d in r.json()["deals"]]
    assert ids("сделка") == [did] and ids("договор") == [did] and ids("old") == []


def test_contact_search_follows_names_and_emails(fresh_ws):
    r = fresh_ws.post("/crm/contacts", json={"firstName": "Пётр", "lastName": "Ильич"})
    cid = r.json()["contact"]["id"]

    def ids(s):
        return [c["id"] for c in
                fresh_ws.get("/crm/contacts", params={"search": s}).json()["contacts"]]
    assert ids("пётр ильич") == [cid] and ids("ИЛЬИЧ ПЁТР") == [cid]
    r = fresh_ws.post(f"/crm/contacts/{cid}/emails", json={"email": "PYOTR@Example.test"})
    assert r.status_code == 200, r.text
    assert ids("pyotr@example") == [cid]
    eid = r.json()["email"]["id"]
    assert fresh_ws.delete(f"/crm/contacts/{cid}/emails/{eid}").status_code == 200
    assert ids("pyotr@example") == []
    r = fresh_ws.put(f"/crm/contacts/{cid}", json={"firstName": "Фёдор", "emails": ["F@X.TEST"]})
    assert r.status_code == 200, r.text
    assert ids("фёдор") == [cid] and ids("f@x.test") == [cid] and ids("пётр") == []


def test_organization_and_portfolio_search_follow_renames(fresh_ws):
    oid = fresh_ws.post("/crm/organizations", json={"name": "old"}).json()["organization"]["id"]
    assert fresh_ws.put(f"/crm/organizations/{oid}", json={"name": "РОМАШКА"}).status_code == 200
    r = fresh_ws.get("/crm/organizations", params={"search": "ромашка"})
    assert [o["id"] for o in r.json()["organizations"]] == [oid]
    p = fresh_ws.post("/tm/portfolios", json={"name": "old"}).json()["data"]
    r = fresh_ws.put(f"/tm/portfolios/{p['id']}", json={"name": "ПОРТФЕЛЬ", "isPrivate": False})
    assert r.status_code == 200, r.text
    r = fresh_ws.get("/tm/portfolios", params={"search": "портфель"})
    assert [x["id"] for x in r.json()["data"]] == [p["id"]]


SEARCHED_TABLES = ["tasks", "deals", "contacts", "organizations", "portfolios"]


def count(db, statement):
    return int(store_sql(db, statement)[0][0])


def test_rows_written_before_migration_0011_are_folded_when_the_store_opens(fresh_db, tmp_path):
    token = provision(fresh_db, "Old", "owner@old.test")
    srv = Server(fresh_db, tmp_path / "first.log").wait_ready()
    try:
        ctxs = [fill(Api(srv.base, token)) for fill, _ in LISTS]
    finally:
        assert srv.stop() == 0
    # roll migration 0011 back: the store now looks as an older weeekd left it
    for table in SEARCHED_TABLES:
        store_sql(fresh_db, f"DROP INDEX {table}_search_unfolded")
        store_sql(fresh_db, f"ALTER TABLE {table} DROP COLUMN search_text")
    store_sql(fresh_db, "DELETE FROM schema_version WHERE version = 11")

    srv = Server(fresh_db, tmp_path / "second.log").wait_ready()
    try:
        assert count(fresh_db, "SELECT count(*) FROM schema_version WHERE version = 11") == 1
        for table in SEARCHED_TABLES:
            assert count(fresh_db, f"SELECT count(*) FROM {table}") >= len(HAYSTACK), table
            assert count(fresh_db,
                         f"SELECT count(*) FROM {table} WHERE search_text IS NULL") == 0, table
        api = Api(srv.base, token)
        for (_, texts), ctx in zip(LISTS, ctxs):
            check_every_search(api, texts, ctx)
    finally:
        assert srv.stop() == 0


def test_rows_left_unfolded_are_folded_when_the_store_opens_again(fresh_db, tmp_path):
    token = provision(fresh_db, "Old", "owner@old.test")
    srv = Server(fresh_db, tmp_path / "first.log").wait_ready()
    try:
        api = Api(srv.base, token)
        fill_tasks(api)
        for table in SEARCHED_TABLES:
            store_sql(fresh_db, f"UPDATE {table} SET search_text = NULL")
        assert tasks(api, None, "иван") == []  # unfolded rows are not found...
    finally:
        assert srv.stop() == 0
    srv = Server(fresh_db, tmp_path / "second.log").wait_ready()
    try:
        assert tasks(Api(srv.base, token), None, "иван") == ["Иван Петров"]  # ...until then
    finally:
        assert srv.stop() == 0

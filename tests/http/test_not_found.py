"""Not found, per the evidence (issue 13 item 3; tm-notes §2.4, crm-notes §9): a GET (and
HEAD) of a missing task is HTTP 400 code 1000001, the one case verified live; every other
missing or foreign object is 404 {"message":"Record not found"}. Generated over every GET
route of the route table that names an object, so a new route cannot drift."""
import pytest

from weeekd_http import MODEL_NOT_FOUND, RECORD_NOT_FOUND, routes

from iso_world import V, World, concrete, ghost_ids

TASK_GET = "/public/v1/tm/tasks/{id}"
BY_ID = sorted(r["path"] for r in routes()
               if r["method"] == "GET" and "{" in r["path"] and r["path"].startswith(V))


@pytest.fixture(scope="module")
def worlds(server):
    a, b = World(server, "nfa"), World(server, "nfb")
    yield a, b
    a.close()
    b.close()


def test_the_generated_routes_include_the_task_and_others():
    assert TASK_GET in BY_ID and len(BY_ID) >= 10, BY_ID


@pytest.mark.parametrize("path", BY_ID)
@pytest.mark.parametrize("whose", ["missing", "foreign"])
def test_get_of_a_missing_or_foreign_object(worlds, path, whose):
    a, b = worlds
    ids = ghost_ids(a.ids) if whose == "missing" else b.ids
    url = concrete(path, ids)
    for method in ("GET", "HEAD"):
        r = a.api.request(method, url)
        if path == TASK_GET:
            assert r.status_code == 400, (method, url, r.text)
            if method == "GET":
                assert r.json() == MODEL_NOT_FOUND
        else:
            assert r.status_code == 404, (method, url, r.status_code, r.text)
            if method == "GET":
                assert r.json() == RECORD_NOT_FOUND, (url, r.text)

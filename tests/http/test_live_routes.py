"""What already matches the live API and must stay so (issue 19 item 4, tm-notes §7,
crm-notes): one trailing slash is ignored, unknown query parameters are ignored, GET
/crm/statuses and GET /crm/deals are not Weeek routes (the JSON 404 "route could not be
found"), and POST /crm/deals/{id}/status is a 405 with `Allow: PUT`."""
import pytest

from crm_util import first_status, new_deal, new_funnel
from weeekd_http import new_board, new_project


def same_answer(api, a, b, **kw):
    ra, rb = api.get(a, **kw), api.get(b, **kw)
    assert ra.status_code == rb.status_code == 200, (a, ra.text, rb.text)
    assert ra.json() == rb.json(), (a, b)
    return ra.json()


def test_trailing_slash_is_the_same_route(fresh_ws):
    api = fresh_ws
    pid = new_project(api)
    bid = new_board(api, pid)
    fid = new_funnel(api, "slash")["id"]
    r = api.post("/tm/tasks/", json={"title": "made with a slash"})
    assert r.status_code == 200, r.text
    tid = r.json()["task"]["id"]
    body = same_answer(api, "/tm/tasks/", "/tm/tasks")
    assert [t["id"] for t in body["tasks"]] == [tid]
    same_answer(api, "/tm/boards/", "/tm/boards", params={"projectId": pid})
    same_answer(api, "/tm/board-columns/", "/tm/board-columns", params={"boardId": bid})
    body = same_answer(api, "/crm/funnels/", "/crm/funnels")
    assert fid in [f["id"] for f in body["funnels"]]
    same_answer(api, f"/tm/tasks/{tid}/", f"/tm/tasks/{tid}")
    same_answer(api, f"/tm/tasks/{tid}/comments/", f"/tm/tasks/{tid}/comments")
    assert api.put(f"/tm/tasks/{tid}/", json={"title": "renamed"}).status_code == 200
    assert api.get(f"/tm/tasks/{tid}").json()["task"]["title"] == "renamed"


def test_two_trailing_slashes_are_not_a_route(api):
    r = api.get("/tm/tasks//")
    assert r.status_code == 404, r.text
    assert r.json()["success"] is False and "could not be found" in r.json()["message"]


@pytest.mark.parametrize("params", [{"taskId": 5}, {"page": 2}, {"assigneeId": "x"},
                                    {"isCompleted": "true"}, {"limit": 1}, {"zzz[]": "1"}])
def test_unknown_query_parameters_are_ignored(fresh_ws, params):
    for title in ("one", "two"):
        assert fresh_ws.post("/tm/tasks", json={"title": title}).status_code == 200
    body = same_answer(fresh_ws, "/tm/tasks", "/tm/tasks", params=params)
    assert len(body["tasks"]) == 2
    plain = fresh_ws.get("/tm/tasks").json()
    assert body == plain


@pytest.mark.parametrize("path", ["/crm/statuses", "/crm/deals", "/crm/statuses/",
                                  "/crm/deals/"])
def test_crm_collections_that_are_not_weeek_routes_are_json_404(api, path):
    r = api.get(path)
    assert r.status_code == 404, r.text
    assert r.headers["Content-Type"] == "application/json"
    assert r.json() == {"success": False,
                        "message": f"The route public/v1{path} could not be found."}
    assert "Allow" not in r.headers


def test_post_on_a_deals_status_is_405_allow_put(api):
    sid = first_status(api, new_funnel(api, "405")["id"])
    did = new_deal(api, sid)["id"]
    r = api.post(f"/crm/deals/{did}/status", json={"statusId": sid})
    assert r.status_code == 405, r.text
    assert r.headers["Allow"] == "PUT"
    assert r.json()["success"] is False
    assert api.put(f"/crm/deals/{did}/status", json={"statusId": sid}).status_code == 200

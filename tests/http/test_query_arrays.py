"""Query arrays as the live API reads them (issue 19 item 3, tm-notes §2.6, §7): PHP reads
`tags=51` and `tags=1&tags=2` (what requests and httpx send for a list) as one string, so
every array query parameter answers them with 422 "The <attr> must be an array.";
`name[]=` and `name[N]=` stay arrays, and a bracketed item after a plain one wins (PHP
replaces the string with a new array). The array parameters are read from the OpenAPI
document, so a new one cannot be left out (src/api/pipeline/input.c input_array_value)."""
import re

import pytest

from crm_util import first_status, new_funnel
from weeekd_http import _resolve, me, openapi_doc


def array_params():
    """(path, name without []) of every GET query parameter the spec declares an array."""
    doc = openapi_doc()
    out = []
    for path, item in doc["paths"].items():
        for p in item.get("get", {}).get("parameters", []):
            p = _resolve(doc, p)
            if p.get("in") == "query" and p.get("schema", {}).get("type") == "array":
                out.append((path, p["name"].removesuffix("[]")))
    return out


PARAMS = array_params()


def attr(name):
    return re.sub(r"([A-Z])", lambda m: " " + m.group(1).lower(), name)


@pytest.fixture
def where(api):
    """Concrete paths for the placeholders of the list routes."""
    sid = first_status(api, new_funnel(api, "arrays")["id"])
    return lambda path: path.replace("{statusId}", str(sid))


def test_the_spec_has_the_array_parameters_we_expect():
    names = {(p, n) for p, n in PARAMS}
    assert ("/tm/tasks", "tags") in names
    assert ("/crm/statuses/{statusId}/deals", "assigneeIds") in names
    assert ("/crm/contacts", "organizationIds") in names
    assert len(PARAMS) >= 12


@pytest.mark.parametrize("path,name", PARAMS, ids=[f"{p} {n}" for p, n in PARAMS])
@pytest.mark.parametrize("query", ["{n}=51", "{n}=1&{n}=2", "{n}[]=1&{n}=2", "{n}=%20x%20"],
                         ids=["plain", "repeated", "plain-after-bracketed", "text"])
def test_plain_form_is_not_an_array(api, where, path, name, query):
    r = api.get(where(path) + "?" + query.format(n=name))
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["success"] is False
    assert body["errors"][name] == [f"The {attr(name)} must be an array."], body


@pytest.mark.parametrize("path,name", PARAMS, ids=[f"{p} {n}" for p, n in PARAMS])
@pytest.mark.parametrize("query", ["{n}[]=1", "{n}[0]=1", "{n}=x&{n}[]=1", "{n}="],
                         ids=["brackets", "indexed", "bracketed-after-plain", "blank"])
def test_bracketed_and_blank_forms_are_read_as_arrays(api, where, path, name, query):
    r = api.get(where(path) + "?" + query.format(n=name))
    # the item itself may be refused (1 names nothing here), never the array
    assert r.status_code in (200, 422), r.text
    if r.status_code == 422:
        assert name not in r.json()["errors"], r.text
        assert "must be an array" not in r.text, r.text


def test_task_list_tags_in_every_accepted_spelling(api):
    tag = api.create_tag("arrays")["id"]
    r = api.post("/tm/tasks", json={"title": "tagged", "tags": [tag]})
    assert r.status_code == 200, r.text
    tid = r.json()["task"]["id"]
    for q in (f"tags[]={tag}", f"tags[0]={tag}", f"tags=51&tags[]={tag}",
              f"tags[]={tag}&tags[]={tag}"):
        r = api.get(f"/tm/tasks?{q}")
        assert r.status_code == 200, (q, r.text)
        assert [t["id"] for t in r.json()["tasks"]] == [tid], q
    for q in (f"tags={tag}", f"tags={tag}&tags={tag}", f"tags[]={tag}&tags={tag}"):
        r = api.get(f"/tm/tasks?{q}")
        assert r.status_code == 422, (q, r.text)
        assert r.json()["errors"] == {"tags": ["The tags must be an array."]}


def test_requests_style_list_gets_the_422(api):
    # what python-requests does with params={"tags": [1, 2]}
    r = api.get("/tm/tasks", params={"tags": [1, 2]})
    assert r.status_code == 422
    assert r.json()["message"] == "The tags must be an array."


def test_deal_custom_fields_plain_form_is_not_an_array(api, where):
    path = where("/crm/statuses/{statusId}/deals")
    r = api.get(f"{path}?customFields=5")
    assert r.status_code == 422, r.text
    assert r.json()["errors"] == {"customFields": ["The custom fields must be an array."]}
    assert api.get(f"{path}?customFields=").status_code == 200


def test_deal_assignee_arrays_still_filter(api, where):
    path = where("/crm/statuses/{statusId}/deals")
    for q in (f"assigneeIds[]={me(api)}", f"executorIds[0]={me(api)}"):
        assert api.get(f"{path}?{q}").status_code == 200, q

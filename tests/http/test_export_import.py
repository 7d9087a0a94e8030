"""`weeekd export` and `weeekd import` (docs/export-format.md): the document validates against
its JSON Schema and holds every object the API lists; import round-trips it."""
import jsonschema
import pytest

from weeekd_http import Api, Server, Store, provision
from port_kit import SCHEMA, attachments_of, export, fill, ok, run


@pytest.fixture(scope="module")
def source(backend, tmp_path_factory):
    """A server of its own with workspace "Src" (owner + one member) filled by fill()."""
    d = tmp_path_factory.mktemp(f"port-src-{backend}")
    store = Store(backend, d)
    token = provision(store.url, "Src", "owner@src.test", name="Sam Source")
    provision(store.url, "Src", "member@src.test", name="Mo Member", member=True)
    srv = Server(store.url, d / "server.log").wait_ready()
    api = Api(srv.base, token)
    made = fill(api)
    try:
        yield {"store": store, "srv": srv, "api": api, "made": made, "dir": d}
    finally:
        srv.stop()
        store.drop()


def test_export_document_validates_against_its_schema(source):
    doc = export(source["store"].url, "Src", source["dir"] / "v.json")
    jsonschema.validate(doc, SCHEMA)
    assert doc["format"] == "weeekd-export" and doc["version"] == 1
    assert doc["workspace"]["title"] == "Src"


def test_export_holds_every_object_the_api_lists(source):
    api = source["api"]
    doc = export(source["store"].url, "Src", source["dir"] / "all.json")
    assert [m["email"] for m in doc["members"]] == [m["email"] for m in
                                                   ok(api.get("/ws/members"), "members")]
    assert doc["tags"] == ok(api.get("/ws/tags"), "tags")
    assert doc["customFields"] == ok(api.get("/tm/custom-fields"), "data")
    assert doc["projects"] == ok(api.get("/tm/projects"), "projects")
    assert len(doc["portfolios"]) == 2
    assert sorted(t["id"] for t in doc["tasks"]) == sorted(source["made"]["tasks"])
    assert {t["id"]: t["isDeleted"] for t in doc["tasks"]}[source["made"]["tasks"][4]] is True
    one = ok(api.get(f"/tm/tasks/{source['made']['tasks'][7]}"), "task")
    assert [t for t in doc["tasks"] if t["id"] == one["id"]] == [one]
    assert sorted(d["id"] for d in doc["deals"]) == sorted(source["made"]["deals"])
    assert len(doc["statuses"]) == len(ok(api.get(f"/crm/funnels/{source['made']['funnel']}/statuses"),
                                           "statuses"))
    assert len(doc["contacts"]) == 1 and len(doc["organizations"]) == 1


def test_export_keeps_each_column_order(source):
    api = source["api"]
    doc = export(source["store"].url, "Src", source["dir"] / "order.json")
    for entry in doc["columnOrders"]:
        listed = ok(api.get("/tm/tasks", params={"boardColumnId": entry["boardColumnId"],
                                                 "all": 1, "perPage": 100}), "tasks")
        assert entry["taskIds"] == [t["id"] for t in listed]
    assert any(len(e["taskIds"]) > 1 for e in doc["columnOrders"])


def test_export_carries_attachment_bytes_in_base64(source):
    doc = export(source["store"].url, "Src", source["dir"] / "files.json")
    assert dict(attachments_of(doc)) == source["made"]["files"]


def test_export_of_an_unknown_workspace_fails_and_leaves_no_file(source):
    out = source["dir"] / "none.json"
    r = run("export", "--db", source["store"].url, "--workspace", "Nope", "--output", str(out))
    assert r.returncode == 1 and "no workspace named 'Nope'" in r.stderr
    assert not out.exists() and not (source["dir"] / "none.json.part").exists()


def test_export_revokes_the_token_it_used(source):
    from weeekd_http import token_rows
    export(source["store"].url, "Src", source["dir"] / "tok.json")
    mine = [t for t in token_rows(source["store"].url) if t["label"].startswith("export ")]
    assert mine and all(t["state"] == "revoked" for t in mine)

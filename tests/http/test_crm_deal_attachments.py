"""POST /crm/deals/{deal_id}/attachments: the task upload's rules with a deal as the owner
(src/api/crm/crm_deal_files.c): the answer, the deal's `attachments` array, the bytes read
back, the CRM's 404 for a missing deal, workspace isolation, and files going with a
deleted deal."""
import hashlib
import time

from crm_util import first_status, new_deal, new_funnel
from weeekd_http import RECORD_NOT_FOUND, validate_success

UPLOAD = "/crm/deals/{}/attachments"


def deal_of(api):
    return new_deal(api, first_status(api, new_funnel(api)["id"]), title="with files")["id"]


def upload(api, deal_id, *files):
    return api.post(UPLOAD.format(deal_id), files=[("files[]", f) for f in files])


def test_deal_upload_answers_the_attachment_and_the_deal_lists_it(api):
    did = deal_of(api)
    r = upload(api, did, ("a.txt", b"alpha"), ("b.bin", b"\x00\x01beta"))
    assert r.status_code == 200, r.text
    body = r.json()
    validate_success("POST", UPLOAD.format("{deal_id}"), body)
    assert body["data"]["name"] == "a.txt" and body["data"]["size"] == 5
    assert [a["name"] for a in body["attachments"]] == ["a.txt", "b.bin"]
    deal = api.get(f"/crm/deals/{did}").json()["deal"]
    assert [a["id"] for a in deal["attachments"]] == [a["id"] for a in body["attachments"]]
    got = api.session.get(body["attachments"][1]["url"], headers=api.headers(), timeout=30)
    assert got.status_code == 200
    assert hashlib.sha256(got.content).hexdigest() == hashlib.sha256(b"\x00\x01beta").hexdigest()


def test_an_upload_touches_the_deals_updated_at(api):
    did = deal_of(api)
    before = api.get(f"/crm/deals/{did}").json()["deal"]["updatedAt"]
    time.sleep(1.1)  # updatedAt has one-second resolution
    assert upload(api, did, ("a.txt", b"alpha")).status_code == 200
    assert api.get(f"/crm/deals/{did}").json()["deal"]["updatedAt"] > before


def test_deal_upload_without_a_file_is_422(api):
    r = api.post(UPLOAD.format(deal_of(api)), data={"x": "1"})
    assert r.status_code == 422, r.text
    assert r.json()["errors"] == {"files": ["The files field is required."]}


def test_upload_to_a_missing_deal_is_404_record_not_found(api):
    for did in ("AAAAAAAAAAAAAAAA", "not-a-slug"):
        r = upload(api, did, ("a.txt", b"x"))
        assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND, r.text


def test_another_workspace_cannot_upload_to_or_read_a_deals_files(api, api_b):
    did = deal_of(api)
    att = upload(api, did, ("a.txt", b"secret")).json()["data"]
    r = upload(api_b, did, ("b.txt", b"x"))
    assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND
    assert api_b.get(f"/ws/attachments/{att['id']}").status_code == 404
    assert [a["name"] for a in api.get(f"/crm/deals/{did}").json()["deal"]["attachments"]] == [
        "a.txt"]


def test_a_deleted_deal_takes_its_files_with_it(api):
    did = deal_of(api)
    att = upload(api, did, ("a.txt", b"gone")).json()["data"]
    assert api.delete(f"/crm/deals/{did}").status_code == 200
    r = api.get(f"/ws/attachments/{att['id']}")
    assert r.status_code == 404, r.text

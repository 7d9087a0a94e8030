"""Attachments: multipart upload to a task (POST /tm/tasks/{task_id}/attachments, parts
named files[]), metadata (GET /ws/attachments/{file_id} and the older
/attachments/{attachment_id}), the bytes from weeekd's own `url`
(GET /ws/attachments/{file_id}/content), the task's `attachments` array, the upload cap
(--max-upload, 413 while receiving, nothing stored), malformed bodies, not-found shapes and
workspace isolation (src/api/ws/attachments.c, src/http/multipart.c)."""
import hashlib
import json
import os
import time
import uuid

import pytest

from weeekd_http import (API, RECORD_NOT_FOUND, assert_404, UNAUTH_BODY, Api, Server,
                         raw_request, validate_success)

UPLOAD = "/tm/tasks/{}/attachments"
DEFAULT_MAX_UPLOAD = 25 << 20
SMALL_CAP = 64 * 1024  # --max-upload of the second server below
REQUIRED = {"success": False, "message": "The files field is required.",
            "errors": {"files": ["The files field is required."]}}


def new_task(api, title="with files"):
    r = api.post("/tm/tasks", json={"title": title})
    assert r.status_code == 200, r.text
    return r.json()["task"]["id"]


def upload(api, task_id, *files, **kw):
    """files: (name, bytes[, content type]) tuples, each sent as a files[] part."""
    parts = [("files[]", f if len(f) == 3 else (f[0], f[1])) for f in files]
    return api.post(UPLOAD.format(task_id), files=parts, **kw)


def uploaded(api, task_id, *files):
    r = upload(api, task_id, *files)
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"success", "data", "attachments"}
    assert body["success"] is True
    validate_success("POST", UPLOAD.format("{task_id}"), body)
    return body


def content(api, att, method="GET"):
    """The bytes behind an Attachment's url (same token; any weeekd process of the store)."""
    assert f"{API}/ws/attachments/{att['id']}/content" in att["url"], att["url"]
    return api.session.request(method, att["url"], headers=api.headers(), timeout=30)


def sha(b):
    return hashlib.sha256(b).hexdigest()


def task_attachments(api, task_id):
    r = api.get(f"/tm/tasks/{task_id}")
    assert r.status_code == 200, r.text
    return r.json()["task"]["attachments"]


# ---- upload and read back ----------------------------------------------------------------

def test_upload_one_small_file_answers_the_attachment_under_data(api, server):
    tid = new_task(api)
    body = uploaded(api, tid, ("notes.txt", b"hello, weeek", "text/plain"))
    att = body["data"]
    assert body["attachments"] == [att]
    assert set(att) == {"id", "creatorId", "service", "name", "url", "size", "createdAt"}
    assert uuid.UUID(att["id"]).version == 4
    assert att["service"] == "weeek"
    assert att["name"] == "notes.txt"
    assert att["size"] == 12
    assert att["url"] == f"{api.base}{API}/ws/attachments/{att['id']}/content"
    assert att["createdAt"].endswith("Z") and len(att["createdAt"]) == 20
    me = api.get("/user/me").json()["user"]["id"]
    assert att["creatorId"] == me


def test_bytes_come_back_identical_with_type_length_and_name(api):
    tid = new_task(api)
    data = os.urandom(5000)
    att = uploaded(api, tid, ("blob.bin", data, "image/png"))["data"]
    r = content(api, att)
    assert r.status_code == 200
    assert sha(r.content) == sha(data)
    assert r.headers["Content-Type"] == "image/png"
    assert r.headers["Content-Length"] == "5000"
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Content-Disposition"] == (
        "attachment; filename=\"blob.bin\"; filename*=UTF-8''blob.bin")


def test_head_of_the_content_answers_its_length_without_a_body(api):
    tid = new_task(api)
    att = uploaded(api, tid, ("h.txt", b"12345"))["data"]
    r = content(api, att, method="HEAD")
    assert r.status_code == 200
    assert r.headers["Content-Length"] == "5"
    assert r.content == b""


def test_an_empty_file_is_stored_with_size_0(api):
    tid = new_task(api)
    att = uploaded(api, tid, ("empty.txt", b""))["data"]
    assert att["size"] == 0
    r = content(api, att)
    assert r.status_code == 200
    assert r.content == b""
    assert r.headers["Content-Length"] == "0"


def test_several_files_answer_the_first_as_data_and_all_under_attachments(api):
    tid = new_task(api)
    files = [("a.txt", b"first"), ("b.txt", b"second!"), ("c.bin", os.urandom(300))]
    body = uploaded(api, tid, *files)
    assert body["data"] == body["attachments"][0]
    assert [a["name"] for a in body["attachments"]] == ["a.txt", "b.txt", "c.bin"]
    assert [a["size"] for a in body["attachments"]] == [5, 7, 300]
    assert len({a["id"] for a in body["attachments"]}) == 3
    for (name, data), att in zip(files, body["attachments"]):
        assert sha(content(api, att).content) == sha(data), name


def test_large_but_allowed_file_comes_back_identical(api):
    tid = new_task(api)
    data = os.urandom(3 * 1024 * 1024 + 17)
    att = uploaded(api, tid, ("big.bin", data))["data"]
    assert att["size"] == len(data)
    r = content(api, att)
    assert r.status_code == 200
    assert len(r.content) == len(data)
    assert sha(r.content) == sha(data)


def test_a_chunked_upload_is_accepted(api):
    tid = new_task(api)
    boundary = "chunkyBoundary"
    payload = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files[]\"; "
               f"filename=\"c.txt\"\r\n\r\nchunked bytes\r\n--{boundary}--\r\n").encode()
    r = api.post(UPLOAD.format(tid), data=iter([payload[:10], payload[10:]]),
                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert r.status_code == 200, r.text
    assert content(api, r.json()["data"]).content == b"chunked bytes"


def test_content_type_defaults_to_octet_stream(api):
    tid = new_task(api)
    boundary = "b0undary"
    payload = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files[]\"; "
               f"filename=\"x\"\r\n\r\nxyz\r\n--{boundary}--\r\n").encode()
    r = api.post(UPLOAD.format(tid), data=payload,
                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert r.status_code == 200, r.text
    assert content(api, r.json()["data"]).headers["Content-Type"] == "application/octet-stream"


def test_unicode_names_are_kept_and_path_components_stripped(api):
    tid = new_task(api)
    body = uploaded(api, tid, ("отчёт 2026.pdf", b"%PDF"), ("../../etc/passwd", b"x"),
                    ("C:\\Users\\me\\a.txt", b"y"), ("dir/", b"z"))
    assert [a["name"] for a in body["attachments"]] == ["отчёт 2026.pdf", "passwd", "a.txt",
                                                       "file"]
    r = content(api, body["data"])
    assert r.headers["Content-Disposition"] == (
        "attachment; filename=\"_____ 2026.pdf\"; filename*=UTF-8''"
        "%D0%BE%D1%82%D1%87%D1%91%D1%82%202026.pdf")


def test_files_and_indexed_field_names_count_as_files_and_other_fields_are_ignored(api):
    tid = new_task(api)
    r = api.post(UPLOAD.format(tid), data={"note": "ignored"},
                 files=[("files", ("one.txt", b"1")), ("files[7]", ("two.txt", b"2")),
                        ("other", ("skip.txt", b"3"))])
    assert r.status_code == 200, r.text
    assert [a["name"] for a in r.json()["attachments"]] == ["one.txt", "two.txt"]


def test_metadata_routes_answer_the_attachment_under_data(api):
    tid = new_task(api)
    att = uploaded(api, tid, ("m.txt", b"meta"))["data"]
    for path, spec_path in ((f"/ws/attachments/{att['id']}", "/ws/attachments/{file_id}"),
                            (f"/attachments/{att['id']}", "/attachments/{attachment_id}")):
        r = api.get(path)
        assert r.status_code == 200, r.text
        assert r.json() == {"success": True, "data": att}
        validate_success("GET", spec_path, r.json())
    assert api.get(f"/ws/attachments/{att['id'].upper()}").json()["data"] == att


def test_an_upload_touches_the_tasks_updated_at(api):
    tid = new_task(api)
    before = api.get(f"/tm/tasks/{tid}").json()["task"]["updatedAt"]
    time.sleep(1.1)  # updatedAt has one-second resolution
    uploaded(api, tid, ("a.txt", b"alpha"))
    assert api.get(f"/tm/tasks/{tid}").json()["task"]["updatedAt"] > before


def test_the_task_lists_its_attachments_in_upload_order(api):
    tid = new_task(api)
    assert task_attachments(api, tid) == []
    first = uploaded(api, tid, ("1.txt", b"1"), ("2.txt", b"22"))["attachments"]
    second = uploaded(api, tid, ("3.txt", b"333"))["attachments"]
    assert task_attachments(api, tid) == first + second


def test_a_soft_deleted_task_keeps_its_attachments(api):
    tid = new_task(api)
    att = uploaded(api, tid, ("keep.txt", b"kept"))["data"]
    r = api.delete(f"/tm/tasks/{tid}")
    assert r.status_code == 200, r.text
    assert api.get(f"/ws/attachments/{att['id']}").json()["data"] == att
    assert content(api, att).content == b"kept"
    assert task_attachments(api, tid) == [att]
    assert upload(api, tid, ("late.txt", b"no")).json() == RECORD_NOT_FOUND


def test_upload_url_follows_the_host_header_and_forwarded_proto(api):
    tid = new_task(api)
    r = upload(api, tid, ("h.txt", b"h"),
               headers={"Host": "files.example.test:8443", "X-Forwarded-Proto": "https"})
    assert r.status_code == 200, r.text
    assert r.json()["data"]["url"].startswith(
        f"https://files.example.test:8443{API}/ws/attachments/")


def test_a_host_header_that_is_not_a_host_falls_back_to_the_listen_address(server, api):
    tid = new_task(api)
    boundary = "hb"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files[]\"; "
            f"filename=\"h.txt\"\r\n\r\nh\r\n--{boundary}--\r\n").encode()
    head = (f"POST {API}{UPLOAD.format(tid)} HTTP/1.1\r\nHost: evil.test/x?y\r\n"
            f"Authorization: Bearer {server.tokens['A']}\r\n"
            f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
    status, _, resp = raw_request(server.port, head + body, method="POST")
    assert status == 200, resp
    assert json.loads(resp)["data"]["url"].startswith(
        f"http://127.0.0.1:{server.port}{API}/ws/attachments/")


# ---- validation and malformed bodies -----------------------------------------------------

def test_no_file_part_is_422_files_required(api):
    tid = new_task(api)
    r = api.post(UPLOAD.format(tid), files=[("other", ("x.txt", b"x"))])
    assert r.status_code == 422
    assert r.json() == REQUIRED
    assert task_attachments(api, tid) == []


@pytest.mark.parametrize("kw", [{}, {"json": {"files": ["a"]}}, {"data": b"[]"}],
                         ids=["no-body", "json", "empty-array"])
def test_a_body_that_is_not_multipart_is_422_files_required(api, kw):
    tid = new_task(api)
    r = api.post(UPLOAD.format(tid), **kw)
    assert r.status_code == 422
    assert r.json() == REQUIRED


def test_a_files_part_that_is_not_a_file_is_422_on_its_index(api):
    tid = new_task(api)
    r = api.post(UPLOAD.format(tid), files=[("files[]", ("ok.txt", b"1")),
                                            ("files[]", (None, b"plain field"))])
    assert r.status_code == 422
    assert r.json()["errors"] == {"files.1": ["The files.1 must be a file."]}
    assert task_attachments(api, tid) == []


def test_an_empty_file_input_of_a_form_is_no_file(api):
    tid = new_task(api)
    r = api.post(UPLOAD.format(tid), files=[("files[]", ("", b""))])
    assert r.status_code == 422
    assert r.json() == REQUIRED


def test_a_name_that_is_not_utf8_is_422(api):
    tid = new_task(api)
    boundary = "u8"
    body = (b"--u8\r\nContent-Disposition: form-data; name=\"files[]\"; filename=\"bad\xff.txt\""
            b"\r\n\r\nx\r\n--u8--\r\n")
    r = api.post(UPLOAD.format(tid), data=body,
                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert r.status_code == 422
    assert r.json()["errors"] == {"files.0": ["The files.0 name must be valid UTF-8 text."]}


def _raw_upload(api, tid, disposition):
    body = (b"--nm\r\nContent-Disposition: form-data; name=\"files[]\"; " + disposition +
            b"\r\n\r\nx\r\n--nm--\r\n")
    return api.post(UPLOAD.format(tid), data=body,
                    headers={"Content-Type": "multipart/form-data; boundary=nm"})


CONTROL_NAMES = {
    "crlf-ext": b"filename*=UTF-8''a%0D%0Ab.txt",
    "nul-ext": b"filename*=UTF-8''a%00b.txt",
    "rlo-ext": b"filename*=UTF-8''evil%E2%80%AEtxt.exe",
    "rlo-plain": b"filename=\"evil\xe2\x80\xaetxt.exe\"",
    "isolate-plain": b"filename=\"a\xe2\x81\xa6b\"",
    "tab-plain": b"filename=\"a\tb\"",
    "c1-ext": b"filename*=UTF-8''a%C2%85b",
}


@pytest.mark.parametrize("case", sorted(CONTROL_NAMES))
def test_control_and_bidi_characters_in_a_name_are_422_in_either_form(api, case):
    tid = new_task(api)
    r = _raw_upload(api, tid, CONTROL_NAMES[case])
    assert r.status_code == 422, r.text
    assert list(r.json()["errors"]) == ["files.0"], r.text
    assert task_attachments(api, tid) == []


def test_filename_star_wins_over_filename(api):
    tid = new_task(api)
    r = _raw_upload(api, tid, b"filename=\"plain.txt\"; filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82.txt")
    assert r.status_code == 200, r.text
    assert r.json()["data"]["name"] == "отчёт.txt"


def test_an_unreadable_filename_star_falls_back_to_filename(api):
    tid = new_task(api)
    r = _raw_upload(api, tid, b"filename=\"plain.txt\"; filename*=latin1''x.txt")
    assert r.status_code == 200, r.text
    assert r.json()["data"]["name"] == "plain.txt"


@pytest.mark.parametrize("disp", [b"filename=\"   \"", b"filename*=UTF-8''%20%20"])
def test_a_name_of_only_spaces_becomes_file(api, disp):
    tid = new_task(api)
    r = _raw_upload(api, tid, disp)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["name"] == "file"


def test_a_name_over_255_characters_is_422(api):
    tid = new_task(api)
    r = upload(api, tid, ("я" * 256, b"x"))
    assert r.status_code == 422
    assert r.json()["errors"] == {
        "files.0": ["The files.0 name may not be greater than 255 characters."]}
    assert upload(api, tid, ("я" * 255, b"x")).status_code == 200


MALFORMED = {
    "no-boundary": ("multipart/form-data", b"--x\r\n\r\n--x--\r\n",
                    "The multipart Content-Type has no boundary."),
    "no-opening-boundary": ("multipart/form-data; boundary=xx", b"garbage",
                            "The multipart body has no opening boundary."),
    "unterminated": ("multipart/form-data; boundary=xx",
                     b"--xx\r\nContent-Disposition: form-data; name=\"files[]\"; "
                     b"filename=\"a\"\r\n\r\nno end",
                     "The multipart body ends before its closing boundary."),
    "headers-cut": ("multipart/form-data; boundary=xx",
                    b"--xx\r\nContent-Disposition: form-data; name=\"files[]\"",
                    "The body ends inside a part's headers."),
    "no-disposition": ("multipart/form-data; boundary=xx",
                       b"--xx\r\nContent-Type: text/plain\r\n\r\nx\r\n--xx--\r\n",
                       "A part has no Content-Disposition header."),
    "not-form-data": ("multipart/form-data; boundary=xx",
                      b"--xx\r\nContent-Disposition: attachment; name=\"files[]\"\r\n\r\n"
                      b"x\r\n--xx--\r\n",
                      "A part's Content-Disposition is not form-data."),
    "bare-lf": ("multipart/form-data; boundary=xx",
                b"--xx\nContent-Disposition: form-data; name=\"files[]\"\n\nx\n--xx--\n",
                "A boundary line is malformed."),
    "long-boundary": ("multipart/form-data; boundary=" + "b" * 71, b"x",
                      "The multipart boundary must be 1 to 70 characters long."),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_multipart_body_is_400_json_and_stores_nothing(api, case):
    tid = new_task(api)
    ctype, body, message = MALFORMED[case]
    r = api.post(UPLOAD.format(tid), data=body, headers={"Content-Type": ctype})
    assert r.status_code == 400, r.text
    assert r.json() == {"success": False, "message": message}
    assert task_attachments(api, tid) == []


# ---- not found, auth and isolation -------------------------------------------------------

@pytest.mark.parametrize("fid", [str(uuid.uuid4()), "abc", "1", "%20"])
def test_an_unknown_attachment_is_not_found(api, fid):
    assert_404(api.get(f"/ws/attachments/{fid}"))
    assert_404(api.get(f"/attachments/{fid}"))
    r = api.get(f"/ws/attachments/{fid}/content")
    assert r.status_code == 404
    assert r.json() == RECORD_NOT_FOUND


@pytest.mark.parametrize("tid", ["999999999", "abc", "0"])
def test_upload_to_an_unknown_task_is_404_record_not_found(api, tid):
    r = upload(api, tid, ("a.txt", b"a"))
    assert r.status_code == 404
    assert r.json() == RECORD_NOT_FOUND


def test_attachment_routes_need_a_token(api, anon):
    tid = new_task(api)
    att = uploaded(api, tid, ("secret.txt", b"secret"))["data"]
    for path in (f"/ws/attachments/{att['id']}", f"/attachments/{att['id']}",
                 f"/ws/attachments/{att['id']}/content"):
        r = anon.get(path)
        assert r.status_code == 401
        assert r.json() == UNAUTH_BODY
    r = upload(anon, tid, ("a.txt", b"a"))
    assert r.status_code == 401


def test_an_upload_with_a_bad_token_is_401_before_its_body_is_read(server, api):
    tid = new_task(api)
    # 20 MB announced, nothing sent: the answer must come from the headers alone
    status, headers, body = raw_request(
        server.port, _upload_head(server.port, "wk_not_a_token", tid, 20 << 20), method="POST")
    assert status == 401
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body) == UNAUTH_BODY
    assert task_attachments(api, tid) == []


def test_another_workspace_can_neither_read_nor_upload(api, api_b):
    tid = new_task(api)
    att = uploaded(api, tid, ("private.txt", b"workspace A only"))["data"]
    assert_404(api_b.get(f"/ws/attachments/{att['id']}"))
    assert_404(api_b.get(f"/attachments/{att['id']}"))
    r = api_b.get(f"/ws/attachments/{att['id']}/content")
    assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND
    r = upload(api_b, tid, ("intruder.txt", b"x"))
    assert r.status_code == 404 and r.json() == RECORD_NOT_FOUND
    assert task_attachments(api, tid) == [att]


def test_a_member_of_the_workspace_reads_the_owners_files(api, api_member):
    tid = new_task(api)
    att = uploaded(api, tid, ("shared.txt", b"team"))["data"]
    assert api_member.get(f"/ws/attachments/{att['id']}").json()["data"] == att
    assert content(api_member, att).content == b"team"


# ---- the upload cap ----------------------------------------------------------------------

def _upload_head(port, token, tid, length=None, chunked=False, boundary="capb"):
    h = (f"POST {API}{UPLOAD.format(tid)} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
         f"Authorization: Bearer {token}\r\n"
         f"Content-Type: multipart/form-data; boundary={boundary}\r\n")
    if length is not None:
        h += f"Content-Length: {length}\r\n"
    if chunked:
        h += "Transfer-Encoding: chunked\r\n"
    return (h + "Connection: close\r\n\r\n").encode()


def _multipart(data, boundary="capb", name="big.bin"):
    return (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files[]\"; "
            f"filename=\"{name}\"\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()


def _chunked(data, size=16384):
    out = b""
    for i in range(0, len(data), size):
        part = data[i:i + size]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"


def test_the_default_upload_cap_is_25_mib_and_refused_before_the_body(server, api):
    tid = new_task(api)
    status, headers, body = raw_request(
        server.port, _upload_head(server.port, server.tokens["A"], tid, DEFAULT_MAX_UPLOAD + 1),
        method="POST")
    assert status == 413
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body) == {
        "success": False,
        "message": f"The request body is larger than the limit of {DEFAULT_MAX_UPLOAD} bytes."}


def test_the_upload_cap_does_not_raise_the_body_cap_of_other_routes(server):
    head = (f"POST {API}/ws/tags HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
            f"{server.tokens['A']}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {2 << 20}\r\nConnection: close\r\n\r\n").encode()
    status, _, body = raw_request(server.port, head, method="POST")
    assert status == 413
    assert json.loads(body)["message"] == (
        f"The request body is larger than the limit of {1 << 20} bytes.")


@pytest.fixture(scope="module")
def small_cap(server, tmp_path_factory):
    """A second server on the same store with --max-upload 64 KiB."""
    d = tmp_path_factory.mktemp("small-cap")
    srv = Server(server.db, d / "server.log", extra_args=("--max-upload", str(SMALL_CAP)))
    srv.wait_ready()
    yield srv
    rc = srv.stop()
    assert rc == 0, srv.log_text()


def test_an_upload_of_exactly_the_cap_is_accepted(server, small_cap, api):
    tid = new_task(api)
    overhead = len(_multipart(b""))
    data = os.urandom(SMALL_CAP - overhead)
    body = _multipart(data)
    assert len(body) == SMALL_CAP
    status, _, resp = raw_request(
        small_cap.port, _upload_head(small_cap.port, server.tokens["A"], tid, len(body)) + body,
        method="POST")
    assert status == 200, resp
    att = json.loads(resp)["data"]
    assert att["url"].startswith(f"http://127.0.0.1:{small_cap.port}/")
    assert sha(content(api, att).content) == sha(data)  # read through the other process


def test_a_declared_upload_over_the_cap_is_413_and_nothing_is_stored(server, small_cap, api):
    tid = new_task(api)
    body = _multipart(os.urandom(SMALL_CAP))
    status, headers, resp = raw_request(
        small_cap.port, _upload_head(small_cap.port, server.tokens["A"], tid, len(body)),
        method="POST")
    assert status == 413
    assert headers["Content-Type"] == "application/json"
    assert json.loads(resp) == {
        "success": False,
        "message": f"The request body is larger than the limit of {SMALL_CAP} bytes."}
    assert task_attachments(api, tid) == []


def test_a_chunked_upload_over_the_cap_is_413_and_nothing_is_stored(server, small_cap, api):
    tid = new_task(api)
    body = _multipart(os.urandom(3 * SMALL_CAP))
    status, _, resp = raw_request(
        small_cap.port,
        _upload_head(small_cap.port, server.tokens["A"], tid, chunked=True) + _chunked(body),
        method="POST")
    assert status == 413
    assert json.loads(resp)["message"] == (
        f"The request body is larger than the limit of {SMALL_CAP} bytes.")
    assert task_attachments(api, tid) == []


def test_too_large_from_requests_is_413_and_the_server_stays_healthy(server, small_cap, api):
    tid = new_task(api)
    c = Api(small_cap.base, server.tokens["A"])
    try:
        def gen():
            for _ in range(8):
                yield b"x" * 32768
        r = c.post(UPLOAD.format(tid), data=gen(),
                   headers={"Content-Type": "multipart/form-data; boundary=capb"})
        assert r.status_code == 413
        assert task_attachments(api, tid) == []
        assert c.get("//healthz").status_code == 200
        r = upload(c, tid, ("after.txt", b"still fine"))
        assert r.status_code == 200, r.text
        assert content(c, r.json()["data"]).content == b"still fine"
    finally:
        c.close()
    line = small_cap.log_lines_with(f" POST {API}{UPLOAD.format(tid)} 413 ")
    assert line, small_cap.log_text()[-2000:]

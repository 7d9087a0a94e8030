"""HTTP framing a proxy could read differently from weeekd is refused with a JSON 400
before anything runs (issue 13 item 12): Content-Length fields that differ (request
smuggling behind a proxy that takes the last one), Content-Length beside Transfer-Encoding,
and a NUL byte in the request target (raw or percent-encoded) that must not be served as
the path before it."""
import json

from weeekd_http import API, assert_no_internals, raw_request


def _head(server, method, target, extra=b""):
    token = server.tokens["A"].encode()
    return (method.encode() + b" " + target + b" HTTP/1.1\r\nHost: t\r\n"
            b"Authorization: Bearer " + token + b"\r\nConnection: close\r\n" + extra)


def _tags(api):
    return {t["title"] for t in api.get("/ws/tags").json()["tags"]}


def _assert_malformed(status, headers, body):
    assert status == 400, body
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body) == {"success": False, "message": "The request is malformed."}


def test_two_different_content_lengths_are_400_and_nothing_is_written(server, api):
    title = "smuggled-1"
    payload = json.dumps({"title": title}).encode()
    head = _head(server, "POST", (API + "/ws/tags").encode(),
                 b"Content-Type: application/json\r\nContent-Length: %d\r\n"
                 b"Content-Length: 2\r\n\r\n" % len(payload))
    _assert_malformed(*raw_request(server.port, head + payload, method="POST"))
    assert title not in _tags(api)


def test_repeated_equal_content_lengths_are_accepted(server, api):
    title = "twice-said-length"
    payload = json.dumps({"title": title}).encode()
    head = _head(server, "POST", (API + "/ws/tags").encode(),
                 b"Content-Type: application/json\r\nContent-Length: %d\r\n"
                 b"Content-Length: %d\r\n\r\n" % (len(payload), len(payload)))
    status, _, body = raw_request(server.port, head + payload, method="POST")
    assert status == 200, body
    assert title in _tags(api)


def test_content_length_beside_transfer_encoding_is_400(server, api):
    title = "te-and-cl"
    payload = json.dumps({"title": title}).encode()
    chunked = b"%x\r\n" % len(payload) + payload + b"\r\n0\r\n\r\n"
    head = _head(server, "POST", (API + "/ws/tags").encode(),
                 b"Content-Type: application/json\r\nContent-Length: %d\r\n"
                 b"Transfer-Encoding: chunked\r\n\r\n" % len(payload))
    _assert_malformed(*raw_request(server.port, head + chunked, method="POST"))
    assert title not in _tags(api)


def test_raw_nul_in_the_path_is_400_not_the_path_before_it(server):
    status, headers, body = raw_request(server.port,
                                        _head(server, "GET", (API + "/ws").encode() + b"\0x")
                                        + b"\r\n")
    _assert_malformed(status, headers, body)


def test_percent_encoded_nul_in_the_path_is_not_served_as_the_path_before_it(server, api):
    r = api.get("/ws%00x")
    assert r.status_code in (400, 404), r.text
    assert r.json()["success"] is False
    assert "workspace" not in r.json()
    assert_no_internals(r)


def test_a_path_parameter_holding_a_nul_names_nothing(server, api):
    r = api.get("/ws/tags/1%00")
    assert r.status_code in (400, 404), r.text
    assert "tag" not in r.json()

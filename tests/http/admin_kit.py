"""Servers with the admin API of weeekd as a test double (--admin-token), for the
test_admin_*.py modules: one per backend on a fresh store, and in-memory ones."""
import requests

from weeekd_http import HTTP_TIMEOUT, Api, assert_json_content_type

ADMIN_TOKEN = "admin-secret-for-tests"


class Admin:
    """requests to /_weeekd/ of one server with the admin bearer token (or another)."""

    def __init__(self, base, token=ADMIN_TOKEN):
        self.base = base
        self.token = token
        self.s = requests.Session()

    def call(self, method, path, token=..., **kw):
        token = self.token if token is ... else token
        headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
        kw.setdefault("timeout", HTTP_TIMEOUT)
        r = self.s.request(method, self.base + "/_weeekd" + path, headers=headers, **kw)
        assert_json_content_type(r)
        return r

    def create_ws(self, name, email="bot@example.com", **fields):
        """POST /_weeekd/workspaces that must succeed; an Api with the new token."""
        r = self.call("POST", "/workspaces", json={"name": name, "email": email, **fields})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["success"] is True and body["workspace"]["name"] == name, body
        return Api(self.base, body["token"], name=name, email=email), body

    def close(self):
        self.s.close()

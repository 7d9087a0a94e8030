"""A fault-injecting HTTP proxy for the import tests: listens on 127.0.0.1 (a free port),
forwards every request to an upstream weeekd, and answers chosen requests (by their number,
counting from 1) with a fault instead: "429" (Retry-After: 1), "503", or "drop" (the
connection closed with no answer). `fail_from` turns every request from that number on into
a 503 (a source that goes away). `slow` (seconds) delays every attachment download (and
every request whose path ends with one of `slow_paths`), so that overlapping requests
overlap for sure. `no_route` (a path ending) answers matching requests with the JSON 404 of
an unknown route, as a server older than that route does. `max_in_flight` is the most requests it ever
held at once. A request stops counting just before its answer is written: the client cannot
start its next request before it has read that answer, so counting until the handler thread
ends would let a finished request overlap the next one and report one too many."""
import http.client
import http.server
import threading
import time
import urllib.parse


class FaultProxy:
    def __init__(self, upstream_base, faults=None, fail_from=None, slow=0.0, slow_paths=(),
                 no_route=None):
        u = urllib.parse.urlsplit(upstream_base)
        self.host, self.port_up = u.hostname, u.port
        self.faults = dict(faults or {})
        self.fail_from = fail_from
        self.count = 0
        self.injected = []
        self.slow = slow
        self.slow_paths = ("/content",) + tuple(slow_paths)
        self.no_route = no_route
        self.no_route_hits = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self.lock = threading.Lock()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _serve(self):
                with proxy.lock:
                    proxy.in_flight += 1
                    proxy.max_in_flight = max(proxy.max_in_flight, proxy.in_flight)
                self._counted = True
                try:
                    self._forward()
                finally:
                    self._answering()

            def _answering(self):
                if self._counted:
                    self._counted = False
                    with proxy.lock:
                        proxy.in_flight -= 1

            def _forward(self):
                path = urllib.parse.urlsplit(self.path).path
                if proxy.slow and path.endswith(proxy.slow_paths):
                    time.sleep(proxy.slow)
                with proxy.lock:
                    proxy.count += 1
                    n = proxy.count
                    fault = proxy.faults.get(n)
                    if proxy.fail_from is not None and n >= proxy.fail_from:
                        fault = "503"
                    if fault:
                        proxy.injected.append((n, fault, self.path))
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                if not fault and proxy.no_route and path.endswith(proxy.no_route):
                    with proxy.lock:
                        proxy.no_route_hits += 1
                    payload = ('{"success":false,"message":"The route %s could not be found."}'
                               % path.lstrip("/")).encode()
                    self._answering()
                    self.send_response(404)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                if fault == "drop":
                    self._answering()
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                if fault in ("429", "503"):
                    payload = b'{"success":false,"message":"try later"}'
                    self._answering()
                    self.send_response(int(fault))
                    if fault == "429":
                        self.send_header("Retry-After", "1")
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                conn = http.client.HTTPConnection(proxy.host, proxy.port_up, timeout=60)
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in ("connection", "keep-alive")}
                conn.request(self.command, self.path, body=body, headers=headers)
                r = conn.getresponse()
                data = r.read()
                conn.close()
                self._answering()
                self.send_response(r.status)
                for k, v in r.getheaders():
                    if k.lower() not in ("connection", "transfer-encoding", "content-length"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = _serve

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}/public/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

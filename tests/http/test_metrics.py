"""GET /metrics (issue 15 item 6): the Prometheus text format, read with the reference
parser (prometheus_client.parser, Debian's python3-prometheus-client), never a regex:
requests by route template, method and status, a latency histogram, in-flight requests,
the store's counters, process memory, open files, uptime and build info, every name
weeekd_… by Prometheus' rules; and --metrics-listen moves it to a port of its own."""
import re

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from weeekd_http import API, HTTP_TIMEOUT, Server, VERSION_FILE, provision

NAME = re.compile(r"^[a-zA-Z_:][a-zA-Z0-9_:]*$")


def scrape(base):
    r = requests.get(base + "/metrics", timeout=HTTP_TIMEOUT)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    return {f.name: f for f in text_string_to_metric_families(r.text)}


def value(families, name, sample=None, **labels):
    """The value of family name's sample (the family's own name, or its _total, unless
    sample names one such as _count) with these labels; 0 when there is none yet."""
    names = (sample,) if sample else (name, name + "_total")
    for s in families[name].samples:
        if s.name in names and all(s.labels.get(k) == v for k, v in labels.items()):
            return s.value
    return 0.0


def test_metrics_parse_and_follow_the_naming_rules(server, api):
    assert api.get("/ws").status_code == 200
    fams = scrape(server.base)
    for name, fam in fams.items():
        assert name.startswith("weeekd_"), name
        assert NAME.match(name), name
        assert fam.documentation, f"{name} has no HELP"
        if fam.type == "counter":
            assert all(s.name.endswith(("_total", "_created")) for s in fam.samples), name
    expected = {
        "weeekd_build_info": "gauge",
        "weeekd_http_requests": "counter",
        "weeekd_http_request_duration_seconds": "histogram",
        "weeekd_http_requests_in_flight": "gauge",
        "weeekd_store_errors": "counter",
        "weeekd_store_reconnects": "counter",
        "weeekd_store_pool_waits": "counter",
        "weeekd_store_pool_wait_seconds": "counter",
        "weeekd_store_round_trips": "counter",
        "weeekd_process_resident_memory_bytes": "gauge",
        "weeekd_process_open_fds": "gauge",
        "weeekd_process_max_fds": "gauge",
        "weeekd_process_start_time_seconds": "gauge",
        "weeekd_uptime_seconds": "gauge",
    }
    for name, typ in expected.items():
        assert name in fams, f"{name} missing; have {sorted(fams)}"
        assert fams[name].type == typ, (name, fams[name].type)
    [info] = fams["weeekd_build_info"].samples
    assert info.value == 1
    assert info.labels["version"] == VERSION_FILE.read_text().strip()
    assert info.labels["store"] == ("sqlite" if server.backend == "sqlite" else "postgresql")
    assert value(fams, "weeekd_process_resident_memory_bytes") > 1 << 20
    assert value(fams, "weeekd_process_open_fds") >= 3
    assert value(fams, "weeekd_uptime_seconds") > 0
    # the scrape itself is in flight while it renders
    assert value(fams, "weeekd_http_requests_in_flight") >= 1


def test_requests_are_counted_by_route_template_and_status(server, api):
    route = API + "/ws/tags/{id}"
    before = scrape(server.base)
    tag = api.create_tag("metric")
    assert api.get(f"/ws/tags/{tag['id']}").status_code == 200
    assert api.get(f"/ws/tags/{tag['id']}").status_code == 200
    assert api.get("/ws/tags/999999999").status_code == 404
    assert api.get("/no/such/route").status_code == 404
    after = scrape(server.base)

    def delta(name, sample=None, **labels):
        return value(after, name, sample, **labels) - value(before, name, sample, **labels)

    assert delta("weeekd_http_requests", route=route, method="GET", status="200") == 2
    assert delta("weeekd_http_requests", route=route, method="GET", status="404") == 1
    assert delta("weeekd_http_requests", route=API + "/ws/tags", method="POST",
                 status="200") == 1
    assert delta("weeekd_http_requests", route="unmatched", status="404") == 1
    # the histogram: cumulative buckets ending in +Inf == _count, per route
    samples = [s for s in after["weeekd_http_request_duration_seconds"].samples
               if s.labels.get("route") == route and s.labels.get("method") == "GET"]
    buckets = [s for s in samples if s.name.endswith("_bucket")]
    counts = [s.value for s in buckets]
    assert counts == sorted(counts)
    assert buckets[-1].labels["le"] == "+Inf"
    [count] = [s.value for s in samples if s.name.endswith("_count")]
    [total] = [s.value for s in samples if s.name.endswith("_sum")]
    assert count == buckets[-1].value >= 3
    assert total > 0
    assert delta("weeekd_http_request_duration_seconds",
                 "weeekd_http_request_duration_seconds_count", route=route, method="GET") == 3


def test_metrics_listen_serves_metrics_on_its_own_port_only(fresh_db, tmp_path):
    provision(fresh_db, "Metrics", "o@m.test")
    srv = Server(fresh_db, tmp_path / "m.log",
                 extra_args=("--metrics-listen", "127.0.0.1:0")).wait_ready()
    try:
        line = srv.stdout_line("metrics on ")
        m = re.fullmatch(r"metrics on 127\.0\.0\.1:(\d+)", line)
        assert m, line
        mbase = f"http://127.0.0.1:{m.group(1)}"
        assert requests.get(srv.base + "/healthz", timeout=HTTP_TIMEOUT).status_code == 200
        fams = scrape(mbase)
        assert value(fams, "weeekd_http_requests", route="/healthz", status="200") >= 1
        # not on the API's port, and nothing but /metrics on the metrics port
        r = requests.get(srv.base + "/metrics", timeout=HTTP_TIMEOUT)
        assert r.status_code == 404
        r = requests.get(mbase + API + "/ws", timeout=HTTP_TIMEOUT)
        assert r.status_code == 404
        assert r.headers["Content-Type"] == "application/json"
    finally:
        assert srv.stop() == 0


@pytest.mark.parametrize("bad", ["nowhere", "127.0.0.1:99999"])
def test_bad_metrics_listen_is_a_usage_error(fresh_db, bad):
    from weeekd_http import run_cli
    r = run_cli("serve", "--db", fresh_db, "--metrics-listen", bad)
    assert r.returncode == 2
    assert "--metrics-listen" in r.stderr

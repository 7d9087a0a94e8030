"""Group commit (docs/internals/store.md, "Group commit"; issue 18): concurrent creates
are each committed and answered once, and /metrics counts write transactions and the
database COMMITs behind them. On SQLite, creates that overlap share a COMMIT (fewer COMMITs
than write transactions); on PostgreSQL every write transaction has its own. A 2xx is
always readable afterwards."""
import concurrent.futures

import requests

from test_metrics import scrape, value
from weeekd_http import API, HTTP_TIMEOUT, Server, provision

CLIENTS = 12
EACH = 40


def counters(base):
    fams = scrape(base)
    return (value(fams, "weeekd_store_write_transactions"),
            value(fams, "weeekd_store_commits"))


def test_concurrent_creates_are_committed_and_share_commits_on_sqlite(fresh_db, tmp_path,
                                                                       backend):
    token = provision(fresh_db, "Group", "owner@group.test")
    # --sync full: each COMMIT waits for the disk, so writers pile up behind it even with
    # clients as slow as these
    extra = ("--threads", "8") + (("--sync", "full") if backend == "sqlite" else ())
    srv = Server(fresh_db, tmp_path / "gc.log", extra_args=extra).wait_ready()
    try:
        headers = {"Authorization": f"Bearer {token}"}
        txs0, commits0 = counters(srv.base)

        def client(i):
            with requests.Session() as s:
                ids = []
                for k in range(EACH):
                    r = s.post(srv.base + API + "/ws/tags", json={"title": f"gc {i}.{k}"},
                               headers=headers, timeout=HTTP_TIMEOUT)
                    assert r.status_code == 200, r.text
                    ids.append(r.json()["tag"]["id"])
                return ids

        with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
            ids = [i for got in pool.map(client, range(CLIENTS)) for i in got]
        txs1, commits1 = counters(srv.base)

        n = CLIENTS * EACH
        assert len(set(ids)) == n
        assert txs1 - txs0 == n
        if backend == "sqlite":
            assert 0 < commits1 - commits0 < n, (txs1 - txs0, commits1 - commits0)
        else:
            assert commits1 - commits0 == n
        r = requests.get(srv.base + API + "/ws/tags", headers=headers, timeout=HTTP_TIMEOUT)
        assert r.status_code == 200
        titles = {t["title"] for t in r.json()["tags"]}
        assert {f"gc {i}.{k}" for i in range(CLIENTS) for k in range(EACH)} <= titles
    finally:
        assert srv.stop() == 0

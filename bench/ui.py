#!/usr/bin/env python3
"""ui.py — `make bench-ui`: the web interface in headless Chromium with the Performance API.
A board with 1,000 tasks in 8 columns and a funnel with 1,000 deals (in 5 statuses) are
made through the API on a fresh SQLite store (BENCH_UI_DB=pg:URL... not needed: the
interface's cost is the browser's), then each view is opened BENCH_UI_RUNS times (default 5):

  board, cold     navigation start -> the board's first full render (modules, rail, columns,
                  every task, 1,000 cards in the DOM)
  board           route -> first full render (the view's own load + render, app warm)
  task panel      click on a card -> the panel rendered (its GET included)
  pipeline, cold  / pipeline  the same for the funnel and its 1,000 deals

The numbers are the medians of the `view:*` / `panel:*` measures ui/app.js records.
Printed and written to build/bench/ui.md."""
import os
import pathlib
import statistics
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "http"))

from selenium.webdriver.common.by import By  # noqa: E402

from ui_kit import chrome, sign_in, wait  # noqa: E402
from weeekd_http import Api, Server, provision  # noqa: E402

RUNS = int(os.environ.get("BENCH_UI_RUNS", "5"))
NTASKS, NCOLS, NDEALS, NSTATUSES = 1000, 8, 1000, 5


def seed(api):
    pid = api.post("/tm/projects", json={"name": "Bench"}).json()["project"]["id"]
    bid = api.post("/tm/boards", json={"name": "1,000 tasks", "projectId": pid}).json()["board"]["id"]
    cols = [c["id"] for c in api.get("/tm/board-columns", params={"boardId": bid}).json()["boardColumns"]]
    while len(cols) < NCOLS:
        cols.append(api.post("/tm/board-columns", json={"name": f"Column {len(cols) + 1}",
                                                         "boardId": bid}).json()["boardColumn"]["id"])
    me = api.get("/user/me").json()["user"]["id"]
    tags = [api.post("/ws/tags", json={"title": f"tag {i}"}).json()["tag"]["id"] for i in range(4)]
    for i in range(NTASKS):
        r = api.post("/tm/tasks", json={
            "title": f"Task {i}: a title of a typical length", "boardId": bid,
            "boardColumnId": cols[i % NCOLS], "priority": i % 4, "tags": [tags[i % 4]],
            "assignees": [me] if i % 2 else [], "dueDate": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}"})
        assert r.status_code == 200, r.text
    fid = api.post("/crm/funnels", json={"name": "1,000 deals"}).json()["funnel"]["id"]
    sts = [s["id"] for s in api.get(f"/crm/funnels/{fid}/statuses").json()["statuses"]]
    while len(sts) < NSTATUSES:
        sts.append(api.post(f"/crm/funnels/{fid}/statuses", json={"name": f"Stage {len(sts) + 1}"}).json()["status"]["id"])
    for i in range(NDEALS):
        r = api.post(f"/crm/statuses/{sts[i % NSTATUSES]}/deals",
                     json={"title": f"Deal {i}", "amount": 1000 + i})
        assert r.status_code == 200, r.text
    return bid, fid


def measure(d, name):
    return wait(lambda: d.execute_script(
        "const m = performance.getEntriesByName(arguments[0]); return m.length ? m[m.length - 1] : null",
        name), timeout=60, what=name)


def run(d, base, path, view, ncards):
    cold, warm = [], []
    for i in range(RUNS):
        d.get(f"{base}/?run={i}#/")  # a new document each time
        wait(lambda: d.find_elements(By.ID, "rail-projects"), timeout=30)
        d.get(f"{base}/?run={i}#{path}")
        m = measure(d, f"view:{view}")
        assert len(d.find_elements(By.CSS_SELECTOR, ".card")) == ncards
        warm.append(m["duration"])
        d.get(f"{base}/?cold={i}#{path}")
        m = measure(d, f"view:{view}")
        cold.append(m["startTime"] + m["duration"])
    return statistics.median(cold), statistics.median(warm)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:{tmp}/bench.db"
        token = provision(db, "Bench", "bench@ui.test", name="Bench User")
        srv = Server(db, pathlib.Path(tmp) / "server.log", ["--log-level", "warn"]).wait_ready()
        try:
            api = Api(srv.base, token)
            t0 = time.time()
            bid, fid = seed(api)
            print(f"seeded {NTASKS} tasks and {NDEALS} deals in {time.time() - t0:.1f}s")
            d = chrome()
            try:
                sign_in(d, srv.base, token)
                board_cold, board = run(d, srv.base, f"/boards/{bid}", "board", NTASKS)
                panel = []
                for i in range(RUNS):
                    d.get(f"{srv.base}/?p={i}#/boards/{bid}")
                    measure(d, "view:board")
                    d.find_elements(By.CSS_SELECTOR, ".card")[i * 7].click()
                    panel.append(measure(d, "panel:task")["duration"])
                pipe_cold, pipe = run(d, srv.base, f"/crm/funnels/{fid}", "funnel", NDEALS)
                nodes = d.execute_script("return document.getElementsByTagName('*').length")
            finally:
                d.quit()
        finally:
            srv.stop()
    rows = [("board (1,000 tasks, 8 columns), cold load", board_cold),
            ("board, view render", board), ("task panel open", statistics.median(panel)),
            ("pipeline (1,000 deals, 5 statuses), cold load", pipe_cold),
            ("pipeline, view render", pipe)]
    lines = ["| measure (median of %d, headless Chromium, debug build, SQLite) | ms |" % RUNS, "|---|---|"]
    lines += [f"| {name} | {v:.0f} |" for name, v in rows]
    lines.append(f"\nDOM elements with the pipeline open: {nodes}")
    out = ROOT / "build" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "ui.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""ui_screenshots.py — `make ui-screenshots`: a small demo workspace on a throwaway SQLite
store, then headless Chromium's pictures of the board and the pipeline into docs/img/
(board.png, pipeline.png), which the README shows."""
import pathlib
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "http"))

from selenium.webdriver.common.by import By  # noqa: E402

from ui_kit import chrome, sign_in, wait  # noqa: E402
from weeekd_http import Api, Server, provision  # noqa: E402

OUT = ROOT / "docs" / "img"


def demo(db, api):
    for email, name in (("boris@demo.test", "Boris Petrov"), ("chen@demo.test", "Chen Li")):
        provision(db, "Demo workspace", email, name=name, member=True)
    members = [m["id"] for m in api.get("/ws/members").json()["members"]]
    tags = {t: api.post("/ws/tags", json={"title": t, "color": c}).json()["tag"]["id"]
            for t, c in (("backend", "#3e63dd"), ("design", "#d6409f"), ("bug", "#e5484d"))}
    pid = api.post("/tm/projects", json={"name": "Website relaunch"}).json()["project"]["id"]
    bid = api.post("/tm/boards", json={"name": "Sprint 12", "projectId": pid}).json()["board"]["id"]
    cols = [c["id"] for c in api.get("/tm/board-columns", params={"boardId": bid}).json()["boardColumns"]]
    review = api.post("/tm/board-columns", json={"name": "Review", "boardId": bid}).json()["boardColumn"]["id"]
    api.post(f"/tm/board-columns/{review}/move", json={"upperBoardColumnId": cols[1]})
    cols.insert(2, review)
    tasks = [
        (0, "Checkout page: new layout", ["design"], 2, [0, 1], "2026-12-20"),
        (0, "Rate-limit the login form", ["backend"], 3, [2], None),
        (0, "Footer links point to the old domain", ["bug"], 1, [], "2026-11-30"),
        (1, "Search suggestions API", ["backend"], 2, [1], "2026-12-12"),
        (1, "Product photos: lazy loading", ["design", "backend"], 1, [0, 2], None),
        (2, "Password reset e-mail copy", [], 0, [1], "2026-12-09"),
        (3, "Staging on the new cluster", ["backend"], None, [0], None),
    ]
    for col, title, tg, prio, who, due in tasks:
        body = {"title": title, "boardId": bid, "boardColumnId": cols[col], "tags": [tags[t] for t in tg],
                "assignees": [members[i] for i in who if i < len(members)]}
        if prio is not None:
            body["priority"] = prio
        if due:
            body["dueDate"] = due
        api.post("/tm/tasks", json=body)
    fid = api.post("/crm/funnels", json={"name": "Sales"}).json()["funnel"]["id"]
    sts = [s["id"] for s in api.get(f"/crm/funnels/{fid}/statuses").json()["statuses"]]
    contacts = [api.post("/crm/contacts", json={"firstName": f, "lastName": l}).json()["contact"]["id"]
                for f, l in (("Anna", "Smirnova"), ("Tom", "Becker"), ("Lea", "Martin"))]
    deals = [(2, "Annual support, Northwind", 480000, [0]), (1, "Pilot for Contoso", 120000, [1]),
             (1, "Fabrikam: 40 seats", 260000, [2]), (0, "Litware inbound lead", 35000, []),
             (0, "Renewal: Adventure Works", 90000, [0, 1])]
    for st, title, amount, cs in deals:
        api.post(f"/crm/statuses/{sts[st]}/deals",
                 json={"title": title, "amount": amount, "contacts": [contacts[i] for i in cs]})
    return bid, fid


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:{tmp}/demo.db"
        token = provision(db, "Demo workspace", "demo@weeekd.local", name="Demo User")
        srv = Server(db, pathlib.Path(tmp) / "server.log").wait_ready()
        try:
            bid, fid = demo(db, Api(srv.base, token))
            d = chrome(width=1440, height=720)
            try:
                sign_in(d, srv.base, token)
                for path, name in ((f"#/boards/{bid}", "board"), (f"#/crm/funnels/{fid}", "pipeline")):
                    d.get(f"{srv.base}/?lang=en{path}")
                    wait(lambda: d.find_elements(By.CSS_SELECTOR, ".card"), what="cards")
                    d.execute_script("document.activeElement.blur()")
                    d.save_screenshot(str(OUT / f"{name}.png"))
                    print(f"wrote docs/img/{name}.png")
            finally:
                d.quit()
        finally:
            srv.stop()


if __name__ == "__main__":
    main()

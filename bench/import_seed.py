"""Seeds the source workspace of bench/import.sh through the public API: BENCH_TASKS tasks
over 4 boards (tags, assignees, custom-field values on every tenth) and BENCH_DEALS deals
over 4 statuses, with a few attachments. Usage: import_seed.py BASE_URL TOKEN TASKS DEALS"""
import sys
from concurrent.futures import ThreadPoolExecutor

import requests

base, token, ntasks, ndeals = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
H = {"Authorization": f"Bearer {token}"}
local = requests.Session()


def call(method, path, **kw):
    r = local.request(method, base + path, headers=H, timeout=60, **kw)
    r.raise_for_status()
    return r.json()


tags = [call("POST", "/ws/tags", json={"title": f"tag {i}"})["tag"]["id"] for i in range(5)]
me = call("GET", "/user/me")["user"]["id"]
cf = call("POST", "/tm/custom-fields", json={"name": "sel", "type": "select"})["customField"]
opts = [call("POST", f"/tm/custom-fields/{cf['id']}/options",
             json={"name": f"o{i}", "color": "blue"})["option"]["id"] for i in range(3)]
pid = call("POST", "/tm/projects", json={"name": "bench"})["project"]["id"]
cols = []
for b in range(4):
    bid = call("POST", "/tm/boards", json={"name": f"board {b}", "projectId": pid})["board"]["id"]
    cols += [c["id"] for c in call("GET", f"/tm/board-columns?boardId={bid}")["boardColumns"]]
fid = call("POST", "/crm/funnels", json={"name": "bench"})["funnel"]["id"]
statuses = [s["id"] for s in call("GET", f"/crm/funnels/{fid}/statuses")["statuses"]]
statuses.append(call("POST", f"/crm/funnels/{fid}/statuses", json={"name": "extra"})["status"]["id"])


def task(i):
    s = requests.Session()
    body = {"title": f"task {i}", "locations": [{"projectId": pid, "boardColumnId": cols[i % len(cols)]}],
            "tags": [tags[i % 5]], "assignees": [me], "priority": i % 4}
    if i % 10 == 0:
        body["customFields"] = {cf["id"]: opts[i % 3]}
    r = s.post(base + "/tm/tasks", json=body, headers=H, timeout=60)
    r.raise_for_status()
    if i % 1000 == 0:
        tid = r.json()["task"]["id"]
        s.post(base + f"/tm/tasks/{tid}/attachments", headers=H,
               files={"files[]": ("f.bin", bytes(range(256)) * 64, "application/octet-stream")})


def deal(i):
    r = requests.post(base + f"/crm/statuses/{statuses[i % len(statuses)]}/deals", headers=H,
                      json={"title": f"deal {i}", "amount": i, "tags": [tags[i % 5]]}, timeout=60)
    r.raise_for_status()


with ThreadPoolExecutor(4) as ex:
    list(ex.map(task, range(ntasks)))
    list(ex.map(deal, range(ndeals)))

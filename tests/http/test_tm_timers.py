"""Task timers: POST /tm/tasks/{id}/start-timer and /stop-timer (no body; bare success).
A timer belongs to the token's member, one running at a time; stopping records a type-1
time entry on the UTC day the timer started, elapsed minutes rounded up (at least 1, at
most 1440); starting on another task stops the running one first; timers are rows, so they
survive a restart; a task deleted under a running timer discards it (src/api/tm/tm_time.c,
src/model/timer.c). Elapsed times are produced by moving started_at in the store, never by
sleeping."""
import datetime
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tasks_kit import fetch_task as get_task
from tasks_kit import time_entries as entries
from weeekd_http import SANITIZER_MARKS, Api, Server, assert_404, assert_envelope, me, provision
from weeekd_http import store_sql as sql

START = "/tm/tasks/{id}/start-timer"
STOP = "/tm/tasks/{id}/stop-timer"
NOT_RUNNING = {"timer": ["The timer is not running."]}
OPTIONAL_BODIES = [None, b"", b"[]", b'""', b"{}"]
OPTIONAL_BODY_IDS = ["none", "empty", "empty-array", "empty-string", "empty-object"]
MINUTE_MS = 60_000
DAY_MS = 86_400_000


def assert_not_running(r):
    assert r.status_code == 422, r.text
    assert r.json() == {"success": False, "message": "The timer is not running.",
                        "errors": NOT_RUNNING}


def new_task(api, title="timer task"):
    r = api.post("/tm/tasks", json={"title": title})
    assert r.status_code == 200, r.text
    return r.json()["task"]["id"]


def start(api, tid, **kw):
    r = api.post(f"/tm/tasks/{tid}/start-timer", **kw)
    assert_envelope("POST", START, r)
    assert r.content == b'{"success":true}'


def stop(api, tid, **kw):
    r = api.post(f"/tm/tasks/{tid}/stop-timer", **kw)
    assert_envelope("POST", STOP, r)
    assert r.content == b'{"success":true}'


def utc_today():
    return datetime.datetime.now(datetime.timezone.utc).date()


def backdate(server, member, ms):
    """Move the member's running timer ms milliseconds into the past (ids are uuids we
    generated, safe to inline)."""
    assert all(ch in "0123456789abcdef-" for ch in member)
    sql(server.db, f"UPDATE task_timers SET started_at = started_at - {int(ms)} "
                   f"WHERE member_id = '{member}'")


def timer_rows(server, member):
    return sql(server.db, f"SELECT task_id FROM task_timers WHERE member_id = '{member}'")


@pytest.fixture
def task(api):
    return new_task(api)


@pytest.fixture
def owner(api):
    return me(api)


# ---- start / stop ----------------------------------------------------------------------------

def test_start_then_stop_records_a_one_minute_timer_entry_for_the_caller(api, task, owner):
    before = utc_today()
    start(api, task)
    assert entries(api, task) == []
    stop(api, task)
    after = utc_today()
    [e] = entries(api, task)
    assert e["type"] == 1
    assert e["userId"] == owner
    assert e["isOvertime"] is False
    assert e["duration"] == 1
    assert e["date"] in {before.isoformat(), after.isoformat()}


@pytest.mark.parametrize("payload", OPTIONAL_BODIES, ids=OPTIONAL_BODY_IDS)
def test_start_and_stop_accept_no_body_and_the_empty_bodies_clients_send(api, task, payload):
    kw = {} if payload is None else {"data": payload,
                                     "headers": {"Content-Type": "application/json"}}
    start(api, task, **kw)
    stop(api, task, **kw)
    assert len(entries(api, task)) == 1


def test_stop_without_a_running_timer_is_422(api, task):
    assert_not_running(api.post(f"/tm/tasks/{task}/stop-timer"))
    assert entries(api, task) == []


def test_a_second_stop_is_422_and_records_nothing_more(api, task):
    start(api, task)
    stop(api, task)
    assert_not_running(api.post(f"/tm/tasks/{task}/stop-timer"))
    assert len(entries(api, task)) == 1


def test_starting_twice_on_the_same_task_is_a_no_op_that_keeps_the_first_start(
        server, api, task, owner):
    start(api, task)
    backdate(server, owner, 10 * MINUTE_MS)
    start(api, task)
    stop(api, task)
    [e] = entries(api, task)
    assert e["duration"] in (10, 11)


def test_stopping_rounds_elapsed_minutes_up(server, api, task, owner):
    start(api, task)
    backdate(server, owner, 150_000)  # 2.5 minutes
    stop(api, task)
    [e] = entries(api, task)
    assert e["duration"] == 3
    assert e["durationSeconds"] == 180


def test_a_timer_running_past_a_day_is_capped_at_1440_minutes_on_its_start_day(
        server, api, task, owner):
    start(api, task)
    backdate(server, owner, 2 * DAY_MS + 5 * MINUTE_MS)
    stop(api, task)
    [e] = entries(api, task)
    assert e["duration"] == 1440
    assert e["durationSeconds"] == 86400
    started = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(
        days=2, minutes=5)
    # the request ran a moment after `started` was computed; allow the day to tick over
    assert e["date"] in {started.date().isoformat(),
                         (started - datetime.timedelta(seconds=30)).date().isoformat()}


def test_the_entry_goes_on_the_utc_day_the_timer_started(server, api, task, owner):
    start(api, task)
    backdate(server, owner, 3 * DAY_MS)
    stop(api, task)
    [e] = entries(api, task)
    want = {(datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=3, seconds=s))
            .date().isoformat() for s in (0, 30)}
    assert e["date"] in want


def test_stop_touches_the_tasks_updated_at(api, task):
    start(api, task)
    before = get_task(api, task)["updatedAt"]
    time.sleep(1.1)  # updatedAt has one-second resolution
    stop(api, task)
    assert get_task(api, task)["updatedAt"] > before


def test_a_timer_entry_can_be_edited_and_deleted_like_any_entry_and_stays_type_1(api, task):
    start(api, task)
    stop(api, task)
    [e] = entries(api, task)
    r = api.put(f"/tm/tasks/{task}/time-entries/{e['id']}", json={"duration": 42})
    got = assert_envelope("PUT", "/tm/tasks/{task_id}/time-entries/{time_entry_id}", r)["data"]
    assert got["type"] == 1 and got["duration"] == 42
    r = api.delete(f"/tm/tasks/{task}/time-entries/{e['id']}")
    assert r.status_code == 200
    assert entries(api, task) == []


# ---- one timer per member --------------------------------------------------------------------

def test_starting_on_another_task_stops_the_first_and_records_its_entry(api, owner):
    t1, t2 = new_task(api, "first"), new_task(api, "second")
    start(api, t1)
    start(api, t2)
    [e1] = entries(api, t1)
    assert e1["type"] == 1 and e1["userId"] == owner and e1["duration"] == 1
    assert entries(api, t2) == []
    assert_not_running(api.post(f"/tm/tasks/{t1}/stop-timer"))
    stop(api, t2)
    assert [e["type"] for e in entries(api, t2)] == [1]
    assert len(entries(api, t1)) == 1


def test_switching_tasks_records_the_first_tasks_elapsed_time(server, api, owner):
    t1, t2 = new_task(api, "first"), new_task(api, "second")
    start(api, t1)
    backdate(server, owner, 20 * MINUTE_MS)
    start(api, t2)
    [e1] = entries(api, t1)
    assert e1["duration"] in (20, 21)
    stop(api, t2)
    [e2] = entries(api, t2)
    assert e2["duration"] == 1


def test_timers_are_per_member(api, api_member, task, owner):
    other = me(api_member)
    start(api, task)
    assert_not_running(api_member.post(f"/tm/tasks/{task}/stop-timer"))
    start(api_member, task)
    stop(api_member, task)
    [e] = entries(api, task)
    assert e["userId"] == other
    stop(api, task)
    assert sorted(x["userId"] for x in entries(api, task)) == sorted([owner, other])


def test_a_member_stopping_on_another_task_than_their_timer_is_422_and_keeps_it(api, owner):
    t1, t2 = new_task(api, "running"), new_task(api, "idle")
    start(api, t1)
    assert_not_running(api.post(f"/tm/tasks/{t2}/stop-timer"))
    stop(api, t1)
    assert len(entries(api, t1)) == 1
    assert entries(api, t2) == []


# ---- not found, deleted tasks, other workspaces ----------------------------------------------

@pytest.mark.parametrize("tid", ["999999999", "abc", "0", "-1"])
@pytest.mark.parametrize("op", ["start-timer", "stop-timer"])
def test_a_timer_on_a_missing_task_is_404(api, tid, op):
    assert_404(api.post(f"/tm/tasks/{tid}/{op}"))


def test_a_timer_on_a_deleted_task_is_404(api, task):
    assert api.delete(f"/tm/tasks/{task}").status_code == 200
    assert_404(api.post(f"/tm/tasks/{task}/start-timer"))
    assert_404(api.post(f"/tm/tasks/{task}/stop-timer"))


def test_deleting_a_task_discards_its_running_timer_without_an_entry(server, api, owner):
    t1, t2 = new_task(api, "doomed"), new_task(api, "next")
    start(api, t1)
    assert api.delete(f"/tm/tasks/{t1}").status_code == 200
    assert_404(api.post(f"/tm/tasks/{t1}/stop-timer"))
    assert_not_running(api.post(f"/tm/tasks/{t2}/stop-timer"))
    start(api, t2)
    assert get_task(api, t1)["timeEntries"] == []
    stop(api, t2)
    assert len(entries(api, t2)) == 1
    assert get_task(api, t1)["timeEntries"] == []
    assert timer_rows(server, owner) == []


def test_another_workspace_cannot_start_or_stop_a_timer_on_a_task(api, api_b, task, owner):
    start(api, task)
    assert_404(api_b.post(f"/tm/tasks/{task}/start-timer"))
    assert_404(api_b.post(f"/tm/tasks/{task}/stop-timer"))
    assert entries(api, task) == []
    stop(api, task)  # A's timer still ran
    assert [e["userId"] for e in entries(api, task)] == [owner]


def test_another_workspaces_timer_does_not_stop_when_a_timer_starts_here(api, api_b, owner):
    a_task = new_task(api, "A")
    b_task = new_task(api_b, "B")
    start(api, a_task)
    start(api_b, b_task)
    assert entries(api, a_task) == []
    stop(api, a_task)
    stop(api_b, b_task)
    assert [e["userId"] for e in entries(api_b, b_task)] == [me(api_b)]


# ---- restart ---------------------------------------------------------------------------------

def test_a_running_timer_survives_a_server_restart(fresh_db, tmp_path):
    token = provision(fresh_db, "Timers", "o@timer.test")
    srv = Server(fresh_db, tmp_path / "first.log").wait_ready()
    try:
        c = Api(srv.base, token)
        tid = new_task(c, "survivor")
        start(c, tid)
        c.close()
        assert srv.stop() == 0
        srv = Server(fresh_db, tmp_path / "second.log").wait_ready()
        c = Api(srv.base, token)
        stop(c, tid)
        [e] = entries(c, tid)
        assert e["type"] == 1 and e["duration"] >= 1
        assert_not_running(c.post(f"/tm/tasks/{tid}/stop-timer"))
        c.close()
        assert srv.stop() == 0
        log = srv.log_text()
        assert not [m for m in SANITIZER_MARKS if m in log], log
    finally:
        srv.kill()


# ---- concurrency -----------------------------------------------------------------------------

def test_concurrent_starts_leave_one_timer_and_record_every_other_run(server):
    """Writers are serialised, so n racing starts on n tasks behave as some order of them:
    n - 1 runs recorded, one timer left running."""
    n = 8
    setup = server.api("member")
    tasks = [new_task(setup, f"race {i}") for i in range(n)]
    clients = [server.api("member") for _ in range(n)]
    try:
        with ThreadPoolExecutor(max_workers=n) as pool:
            codes = list(pool.map(
                lambda ct: ct[0].post(f"/tm/tasks/{ct[1]}/start-timer").status_code,
                zip(clients, tasks)))
        assert codes == [200] * n
        counts = [len(entries(setup, t)) for t in tasks]
        assert sorted(counts) == [0] + [1] * (n - 1)
        [running] = [t for t, k in zip(tasks, counts) if k == 0]
        stops = [setup.post(f"/tm/tasks/{t}/stop-timer").status_code for t in tasks]
        assert stops == [200 if t == running else 422 for t in tasks]
        assert [len(entries(setup, t)) for t in tasks] == [1] * n
    finally:
        for c in clients:
            c.close()
        setup.close()

"""Time entries of a task: POST /tm/tasks/{task_id}/time-entries (userId, isOvertime, date,
duration all required; answers the manual entry under `data`), PUT …/{time_entry_id}
(partial, same validation), DELETE (bare success); entries show in the task's timeEntries;
writes touch the task's updatedAt; a deleted, missing or foreign task, and an entry that is
not one of the task's, are 404 and change nothing (src/api/tm/tm_time.c)."""
import datetime
import time

import pytest

from tasks_kit import fetch_task as get_task
from tasks_kit import time_entries as entries
from weeekd_http import REQUIRED, UUID_RE, assert_404, assert_422, assert_envelope, me

CREATE = "/tm/tasks/{task_id}/time-entries"
ENTRY = "/tm/tasks/{task_id}/time-entries/{time_entry_id}"
USER_INVALID = "The selected user id is invalid."
USER_NOT_STRING = "The user id must be a string."
OVERTIME_BAD = "The is overtime field must be true or false."
DATE_BAD = "The date does not match the format Y-m-d."
DURATION_RANGE = "The duration must be between 1 and 1440."
DURATION_NOT_INT = "The duration must be an integer."
UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000"
FIELDS = ("userId", "isOvertime", "date", "duration")


def member_id(api, email):
    r = api.get("/ws/members")
    assert r.status_code == 200, r.text
    [m] = [m for m in r.json()["members"] if m["email"] == email]
    return m["id"]


def new_task(api, title="timed task"):
    r = api.post("/tm/tasks", json={"title": title})
    assert r.status_code == 200, r.text
    return r.json()["task"]["id"]


def body(user, **over):
    b = {"userId": user, "isOvertime": False, "date": "2026-03-19", "duration": 90}
    b.update(over)
    return b


def create(api, tid, **fields):
    r = api.post(f"/tm/tasks/{tid}/time-entries", json=fields)
    return assert_envelope("POST", CREATE, r)["data"]


def update(api, tid, eid, **fields):
    r = api.put(f"/tm/tasks/{tid}/time-entries/{eid}", json=fields)
    return assert_envelope("PUT", ENTRY, r)["data"]


def delete_task(api, tid):
    r = api.delete(f"/tm/tasks/{tid}")
    assert r.status_code == 200, r.text


@pytest.fixture
def owner(api):
    return me(api)


@pytest.fixture
def task(api):
    return new_task(api)


@pytest.fixture
def entry(api, task, owner):
    """(task id, an entry on it)"""
    return task, create(api, task, **body(owner))


# ---- create ----------------------------------------------------------------------------------

def test_create_answers_a_manual_entry_with_a_uuid_and_seconds(api, task, owner):
    e = create(api, task, **body(owner, isOvertime=True, date="2026-03-19", duration=90))
    assert UUID_RE.match(e["id"]), e["id"]
    assert {k: v for k, v in e.items() if k != "id"} == {
        "userId": owner, "type": 2, "isOvertime": True, "date": "2026-03-19", "duration": 90,
        "durationSeconds": 5400}


def test_created_entries_appear_in_the_tasks_time_entries_in_creation_order(api, task, owner):
    assert entries(api, task) == []
    first = create(api, task, **body(owner, duration=15))
    time.sleep(0.005)  # entries are ordered by creation time in ms
    second = create(api, task, **body(owner, duration=30, date="2024-02-29"))
    assert entries(api, task) == [first, second]


def test_entries_stay_on_their_own_task(api, owner):
    t1, t2 = new_task(api, "one"), new_task(api, "two")
    e = create(api, t1, **body(owner))
    assert [x["id"] for x in entries(api, t1)] == [e["id"]]
    assert entries(api, t2) == []


def test_an_entry_may_be_logged_for_another_member_of_the_workspace(api, task):
    other = member_id(api, "member@a.test")
    e = create(api, task, **body(other))
    assert e["userId"] == other


def test_a_member_token_logs_on_the_workspaces_tasks(api, api_member, task, owner):
    e = create(api_member, task, **body(owner))
    assert e["userId"] == owner
    assert e["id"] in [x["id"] for x in entries(api, task)]


def test_create_touches_the_tasks_updated_at(api, task, owner):
    before = get_task(api, task)["updatedAt"]
    time.sleep(1.1)  # updatedAt has one-second resolution
    create(api, task, **body(owner))
    assert get_task(api, task)["updatedAt"] > before


@pytest.mark.parametrize("value,expected", [
    (True, True), (False, False), (1, True), (0, False), ("1", True), ("0", False),
    ("true", True), ("false", False)])
def test_create_accepts_booleans_as_clients_send_them(api, task, owner, value, expected):
    assert create(api, task, **body(owner, isOvertime=value))["isOvertime"] is expected


@pytest.mark.parametrize("value,expected", [(1, 1), (1440, 1440), ("45", 45), (30.0, 30),
                                            (" 7 ", 7)])
def test_create_accepts_durations_from_1_to_1440_minutes(api, task, owner, value, expected):
    e = create(api, task, **body(owner, duration=value))
    assert e["duration"] == expected
    assert e["durationSeconds"] == expected * 60


@pytest.mark.parametrize("date", ["2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31",
                                  "1970-01-01", " 2026-12-01 "])
def test_create_accepts_real_calendar_dates(api, task, owner, date):
    assert create(api, task, **body(owner, date=date))["date"] == date.strip()


def test_create_without_a_body_names_every_field_required(api, task):
    r = api.post(f"/tm/tasks/{task}/time-entries")
    assert_422(r, {f: [REQUIRED] for f in FIELDS})
    r = api.post(f"/tm/tasks/{task}/time-entries", json={})
    assert_422(r, {f: [REQUIRED] for f in FIELDS})


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("how", ["absent", "null", "blank"])
def test_create_requires_each_field(api, task, owner, field, how):
    b = body(owner)
    if how == "absent":
        del b[field]
    else:
        b[field] = None if how == "null" else "  "
    assert_422(api.post(f"/tm/tasks/{task}/time-entries", json=b), {field: [REQUIRED]})
    assert entries(api, task) == []


@pytest.mark.parametrize("value", [UNKNOWN_UUID, "not-a-uuid", "0"])
def test_create_with_an_unknown_user_is_422(api, task, value):
    assert_422(api.post(f"/tm/tasks/{task}/time-entries", json=body(value)),
               {"userId": [USER_INVALID]})


def test_create_for_a_member_of_another_workspace_is_422(api, api_b, task):
    assert_422(api.post(f"/tm/tasks/{task}/time-entries", json=body(me(api_b))),
               {"userId": [USER_INVALID]})


@pytest.mark.parametrize("value", [123, True, ["x"], {"id": "x"}])
def test_create_with_a_non_string_user_is_422(api, task, value):
    assert_422(api.post(f"/tm/tasks/{task}/time-entries", json=body(value)),
               {"userId": [USER_NOT_STRING]})


@pytest.mark.parametrize("value", [2, -1, "yes", "2", 0.5, [], {}])
def test_create_with_a_non_boolean_overtime_is_422(api, task, owner, value):
    assert_422(api.post(f"/tm/tasks/{task}/time-entries", json=body(owner, isOvertime=value)),
               {"isOvertime": [OVERTIME_BAD]})


@pytest.mark.parametrize("value", [
    "2026-02-30", "2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10",
    "2026-01-00", "0000-01-01", "19.03.2026", "2026-3-19", "2026/03/19", "26-03-19",
    "2026-03-19T10:00:00Z", "2026-03-19 10:00", "today", 20260319, 1.5, True, ["2026-03-19"],
    {"date": "2026-03-19"}])
def test_create_with_a_date_that_is_not_a_real_y_m_d_day_is_422(api, task, owner, value):
    assert_422(api.post(f"/tm/tasks/{task}/time-entries", json=body(owner, date=value)),
               {"date": [DATE_BAD]})


@pytest.mark.parametrize("value", [0, -1, 1441, 100000, "0", "1441"])
def test_create_with_a_duration_outside_1_to_1440_is_422(api, task, owner, value):
    assert_422(api.post(f"/tm/tasks/{task}/time-entries", json=body(owner, duration=value)),
               {"duration": [DURATION_RANGE]})


@pytest.mark.parametrize("value", ["abc", 1.5, "1.5", "1e3", True, [], {}])
def test_create_with_a_non_integer_duration_is_422(api, task, owner, value):
    assert_422(api.post(f"/tm/tasks/{task}/time-entries", json=body(owner, duration=value)),
               {"duration": [DURATION_NOT_INT]})


def test_create_names_every_failing_field_in_order(api, task):
    r = api.post(f"/tm/tasks/{task}/time-entries",
                 json={"userId": UNKNOWN_UUID, "isOvertime": "maybe", "date": "2026-02-30",
                       "duration": 0})
    assert_422(r, {"userId": [USER_INVALID], "isOvertime": [OVERTIME_BAD], "date": [DATE_BAD],
                   "duration": [DURATION_RANGE]})


def test_create_ignores_unknown_fields_and_a_sent_type(api, task, owner):
    e = create(api, task, **body(owner, type=1, id=UNKNOWN_UUID, durationSeconds=5, extra="x"))
    assert e["type"] == 2
    assert e["id"] != UNKNOWN_UUID
    assert e["durationSeconds"] == 90 * 60


@pytest.mark.parametrize("tid", ["999999999", "abc", "0", "-1", "1.5"])
def test_create_on_a_missing_task_is_404(api, owner, tid):
    assert_404(api.post(f"/tm/tasks/{tid}/time-entries", json=body(owner)))


def test_create_on_a_missing_task_is_404_before_validation(api):
    assert_404(api.post("/tm/tasks/999999999/time-entries", json={}))


def test_create_on_a_deleted_task_is_404(api, task, owner):
    delete_task(api, task)
    assert_404(api.post(f"/tm/tasks/{task}/time-entries", json=body(owner)))
    assert entries(api, task) == []


def test_create_on_another_workspaces_task_is_404_and_logs_nothing(api, api_b, task, owner):
    assert_404(api_b.post(f"/tm/tasks/{task}/time-entries", json=body(me(api_b))))
    assert_404(api_b.post(f"/tm/tasks/{task}/time-entries", json=body(owner)))
    assert entries(api, task) == []


# ---- update ----------------------------------------------------------------------------------

def test_update_changes_every_field_and_answers_the_entry(api, entry):
    tid, e = entry
    other = member_id(api, "member@a.test")
    got = update(api, tid, e["id"], userId=other, isOvertime=True, date="2025-12-31",
                 duration=1440)
    assert got == {"id": e["id"], "userId": other, "type": 2, "isOvertime": True,
                   "date": "2025-12-31", "duration": 1440, "durationSeconds": 86400}
    assert entries(api, tid) == [got]


@pytest.mark.parametrize("field,value,expect", [
    ("isOvertime", "1", True), ("date", "2024-02-29", "2024-02-29"), ("duration", 5, 5)])
def test_update_is_partial(api, entry, field, value, expect):
    tid, e = entry
    want = {**e, field: expect}
    want["durationSeconds"] = want["duration"] * 60
    assert update(api, tid, e["id"], **{field: value}) == want


def test_update_user_alone_keeps_the_rest(api, entry):
    tid, e = entry
    other = member_id(api, "member@a.test")
    assert update(api, tid, e["id"], userId=other) == {**e, "userId": other}


@pytest.mark.parametrize("payload", [None, b"", b"[]", b"{}"], ids=["none", "empty", "array",
                                                                 "object"])
def test_update_with_nothing_is_a_no_op_answering_the_entry(api, entry, payload):
    tid, e = entry
    r = api.put(f"/tm/tasks/{tid}/time-entries/{e['id']}", data=payload,
                headers={"Content-Type": "application/json"} if payload is not None else None)
    assert assert_envelope("PUT", ENTRY, r)["data"] == e


def test_entry_ids_in_the_path_are_matched_ignoring_case(api, entry):
    tid, e = entry
    got = update(api, tid, e["id"].upper(), duration=2)
    assert got == {**e, "duration": 2, "durationSeconds": 120}
    r = api.delete(f"/tm/tasks/{tid}/time-entries/{e['id'].upper()}")
    assert r.status_code == 200, r.text
    assert entries(api, tid) == []


def test_user_ids_are_matched_ignoring_case(api, task, owner):
    assert create(api, task, **body(owner.upper()))["userId"] == owner


def test_update_touches_the_tasks_updated_at(api, entry):
    tid, e = entry
    before = get_task(api, tid)["updatedAt"]
    time.sleep(1.1)
    update(api, tid, e["id"], duration=3)
    assert get_task(api, tid)["updatedAt"] > before


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("value", [None, ""], ids=["null", "blank"])
def test_update_refuses_null_or_blank_for_each_field(api, entry, field, value):
    tid, e = entry
    assert_422(api.put(f"/tm/tasks/{tid}/time-entries/{e['id']}", json={field: value}),
               {field: [REQUIRED]})
    assert entries(api, tid)[0]["duration"] == e["duration"]


@pytest.mark.parametrize("field,value,message", [
    ("userId", UNKNOWN_UUID, USER_INVALID), ("userId", 5, USER_NOT_STRING),
    ("isOvertime", "no", OVERTIME_BAD), ("date", "2026-02-30", DATE_BAD),
    ("date", "01.02.2026", DATE_BAD), ("duration", 1441, DURATION_RANGE),
    ("duration", 0, DURATION_RANGE), ("duration", "x", DURATION_NOT_INT)])
def test_update_validates_like_create_and_changes_nothing(api, entry, field, value, message):
    tid, e = entry
    r = api.put(f"/tm/tasks/{tid}/time-entries/{e['id']}",
                json={"duration": 7, field: value} if field != "duration" else {field: value})
    assert_422(r, {field: [message]})
    [listed] = entries(api, tid)
    assert listed["duration"] == e["duration"] and listed["date"] == e["date"]


def test_update_for_a_member_of_another_workspace_is_422(api, api_b, entry):
    tid, e = entry
    assert_422(api.put(f"/tm/tasks/{tid}/time-entries/{e['id']}", json={"userId": me(api_b)}),
               {"userId": [USER_INVALID]})


@pytest.mark.parametrize("eid", [UNKNOWN_UUID, "abc", "0", "1", "x" * 37,
                                 "00000000-0000-4000-8000-00000000000g"])
def test_update_of_an_unknown_entry_is_404(api, task, eid):
    assert_404(api.put(f"/tm/tasks/{task}/time-entries/{eid}", json={"duration": 5}))


def test_update_of_an_entry_through_another_task_is_404_and_changes_nothing(api, entry):
    tid, e = entry
    other = new_task(api, "other")
    assert_404(api.put(f"/tm/tasks/{other}/time-entries/{e['id']}", json={"duration": 5}))
    assert entries(api, tid)[0]["duration"] == e["duration"]
    assert entries(api, other) == []


def test_update_on_a_missing_task_is_404_before_validation(api, entry):
    _, e = entry
    assert_404(api.put(f"/tm/tasks/999999999/time-entries/{e['id']}", json={"duration": 0}))
    assert_404(api.put(f"/tm/tasks/abc/time-entries/{e['id']}", json={"duration": 5}))


def test_update_of_an_unknown_entry_is_404_before_validation(api, task):
    assert_404(api.put(f"/tm/tasks/{task}/time-entries/{UNKNOWN_UUID}", json={"duration": 0}))


def test_update_on_a_deleted_task_is_404(api, entry):
    tid, e = entry
    delete_task(api, tid)
    assert_404(api.put(f"/tm/tasks/{tid}/time-entries/{e['id']}", json={"duration": 5}))
    assert get_task(api, tid)["timeEntries"][0]["duration"] == e["duration"]


def test_update_from_another_workspace_is_404_and_changes_nothing(api, api_b, entry):
    tid, e = entry
    r = api_b.put(f"/tm/tasks/{tid}/time-entries/{e['id']}",
                  json={"userId": me(api_b), "duration": 5})
    assert_404(r)
    [listed] = entries(api, tid)
    assert listed["duration"] == e["duration"] and listed["userId"] == e["userId"]


# ---- delete ----------------------------------------------------------------------------------

def test_delete_answers_bare_success_and_the_entry_is_gone(api, entry, owner):
    tid, e = entry
    keep = create(api, tid, **body(owner, duration=2))
    r = api.delete(f"/tm/tasks/{tid}/time-entries/{e['id']}")
    assert_envelope("DELETE", ENTRY, r)
    assert r.content == b'{"success":true}'
    assert [x["id"] for x in entries(api, tid)] == [keep["id"]]


@pytest.mark.parametrize("payload", [b"[]", b"{}", b'""'], ids=["array", "object", "string"])
def test_delete_accepts_the_empty_bodies_clients_send(api, entry, payload):
    tid, e = entry
    r = api.delete(f"/tm/tasks/{tid}/time-entries/{e['id']}", data=payload,
                   headers={"Content-Type": "application/json"})
    assert r.status_code == 200, r.text
    assert entries(api, tid) == []


def test_a_second_delete_is_404(api, entry):
    tid, e = entry
    assert api.delete(f"/tm/tasks/{tid}/time-entries/{e['id']}").status_code == 200
    assert_404(api.delete(f"/tm/tasks/{tid}/time-entries/{e['id']}"))
    assert_404(api.put(f"/tm/tasks/{tid}/time-entries/{e['id']}", json={"duration": 5}))


def test_delete_touches_the_tasks_updated_at(api, entry):
    tid, e = entry
    before = get_task(api, tid)["updatedAt"]
    time.sleep(1.1)
    assert api.delete(f"/tm/tasks/{tid}/time-entries/{e['id']}").status_code == 200
    assert get_task(api, tid)["updatedAt"] > before


@pytest.mark.parametrize("eid", [UNKNOWN_UUID, "abc", "1"])
def test_delete_of_an_unknown_entry_is_404(api, task, eid):
    assert_404(api.delete(f"/tm/tasks/{task}/time-entries/{eid}"))


def test_delete_through_another_task_is_404_and_keeps_the_entry(api, entry):
    tid, e = entry
    other = new_task(api, "other")
    assert_404(api.delete(f"/tm/tasks/{other}/time-entries/{e['id']}"))
    assert [x["id"] for x in entries(api, tid)] == [e["id"]]


def test_delete_on_a_deleted_task_is_404_and_keeps_the_entry(api, entry):
    tid, e = entry
    delete_task(api, tid)
    assert_404(api.delete(f"/tm/tasks/{tid}/time-entries/{e['id']}"))
    assert [x["id"] for x in get_task(api, tid)["timeEntries"]] == [e["id"]]


def test_delete_from_another_workspace_is_404_and_keeps_the_entry(api, api_b, entry):
    tid, e = entry
    assert_404(api_b.delete(f"/tm/tasks/{tid}/time-entries/{e['id']}"))
    assert [x["id"] for x in entries(api, tid)] == [e["id"]]


def test_an_entry_dated_today_reads_back_as_todays_utc_date(api, task, owner):
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    assert create(api, task, **body(owner, date=today))["date"] == today

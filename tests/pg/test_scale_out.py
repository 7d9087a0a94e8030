"""Two weeekd processes over one PostgreSQL database behave as one server: writes through one
are read through the other at once, ids are never handed out twice, concurrent writes of
one row serialise (no torn or lost updates), and the only 5xx ever seen is the clean 503
of a busy store."""
import concurrent.futures
import itertools

from conftest import Client, assert_json, assert_ok_or_busy, provision, psql


def create_tag(c, title, color=None):
    body = {"title": title} if color is None else {"title": title, "color": color}
    r = c.call("POST", "/ws/tags", json=body)
    assert r.status_code == 200, (r.status_code, r.text)
    tag = assert_json(r)["tag"]
    assert isinstance(tag["id"], int) and tag["title"] == title
    return tag


def get_tag(c, tag_id):
    r = c.call("GET", f"/ws/tags/{tag_id}")
    body = assert_json(r)
    if r.status_code == 404:
        assert body == {"message": "Record not found"}
        return None
    assert r.status_code == 200, (r.status_code, r.text)
    return body["tag"]


def list_tags(c):
    r = c.call("GET", "/ws/tags")
    assert r.status_code == 200, (r.status_code, r.text)
    return assert_json(r)["tags"]


def color_of(k):
    return "#%06x" % (k * 7919 % 0xFFFFFF)


def test_interleaved_writes_through_two_processes_are_read_through_the_other(shared_db, servers):
    db, token = shared_db
    a, b = (Client(s, token) for s in servers(db))
    expected = {t["id"]: t for t in list_tags(a)}
    seen_ids = set(expected)
    for i in range(60):
        w, r = (a, b) if i % 2 == 0 else (b, a)
        tag = create_tag(w, f"tag {i}", color_of(i))
        assert tag["id"] not in seen_ids, f"id {tag['id']} handed out twice"
        seen_ids.add(tag["id"])
        expected[tag["id"]] = tag
        assert get_tag(r, tag["id"]) == tag  # the other process sees it at once
        if i % 3 == 1:
            # update through the reader, check through the writer
            upd = {"title": f"renamed {i}", "color": color_of(i + 1000)}
            r_upd = r.call("PUT", f"/ws/tags/{tag['id']}", json=upd)
            assert r_upd.status_code == 200 and assert_json(r_upd) == {"success": True}, r_upd.text
            expected[tag["id"]] = {"id": tag["id"], **upd}
            assert get_tag(w, tag["id"]) == expected[tag["id"]]
        if i % 5 == 4:
            # delete through the writer, check through the reader
            r_del = w.call("DELETE", f"/ws/tags/{tag['id']}")
            assert r_del.status_code == 200, r_del.text
            del expected[tag["id"]]
            assert get_tag(r, tag["id"]) is None
            r_again = r.call("DELETE", f"/ws/tags/{tag['id']}")
            assert r_again.status_code == 404, r_again.text
            assert assert_json(r_again) == {"message": "Record not found"}
    # final consistency: both processes and the database agree with the expected model
    want = sorted(expected.values(), key=lambda t: t["id"])
    assert list_tags(a) == want
    assert list_tags(b) == want
    rows = psql(db, "SELECT id, title, color FROM tags ORDER BY id").splitlines()
    assert rows == [f"{t['id']}|{t['title']}|{t['color']}" for t in want]


def test_concurrent_creates_through_two_processes_get_distinct_ids(shared_db, servers):
    db, token = shared_db
    procs = servers(db)
    clients = [Client(s, token) for s in procs for _ in range(4)]
    before = {t["id"] for t in list_tags(clients[0])}

    def work(ci):
        c = clients[ci]
        made, busy = [], 0
        for k in range(40):
            r = c.call("POST", "/ws/tags", json={"title": f"c{ci}-{k}"})
            if assert_ok_or_busy(r):
                made.append(r.json()["tag"])
            else:
                busy += 1
        return made, busy

    with concurrent.futures.ThreadPoolExecutor(len(clients)) as ex:
        results = list(ex.map(work, range(len(clients))))
    made = [t for m, _ in results for t in m]
    ids = [t["id"] for t in made]
    assert len(ids) == len(set(ids)), "an id was handed out twice"
    assert not before & set(ids)
    assert len(made) + sum(b for _, b in results) == 40 * len(clients)
    # every acknowledged create is there, through both processes
    for c in (clients[0], clients[-1]):
        listed = {t["id"]: t for t in list_tags(c)}
        for t in made:
            assert listed[t["id"]] == t
    assert all(p.alive() for p in procs)


def test_concurrent_updates_of_one_tag_serialise(shared_db, servers):
    db, token = shared_db
    procs = servers(db)
    clients = [Client(s, token) for s in procs for _ in range(3)]
    tag = create_tag(clients[0], "contended", color_of(0))
    written = {(tag["title"], tag["color"])}
    counter = itertools.count(1)

    def work(ci):
        c = clients[ci]
        statuses = []
        for _ in range(40):
            k = next(counter)
            body = {"title": f"v{k}", "color": color_of(k)}
            r = c.call("PUT", f"/ws/tags/{tag['id']}", json=body)
            if assert_ok_or_busy(r):  # a 503 wrote nothing
                written.add((body["title"], body["color"]))
            statuses.append(r.status_code)
        return statuses

    with concurrent.futures.ThreadPoolExecutor(len(clients)) as ex:
        statuses = [s for ss in ex.map(work, range(len(clients))) for s in ss]
    assert set(statuses) <= {200, 503}
    final_a, final_b = get_tag(clients[0], tag["id"]), get_tag(clients[-1], tag["id"])
    assert final_a == final_b
    # one whole write won: never the title of one request with the color of another
    assert (final_a["title"], final_a["color"]) in written


def test_partial_updates_from_two_processes_lose_nothing(shared_db, servers):
    """One client renames a tag over and over through one process while another recolours it
    through the other: each PUT reads the row and writes it back, so without serialised
    writers one would put back a stale value of the other's field."""
    db, token = shared_db
    pa, pb = servers(db)
    ca, cb = Client(pa, token), Client(pb, token)
    tag = create_tag(ca, "t0", color_of(0))
    n = 60

    def retitle():
        for k in range(1, n + 1):
            body = {"title": f"t{k}"}
            while not assert_ok_or_busy(ca.call("PUT", f"/ws/tags/{tag['id']}", json=body)):
                pass

    def recolor():
        for k in range(1, n + 1):
            body = {"color": color_of(k)}
            while not assert_ok_or_busy(cb.call("PUT", f"/ws/tags/{tag['id']}", json=body)):
                pass

    with concurrent.futures.ThreadPoolExecutor(2) as ex:
        for f in [ex.submit(retitle), ex.submit(recolor)]:
            f.result()
    final = get_tag(ca, tag["id"])
    assert final == {"id": tag["id"], "title": f"t{n}", "color": color_of(n)}
    assert get_tag(cb, tag["id"]) == final


def test_workspaces_are_isolated_across_processes(shared_db, servers):
    db, token = shared_db
    other = provision(db, workspace="Other", email="o@other.test")
    pa, pb = servers(db)
    mine, theirs = Client(pa, token), Client(pb, other)
    tag = create_tag(mine, "private")
    assert get_tag(theirs, tag["id"]) is None
    r = theirs.call("PUT", f"/ws/tags/{tag['id']}", json={"title": "stolen"})
    assert r.status_code == 404
    r = theirs.call("DELETE", f"/ws/tags/{tag['id']}")
    assert r.status_code == 404
    assert get_tag(mine, tag["id"]) == tag
    assert all(t["id"] != tag["id"] for t in list_tags(theirs))

"""A task's comments and its parent in the task panel (issue 19 in the web interface, ui/
comments.js): the thread reads newest first as the API gives it, with author and time;
a comment is sent with Ctrl+Enter or the Send button and kept byte for byte; one's own
comments can be deleted (two presses), others' cannot; replies; older pages; API errors in
words; comment text and author names that are XSS payloads stay text. Every check is
confirmed through the API."""
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from test_ui_security import IMG, JSLINK, SCRIPT, WATCH, assert_nothing_ran
from ui_kit import (act, browser, named, one, press_twice, shot, type_into, ui, ui_world,  # noqa: F401
                    wait, xq)
from weeekd_http import Api, provision, unique


def new_task(api, title="Discussed", **extra):
    r = api.post("/tm/tasks", json={"title": title, **extra})
    assert r.status_code == 200, r.text
    return r.json()["task"]["id"]


def comment(api, tid, markdown, **extra):
    r = api.post(f"/tm/tasks/{tid}/comments", json={"markdown": markdown, **extra})
    assert r.status_code == 200, r.text
    return r.json()["comment"]


def stored(api, tid):
    r = api.get(f"/tm/tasks/{tid}/comments", params={"limit": 100})
    assert r.status_code == 200, r.text
    return r.json()["comments"]


def member(ui, name):
    """A second member of the interface's workspace (its own token), named name."""
    ws = ui.api.get("/ws").json()["workspace"]["title"]
    return Api(ui.base, provision(ui.server.db, ws, f"{unique('m')}@ui.test", name=name, member=True))


def open_panel(ui, browser, tid):
    browser.get(f"{ui.base}/#/tasks/{tid}")
    panel = wait(lambda: browser.find_element(By.ID, "panel"))
    one(panel, "Title", "input")
    return panel


def shown(panel):
    """(author, text) of every comment in the thread, top to bottom, read in one go (a
    re-render between element-by-element reads would leave them stale)."""
    return [tuple(x) for x in panel.parent.execute_script("""
        return [...arguments[0].querySelectorAll('.comment')].map(c => [
            c.querySelector('.comment-author').innerText.trim(), c.querySelector('.comment-text').innerText.trim()])""",
        panel)]


# The thread is redrawn on every refresh of the panel (its comments are new elements then),
# so a comment is found afresh for each use; the box itself is made once and stays.
def comment_el(panel, text):
    xp = f".//li[contains(@class,'comment')][div[contains(@class,'comment-text')][.={xq(text)}]]"
    return wait(lambda: panel.find_element(By.XPATH, xp), what=f"comment {text!r}")


def test_thread_shows_comments_newest_first_with_author_and_time(ui, browser):
    tid = new_task(ui.api)
    other = member(ui, "Olga Other")
    try:
        first = comment(ui.api, tid, "first")
        comment(other, tid, "second")
        last = comment(ui.api, tid, "third\n  indented line")
    finally:
        other.close()
    panel = open_panel(ui, browser, tid)
    order = [c["markdown"] for c in stored(ui.api, tid)]
    wait(lambda: len(shown(panel)) == 3, what="three comments")
    now = act(lambda: shown(panel))
    assert [text for _, text in now] == order
    assert [a for a, _ in now] == ["Uma Interface", "Olga Other", "Uma Interface"]
    # the text keeps its line breaks and indentation (white-space: pre-wrap)
    assert act(lambda: browser.execute_script("return arguments[0].textContent", comment_el(
        panel, "third\n  indented line").find_element(By.CSS_SELECTOR, ".comment-text"))) == last["markdown"]
    times = act(lambda: [(t.get_attribute("datetime"), t.text)
                         for t in panel.find_elements(By.CSS_SELECTOR, ".comment time")])
    assert times[-1][0] == first["createdAt"] and all(d for d, _ in times)
    assert all(text for _, text in times)


def test_ctrl_enter_sends_a_comment_kept_byte_for_byte_and_the_box_empties(ui, browser):
    tid = new_task(ui.api)
    panel = open_panel(ui, browser, tid)
    assert "No comments yet" in panel.text
    box = one(panel, "Comment", "textarea")  # made once: it stays through re-renders
    box.send_keys("Line one")
    box.send_keys(Keys.SHIFT, Keys.ENTER)  # a plain (shift) Enter is a new line, not a send
    box.send_keys("  **two**")
    assert stored(ui.api, tid) == []
    box.send_keys(Keys.CONTROL, Keys.ENTER, Keys.ENTER)  # pressed twice: sent once
    wait(lambda: stored(ui.api, tid), what="the stored comment")
    wait(lambda: shown(panel), what="the comment in the thread")
    time.sleep(0.3)
    assert len(stored(ui.api, tid)) == 1
    c = stored(ui.api, tid)[0]
    assert c["markdown"] == "Line one\n  **two**"
    assert c["authorId"] == ui.api.get("/user/me").json()["user"]["id"]
    wait(lambda: shown(panel) == [("Uma Interface", "Line one\n  **two**")], what="the new comment")
    assert box.get_attribute("value") == ""
    # the Send button does the same, and the newest comes first
    box.send_keys("by button")
    act(lambda: one(panel, "Send").click())
    wait(lambda: [t for _, t in shown(panel)] == ["by button", "Line one\n  **two**"], what="two comments")
    assert [x["markdown"] for x in stored(ui.api, tid)] == ["by button", "Line one\n  **two**"]


def test_reply_sends_the_parent_id_and_is_shown_as_a_reply(ui, browser):
    tid = new_task(ui.api)
    q = comment(ui.api, tid, "A question?")
    panel = open_panel(ui, browser, tid)
    act(lambda: comment_el(panel, "A question?").find_element(By.XPATH, ".//button[normalize-space()='Reply']").click())
    wait(lambda: "Reply to Uma Interface: A question?" in panel.text, what="the reply note")
    box = one(panel, "Comment", "textarea")
    assert browser.switch_to.active_element == box
    box.send_keys("An answer.", Keys.CONTROL, Keys.ENTER)
    wait(lambda: len(stored(ui.api, tid)) == 2, what="the reply")
    assert stored(ui.api, tid)[0]["parentId"] == q["id"]
    assert "in reply to Uma Interface" in act(lambda: comment_el(panel, "An answer.").text)
    browser.execute_script("arguments[0].scrollIntoView()", panel.find_element(By.CSS_SELECTOR, ".comments"))
    shot(browser, "task-comments")
    assert "Reply to" not in panel.find_element(By.CSS_SELECTOR, ".reply-to").text


def test_own_comment_is_deleted_in_two_presses_and_others_offer_no_delete(ui, browser):
    tid = new_task(ui.api)
    other = member(ui, "Olga Other")
    try:
        comment(other, tid, "not mine")
    finally:
        other.close()
    mine = comment(ui.api, tid, "mine")
    panel = open_panel(ui, browser, tid)
    assert act(lambda: named(comment_el(panel, "not mine"), "Delete comment")) == []
    act(lambda: one(comment_el(panel, "mine"), "Delete comment").click())
    assert [c["id"] for c in stored(ui.api, tid)].count(mine["id"]) == 1  # the first press only asks
    press_twice(lambda: comment_el(panel, "mine"), "Delete comment")
    wait(lambda: [c["markdown"] for c in stored(ui.api, tid)] == ["not mine"], what="the deletion")
    wait(lambda: [t for _, t in shown(panel)] == ["not mine"], what="the thread without it")


def test_api_errors_are_shown_in_words_beside_the_thread(ui, browser):
    tid = new_task(ui.api)
    gone = comment(ui.api, tid, "deleted elsewhere")
    panel = open_panel(ui, browser, tid)
    # a blank comment: the API's 422, in words, as an alert; nothing stored
    box = one(panel, "Comment", "textarea")
    box.send_keys("   ", Keys.CONTROL, Keys.ENTER)
    err = wait(lambda: (lambda e: (e.text, e.get_attribute("role")))(
        panel.find_element(By.CSS_SELECTOR, ".comment-form .status.error")), what="the error")
    assert "markdown: The field is required." in err[0] and err[1] == "alert"
    assert [c["id"] for c in stored(ui.api, tid)] == [gone["id"]]
    # a comment another program deleted: the 404 beside it
    r = ui.api.delete(f"/tm/tasks/{tid}/comments/{gone['id']}", check_ct=False)
    assert r.status_code == 204
    press_twice(lambda: comment_el(panel, "deleted elsewhere"), "Delete comment")
    err = wait(lambda: comment_el(panel, "deleted elsewhere").find_element(By.CSS_SELECTOR, ".status.error").text,
               what="the 404")
    assert "not found" in err.lower()


def test_older_comments_come_with_show_more(ui, browser):
    tid = new_task(ui.api)
    for i in range(53):
        comment(ui.api, tid, f"c{i}")
    panel = open_panel(ui, browser, tid)
    wait(lambda: len(shown(panel)) == 50, what="the first page")
    assert [t for _, t in act(lambda: shown(panel))][:2] == ["c52", "c51"]
    act(lambda: one(panel, "Show older comments").click())
    wait(lambda: len(shown(panel)) == 53, what="every comment")
    assert [t for _, t in act(lambda: shown(panel))] == [f"c{i}" for i in range(52, -1, -1)]
    assert act(lambda: named(panel, "Show older comments")) == []


def test_a_draft_survives_a_refresh_that_shows_a_new_comment(ui, browser):
    tid = new_task(ui.api)
    panel = open_panel(ui, browser, tid)
    box = one(panel, "Comment", "textarea")
    box.send_keys("half written")
    comment(ui.api, tid, "from another program")
    browser.execute_script("window.dispatchEvent(new Event('focus'))")
    wait(lambda: [t for _, t in shown(panel)] == ["from another program"], what="the new comment")
    assert one(panel, "Comment", "textarea").get_attribute("value") == "half written"


def test_comment_text_and_author_name_that_are_markup_stay_text(ui, browser):
    tid = new_task(ui.api)
    evil = member(ui, IMG)
    payload = SCRIPT + IMG + JSLINK + "\n<svg onload=\"window.__xss=9\"></svg>"
    try:
        comment(evil, tid, payload)
    finally:
        evil.close()
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH})
    browser.get(f"{ui.base}/?watched#/tasks/{tid}")  # a new document: the watcher is installed
    panel = wait(lambda: browser.find_element(By.ID, "panel"))
    assert act(lambda: comment_el(panel, payload).find_element(By.CSS_SELECTOR, ".comment-author").text) == IMG
    act(lambda: one(panel, "Reply").click())
    wait(lambda: f"Reply to {IMG}: " in panel.text, what="the reply note")
    assert_nothing_ran(browser)


def test_parent_task_is_set_shown_and_detached_and_a_cycle_is_refused_in_words(ui, browser):
    parent = new_task(ui.api, "Parent one")
    tid = new_task(ui.api, "Child")
    panel = open_panel(ui, browser, tid)
    act(lambda: type_into(one(panel, "Parent task ID", "input"), f"{parent}\n"))
    wait(lambda: ui.api.get(f"/tm/tasks/{tid}").json()["task"]["parentId"] == parent, what="the parent")
    assert tid in ui.api.get(f"/tm/tasks/{parent}").json()["task"]["subTasks"]
    href = wait(lambda: [a.get_attribute("href") for a in named(panel, "Parent one", "a")], what="the parent link")[0]
    assert href.endswith(f"#/tasks/{parent}")
    act(lambda: one(panel, "Detach").click())
    wait(lambda: ui.api.get(f"/tm/tasks/{tid}").json()["task"]["parentId"] is None, what="detached")
    wait(lambda: not named(panel, "Parent one", "a"), what="the link gone")
    # a task cannot become its own parent: the API's 422 in words, nothing changed
    act(lambda: type_into(one(panel, "Parent task ID", "input"), f"{tid}\n"))
    err = wait(lambda: panel.find_element(By.XPATH, ".//fieldset[legend='Parent task']//*[contains(@class,'error')]").text,
               what="the error")
    assert "subtask of itself" in err
    assert ui.api.get(f"/tm/tasks/{tid}").json()["task"]["parentId"] is None


def test_russian_comment_controls(ui, browser):
    tid = new_task(ui.api)
    comment(ui.api, tid, "привет")
    browser.get(f"{ui.base}/?lang=ru#/tasks/{tid}")
    panel = wait(lambda: browser.find_element(By.ID, "panel"))
    box = one(panel, "Комментарий", "textarea")
    one(panel, "Удалить комментарий")
    box.send_keys("ответ", Keys.CONTROL, Keys.ENTER)
    wait(lambda: [c["markdown"] for c in stored(ui.api, tid)] == ["ответ", "привет"], what="the comment")
    browser.get(f"{ui.base}/?lang=en#/")

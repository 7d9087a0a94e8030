"""Headless Chromium for the web-interface tests (tests/http/test_ui_*.py), `make
ui-screenshots` and `make bench-ui`: one driver, found by accessible names the way a
screen-reader user would (issue 16's accessibility contract), and small waits."""
import os
import pathlib
import time

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHOTS = ROOT / "build" / "ui-screenshots"


def chrome(lang="en-US", downloads=None, width=1400, height=900):
    o = webdriver.ChromeOptions()
    # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
              f"--window-size={width},{height}", f"--lang={lang}", "--no-first-run",
              "--disable-extensions", "--disable-background-networking"):
        o.add_argument(a)
    o.add_experimental_option("prefs", {"intl.accept_languages": lang})
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    binary = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
    if os.path.exists(binary):
        o.binary_location = binary
    d = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")),
                         options=o)
    d.set_script_timeout(30)
    if downloads:
        d.execute_cdp_cmd("Browser.setDownloadBehavior",
                          {"behavior": "allow", "downloadPath": str(downloads)})
    return d


def wait(fn, timeout=8, what="condition"):
    """fn's first truthy result within timeout seconds (stale elements are retried)."""
    end = time.time() + timeout
    last = None
    while True:
        try:
            v = fn()
            if v:
                return v
        except (StaleElementReferenceException, WebDriverException) as e:
            last = e
        if time.time() > end:
            raise AssertionError(f"timed out waiting for {what}" + (f": {last}" if last else ""))
        time.sleep(0.05)


def xq(s):
    """An XPath string literal for s."""
    if "'" not in s:
        return f"'{s}'"
    return "concat('" + "', \"'\", '".join(s.split("'")) + "')"


def named(root, name, tags="button|a|input|select|textarea"):
    """Controls whose accessible name is name: visible text, aria-label, or <label for>."""
    n = xq(name)
    conds = [f"normalize-space()={n}", f"@aria-label={n}", f"@placeholder={n}",
             f"@id=//label[normalize-space()={n}]/@for"]
    xp = " | ".join(f".//{t}[{' or '.join(conds)}]" for t in tags.split("|"))
    return [e for e in root.find_elements(By.XPATH, xp) if e.is_displayed()]


def one(root, name, tags="button|a|input|select|textarea", timeout=8):
    return wait(lambda: (named(root, name, tags) or [None])[0], timeout, f"control named {name!r}")


def act(fn, timeout=8, what="action"):
    """Run fn, which finds its elements afresh and acts on them (or reads them), until it
    completes, and return what it returned: a panel re-renders after every save (and on
    its refresh), the board after a move or a write, everything on the periodic refresh,
    so an element found a moment earlier can be replaced under the action; the action is
    then done again on the new one (fn must be safe to repeat: clear before typing, select
    by text). An assertion inside fn is not retried."""
    return wait(lambda: (fn(),), timeout, what)[0]


def press_twice(root, name, confirm="Confirm delete", what="the two-press delete"):
    """A button whose first press asks (it becomes confirm) and whose second acts; root()
    finds the control's container afresh. A re-render between the presses resets it to
    name, which is then pressed again."""
    def once():
        r = root()
        sure = named(r, confirm)
        if sure:
            sure[0].click()
            return True
        one(r, name, timeout=2).click()
        return False
    wait(once, what=what)


def keys_to_focused(d, *keys):
    """Keys to whatever has the focus now (found afresh if a re-render replaced it)."""
    act(lambda: d.switch_to.active_element.send_keys(*keys), what=f"keys {keys!r} to the focused element")


def type_into(el, text):
    el.clear()
    el.send_keys(text)


def sign_in(d, base, token, path="#/"):
    d.get(f"{base}/#token={token}")
    wait(lambda: d.find_elements(By.ID, "rail-projects"), what="the rail after sign-in")
    if path != "#/":
        d.get(f"{base}/{path}")


def column(d, name):
    return wait(lambda: d.find_element(
        By.XPATH, f"//section[contains(@class,'column')][.//h2[normalize-space()={xq(name)}]]"),
        what=f"column {name!r}")


def card_titles(col):
    return [e.text for e in col.find_elements(By.CSS_SELECTOR, ".card .card-title")]


def card(d, title):
    return wait(lambda: d.find_element(
        By.XPATH, f"//li[contains(@class,'card')][.//*[contains(@class,'card-title') and normalize-space()={xq(title)}]]"),
        what=f"card {title!r}")


def _parse_line():
    lines = (ROOT / "ui" / "dom.js").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if "parseFromString" in line)


def js_errors(d):
    """SEVERE browser log entries, except Chromium's CSP reports for the sanitiser's own
    DOMParser call: the inert document it parses a description into inherits the page's
    CSP, which reports (and refuses) the handlers and styles the sanitiser then drops."""
    n = _parse_line()  # Chromium's log counts lines from 0 or 1 depending on the source
    at = (f"/ui/dom.js {n} ", f"/ui/dom.js {n - 1} ")
    return [e for e in d.get_log("browser") if e["level"] == "SEVERE"
            and not (any(a in e["message"] for a in at) and "Content Security Policy" in e["message"])]


def shot(d, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    d.save_screenshot(str(SHOTS / f"{name}.png"))


# ---- fixtures (imported by the test modules) -------------------------------------------
import pytest  # noqa: E402

from weeekd_http import Api, provision, unique  # noqa: E402


class UiWorld:
    """A workspace of its own for the interface tests (the shared workspace A holds every
    other test's projects, which the rail would list), its owner's token and API client."""

    def __init__(self, server, token, downloads):
        self.server = server
        self.base = server.base
        self.token = token
        self.api = Api(server.base, token)
        self.downloads = downloads


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    downloads = tmp_path_factory.mktemp("ui-downloads")
    d = chrome(downloads=downloads)
    d.downloads = downloads
    yield d
    d.quit()


@pytest.fixture(scope="session")
def ui_world(server, browser):
    token = provision(server.db, unique("UI"), f"{unique('ui')}@ui.test", name="Uma Interface")
    w = UiWorld(server, token, browser.downloads)
    yield w
    w.api.close()


@pytest.fixture
def ui(ui_world, browser):
    """The browser signed in to the interface's workspace, at the start page."""
    # leave the last page first (its refresh could still be reaching a server that has
    # stopped, between the backends' runs), then drop what earlier tests logged
    browser.get("about:blank")
    browser.get_log("browser")
    sign_in(browser, ui_world.base, ui_world.token)
    yield ui_world
    errors = [e for e in js_errors(browser) if "favicon" not in e["message"]
              and "status of 4" not in e["message"]]
    assert not errors, f"JavaScript errors: {errors}"

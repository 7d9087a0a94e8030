"""The web interface's CRM (issue 16): the funnel as a pipeline, the deal panel, contacts
and organizations as tables with their panels; and the task list. Checked through the API."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.select import Select

from test_ui_board import drag, fill_new_card
from ui_kit import (act, browser, card, card_titles, column, keys_to_focused, named, one,  # noqa: F401
                    shot, type_into, ui, ui_world, wait)
from weeekd_http import unique


def funnel_with_deals(api, deals=()):
    """A new funnel (three default statuses); deals is [(status index, title, amount)]
    created in that order (each goes on top of its status)."""
    r = api.post("/crm/funnels", json={"name": unique("Sales")})
    assert r.status_code == 200, r.text
    fid = r.json()["funnel"]["id"]
    statuses = api.get(f"/crm/funnels/{fid}/statuses").json()["statuses"]
    for i, title, amount in deals:
        r = api.post(f"/crm/statuses/{statuses[i]['id']}/deals", json={"title": title, "amount": amount})
        assert r.status_code == 200, r.text
    return fid, statuses


def deal_order(api, sid):
    r = api.get(f"/crm/statuses/{sid}/deals")
    assert r.status_code == 200, r.text
    return [d["title"] for d in r.json()["deals"]]


def test_pipeline_shows_statuses_and_deals_and_moves_by_drag_and_keyboard(ui, browser):
    fid, st = funnel_with_deals(ui.api, [(0, "Beta", 200), (0, "Alpha", 1500.5), (1, "Gamma", None)])
    browser.get(f"{ui.base}/#/crm/funnels/{fid}")
    names = [s["name"] for s in st]
    assert act(lambda: card_titles(column(browser, names[0]))) == ["Alpha", "Beta"]
    assert "RUB" in act(lambda: card(browser, "Alpha").text)
    # Alpha below Gamma in the second status
    act(lambda: drag(browser, card(browser, "Alpha"), card(browser, "Gamma"), 10))
    wait(lambda: deal_order(ui.api, st[1]["id"]) == ["Gamma", "Alpha"], what="Alpha below Gamma")
    assert deal_order(ui.api, st[0]["id"]) == ["Beta"]
    # Beta with the keyboard: right into the second status, then up to the top
    act(lambda: card(browser, "Beta").send_keys(Keys.ALT, Keys.ARROW_RIGHT))
    wait(lambda: deal_order(ui.api, st[1]["id"]) == ["Beta", "Gamma", "Alpha"], what="Beta moved")
    keys_to_focused(browser, Keys.ALT, Keys.ARROW_DOWN)
    wait(lambda: deal_order(ui.api, st[1]["id"]) == ["Gamma", "Beta", "Alpha"], what="Beta one down")
    shot(browser, "pipeline")


def test_new_deal_and_status_created_in_the_pipeline_exist_in_the_api(ui, browser):
    fid, st = funnel_with_deals(ui.api)
    browser.get(f"{ui.base}/#/crm/funnels/{fid}")
    act(lambda: one(column(browser, st[0]["name"]), "New deal").click())
    act(lambda: type_into(one(column(browser, st[0]["name"]), "Title", "input"), "Big contract\n"))
    wait(lambda: deal_order(ui.api, st[0]["id"]) == ["Big contract"])
    act(lambda: one(browser, "New status").click())
    act(lambda: type_into(one(browser, "Name", "input"), "Negotiation\n"))
    column(browser, "Negotiation")
    assert [s["name"] for s in ui.api.get(f"/crm/funnels/{fid}/statuses").json()["statuses"]][-1] == "Negotiation"


def test_deal_panel_saves_fields_links_a_contact_and_changes_status(ui, browser):
    fid, st = funnel_with_deals(ui.api, [(0, "Panel deal", 10)])
    did = ui.api.get(f"/crm/statuses/{st[0]['id']}/deals").json()["deals"][0]["id"]
    first = unique("Carol")
    ui.api.post("/crm/contacts", json={"firstName": first, "lastName": "Client"})
    browser.get(f"{ui.base}/#/crm/funnels/{fid}")
    act(lambda: card(browser, "Panel deal").click())
    wait(lambda: browser.current_url.endswith(f"#/crm/deals/{did}"))

    def panel():
        return browser.find_element(By.ID, "panel")

    act(lambda: type_into(one(panel(), "Title", "input"), "Renamed deal\t"))
    wait(lambda: ui.api.get(f"/crm/deals/{did}").json()["deal"]["title"] == "Renamed deal")
    act(lambda: type_into(one(panel(), "Amount, RUB", "input"), "4200\t"))
    wait(lambda: ui.api.get(f"/crm/deals/{did}").json()["deal"]["amount"] == 4200)
    act(lambda: Select(one(panel(), "Result", "select")).select_by_visible_text("Won"))
    wait(lambda: ui.api.get(f"/crm/deals/{did}").json()["deal"]["winStatus"] == "won")

    def add_contact():
        Select(one(panel(), "Add: Contacts", "select")).select_by_visible_text(f"{first} Client")
        panel().find_element(By.XPATH, ".//fieldset[legend='Contacts']//button[normalize-space()='Add']").click()
    act(add_contact)
    wait(lambda: len(ui.api.get(f"/crm/deals/{did}").json()["deal"]["contacts"]) == 1, what="the contact link")
    act(lambda: Select(one(panel(), "Status", "select")).select_by_visible_text(st[2]["name"]))
    wait(lambda: ui.api.get(f"/crm/deals/{did}").json()["deal"]["statusId"] == st[2]["id"])
    wait(lambda: card_titles(column(browser, st[2]["name"])) == ["Renamed deal"], what="the card in its new status")


def test_contacts_table_searches_pages_by_address_and_creates_and_edits_in_its_panel(ui, browser):
    tag = unique("Zed")
    for i in range(3):
        ui.api.post("/crm/contacts", json={"firstName": f"{tag}{i}", "emails": [f"z{i}@x.test"]})
    browser.get(f"{ui.base}/#/crm/contacts")
    act(lambda: type_into(one(browser, "Search", "input"), tag + "\n"))
    wait(lambda: browser.current_url.endswith(f"#/crm/contacts?search={tag}"), what="the filter in the address")
    rows = wait(lambda: [r.text for r in browser.find_elements(By.CSS_SELECTOR, "tbody tr")
                         if tag in r.text] or None)
    assert len(rows) == 3 and "z0@x.test" in " ".join(rows)
    act(lambda: type_into(one(browser, "First name", "input"), f"{tag}New\n"))
    wait(lambda: "/crm/contacts/" in browser.current_url, what="the new contact's panel")
    act(lambda: type_into(one(browser.find_element(By.ID, "panel"), "Last name", "input"), "Person\t"))
    wait(lambda: any(c["lastName"] == "Person" for c in
                     ui.api.get("/crm/contacts", params={"search": f"{tag}New"}).json()["contacts"]))
    act(lambda: type_into(one(browser.find_element(By.ID, "panel"), "Add: Emails", "input"), "new@x.test\n"))
    wait(lambda: [e["email"] for c in ui.api.get("/crm/contacts", params={"search": f"{tag}New"}).json()["contacts"]
                  for e in c["emails"]] == ["new@x.test"])


def test_organizations_table_creates_and_links_a_contact(ui, browser):
    name = unique("Acme")
    who = unique("Dora")
    ui.api.post("/crm/contacts", json={"firstName": who})
    browser.get(f"{ui.base}/#/crm/organizations")
    act(lambda: type_into(one(browser, "Name", "input"), name + "\n"))
    wait(lambda: "/crm/organizations/" in browser.current_url)
    oid = browser.current_url.rsplit("/", 1)[1]

    def add_contact():
        panel = browser.find_element(By.ID, "panel")
        Select(one(panel, "Add: Contacts", "select")).select_by_visible_text(who)
        panel.find_element(By.XPATH, ".//fieldset[legend='Contacts']//button[normalize-space()='Add']").click()
    act(add_contact)
    wait(lambda: len(ui.api.get(f"/crm/organizations/{oid}").json()["organization"]["contacts"]) == 1)
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    wait(lambda: browser.current_url.endswith("#/crm/organizations"))
    wait(lambda: any(name in r.text for r in browser.find_elements(By.CSS_SELECTOR, "tbody tr")))


def test_task_list_filters_by_search_and_completion_in_the_address(ui, browser):
    word = unique("needle")
    pid = ui.api.post("/tm/projects", json={"name": unique("List")}).json()["project"]["id"]
    ids = [ui.api.post("/tm/tasks", json={"title": f"{word} {i}", "projectId": pid}).json()["task"]["id"]
           for i in range(3)]
    ui.api.post(f"/tm/tasks/{ids[2]}/complete")
    browser.get(f"{ui.base}/#/tasks?search={word}")
    rows = lambda: [r.text for r in browser.find_elements(By.CSS_SELECTOR, "tbody tr") if word in r.text]  # noqa: E731
    wait(lambda: len(rows()) == 2, what="two open tasks")

    def completed():
        Select(one(browser, "Status", "select")).select_by_visible_text("Completed")
        one(browser, "Apply").click()
    act(completed)
    wait(lambda: "completed=1" in browser.current_url and len(rows()) == 1, what="the completed task")
    assert f"{word} 2" in act(lambda: rows()[0])
    act(lambda: browser.find_element(By.LINK_TEXT, f"{word} 2").click())
    wait(lambda: browser.current_url.endswith(f"#/tasks/{ids[2]}"))
    act(lambda: one(browser.find_element(By.ID, "panel"), "Mark not completed").click())
    wait(lambda: ui.api.get(f"/tm/tasks/{ids[2]}").json()["task"]["isCompleted"] is False)


def test_deal_attachment_uploaded_in_the_panel_downloads_the_same_bytes(ui, browser, tmp_path):
    import pathlib
    fid, st = funnel_with_deals(ui.api, [(0, "Contract", 1)])
    did = ui.api.get(f"/crm/statuses/{st[0]['id']}/deals").json()["deals"][0]["id"]
    browser.get(f"{ui.base}/#/crm/deals/{did}")
    panel = wait(lambda: browser.find_element(By.ID, "panel"))
    name = f"{unique('contract')}.pdf"
    src = tmp_path / name
    src.write_bytes(bytes(range(256)) * 8)
    act(lambda: one(panel, "Upload files", "input").send_keys(str(src)))
    wait(lambda: ui.api.get(f"/crm/deals/{did}").json()["deal"]["attachments"], what="the stored file")
    act(lambda: one(panel, f"Download: {name}").click())
    out = pathlib.Path(ui.downloads) / name
    wait(lambda: out.exists() and out.read_bytes() == src.read_bytes(), what="the downloaded file")


def test_russian_pipeline_names_its_controls_in_russian(ui, browser):
    fid, st = funnel_with_deals(ui.api)
    browser.get(f"{ui.base}/?lang=ru#/crm/funnels/{fid}")
    act(lambda: one(column(browser, st[0]["name"]), "Новая сделка").click())
    act(lambda: fill_new_card(browser, st[0]["name"], "Сделка", "Новая сделка", "Название", "Сохранить"))
    wait(lambda: deal_order(ui.api, st[0]["id"]) == ["Сделка"])
    act(lambda: card(browser, "Сделка").click())
    panel = wait(lambda: browser.find_element(By.ID, "panel"))
    assert act(lambda: one(panel, "Название", "input").get_attribute("value")) == "Сделка"
    one(panel, "Сумма, RUB", "input")
    browser.get(f"{ui.base}/?lang=en#/crm/funnels/{fid}")
    act(lambda: one(column(browser, st[0]["name"]), "New deal"))

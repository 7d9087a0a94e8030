#!/usr/bin/env python3
"""gen.py — writes seed/demo.json (Russian) and seed/demo-en.json (English), the demo
workspaces of `weeekd init --seed demo|demo-en` and POST /_weeekd/workspaces "seed"
(src/port/seed.c embeds them). Edit the tables here, run `python3 seed/gen.py`, commit both
outputs. One structure, two languages: the counts are the same in both.

Each output is {"comments": [...], "document": {...}}: "document" is a workspace document
(docs/export-format.md, imported by the same writer as `weeekd import`), "comments" the task
comments it cannot carry ({"task": source task id, "author": source member id, "text"}).
Dates are around the anchor week (Monday 2026-01-05); the seed moves them by whole weeks so
the anchor week becomes the current one."""
import datetime
import json
import os
import sys

ANCHOR = datetime.date(2026, 1, 5)
L = 0  # language index: 0 ru, 1 en


def t(ru, en):
    return (ru, en)


def tr(v):
    return v[L] if isinstance(v, tuple) else v


def day(n):
    return (ANCHOR + datetime.timedelta(days=n)).isoformat()


def phone(p):
    return p if L == 0 else "+44 20 7" + p[-9:]


def uid(kind, n):
    return f"{kind:08x}-0000-4000-8000-{n:012x}"


MEMBERS = [  # the first is the owner: the seed gives its place to the workspace's owner
    (t("Алексей", "Alex"), t("Иванов", "Johnson"), t("Руководитель проекта", "Project lead"), "alex"),
    (t("Анна", "Anna"), t("Смирнова", "Smith"), t("Дизайнер", "Designer"), "anna"),
    (t("Дмитрий", "David"), t("Волков", "Walker"), t("Разработчик", "Developer"), "david"),
    (t("Екатерина", "Kate"), t("Орлова", "Morgan"), t("Менеджер по продажам", "Sales manager"), "kate"),
    (t("Игорь", "Ian"), t("Кузнецов", "Cooper"), t("Тестировщик", "QA engineer"), "ian"),
]
TAGS = [(t("Срочно", "Urgent"), "#e53935"), (t("Дизайн", "Design"), "#8e24aa"),
        (t("Бэкенд", "Backend"), "#1e88e5"), (t("Фронтенд", "Frontend"), "#00897b"),
        (t("Клиент", "Customer"), "#fb8c00"), (t("Баг", "Bug"), "#6d4c41")]
COLORS = ["blue", "green", "yellow", "red", "purple", "turquoise"]

# (project, color, [(board, [columns])])
PROJECTS = [
    (t("Сайт компании", "Company website"), "#1e88e5",
     t("Новый сайт: каталог, блог и форма заявки", "The new site: catalogue, blog and a lead form"),
     [(t("Разработка", "Development"), [t("Бэклог", "Backlog"), t("В работе", "In progress"),
                                        t("На проверке", "Review"), t("Готово", "Done")]),
      (t("Дизайн", "Design"), [t("Идеи", "Ideas"), t("В работе", "In progress"), t("Готово", "Done")])]),
    (t("Мобильное приложение", "Mobile app"), "#43a047",
     t("Приложение для клиентов на iOS и Android", "The customer app for iOS and Android"),
     [(t("Спринт 12", "Sprint 12"), [t("К выполнению", "To do"), t("В работе", "In progress"),
                                     t("Тестирование", "Testing"), t("Готово", "Done")])]),
]

# (title, board index 0..2, column index, assignee index, priority|None, tags, start, due, type)
TASKS = [
    (t("Согласовать структуру сайта", "Agree on the site map"), 0, 3, 0, 2, [4], -14, -9, "meet"),
    (t("Настроить CI для сайта", "Set up CI for the site"), 0, 3, 2, 1, [2], -12, -8, "action"),
    (t("Сверстать главную страницу", "Build the home page"), 0, 1, 2, 2, [3], -3, 2, "action"),
    (t("API каталога товаров", "Product catalogue API"), 0, 1, 2, 2, [2], -2, 4, "action"),
    (t("Форма заявки с капчей", "Lead form with a captcha"), 0, 2, 2, 1, [3, 2], -5, 0, "action"),
    (t("Блог: список и страница статьи", "Blog: list and article page"), 0, 0, 2, 1, [3], 7, 14, "action"),
    (t("Поиск по каталогу", "Catalogue search"), 0, 0, 2, 0, [2], 14, 21, "action"),
    (t("Исправить вёрстку в Safari", "Fix the layout in Safari"), 0, 1, 4, 2, [5, 3], -1, 1, "action"),
    (t("Настроить аналитику", "Set up analytics"), 0, 0, 0, None, [], None, 10, "action"),
    (t("Тексты для раздела «О нас»", "Copy for the About page"), 0, 2, 3, 0, [4], -4, 3, "action"),
    (t("Перенести старые статьи", "Move the old articles"), 0, 0, 4, 0, [], None, None, "action"),
    (t("Созвон с заказчиком по каталогу", "Call the customer about the catalogue"), 0, 3, 0, 1, [4], -7, -7, "call"),
    (t("Ускорить загрузку картинок", "Make images load faster"), 0, 0, 2, 1, [3], 8, 12, "action"),
    (t("SEO: метатеги и карта сайта", "SEO: meta tags and sitemap"), 0, 1, 2, 1, [2, 3], 0, 5, "action"),
    (t("Макет главной страницы", "Home page mock-up"), 1, 2, 1, 2, [1], -15, -10, "action"),
    (t("Макет карточки товара", "Product page mock-up"), 1, 1, 1, 2, [1], -2, 3, "action"),
    (t("Иконки для каталога", "Catalogue icons"), 1, 1, 1, 1, [1], 0, 4, "action"),
    (t("Тёмная тема", "Dark theme"), 1, 0, 1, 3, [1], None, None, "action"),
    (t("Гайдлайн по цветам", "Colour guideline"), 1, 2, 1, 0, [1], -10, -6, "action"),
    (t("Баннеры для акции", "Banners for the promotion"), 1, 0, 1, 1, [1, 4], 9, 13, "action"),
    (t("Экран входа по коду", "Sign-in with a code screen"), 2, 3, 2, 2, [3], -10, -5, "action"),
    (t("Push-уведомления о заказе", "Order push notifications"), 2, 1, 2, 2, [2], -3, 4, "action"),
    (t("Корзина и оформление заказа", "Cart and checkout"), 2, 1, 2, 2, [3, 2], -4, 6, "action"),
    (t("Офлайн-режим каталога", "Offline catalogue"), 2, 0, 2, 1, [3], 7, 18, "action"),
    (t("Падение при повороте экрана", "Crash on screen rotation"), 2, 2, 4, 2, [5, 0], -1, 0, "action"),
    (t("Регресс перед релизом 1.4", "Regression run before 1.4"), 2, 0, 4, 1, [], 4, 8, "action"),
    (t("Публикация в App Store", "Publish to the App Store"), 2, 0, 0, 2, [0], 9, 11, "action"),
    (t("Планирование спринта 13", "Sprint 13 planning"), 2, 0, 0, 1, [], 11, 11, "meet"),
    (t("Ретро спринта 12", "Sprint 12 retrospective"), 2, 3, 0, 0, [], -3, -3, "meet"),
    (t("Профиль пользователя", "User profile"), 2, 2, 2, 1, [3], -6, 1, "action"),
    (t("Ошибка оплаты картой «Мир»", "Card payment error"), 2, 1, 4, 2, [5, 0, 2], -1, 1, "action"),
    (t("Обновить библиотеки", "Update the libraries"), 2, 3, 2, 0, [2], -9, -8, "action"),
]
# (parent index into TASKS, title, assignee, done)
SUBTASKS = [
    (2, t("Шапка и меню", "Header and menu"), 2, True),
    (2, t("Блок с акциями", "Promotions block"), 2, False),
    (2, t("Подвал", "Footer"), 1, False),
    (22, t("Экран корзины", "Cart screen"), 2, True),
    (22, t("Выбор способа доставки", "Delivery options"), 2, False),
    (22, t("Оплата картой", "Card payment"), 4, False),
    (15, t("Галерея фото", "Photo gallery"), 1, False),
    (15, t("Блок отзывов", "Reviews block"), 1, False),
]
# (task index, member, day, minutes)
TIME = [(0, 0, -9, 90), (1, 2, -9, 240), (1, 2, -8, 120), (2, 2, -2, 300), (2, 2, -1, 180),
        (3, 2, -1, 240), (4, 2, -4, 150), (7, 4, -1, 60), (14, 1, -12, 360), (14, 1, -11, 240),
        (15, 1, -1, 200), (20, 2, -6, 420), (21, 2, -2, 180), (22, 2, -3, 300), (24, 4, -1, 45),
        (29, 2, -4, 240), (31, 2, -8, 90)]
COMMENTS = [
    (2, 0, t("Макет согласован, можно верстать.", "The mock-up is approved, go ahead.")),
    (2, 2, t("Шапка готова, остальное к четвергу.", "Header done, the rest by Thursday.")),
    (24, 4, t("Воспроизводится на Android 13, лог приложил.", "Reproduces on Android 13, log attached.")),
    (24, 2, t("Смотрю, похоже на потерю состояния экрана.", "Looking: the screen state gets lost.")),
    (30, 3, t("Клиент жалуется второй раз, прошу поднять приоритет.",
              "The customer complained twice; please raise the priority.")),
    (15, 0, t("Добавьте, пожалуйста, блок похожих товаров.", "Please add a related products block.")),
]

FUNNEL = (t("Продажи", "Sales"), [t("Новый лид", "New lead"), t("Квалификация", "Qualified"),
                                  t("Предложение", "Proposal"), t("Переговоры", "Negotiation"),
                                  t("Договор", "Contract")])
SOURCES = [t("Сайт", "Website"), t("Рекомендация", "Referral"), t("Выставка", "Trade show")]
ORGS = [
    (t("ООО «Северный ветер»", "North Wind Ltd"), t("Москва, ул. Тверская, 12", "12 High St, London"), "+7 495 100-20-30"),
    (t("АО «Технопарк»", "Technopark Inc"), t("Санкт-Петербург, Невский пр., 45", "45 Market St, Manchester"), "+7 812 200-30-40"),
    (t("ИП Соколова", "Sokol Studio"), t("Казань, ул. Баумана, 7", "7 Queen St, Leeds"), "+7 843 300-40-50"),
    (t("ООО «Вкусный дом»", "Tasty Home Ltd"), t("Екатеринбург, ул. Ленина, 3", "3 Bridge Rd, Bristol"), "+7 343 400-50-60"),
    (t("ООО «Стройинвест»", "BuildInvest Ltd"), t("Новосибирск, Красный пр., 20", "20 Mill Lane, Leeds"), "+7 383 500-60-70"),
    (t("Фонд «Открытое знание»", "Open Knowledge Trust"), t("Москва, ул. Арбат, 9", "9 Park Ave, York"), "+7 495 600-70-80"),
    (t("ООО «Логистик Плюс»", "Logistics Plus Ltd"), t("Самара, ул. Мира, 15", "15 Dock St, Liverpool"), "+7 846 700-80-90"),
    (t("Клиника «Здоровье»", "Health Clinic"), t("Нижний Новгород, ул. Горького, 1", "1 Kings Rd, Oxford"), "+7 831 800-90-10"),
]
# (first, last, org index, email)
CONTACTS = [
    (t("Мария", "Mary"), t("Кузьмина", "Evans"), 0, "m.k"), (t("Олег", "Oliver"), t("Петров", "Brown"), 0, "o.p"),
    (t("Светлана", "Sophie"), t("Белова", "White"), 1, "s.b"), (t("Павел", "Paul"), t("Новиков", "Taylor"), 1, "p.n"),
    (t("Ольга", "Olivia"), t("Соколова", "Green"), 2, "o.s"), (t("Артём", "Arthur"), t("Лебедев", "Hall"), 3, "a.l"),
    (t("Наталья", "Nora"), t("Морозова", "King"), 4, "n.m"), (t("Сергей", "Sam"), t("Зайцев", "Wright"), 4, "s.z"),
    (t("Елена", "Ellen"), t("Попова", "Scott"), 5, "e.p"), (t("Роман", "Robert"), t("Фёдоров", "Clark"), 6, "r.f"),
    (t("Татьяна", "Tanya"), t("Егорова", "Lewis"), 7, "t.e"), (t("Никита", "Nick"), t("Козлов", "Young"), 7, "n.k"),
]
# (title, status, amount, assignee, org, contact, source, win, tags)
DEALS = [
    (t("Редизайн сайта", "Website redesign"), 0, 450000, 3, 0, 0, 0, None, [1]),
    (t("Интернет-магазин", "Online shop"), 0, 1200000, 3, 3, 5, 0, None, [4]),
    (t("Поддержка сайта на год", "A year of site support"), 0, 360000, 0, 5, 8, 1, None, []),
    (t("Мобильное приложение для клиники", "Clinic mobile app"), 0, 2500000, 3, 7, 10, 2, None, [4]),
    (t("Аудит безопасности", "Security audit"), 1, 280000, 0, 1, 2, 1, None, [2]),
    (t("Лендинг для выставки", "Trade show landing page"), 1, 150000, 3, 4, 6, 2, None, [1]),
    (t("Интеграция с 1С", "Accounting integration"), 1, 540000, 3, 6, 9, 0, None, [2]),
    (t("Личный кабинет клиента", "Customer portal"), 1, 900000, 0, 1, 3, 1, None, [3]),
    (t("Чат-бот для поддержки", "Support chatbot"), 2, 320000, 3, 6, 9, 0, None, []),
    (t("Фирменный стиль", "Brand identity"), 2, 210000, 3, 2, 4, 1, None, [1]),
    (t("CRM для отдела продаж", "Sales CRM"), 2, 760000, 0, 4, 7, 2, None, [2]),
    (t("Каталог для дилеров", "Dealer catalogue"), 2, 430000, 3, 0, 1, 0, None, [3]),
    (t("Приложение доставки", "Delivery app"), 3, 1800000, 3, 3, 5, 1, None, [4, 0]),
    (t("Портал для волонтёров", "Volunteer portal"), 3, 640000, 0, 5, 8, 2, None, []),
    (t("Онлайн-запись к врачу", "Online appointments"), 3, 520000, 3, 7, 11, 0, None, [4]),
    (t("Обновление складского учёта", "Warehouse system upgrade"), 3, 980000, 0, 6, 9, 1, None, [2]),
    (t("Сайт жилого комплекса", "Housing project website"), 4, 700000, 3, 4, 6, 2, "won", [1]),
    (t("Техподдержка 24/7", "24/7 support"), 4, 600000, 0, 1, 2, 1, "won", []),
    (t("Программа лояльности", "Loyalty programme"), 4, 850000, 3, 3, 5, 0, "lost", [4]),
    (t("Курс для сотрудников", "Staff training course"), 4, 120000, 3, 5, 8, 1, None, []),
]


def build():
    members = []
    for i, (first, last, pos, login) in enumerate(MEMBERS):
        members.append({"id": uid(1, i + 1), "email": f"{login}@example.com",
                        "firstName": tr(first), "lastName": tr(last), "middleName": None,
                        "position": tr(pos), "timeZone": ["Europe/Moscow", "Europe/London"][L]})
    mid = [m["id"] for m in members]
    tags = [{"id": i + 1, "title": tr(n), "color": c} for i, (n, c) in enumerate(TAGS)]
    est = {"id": uid(2, 1), "name": tr(t("Оценка, ч", "Estimate, h")), "type": "number",
           "config": None, "options": []}
    env = {"id": uid(2, 2), "name": tr(t("Окружение", "Environment")), "type": "select",
           "config": None,
           "options": [{"id": uid(3, i + 1), "name": tr(n), "color": COLORS[i]} for i, n in enumerate(
               [t("Прод", "Production"), t("Стейдж", "Staging"), t("Локально", "Local")])]}
    link = {"id": uid(2, 3), "name": tr(t("Ссылка на макет", "Mock-up link")), "type": "link",
            "config": None, "options": []}
    projects, boards, columns, board_cols = [], [], [], []
    for p, (name, color, desc, bl) in enumerate(PROJECTS):
        projects.append({"id": p + 1, "name": tr(name), "description": tr(desc), "color": color,
                         "isPrivate": False, "portfolioId": None, "isArchived": False,
                         "customFields": [link] if p == 0 else []})
        for bname, cols in bl:
            b = len(boards) + 1
            boards.append({"id": b, "name": tr(bname), "projectId": p + 1})
            ids = []
            for cname in cols:
                c = len(columns) + 1
                columns.append({"id": c, "name": tr(cname), "boardId": b})
                ids.append(c)
            board_cols.append((p + 1, ids))
    tasks = []

    def task(i, title, board, col, who, prio, tg, start, due, typ, parent=None, done=None):
        proj, cols = board_cols[board]
        last = col == len(cols) - 1
        done = last if done is None else done
        cf = []
        if parent is None and i % 3 == 0:
            cf.append({"id": est["id"], "type": "number", "value": 2 + (i * 5) % 14})
        if parent is None and board != 1 and i % 4 == 1:
            cf.append({"id": env["id"], "type": "select", "value": env["options"][i % 3]["id"]})
        if board == 1 and parent is None:
            cf.append({"id": link["id"], "type": "link",
                       "value": f"https://www.figma.com/file/demo{i + 1}"})
        return {"id": i + 1, "title": tr(title), "description": None, "type": typ,
                "priority": prio, "parentId": parent, "startDate": day(start) if start is not None else None,
                "dueDate": day(due) if due is not None else None,
                "duration": None, "isCompleted": done, "isDeleted": False,
                "assignees": [mid[who]], "subscribers": [mid[0]] if who else [],
                "tags": [tg_i + 1 for tg_i in tg],
                "locations": [{"projectId": proj, "boardColumnId": cols[col]}],
                "customFields": cf, "attachments": [], "timeEntries": []}

    for i, (title, board, col, who, prio, tg, start, due, typ) in enumerate(TASKS):
        tasks.append(task(i, title, board, col, who, prio, tg, start, due, typ))
    for k, (parent, title, who, done) in enumerate(SUBTASKS):
        p = TASKS[parent]
        tasks.append(task(len(TASKS) + k, title, p[1], p[2], who, p[4], [], p[6], p[7], "action",
                          parent=parent + 1, done=done))
        tasks[-1]["locations"] = []  # a subtask lives under its parent
    for n, (ti, who, d, minutes) in enumerate(TIME):
        tasks[ti]["timeEntries"].append({"id": uid(4, n + 1), "userId": mid[who], "type": 2,
                                         "isOvertime": False, "date": day(d), "duration": minutes})
    funnel_id = "demo-funnel"
    source = {"id": uid(2, 4), "name": tr(t("Источник", "Source")), "type": "select", "config": None,
              "options": [{"id": uid(3, 10 + i), "name": tr(n), "color": COLORS[i + 3]}
                          for i, n in enumerate(SOURCES)]}
    funnels = [{"id": funnel_id, "name": tr(FUNNEL[0]), "currencyId": [1, 2][L], "isPrivate": False,
                "isBookmarked": True, "customFields": [source]}]
    statuses = [{"id": f"demo-status-{i + 1}", "name": tr(n), "funnelId": funnel_id}
                for i, n in enumerate(FUNNEL[1])]
    orgs = [{"id": uid(5, i + 1), "name": tr(n), "addresses": [{"address": tr(a)}],
             "emails": [{"email": f"info@org{i + 1}.example.com"}], "phones": [{"phone": phone(ph)}],
             "responsibles": [mid[3]], "tags": [5] if i % 2 == 0 else []}
            for i, (n, a, ph) in enumerate(ORGS)]
    contacts = [{"id": uid(6, i + 1), "firstName": tr(f), "lastName": tr(la), "middleName": None,
                 "organizations": [orgs[o]["id"]], "emails": [{"email": f"{e}@org{o + 1}.example.com"}],
                 "phones": [{"phone": phone(f"+7 900 {100 + i:03d}-{10 + i:02d}-{20 + i:02d}")}], "tags": []}
                for i, (f, la, o, e) in enumerate(CONTACTS)]
    deals = [{"id": f"demo-deal-{i + 1}", "title": tr(title), "statusId": statuses[s]["id"],
              "amount": amount if L == 0 else amount // 80, "winStatus": win, "description": None,
              "assignees": [mid[who]], "organizations": [orgs[o]["id"]],
              "contacts": [contacts[c]["id"]], "tags": [x + 1 for x in tg],
              "customFields": [{"id": source["id"], "type": "select",
                                "value": source["options"][src]["id"]}],
              "attachments": [], "tasks": []}
             for i, (title, s, amount, who, o, c, src, win, tg) in enumerate(DEALS)]
    doc = {"format": "weeekd-export", "version": 1, "exportedAt": ANCHOR.isoformat() + "T09:00:00Z",
           "workspace": {"id": 1, "title": tr(t("Демо", "Demo"))}, "members": members, "tags": tags,
           "currencies": [], "customFields": [est, env], "portfolios": [], "projects": projects,
           "boards": boards, "boardColumns": columns, "tasks": tasks, "columnOrders": [],
           "funnels": funnels, "statuses": statuses, "organizations": orgs, "contacts": contacts,
           "deals": deals}
    comments = [{"task": ti + 1, "author": mid[who], "text": tr(text)} for ti, who, text in COMMENTS]
    return {"comments": comments, "document": doc}


if __name__ == "__main__":
    # an output directory may be given (the tests regenerate into one and compare)
    here = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    for L, name in ((0, "demo.json"), (1, "demo-en.json")):
        with open(os.path.join(here, name), "w", encoding="utf-8") as f:
            json.dump(build(), f, ensure_ascii=False, indent=1)
            f.write("\n")

// i18n.js — every string of the interface, in English and Russian. The language comes
// from ?lang=, then the choice made in the rail, then the browser.
const S = {
  en: {
    appName: 'weeekd', signIn: 'Sign in', signOut: 'Sign out', token: 'API token',
    tokenHelp: 'Paste an API token (weeekd init, member add or make run print one).',
    tokenRejected: 'The token was not accepted. Sign in again.',
    taskManager: 'Task manager', crm: 'CRM', projects: 'Projects', portfolios: 'Portfolios',
    noPortfolio: 'No portfolio', portfolio: 'Portfolio', newPortfolio: 'New portfolio', funnels: 'Funnels', contacts: 'Contacts',
    organizations: 'Organizations', allTasks: 'All tasks', language: 'Language',
    collapse: 'Collapse the menu', expand: 'Expand the menu', shortcuts: 'Keyboard shortcuts',
    newProject: 'New project', newBoard: 'New board', newColumn: 'New column',
    newTask: 'New task', newFunnel: 'New funnel', newDeal: 'New deal', newContact: 'New contact',
    newOrganization: 'New organization', newStatus: 'New status', newSubtask: 'New subtask',
    name: 'Name', title: 'Title', save: 'Save', cancel: 'Cancel', close: 'Close',
    create: 'Create', rename: 'Rename column', renameStatus: 'Rename status', delete: 'Delete',
    confirmDelete: 'Confirm delete', loading: 'Loading…', saved: 'Saved', saving: 'Saving…',
    boards: 'Boards', noBoards: 'No boards yet — New board', noTasks: 'No tasks yet — New task',
    noDeals: 'No deals yet — New deal', noColumns: 'No columns yet — New column',
    noRows: 'Nothing found', notFound: 'Not found', welcome: 'Pick a board or a funnel on the left.',
    tasks: 'Tasks', cards: n => `${n} cards`, moreCards: n => `Show ${n} more`,
    moved: (t, col, pos, n) => `${t}: ${col}, position ${pos} of ${n}`,
    description: 'Description', type: 'Type', priority: 'Priority', none: 'None',
    t_action: 'Action', t_meet: 'Meeting', t_call: 'Call',
    p0: 'Low', p1: 'Medium', p2: 'High', p3: 'Hold',
    startDate: 'Start date', startTime: 'Start time', dueDate: 'Due date', dueTime: 'Due time',
    duration: 'Duration, minutes', assignees: 'Assignees', watchers: 'Watchers', tags: 'Tags',
    customFields: 'Custom fields', subtasks: 'Subtasks', timeEntries: 'Time entries',
    timer: 'Timer', startTimer: 'Start timer', stopTimer: 'Stop timer', minutes: 'Minutes',
    date: 'Date', overtime: 'Overtime', addEntry: 'Add time', attachments: 'Attachments',
    upload: 'Upload files', download: 'Download', complete: 'Complete',
    uncomplete: 'Mark not completed', completed: 'Completed', open: 'Open', overdue: 'overdue',
    deleted: 'Deleted', search: 'Search', assignee: 'Assignee', any: 'Any', from: 'From', to: 'To',
    prev: 'Previous page', next: 'Next page', apply: 'Apply', page: n => `Page ${n}`,
    amount: 'Amount', currency: 'Currency', status: 'Status', winStatus: 'Result',
    w_won: 'Won', w_lost: 'Lost', w_archived: 'Archived', add: 'Add', remove: 'Remove',
    firstName: 'First name', lastName: 'Last name', middleName: 'Middle name', emails: 'Emails',
    phones: 'Phones', addresses: 'Addresses', email: 'Email', phone: 'Phone',
    taskPanel: 'Task', dealPanel: 'Deal', contactPanel: 'Contact', orgPanel: 'Organization',
    dragHint: 'Drag a card, or focus it and press Alt+Arrow keys to move it.',
    k_new: 'New task in the focused column', k_search: 'Search', k_close: 'Close a panel or dialog',
    k_boards: 'Go to boards', k_crm: 'Go to the CRM', k_move: 'Move the focused card',
    k_help: 'This list', error: 'Error', filters: 'Filters', yes: 'Yes', no: 'No',
    descReadOnly: 'The API sets a description when a task is created.',
    comments: 'Comments', comment: 'Comment', commentHint: 'Write a comment', sendComment: 'Send',
    sendHint: 'Ctrl+Enter sends', noComments: 'No comments yet — write the first one above.',
    moreComments: 'Show older comments', reply: 'Reply', cancelReply: 'Cancel the reply',
    replyingTo: (who, what) => `Reply to ${who}: ${what}`, inReplyTo: who => `in reply to ${who}`,
    deleteComment: 'Delete comment', k_send: 'Send a comment (in its box)',
    parentTask: 'Parent task', parentId: 'Parent task ID', setParent: 'Set parent', detach: 'Detach',
  },
  ru: {
    appName: 'weeekd', signIn: 'Войти', signOut: 'Выйти', token: 'API-токен',
    tokenHelp: 'Вставьте API-токен (его печатают weeekd init, member add или make run).',
    tokenRejected: 'Токен не принят. Войдите снова.',
    taskManager: 'Таск-менеджер', crm: 'CRM', projects: 'Проекты', portfolios: 'Портфели',
    noPortfolio: 'Без портфеля', portfolio: 'Портфель', newPortfolio: 'Новый портфель', funnels: 'Воронки', contacts: 'Контакты',
    organizations: 'Организации', allTasks: 'Все задачи', language: 'Язык',
    collapse: 'Свернуть меню', expand: 'Развернуть меню', shortcuts: 'Клавиши',
    newProject: 'Новый проект', newBoard: 'Новая доска', newColumn: 'Новая колонка',
    newTask: 'Новая задача', newFunnel: 'Новая воронка', newDeal: 'Новая сделка',
    newContact: 'Новый контакт', newOrganization: 'Новая организация', newStatus: 'Новый статус',
    newSubtask: 'Новая подзадача', name: 'Имя', title: 'Название', save: 'Сохранить',
    cancel: 'Отмена', close: 'Закрыть', create: 'Создать', rename: 'Переименовать колонку',
    renameStatus: 'Переименовать статус', delete: 'Удалить', confirmDelete: 'Точно удалить',
    loading: 'Загрузка…', saved: 'Сохранено', saving: 'Сохранение…', boards: 'Доски',
    noBoards: 'Досок пока нет — Новая доска', noTasks: 'Задач пока нет — Новая задача',
    noDeals: 'Сделок пока нет — Новая сделка', noColumns: 'Колонок пока нет — Новая колонка',
    noRows: 'Ничего не найдено', notFound: 'Не найдено',
    welcome: 'Выберите доску или воронку слева.', tasks: 'Задачи',
    cards: n => `карточек: ${n}`, moreCards: n => `Показать ещё ${n}`,
    moved: (t, col, pos, n) => `${t}: ${col}, место ${pos} из ${n}`,
    description: 'Описание', type: 'Тип', priority: 'Приоритет', none: 'Нет',
    t_action: 'Задача', t_meet: 'Встреча', t_call: 'Звонок',
    p0: 'Низкий', p1: 'Средний', p2: 'Высокий', p3: 'Отложено',
    startDate: 'Дата начала', startTime: 'Время начала', dueDate: 'Срок', dueTime: 'Время срока',
    duration: 'Длительность, минут', assignees: 'Исполнители', watchers: 'Наблюдатели',
    tags: 'Теги', customFields: 'Поля', subtasks: 'Подзадачи', timeEntries: 'Учёт времени',
    timer: 'Таймер', startTimer: 'Запустить таймер', stopTimer: 'Остановить таймер',
    minutes: 'Минуты', date: 'Дата', overtime: 'Сверхурочно', addEntry: 'Добавить время',
    attachments: 'Файлы', upload: 'Загрузить файлы', download: 'Скачать', complete: 'Завершить',
    uncomplete: 'Вернуть в работу', completed: 'Завершена', open: 'Открыта', overdue: 'просрочено',
    deleted: 'Удалено', search: 'Поиск', assignee: 'Исполнитель', any: 'Любой', from: 'С', to: 'По',
    prev: 'Предыдущая страница', next: 'Следующая страница', apply: 'Применить',
    page: n => `Страница ${n}`, amount: 'Сумма', currency: 'Валюта', status: 'Статус',
    winStatus: 'Итог', w_won: 'Выиграна', w_lost: 'Проиграна', w_archived: 'В архиве',
    add: 'Добавить', remove: 'Убрать', firstName: 'Имя', lastName: 'Фамилия',
    middleName: 'Отчество', emails: 'Почта', phones: 'Телефоны', addresses: 'Адреса',
    email: 'Почта', phone: 'Телефон', taskPanel: 'Задача', dealPanel: 'Сделка',
    contactPanel: 'Контакт', orgPanel: 'Организация',
    dragHint: 'Перетащите карточку или выделите её и нажмите Alt+стрелку.',
    k_new: 'Новая задача в выбранной колонке', k_search: 'Поиск', k_close: 'Закрыть панель',
    k_boards: 'К доскам', k_crm: 'В CRM', k_move: 'Переместить выбранную карточку',
    k_help: 'Этот список', error: 'Ошибка', filters: 'Фильтры', yes: 'Да', no: 'Нет',
    descReadOnly: 'Описание задаётся при создании задачи.',
    comments: 'Комментарии', comment: 'Комментарий', commentHint: 'Напишите комментарий',
    sendComment: 'Отправить', sendHint: 'Ctrl+Enter — отправить',
    noComments: 'Комментариев пока нет — напишите первый выше.', moreComments: 'Показать более ранние',
    reply: 'Ответить', cancelReply: 'Не отвечать', replyingTo: (who, what) => `Ответ на комментарий ${who}: ${what}`,
    inReplyTo: who => `в ответ на комментарий ${who}`, deleteComment: 'Удалить комментарий',
    k_send: 'Отправить комментарий (в его поле)', parentTask: 'Родительская задача',
    parentId: 'ID родительской задачи', setParent: 'Сделать подзадачей', detach: 'Отсоединить',
  },
};

const LKEY = 'weeekd.lang';
export let lang = pick();

function pick() {
  const q = new URLSearchParams(location.search).get('lang');
  if (q === 'ru' || q === 'en') return q;
  const saved = localStorage.getItem(LKEY);
  if (saved === 'ru' || saved === 'en') return saved;
  return (navigator.language || 'en').toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

export function setLang(l) {
  localStorage.setItem(LKEY, l);
  lang = l;
  document.documentElement.lang = l;
}

export function t(key, ...args) {
  const v = S[lang][key] ?? S.en[key] ?? key;
  return typeof v === 'function' ? v(...args) : v;
}

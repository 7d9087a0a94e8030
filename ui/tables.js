// tables.js — the task list, contacts and organizations: the API's filters and paging,
// kept in the address so a filtered view is a link; and the contact and organization panels.
import { h, clear, keepFocus } from './dom.js';
import { t } from './i18n.js';
import { get, post, put, del, sharedData, memberName } from './api.js';
import { go } from './router.js';
import { frame, field, deleteButton, status, draftGuard } from './panel.js';
import { crmBook, contactName } from './pipeline.js';
import { linkSet } from './deal-panel.js';

const PER = 50;
const dmy = ymd => (ymd ? ymd.split('-').reverse().join('.') : '');

// A table page: filters (a form whose fields are the address's query), rows, a pager.
async function tablePage(root, o) {
  const q = o.route.query;
  const offset = Number(q.offset) || 0;
  const err = h('p', { class: 'error', role: 'alert' });
  const filters = h('form', { class: 'filters', role: 'search', onsubmit: e => {
    e.preventDefault();
    const f = Object.fromEntries(new FormData(filters));
    go(o.path, f);
  } }, o.filters(q), h('button', { type: 'submit' }, t('apply')));
  const body = h('tbody', {}, h('tr', {}, h('td', { colspan: o.head.length }, t('loading'))));
  const pager = h('div', { class: 'pager' });
  clear(root, h('div', { class: 'page' }, h('h1', {}, o.title), o.create ? o.create() : null, filters, err,
    h('table', {}, h('thead', {}, h('tr', {}, o.head.map(x => h('th', { scope: 'col' }, x)))), body), pager));
  async function load() {
    try {
      const { rows, more } = await o.fetch(q, offset);
      keepFocus(body, () => clear(body, rows.length ? rows.map(o.row)
        : h('tr', {}, h('td', { colspan: o.head.length, class: 'empty' }, t('noRows')))));
      clear(pager,
        h('button', { type: 'button', disabled: offset === 0, onclick: () => go(o.path, { ...q, offset: Math.max(0, offset - PER) || '' }) }, t('prev')),
        h('span', {}, t('page', Math.floor(offset / PER) + 1)),
        h('button', { type: 'button', disabled: !more, onclick: () => go(o.path, { ...q, offset: offset + PER }) }, t('next')));
      err.textContent = '';
    } catch (x) { err.textContent = x.message; }
  }
  await load();
  return { refresh: load };
}

let seq = 0;
const labelled = (label, control) => {
  control.id = `flt-${++seq}`;
  return h('span', { class: 'flt' }, h('label', { for: control.id }, label), control);
};

export async function taskList(root, route) {
  const shared = await sharedData();
  return tablePage(root, {
    route, path: '/tasks', title: t('allTasks'),
    head: [t('title'), t('assignees'), t('tags'), t('dueDate'), t('status')],
    filters: q => [
      labelled(t('search'), h('input', { type: 'search', name: 'search', value: q.search || '' })),
      labelled(t('assignee'), h('select', { name: 'userId' }, h('option', { value: '' }, t('any')),
        [...shared.members.values()].map(m => h('option', { value: m.id, selected: q.userId === m.id }, memberName(m))))),
      labelled(t('tags'), h('select', { name: 'tag' }, h('option', { value: '' }, t('any')),
        [...shared.tags.values()].map(x => h('option', { value: x.id, selected: q.tag === String(x.id) }, x.title)))),
      labelled(t('status'), h('select', { name: 'completed' }, [['', t('open')], ['1', t('completed')], ['all', t('any')]]
        .map(([v, l]) => h('option', { value: v, selected: (q.completed || '') === v }, l)))),
      labelled(t('from'), h('input', { type: 'date', name: 'from', value: q.from || '' })),
      labelled(t('to'), h('input', { type: 'date', name: 'to', value: q.to || '' })),
    ],
    async fetch(q, offset) {
      const query = { search: q.search, userId: q.userId, tags: q.tag ? [q.tag] : undefined, perPage: PER, offset };
      if (q.completed === '1') query.completed = 1;
      if (q.completed === 'all') query.all = 1;
      if (q.from || q.to) { query.startDate = dmy(q.from || q.to); query.endDate = dmy(q.to || q.from); }
      const r = await get('/tm/tasks', query);
      return { rows: r.tasks, more: r.hasMore };
    },
    row: x => h('tr', {},
      h('td', {}, h('a', { href: `#/tasks/${x.id}` }, x.title)),
      h('td', {}, (x.assignees || []).map(id => memberName(shared.members.get(id))).join(', ')),
      h('td', {}, (x.tags || []).map(id => shared.tags.get(id)?.title ?? id).join(', ')),
      h('td', {}, x.dueDate || ''),
      h('td', {}, x.isDeleted ? t('deleted') : x.isCompleted ? t('completed') : t('open'))),
  });
}

function quickCreate(label, fields, make) {
  const err = h('span', { class: 'error', role: 'alert' });
  const inputs = fields.map(([name, l, req]) => h('input', { name, 'aria-label': l, placeholder: l, required: req }));
  const form = h('form', { class: 'inline', onsubmit: async e => {
    e.preventDefault();
    try { await make(Object.fromEntries(new FormData(form))); form.reset(); err.textContent = ''; } catch (x) { err.textContent = x.message; }
  } }, h('strong', {}, label), inputs, h('button', { type: 'submit' }, t('create')), err);
  return form;
}

const searchFilter = q => labelled(t('search'), h('input', { type: 'search', name: 'search', value: q.search || '' }));
const list = (items, key) => (items || []).map(x => x[key]).join(', ');

export async function contactsTable(root, route, ctx) {
  const view = await tablePage(root, {
    route, path: '/crm/contacts', title: t('contacts'),
    head: [t('name'), t('emails'), t('phones'), t('organizations')],
    create: () => quickCreate(t('newContact'), [['firstName', t('firstName'), true], ['lastName', t('lastName'), false]],
      async f => { const c = await post('/crm/contacts', { firstName: f.firstName, lastName: f.lastName || null }); await crmBook(true); go(`/crm/contacts/${c.contact.id}`); }),
    filters: q => [searchFilter(q)],
    async fetch(q, offset) {
      const [r, book] = await Promise.all([get('/crm/contacts', { search: q.search, limit: PER, offset }), crmBook()]);
      this.book = book;
      return { rows: r.contacts, more: r.hasMore };
    },
    row(x) {
      return h('tr', {}, h('td', {}, h('a', { href: `#/crm/contacts/${x.id}` }, contactName(x))),
        h('td', {}, list(x.emails, 'email')), h('td', {}, list(x.phones, 'phone')),
        h('td', {}, (x.organizations || []).map(id => this.book?.orgs.get(id)?.name ?? id).join(', ')));
    },
  });
  return view;
}

export async function orgsTable(root, route) {
  return tablePage(root, {
    route, path: '/crm/organizations', title: t('organizations'),
    head: [t('name'), t('emails'), t('phones'), t('addresses'), t('contacts')],
    create: () => quickCreate(t('newOrganization'), [['name', t('name'), true]],
      async f => { const o = await post('/crm/organizations', { name: f.name }); await crmBook(true); go(`/crm/organizations/${o.organization.id}`); }),
    filters: q => [searchFilter(q)],
    async fetch(q, offset) {
      const r = await get('/crm/organizations', { search: q.search, limit: PER, offset });
      return { rows: r.organizations, more: r.hasMore };
    },
    row: x => h('tr', {}, h('td', {}, h('a', { href: `#/crm/organizations/${x.id}` }, x.name)),
      h('td', {}, list(x.emails, 'email')), h('td', {}, list(x.phones, 'phone')),
      h('td', {}, list(x.addresses, 'address')), h('td', {}, String((x.contacts || []).length))),
  });
}

// Sub-objects (emails, phones, addresses): each one a line with remove, plus an add field.
function subList(label, items, key, base, bodyKey, render) {
  const st = status();
  const input = h('input', { 'aria-label': `${t('add')}: ${label}` });
  return h('fieldset', { class: 'group' }, h('legend', {}, label),
    h('ul', {}, (items || []).map(x => h('li', {}, x[key], ' ', h('button', { type: 'button', class: 'link',
      'aria-label': `${t('remove')}: ${x[key]}`, onclick: () => st.run(async () => { await del(`${base}/${x.id}`); await render(); }) }, '×')))),
    h('form', { class: 'inline', onsubmit: e => {
      e.preventDefault();
      st.run(async () => { await post(base, { [bodyKey]: input.value.trim() }); await render(); });
    } }, input, h('button', { type: 'submit' }, t('add'))), st);
}

function crmPanel(kind) {
  return async (el, id, ctx, close) => {
    const path = `/crm/${kind}/${encodeURIComponent(id)}`;
    const env = kind === 'contacts' ? 'contact' : 'organization';
    const draft = draftGuard(el);
    async function render() {
      let x, book;
      try {
        [x, book] = await Promise.all([get(path).then(r => r[env]), crmBook(true)]);
      } catch (e) {
        frame(el, t(kind === 'contacts' ? 'contactPanel' : 'orgPanel'), close, h('p', { class: 'error', role: 'alert' }, e.message));
        return;
      }
      const save = body => put(path, body).then(() => ctx.view?.refresh?.());
      const sub = (label, items, key, seg, bodyKey) => subList(label, items, key, `${path}/${seg}`, bodyKey, render);
      const body = kind === 'contacts' ? [
        field(t('firstName'), h('input', { value: x.firstName ?? '', required: true }), v => save({ firstName: v })),
        field(t('lastName'), h('input', { value: x.lastName ?? '' }), v => save({ lastName: v || null })),
        field(t('middleName'), h('input', { value: x.middleName ?? '' }), v => save({ middleName: v || null })),
        sub(t('emails'), x.emails, 'email', 'emails', 'email'),
        sub(t('phones'), x.phones, 'phone', 'phones', 'phone'),
        h('fieldset', { class: 'group' }, h('legend', {}, t('organizations')),
          h('ul', {}, (x.organizations || []).map(o => h('li', {}, h('a', { href: `#/crm/organizations/${o}` }, book.orgs.get(o)?.name ?? o))))),
      ] : [
        field(t('name'), h('input', { value: x.name ?? '', required: true }), v => save({ name: v })),
        sub(t('emails'), x.emails, 'email', 'emails', 'email'),
        sub(t('phones'), x.phones, 'phone', 'phones', 'phone'),
        sub(t('addresses'), x.addresses, 'address', 'addresses', 'address'),
        linkSet(t('contacts'), x.contacts || [], [...book.contacts.values()].map(c => [c.id, contactName(c)]),
          c => post(`${path}/contacts`, { contactId: c }).then(render), c => del(`${path}/contacts`, { contactId: c }).then(render)),
      ];
      draft.reset();
      keepFocus(el, () => frame(el, t(kind === 'contacts' ? 'contactPanel' : 'orgPanel'), close, body,
        deleteButton(async () => { await del(path); await crmBook(true); ctx.view?.refresh?.(); close(); })));
    }
    await render();
    el.querySelector('input')?.focus({ preventScroll: true });
    return { id, refresh: () => (draft.busy() ? null : render()) };
  };
}

export const contactPanel = crmPanel('contacts');
export const orgPanel = crmPanel('organizations');

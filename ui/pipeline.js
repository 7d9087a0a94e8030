// pipeline.js — a funnel as a pipeline: its statuses as columns, deal cards in each
// status's order (all pages of each status fetched in parallel), moves through
// POST /crm/deals/{id}/move {statusId, previousDealId}.
import { h, clear, chip } from './dom.js';
import { t } from './i18n.js';
import { get, post, put, all, sharedData } from './api.js';
import { go } from './router.js';
import { kanban } from './kanban.js';
import { skeleton } from './board.js';

let crmCache = null;
// contacts, organizations and currencies by id, for cards and the deal panel
export async function crmBook(fresh) {
  if (fresh || !crmCache) {
    crmCache = Promise.all([all('/crm/contacts', {}, 'contacts', 'hasMore', 100, 'limit'),
      all('/crm/organizations', {}, 'organizations', 'hasMore', 100, 'limit'), get('/crm/currencies')])
      .then(([c, o, cur]) => ({ contacts: new Map(c.map(x => [x.id, x])),
        orgs: new Map(o.map(x => [x.id, x])), currencies: new Map(cur.currencies.map(x => [x.id, x])) }));
    crmCache.catch(() => { crmCache = null; });
  }
  return crmCache;
}

export const contactName = c => (c ? [c.firstName, c.lastName].filter(Boolean).join(' ') || c.id : '?');

export function money(amount, currency) {
  if (amount == null) return '';
  const n = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(amount);
  return currency ? `${n} ${currency.code}` : n;
}

function dealCard(deal, book, currency, shared) {
  return [
    h('span', { class: 'card-title' }, deal.title ?? '—'),
    h('span', { class: 'card-meta' },
      deal.amount != null ? h('span', { class: 'amount' }, money(deal.amount, currency)) : null,
      deal.winStatus ? h('span', { class: 'badge' }, t(`w_${deal.winStatus}`)) : null,
      (deal.tags || []).map(id => {
        const tag = shared.tags.get(id);
        return chip(h('span', { class: 'chip' }, tag ? tag.title : String(id)), tag?.color);
      }),
      (deal.contacts || []).slice(0, 3).map(id => h('span', { class: 'contact' }, contactName(book.contacts.get(id))))),
  ];
}

export async function pipelineView(root, route, ctx) {
  const id = route.id;
  let funnel = ctx.rail?.funnels.find(f => f.id === id);
  const title = h('h1', {}, funnel ? funnel.name : '');
  const err = h('p', { class: 'error', role: 'alert' });
  const area = h('div', { class: 'kanban', role: 'region', 'aria-label': funnel ? funnel.name : id });
  clear(root, h('div', { class: 'board-page' },
    h('header', { class: 'view-head' }, title, h('p', { class: 'hint' }, t('dragHint'))),
    err, area));
  area.append(skeleton());
  let book = { contacts: new Map(), orgs: new Map(), currencies: new Map() };
  let shared = { tags: new Map(), members: new Map() };
  const k = kanban(area, {
    itemId: x => x.id,
    itemTitle: x => x.title ?? '',
    cardOf: x => dealCard(x, book, book.currencies.get(funnel?.currencyId), shared),
    open: x => go(`/crm/deals/${x.id}`),
    announce: ctx.announce,
    newLabel: t('newDeal'),
    addColumnLabel: t('newStatus'),
    renameLabel: t('renameStatus'),
    emptyText: t('noDeals'),
    noColumns: t('noColumns'),
    createOnTop: true, // a new deal goes on top of its status (crm.md)
    async create(status, title) {
      return (await post(`/crm/statuses/${status}/deals`, { title })).deal;
    },
    async move(deal, from, to, index, rest) {
      await post(`/crm/deals/${deal.id}/move`, { statusId: to, previousDealId: index ? rest[index - 1].id : null });
      deal.statusId = to;
    },
    async rename(status, name) { await put(`/crm/statuses/${status}`, { name }); },
    async addColumn(name) {
      await post(`/crm/funnels/${id}/statuses`, { name });
      await load(true);
      area.querySelector('.new-column')?.focus();
    },
  });

  async function load(force) {
    try {
      const since = k.version();
      [book, shared] = await Promise.all([crmBook(!force), sharedData()]);
      const [f, st] = await Promise.all([get(`/crm/funnels/${encodeURIComponent(id)}`),
        get(`/crm/funnels/${encodeURIComponent(id)}/statuses`)]);
      funnel = f.funnel;
      title.textContent = funnel.name;
      area.setAttribute('aria-label', funnel.name);
      const statuses = st.statuses;
      const lists = await Promise.all(statuses.map(s =>
        all(`/crm/statuses/${s.id}/deals`, {}, 'deals', 'hasMoreDeals', 100, 'limit')));
      if (lists.flat().some(x => x.tags.some(g => !shared.tags.has(g))))
        shared = await sharedData(true);
      if (lists.flat().some(x => x.contacts.some(c => !book.contacts.has(c))))
        book = await crmBook(true);
      err.textContent = '';
      const shown = k.set(statuses, new Map(statuses.map((s, i) => [s.id, lists[i]])), force, since);
      if (shown === 'stale') { await k.settled(); await load(force); }
    } catch (x) {
      area.querySelector('.skeleton')?.remove();
      err.textContent = x.message;
    }
  }
  await load(true);
  return { refresh: () => load(), newItem: () => k.newItem(), destroy: () => k.destroy() };
}

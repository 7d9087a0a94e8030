// deal-panel.js — every field of a deal, each saved on change (#/crm/deals/{id}).
import { h, clear, sanitize, keepFocus } from './dom.js';
import { t } from './i18n.js';
import { get, post, put, del, sharedData, memberName } from './api.js';
import { frame, field, select, checkSet, customFields, attachments, deleteButton, status, draftGuard } from './panel.js';
import { crmBook, contactName, money } from './pipeline.js';

// A linked set (contacts, organizations): names with a remove button, and a picker.
export function linkSet(label, linked, choices, add, remove) {
  const st = status();
  const pick = select([['', '—'], ...choices.filter(([id]) => !linked.includes(id))], '', { 'aria-label': `${t('add')}: ${label}` });
  return h('fieldset', { class: 'group' }, h('legend', {}, label),
    h('ul', {}, linked.map(id => h('li', {}, (choices.find(c => c[0] === id) || [id, id])[1], ' ',
      h('button', { type: 'button', class: 'link', 'aria-label': `${t('remove')}: ${(choices.find(c => c[0] === id) || [id, id])[1]}`,
        onclick: () => st.run(() => remove(id)) }, '×')))),
    h('div', { class: 'inline picker' }, pick, h('button', { type: 'button', onclick: () => pick.value && st.run(() => add(pick.value)) }, t('add'))),
    st);
}

export async function dealPanel(el, id, ctx, close) {
  const path = `/crm/deals/${encodeURIComponent(id)}`;
  clear(el, h('div', { class: 'panel-inner' }, h('p', {}, t('loading'))));
  let first = true;
  const draft = draftGuard(el);

  async function render() {
    let deal, shared, book, statuses, funnel;
    try {
      [deal, shared, book] = await Promise.all([get(path).then(r => r.deal), sharedData(first), crmBook(first)]);
      [statuses, funnel] = await Promise.all([get(`/crm/funnels/${deal.funnelId}/statuses`).then(r => r.statuses),
        get(`/crm/funnels/${deal.funnelId}`).then(r => r.funnel)]);
    } catch (x) {
      frame(el, t('dealPanel'), close, h('p', { class: 'error', role: 'alert' }, x.message));
      return;
    }
    const currency = book.currencies.get(funnel?.currencyId);
    const after = async () => { await render(); ctx.view?.refresh?.(); };
    const save = body => put(path, body).then(r => { Object.assign(deal, r.deal); ctx.view?.refresh?.(); });
    const members = [...shared.members.values()].map(m => [m.id, memberName(m)]);
    const desc = h('textarea', { rows: 3 });
    desc.value = deal.description ? sanitize(deal.description).textContent : '';
    draft.reset();
    keepFocus(el, () => frame(el, t('dealPanel'), close,
      field(t('title'), h('input', { value: deal.title ?? '', required: true }), v => save({ title: v })),
      h('div', { class: 'row' },
        field(`${t('amount')}${currency ? `, ${currency.code}` : ''}`, h('input', { type: 'number', step: 'any', value: deal.amount ?? '' }),
          v => save({ amount: v === '' ? null : Number(v) })),
        field(t('winStatus'), select([['', t('none')], ...['won', 'lost', 'archived'].map(w => [w, t(`w_${w}`)])], deal.winStatus),
          v => save({ winStatus: v || null }))),
      field(t('status'), select(statuses.map(s => [s.id, s.name]), deal.statusId),
        v => put(`${path}/status`, { statusId: v }).then(() => ctx.view?.refresh?.())),
      deal.amount != null ? h('p', { class: 'hint' }, money(deal.amount, currency)) : null,
      h('div', { class: 'field' }, h('span', { class: 'label' }, t('description')),
        deal.description ? h('div', { class: 'desc' }, sanitize(deal.description)) : null),
      field(t('description'), desc, v => save({ description: v || null })),
      checkSet(t('assignees'), members, deal.assignees,
        u => post(`${path}/assignees`, { assigneeId: u }), u => del(`${path}/assignees`, { assigneeId: u })),
      checkSet(t('tags'), [...shared.tags.values()].map(x => [x.id, x.title]), deal.tags,
        x => post(`${path}/tags`, { tag: x }).then(after), x => del(`${path}/tags`, { tag: x }).then(after)),
      linkSet(t('contacts'), deal.contacts || [], [...book.contacts.values()].map(c => [c.id, contactName(c)]),
        c => post(`${path}/contacts`, { contactId: c }).then(after), c => del(`${path}/contacts`, { contactId: c }).then(after)),
      linkSet(t('organizations'), deal.organizations || [], [...book.orgs.values()].map(o => [o.id, o.name]),
        o => post(`${path}/organizations`, { organizationId: o }).then(after),
        o => del(`${path}/organizations`, { organizationId: o }).then(after)),
      customFields(deal.customFields, shared.members, (fid, v) => save({ customFields: { [fid]: v } })),
      (deal.tasks || []).length ? h('fieldset', { class: 'group' }, h('legend', {}, t('tasks')),
        h('ul', {}, deal.tasks.map(x => h('li', {}, h('a', { href: `#/tasks/${x.id ?? x}` }, x.title ?? `#${x.id ?? x}`))))) : null,
      attachments(deal.attachments, `${path}/attachments`, render),
      deleteButton(async () => { await del(path); ctx.view?.refresh?.(); close(); })));
    if (first) el.querySelector('input')?.focus({ preventScroll: true });
    first = false;
  }
  await render();
  return { id, refresh: () => (draft.busy() ? null : render()) };
}

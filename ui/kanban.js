// kanban.js — columns of cards, shared by the board (tasks) and the pipeline (deals):
// rendering (a column's cards lazily past LIMIT), moves by pointer drag and by Alt+Arrow
// keys (optimistic: the card moves at once and goes back with the error shown beside it
// when the API refuses), a new card in a column, new and renamed columns.
import { h, clear, keepFocus } from './dom.js';
import { t } from './i18n.js';

const LIMIT = 200;

export function kanban(root, o) {
  let cols = [];
  let items = new Map(); // column id -> [item]
  const limits = new Map();
  let drag = null;
  let suppressClick = false;
  // counts the changes made here (a move saved or refused, a new card), and the moves on
  // their way: a refresh whose reads overlapped one may show what the server had before
  // it (the card would jump back), so it is read again once they are done
  let ver = 0;
  const moving = new Set();
  const key = id => String(id);

  function colOf(id) {
    for (const [c, list] of items) if (list.some(i => key(o.itemId(i)) === key(id))) return c;
    return null;
  }
  function find(id) {
    const c = colOf(id);
    return c === null ? null : items.get(c).find(i => key(o.itemId(i)) === key(id));
  }

  function cardEl(item) {
    return h('li', { class: 'card', tabindex: '0', dataset: { id: key(o.itemId(item)) } },
      o.cardOf(item));
  }

  function columnEl(c) {
    const list = items.get(c.id) || [];
    const lim = limits.get(c.id) || LIMIT;
    const head = `col-${key(c.id)}`;
    const sec = h('section', { class: 'column', dataset: { col: key(c.id) }, 'aria-labelledby': head },
      h('header', { class: 'col-head' },
        h('h2', { id: head }, c.name),
        h('span', { class: 'count', 'aria-label': t('cards', list.length) }, String(list.length)),
        o.rename ? h('button', { type: 'button', class: 'icon rename', 'aria-label': `${o.renameLabel}: ${c.name}`,
          onclick: () => renameForm(sec, c) }, '✎') : null),
      h('ul', { class: 'cards', 'aria-labelledby': head }, list.slice(0, lim).map(cardEl)),
      list.length > lim ? h('button', { type: 'button', class: 'more', onclick: () => {
        limits.set(c.id, lim + LIMIT);
        renderColumn(c.id);
      } }, t('moreCards', Math.min(LIMIT, list.length - lim))) : null,
      list.length ? null : h('p', { class: 'empty' }, o.emptyText),
      h('div', { class: 'new' }, h('button', { type: 'button', class: 'new-card',
        onclick: () => newForm(sec, c) }, o.newLabel)));
    return sec;
  }

  function renameForm(sec, c) {
    const input = h('input', { 'aria-label': t('name'), value: c.name, required: true });
    const err = h('span', { class: 'error', role: 'alert' });
    const form = h('form', { class: 'col-rename', onsubmit: async e => {
      e.preventDefault();
      try {
        await o.rename(c.id, input.value.trim());
        c.name = input.value.trim();
        renderColumn(c.id);
      } catch (x) { err.textContent = x.message; }
    }, onkeydown: e => { if (e.key === 'Escape') { e.preventDefault(); renderColumn(c.id); } } },
    input, h('button', { type: 'submit' }, t('save')), err);
    sec.querySelector('.col-head').replaceWith(form);
    input.focus();
    input.select();
  }

  function newForm(sec, c) {
    const input = h('input', { 'aria-label': t('title'), placeholder: t('title'), required: true });
    const err = h('p', { class: 'error', role: 'alert' });
    const form = h('form', { class: 'new-form', onsubmit: async e => {
      e.preventDefault();
      const title = input.value.trim();
      if (!title) return;
      try {
        const item = await o.create(c.id, title);
        ver++;
        const list = items.get(c.id) || [];
        if (o.createOnTop) list.unshift(item); else list.push(item);
        items.set(c.id, list);
        input.value = '';
        const kept = renderColumn(c.id);
        newForm(kept, c);
      } catch (x) { err.textContent = x.message; }
    }, onkeydown: e => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); renderColumn(c.id); } } },
    input, h('button', { type: 'submit' }, t('save')), err);
    clear(sec.querySelector('.new'), form);
    input.focus();
  }

  function addColumnEl() {
    if (!o.addColumn) return null;
    const wrap = h('section', { class: 'column add-column' });
    const open = () => {
      const input = h('input', { 'aria-label': t('name'), placeholder: t('name'), required: true });
      const err = h('p', { class: 'error', role: 'alert' });
      clear(wrap, h('form', { onsubmit: async e => {
        e.preventDefault();
        try { await o.addColumn(input.value.trim()); } catch (x) { err.textContent = x.message; }
      } }, input, h('button', { type: 'submit' }, t('save')), err));
      input.focus();
    };
    clear(wrap, h('button', { type: 'button', class: 'new-column', onclick: open }, o.addColumnLabel));
    return wrap;
  }

  function renderColumn(id) {
    const old = root.querySelector(`.column[data-col="${CSS.escape(key(id))}"]`);
    const c = cols.find(x => key(x.id) === key(id));
    if (!old || !c) return null;
    const fresh = columnEl(c);
    old.replaceWith(fresh);
    return fresh;
  }

  function render() {
    keepFocus(root, () => clear(root, h('div', { class: 'columns' }, cols.length ? null : h('p', { class: 'empty' }, o.noColumns),
      cols.map(columnEl), addColumnEl())));
  }

  function focusCard(id) {
    root.querySelector(`.card[data-id="${CSS.escape(key(id))}"]`)?.focus();
  }

  async function move(id, toCol, index) {
    const from = colOf(id);
    const item = find(id);
    if (from === null || !item) return;
    const snapshot = new Map([...items].map(([k, v]) => [k, v.slice()]));
    const src = items.get(from);
    const oldIndex = src.indexOf(item);
    src.splice(oldIndex, 1);
    const dst = items.get(toCol);
    if (key(from) === key(toCol) && oldIndex === index) { src.splice(oldIndex, 0, item); renderColumn(from); focusCard(id); return; }
    const rest = dst.slice();
    dst.splice(index, 0, item);
    renderColumn(from);
    if (key(from) !== key(toCol)) renderColumn(toCol);
    focusCard(id);
    const col = cols.find(c => key(c.id) === key(toCol));
    o.announce(t('moved', o.itemTitle(item), col.name, index + 1, dst.length));
    const saving = o.move(item, from, toCol, index, rest);
    moving.add(saving);
    try {
      await saving;
    } catch (x) {
      items = snapshot;
      renderColumn(from);
      if (key(from) !== key(toCol)) renderColumn(toCol);
      const card = root.querySelector(`.card[data-id="${CSS.escape(key(id))}"]`);
      card?.after(h('li', { class: 'error move-error', role: 'alert' }, x.message));
      card?.focus();
    } finally {
      moving.delete(saving);
      ver++;
    }
  }

  // ---- events, delegated to the root ----
  root.addEventListener('click', e => {
    const card = e.target.closest('.card');
    if (!card) return;
    if (suppressClick) { suppressClick = false; return; }
    const item = find(card.dataset.id);
    if (item) o.open(item);
  });

  root.addEventListener('keydown', e => {
    const card = e.target.closest?.('.card');
    if (!card || e.target !== card) return;
    const id = card.dataset.id;
    const c = colOf(id);
    if (c === null) return; // a card a refresh is replacing
    const ci = cols.findIndex(x => key(x.id) === key(c));
    const list = items.get(c);
    const i = list.findIndex(x => key(o.itemId(x)) === key(id));
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); o.open(list[i]); return; }
    const arrows = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
    if (!arrows[e.key]) return;
    e.preventDefault();
    const [dx, dy] = arrows[e.key];
    if (e.altKey) {
      if (dx) {
        const to = cols[ci + dx];
        if (to) move(id, to.id, Math.min(i, items.get(to.id).length));
      } else if (i + dy >= 0 && i + dy < list.length) {
        move(id, c, i + dy);
      }
      return;
    }
    if (dy) {
      const next = card.parentElement.children[i + dy];
      next?.focus();
    } else {
      const to = cols[ci + dx];
      const cards = to && root.querySelectorAll(`.column[data-col="${CSS.escape(key(to.id))}"] .card`);
      if (cards && cards.length) cards[Math.min(i, cards.length - 1)].focus();
    }
  });

  root.addEventListener('pointerdown', e => {
    const card = e.target.closest('.card');
    if (!card || e.button !== 0) return;
    drag = { card, id: card.dataset.id, x: e.clientX, y: e.clientY, active: false,
      from: card.closest('.column').dataset.col, index: [...card.parentElement.children].indexOf(card) };
  });

  function onMove(e) {
    if (!drag) return;
    if (!drag.active) {
      if (Math.hypot(e.clientX - drag.x, e.clientY - drag.y) < 6) return;
      drag.active = true;
      drag.card.classList.add('dragging');
      root.classList.add('is-dragging');
    }
    e.preventDefault();
    const under = document.elementFromPoint(e.clientX, e.clientY);
    const ul = under?.closest('.column')?.querySelector('ul.cards');
    if (!ul) return;
    const before = [...ul.children].find(c => {
      if (c === drag.card || !c.classList.contains('card')) return false;
      const r = c.getBoundingClientRect();
      return e.clientY < r.top + r.height / 2;
    });
    if (before) ul.insertBefore(drag.card, before); else ul.append(drag.card);
  }

  function onUp() {
    if (!drag) return;
    const d = drag;
    drag = null;
    if (!d.active) return;
    suppressClick = true;
    setTimeout(() => { suppressClick = false; }, 0);
    d.card.classList.remove('dragging');
    root.classList.remove('is-dragging');
    const to = d.card.closest('.column').dataset.col;
    const index = [...d.card.parentElement.children].filter(c => c.classList.contains('card')).indexOf(d.card);
    const toCol = cols.find(c => key(c.id) === to).id;
    move(d.id, toCol, index);
  }
  document.addEventListener('pointermove', onMove);
  document.addEventListener('pointerup', onUp);

  return {
    // since: version() when the caller began reading; 'stale' when a change came meanwhile
    set(columns, byCol, force, since) {
      if (since !== undefined && (since !== ver || moving.size)) return 'stale';
      // a refresh never takes a card from under the pointer or text from under the cursor
      if (!force && (drag?.active || (root.contains(document.activeElement) && document.activeElement.closest('form')))) return;
      cols = columns;
      items = byCol;
      render();
      return 'shown';
    },
    version: () => ver,
    settled: () => Promise.allSettled([...moving]),
    focusCard,
    newItem() {
      const sec = document.activeElement?.closest?.('.column') || root.querySelector('.column');
      sec?.querySelector('.new-card')?.click();
    },
    destroy() {
      document.removeEventListener('pointermove', onMove);
      document.removeEventListener('pointerup', onUp);
    },
  };
}

// board.js — a board as a kanban: its columns and every task of each column, fetched in
// parallel (one column's pages in sequence), then rendered by kanban.js.
import { h, clear, chip, initials } from './dom.js';
import { t } from './i18n.js';
import { get, post, put, all, sharedData, memberName } from './api.js';
import { go } from './router.js';
import { kanban } from './kanban.js';

const PRIO = ['▁', '▃', '▆', '■'];

export function taskCard(task, shared) {
  const today = new Date().toISOString().slice(0, 10);
  const due = task.dueDate || (task.dueDateTime || '').slice(0, 10);
  const late = due && due < today && !task.isCompleted;
  const people = task.assignees || [];
  return [
    h('span', { class: `card-title${task.isCompleted ? ' done' : ''}` }, task.title),
    h('span', { class: 'card-meta' },
      task.priority != null ? h('span', { class: `prio p${task.priority}`, title: `${t('priority')}: ${t(`p${task.priority}`)}` },
        h('span', { 'aria-hidden': 'true' }, PRIO[task.priority] || '?'),
        h('span', { class: 'sr-only' }, `${t('priority')}: ${t(`p${task.priority}`)}`)) : null,
      (task.tags || []).map(id => {
        const tag = shared.tags.get(id);
        return chip(h('span', { class: 'chip' }, tag ? tag.title : String(id)), tag?.color);
      }),
      due ? h('span', { class: `due${late ? ' late' : ''}` }, due, late ? h('span', { class: 'sr-only' }, ` (${t('overdue')})`) : null) : null,
      h('span', { class: 'avatars' }, people.slice(0, 3).map(id => {
        const name = memberName(shared.members.get(id));
        return h('span', { class: 'avatar', title: name, 'aria-label': name }, initials(name));
      }), people.length > 3 ? h('span', { class: 'avatar more' }, `+${people.length - 3}`) : null)),
  ];
}

export async function boardView(root, route, ctx) {
  const id = Number(route.id);
  const findBoard = () => [...(ctx.rail?.boards.values() || [])].flat().find(b => b.id === id);
  if (!findBoard()) await ctx.refreshRail().catch(() => {});
  const board = findBoard();
  const title = h('h1', {}, board ? board.name : `#${id}`);
  const err = h('p', { class: 'error', role: 'alert' });
  const area = h('div', { class: 'kanban', role: 'region', 'aria-label': board ? board.name : String(id) });
  clear(root, h('div', { class: 'board-page' },
    h('header', { class: 'view-head' }, title, h('p', { class: 'hint' }, t('dragHint'))), err, area));
  area.append(skeleton());
  let shared = await sharedData();

  const k = kanban(area, {
    itemId: x => x.id,
    itemTitle: x => x.title,
    cardOf: x => taskCard(x, shared),
    open: x => go(`/tasks/${x.id}`),
    announce: ctx.announce,
    newLabel: t('newTask'),
    addColumnLabel: t('newColumn'),
    renameLabel: t('rename'),
    emptyText: t('noTasks'),
    noColumns: t('noColumns'),
    async create(col, title) {
      return (await post('/tm/tasks', { title, boardId: id, boardColumnId: col })).task;
    },
    async move(task, from, to, index, rest) {
      if (index === 0 && rest.length) {
        // above the first card: the locations route places a task before another
        await post(`/tm/tasks/${task.id}/locations`, { projectId: board?.projectId ?? task.projectId,
          boardColumnId: to, before: rest[0].id });
      } else {
        await post(`/tm/tasks/${task.id}/board-column`,
          index ? { boardColumnId: to, upperTaskId: rest[index - 1].id } : { boardColumnId: to });
      }
      task.boardColumnId = to;
    },
    async rename(col, name) { await put(`/tm/board-columns/${col}`, { name }); },
    async addColumn(name) {
      await post('/tm/board-columns', { name, boardId: id });
      await load(true);
      area.querySelector('.new-column')?.focus();
    },
  });

  async function load(force) {
    try {
      const since = k.version();
      shared = await sharedData();
      const cols = (await get('/tm/board-columns', { boardId: id })).boardColumns;
      const lists = await Promise.all(cols.map(c => all('/tm/tasks', { boardColumnId: c.id }, 'tasks')));
      // a tag or member made since the cache was filled: fetch them again
      if (lists.flat().some(x => x.tags.some(g => !shared.tags.has(g)) || x.assignees.some(m => !shared.members.has(m))))
        shared = await sharedData(true);
      err.textContent = '';
      const shown = k.set(cols, new Map(cols.map((c, i) => [c.id, lists[i]])), force, since);
      if (shown === 'stale') { await k.settled(); await load(force); }
    } catch (x) {
      area.querySelector('.skeleton')?.remove();
      err.textContent = x.message;
    }
  }
  await load(true);
  return { refresh: () => load(), newItem: () => k.newItem(), destroy: () => k.destroy() };
}

export function skeleton() {
  return h('div', { class: 'columns skeleton', 'aria-hidden': 'true' },
    [0, 1, 2].map(() => h('section', { class: 'column' }, h('div', { class: 'sk-head' }),
      [0, 1, 2].map(() => h('div', { class: 'sk-card' })))));
}

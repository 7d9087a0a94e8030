// project.js — the start page and a project's page (its boards, a new board).
import { h, clear, sanitize, keepFocus } from './dom.js';
import { t } from './i18n.js';
import { get, post, put } from './api.js';
import { field } from './panel.js';
import { go } from './router.js';

export async function welcomeView(root) {
  clear(root, h('div', { class: 'welcome' }, h('p', { class: 'empty' }, t('welcome'))));
  return {};
}

export async function projectView(root, route, ctx) {
  const id = route.id;
  const err = h('p', { class: 'error', role: 'alert' });
  // the refresh (window focus, every 30 s) waits while a name is being typed here
  let dirty = false;
  root.oninput = () => { dirty = true; };
  root.onchange = () => { dirty = false; };
  async function render() {
    let p, boards;
    try {
      [p, boards] = await Promise.all([get(`/tm/projects/${encodeURIComponent(id)}`),
        get('/tm/boards', { projectId: id })]);
    } catch (x) {
      clear(root, h('p', { class: 'error', role: 'alert' }, x.message));
      return;
    }
    const input = h('input', { id: 'new-board', required: true });
    dirty = false;
    keepFocus(root, () => clear(root, h('div', { class: 'page' },
      h('h1', {}, p.project.name),
      field(t('name'), h('input', { value: p.project.name, required: true }), async v => {
        await put(`/tm/projects/${encodeURIComponent(id)}`, { name: v, isPrivate: p.project.isPrivate });
        await ctx.refreshRail();
      }),
      p.project.description ? h('div', { class: 'desc' }, sanitize(p.project.description)) : null,
      h('h2', {}, t('boards')),
      boards.boards.length
        ? h('ul', { class: 'boards' }, boards.boards.map(b => h('li', {}, h('a', { href: `#/boards/${b.id}` }, b.name))))
        : h('p', { class: 'empty' }, t('noBoards')),
      h('form', { class: 'inline', onsubmit: async e => {
        e.preventDefault();
        try {
          const b = await post('/tm/boards', { name: input.value.trim(), projectId: Number(id) });
          await ctx.refreshRail();
          go(`/boards/${b.board.id}`);
        } catch (x) { err.textContent = x.message; }
      } }, h('label', { for: 'new-board' }, t('newBoard')), input,
      h('button', { type: 'submit' }, t('create'))), err)));
  }
  await render();
  return { refresh: () => (dirty ? null : render()) };
}

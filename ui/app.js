// app.js — the shell: sign-in, the left rail, routing between views and panels, the
// refresh loop (window focus and every 30 s while visible) and the keyboard shortcuts.
import { h, clear, keepFocus } from './dom.js';
import { t, lang, setLang } from './i18n.js';
import { api, get, post, all, token, setToken, setUnauthorizedHandler, sharedData,
  memberName } from './api.js';
import { parse, go } from './router.js';
import { boardView } from './board.js';
import { taskPanel } from './task-panel.js';
import { pipelineView } from './pipeline.js';
import { dealPanel } from './deal-panel.js';
import { projectView, welcomeView } from './project.js';
import { taskList, contactsTable, orgsTable, contactPanel, orgPanel } from './tables.js';

const app = document.getElementById('app');
const live = document.getElementById('live');
export const ctx = { rail: null, view: null, panel: null, bgHash: null, announce, refreshRail };

function announce(text) {
  live.textContent = '';
  setTimeout(() => { live.textContent = text; }, 30);
}

// #token=wk_... signs in and leaves the address bar at once
function takeTokenFromHash() {
  const m = location.hash.match(/^#token=([^&]+)/);
  if (!m) return;
  setToken(decodeURIComponent(m[1]));
  history.replaceState(null, '', location.pathname + location.search + '#/');
}

function signIn(message) {
  ctx.view = ctx.panel = null;
  document.documentElement.lang = lang;
  const input = h('input', { id: 'token', type: 'password', autocomplete: 'off', required: true,
    'aria-describedby': 'token-help' });
  const err = h('p', { class: 'error', role: 'alert' }, message || '');
  const form = h('form', { class: 'signin', onsubmit: async e => {
    e.preventDefault();
    const tok = input.value.trim();
    try {
      await api('GET', '/user/me', { token: tok });
      setToken(tok);
      start();
    } catch (x) {
      err.textContent = x.status === 401 ? t('tokenRejected') : x.message;
    }
  } },
  h('h1', {}, t('appName')),
  h('label', { for: 'token' }, t('token')), input,
  h('p', { id: 'token-help', class: 'hint' }, t('tokenHelp')),
  h('button', { type: 'submit' }, t('signIn')), err,
  langSwitch());
  clear(app, h('main', { class: 'signin-page' }, form));
  input.focus();
}

function langSwitch() {
  return h('label', { class: 'lang' }, t('language'), ' ',
    h('select', { onchange: e => { setLang(e.target.value); token() ? start() : signIn(); } },
      h('option', { value: 'en', selected: lang === 'en' }, 'English'),
      h('option', { value: 'ru', selected: lang === 'ru' }, 'Русский')));
}

setUnauthorizedHandler(() => { setToken(null); signIn(t('tokenRejected')); });

// ---- the rail ---------------------------------------------------------------------------
async function loadRail() {
  const [ws, me, pf, pr, fu] = await Promise.all([get('/ws'), get('/user/me'),
    get('/tm/portfolios'), get('/tm/projects'), get('/crm/funnels')]);
  const projects = pr.projects.filter(p => !p.isArchived);
  const boards = await Promise.all(projects.map(p =>
    get('/tm/boards', { projectId: p.id }).then(r => r.boards)));
  return { ws: ws.workspace, me: me.user, portfolios: pf.data || [], projects,
    boards: new Map(projects.map((p, i) => [p.id, boards[i]])), funnels: fu.funnels };
}

async function refreshRail() {
  ctx.rail = await loadRail();
  renderRail();
}

function link(href, text, extra = {}) {
  const cur = location.hash === href;
  return h('a', { href, 'aria-current': cur ? 'page' : null, ...extra }, text);
}

// extra: a control whose value goes to onCreate too (the new project's portfolio)
function createForm(label, onCreate, extra) {
  const input = h('input', { 'aria-label': label, placeholder: label, required: true });
  const err = h('span', { class: 'error', role: 'alert' });
  return h('form', { class: 'mini', onsubmit: async e => {
    e.preventDefault();
    // emptied first: onCreate re-renders the rail, which keeps what the box holds
    const name = input.value.trim();
    input.value = '';
    try { await onCreate(name, extra?.value); err.textContent = ''; }
    catch (x) { input.value = name; err.textContent = x.message; }
  } }, input, extra, h('button', { type: 'submit', 'aria-label': label }, '+'), err);
}

function renderRail() {
  const r = ctx.rail;
  const nav = document.getElementById('rail');
  if (!r || !nav) return;
  const byPf = new Map();
  for (const p of r.projects) {
    const k = p.portfolioId ?? '';
    if (!byPf.has(k)) byPf.set(k, []);
    byPf.get(k).push(p);
  }
  const projectItem = p => h('li', {}, link(`#/projects/${p.id}`, p.name),
    h('ul', {}, (r.boards.get(p.id) || []).map(b => h('li', {}, link(`#/boards/${b.id}`, b.name)))));
  const groups = [];
  for (const pf of r.portfolios) {
    const ps = byPf.get(pf.id) || [];
    groups.push(h('li', {}, h('span', { class: 'group' }, pf.name), h('ul', {}, ps.map(projectItem))));
  }
  for (const [k, ps] of byPf) {
    if (k !== '' && r.portfolios.some(pf => pf.id === k)) continue;
    groups.push(...ps.map(projectItem));
  }
  const collapsed = localStorage.getItem('weeekd.rail') === 'collapsed';
  // the refresh re-renders the rail every 30 s: what is being typed into its boxes (and
  // the chosen portfolio) stays, and so does the focus
  const drafts = [...nav.querySelectorAll('input, select')].filter(c => c.value)
    .map(c => [c.getAttribute('aria-label'), c.value]);
  keepFocus(nav, () => clear(nav,
    h('button', { class: 'rail-toggle', 'aria-expanded': String(!collapsed),
      'aria-label': collapsed ? t('expand') : t('collapse'), onclick: () => {
        localStorage.setItem('weeekd.rail', collapsed ? 'open' : 'collapsed');
        renderRail();
      } }, collapsed ? '»' : '«'),
    h('div', { class: 'rail-body', hidden: collapsed },
      h('h1', { class: 'ws' }, r.ws.title),
      h('h2', {}, t('taskManager')),
      h('ul', { class: 'tree', id: 'rail-projects' }, link('#/tasks', t('allTasks')), groups),
      createForm(t('newProject'), async (name, pf) => {
        const p = await post('/tm/projects', { name, isPrivate: false, portfolioId: pf ? Number(pf) : null });
        await refreshRail();
        go(`/projects/${p.project.id}`);
      }, r.portfolios.length ? h('select', { 'aria-label': t('portfolio') }, h('option', { value: '' }, t('noPortfolio')),
        r.portfolios.map(pf => h('option', { value: pf.id }, pf.name))) : null),
      createForm(t('newPortfolio'), async name => {
        await post('/tm/portfolios', { name });
        await refreshRail();
      }),
      h('h2', {}, t('crm')),
      h('ul', { class: 'tree', id: 'rail-crm' },
        r.funnels.map(f => h('li', {}, link(`#/crm/funnels/${f.id}`, f.name))),
        h('li', {}, link('#/crm/contacts', t('contacts'))),
        h('li', {}, link('#/crm/organizations', t('organizations')))),
      createForm(t('newFunnel'), async name => {
        const f = await post('/crm/funnels', { name });
        await refreshRail();
        go(`/crm/funnels/${f.funnel.id}`);
      }),
      h('div', { class: 'me' }, h('span', {}, memberName(r.me)), langSwitch(),
        h('button', { type: 'button', onclick: () => showHelp() }, t('shortcuts')),
        h('button', { type: 'button', onclick: () => { setToken(null); signIn(); } }, t('signOut'))))));
  for (const [label, value] of drafts) {
    const c = [...nav.querySelectorAll('input, select')].find(x => x.getAttribute('aria-label') === label);
    if (c && (c.tagName !== 'SELECT' || [...c.options].some(o => o.value === value))) c.value = value;
  }
  nav.classList.toggle('collapsed', collapsed);
}

// ---- routing ----------------------------------------------------------------------------
const VIEWS = { home: welcomeView, project: projectView, board: boardView, tasks: taskList,
  funnel: pipelineView, contacts: contactsTable, organizations: orgsTable };
const PANELS = { task: taskPanel, deal: dealPanel, contact: contactPanel, organization: orgPanel };
// a panel opened by its address alone shows over this view
const PANEL_BG = {
  contact: async () => '#/crm/contacts',
  organization: async () => '#/crm/organizations',
  task: async id => {
    const b = (await get(`/tm/tasks/${encodeURIComponent(id)}`)).task.boardId;
    return b ? `#/boards/${b}` : '#/tasks';
  },
  deal: async id => `#/crm/funnels/${(await get(`/crm/deals/${encodeURIComponent(id)}`)).deal.funnelId}`,
};

// Routes overlap when the address changes faster than a view loads: each view renders
// into a box of its own, so a late one fills a detached box, and is dropped.
let routeSeq = 0;

async function route() {
  if (!token()) return signIn();
  const seq = ++routeSeq;
  const r = parse();
  const main = document.getElementById('main');
  const panelEl = document.getElementById('panel');
  if (!main) return;
  if (PANELS[r.name]) {
    if (!ctx.view || ctx.viewName === 'home') {
      // opened directly: the panel decides its background (task -> its board)
      const bg = await PANEL_BG[r.name](r.id).catch(() => '#/');
      if (seq !== routeSeq) return;
      await showView(parse(bg), main, bg, seq);
    }
    ctx.panel?.destroy?.();
    ctx.panel = null;
    panelEl.hidden = false;
    const box = h('div');
    panelEl.replaceChildren(box);
    performance.mark(`panel:${r.name}:start`);
    const panel = await PANELS[r.name](box, r.id, ctx, closePanel);
    if (seq !== routeSeq) { panel?.destroy?.(); return; }
    ctx.panel = panel;
    performance.measure(`panel:${r.name}`, `panel:${r.name}:start`);
    return;
  }
  closePanelEl();
  renderRail(); // the current page's link
  await showView(r, main, location.hash || '#/', seq);
}

async function showView(r, main, hash, seq) {
  ctx.view?.destroy?.();
  ctx.view = null;
  ctx.bgHash = hash;
  ctx.viewName = r.name;
  const f = VIEWS[r.name];
  const box = h('div', { class: 'view' });
  main.replaceChildren(box);
  if (!f) {
    clear(box, h('p', { class: 'empty' }, t('notFound')));
    return;
  }
  performance.mark(`view:${r.name}:start`);
  const view = await f(box, r, ctx);
  if (seq !== routeSeq) { view?.destroy?.(); return; }
  ctx.view = view;
  // read by `make bench-ui`: from the route to the view's first full render
  performance.measure(`view:${r.name}`, `view:${r.name}:start`);
}

function closePanelEl() {
  const panelEl = document.getElementById('panel');
  ctx.panel?.destroy?.();
  ctx.panel = null;
  if (panelEl) { panelEl.hidden = true; panelEl.replaceChildren(); }
}

function closePanel() {
  const back = ctx.bgHash || '#/';
  const id = ctx.panel?.id;
  closePanelEl();
  if (location.hash !== back) history.pushState(null, '', back);
  ctx.view?.refresh?.();
  if (id) document.querySelector(`[data-id="${CSS.escape(String(id))}"]`)?.focus();
}

// ---- freshness --------------------------------------------------------------------------
let refreshing = false;
async function refresh() {
  if (refreshing || !token() || !ctx.rail) return;
  refreshing = true;
  try {
    await sharedData(true);
    await Promise.all([refreshRail(), ctx.view?.refresh?.(), ctx.panel?.refresh?.()]);
  } catch { /* each view shows its own error */ } finally { refreshing = false; }
}

setInterval(() => { if (document.visibilityState === 'visible') refresh(); }, 30000);
window.addEventListener('focus', refresh);

// ---- keyboard ---------------------------------------------------------------------------
let pendingG = 0;
function showHelp() {
  const close = () => { dlg.remove(); };
  const rows = [['n', t('k_new')], ['/', t('k_search')], ['Esc', t('k_close')],
    ['g b', t('k_boards')], ['g c', t('k_crm')], ['Alt+←↑→↓', t('k_move')],
    ['Ctrl/⌘+Enter', t('k_send')], ['?', t('k_help')]];
  const dlg = h('div', { class: 'overlay', role: 'dialog', 'aria-modal': 'true',
    'aria-label': t('shortcuts'), onkeydown: e => { if (e.key === 'Escape') { e.stopPropagation(); close(); } } },
  h('div', { class: 'dialog' }, h('h2', {}, t('shortcuts')),
    h('dl', {}, rows.map(([k, d]) => [h('dt', {}, h('kbd', {}, k)), h('dd', {}, d)])),
    h('button', { type: 'button', onclick: close }, t('close'))));
  document.body.append(dlg);
  dlg.querySelector('button').focus();
}

document.addEventListener('keydown', e => {
  const typing = e.target.closest?.('input, textarea, select, [contenteditable]');
  if (e.key === 'Escape') {
    if (document.querySelector('.overlay')) return;
    if (ctx.panel && !e.defaultPrevented) { e.preventDefault(); closePanel(); }
    return;
  }
  if (typing || e.ctrlKey || e.metaKey || e.altKey || !ctx.rail) return;
  if (pendingG && Date.now() - pendingG < 1500) {
    pendingG = 0;
    if (e.key === 'b') { const a = document.querySelector('#rail-projects a[href^="#/boards/"]'); a ? go(a.getAttribute('href').slice(1)) : document.querySelector('#rail-projects a')?.focus(); }
    if (e.key === 'c') { const a = document.querySelector('#rail-crm a'); if (a) go(a.getAttribute('href').slice(1)); }
    return;
  }
  if (e.key === 'g') { pendingG = Date.now(); return; }
  if (e.key === '?') { e.preventDefault(); showHelp(); return; }
  if (e.key === '/') {
    e.preventDefault();
    const s = document.querySelector('#main input[type=search]');
    if (s) s.focus(); else go('/tasks');
    return;
  }
  if (e.key === 'n' && ctx.view?.newItem) { e.preventDefault(); ctx.view.newItem(); }
});

// ---- start ------------------------------------------------------------------------------
async function start() {
  document.documentElement.lang = lang;
  ctx.view = ctx.panel = null;
  clear(app, h('nav', { id: 'rail', class: 'rail', 'aria-label': t('appName') }),
    h('main', { id: 'main', class: 'main', tabindex: '-1' }, h('p', { class: 'empty' }, t('loading'))),
    h('aside', { id: 'panel', class: 'panel', hidden: true }));
  const seq = routeSeq;
  try {
    await Promise.all([refreshRail(), sharedData(true)]);
  } catch (x) {
    if (x.status === 401) return;
    clear(document.getElementById('main'), h('p', { class: 'error', role: 'alert' }, x.message));
    return;
  }
  // the address changed once the rail was in (which routes it): showing it again here
  // would replace that view, and what the user has begun in it, with a second one
  if (routeSeq !== seq) return;
  await route();
}

window.addEventListener('hashchange', () => {
  takeTokenFromHash();
  if (!ctx.rail) return start();
  route();
});
takeTokenFromHash();
token() ? start() : signIn();

// router.js — hash routes: '#/boards/7' -> {name: 'board', id: '7', query}
const ROUTES = [
  [/^\/projects\/([^/]+)$/, 'project'],
  [/^\/boards\/([^/]+)$/, 'board'],
  [/^\/tasks\/([^/]+)$/, 'task'],
  [/^\/tasks$/, 'tasks'],
  [/^\/crm\/funnels\/([^/]+)$/, 'funnel'],
  [/^\/crm\/deals\/([^/]+)$/, 'deal'],
  [/^\/crm\/contacts\/([^/]+)$/, 'contact'],
  [/^\/crm\/contacts$/, 'contacts'],
  [/^\/crm\/organizations\/([^/]+)$/, 'organization'],
  [/^\/crm\/organizations$/, 'organizations'],
  [/^\/?$/, 'home'],
];

export function parse(hash = location.hash) {
  const raw = decodeURIComponent(hash.replace(/^#/, '')).startsWith('token=') ? '' : hash.replace(/^#/, '');
  const [path, q = ''] = raw.split('?');
  const query = Object.fromEntries(new URLSearchParams(q));
  for (const [re, name] of ROUTES) {
    const m = path.match(re);
    if (m) return { name, id: m[1] && decodeURIComponent(m[1]), query, path };
  }
  return { name: 'notfound', query, path };
}

export function go(path, query) {
  const q = new URLSearchParams(Object.entries(query || {}).filter(([, v]) => v !== '' && v != null));
  const s = q.toString();
  location.hash = `#${path}${s ? `?${s}` : ''}`;
}

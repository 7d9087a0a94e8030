// api.js — every call to /public/v1: the token, error decoding, 429 retries.
const BASE = '/public/v1';
const KEY = 'weeekd.token';

export class ApiError extends Error {
  constructor(status, body) {
    const errs = body && body.errors ? Object.entries(body.errors)
      .map(([f, m]) => `${f}: ${[].concat(m).join(' ')}`).join('; ') : '';
    super([body && body.message, errs].filter(Boolean).join(' — ') || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

let onUnauthorized = () => {};
export function setUnauthorizedHandler(f) { onUnauthorized = f; }
export function token() { return localStorage.getItem(KEY); }
export function setToken(t) { if (t) localStorage.setItem(KEY, t); else localStorage.removeItem(KEY); }

function qs(query) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query || {})) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach(x => p.append(`${k}[]`, x));
    else p.append(k, v);
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

// api('GET', '/tm/tasks', {query: {boardId: 1}}) -> the decoded JSON envelope
export async function api(method, path, opts = {}) {
  const headers = { Authorization: `Bearer ${opts.token || token()}` };
  let body;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  for (let attempt = 0; ; attempt++) {
    const r = await fetch(BASE + path + qs(opts.query), { method, headers, body });
    if (r.status === 429 && attempt < 3) {
      await sleep(Math.min(10, Number(r.headers.get('Retry-After')) || 1) * 1000);
      continue;
    }
    if (opts.blob && r.ok) return r.blob();
    let data = null;
    if (r.status !== 204) {
      const text = await r.text();
      try { data = text ? JSON.parse(text) : null; } catch { data = { message: text.slice(0, 200) }; }
    }
    if (r.status === 401 && !opts.token) onUnauthorized();
    if (!r.ok || (data && data.success === false)) throw new ApiError(r.status, data);
    return data || {};
  }
}

export const get = (p, query) => api('GET', p, { query });
export const post = (p, body) => api('POST', p, { body: body || {} });
export const put = (p, body) => api('PUT', p, { body });
export const del = (p, body) => api('DELETE', p, body ? { body } : {});

// Every page of a list: fetches pages of `per` until the API says there is no more.
export async function all(path, query, key, more = 'hasMore', per = 100, sizeKey = 'perPage') {
  const out = [];
  for (let offset = 0; ; offset += per) {
    const r = await get(path, { ...query, [sizeKey]: per, offset });
    out.push(...(r[key] || []));
    if (!r[more] || !(r[key] || []).length) return out;
  }
}

// Workspace data every view uses (members, tags), fetched once per refresh.
let shared = null;
export function sharedData(fresh) {
  if (fresh || !shared) {
    shared = Promise.all([get('/ws/members'), get('/ws/tags')]).then(([m, t]) => ({
      members: new Map(m.members.map(x => [x.id, x])),
      tags: new Map(t.tags.map(x => [x.id, x])),
    }));
    shared.catch(() => { shared = null; });
  }
  return shared;
}

export function memberName(m) {
  if (!m) return '?';
  return [m.firstName, m.lastName].filter(Boolean).join(' ') || m.email || m.id;
}

// dom.js — builds nodes; data only ever becomes text (textContent) or, for a description,
// nodes rebuilt by sanitize(). Never innerHTML with data.

// h('li', {class: 'card', onclick: f, dataset: {id: 1}}, 'text', child, [more])
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'value' || k === 'checked' || k === 'selected') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  add(el, children);
  return el;
}

function add(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) add(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  add(el, children);
  return el;
}

// The description allow-list: formatting only. Links keep an http(s)/mailto href and
// nothing else; every other attribute is dropped. Dropped with their content:
const DROP = new Set(['SCRIPT', 'STYLE', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH', 'TEMPLATE',
  'NOSCRIPT', 'TEXTAREA', 'SELECT', 'BUTTON', 'INPUT', 'FORM', 'LINK', 'META', 'TITLE', 'HEAD']);
const KEEP = new Set(['P', 'BR', 'B', 'STRONG', 'I', 'EM', 'U', 'S', 'STRIKE', 'DEL', 'UL', 'OL',
  'LI', 'BLOCKQUOTE', 'CODE', 'PRE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'A', 'HR', 'SUB', 'SUP']);

export function sanitize(html) {
  const doc = new DOMParser().parseFromString(String(html), 'text/html');
  const out = document.createDocumentFragment();
  walk(doc.body, out);
  return out;
}

function walk(src, dst) {
  for (const n of src.childNodes) {
    if (n.nodeType === Node.TEXT_NODE) {
      dst.append(document.createTextNode(n.nodeValue));
    } else if (n.nodeType === Node.ELEMENT_NODE) {
      const tag = n.tagName.toUpperCase();
      if (DROP.has(tag)) continue;
      if (!KEEP.has(tag)) { walk(n, dst); continue; } // unwrap: keep the text
      const el = document.createElement(tag.toLowerCase());
      if (tag === 'A') {
        const href = (n.getAttribute('href') || '').trim();
        if (/^(https?:|mailto:)/i.test(href)) {
          el.setAttribute('href', href);
          el.setAttribute('rel', 'noopener noreferrer');
          el.setAttribute('target', '_blank');
        }
      }
      walk(n, el);
      dst.append(el);
    }
  }
}

// Initials for an avatar: "Ada Owner" -> "AO"
export function initials(name) {
  const parts = String(name || '?').trim().split(/\s+/).filter(Boolean);
  return ((parts[0] || '?')[0] + (parts[1] ? parts[1][0] : '')).toUpperCase();
}

// The API's colour names map to CSS custom properties; anything else is shown as given.
const NAMED = new Set(['red', 'orange', 'yellow', 'green', 'dark_green', 'turquoise', 'blue',
  'purple', 'pink', 'grey', 'gray', 'brown', 'black', 'dark_blue']);
// Inline style attributes are refused by the CSP; CSSOM properties are not.
export function chip(el, c) {
  if (NAMED.has(c)) el.style.setProperty('--chip', `var(--c-${c.replace('gray', 'grey')})`);
  else if (/^#[0-9a-f]{3,8}$/i.test(c || '')) el.style.setProperty('--chip', c);
  return el;
}

// What names a control across a re-render (a new node for the same thing): its card or
// column, tag, address, accessible name and visible text; the first one of the same name.
function controlKey(e) {
  if (e.matches('.card')) return `card:${e.dataset.id}`;
  const at = e.parentElement?.closest('[data-id], [data-col]');
  const label = e.labels?.[0]?.textContent;
  return [at?.dataset.id, at?.dataset.col, e.tagName, e.getAttribute('href'), e.getAttribute('aria-label'),
    e.getAttribute('placeholder'), label, /^(A|BUTTON)$/.test(e.tagName) ? e.textContent : ''].join('|');
}

const FOCUSABLE = 'input, select, textarea, button, a[href], [tabindex]';

// Runs rebuild(), which replaces root's content, and gives focus back to the same control
// in the new content (by name, else by place): a refresh must not drop a keyboard user
// back to the top of the page, nor send a key pressed next to the wrong place.
export function keepFocus(root, rebuild) {
  const a = document.activeElement;
  const had = a && a !== document.body && root.contains(a);
  const key = had && controlKey(a);
  const at = had ? [...root.querySelectorAll(FOCUSABLE)].indexOf(a) : -1;
  const r = rebuild();
  if (had && !root.contains(document.activeElement)) {
    const now = [...root.querySelectorAll(FOCUSABLE)];
    (now.find(e => controlKey(e) === key) || now[at])?.focus({ preventScroll: true });
  }
  return r;
}

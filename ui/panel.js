// panel.js — what the task, deal, contact and organization panels share: the frame (title,
// close, Esc), one labelled control per field that saves itself on change and shows
// "saved" or the API's error beside it, checkbox sets, custom fields, attachments.
import { h, clear } from './dom.js';
import { t } from './i18n.js';
import { api, memberName } from './api.js';

let seq = 0;

export function frame(el, label, close, ...body) {
  const heading = `panel-h-${++seq}`;
  clear(el, h('div', { class: 'panel-inner', role: 'dialog', 'aria-labelledby': heading },
    h('header', { class: 'panel-head' }, h('h2', { id: heading }, label),
      h('button', { type: 'button', class: 'icon close', 'aria-label': t('close'), onclick: close }, '×')),
    body));
}

// A panel's refresh (window focus, every 30 s) re-renders it: it waits while the panel
// holds what the user has not saved yet, which that would throw away: text being typed
// (until its change saves it), an item picked in an Add list and not yet added, a value
// the API refused (shown with its error). The comment box is left out: its thread keeps
// its draft. reset() when the panel is rebuilt.
export function draftGuard(el) {
  let dirty = false;
  el.oninput = e => { if (!e.target.closest('.comments')) dirty = true; };
  el.onchange = e => { if (!e.target.closest('.comments, .picker')) dirty = false; };
  return {
    busy: () => dirty || [...el.querySelectorAll('.status.error')].some(s => !s.closest('.comments')),
    reset: () => { dirty = false; },
  };
}

// A status line that says whether the last save of this field worked.
export function status() {
  const s = h('span', { class: 'status', role: 'status' });
  s.run = async f => {
    s.className = 'status';
    s.textContent = t('saving');
    try {
      const r = await f();
      s.textContent = t('saved');
      return r;
    } catch (x) {
      s.className = 'status error';
      s.textContent = x.message;
      s.setAttribute('role', 'alert');
      return undefined;
    }
  };
  return s;
}

// field(t('title'), h('input', ...), v => put(...)): saves on change; the control's value
// is read by read(control) (default .value)
export function field(label, control, save, read = c => c.value) {
  const id = `f-${++seq}`;
  control.id = id;
  const st = status();
  control.addEventListener('change', () => st.run(() => save(read(control))));
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, st);
}

export function select(options, value, attrs = {}) {
  return h('select', attrs, options.map(([v, text]) =>
    h('option', { value: v, selected: String(v) === String(value ?? '') }, text)));
}

// A set of checkboxes: on(id) / off(id) are called as each one changes.
export function checkSet(label, choices, chosen, on, off) {
  const st = status();
  const has = new Set((chosen || []).map(String));
  return h('fieldset', { class: 'checks' }, h('legend', {}, label),
    choices.length ? choices.map(([id, text]) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', checked: has.has(String(id)), onchange: e =>
        st.run(() => (e.target.checked ? on(id) : off(id))) }), ' ', text)) : h('span', { class: 'hint' }, '—'),
    st);
}

// One control per custom field; save(fieldId, value) writes {customFields: {id: value}}.
export function customFields(fields, members, save) {
  if (!fields || !fields.length) return null;
  const rows = fields.map(f => {
    const name = f.name || f.type;
    const write = v => save(f.id, v);
    const opts = (f.options || []).map(o => [o.id, o.name]);
    switch (f.type) {
      case 'boolean':
        return field(name, h('input', { type: 'checkbox', checked: !!f.value }), write, c => c.checked);
      case 'number':
        return field(name, h('input', { type: 'number', step: 'any', value: f.value ?? '' }), write,
          c => (c.value === '' ? null : Number(c.value)));
      case 'datetime':
        return field(name, h('input', { type: 'date', value: (f.value || '').slice(0, 10) }), write,
          c => c.value || null);
      case 'select':
        return field(name, select([['', t('none')], ...opts], f.value), write, c => c.value || null);
      case 'multiselect':
        return checkSet(name, opts, f.value, id => write([...new Set([...(f.value || []), id])])
          .then(() => { f.value = [...new Set([...(f.value || []), id])]; }),
        id => write((f.value || []).filter(x => x !== id)).then(() => { f.value = (f.value || []).filter(x => x !== id); }));
      case 'member':
      case 'approval': {
        const ms = [...members.values()].map(m => [m.id, memberName(m)]);
        return checkSet(name, ms, f.value, id => write([...new Set([...(f.value || []), id])])
          .then(() => { f.value = [...new Set([...(f.value || []), id])]; }),
        id => write((f.value || []).filter(x => x !== id)).then(() => { f.value = (f.value || []).filter(x => x !== id); }));
      }
      default: // text, link, contact (an id) and any type this interface does not know
        return field(name, h('input', { type: f.type === 'link' ? 'url' : 'text', value: f.value ?? '' }),
          write, c => c.value || null);
    }
  });
  return h('fieldset', { class: 'group' }, h('legend', {}, t('customFields')), rows);
}

// Files: a list with download buttons (the bytes need the token, so they come through
// fetch and leave as a blob URL) and an upload control.
export function attachments(files, uploadPath, reload) {
  const st = status();
  const input = h('input', { type: 'file', multiple: true, id: `f-${++seq}` });
  input.addEventListener('change', () => st.run(async () => {
    const form = new FormData();
    for (const f of input.files) form.append('files[]', f, f.name);
    await api('POST', uploadPath, { form });
    await reload();
  }));
  return h('fieldset', { class: 'group attachments' }, h('legend', {}, t('attachments')),
    h('ul', {}, (files || []).map(f => h('li', {},
      h('span', { class: 'file-name' }, f.name), ' ', h('span', { class: 'hint' }, size(f.size)), ' ',
      h('button', { type: 'button', 'aria-label': `${t('download')}: ${f.name}`, onclick: () => st.run(async () => {
        const path = new URL(f.url, location.href).pathname.replace(/^\/public\/v1/, '');
        const blob = await api('GET', path, { blob: true });
        const a = h('a', { href: URL.createObjectURL(blob), download: f.name });
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(a.href), 10000);
      }) }, t('download'))))),
    h('label', { for: input.id }, t('upload')), input, st);
}

function size(n) {
  if (n == null) return '';
  return n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(1)} MB`;
}

// Delete in two steps: the first press asks, the second deletes.
export function deleteButton(onDelete) {
  const st = status();
  const b = h('button', { type: 'button', class: 'danger', onclick: () => {
    if (b.dataset.armed) st.run(onDelete);
    else { b.dataset.armed = '1'; b.textContent = t('confirmDelete'); }
  } }, t('delete'));
  return h('div', { class: 'field' }, b, st);
}

// comments.js — a task's comment thread in its panel: newest first as the API gives them,
// "Show more" for the next page, a box that sends with Ctrl/Cmd+Enter, replies, and delete
// on one's own comments. The API has no edit route (PUT is a 405), so neither has this.
// The thread is made once per panel and keeps its draft when the panel re-renders.
import { h, clear } from './dom.js';
import { t, lang } from './i18n.js';
import { get, post, del, sharedData, memberName } from './api.js';
import { status } from './panel.js';

const PAGE = 50; // the API's default page

export function commentThread(taskPath, me) {
  const path = `${taskPath}/comments`;
  let items = [];
  let more = false;
  let replyTo = null;
  let members = new Map();
  const list = h('ol', { class: 'comment-list' });
  const moreBox = h('div');
  const loadSt = h('span', { class: 'status error' });
  const sendSt = status();
  const replyBox = h('div', { class: 'inline reply-to' });
  const box = h('textarea', { rows: 3, 'aria-label': t('comment'), placeholder: t('commentHint'),
    onkeydown: e => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); send(); } } });
  const root = h('fieldset', { class: 'group comments' }, h('legend', {}, t('comments')),
    h('form', { class: 'comment-form', onsubmit: e => { e.preventDefault(); send(); } },
      replyBox, box, h('div', { class: 'inline' },
        h('button', { type: 'submit' }, t('sendComment')), h('span', { class: 'hint' }, t('sendHint')), sendSt)),
    list, moreBox, loadSt);

  const byId = id => items.find(c => c.id === id);
  const name = id => memberName(members.get(id));
  const when = iso => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const excerpt = s => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

  function draw() {
    clear(list, items.length ? items.map(item) : h('li', { class: 'hint' }, t('noComments')));
    clear(moreBox, more ? h('button', { type: 'button', onclick: () => quiet(() => fetchPages(items.length + PAGE, items.length)) },
      t('moreComments')) : null);
    const p = replyTo && byId(replyTo);
    if (replyTo && !p) replyTo = null; // the comment replied to is gone
    clear(replyBox, p ? [h('span', {}, t('replyingTo', name(p.authorId), excerpt(p.markdown))),
      h('button', { type: 'button', class: 'link', 'aria-label': t('cancelReply'),
        onclick: () => { replyTo = null; draw(); box.focus(); } }, '×')] : null);
  }

  function item(c) {
    const st = status();
    const parent = c.parentId != null ? byId(c.parentId) : null;
    const own = me != null && String(c.authorId) === String(me);
    const rm = own ? h('button', { type: 'button', class: 'link danger', 'aria-label': t('deleteComment'),
      onclick: () => {
        if (!rm.dataset.armed) {
          rm.dataset.armed = '1';
          rm.textContent = t('confirmDelete');
          rm.setAttribute('aria-label', t('confirmDelete'));
          return;
        }
        st.run(() => del(`${path}/${c.id}`)).then(r => r && quiet(() => fetchPages(Math.max(PAGE, items.length))));
      } }, t('delete')) : null;
    return h('li', { class: 'comment', dataset: { id: c.id } },
      h('div', { class: 'comment-head' },
        h('strong', { class: 'comment-author' }, name(c.authorId)), ' ',
        h('time', { datetime: c.createdAt, title: c.createdAt }, when(c.createdAt)),
        c.parentId != null ? h('span', { class: 'hint' }, ' ', t('inReplyTo',
          parent ? name(parent.authorId) : `#${c.parentId}`)) : null),
      // markdown shown as it was written: text, never markup
      h('div', { class: 'comment-text' }, c.markdown),
      h('div', { class: 'inline' },
        h('button', { type: 'button', class: 'link', onclick: () => { replyTo = c.id; draw(); box.focus(); } }, t('reply')),
        rm, st));
  }

  // A read whose failure shows in words under the thread (role=alert), like a field's error.
  async function quiet(f) {
    try {
      await f();
      loadSt.removeAttribute('role');
      loadSt.textContent = '';
    } catch (x) {
      loadSt.setAttribute('role', 'alert');
      loadSt.textContent = x.message;
    }
  }

  // Reads comments [from, n) (past 100 in several pages); from > 0 appends to what is shown.
  async function fetchPages(n, from = 0) {
    const got = [];
    let hasMore = true;
    for (let off = from; hasMore && off < n; off += 100) {
      const r = await get(path, { limit: Math.min(100, Math.max(1, n - off)), offset: off });
      got.push(...(r.comments || []));
      hasMore = !!r.hasMore && (r.comments || []).length > 0;
    }
    // a comment made since the last page shifts the offsets: skip what is already shown
    items = from ? [...items, ...got.filter(c => !byId(c.id))] : got;
    more = hasMore;
    draw();
  }

  let sending = false; // a second Ctrl+Enter while the first is on its way sends nothing
  async function send() {
    if (sending) return;
    const body = { markdown: box.value };
    if (replyTo) body.parentId = replyTo;
    sending = true;
    const ok = await sendSt.run(() => post(path, body)).finally(() => { sending = false; });
    if (!ok) return;
    box.value = '';
    replyTo = null;
    await quiet(() => fetchPages(Math.max(PAGE, items.length + 1)));
    box.focus();
  }

  return {
    el: root,
    // the panel's (re)load: members for the authors' names, then the first page(s)
    load: () => quiet(async () => {
      members = (await sharedData()).members;
      await fetchPages(Math.max(PAGE, items.length));
    }),
  };
}

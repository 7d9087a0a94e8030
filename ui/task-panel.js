// task-panel.js — every field of a task, each saved on change (#/tasks/{id}).
import { h, clear, sanitize, keepFocus } from './dom.js';
import { t } from './i18n.js';
import { get, post, put, del, sharedData, memberName } from './api.js';
import { frame, field, select, checkSet, customFields, attachments, deleteButton, status, draftGuard } from './panel.js';
import { commentThread } from './comments.js';

export async function taskPanel(el, id, ctx, close) {
  const path = `/tm/tasks/${encodeURIComponent(id)}`;
  clear(el, h('div', { class: 'panel-inner' }, h('p', {}, t('loading'))));

  let first = true;
  // the comment box keeps its draft through a re-render (the thread is made once), so
  // typing there does not hold the panel's refresh back
  const draft = draftGuard(el);
  const thread = commentThread(path, ctx.rail?.me?.id);

  async function render() {
    let task, shared, subs, parent;
    try {
      const comments = sharedData(first).then(() => thread.load()); // shows its own error
      [task, shared] = await Promise.all([get(path).then(r => r.task), sharedData()]);
      const brief = s => get(`/tm/tasks/${s}`).then(r => r.task).catch(() => ({ id: s, title: `#${s}` }));
      [parent, subs] = await Promise.all([task.parentId ? brief(task.parentId) : null,
        Promise.all((task.subTasks || []).map(brief)), comments]);
    } catch (x) {
      frame(el, t('taskPanel'), close, h('p', { class: 'error', role: 'alert' }, x.message));
      return;
    }
    const save = body => put(path, body).then(r => { Object.assign(task, r.task); ctx.view?.refresh?.(); });
    const members = [...shared.members.values()].map(m => [m.id, memberName(m)]);
    const tags = [...shared.tags.values()].map(x => [x.id, x.title]);
    const dateTime = (dKey, tKey, label, tLabel) => {
      const d = h('input', { type: 'date', value: task[dKey] || (task[tKey] || '').slice(0, 10) });
      const tm = h('input', { type: 'time', value: (task[tKey] || '').slice(11, 16) });
      const write = () => (tm.value && d.value
        ? save({ [tKey]: `${d.value}T${tm.value}:00Z` }) : save({ [dKey]: d.value || null }));
      return [field(label, d, write), field(tLabel, tm, write)];
    };
    const me = ctx.rail?.me?.id;
    const today = new Date().toISOString().slice(0, 10);
    const entryDate = h('input', { type: 'date', value: today, 'aria-label': t('date') });
    const entryMin = h('input', { type: 'number', min: 1, max: 1440, value: 30, 'aria-label': t('minutes') });
    const entryOver = h('input', { type: 'checkbox', 'aria-label': t('overtime') });
    const timeSt = status();
    const subTitle = h('input', { 'aria-label': t('title'), placeholder: t('newSubtask'), required: true });
    const subSt = status();
    const parentSt = status();
    const parentId = h('input', { type: 'number', min: 1, 'aria-label': t('parentId'), required: true });
    const setParent = v => parentSt.run(async () => {
      await post(`${path}/parent`, { parentId: v });
      await render();
      ctx.view?.refresh?.();
    });
    const doneSt = status();

    draft.reset();
    // focus is taken where it is now, after the reads: the user may have moved it meanwhile
    keepFocus(el, () => frame(el, t('taskPanel'), close,
      h('div', { class: 'task-state' },
        h('span', { class: `badge${task.isCompleted ? ' done' : ''}` }, task.isCompleted ? t('completed') : t('open')),
        h('button', { type: 'button', onclick: () => doneSt.run(async () => {
          await post(`${path}/${task.isCompleted ? 'un-complete' : 'complete'}`);
          await render();
          ctx.view?.refresh?.();
        }) }, task.isCompleted ? t('uncomplete') : t('complete')), doneSt),
      field(t('title'), h('input', { value: task.title, required: true }), v => save({ title: v })),
      h('div', { class: 'field' }, h('span', { class: 'label' }, t('description')),
        task.description ? h('div', { class: 'desc' }, sanitize(task.description)) : h('span', { class: 'hint' }, '—')),
      h('div', { class: 'row' },
        field(t('type'), select(['action', 'meet', 'call'].map(x => [x, t(`t_${x}`)]), task.type), v => save({ type: v })),
        field(t('priority'), select([['', t('none')], ...[0, 1, 2, 3].map(p => [p, t(`p${p}`)])], task.priority),
          v => save({ priority: v === '' ? null : Number(v) }))),
      h('div', { class: 'row' }, dateTime('startDate', 'startDateTime', t('startDate'), t('startTime'))),
      h('div', { class: 'row' }, dateTime('dueDate', 'dueDateTime', t('dueDate'), t('dueTime'))),
      field(t('duration'), h('input', { type: 'number', min: 0, value: task.duration ?? '' }),
        v => save({ duration: v === '' ? null : Number(v) })),
      checkSet(t('assignees'), members, task.assignees,
        u => post(`${path}/assignees`, { assignees: [u] }), u => del(`${path}/assignees`, { assignees: [u] })),
      checkSet(t('watchers'), members, task.subscribers,
        u => post(`${path}/watchers`, { watchers: [u] }), u => del(`${path}/watchers`, { watchers: [u] })),
      checkSet(t('tags'), tags, task.tags,
        x => save({ tags: [...new Set([...task.tags, x])] }), x => save({ tags: task.tags.filter(y => y !== x) })),
      customFields(task.customFields, shared.members, (fid, v) => save({ customFields: { [fid]: v } })),
      h('fieldset', { class: 'group' }, h('legend', {}, t('parentTask')),
        parent ? h('div', { class: 'inline' }, h('a', { href: `#/tasks/${parent.id}` }, parent.title),
          h('button', { type: 'button', onclick: () => setParent(null) }, t('detach'))) : h('span', { class: 'hint' }, '—'),
        h('form', { class: 'inline', onsubmit: e => { e.preventDefault(); setParent(Number(parentId.value)); } },
          parentId, h('button', { type: 'submit' }, t('setParent'))), parentSt),
      h('fieldset', { class: 'group' }, h('legend', {}, t('subtasks')),
        h('ul', {}, subs.map(s => h('li', {}, h('a', { href: `#/tasks/${s.id}` }, s.title)))),
        h('form', { class: 'inline', onsubmit: e => {
          e.preventDefault();
          subSt.run(async () => { await post('/tm/tasks', { title: subTitle.value.trim(), parentId: task.id }); await render(); });
        } }, subTitle, h('button', { type: 'submit' }, t('add')), subSt)),
      h('fieldset', { class: 'group' }, h('legend', {}, t('timeEntries')),
        h('ul', {}, (task.timeEntries || []).map(e => h('li', {},
          `${e.date} · ${e.duration} min · ${memberName(shared.members.get(e.userId))}${e.isOvertime ? ` · ${t('overtime')}` : ''} `,
          h('button', { type: 'button', class: 'link', 'aria-label': `${t('delete')}: ${e.date} ${e.duration}`,
            onclick: () => timeSt.run(async () => { await del(`${path}/time-entries/${e.id}`); await render(); }) }, '×')))),
        h('form', { class: 'inline', onsubmit: ev => {
          ev.preventDefault();
          timeSt.run(async () => {
            await post(`${path}/time-entries`, { userId: me, date: entryDate.value,
              duration: Number(entryMin.value), isOvertime: entryOver.checked });
            await render();
          });
        } }, entryDate, entryMin, h('label', { class: 'check' }, entryOver, ' ', t('overtime')),
        h('button', { type: 'submit' }, t('addEntry'))),
        h('div', { class: 'inline' }, h('span', {}, t('timer')),
          h('button', { type: 'button', onclick: () => timeSt.run(() => post(`${path}/start-timer`)) }, t('startTimer')),
          h('button', { type: 'button', onclick: () => timeSt.run(async () => { await post(`${path}/stop-timer`); await render(); }) }, t('stopTimer'))),
        timeSt),
      attachments(task.attachments, `${path}/attachments`, render),
      thread.el,
      deleteButton(async () => { await del(path); ctx.view?.refresh?.(); close(); })));
    if (first) el.querySelector('input')?.focus({ preventScroll: true });
    first = false;
  }

  await render();
  return {
    id,
    refresh: () => (draft.busy() ? null : render()),
  };
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// Assignments on the teacher view (#16): pick a class, create an assignment (title,
// instructions, a starter from my own projects or an empty one, due time), hand it out, see
// the class grid (state, handed in when, late), open a copy read-only and return it with
// feedback.

import { api } from '../api.js';
import { t, formatDate, lang } from '../i18n.js';
import { h, announce, reportError, errorText, setUpDialog, openDialog, dialogError, busy, rememberFocus, restoreFocus } from '../ui.js';
import { editorUrl } from '../projectcard.js';

const byId = (id) => document.getElementById(id);
const nameOf = (person) => person.display_name || person.username;

const state = { classId: null, assignments: [], grid: null, returning: null };

async function loadClasses() {
  const { data } = await api('GET', '/api/v1/classes');
  const classes = data.classes || [];
  const select = byId('assignment-class');
  select.replaceChildren(...classes.map((item) => h('option', { value: String(item.id) }, item.name)));
  byId('new-assignment').disabled = classes.length === 0;
  state.classId = classes.length ? Number(select.value) : null;
}

export async function loadAssignments() {
  if (state.classId == null) {
    byId('teacher-assignment-list').replaceChildren();
    byId('teacher-assignments-empty').hidden = false;
    return;
  }
  const { data } = await api('GET', `/api/v1/classes/${state.classId}/assignments`);
  state.assignments = data.assignments || [];
  const list = byId('teacher-assignment-list');
  const focusKey = rememberFocus(list);
  list.replaceChildren(...state.assignments.map(assignmentCard));
  byId('teacher-assignments-empty').hidden = state.assignments.length > 0;
  restoreFocus(list, focusKey);
  if (state.grid) await loadGrid();
}

function assignmentCard(item) {
  const key = `teacher-assignment-${item.id}`;
  return h('li', { class: 'card assignment-card', dataset: { assignmentId: String(item.id) } },
    h('h3', {}, item.title),
    h('p', { class: 'project-meta' }, item.due_at
      ? h('time', { datetime: item.due_at }, t('assign.due', { time: formatDate(item.due_at) }))
      : t('assign.noDue')),
    h('p', { class: 'assignment-counts' }, item.handed_out_at
      ? t('assign.counts', { handed: item.counts.handed_in, total: item.counts.students })
      : t('assign.notHandedOut')),
    h('div', { class: 'button-row' },
      item.handed_out_at ? null : h('button', {
        type: 'button', class: 'button primary', dataset: { focusKey: `${key}-handout` },
        onclick: (event) => handOut(item, event.currentTarget),
      }, t('assign.handOut')),
      h('button', {
        type: 'button', class: 'button', dataset: { focusKey: `${key}-grid` },
        'aria-controls': 'assignment-grid-wrap',
        onclick: () => showGrid(item.id, true),
      }, t('assign.showGrid'))));
}

async function handOut(item, button) {
  await busy(button, async () => {
    try {
      const { data } = await api('POST', `/api/v1/assignments/${item.id}/hand-out`);
      announce(t('assign.handedOutTo', { count: data.copies_made }));
      await loadAssignments();
    } catch (error) {
      reportError(error);
    }
  });
}

// ---- The class grid ------------------------------------------------------------

async function showGrid(id, moveFocus) {
  state.grid = id;
  byId('assignment-grid-wrap').hidden = false;
  await loadGrid();
  if (moveFocus) byId('assignment-grid-title').focus();
}

async function loadGrid() {
  const id = state.grid;
  let data;
  try {
    ({ data } = await api('GET', `/api/v1/assignments/${id}/copies`));
  } catch (error) {
    closeGrid();
    reportError(error);
    return;
  }
  if (state.grid !== id) return;
  byId('assignment-grid-title').textContent = t('assign.gridTitle', { title: data.assignment.title });
  const body = byId('assignment-grid-rows');
  const focusKey = rememberFocus(body);
  body.replaceChildren(...(data.copies || []).map((row) => gridRow(id, row)));
  restoreFocus(body, focusKey);
}

function gridRow(assignmentId, row) {
  const key = `grid-${assignmentId}-${row.student.id}`;
  return h('tr', { dataset: { studentId: String(row.student.id), state: row.state } },
    h('th', { scope: 'row' }, nameOf(row.student)),
    h('td', {},
      h('span', { class: `tag state-${row.state}` }, t(`assign.state.${row.state}`)),
      row.late ? h('span', { class: 'tag tag-late' }, t('assign.late')) : null),
    h('td', {}, row.handed_in_at
      ? h('time', { datetime: row.handed_in_at }, formatDate(row.handed_in_at)) : '—'),
    h('td', {}, h('div', { class: 'button-row' },
      row.project_id ? h('a', {
        class: 'button small', href: editorUrl(row.project_id), dataset: { focusKey: `${key}-open` },
      }, t('assign.openReadOnly')) : null,
      row.project_id ? h('button', {
        type: 'button', class: 'button small', dataset: { focusKey: `${key}-return` },
        onclick: () => askReturn(assignmentId, row),
      }, t('assign.return')) : null)));
}

function closeGrid() {
  state.grid = null;
  byId('assignment-grid-wrap').hidden = true;
}

// ---- Create ------------------------------------------------------------------

async function openCreate() {
  const dialog = byId('assignment-dialog');
  byId('assignment-form').reset();
  const select = byId('assignment-starter');
  select.replaceChildren(h('option', { value: '' }, t('assign.starterEmpty')));
  openDialog(dialog, byId('assignment-title'));
  try {
    const { data } = await api('GET', '/api/v1/projects');
    select.append(...(data.projects || []).map((project) => h('option', { value: String(project.id) }, project.title)));
  } catch (error) {
    dialogError(dialog, errorText(error));
  }
}

async function create(event) {
  event.preventDefault();
  const dialog = byId('assignment-dialog');
  const title = byId('assignment-title').value.trim();
  if (!title) {
    byId('assignment-title').setAttribute('aria-invalid', 'true');
    dialogError(dialog, t('assign.titleLabel'));
    byId('assignment-title').focus();
    return;
  }
  byId('assignment-title').removeAttribute('aria-invalid');
  const due = byId('assignment-due').value; // local time, as the teacher's clock shows it
  const starter = byId('assignment-starter').value;
  const body = {
    title,
    instructions: byId('assignment-instructions').value,
    due_at: due ? new Date(due).toISOString() : null,
    allow_continue: byId('assignment-continue').checked,
    starter_project_id: starter ? Number(starter) : null,
  };
  await busy(byId('assignment-create'), async () => {
    try {
      const { data } = await api('POST', `/api/v1/classes/${state.classId}/assignments`, { json: body });
      if (byId('assignment-handout').checked) await api('POST', `/api/v1/assignments/${data.id}/hand-out`);
      dialog.close('done');
      announce(t('assign.created', { title: data.title }));
      await loadAssignments();
    } catch (error) {
      dialogError(dialog, error.body?.message && lang === 'en' ? error.body.message : errorText(error));
    }
  });
}

// ---- Return with feedback ---------------------------------------------------------

function askReturn(assignmentId, row) {
  state.returning = { assignmentId, row };
  byId('return-form').reset();
  byId('return-title').textContent = t('assign.returnTitle', { name: nameOf(row.student) });
  byId('return-feedback').value = row.feedback || '';
  const assignment = state.assignments.find((item) => item.id === assignmentId);
  byId('return-continue').checked = Boolean(assignment?.allow_continue);
  openDialog(byId('return-dialog'), byId('return-feedback'));
}

async function sendReturn(event) {
  event.preventDefault();
  const dialog = byId('return-dialog');
  const target = state.returning;
  if (!target) return;
  await busy(byId('return-send'), async () => {
    try {
      await api('POST', `/api/v1/assignments/${target.assignmentId}/copies/${target.row.student.id}/return`, {
        json: { feedback: byId('return-feedback').value, allow_continue: byId('return-continue').checked },
      });
      dialog.close('done');
      announce(t('assign.returned', { name: nameOf(target.row.student) }));
      await loadAssignments();
    } catch (error) {
      dialogError(dialog, errorText(error));
    }
  });
}

export async function startTeacherAssignments() {
  setUpDialog(byId('assignment-dialog'));
  setUpDialog(byId('return-dialog'));
  byId('return-dialog').addEventListener('close', () => { state.returning = null; });
  byId('new-assignment').addEventListener('click', openCreate);
  byId('assignment-form').addEventListener('submit', create);
  byId('return-form').addEventListener('submit', sendReturn);
  byId('close-assignment-grid').addEventListener('click', closeGrid);
  byId('assignment-class').addEventListener('change', async (event) => {
    state.classId = Number(event.target.value);
    closeGrid();
    try {
      await loadAssignments();
    } catch (error) {
      reportError(error);
    }
  });
  await loadClasses();
  await loadAssignments();
}

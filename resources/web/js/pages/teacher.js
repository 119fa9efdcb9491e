// SPDX-License-Identifier: AGPL-3.0-or-later
// The teacher view (/teacher): my classes and their join codes, the students
// I teach (online or not, last seen, project count) and, for a chosen
// student, their projects to open read-only. Refreshes every 15 seconds and
// updates rows in place, so focus and screen reader position stay put.

import { api, ApiError } from '../api.js';
import { t, lang, formatDate, formatRelative, formatDuration } from '../i18n.js';
import { startLoggedInPage } from '../nav.js';
import {
  h, announce, reportError, errorText, rememberFocus, restoreFocus, setUpDialog, openDialog,
  dialogError, busy,
} from '../ui.js';
import { projectCard, cardButton, timeLine, sharedTags, editorUrl } from '../projectcard.js';
import { commentsPath, loadComments, renderComments } from '../feedback.js';
import { startTeacherAssignments, loadAssignments } from './teacherassignments.js';

const byId = (id) => document.getElementById(id);
const refreshMs = 15000;
const helpRefreshMs = 5000; // the help queue: a raised hand should show within seconds

const state = {
  students: new Map(), // id → student
  rows: new Map(), // id → {row, cells}
  selected: null, // id of the student whose projects are shown
  projectsJson: '', // what the project cards were drawn from, to skip identical redraws
  timer: null,
  helpTimer: null,
  helpRows: new Map(), // help request id → {row, cells}
  user: null,
};

const nameOf = (person) => person.display_name || person.username;

// ---- Classes ---------------------------------------------------------------

/** On the teacher's own computer the address is localhost, which students cannot use. */
function isLoopback() {
  return ['localhost', '127.0.0.1', '[::1]'].includes(location.hostname);
}

async function loadClasses() {
  const { data } = await api('GET', '/api/v1/classes');
  const classes = data.classes || [];
  byId('class-list').replaceChildren(...classes.map((item) => h('li', { class: 'card class-card' },
    h('h3', {}, item.name),
    h('p', { class: 'class-code-line' },
      h('span', { class: 'muted' }, t('teacher.joinCode')), ' ',
      h('strong', { class: 'join-code' }, item.join_code || '—')),
    h('p', { class: 'muted' },
      t('teacher.studentCount', { count: item.student_count || 0 }), ' · ',
      item.join_open ? t('teacher.joinOpen') : t('teacher.joinClosed')),
    item.join_code && item.join_open && !isLoopback()
      ? h('p', { class: 'join-link' }, t('teacher.joinLink'), ' ',
        h('code', {}, `${location.origin}/join/${item.join_code}`))
      : null,
    liveControls(item))));
  byId('class-list').hidden = classes.length === 0;
  byId('classes-empty').hidden = classes.length > 0;
}

// ---- Live lesson (#16): the same buttons as the dashboard's tab ------------

let ownProjects = null; // the teacher's projects, to choose one to send

function liveControls(item) {
  const base = `/api/v1/classes/${item.id}`;
  const stateLine = h('p', { class: 'live-state', role: 'status' }, t('common.loading'));
  const toggle = h('button', { type: 'button', class: 'button small' }, t('live.pencilsDown'));
  const picker = h('select', { class: 'live-project', 'aria-label': t('live.sendLabel') });
  const send = h('button', { type: 'button', class: 'button small' }, t('live.send'));
  const collect = h('button', { type: 'button', class: 'button small' }, t('live.collect'));
  const download = h('a', { class: 'button small quiet', hidden: '' }, t('live.downloadZip'));
  let down = false;
  const show = (value) => {
    down = value;
    // In words, never by colour alone.
    stateLine.textContent = down ? t('live.stateOn') : t('live.stateOff');
    stateLine.dataset.down = String(down);
    toggle.textContent = down ? t('live.continue') : t('live.pencilsDown');
  };
  api('GET', `${base}/live`).then(({ data }) => show(Boolean(data.pencils_down)), reportError);
  toggle.addEventListener('click', () => busy(toggle, async () => {
    try {
      const { data } = await api('PUT', `${base}/live`, { json: { pencils_down: !down } });
      show(Boolean(data.pencils_down));
    } catch (error) { reportError(error); }
  }));
  (ownProjects ||= api('GET', '/api/v1/projects').then(({ data }) => data.projects || []))
    .then((projects) => {
      picker.replaceChildren(...projects.map((project) => h('option', { value: String(project.id) }, project.title)));
      send.disabled = projects.length === 0;
      if (!projects.length) picker.replaceChildren(h('option', { value: '' }, t('live.noOwnProjects')));
    }, reportError);
  send.addEventListener('click', () => busy(send, async () => {
    const pressId = (crypto.randomUUID && crypto.randomUUID()) || `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    try {
      const { data } = await api('POST', `${base}/live/send`, {
        json: { project_id: Number(picker.value), press_id: pressId },
      });
      announce(t('live.sent', { count: data.copies.length }), { kind: 'success' });
    } catch (error) { reportError(error); }
  }));
  collect.addEventListener('click', () => busy(collect, async () => {
    try {
      const { data } = await api('POST', `${base}/collections`);
      announce(t('live.collected', { count: data.items.length }), { kind: 'success' });
      download.href = data.zip_url;
      download.hidden = data.items.length === 0;
    } catch (error) { reportError(error); }
  }));
  return h('div', { class: 'live-controls' },
    h('h4', {}, t('live.controlsTitle')),
    stateLine,
    h('p', { class: 'live-buttons' }, toggle),
    h('p', { class: 'live-buttons' }, picker, ' ', send),
    h('p', { class: 'live-buttons' }, collect, ' ', download));
}

// ---- Students table ----------------------------------------------------------

function presence(online) {
  return h('span', { class: `presence ${online ? 'online' : 'offline'}` },
    online ? t('teacher.online') : t('teacher.offline'));
}

function setText(cell, text) {
  if (cell.textContent !== text) cell.textContent = text;
}

function fillRow(entry, student) {
  const { cells } = entry;
  const button = cells.name.querySelector('button');
  setText(button.querySelector('.student-name'), nameOf(student));
  setText(cells.username, student.username);
  setText(cells.groups, (student.groups || []).map((group) => group.name).join(', ') || '—');
  if (cells.online.dataset.online !== String(Boolean(student.online))) {
    cells.online.dataset.online = String(Boolean(student.online));
    cells.online.replaceChildren(presence(student.online));
  }
  const seen = student.last_seen ? formatRelative(student.last_seen) : t('teacher.never');
  setText(cells.lastSeen, seen);
  cells.lastSeen.title = student.last_seen ? formatDate(student.last_seen) : '';
  setText(cells.projects, String(student.project_count ?? 0));
  markSelected(entry, state.selected === student.id);
}

function markSelected(entry, selected) {
  const button = entry.cells.name.querySelector('button');
  entry.row.classList.toggle('selected', selected);
  button.setAttribute('aria-pressed', selected ? 'true' : 'false');
  entry.cells.name.querySelector('.shown-below').hidden = !selected;
}

function makeRow(student) {
  const cell = () => h('td');
  const cells = {
    name: h('th', { scope: 'row' },
      h('button', {
        type: 'button',
        class: 'button small student-button',
        'aria-pressed': 'false',
        'aria-controls': 'student-projects',
        dataset: { studentId: String(student.id) },
        onclick: () => selectStudent(student.id, true),
      }, h('span', { class: 'student-name' })),
      h('span', { class: 'tag shown-below', hidden: true }, t('teacher.shownBelow'))),
    username: cell(),
    groups: cell(),
    online: cell(),
    lastSeen: cell(),
    projects: h('td', { class: 'number' }),
  };
  const row = h('tr', { dataset: { studentId: String(student.id) } }, Object.values(cells));
  return { row, cells };
}

function sortKey(student) {
  return nameOf(student);
}

async function loadStudents() {
  const { data } = await api('GET', '/api/v1/teacher/students');
  const students = (data.students || []).slice()
    .sort((a, b) => sortKey(a).localeCompare(sortKey(b), lang, { sensitivity: 'base' }));
  const body = byId('student-rows');
  const seen = new Set();
  let previousRow = null;
  for (const student of students) {
    seen.add(student.id);
    state.students.set(student.id, student);
    let entry = state.rows.get(student.id);
    if (!entry) {
      // New rows are inserted after the previous one; existing rows are never
      // moved, because moving a row would take focus away from its button.
      entry = makeRow(student);
      state.rows.set(student.id, entry);
      body.insertBefore(entry.row, previousRow ? previousRow.nextSibling : body.firstChild);
    }
    fillRow(entry, student);
    previousRow = entry.row;
  }
  for (const [id, entry] of state.rows) {
    if (!seen.has(id)) {
      entry.row.remove();
      state.rows.delete(id);
      state.students.delete(id);
    }
  }
  byId('students-empty').hidden = students.length > 0;
  applyFilter();
  byId('updated-at').textContent = t('teacher.updatedAt', {
    time: new Intl.DateTimeFormat(lang, { timeStyle: 'medium' }).format(new Date()),
  });
}

function applyFilter() {
  const query = byId('student-filter').value.trim().toLowerCase();
  for (const [id, entry] of state.rows) {
    const student = state.students.get(id);
    const text = `${nameOf(student)} ${student.username} ${(student.groups || []).map((g) => g.name).join(' ')}`;
    entry.row.hidden = Boolean(query) && !text.toLowerCase().includes(query);
  }
}

// ---- One student's projects ----------------------------------------------------

async function selectStudent(id, moveFocus) {
  state.selected = id;
  state.projectsJson = '';
  for (const [rowId, entry] of state.rows) markSelected(entry, rowId === id);
  const student = state.students.get(id);
  const section = byId('student-projects');
  byId('student-projects-title').textContent = t('teacher.projectsOf', { name: nameOf(student) });
  byId('student-project-list').replaceChildren();
  byId('student-projects-empty').hidden = true;
  section.hidden = false;
  if (moveFocus) {
    byId('student-projects-title').focus();
    section.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }
  await loadStudentProjects();
}

async function loadStudentProjects() {
  const id = state.selected;
  if (id == null) return;
  let data;
  try {
    ({ data } = await api('GET', `/api/v1/teacher/students/${encodeURIComponent(id)}/projects`));
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
      closeStudent();
      return;
    }
    throw error;
  }
  if (state.selected !== id) return; // another student was chosen meanwhile
  const projects = data.projects || [];
  const json = JSON.stringify(projects);
  if (json === state.projectsJson) return;
  state.projectsJson = json;
  const list = byId('student-project-list');
  const focusKey = rememberFocus(list);
  list.replaceChildren(...projects.map((project) => projectCard(project, {
    headingLevel: 3,
    lines: [timeLine('card.lastSaved', project.updated_at), sharedTags(project)],
    actions: [cardButton({
      label: t('teacher.openReadOnly'), title: project.title, href: editorUrl(project.id),
      className: 'button primary', icon: 'play', focusKey: `open-${project.id}`,
    }), cardButton({
      label: t('feedback.button'), title: project.title, className: 'button',
      focusKey: `comment-${project.id}`,
      onClick: () => openComments(project, data.student || state.students.get(id) || {}),
    })],
  })));
  list.hidden = projects.length === 0;
  const empty = byId('student-projects-empty');
  empty.textContent = t('teacher.noProjects', { name: nameOf(data.student || state.students.get(id) || {}) });
  empty.hidden = projects.length > 0;
  restoreFocus(list, focusKey, byId('student-projects-title'));
}

function closeStudent() {
  const id = state.selected;
  state.selected = null;
  state.projectsJson = '';
  byId('student-projects').hidden = true;
  for (const entry of state.rows.values()) markSelected(entry, false);
  state.rows.get(id)?.cells.name.querySelector('button').focus();
}

// ---- Help queue (#16) ----------------------------------------------------------

function helpRow(request) {
  const name = nameOf(request.student);
  const cells = {
    name: h('th', { scope: 'row' }),
    project: h('td'),
    waiting: h('td'),
    question: h('td'),
    actions: h('td', { class: 'help-actions' },
      request.project ? cardButton({
        label: t('help.openReadOnly'), title: name, href: editorUrl(request.project.id),
        className: 'button small', focusKey: `help-open-${request.id}`,
      }) : null,
      cardButton({
        label: t('help.markDone'), title: name, className: 'button small primary',
        focusKey: `help-done-${request.id}`,
        onClick: (event) => markHelpDone(request, event.currentTarget),
      })),
  };
  const row = h('tr', { dataset: { helpId: String(request.id) } }, Object.values(cells));
  return { row, cells };
}

function fillHelpRow(entry, request) {
  const { cells } = entry;
  setText(cells.name, nameOf(request.student));
  setText(cells.project, request.project ? request.project.title : t('help.noProject'));
  setText(cells.waiting, formatDuration(request.waiting_seconds || 0));
  setText(cells.question, request.question || t('help.noQuestion'));
}

async function loadHelp() {
  const { data } = await api('GET', '/api/v1/teacher/help');
  const requests = data.requests || [];
  const body = byId('help-rows');
  const focusKey = rememberFocus(body);
  const seen = new Set();
  let previous = null;
  for (const request of requests) {
    seen.add(request.id);
    let entry = state.helpRows.get(request.id);
    if (!entry) {
      entry = helpRow(request);
      state.helpRows.set(request.id, entry);
      body.insertBefore(entry.row, previous ? previous.nextSibling : body.firstChild);
    }
    fillHelpRow(entry, request);
    previous = entry.row;
  }
  for (const [id, entry] of state.helpRows) {
    if (!seen.has(id)) {
      entry.row.remove();
      state.helpRows.delete(id);
    }
  }
  restoreFocus(body, focusKey, byId('help-title'));
  byId('help-table-wrap').hidden = requests.length === 0;
  byId('help-empty').hidden = requests.length > 0;
  setText(byId('help-count'), requests.length ? t('help.queueCount', { count: requests.length }) : '');
}

async function markHelpDone(request, button) {
  await busy(button, async () => {
    try {
      await api('POST', `/api/v1/teacher/help/${encodeURIComponent(request.id)}/done`);
      announce(t('help.markedDone', { name: nameOf(request.student) }));
      byId('help-title').setAttribute('tabindex', '-1');
      byId('help-title').focus();
      await loadHelp();
    } catch (error) {
      reportError(error);
    }
  });
}

function scheduleHelp() {
  clearInterval(state.helpTimer);
  state.helpTimer = setInterval(() => {
    if (!document.hidden) loadHelp().catch(() => {});
  }, helpRefreshMs);
}

// ---- Comments on a student's project (#16) -------------------------------------

let commentTarget = null; // {project, student}

async function openComments(project, student) {
  commentTarget = { project, student };
  const dialog = byId('comment-dialog');
  byId('comment-title').textContent = t('feedback.heading', { title: project.title });
  byId('comment-label').textContent = t('feedback.commentLabel', { name: nameOf(student) });
  byId('comment-text').value = '';
  byId('comment-list').replaceChildren();
  byId('comment-none').hidden = true;
  openDialog(dialog, byId('comment-text'));
  await refreshComments();
}

async function refreshComments() {
  if (!commentTarget) return;
  try {
    const thread = await loadComments(commentTarget.project.id);
    const comments = thread.comments || [];
    renderComments(byId('comment-list'), comments, { lastReadId: Infinity });
    byId('comment-none').hidden = comments.length > 0;
  } catch (error) {
    dialogError(byId('comment-dialog'), errorText(error));
  }
}

async function sendComment(event) {
  event.preventDefault();
  if (!commentTarget) return;
  const text = byId('comment-text').value.trim();
  if (!text) {
    byId('comment-text').focus();
    return;
  }
  dialogError(byId('comment-dialog'), '');
  byId('comment-status').textContent = '';
  await busy(byId('comment-send'), async () => {
    try {
      await api('POST', commentsPath(commentTarget.project.id), { json: { text } });
      byId('comment-text').value = '';
      byId('comment-status').textContent = t('feedback.sent');
      await refreshComments();
    } catch (error) {
      dialogError(byId('comment-dialog'), errorText(error));
    }
  });
}

// ---- Refresh ---------------------------------------------------------------

async function refreshAll() {
  try {
    await Promise.all([loadStudents(), loadStudentProjects(), loadAssignments()]);
  } catch (error) {
    reportError(error);
  }
}

function schedule() {
  clearInterval(state.timer);
  state.timer = setInterval(() => {
    if (!document.hidden) refreshAll();
  }, refreshMs);
}

async function start() {
  const user = await startLoggedInPage();
  if (!user) return;
  if (user.role !== 'teacher' && user.role !== 'admin') {
    byId('not-teacher').hidden = false;
    return;
  }
  state.user = user;
  byId('teacher-content').hidden = false;
  setUpDialog(byId('comment-dialog'));
  byId('comment-dialog').addEventListener('close', () => { commentTarget = null; });
  byId('comment-form').addEventListener('submit', sendComment);
  byId('student-filter').addEventListener('input', applyFilter);
  byId('close-student').addEventListener('click', closeStudent);
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) {
      refreshAll();
      loadHelp().catch(() => {});
    }
  });
  try {
    await Promise.all([loadClasses(), loadStudents(), loadHelp(), startTeacherAssignments()]);
  } catch (error) {
    reportError(error);
  }
  schedule();
  scheduleHelp();
}

start();

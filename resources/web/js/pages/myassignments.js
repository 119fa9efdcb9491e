// SPDX-License-Identifier: AGPL-3.0-or-later
// "My assignments" on My projects (#16): what the teacher handed out, with its state
// (not started / in progress / handed in / returned), the due time, the teacher's feedback,
// "Open" (makes the student's own copy the first time) and "Hand in" behind a confirmation.

import { api } from '../api.js';
import { t, formatDate } from '../i18n.js';
import { h, announce, reportError, errorText, setUpDialog, openDialog, dialogError, busy, rememberFocus, restoreFocus } from '../ui.js';
import { editorUrl } from '../projectcard.js';

const byId = (id) => document.getElementById(id);
const path = (id, action) => `/api/v1/assignments/${encodeURIComponent(id)}/${action}`;

const state = { assignments: [], handingIn: null };

function canHandIn(item) {
  return item.state === 'not_started' || item.state === 'in_progress'
    || (item.state === 'returned' && item.continue_allowed);
}

function dueLine(item) {
  if (!item.due_at) return h('p', { class: 'project-meta' }, t('assign.noDue'));
  return h('p', { class: 'project-meta' },
    h('time', { datetime: item.due_at }, t('assign.due', { time: formatDate(item.due_at) })),
    item.late ? h('span', { class: 'tag tag-late' }, ' ', t('assign.late')) : null);
}

function card(item) {
  const key = `assignment-${item.id}`;
  return h('li', { class: 'card assignment-card', dataset: { assignmentId: String(item.id), state: item.state } },
    h('h3', {}, item.title),
    h('p', { class: 'assignment-state' },
      h('span', { class: `tag state-${item.state}` }, t(`assign.state.${item.state}`)), ' ',
      h('span', { class: 'muted' }, t('assign.classLine', { name: item.class.name }))),
    dueLine(item),
    item.instructions ? h('p', { class: 'assignment-instructions' }, item.instructions) : null,
    item.frozen ? h('p', { class: 'notice' }, t('assign.frozen')) : null,
    item.state === 'returned' && item.feedback
      ? h('div', { class: 'assignment-feedback', role: 'group', 'aria-label': t('assign.feedbackTitle') },
        h('h4', {}, t('assign.feedbackTitle')),
        h('p', { class: 'feedback-text' }, item.feedback),
        item.continue_allowed ? h('p', { class: 'muted' }, t('assign.continueAllowed')) : null)
      : null,
    h('div', { class: 'button-row' },
      h('button', {
        type: 'button', class: 'button primary', dataset: { focusKey: `${key}-open` },
        onclick: (event) => open(item, event.currentTarget),
      }, item.frozen ? t('assign.look') : t('assign.open')),
      canHandIn(item) ? h('button', {
        type: 'button', class: 'button', dataset: { focusKey: `${key}-handin` },
        onclick: () => askHandIn(item),
      }, t('assign.handIn')) : null));
}

function render() {
  const list = byId('assignment-list');
  const focusKey = rememberFocus(list);
  list.replaceChildren(...state.assignments.map(card));
  byId('assignments-section').hidden = state.assignments.length === 0;
  restoreFocus(list, focusKey, byId('assignments-title'));
}

export async function loadMyAssignments() {
  try {
    const { data } = await api('GET', '/api/v1/me/assignments');
    state.assignments = data.assignments || [];
    render();
  } catch (error) {
    reportError(error);
  }
}

async function open(item, button) {
  await busy(button, async () => {
    try {
      const { data } = await api('POST', path(item.id, 'open'));
      location.assign(editorUrl(data.project_id));
    } catch (error) {
      reportError(error);
    }
  });
}

function askHandIn(item) {
  state.handingIn = item;
  byId('handin-title').textContent = t('assign.handInTitle', { title: item.title });
  openDialog(byId('handin-dialog'), byId('handin-cancel'));
}

async function confirmHandIn(event) {
  event.preventDefault();
  const item = state.handingIn;
  const dialog = byId('handin-dialog');
  if (!item) return;
  await busy(byId('handin-confirm'), async () => {
    try {
      await api('POST', path(item.id, 'hand-in'));
      dialog.close('done');
      announce(t('assign.handedIn', { title: item.title }));
      await loadMyAssignments();
    } catch (error) {
      dialogError(dialog, error.code === 'assignment_closed' ? t('assign.closed') : errorText(error));
    }
  });
}

export function setUpMyAssignments() {
  const dialog = byId('handin-dialog');
  setUpDialog(dialog);
  byId('handin-form').addEventListener('submit', confirmHandIn);
  dialog.addEventListener('close', () => { state.handingIn = null; });
}

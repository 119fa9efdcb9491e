// SPDX-License-Identifier: AGPL-3.0-or-later
// My projects (/projects) and my trash (/projects?trash=1): open, rename,
// copy, share, download, upload, version history, trash and restore, delete for
// good and empty the trash (behind a confirmation dialog), and the storage space
// used (issue #12).

import { api, ApiError } from '../api.js';
import { t, formatDate, formatRelative, formatSize } from '../i18n.js';
import { startLoggedInPage } from '../nav.js';
import {
  h, announce, reportError, errorText, setUpDialog, openDialog, dialogError, busy,
  rememberFocus, restoreFocus,
} from '../ui.js';
import { projectCard, cardButton, timeLine, sharedTags, editorUrl } from '../projectcard.js';
import { loadComments, markCommentsRead, renderComments, feedbackBadge } from '../feedback.js';
import { setUpMyAssignments, loadMyAssignments } from './myassignments.js';

const byId = (id) => document.getElementById(id);
const inTrash = new URLSearchParams(location.search).get('trash') === '1';

const state = {
  user: null,
  projects: [],
  storage: null, // {used_bytes, quota_bytes (null: no limit)}
  feedback: new Map(), // project id → {comments, unread} (#16)
};

const projectPath = (id) => `/api/v1/projects/${encodeURIComponent(id)}`;
const ifMatch = (version) => ({ 'If-Match': `"${version}"` });
const findProject = (id) => state.projects.find((project) => project.id === id);

// ---- Loading and drawing the list --------------------------------------------

async function loadProjects() {
  const { data } = await api('GET', inTrash ? '/api/v1/projects?trash=1' : '/api/v1/projects');
  state.projects = data.projects || [];
  if (!inTrash) await loadFeedback();
}

/** Comments and unread counts of my projects (#16); the list works without them. */
async function loadFeedback() {
  try {
    const { data } = await api('GET', '/api/v1/me/feedback');
    state.feedback = new Map((data.projects || []).map((entry) => [entry.id, entry]));
  } catch (error) {
    state.feedback = new Map();
  }
}

async function refresh() {
  try {
    await loadProjects();
    render();
  } catch (error) {
    reportError(error);
  }
  await refreshStorage();
}

// ---- Storage space --------------------------------------------------------

/** Reads the space used again (after anything that adds or frees some) and shows it. */
async function refreshStorage() {
  try {
    const { data } = await api('GET', '/api/v1/me/storage');
    state.storage = data;
  } catch (error) {
    state.storage = null; // the line is a help, not essential: the page works without it
  }
  renderStorage();
}

function storageText(storage) {
  const used = formatSize(storage.used_bytes);
  if (storage.quota_bytes == null) return t('storage.usedNoLimit', { used });
  const percent = Math.min(100, Math.round((100 * storage.used_bytes) / Math.max(1, storage.quota_bytes)));
  const text = t('storage.used', { used, quota: formatSize(storage.quota_bytes), percent });
  return storage.used_bytes >= storage.quota_bytes ? `${text} ${t('storage.full')}` : text;
}

function renderStorage() {
  const line = byId(inTrash ? 'trash-storage-line' : 'storage-line');
  line.hidden = !state.storage;
  if (state.storage) line.textContent = storageText(state.storage);
}

function render() {
  const list = byId(inTrash ? 'trash-list' : 'project-list');
  const focusKey = rememberFocus(list);
  byId(inTrash ? 'trash-loading' : 'loading').hidden = true;
  list.replaceChildren(...state.projects.map(inTrash ? trashCard : myCard));
  byId(inTrash ? 'trash-empty' : 'projects-empty').hidden = state.projects.length > 0;
  list.hidden = state.projects.length === 0;
  if (inTrash) byId('empty-trash').hidden = state.projects.length === 0;
  if (!inTrash) {
    byId('project-count').textContent = state.projects.length
      ? t('projects.count', { count: state.projects.length }) : '';
  }
  restoreFocus(list, focusKey, byId(inTrash ? 'back-to-projects' : 'new-project'));
}

function myCard(project) {
  const id = project.id;
  const title = project.title;
  const action = (label, icon, handler, extra = {}) => cardButton({
    label, icon, className: `button ${extra.className || ''}`.trim(),
    focusKey: `${extra.key}-${id}`, onClick: (event) => handler(findProject(id), event.currentTarget),
  });
  const feedback = state.feedback.get(id);
  return projectCard(project, {
    lines: [timeLine('card.lastSaved', project.updated_at), sharedTags(project), feedbackBadge(feedback)],
    actions: [cardButton({
      label: t('card.open'), title, href: editorUrl(id), className: 'button primary',
      focusKey: `open-${id}`, icon: 'play',
    }), feedback && feedback.comments ? cardButton({
      label: t('feedback.button'), title, className: 'button feedback-button',
      focusKey: `feedback-${id}`, onClick: () => openFeedback(findProject(id)),
    }) : null],
    more: [
      action(t('card.rename'), 'pencil', openRename, { key: 'rename' }),
      action(t('card.copy'), 'copy', makeCopy, { key: 'copy' }),
      action(t('card.share'), 'share', openShare, { key: 'share' }),
      cardButton({
        label: t('card.download'), icon: 'download', href: `${projectPath(id)}/sb3`,
        download: '', focusKey: `download-${id}`,
      }),
      action(t('card.history'), 'history', openHistory, { key: 'history' }),
      action(t('card.trash'), 'trash', moveToTrash, { key: 'trash', className: 'danger-text' }),
    ],
  });
}

function trashCard(project) {
  const id = project.id;
  return projectCard(project, {
    lines: [timeLine('card.trashedAt', project.deleted_at || project.updated_at)],
    actions: [
      cardButton({
        label: t('card.restore'), title: project.title, className: 'button primary', icon: 'restore',
        focusKey: `restore-${id}`, onClick: (event) => restoreFromTrash(project, event.currentTarget),
      }),
      cardButton({
        label: t('card.purge'), title: project.title, className: 'button danger-text', icon: 'trash',
        focusKey: `purge-${id}`, onClick: () => askPurge(project),
      }),
    ],
  });
}

// ---- Delete for good ----------------------------------------------------------
// One dialog for both questions; `purgeTarget` is a project, or 'all' for the whole trash.

let purgeTarget = null;

function askPurge(project) {
  purgeTarget = project;
  byId('purge-title').textContent = t('purge.title', { title: project.title });
  byId('purge-text').textContent = t('purge.text');
  byId('purge-confirm').textContent = t('purge.confirm');
  // Cancel first: Enter on an unread question must not destroy anything.
  openDialog(byId('purge-dialog'), byId('purge-cancel'));
}

function askEmptyTrash() {
  purgeTarget = 'all';
  byId('purge-title').textContent = t('purge.allTitle');
  byId('purge-text').textContent = t('purge.allText', { count: state.projects.length });
  byId('purge-confirm').textContent = t('purge.allConfirm');
  openDialog(byId('purge-dialog'), byId('purge-cancel'));
}

async function confirmPurge(event) {
  event.preventDefault();
  const dialog = byId('purge-dialog');
  const target = purgeTarget;
  if (!target) {
    dialog.close();
    return;
  }
  await busy(byId('purge-confirm'), async () => {
    let message;
    try {
      if (target === 'all') {
        const { data } = await api('DELETE', '/api/v1/projects?trash=1');
        message = t('purge.allDone', { count: data?.purged ?? 0 });
      } else {
        await api('DELETE', `${projectPath(target.id)}?purge=1`);
        message = t('purge.done', { title: target.title });
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) reportError(error);
      else dialogError(dialog, errorText(error));
      return;
    }
    purgeTarget = null;
    const index = target === 'all' ? 0 : state.projects.indexOf(target);
    state.projects = target === 'all' ? [] : state.projects.filter((item) => item !== target);
    render();
    // The card that opened the dialog is gone: closing hands focus to its neighbour instead.
    const neighbour = state.projects[Math.min(index, state.projects.length - 1)];
    dialog._opener = neighbour ? document.querySelector(`[data-focus-key="restore-${neighbour.id}"]`)
      : byId('back-to-projects');
    dialog._openerKey = null;
    dialog.close();
    announce(message, { kind: 'success' });
    await refreshStorage();
  });
}

// ---- Trash ----------------------------------------------------------------

async function moveToTrash(project, button) {
  await busy(button, async () => {
    try {
      await api('DELETE', projectPath(project.id));
    } catch (error) {
      reportError(error);
      return;
    }
    // Put focus on a neighbouring card before this one disappears.
    const index = state.projects.indexOf(project);
    state.projects = state.projects.filter((item) => item !== project);
    render();
    const neighbour = state.projects[Math.min(index, state.projects.length - 1)];
    const target = neighbour ? document.querySelector(`[data-focus-key="open-${neighbour.id}"]`) : byId('new-project');
    target?.focus();
    announce(t('projects.trashed', { title: project.title }), {
      kind: 'success',
      action: { label: t('common.undo'), run: () => undoTrash(project) },
    });
  });
}

async function undoTrash(project) {
  try {
    await api('POST', `${projectPath(project.id)}/restore`);
    await loadProjects();
    render();
    document.querySelector(`[data-focus-key="open-${project.id}"]`)?.focus();
    announce(t('projects.restored', { title: project.title }), { kind: 'success' });
  } catch (error) {
    reportError(error);
  }
}

async function restoreFromTrash(project, button) {
  await busy(button, async () => {
    try {
      await api('POST', `${projectPath(project.id)}/restore`);
    } catch (error) {
      reportError(error);
      return;
    }
    const index = state.projects.indexOf(project);
    state.projects = state.projects.filter((item) => item !== project);
    render();
    const neighbour = state.projects[Math.min(index, state.projects.length - 1)];
    (neighbour ? document.querySelector(`[data-focus-key="restore-${neighbour.id}"]`) : byId('back-to-projects'))
      ?.focus();
    announce(t('trash.restored', { title: project.title }), { kind: 'success' });
  });
}

// ---- Copy -----------------------------------------------------------------

async function makeCopy(project, button) {
  await busy(button, async () => {
    try {
      const { data } = await api('POST', `${projectPath(project.id)}/copy`);
      await loadProjects();
      render();
      refreshStorage();
      announce(t('projects.copied', { title: data.title }), {
        kind: 'success',
        action: { label: t('projects.openCopy'), run: () => { location.href = editorUrl(data.id); } },
      });
    } catch (error) {
      reportError(error);
    }
  });
}

// ---- Rename ---------------------------------------------------------------

function openRename(project) {
  const dialog = byId('rename-dialog');
  dialog.dataset.projectId = String(project.id);
  const input = byId('rename-input');
  input.value = project.title;
  input.removeAttribute('aria-invalid');
  openDialog(dialog, input);
  input.select();
}

/** After a 412: fetch the list again so the dialog and cards show the newest version. */
async function reloadAfterConflict(error) {
  await loadProjects();
  render();
  const who = error.body?.updated_by?.display_name || error.body?.updated_by?.username;
  return who ? t('conflict.byName', { name: who }) : t('conflict.generic');
}

async function saveRename(event) {
  event.preventDefault();
  const dialog = byId('rename-dialog');
  const input = byId('rename-input');
  const project = findProject(Number(dialog.dataset.projectId));
  const title = input.value.trim();
  if (!title) {
    input.setAttribute('aria-invalid', 'true');
    dialogError(dialog, t('rename.empty'));
    input.focus();
    return;
  }
  if (!project || title === project.title) {
    dialog.close();
    return;
  }
  await busy(byId('rename-save'), async () => {
    try {
      const { data } = await api('PATCH', projectPath(project.id), {
        json: { title }, headers: ifMatch(project.version),
      });
      Object.assign(project, data);
      dialog.close();
      render();
      announce(t('rename.done', { title: data.title }), { kind: 'success' });
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        try {
          dialogError(dialog, `${await reloadAfterConflict(error)} ${t('rename.tryAgain')}`);
        } catch (reloadError) {
          dialogError(dialog, errorText(reloadError));
        }
      } else if (error instanceof ApiError && error.status === 401) {
        reportError(error);
      } else {
        dialogError(dialog, errorText(error));
      }
    }
  });
}

// ---- Share ------------------------------------------------------------------

function openShare(project) {
  const dialog = byId('share-dialog');
  dialog.dataset.projectId = String(project.id);
  byId('share-title').textContent = t('share.title', { title: project.title });
  const groups = state.user.groups || [];
  const sharedIds = new Set((project.shared_with || []).map((group) => group.id));
  byId('share-groups').replaceChildren(...groups.map((group) => h('li', {},
    h('label', { class: 'checkbox-option' },
      h('input', {
        type: 'checkbox', id: `share-group-${group.id}`, value: String(group.id),
        checked: sharedIds.has(group.id),
      }),
      h('span', {}, group.name)))));
  byId('share-fieldset').hidden = groups.length === 0;
  byId('share-no-groups').hidden = groups.length > 0;
  byId('share-save').hidden = groups.length === 0;
  openDialog(dialog, dialog.querySelector('input[type="checkbox"]') || dialog.querySelector('[data-close]'));
}

async function saveShare(event) {
  event.preventDefault();
  const dialog = byId('share-dialog');
  const project = findProject(Number(dialog.dataset.projectId));
  if (!project) {
    dialog.close();
    return;
  }
  const groupIds = [...byId('share-groups').querySelectorAll('input:checked')].map((box) => Number(box.value));
  await busy(byId('share-save'), async () => {
    try {
      const { data } = await api('PUT', `${projectPath(project.id)}/share`, { json: { group_ids: groupIds } });
      Object.assign(project, data);
      dialog.close();
      render();
      const names = (data.shared_with || []).map((group) => group.name).join(', ');
      announce(names ? t('share.done', { title: data.title, names }) : t('share.none', { title: data.title }),
        { kind: 'success' });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) reportError(error);
      else dialogError(dialog, errorText(error));
    }
  });
}

// ---- Version history -------------------------------------------------------

// ---- Feedback (#16) ------------------------------------------------------------

/** Shows the comments on my project and marks those shown read. */
async function openFeedback(project) {
  const dialog = byId('feedback-dialog');
  byId('feedback-title').textContent = t('feedback.heading', { title: project.title });
  byId('feedback-list').replaceChildren();
  byId('feedback-none').hidden = true;
  openDialog(dialog, dialog.querySelector('[data-close]'));
  const loading = byId('feedback-loading');
  loading.hidden = false;
  try {
    const thread = await loadComments(project.id);
    const comments = thread.comments || [];
    renderComments(byId('feedback-list'), comments,
      { lastReadId: thread.last_read_id, readerId: state.user.id });
    byId('feedback-none').hidden = comments.length > 0;
    const newest = comments.length ? comments[comments.length - 1].id : 0;
    if (newest > thread.last_read_id) {
      await markCommentsRead(project.id, newest);
      await loadFeedback();
      render();
    }
  } catch (error) {
    dialogError(dialog, errorText(error));
  } finally {
    loading.hidden = true;
  }
}

async function openHistory(project) {
  const dialog = byId('history-dialog');
  dialog.dataset.projectId = String(project.id);
  byId('history-title').textContent = t('history.title', { title: project.title });
  byId('history-list').replaceChildren();
  openDialog(dialog, dialog.querySelector('[data-close]'));
  await loadHistory(project);
}

async function loadHistory(project) {
  const loading = byId('history-loading');
  loading.hidden = false;
  try {
    const { data } = await api('GET', `${projectPath(project.id)}/versions`);
    renderHistory(project, data.versions || []);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) reportError(error);
    else dialogError(byId('history-dialog'), errorText(error));
  } finally {
    loading.hidden = true;
  }
}

function renderHistory(project, versions) {
  const list = byId('history-list');
  const focusKey = rememberFocus(list);
  const current = versions.length ? Math.max(...versions.map((item) => item.version)) : project.version;
  list.replaceChildren(...versions.map((item) => {
    const isCurrent = item.version === current;
    const who = item.saved_by ? (item.saved_by.display_name || item.saved_by.username) : '';
    return h('li', { class: `history-item${isCurrent ? ' current' : ''}` },
      h('div', { class: 'history-text' },
        h('p', { class: 'history-version' },
          h('strong', {}, t('history.version', { version: item.version })),
          isCurrent ? h('span', { class: 'tag' }, t('history.current')) : null),
        h('p', { class: 'muted' },
          h('time', { datetime: item.saved_at, title: formatDate(item.saved_at) }, formatRelative(item.saved_at)),
          ` · ${formatDate(item.saved_at)}`),
        h('p', { class: 'muted' },
          who ? t('history.savedBy', { name: who }) : '', who ? ' · ' : '', formatSize(item.size))),
      isCurrent ? null : h('button', {
        type: 'button',
        class: 'button small',
        dataset: { focusKey: `version-${item.version}` },
        onclick: (event) => restoreVersion(project, item.version, event.currentTarget),
      }, t('history.restore'), h('span', { class: 'visually-hidden' }, ` ${t('history.version', { version: item.version })}`)));
  }));
  restoreFocus(list, focusKey, byId('history-dialog').querySelector('[data-close]'));
}

async function restoreVersion(project, version, button) {
  const dialog = byId('history-dialog');
  dialogError(dialog, '');
  byId('history-status').textContent = '';
  await busy(button, async () => {
    try {
      const { data } = await api('POST', `${projectPath(project.id)}/versions/${version}/restore`, {
        headers: ifMatch(project.version),
      });
      Object.assign(project, data);
      render();
      await loadHistory(project);
      byId('history-status').textContent = t('history.restored', { old: version, version: data.version });
      dialog.querySelector('[data-close]').focus();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        try {
          const message = await reloadAfterConflict(error);
          const fresh = findProject(project.id) || project;
          await loadHistory(fresh);
          dialogError(dialog, `${message} ${t('history.tryAgain')}`);
        } catch (reloadError) {
          dialogError(dialog, errorText(reloadError));
        }
      } else if (error instanceof ApiError && error.status === 401) {
        reportError(error);
      } else {
        dialogError(dialog, errorText(error));
      }
    }
  });
}

// ---- Upload an .sb3 -------------------------------------------------------------

async function upload(file) {
  const title = file.name.replace(/\.sb3$/i, '').trim() || t('card.untitled');
  announce(t('upload.busy', { title }));
  const button = byId('upload-button');
  await busy(button, async () => {
    try {
      const { data } = await api('POST', `/api/v1/projects/import?title=${encodeURIComponent(title)}`, {
        body: file, headers: { 'Content-Type': 'application/x.scratch.sb3' },
      });
      await loadProjects();
      render();
      refreshStorage();
      announce(t('upload.done', { title: data.title }), {
        kind: 'success',
        action: { label: t('upload.open'), run: () => { location.href = editorUrl(data.id); } },
      });
    } catch (error) {
      reportError(error, 'upload');
    }
  });
}

// ---- Start -------------------------------------------------------------------

async function start() {
  const user = await startLoggedInPage({
    onFailure: () => {
      byId(inTrash ? 'trash-view' : 'projects-view').hidden = false;
      byId(inTrash ? 'trash-loading' : 'loading').hidden = true;
    },
  });
  if (!user) return;
  state.user = user;
  // A project a teacher sent (#16, the notice comes from nav.js): show it in the list at once.
  if (!inTrash) document.addEventListener('blockhaus:project-sent', () => refresh());
  byId(inTrash ? 'trash-view' : 'projects-view').hidden = false;
  if (inTrash) document.title = t('trash.pageTitle');

  for (const id of ['rename-dialog', 'share-dialog', 'history-dialog', 'purge-dialog', 'feedback-dialog']) {
    setUpDialog(byId(id));
  }
  byId('purge-form').addEventListener('submit', confirmPurge);
  byId('purge-dialog').addEventListener('close', () => { purgeTarget = null; });
  byId('empty-trash').addEventListener('click', askEmptyTrash);
  byId('rename-form').addEventListener('submit', saveRename);
  byId('share-form').addEventListener('submit', saveShare);
  byId('upload-button').addEventListener('click', () => byId('upload-input').click());
  byId('upload-input').addEventListener('change', (event) => {
    const [file] = event.target.files;
    event.target.value = ''; // choosing the same file again must fire 'change' again
    if (file) upload(file);
  });

  if (!inTrash) setUpMyAssignments();
  await Promise.all([refresh(), inTrash ? null : loadMyAssignments()]);
}

start();

// SPDX-License-Identifier: AGPL-3.0-or-later
// My projects (/projects) and my trash (/projects?trash=1): open, rename,
// copy, share, download, upload, version history, trash and restore.

import { api, ApiError } from '../api.js';
import { t, formatDate, formatRelative, formatSize } from '../i18n.js';
import { startLoggedInPage } from '../nav.js';
import {
  h, announce, reportError, errorText, setUpDialog, openDialog, dialogError, busy,
  rememberFocus, restoreFocus,
} from '../ui.js';
import { projectCard, cardButton, timeLine, sharedTags, editorUrl } from '../projectcard.js';

const byId = (id) => document.getElementById(id);
const inTrash = new URLSearchParams(location.search).get('trash') === '1';

const state = {
  user: null,
  projects: [],
};

const projectPath = (id) => `/api/v1/projects/${encodeURIComponent(id)}`;
const ifMatch = (version) => ({ 'If-Match': `"${version}"` });
const findProject = (id) => state.projects.find((project) => project.id === id);

// ---- Loading and drawing the list --------------------------------------------

async function loadProjects() {
  const { data } = await api('GET', inTrash ? '/api/v1/projects?trash=1' : '/api/v1/projects');
  state.projects = data.projects || [];
}

async function refresh() {
  try {
    await loadProjects();
    render();
  } catch (error) {
    reportError(error);
  }
}

function render() {
  const list = byId(inTrash ? 'trash-list' : 'project-list');
  const focusKey = rememberFocus(list);
  byId(inTrash ? 'trash-loading' : 'loading').hidden = true;
  list.replaceChildren(...state.projects.map(inTrash ? trashCard : myCard));
  byId(inTrash ? 'trash-empty' : 'projects-empty').hidden = state.projects.length > 0;
  list.hidden = state.projects.length === 0;
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
  return projectCard(project, {
    lines: [timeLine('card.lastSaved', project.updated_at), sharedTags(project)],
    actions: [cardButton({
      label: t('card.open'), title, href: editorUrl(id), className: 'button primary',
      focusKey: `open-${id}`, icon: 'play',
    })],
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
    actions: [cardButton({
      label: t('card.restore'), title: project.title, className: 'button primary', icon: 'restore',
      focusKey: `restore-${id}`, onClick: (event) => restoreFromTrash(project, event.currentTarget),
    })],
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
  byId(inTrash ? 'trash-view' : 'projects-view').hidden = false;
  if (inTrash) document.title = t('trash.pageTitle');

  for (const id of ['rename-dialog', 'share-dialog', 'history-dialog']) setUpDialog(byId(id));
  byId('rename-form').addEventListener('submit', saveRename);
  byId('share-form').addEventListener('submit', saveShare);
  byId('upload-button').addEventListener('click', () => byId('upload-input').click());
  byId('upload-input').addEventListener('change', (event) => {
    const [file] = event.target.files;
    event.target.value = ''; // choosing the same file again must fire 'change' again
    if (file) upload(file);
  });

  await refresh();
}

start();

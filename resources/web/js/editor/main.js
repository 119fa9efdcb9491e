// SPDX-License-Identifier: AGPL-3.0-or-later
// The editor page: checks the session and the project before mounting the official Scratch
// editor (a missing project would crash it into "Oops!"), then mounts it with Blockhaus's
// storage and the save controller.
import { api, ApiError, currentUser, loginUrl } from '/js/api.js';
import { t, lang, applyTranslations, formatDate } from '/js/i18n.js';
import '/js/editor/strings.js';
import { createStorage } from '/js/editor/storage.js';
import { SaveController } from '/js/editor/saver.js';
import { guardLibrary } from '/js/editor/library.js';
import { setUpHelp } from '/js/editor/help.js';
import { onPause } from '/js/live.js';

const $ = (id) => document.getElementById(id);

function showProblem(headingKey, textKey, params = {}) {
  $('editor-loading').hidden = true;
  $('gui').hidden = true;
  $('problem-heading').textContent = t(headingKey);
  $('problem-text').textContent = t(textKey, params);
  $('editor-problem').hidden = false;
  setStatus({ state: 'failed', text: '' });
}

function setStatus({ state, text }) {
  const status = $('save-status');
  status.dataset.state = state;
  $('save-status-text').textContent = text;
}

function showTitle(title) {
  $('editor-title').textContent = title;
  document.title = `${title} – Blockhaus`;
}

async function loadMeta(projectId) {
  try {
    const { data } = await api('GET', `/api/v1/projects/${encodeURIComponent(projectId)}/meta`);
    return data;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) showProblem('editor.problem.notFoundHeading', 'editor.problem.notFound');
    else if (error instanceof ApiError && error.status === 403) showProblem('editor.problem.forbiddenHeading', 'editor.problem.forbidden');
    else showProblem('editor.problem.otherHeading', 'editor.problem.other', { reason: error.message });
    return null;
  }
}

// The assignment this project is a copy of (#16), or null: 404 means it is none, and any other
// failure leaves the editor as it is (the server refuses a frozen save anyway).
async function loadAssignment(projectId) {
  try {
    const { data } = await api('GET', `/api/v1/projects/${encodeURIComponent(projectId)}/assignment`);
    return data;
  } catch (error) {
    return null;
  }
}

function showAssignment(assignment) {
  const banner = $('editor-assignment');
  let text;
  if (assignment.frozen) {
    const reason = assignment.state === 'handed_in' ? 'editor.assignment.reasonHandedIn'
      : assignment.state === 'returned' ? 'editor.assignment.reasonReturned'
        : 'editor.assignment.reasonDue';
    text = t('editor.assignment.frozen', { title: assignment.title, reason: t(reason) });
    banner.classList.add('frozen');
  } else if (assignment.due_at) {
    text = t('editor.assignment.openDue', { title: assignment.title, time: formatDate(assignment.due_at) });
  } else {
    text = t('editor.assignment.open', { title: assignment.title });
  }
  banner.textContent = text;
  banner.hidden = false;
}

async function remix(projectId, button) {
  button.disabled = true;
  try {
    const { data } = await api('POST', `/api/v1/projects/${projectId}/copy`);
    location.assign(`/editor?project=${data.id}`);
  } catch (error) {
    button.disabled = false;
    setStatus({ state: 'failed', text: t('editor.status.failed', { reason: error.message }) });
  }
}

async function main() {
  applyTranslations();
  const user = await currentUser().catch(() => null);
  if (!user) {
    location.replace(loginUrl());
    return;
  }
  const params = new URLSearchParams(location.search);
  const requested = params.get('project') || 'new';
  const isNew = requested === 'new';
  if (!isNew && !/^\d{1,18}$/.test(requested)) {
    showProblem('editor.problem.notFoundHeading', 'editor.problem.notFound');
    return;
  }
  const meta = isNew ? null : await loadMeta(requested);
  if (!isNew && !meta) return;
  if (typeof window.GUI === 'undefined') {
    showProblem('editor.problem.noEditorHeading', 'editor.problem.noEditor');
    return;
  }
  const GUI = window.GUI;
  const assignment = isNew ? null : await loadAssignment(meta.id);
  if (assignment) showAssignment(assignment);
  // A frozen assignment copy is read-only for its owner too (#16).
  const owns = (isNew || meta.owner.id === user.id) && !assignment?.frozen;
  const mine = isNew || meta.owner.id === user.id;
  let playerOnly = !owns && params.get('play') === '1';
  showTitle(meta ? meta.title : t('editor.untitled'));
  if (!mine) {
    $('editor-owner').textContent = t('editor.ownerLine', { name: meta.owner.display_name });
    $('editor-owner').hidden = false;
    $('remix-button').hidden = false;
    $('remix-button').addEventListener('click', (event) => remix(meta.id, event.currentTarget));
  }

  // The student's own project open here, for the help queue (0 until a new one is saved).
  let ownProjectId = owns && meta ? meta.id : 0;
  setUpHelp({ user, projectId: () => ownProjectId });

  let props;
  const saver = new SaveController({
    user,
    meta,
    canSave: owns,
    onStatus: setStatus,
    onCreated: (created) => {
      // A new project (or "Save as a copy") got its id: keep the address bar in step.
      history.replaceState(null, '', `/editor?project=${created.id}`);
      ownProjectId = created.id;
      showTitle(created.title);
      props = { ...props, projectTitle: created.title };
      root.render(props);
    },
  });
  const storage = createStorage(GUI, { saveProject: saver.saveProject, onAssetError: saver.noteAssetError });
  // Classroom cloud variables (#16): the server says where they are available (the project's
  // owner shares a class with this user). The GUI then opens ws:// + cloudHost itself and only
  // when the project has a cloud variable; the server decides again on the handshake.
  const cloud = Boolean(meta && meta.cloud_variables);
  if (cloud) {
    storage.cloudVariables = {
      createProvider: (host, vm, username, projectId) => new GUI.LegacyCloudProvider(host, vm, username, projectId),
    };
  }
  const state = new GUI.EditorState({ locale: lang, isPlayerOnly: playerOnly }, () => ({ storage }));
  const container = $('gui');
  GUI.setAppElement(container);
  const root = GUI.createStandaloneRoot(state, container);
  saver.attach(state.store);
  guardLibrary(state.store);

  props = {
    projectId: isNew ? '0' : String(meta.id),
    projectTitle: meta ? meta.title : t('editor.untitled'),
    canSave: owns,
    canCreateNew: isNew,
    canCreateCopy: owns,
    canEditTitle: owns,
    canRemix: false,
    canShare: false,
    canManageFiles: true,
    canChangeLanguage: true,
    enableCommunity: false,
    showComingSoon: false,
    hasCloudPermission: cloud,
    canUseCloud: cloud,
    cloudHost: cloud ? `${location.host}/api/v1/cloud` : undefined,
    backpackVisible: owns,
    backpackHost: owns ? `${location.origin}/api/v1/backpack` : '',
    autoSaveIntervalSecs: 60,
    noBeforeUnloadHandler: true, // SaveController warns, knowing about title and retry state too
    username: user.display_name,
    onClickLogo: () => location.assign('/projects'),
    onSetProjectSaver: (fn) => saver.setGuiSaver(fn),
    onUpdateProjectTitle: (title) => showTitle(title),
    onUpdateProjectThumbnail: owns ? uploadThumbnail : undefined,
  };
  root.render(props);

  $('save-now').hidden = !owns;
  $('save-now').addEventListener('click', () => saver.saveNow());
  if (playerOnly) {
    document.body.classList.add('player-mode');
    $('look-inside').hidden = false;
    $('look-inside').addEventListener('click', () => {
      playerOnly = false;
      document.body.classList.remove('player-mode');
      $('look-inside').hidden = true;
      state.dispatch({ type: 'scratch-gui/mode/SET_PLAYER', isPlayerOnly: false });
    });
  }
  watchLoading(state.store);
  onPause(({ paused, by }) => (paused ? pause(saver, by) : resume()));
}

// Pencils down (#16): save first (the editor's own save path), then cover the editor with a
// full-screen pause that takes the focus; Continue removes it. The editor underneath is inert,
// so neither mouse nor keyboard changes the work while the class listens.
let pauseWatch = null;

function pause(saver, by) {
  const overlay = $('pause-overlay');
  const hadUnsaved = saver.hasUnsavedWork();
  saver.saveNow();
  $('pause-by').textContent = by ? t('editor.pause.by', { name: by }) : '';
  $('pause-by').hidden = !by;
  $('pause-save').textContent = t(hadUnsaved ? 'editor.pause.saving' : 'editor.pause.nothingToSave');
  for (const id of ['editor-bar', 'main']) $(id).inert = true;
  overlay.hidden = false;
  document.body.dataset.paused = 'true';
  overlay.focus();
  clearInterval(pauseWatch);
  if (!hadUnsaved) return;
  const started = Date.now();
  pauseWatch = setInterval(() => {
    if (!saver.hasUnsavedWork()) {
      $('pause-save').textContent = t('editor.pause.saved');
      clearInterval(pauseWatch);
    } else if (Date.now() - started > 15000) {
      $('pause-save').textContent = t('editor.pause.notSaved');
      clearInterval(pauseWatch);
    }
  }, 250);
}

function resume() {
  clearInterval(pauseWatch);
  const overlay = $('pause-overlay');
  if (overlay.hidden) return;
  overlay.hidden = true;
  for (const id of ['editor-bar', 'main']) $(id).inert = false;
  delete document.body.dataset.paused;
  $('gui').focus?.();
}

// Best effort: a thumbnail never decides whether a save succeeded (SCRATCH_GUI.md).
function uploadThumbnail(projectId, blob) {
  if (!projectId || String(projectId) === '0') return;
  api('PUT', `/api/v1/projects/${projectId}/thumbnail`, {
    body: blob, headers: { 'Content-Type': blob.type || 'image/png' },
  }).catch(() => {});
}

// The loading notice goes once the project is on screen; the editor's own spinner takes over
// before that.
function watchLoading(store) {
  const unsubscribe = store.subscribe(() => {
    const loading = store.getState().scratchGui.projectState.loadingState;
    if (loading === 'SHOWING_WITH_ID' || loading === 'SHOWING_WITHOUT_ID') {
      $('editor-loading').hidden = true;
      document.body.dataset.editorReady = 'true';
      unsubscribe();
    }
  });
}

main().catch((error) => {
  showProblem('editor.problem.otherHeading', 'editor.problem.other', { reason: error.message });
});

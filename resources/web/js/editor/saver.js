// SPDX-License-Identifier: AGPL-3.0-or-later
// SaveController: how the editor's work reaches Blockhaus, and what the student sees about it.
//
// - It is the GUIStorage.saveProject the editor calls after it has stored its dirty assets:
//   POST for a new project, PUT with If-Match "version" for an existing one (G1), the title from
//   the editor's own title field in the query.
// - 422 missing_assets (library picks and the built-in new project live only in the browser):
//   it uploads exactly those assets from the VM, then sends the JSON again, so assets always
//   arrive before the project that names them.
// - 412: the conflict dialog; the student decides, nothing is overwritten silently.
// - Network failures and 5xx keep the unsaved state in the page and retry with backoff; except
//   507 (the student's storage space or the server's disk is full): retrying cannot help, so it
//   is said in words and the next try waits for the student (Save now, Ctrl+S, a new edit).
// - Autosave every 60 s while there are changes, on Ctrl+S / "Save now", when the page is
//   hidden, and a warning when the tab is closed with unsaved changes.
import { api, ApiError } from '/js/api.js';
import { t, formatRelative, formatSize } from '/js/i18n.js';
import { askAboutConflict } from '/js/editor/conflict.js';

const AUTOSAVE_MS = 60_000;
const TITLE_DEBOUNCE_MS = 1500;
const FIRST_RETRY_S = 2;
const MAX_RETRY_S = 60;
const UPDATING = new Set(['AUTO_UPDATING', 'MANUAL_UPDATING', 'CREATING_NEW', 'CREATING_COPY',
  'REMIXING', 'UPDATING_BEFORE_COPY', 'UPDATING_BEFORE_NEW']);

class SaveFailure extends Error {
  constructor(kind, cause) {
    super(cause?.message || kind);
    this.kind = kind; // 'offline' | 'retry' | 'conflict' | 'full' | 'failed'
    this.cause = cause;
    this.retryAfter = cause?.retryAfter ?? null;
  }
}

export class SaveController {
  /**
   * @param {object} options
   * @param {object} options.user the logged-in User
   * @param {object|null} options.meta ProjectMeta, null for a new project
   * @param {boolean} options.canSave the user owns the project
   * @param {(status: {state: string, text: string}) => void} options.onStatus
   * @param {(meta: object) => void} options.onCreated a POST gave the project an id
   */
  constructor({ user, meta, canSave, onStatus, onCreated }) {
    this.user = user;
    this.canSave = canSave;
    this.onStatus = onStatus;
    this.onCreated = onCreated;
    this.projectId = meta ? String(meta.id) : null;
    this.version = meta ? meta.version : 0;
    this.savedTitle = meta ? meta.title : null;
    this.savedAt = meta ? meta.updated_at : null;
    this.store = null;
    this.guiSaver = null;
    this.queue = Promise.resolve();
    this.failure = null;
    this.retryAt = 0;
    this.retryDelay = FIRST_RETRY_S;
    this.retryTimer = null;
    this.titleTimer = null;
    this.wasUpdating = false;
    this.wasChanged = false;
    // Our own record of unsaved edits: the editor clears its projectChanged flag when a save
    // fails, so after a failure only this remembers that the work still has to reach the server.
    this.dirty = false;
    this.cycleSucceeded = false;
    this.inFlight = 0;
    this.leaving = false; // navigating away on purpose after a conflict choice
    this.lastAssetError = null; // why the editor's own asset upload failed, when we know
    this.saveProject = this.saveProject.bind(this);
    this.noteAssetError = (error) => { this.lastAssetError = error; };
  }

  /** Starts watching the editor's redux store, the keyboard and the page lifecycle. */
  attach(store) {
    this.store = store;
    store.subscribe(() => this.onStoreChange());
    if (!this.canSave) {
      this.publish();
      return;
    }
    // No autosave while the space is full: it would only be refused again every minute.
    setInterval(() => {
      if (this.hasUnsavedWork() && !['full', 'closed'].includes(this.failure?.kind)) this.saveNow();
    }, AUTOSAVE_MS);
    // Capture phase, so Ctrl+S saves through us even when a block or the paint editor has focus
    // and the browser never opens its own "Save page" dialog.
    window.addEventListener('keydown', (event) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        event.stopPropagation();
        this.saveNow();
      }
    }, true);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden' && this.hasUnsavedWork()) this.saveNow();
    });
    window.addEventListener('beforeunload', (event) => {
      if (this.leaving || !this.hasUnsavedWork()) return undefined;
      event.preventDefault();
      event.returnValue = t('editor.leaveWarning');
      return event.returnValue;
    });
    setInterval(() => { if (this.retryTimer) this.publish(); }, 1000); // the countdown
    this.publish();
  }

  /** The editor's own save function (GUI prop onSetProjectSaver). */
  setGuiSaver(saver) {
    this.guiSaver = saver;
  }

  gui() {
    return this.store ? this.store.getState().scratchGui : null;
  }

  currentTitle() {
    const title = this.gui()?.projectTitle;
    return (title && title.trim()) || this.savedTitle || t('editor.untitled');
  }

  titleChanged() {
    return this.projectId !== null && this.savedTitle !== null && this.currentTitle() !== this.savedTitle;
  }

  hasUnsavedWork() {
    const gui = this.gui();
    return Boolean(this.canSave && gui
      && (this.dirty || gui.projectChanged || this.titleChanged() || this.inFlight > 0));
  }

  /** "Save now", Ctrl+S, autosave and retries all end here. */
  saveNow() {
    if (!this.canSave || this.leaving || this.conflictOpen) return;
    const gui = this.gui();
    if (!gui || UPDATING.has(gui.projectState.loadingState)) return;
    this.clearRetry();
    if (gui.projectChanged && this.guiSaver) {
      this.guiSaver(); // stores the dirty assets, then calls saveProject below
    } else if (this.dirty || this.titleChanged()) {
      // A retry after a failure, or a new title: we send the VM's current state ourselves;
      // assets the server lacks come back as 422 missing_assets and are uploaded first.
      this.enqueue(() => this.saveCurrent()).catch(() => {});
    }
  }

  // --- GUIStorage.saveProject -----------------------------------------------------------------

  async saveProject(projectId, vmState, params = {}) {
    if (!this.canSave) throw new Error('read-only');
    return this.enqueue(async () => {
      const creating = projectId === null || projectId === undefined || String(projectId) === '0'
        || params.isCopy || params.isRemix;
      if (creating) {
        const title = params.isCopy || params.isRemix
          ? t('editor.copyOf', { title: params.title || this.currentTitle() })
          : this.currentTitle();
        const meta = await this.create(vmState, title);
        this.adopt(meta);
        this.onCreated(meta);
        return { id: meta.id };
      }
      const meta = await this.update(String(projectId), vmState);
      return { id: meta.id };
    });
  }

  // --- requests -----------------------------------------------------------------------------

  enqueue(work) {
    // One save at a time: a title save and a content save must not race for the same version.
    this.inFlight += 1;
    this.publish();
    const run = this.queue.then(work);
    this.queue = run.catch(() => {});
    return run.then((value) => {
      this.succeeded();
      return value;
    }, (error) => {
      this.failed(error);
      throw error;
    }).finally(() => {
      this.inFlight -= 1;
      this.publish();
    });
  }

  async create(vmState, title) {
    return this.withMissingAssets(() => api('POST', `/api/v1/projects?title=${encodeURIComponent(title)}`, {
      body: vmState, headers: { 'Content-Type': 'application/json' },
    }));
  }

  async update(projectId, vmState) {
    let version = this.version;
    for (;;) {
      const title = this.currentTitle();
      try {
        const meta = await this.withMissingAssets(() => api('PUT',
          `/api/v1/projects/${projectId}?title=${encodeURIComponent(title)}`, {
            body: vmState,
            headers: { 'Content-Type': 'application/json', 'If-Match': `"${version}"` },
          }));
        this.adopt(meta);
        return meta;
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 412 || !error.body) throw error;
        const choice = await this.resolveConflict(error.body);
        if (choice === 'overwrite') {
          version = error.body.current_version; // on top of the version we were just told about
          continue;
        }
        if (choice === 'copy') {
          const copy = await this.create(vmState, t('editor.myCopy', { title }));
          this.leaveTo(`/editor?project=${copy.id}`);
          return copy;
        }
        if (choice === 'load') {
          this.leaveTo(`/editor?project=${projectId}`);
          throw new SaveFailure('conflict', error);
        }
        throw new SaveFailure('conflict', error); // decided later: the changes stay in the page
      }
    }
  }

  async saveCurrent() {
    const vm = this.gui()?.vm;
    if (!vm || this.projectId === null) return;
    await this.update(this.projectId, vm.toJSON());
  }

  /** Sends, and when the server lacks assets the JSON names, uploads them from the VM and resends. */
  async withMissingAssets(send) {
    try {
      return (await send()).data;
    } catch (error) {
      const missing = error instanceof ApiError && error.status === 422 && error.body?.missing_assets;
      if (!Array.isArray(missing) || missing.length === 0) throw error;
      await this.uploadAssets(missing);
      return (await send()).data;
    }
  }

  async uploadAssets(md5exts) {
    const vm = this.gui()?.vm;
    const byName = new Map((vm?.assets || []).map((asset) => [`${asset.assetId}.${asset.dataFormat}`, asset]));
    for (const md5ext of md5exts) {
      const asset = byName.get(md5ext);
      if (!asset) throw new ApiError(`missing asset ${md5ext}`, { status: 422, code: 'unprocessable' });
      await api('PUT', `/api/v1/assets/${md5ext}`, {
        body: asset.data, headers: { 'Content-Type': 'application/octet-stream' },
      });
      asset.clean = true;
    }
  }

  async resolveConflict(body) {
    this.conflictOpen = true;
    this.publish();
    try {
      return await askAboutConflict(body, this.user.id);
    } finally {
      this.conflictOpen = false;
      this.publish();
    }
  }

  adopt(meta) {
    this.projectId = String(meta.id);
    this.version = meta.version;
    this.savedTitle = meta.title;
    this.savedAt = meta.updated_at;
    this.dirty = false;
  }

  leaveTo(url) {
    this.leaving = true;
    location.assign(url);
  }

  // --- outcome and retries ------------------------------------------------------------------

  succeeded() {
    this.cycleSucceeded = true;
    this.failure = null;
    this.retryDelay = FIRST_RETRY_S;
    this.clearRetry();
  }

  failed(error) {
    this.failure = error instanceof SaveFailure ? error : classify(error);
    if (this.failure.kind === 'offline' || this.failure.kind === 'retry') this.scheduleRetry();
  }

  scheduleRetry() {
    if (this.retryTimer || this.leaving) return;
    const seconds = Math.max(this.failure?.retryAfter || 0, this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, MAX_RETRY_S);
    this.retryAt = Date.now() + seconds * 1000;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.saveNow();
    }, seconds * 1000);
    this.publish();
  }

  clearRetry() {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  onStoreChange() {
    const gui = this.gui();
    const updating = UPDATING.has(gui.projectState.loadingState);
    // Edits count from the moment the project is on screen; the editor flips the flag while
    // it loads a project, which is no change of the student's.
    if (gui.projectChanged && !this.wasChanged && gui.projectState.loadingState === 'SHOWING_WITH_ID') {
      this.dirty = true;
    }
    this.wasChanged = gui.projectChanged;
    if (updating && !this.wasUpdating) {
      this.cycleSucceeded = false;
      this.lastAssetError = null;
    }
    if (!updating && this.wasUpdating && !this.cycleSucceeded && this.dirty && !this.failure) {
      // The editor's save ended without reaching saveProject (an asset upload failed): what the
      // server answered when we know it (507: full), else a network failure tried again.
      this.failed(this.lastAssetError || new ApiError('asset upload failed', { status: 0, code: 'network' }));
    }
    this.wasUpdating = updating;
    if (this.canSave && this.titleChanged()) {
      clearTimeout(this.titleTimer);
      this.titleTimer = setTimeout(() => this.saveNow(), TITLE_DEBOUNCE_MS);
    }
    this.publish();
  }

  publish() {
    this.onStatus(this.status());
  }

  status() {
    if (!this.canSave) return { state: 'readonly', text: t('editor.status.readOnly') };
    const gui = this.gui();
    if (!gui) return { state: 'loading', text: t('editor.status.loading') };
    if (this.conflictOpen) return { state: 'conflict', text: t('editor.status.conflict') };
    if (this.inFlight > 0 || UPDATING.has(gui.projectState.loadingState)) {
      return { state: 'saving', text: t('editor.status.saving') };
    }
    const seconds = Math.max(0, Math.ceil((this.retryAt - Date.now()) / 1000));
    if (this.failure?.kind === 'offline') return { state: 'offline', text: t('editor.status.offline', { seconds }) };
    if (this.failure?.kind === 'retry') return { state: 'offline', text: t('editor.status.retrying', { seconds }) };
    if (this.failure?.kind === 'conflict') return { state: 'conflict', text: t('editor.status.conflict') };
    if (this.failure?.kind === 'full') return { state: 'failed', text: fullText(this.failure.cause) };
    // An assignment copy frozen while open (#16: handed in elsewhere, or the due time passed).
    if (this.failure?.kind === 'closed') return { state: 'failed', text: t('editor.status.closed') };
    if (this.failure?.kind === 'failed') {
      return { state: 'failed', text: t('editor.status.failed', { reason: this.failure.message }) };
    }
    if (this.dirty || gui.projectChanged || this.titleChanged()) return { state: 'unsaved', text: t('editor.status.unsaved') };
    if (this.savedAt) return { state: 'saved', text: t('editor.status.savedAt', { time: formatRelative(this.savedAt) }) };
    return { state: 'saved', text: t('editor.status.saved') };
  }
}

/** The words for a 507: the student's own numbers when their quota is full, else the server's disk. */
function fullText(error) {
  const body = error?.body;
  if (body && body.quota_bytes != null) {
    return t('editor.status.quotaFull', { used: formatSize(body.used_bytes), quota: formatSize(body.quota_bytes) });
  }
  return t('editor.status.diskFull');
}

function classify(error) {
  if (error instanceof ApiError) {
    if (error.status === 0) return new SaveFailure('offline', error);
    // Before the 5xx rule: waiting does not make room, so no automatic retry.
    if (error.status === 507) return new SaveFailure('full', error);
    if (error.status === 429 || error.status >= 500) return new SaveFailure('retry', error);
    if (error.status === 412) return new SaveFailure('conflict', error);
    if (error.status === 423) return new SaveFailure('closed', error); // no retry: it stays closed
    return new SaveFailure('failed', error);
  }
  return new SaveFailure('offline', error); // fetch worker failures surface as plain errors
}

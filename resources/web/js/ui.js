// SPDX-License-Identifier: AGPL-3.0-or-later
// Small helpers the Blockhaus pages share: building elements, the status
// message bar, dialogs, friendly error texts and keeping focus across
// re-renders.

import { ApiError, loginUrl } from './api.js';
import { t, formatDuration, formatSize } from './i18n.js';

/**
 * Create an element: h('a', {href: '/x', class: 'button'}, 'text', child).
 * Attributes whose value is false/null/undefined are left out; `on…`
 * functions become event listeners; `dataset` takes an object.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Text for the screen reader only (e.g. the project name after "Open"). */
export function hidden(text) {
  return h('span', { class: 'visually-hidden' }, text);
}

// ---- Status messages -------------------------------------------------------
// One polite live region per page (#status-message, present in the HTML from
// the start so screen readers watch it). Success messages fade after a while;
// problems and messages with an action (Undo) stay until closed or replaced,
// so nobody has to hurry.

let hideTimer = null;

/**
 * Show a message in the status bar.
 * @param {string} text
 * @param {{kind?: 'info'|'success'|'error', action?: {label: string, run: Function}}} [options]
 */
export function announce(text, { kind = 'info', action = null } = {}) {
  const bar = document.getElementById('status-message');
  if (!bar) return;
  clearTimeout(hideTimer);
  bar.replaceChildren();
  bar.dataset.kind = kind;
  const icon = { info: 'ℹ', success: '✓', error: '!' }[kind] || 'ℹ';
  bar.append(
    h('span', { class: 'status-icon', 'aria-hidden': 'true' }, icon),
    h('span', { class: 'status-text' }, text),
  );
  if (action) {
    bar.append(h('button', {
      type: 'button',
      class: 'button small',
      onclick: () => { clearStatus(); action.run(); },
    }, action.label));
  }
  bar.append(h('button', {
    type: 'button',
    class: 'button small quiet status-close',
    'aria-label': t('common.closeMessage'),
    onclick: () => clearStatus(),
  }, '×'));
  bar.hidden = false;
  if (kind !== 'error' && !action) {
    hideTimer = setTimeout(() => {
      // Keep it while the pointer or focus is on it.
      if (!bar.matches(':hover') && !bar.contains(document.activeElement)) clearStatus();
    }, 10000);
  }
}

export function clearStatus() {
  const bar = document.getElementById('status-message');
  if (!bar) return;
  clearTimeout(hideTimer);
  const hadFocus = bar.contains(document.activeElement);
  bar.replaceChildren();
  bar.hidden = true;
  if (hadFocus) document.getElementById('main')?.focus();
}

// ---- Errors ----------------------------------------------------------------

/**
 * A kind sentence for a failed request. `context` picks special wording:
 * 'upload' for .sb3 uploads.
 */
export function errorText(error, context = '') {
  if (!(error instanceof ApiError)) return t('error.unexpected');
  switch (error.code) {
    case 'network': return t('error.network');
    case 'unauthorized': return t('error.loggedOut');
    case 'forbidden': return t('error.forbidden');
    case 'not_found': return t('error.notFound');
    case 'payload_too_large': return context === 'upload' ? t('upload.tooBig') : t('error.tooBig');
    case 'unsupported_media_type':
    case 'unprocessable':
      return context === 'upload' ? t('upload.notScratch') : t('error.unprocessable');
    case 'too_many_requests':
    case 'unavailable':
      return error.retryAfter
        ? t('error.busyWait', { time: formatDuration(error.retryAfter) })
        : t('error.busy');
    case 'insufficient_storage':
      // A full quota names the student's own numbers; otherwise the teacher's disk is full.
      return error.body && error.body.quota_bytes != null
        ? t('error.quotaFull', { used: formatSize(error.body.used_bytes), quota: formatSize(error.body.quota_bytes) })
        : t('error.diskFull');
    case 'internal':
      return error.body && error.body.request_id
        ? t('error.internalWithId', { id: error.body.request_id })
        : t('error.internal');
    default: return t('error.unexpected');
  }
}

/**
 * Standard reaction to a failed request on a logged-in page: a lost session
 * goes back to the login page, everything else is said in the status bar.
 */
export function reportError(error, context = '') {
  if (error && error.name === 'AbortError') return;
  if (error instanceof ApiError && error.status === 401) {
    location.replace(loginUrl());
    return;
  }
  if (!(error instanceof ApiError)) console.error(error); // a bug in our code, not a server answer
  announce(errorText(error, context), { kind: 'error' });
}

// ---- Dialogs ---------------------------------------------------------------

/**
 * Wire a <dialog>: buttons with [data-close] close it, and focus goes back to
 * the element that opened it when it closes (Escape included).
 */
export function setUpDialog(dialog) {
  dialog.addEventListener('click', (event) => {
    const closer = event.target.closest('[data-close]');
    if (closer && dialog.contains(closer)) dialog.close('cancel');
  });
  dialog.addEventListener('close', () => {
    const opener = dialog._opener;
    const key = dialog._openerKey;
    dialog._opener = null;
    dialog._openerKey = null;
    // The opener may have been rebuilt while the dialog was open (the list was
    // reloaded): then focus its replacement, found by its data-focus-key.
    const replacement = key && document.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
    if (opener && opener.isConnected) opener.focus();
    else if (replacement) replacement.focus();
    else document.getElementById('main')?.focus();
  });
}

/** Open a dialog modally, remembering who opened it; focuses `focusTarget` if given. */
export function openDialog(dialog, focusTarget = null) {
  dialog._opener = document.activeElement;
  dialog._openerKey = document.activeElement?.closest('[data-focus-key]')?.dataset.focusKey || null;
  dialog.querySelectorAll('.dialog-error, .dialog-status').forEach((element) => { element.textContent = ''; });
  dialog.showModal();
  if (focusTarget) focusTarget.focus();
}

/** Put a problem sentence into a dialog's error line (role="alert"). */
export function dialogError(dialog, text) {
  const line = dialog.querySelector('.dialog-error');
  if (line) line.textContent = text;
}

/** Disable a button while `work` runs, so a double tap does not send twice. */
export async function busy(button, work) {
  if (button) {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
  }
  try {
    return await work();
  } finally {
    if (button) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }
}

// ---- Focus across re-renders ----------------------------------------------
// Lists are rebuilt from fresh server data. Elements that can hold focus carry
// data-focus-key="…"; the key of the focused one is remembered before a
// rebuild and focused again afterwards, so keyboard users keep their place.

export function rememberFocus(container) {
  const active = document.activeElement;
  if (!active || !container.contains(active)) return null;
  return active.closest('[data-focus-key]')?.dataset.focusKey || null;
}

export function restoreFocus(container, key, fallback = null) {
  if (!key) return;
  const target = container.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
  if (target) target.focus();
  else if (fallback) fallback.focus();
}

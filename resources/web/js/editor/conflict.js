// SPDX-License-Identifier: AGPL-3.0-or-later
// The conflict dialog (G1 in the browser): a save answered 412 because someone saved a newer
// version. It says who and when, and lets the student choose; nothing is decided silently.
import { t, formatRelative } from '/js/i18n.js';

/**
 * @param {object} body the 412 body: current_version, updated_at, updated_by {id, display_name}
 * @param {number} myUserId
 * @returns {Promise<'copy'|'load'|'overwrite'|'later'>} 'later' when closed with Escape
 */
export function askAboutConflict(body, myUserId) {
  const dialog = document.getElementById('conflict-dialog');
  const by = body.updated_by || {};
  const params = {
    name: by.display_name || by.username || '?',
    when: body.updated_at ? formatRelative(body.updated_at) : '',
    version: body.current_version,
  };
  document.getElementById('conflict-text').textContent =
    t(by.id === myUserId ? 'editor.conflict.textSelf' : 'editor.conflict.text', params);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      const value = dialog.returnValue;
      resolve(['copy', 'load', 'overwrite'].includes(value) ? value : 'later');
    }, { once: true });
    dialog.returnValue = '';
    dialog.showModal();
    // The safe choice has the focus, so Enter never overwrites anyone's work.
    document.getElementById('conflict-copy').focus();
  });
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// "I need help" in the editor (issue #16 part 3): a button that opens a <dialog> for an
// optional one-line question and puts the student in their class's help queue; then the bar
// says "You are number N in the queue" (asked again every few seconds, slower while the server
// cannot be reached) and offers to withdraw. Students only: teachers have the queue itself.
import { api, ApiError } from '/js/api.js';
import { t } from '/js/i18n.js';
import '/js/teachingstrings.js';

const $ = (id) => document.getElementById(id);
const pollMs = 5000;
const maxPollMs = 60000;

/**
 * @param {{user: object, projectId: () => number}} options projectId: the student's own
 *   project open in the editor (0 when none yet or someone else's)
 */
export function setUpHelp({ user, projectId }) {
  if (!user || user.role !== 'student') return;
  const button = $('help-button');
  const withdraw = $('help-withdraw');
  const status = $('help-status');
  const dialog = $('help-dialog');
  const form = $('help-form');
  const question = $('help-question');
  const error = $('help-error');
  let open = false; // a request of mine is in the queue
  let timer = null;
  let delay = pollMs;

  function show(text) {
    status.textContent = text;
    status.hidden = !text;
  }

  function render(request) {
    const wasOpen = open;
    open = Boolean(request);
    button.hidden = open;
    withdraw.hidden = !open;
    status.dataset.state = open ? 'waiting' : 'idle';
    if (open) {
      show(request.position > 1 ? t('help.position', { position: request.position })
        : request.position === 1 ? t('help.next') : t('help.waiting'));
    } else if (wasOpen) {
      show(t('help.done'));
    }
  }

  function schedule(ms) {
    clearTimeout(timer);
    timer = open ? setTimeout(poll, ms) : null;
  }

  async function poll() {
    try {
      const { data } = await api('GET', '/api/v1/help/mine');
      render(data.request);
      delay = pollMs;
    } catch (problem) {
      // Keep the last place on screen; ask again later, less often each time.
      if (problem instanceof ApiError && problem.status === 0) show(t('help.offline'));
      delay = Math.min(maxPollMs, delay * 2);
    }
    schedule(delay);
  }

  button.addEventListener('click', () => {
    error.textContent = '';
    question.value = '';
    dialog.showModal();
    question.focus();
  });
  dialog.addEventListener('close', () => {
    (open ? withdraw : button).focus();
  });
  $('help-cancel').addEventListener('click', () => dialog.close('cancel'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const send = $('help-send');
    send.disabled = true;
    try {
      const body = { question: question.value.replace(/\s+/g, ' ').trim() };
      const id = projectId();
      if (id) body.project_id = id;
      const { data } = await api('POST', '/api/v1/help/mine', { json: body });
      render(data.request);
      dialog.close('sent');
      schedule(pollMs);
    } catch (problem) {
      // 422 with a line of at most 200 characters (the field's own limit): not in a class.
      error.textContent = problem instanceof ApiError && problem.status === 422
        ? t('help.notInClass') : problem.message;
    } finally {
      send.disabled = false;
    }
  });
  withdraw.addEventListener('click', async () => {
    withdraw.disabled = true;
    try {
      await api('DELETE', '/api/v1/help/mine');
      open = false;
      button.hidden = false;
      withdraw.hidden = true;
      status.dataset.state = 'idle';
      show(t('help.withdrawn'));
      button.focus();
      schedule(0);
    } catch (problem) {
      show(problem.message);
    } finally {
      withdraw.disabled = false;
    }
  });
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && open) schedule(0);
  });

  button.hidden = false;
  // After a reload the request may still be open: show the place at once.
  api('GET', '/api/v1/help/mine').then(({ data }) => {
    if (data.request) {
      render(data.request);
      schedule(pollMs);
    }
  }).catch(() => {});
}

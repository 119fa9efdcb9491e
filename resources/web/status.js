// SPDX-License-Identifier: AGPL-3.0-or-later
// Shows the server status from GET /api/v1/status on the start page.
// Only talks to this server; a failed or slow request is shown in words.

const statusUrl = '/api/v1/status';
const timeoutMs = 5000;
const refreshMs = 30000;

function describeUptime(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) {
    return '';
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 1) {
    return 'just started';
  }
  if (minutes < 60) {
    return `running for ${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  const hours = Math.floor(minutes / 60);
  return `running for ${hours} hour${hours === 1 ? '' : 's'}`;
}

function show(element, state, label, detail) {
  element.dataset.state = state;
  element.querySelector('.status-label').textContent = label;
  element.querySelector('.status-detail').textContent = detail;
}

async function checkStatus(element) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(statusUrl, {
      cache: 'no-store',
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
      signal: controller.signal,
    });
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
    const body = await response.json();
    if (body.status !== 'ok') {
      throw new Error('unexpected status');
    }
    const parts = [];
    if (typeof body.version === 'string' && body.version) {
      parts.push(`Version ${body.version}`);
    }
    const uptime = describeUptime(Number(body.uptime_s));
    if (uptime) {
      parts.push(uptime);
    }
    show(element, 'ok', 'The server is running.', parts.join(', ') + (parts.length ? '.' : ''));
  } catch (error) {
    const reason = error && error.name === 'AbortError' ? 'It did not answer in time.' : 'It could not be reached.';
    show(element, 'problem', 'The server is not answering right now.',
      `${reason} Please tell your teacher. This page checks again by itself.`);
  } finally {
    clearTimeout(timer);
  }
}

const element = document.getElementById('status');
if (element) {
  checkStatus(element);
  setInterval(() => checkStatus(element), refreshMs);
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// The live classroom controls on a page (#16): ONE server-sent event stream per page
// (GET /api/v1/events), shared by every module of the page that listens.
//
// EventSource reconnects by itself after a dropped stream (the server sends `retry:`); a page
// the server refused (too many open pages: 429, or logged out: 401) is closed for good by the
// browser, so then we open a new one ourselves after a growing pause. Every (re)connect starts
// with a `state` event: the whole current state, so nothing missed while away matters.

const handlers = { pause: new Set(), projectSent: new Set() };
let source = null;
let retryMs = 2000;
let retryTimer = null;
let classes = new Map(); // class id -> {id, name, teaches, pencils_down}
let lastPause = null;

function paused() {
  for (const info of classes.values()) {
    if (info.pencils_down && !info.teaches) return true;
  }
  return false;
}

function pauseChanged(by = '') {
  const now = paused();
  if (now === lastPause) return;
  lastPause = now;
  for (const handler of handlers.pause) handler({ paused: now, by });
}

function parse(event) {
  try {
    return JSON.parse(event.data);
  } catch {
    return null;
  }
}

function connect() {
  retryTimer = null;
  source = new EventSource('/api/v1/events');
  source.addEventListener('open', () => { retryMs = 2000; });
  source.addEventListener('state', (event) => {
    const data = parse(event);
    if (!data || !Array.isArray(data.classes)) return;
    classes = new Map(data.classes.map((info) => [info.id, info]));
    document.documentElement.dataset.liveConnected = 'true'; // for tests and the curious
    pauseChanged();
  });
  source.addEventListener('pencils', (event) => {
    const data = parse(event);
    if (!data) return;
    const info = classes.get(data.class_id) || { id: data.class_id, teaches: Boolean(data.teaches) };
    info.pencils_down = Boolean(data.pencils_down);
    classes.set(data.class_id, info);
    pauseChanged(data.by || '');
  });
  source.addEventListener('project_sent', (event) => {
    const data = parse(event);
    if (!data || !data.project) return;
    for (const handler of handlers.projectSent) handler(data);
  });
  source.addEventListener('error', () => {
    if (source.readyState !== EventSource.CLOSED || retryTimer) return;
    source = null;
    retryTimer = setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 60000);
  });
}

function start() {
  if (!source && !retryTimer && typeof EventSource !== 'undefined') connect();
}

/**
 * Calls `handler({paused, by})` whenever pencils down starts or ends for one of the user's
 * classes (not for classes they teach), and once with the state on each connect that changes it.
 */
export function onPause(handler) {
  handlers.pause.add(handler);
  start();
  if (lastPause !== null) handler({ paused: lastPause, by: '' });
}

/** Calls `handler({class_id, project: {id, title}, from})` when a teacher sends a project. */
export function onProjectSent(handler) {
  handlers.projectSent.add(handler);
  start();
}

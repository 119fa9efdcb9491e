// SPDX-License-Identifier: AGPL-3.0-or-later
// The join page (/join, /join/CODE, join.html?code=CODE): a student types the
// class code, picks their name from the class list and types their password;
// a teacher uses the small username form below. Afterwards we go to ?next=
// when it is a path on this server, else to /projects.

import { api, ApiError, currentUser } from '../api.js';
import { t, lang, applyTranslations, formatDuration } from '../i18n.js';
import { renderHeader, currentPage } from '../nav.js';
import { h, hidden, errorText } from '../ui.js';

const params = new URLSearchParams(location.search);
const byId = (id) => document.getElementById(id);

// A class list longer than this gets a "Find your name" field.
const filterThreshold = 12;

const state = { code: '', className: '', students: [], student: null };

// ---- Where to go after logging in -----------------------------------------

/** ?next= only when it is a path on this server (no //host, no other origin). */
export function safeNext(next = params.get('next')) {
  const fallback = '/projects';
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  try {
    const url = new URL(next, location.origin);
    if (url.origin !== location.origin) return fallback;
    if (currentPage(url.pathname) === '/join') return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}

function codeFromUrl() {
  const match = location.pathname.match(/^\/join\/([^/]+)\/?$/);
  if (match) {
    try {
      return decodeURIComponent(match[1]);
    } catch {
      return match[1];
    }
  }
  return params.get('code') || '';
}

function normalizeCode(text) {
  return text.toUpperCase().replace(/\s+/g, '');
}

// ---- Steps -------------------------------------------------------------------

const steps = ['step-code', 'step-name', 'step-password'];

function showStep(id, focusTarget) {
  for (const step of steps) byId(step).hidden = step !== id;
  (focusTarget || byId(id).querySelector('h1')).focus();
}

// ---- Waiting after too many tries (429) --------------------------------------
// The error line (role="alert") says it once; the countdown is a role="timer"
// element, which screen readers do not read out every second.

const waits = new Map();

function startWait(seconds, errorLine, timer, button) {
  clearInterval(waits.get(timer));
  const until = Date.now() + seconds * 1000;
  // The time is in the sentence for screen readers only: on screen the
  // countdown right below says it, and two different numbers would confuse.
  errorLine.replaceChildren(t('join.tooManyTries'),
    hidden(` ${t('join.waitCountdown', { time: formatDuration(seconds) })}`));
  button.disabled = true;
  timer.hidden = false;
  const tick = () => {
    const left = Math.ceil((until - Date.now()) / 1000);
    if (left <= 0) {
      stopWait(timer, button);
      errorLine.textContent = t('join.tryAgainNow');
      return;
    }
    timer.textContent = t('join.waitCountdown', { time: formatDuration(left) });
  };
  tick();
  waits.set(timer, setInterval(tick, 1000));
}

function stopWait(timer, button) {
  clearInterval(waits.get(timer));
  waits.delete(timer);
  timer.hidden = true;
  button.disabled = false;
}

// ---- Step 1: class code ------------------------------------------------------

async function lookUpClass(event) {
  event?.preventDefault();
  const input = byId('class-code');
  const errorLine = byId('code-error');
  const code = normalizeCode(input.value);
  input.value = code;
  errorLine.textContent = '';
  input.removeAttribute('aria-invalid');
  if (!code) {
    input.setAttribute('aria-invalid', 'true');
    errorLine.textContent = t('join.codeMissing');
    input.focus();
    return;
  }
  const button = byId('code-submit');
  button.disabled = true;
  try {
    const { data } = await api('GET', `/api/v1/join/${encodeURIComponent(code)}`);
    state.code = code;
    state.className = data.class.name;
    state.students = [...data.students].sort((a, b) =>
      a.display_name.localeCompare(b.display_name, lang, { sensitivity: 'base' }));
    rememberCodeInUrl(code);
    showNames();
  } catch (error) {
    input.setAttribute('aria-invalid', 'true');
    errorLine.textContent = error instanceof ApiError && error.status === 404
      ? t('join.codeNotFound') : errorText(error);
    input.focus();
  } finally {
    button.disabled = false;
  }
}

/** Keep the class in the address, so a reload (e.g. the language switch) stays here. */
function rememberCodeInUrl(code) {
  if (codeFromUrl() === code) return;
  const url = new URL(location.href);
  if (/^\/join\/[^/]+\/?$/.test(url.pathname)) url.pathname = '/join';
  url.searchParams.set('code', code);
  history.replaceState(null, '', url);
}

// ---- Step 2: pick your name -----------------------------------------------

// Each name gets one of eight soft badge colours (.badge-0 … .badge-7 in
// blockhaus.css; classes rather than inline styles, so a strict
// Content-Security-Policy never breaks the page). They only decorate.
function badgeClass(text) {
  let sum = 0;
  for (const char of text) sum = (sum * 31 + char.codePointAt(0)) % 9973;
  return `badge-${sum % 8}`;
}

function foldForSearch(text) {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

function showNames() {
  byId('class-name').textContent = state.className;
  const list = byId('name-list');
  const counts = new Map();
  for (const student of state.students) {
    counts.set(student.display_name, (counts.get(student.display_name) || 0) + 1);
  }
  list.replaceChildren(...state.students.map((student) => {
    // Two children with the same name: add the username so they can tell.
    const twin = counts.get(student.display_name) > 1;
    const initial = [...student.display_name.trim()][0] || '?';
    return h('li', { dataset: { search: foldForSearch(`${student.display_name} ${student.username}`) } },
      h('button', {
        type: 'button',
        class: 'name-button',
        dataset: { username: student.username },
        onclick: () => choose(student),
      },
      h('span', { class: `name-badge ${badgeClass(student.display_name)}`, 'aria-hidden': 'true' },
        initial.toUpperCase()),
      h('span', { class: 'name-text' }, student.display_name,
        twin ? h('span', { class: 'name-username' }, ` (${student.username})`) : null)));
  }));
  const filterField = byId('name-filter-field');
  filterField.hidden = state.students.length <= filterThreshold;
  byId('name-filter').value = '';
  byId('name-filter-count').textContent = '';
  byId('name-empty').hidden = true;
  if (state.students.length === 0) {
    byId('name-empty').hidden = false;
    byId('name-empty').textContent = t('join.classEmpty');
  }
  showStep('step-name');
}

function filterNames() {
  const query = foldForSearch(byId('name-filter').value.trim());
  let shown = 0;
  for (const item of byId('name-list').children) {
    const match = !query || item.dataset.search.includes(query);
    item.hidden = !match;
    if (match) shown += 1;
  }
  byId('name-empty').textContent = t('join.noNames');
  byId('name-empty').hidden = shown > 0;
  byId('name-filter-count').textContent = query ? t('join.namesShown', { count: shown }) : '';
}

function onFilterKey(event) {
  if (event.key !== 'Enter') return;
  event.preventDefault();
  const visible = [...byId('name-list').children].filter((item) => !item.hidden);
  if (visible.length === 1) visible[0].querySelector('button').click();
  else if (visible.length > 1) visible[0].querySelector('button').focus();
}

// ---- Step 3: password --------------------------------------------------------

function choose(student) {
  // A wait belongs to the account that was throttled; another child on the
  // same tablet may try straight away (the server says so if not).
  if (state.student && state.student.username !== student.username) {
    stopWait(byId('password-wait'), byId('login-submit'));
    byId('password-error').textContent = '';
  }
  state.student = student;
  byId('step-password-title').textContent = t('join.hello', { name: student.display_name });
  byId('student-username').value = student.username;
  const password = byId('password');
  password.value = '';
  password.removeAttribute('aria-invalid');
  if (!waits.has(byId('password-wait'))) byId('password-error').textContent = '';
  showStep('step-password', password);
}

async function logIn({ username, password, passwordInput, errorLine, timer, button, wrongKey }) {
  errorLine.textContent = '';
  passwordInput.removeAttribute('aria-invalid');
  if (!password) {
    passwordInput.setAttribute('aria-invalid', 'true');
    errorLine.textContent = t('join.passwordMissing');
    passwordInput.focus();
    return;
  }
  button.disabled = true;
  try {
    await api('POST', '/api/v1/session', { json: { username, password } });
    location.href = safeNext();
    return; // keep the button disabled while the next page loads
  } catch (error) {
    button.disabled = false;
    if (error instanceof ApiError && error.status === 401) {
      passwordInput.value = '';
      passwordInput.setAttribute('aria-invalid', 'true');
      errorLine.textContent = t(wrongKey);
      passwordInput.focus();
    } else if (error instanceof ApiError && error.status === 429) {
      startWait(error.retryAfter ?? 30, errorLine, timer, button);
    } else {
      errorLine.textContent = errorText(error);
    }
  }
}

function studentLogin(event) {
  event.preventDefault();
  logIn({
    username: state.student.username,
    password: byId('password').value,
    passwordInput: byId('password'),
    errorLine: byId('password-error'),
    timer: byId('password-wait'),
    button: byId('login-submit'),
    wrongKey: 'join.wrongPassword',
  });
}

function teacherLogin(event) {
  event.preventDefault();
  const username = byId('teacher-username').value.trim();
  const errorLine = byId('teacher-error');
  if (!username) {
    byId('teacher-username').setAttribute('aria-invalid', 'true');
    errorLine.textContent = t('join.usernameMissing');
    byId('teacher-username').focus();
    return;
  }
  byId('teacher-username').removeAttribute('aria-invalid');
  logIn({
    username,
    password: byId('teacher-password').value,
    passwordInput: byId('teacher-password'),
    errorLine,
    timer: byId('teacher-wait'),
    button: byId('teacher-login-submit'),
    wrongKey: 'join.teacherWrong',
  });
}

/** Show/hide password: the button's words say what pressing it will do. */
function setUpPasswordToggle(button, input) {
  const update = () => {
    const shown = input.type === 'text';
    button.replaceChildren(t(shown ? 'join.hide' : 'join.show'),
      h('span', { class: 'visually-hidden' }, ` ${t('join.passwordWord')}`));
  };
  button.addEventListener('click', () => {
    input.type = input.type === 'password' ? 'text' : 'password';
    update();
  });
  update();
}

// ---- Start -------------------------------------------------------------------

/** The school sign-in button, when the server has one (GET /api/v1/status, #15). */
async function offerSchoolSignIn() {
  try {
    const status = await api('GET', '/api/v1/status');
    byId('school-sign-in').hidden = !status?.school_sign_in;
  } catch {
    // No answer: the password login below still works, or says why not.
  }
}

async function start() {
  applyTranslations();
  offerSchoolSignIn();
  let user = null;
  try {
    user = await currentUser();
  } catch {
    user = null; // the server is not answering; the login attempt will say so
  }
  renderHeader(user);
  if (user) {
    byId('already-text').textContent = `${t('join.alreadyLoggedIn', { name: user.display_name || user.username })} `;
    byId('continue-link').href = safeNext();
    byId('already-logged-in').hidden = false;
  }

  const codeInput = byId('class-code');
  // Upper-case as they type, keeping the caret where it was.
  codeInput.addEventListener('input', () => {
    const { selectionStart, selectionEnd } = codeInput;
    const upper = codeInput.value.toUpperCase();
    if (upper !== codeInput.value) {
      codeInput.value = upper;
      codeInput.setSelectionRange(selectionStart, selectionEnd);
    }
  });
  byId('code-form').addEventListener('submit', lookUpClass);
  byId('name-filter').addEventListener('input', filterNames);
  byId('name-filter').addEventListener('keydown', onFilterKey);
  byId('back-to-code').addEventListener('click', () => showStep('step-code', codeInput));
  byId('back-to-names').addEventListener('click', () => {
    const previous = byId('name-list').querySelector(
      `[data-username="${CSS.escape(state.student?.username || '')}"]`);
    showStep('step-name', previous || undefined);
  });
  byId('password-form').addEventListener('submit', studentLogin);
  byId('teacher-form').addEventListener('submit', teacherLogin);
  setUpPasswordToggle(byId('password-toggle'), byId('password'));
  setUpPasswordToggle(byId('teacher-password-toggle'), byId('teacher-password'));

  const code = normalizeCode(codeFromUrl());
  if (code) {
    codeInput.value = code;
    await lookUpClass();
  } else if (!user) {
    codeInput.focus();
  }
}

start();

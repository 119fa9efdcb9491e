// SPDX-License-Identifier: AGPL-3.0-or-later
// The shared page header: the Blockhaus name, the main links, who is logged
// in, the language switch and Log out. Every page (also the editor page) has
// an empty <header id="site-header"> and calls renderHeader(user).

import { api, ApiError, requireLogin } from './api.js';
import { t, lang, languages, setLanguage, applyTranslations } from './i18n.js';
import { h, announce, errorText, reportError } from './ui.js';
import { onProjectSent } from './live.js';

/** '/projects.html', '/projects/' and '/projects' are the same page; '/join/AB12' is '/join'. */
export function currentPage(pathname = location.pathname) {
  let path = pathname.replace(/\.html$/, '').replace(/\/+$/, '') || '/';
  if (path === '/index') path = '/';
  if (path.startsWith('/join/')) path = '/join';
  return path;
}

function navLinks(user) {
  const links = [];
  if (user) {
    links.push({ href: '/projects', key: 'nav.projects' });
    links.push({ href: '/gallery', key: 'nav.gallery' });
    if (user.role === 'teacher' || user.role === 'admin') {
      links.push({ href: '/teacher', key: 'nav.teacher' });
    }
  }
  links.push({ href: '/about', key: 'nav.about' });
  return links;
}

function languageSwitch() {
  return h('div', { class: 'language-switch', role: 'group', 'aria-label': t('nav.language') },
    languages.map(({ code, name }) => h('button', {
      type: 'button',
      class: 'language-option',
      lang: code,
      'aria-pressed': code === lang ? 'true' : 'false',
      'data-lang': code,
      onclick: () => { if (code !== lang) setLanguage(code); },
    }, name)));
}

async function logOut(button) {
  button.disabled = true;
  try {
    await api('DELETE', '/api/v1/session');
  } catch (error) {
    // Already logged out (401) is fine; anything else is worth saying.
    if (!(error instanceof ApiError && error.status === 401)) {
      button.disabled = false;
      announce(errorText(error), { kind: 'error' });
      return;
    }
  }
  location.href = '/join';
}

/**
 * Fill <header id="site-header"> for `user` (API.md User, or null when nobody
 * is logged in: then only About and a Log in link are shown).
 */
export function renderHeader(user) {
  const header = document.getElementById('site-header');
  if (!header) return;
  header.classList.add('site-header');
  const page = currentPage();

  const brand = h('a', { class: 'brand', href: user ? '/projects' : '/join' },
    h('img', { src: '/img/logo.svg', alt: '', width: 40, height: 40 }),
    h('span', { class: 'brand-name' }, 'Blockhaus'));

  const nav = h('nav', { class: 'site-nav', 'aria-label': t('nav.main') },
    h('ul', {}, navLinks(user).map(({ href, key }) => h('li', {},
      h('a', { href, 'aria-current': page === href ? 'page' : null }, t(key))))));

  const tools = h('div', { class: 'header-tools' });
  if (user) {
    tools.append(h('span', { class: 'user-name' },
      h('span', { class: 'user-label' }, t('nav.loggedInAs')), ' ',
      h('strong', {}, user.display_name || user.username)));
  }
  tools.append(languageSwitch());
  if (user) {
    const logout = h('button', { type: 'button', class: 'button small header-button', id: 'logout-button' },
      t('nav.logout'));
    logout.addEventListener('click', () => logOut(logout));
    tools.append(logout);
  } else if (page !== '/join') {
    tools.append(h('a', { class: 'button small header-button', href: '/join' }, t('nav.login')));
  }

  header.replaceChildren(h('div', { class: 'header-inner' }, brand, nav, tools));
}

/**
 * The common start of a page for logged-in users: its texts, the login check (a visitor is
 * sent to /join) and the header. Resolves to the user, or null when the page must stop;
 * `onFailure` tidies the page up when the server could not be asked.
 */
export async function startLoggedInPage({ onFailure = () => {} } = {}) {
  applyTranslations();
  let user;
  try {
    user = await requireLogin();
  } catch (error) {
    renderHeader(null);
    onFailure();
    reportError(error);
    return null;
  }
  if (user) {
    renderHeader(user);
    listenForSentProjects();
  }
  return user;
}

// "Send my project to everyone" (#16): the student hears of it on whatever page is open.
function listenForSentProjects() {
  onProjectSent(({ project, from }) => {
    const text = from
      ? t('live.projectSent', { from, title: project.title })
      : t('live.projectSentAnonymous', { title: project.title });
    announce(text, {
      action: { label: t('live.openProject'), run: () => location.assign(`/editor?project=${project.id}`) },
    });
    document.dispatchEvent(new CustomEvent('blockhaus:project-sent', { detail: project }));
  });
}

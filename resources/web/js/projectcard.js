// SPDX-License-Identifier: AGPL-3.0-or-later
// One project card, the same on My projects, the class gallery and the
// teacher view: thumbnail (or a friendly placeholder), title, a few lines of
// facts and the buttons. Buttons that survive a list reload carry
// data-focus-key so focus can come back to them (ui.js rememberFocus).

import { t, formatDate, formatRelative } from './i18n.js';
import { h, hidden } from './ui.js';

const placeholder = '/img/placeholder.svg';

export function editorUrl(id) {
  return `/editor?project=${encodeURIComponent(id)}`;
}

export function thumbnail(project) {
  const image = h('img', {
    class: 'project-thumb',
    src: project.thumbnail_url || placeholder,
    alt: '', // the title right below names the project
    loading: 'lazy',
    width: 480,
    height: 360,
  });
  image.addEventListener('error', () => {
    if (!image.src.endsWith(placeholder)) image.src = placeholder;
  }, { once: true });
  return image;
}

/** "Last saved 5 minutes ago", with the exact date as a tooltip and in <time>. */
export function timeLine(key, iso) {
  return h('p', { class: 'project-meta' },
    t(key), ' ',
    h('time', { datetime: iso, title: formatDate(iso) }, formatRelative(iso)));
}

export function sharedTags(project) {
  if (!project.shared_with || project.shared_with.length === 0) return null;
  return h('ul', { class: 'tags', 'aria-label': t('card.sharedWith') },
    project.shared_with.map((group) => h('li', { class: 'tag' },
      h('span', { class: 'icon icon-share', 'aria-hidden': 'true' }),
      t('card.sharedWithGroup', { name: group.name }))));
}

/** A button or link whose visible words are followed by the project title for screen readers. */
export function cardButton({ label, title, href, className = 'button', focusKey, icon, onClick, download }) {
  const content = [
    icon ? h('span', { class: `icon icon-${icon}`, 'aria-hidden': 'true' }) : null,
    h('span', {}, label),
    title ? hidden(` ${title}`) : null,
  ];
  if (href) {
    return h('a', { class: className, href, download, dataset: focusKey ? { focusKey } : undefined }, content);
  }
  return h('button', {
    type: 'button', class: className, onclick: onClick, dataset: focusKey ? { focusKey } : undefined,
  }, content);
}

// ---- "More" actions ------------------------------------------------------------
// A disclosure button with a small pop-up list of buttons below it. It closes
// when an action is chosen (focus goes back to the toggle first, so a dialog
// opened by the action returns focus there), on Escape, and when a click or
// focus lands outside it.

function closeMenu(wrap, { focusToggle = false } = {}) {
  const toggle = wrap.querySelector('.more-toggle');
  const list = wrap.querySelector('.more-actions');
  if (list.hidden) return;
  list.hidden = true;
  toggle.setAttribute('aria-expanded', 'false');
  if (focusToggle) toggle.focus();
}

document.addEventListener('click', (event) => {
  for (const wrap of document.querySelectorAll('.more-wrap')) {
    if (!wrap.contains(event.target)) closeMenu(wrap);
  }
});

function moreMenu(project, items) {
  const menuId = `more-${project.id}`;
  const list = h('ul', { class: 'more-actions', id: menuId, hidden: true },
    items.map((item) => h('li', {}, item)));
  const toggle = h('button', {
    type: 'button',
    class: 'button more-toggle',
    'aria-expanded': 'false',
    'aria-controls': menuId,
    dataset: { focusKey: `more-${project.id}` },
  }, h('span', {}, t('card.more')), hidden(` ${project.title}`),
  h('span', { class: 'icon icon-chevron', 'aria-hidden': 'true' }));
  const wrap = h('div', { class: 'more-wrap' }, toggle, list);

  toggle.addEventListener('click', () => {
    if (!list.hidden) {
      closeMenu(wrap);
      return;
    }
    for (const other of document.querySelectorAll('.more-wrap')) if (other !== wrap) closeMenu(other);
    list.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    list.querySelector('button, a')?.focus();
  });
  // Capture phase: close before the action's own handler runs.
  list.addEventListener('click', (event) => {
    if (event.target.closest('button, a')) closeMenu(wrap, { focusToggle: true });
  }, true);
  wrap.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !list.hidden) {
      event.preventDefault();
      closeMenu(wrap, { focusToggle: true });
    }
  });
  wrap.addEventListener('focusout', (event) => {
    if (event.relatedTarget && !wrap.contains(event.relatedTarget)) closeMenu(wrap);
  });
  return wrap;
}

/**
 * @param {object} project ProjectMeta
 * @param {{headingLevel?: number, lines?: Node[], actions?: Node[], more?: Node[]}} options
 *   `more` are buttons/links shown in the card's "More" pop-up list.
 */
export function projectCard(project, { headingLevel = 2, lines = [], actions = [], more = null } = {}) {
  const body = h('div', { class: 'project-body' },
    h(`h${headingLevel}`, { class: 'project-title' }, project.title || t('card.untitled')),
    lines,
    h('div', { class: 'project-actions' }, actions, more && more.length ? moreMenu(project, more) : null));
  return h('li', { class: 'card project-card', dataset: { projectId: String(project.id) } },
    thumbnail(project), body);
}

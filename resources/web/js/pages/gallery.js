// SPDX-License-Identifier: AGPL-3.0-or-later
// The class gallery (/gallery): projects shared with my classes by others.
// "Play / look inside" opens the editor (read-only for projects that are not
// mine); "Remix" makes my own copy and opens it.

import { api } from '../api.js';
import { t } from '../i18n.js';
import { startLoggedInPage } from '../nav.js';
import { h, announce, reportError, busy } from '../ui.js';
import { projectCard, cardButton, timeLine, sharedTags, editorUrl } from '../projectcard.js';

const byId = (id) => document.getElementById(id);

function galleryCard(project) {
  const owner = project.owner ? (project.owner.display_name || project.owner.username) : '';
  return projectCard(project, {
    lines: [
      owner ? h('p', { class: 'project-owner' }, t('gallery.by', { name: owner })) : null,
      timeLine('card.lastSaved', project.updated_at),
      sharedTags(project),
    ],
    actions: [
      cardButton({
        // Opens the player; its "Look inside" button switches to the read-only editor.
        label: t('gallery.play'), title: project.title, href: `${editorUrl(project.id)}&play=1`,
        className: 'button primary', icon: 'play', focusKey: `play-${project.id}`,
      }),
      cardButton({
        label: t('gallery.remix'), title: project.title, icon: 'remix', focusKey: `remix-${project.id}`,
        onClick: (event) => remix(project, event.currentTarget),
      }),
    ],
  });
}

async function remix(project, button) {
  await busy(button, async () => {
    try {
      const { data } = await api('POST', `/api/v1/projects/${encodeURIComponent(project.id)}/copy`);
      announce(t('gallery.remixed', { title: data.title }), { kind: 'success' });
      location.href = editorUrl(data.id);
    } catch (error) {
      reportError(error);
    }
  });
}

async function start() {
  const user = await startLoggedInPage({
    onFailure: () => {
      byId('loading').hidden = true;
    },
  });
  if (!user) return;
  try {
    const { data } = await api('GET', '/api/v1/projects/shared');
    const projects = data.projects || [];
    byId('gallery-list').replaceChildren(...projects.map(galleryCard));
    byId('gallery-list').hidden = projects.length === 0;
    byId('gallery-empty').hidden = projects.length > 0;
  } catch (error) {
    reportError(error);
  } finally {
    byId('loading').hidden = true;
  }
}

start();

// SPDX-License-Identifier: AGPL-3.0-or-later
// The start page (/): logged in (students and teachers alike) → /projects,
// otherwise → /join. `replace` keeps this hop out of the back button history.

import { currentUser } from '../api.js';
import { t, applyTranslations } from '../i18n.js';

async function start() {
  applyTranslations();
  try {
    const user = await currentUser();
    location.replace(user ? '/projects' : '/join');
  } catch {
    // The server did not answer: say so and offer the link instead of looping.
    document.getElementById('redirect-message').textContent = t('error.network');
    document.getElementById('redirect-link').textContent = t('index.tryJoin');
  }
}

start();

// SPDX-License-Identifier: AGPL-3.0-or-later
// The About page (/about) works with or without a login.

import { currentUser } from '../api.js';
import { applyTranslations } from '../i18n.js';
import { renderHeader } from '../nav.js';

async function start() {
  applyTranslations();
  let user = null;
  try {
    user = await currentUser();
  } catch {
    user = null; // the page is static; without the server we just show less in the header
  }
  renderHeader(user);
}

start();

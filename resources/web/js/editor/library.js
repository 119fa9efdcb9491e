// SPDX-License-Identifier: AGPL-3.0-or-later
// The library pickers when the internet is out of reach (#13). The editor's catalogue is
// compiled into its bundle, so it always lists every costume, sprite, sound and backdrop; only
// the pictures and sounds come from Blockhaus's library cache. The server says which items it
// cannot serve now (GET /api/v1/library/available); here the open picker's tiles for those are
// hidden, a notice says why, and the editor's "add from the library" calls (tiles, "Surprise")
// refuse an item whose files the server cannot deliver, so no broken costume is ever added.
import { api } from '/js/api.js';
import { t } from '/js/i18n.js';

// The GUI's modal names (reducers/modals.js) and the catalogue file each picker shows.
const PICKERS = {
  spriteLibrary: 'sprites',
  costumeLibrary: 'costumes',
  soundLibrary: 'sounds',
  backdropLibrary: 'backdrops',
};
const GRID = '[class*="library_library-scroll-grid"]';
const TILE = '[class*="library-item_library-item_"]';
const TILE_NAME = '[class*="library-item_library-item-name"]';
const NOTICE_ID = 'blockhaus-library-notice';

function index(data) {
  const missing = {};
  for (const kind of Object.values(PICKERS)) missing[kind] = new Set((data.missing || {})[kind] || []);
  return { reachable: data.reachable, missing, assets: new Set(data.missing_assets || []) };
}

/** Asset names (md5ext) a sprite3 JSON from the sprite library loads. */
function spriteAssets(json) {
  try {
    const sprite = JSON.parse(json);
    const parts = [...(sprite.costumes || []), ...(sprite.sounds || [])];
    return parts.map((part) => part.md5ext).filter(Boolean);
  } catch {
    return [];
  }
}

export function guardLibrary(store) {
  let availability = null; // the last answer, indexed
  let pending = null; // the request under way
  let failed = false; // no answer at all: leave the picker as the editor draws it
  let openKind = null;

  const refresh = () => {
    pending = api('GET', '/api/v1/library/available')
      .then(({ data }) => {
        availability = index(data);
        failed = false;
        apply();
        return availability;
      }, () => {
        failed = !availability;
        apply();
        return availability;
      });
    return pending;
  };

  const notice = (grid, hidden, shown) => {
    let element = document.getElementById(NOTICE_ID);
    if (!hidden) {
      element?.remove();
      return;
    }
    if (!element) {
      element = document.createElement('p');
      element.id = NOTICE_ID;
      element.className = 'library-offline-notice';
      element.setAttribute('role', 'status');
    }
    if (element.nextElementSibling !== grid) grid.parentElement.insertBefore(element, grid);
    const text = shown ? t('editor.library.someHidden', { count: hidden }) : t('editor.library.allHidden');
    if (element.textContent !== text) element.textContent = text;
  };

  // Runs before the browser paints (MutationObserver callbacks are microtasks): a tile whose
  // item cannot be served is never seen, not even for a frame.
  const apply = () => {
    if (!openKind) return;
    const grid = document.querySelector(GRID);
    if (!grid) return;
    const missing = availability?.missing[openKind];
    let hidden = 0;
    let shown = 0;
    for (const tile of grid.querySelectorAll(TILE)) {
      const name = tile.querySelector(TILE_NAME)?.textContent ?? '';
      // Until the first answer arrives nothing is known to work: show nothing rather than
      // broken pictures (the answer is usually there before a picker is opened).
      const hide = !availability && !failed ? true : Boolean(missing?.has(name));
      if (hide) {
        hidden += 1;
        if (!tile.hasAttribute('data-blockhaus-missing')) tile.setAttribute('data-blockhaus-missing', '');
      } else {
        shown += 1;
        if (tile.hasAttribute('data-blockhaus-missing')) tile.removeAttribute('data-blockhaus-missing');
      }
    }
    if (availability) notice(grid, hidden, shown);
  };

  store.subscribe(() => {
    const modals = store.getState().scratchGui.modals;
    const kind = Object.keys(PICKERS).find((modal) => modals[modal]);
    const next = kind ? PICKERS[kind] : null;
    if (next === openKind) return;
    openKind = next;
    // Each opening asks again: the teacher may have downloaded the library meanwhile.
    if (openKind) refresh();
  });
  new MutationObserver(apply).observe(document.body, { childList: true, subtree: true });

  // The last line of defence: the GUI adds library items through these VM calls (a tile, or
  // the "Surprise" buttons, which pick from the whole catalogue). An item naming an asset the
  // server may lack is checked first (HEAD: the server also has what students uploaded and
  // what the backpack holds) and refused when it cannot be served.
  const vm = store.getState().scratchGui.vm;
  const canServe = async (names) => {
    const known = availability || await pending;
    const doubtful = names.filter((name) => !known || known.assets.has(name));
    if (!doubtful.length) return true;
    const answers = await Promise.all(doubtful.map((name) => fetch(`/api/v1/assets/${name}`,
      { method: 'HEAD', credentials: 'same-origin' }).then((response) => response.ok, () => false)));
    return answers.every(Boolean);
  };
  const guard = (method, assetsOf) => {
    if (typeof vm?.[method] !== 'function') return;
    const original = vm[method].bind(vm);
    vm[method] = async (...args) => {
      const names = assetsOf(...args);
      if (names.length && !(await canServe(names))) {
        refuse();
        return undefined;
      }
      return original(...args);
    };
  };
  guard('addCostumeFromLibrary', (md5ext) => [md5ext]);
  // Uploads and the backpack hand over the loaded asset (or a sprite3 archive); only library
  // items arrive as bare names.
  guard('addBackdrop', (md5ext, backdrop) => (backdrop?.asset ? [] : [md5ext]));
  guard('addSound', (sound) => (sound && !sound.asset && sound.md5 ? [sound.md5] : []));
  guard('addSprite', (input) => (typeof input === 'string' ? spriteAssets(input) : []));

  refresh();
  return { refresh };
}

let refusalTimer = 0;
function refuse() {
  let element = document.getElementById('blockhaus-library-refusal');
  if (!element) {
    element = document.createElement('p');
    element.id = 'blockhaus-library-refusal';
    element.className = 'library-refusal';
    element.setAttribute('role', 'alert');
    document.body.append(element);
  }
  element.textContent = t('editor.library.refused');
  element.hidden = false;
  clearTimeout(refusalTimer);
  refusalTimer = setTimeout(() => { element.hidden = true; }, 8000);
}

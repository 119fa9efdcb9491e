// SPDX-License-Identifier: AGPL-3.0-or-later
// The Scratch library offline (#13): with an upstream that cannot be reached, the editor's
// pickers show only what this server can serve, say why the rest is missing, and never add a
// broken costume (not even through "Surprise").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  startServer, makeClassroom, launchBrowser, newWatchedContext, loginContext, openEditor,
  createProject, screenshot,
} from './support.mjs';

const suite = {};
before(async () => {
  // Port 1 on loopback: every connection is refused at once, like a school without internet.
  suite.server = await startServer({ libraryUpstream: 'http://127.0.0.1:1/{md5ext}' });
  suite.classroom = await makeClassroom(suite.server, ['Anna Berg']);
  suite.browser = await launchBrowser();
});
after(async () => {
  await suite.browser?.close();
  await suite.server?.stop();
});

const TILE = '[class*="library-item_library-item_"]';
const TILE_NAME = '[class*="library-item_library-item-name"]';
const LIST_NAME = '[class*="sprite-selector-item_sprite-name"]';

/** The names of the picker tiles a student can see, and how many visible pictures are broken. */
async function visibleTiles(page) {
  return page.evaluate(({ tile, name }) => {
    const shown = [...document.querySelectorAll(tile)].filter((element) => element.offsetParent !== null);
    const broken = shown.flatMap((element) => [...element.querySelectorAll('img')])
      .filter((image) => image.complete && image.naturalWidth === 0).length;
    return { names: shown.map((element) => element.querySelector(name)?.textContent), broken };
  }, { tile: TILE, name: TILE_NAME });
}

async function openEditorOn(tab) {
  const { server, browser, classroom } = suite;
  const [anna] = classroom.students;
  const project = await createProject(anna.api, { title: `Library ${tab}`, spriteName: 'Cat' });
  const context = await newWatchedContext(browser, server);
  await loginContext(context, server, anna.username, anna.password);
  const page = await context.newPage();
  await openEditor(page, server, project.id);
  await page.getByRole('tab', { name: tab }).click();
  return { context, page };
}

test('offline with an empty cache the costume picker shows no broken tile and adds nothing broken', { timeout: 300_000 }, async () => {
  const { context, page } = await openEditorOn('Costumes');
  const listed = await page.locator(LIST_NAME).count();

  await page.getByRole('button', { name: 'Choose a Costume' }).first().click();
  const notice = page.locator('#blockhaus-library-notice');
  await notice.waitFor({ timeout: 30_000 });
  assert.match(await notice.textContent(), /offline/);
  assert.equal(await notice.getAttribute('role'), 'status');
  const tiles = await visibleTiles(page);
  assert.deepEqual(tiles, { names: [], broken: 0 });
  await screenshot(page, 'library-offline-costumes');
  await page.keyboard.press('Escape');

  // "Surprise" picks from the whole catalogue compiled into the editor: refused, with a reason.
  await page.getByRole('button', { name: 'Choose a Costume' }).first().hover();
  await page.getByRole('button', { name: 'Surprise' }).first().click();
  const refusal = page.locator('#blockhaus-library-refusal');
  await refusal.waitFor({ state: 'visible', timeout: 30_000 });
  assert.equal(await refusal.getAttribute('role'), 'alert');
  await page.waitForTimeout(1000);
  assert.equal(await page.locator(LIST_NAME).count(), listed, 'no costume was added');
  assert.deepEqual(context.pageErrors, []);
  assert.deepEqual(context.foreignRequests(), [], 'requests to other hosts');
  await context.close();
});

test('with one item cached exactly that one is offered, and picking it adds it', { timeout: 300_000 }, async () => {
  const { server } = suite;
  const { context, page } = await openEditorOn('Sounds');
  // The only catalogue files this machine has without the internet: the sounds the editor bundle
  // carries for its default project ("Meow", "pop"). Seeded in the cache layout
  // (libraryfiles.cpp); the sound picker must then offer exactly the items made of them.
  const sounds = await page.evaluate(() => window.GUI.buildDefaultProject()
    .filter((item) => String(item.dataFormat).toLowerCase() === 'wav').map((item) => ({ id: item.id, data: Array.from(item.data) })));
  for (const sound of sounds) {
    const bytes = Buffer.from(sound.data);
    assert.equal(createHash('md5').update(bytes).digest('hex'), sound.id);
    const folder = path.join(server.dataDir, 'library', sound.id.slice(0, 2));
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `${sound.id}.wav`), bytes);
  }
  const seeded = new Set(sounds.map((sound) => `${sound.id}.wav`));
  const catalogue = JSON.parse(readFileSync(path.join(process.env.BLOCKHAUS_WEB_ROOT, 'libraries', 'sounds.json'), 'utf8'));
  const expected = catalogue.filter((item) => seeded.has(item.md5ext)).map((item) => item.name);
  assert.ok(expected.length > 0, 'the default project\'s sounds are library sounds');
  const pick = expected[0];

  await page.getByRole('button', { name: 'Choose a Sound' }).first().click();
  // Opening the picker asks the server again, so the items cached a moment ago appear.
  await page.locator(TILE, { hasText: pick }).first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.locator('#blockhaus-library-notice').waitFor({ timeout: 30_000 });
  const tiles = await visibleTiles(page);
  assert.deepEqual(tiles.names.sort(), [...expected].sort());
  assert.equal(tiles.broken, 0);
  await screenshot(page, 'library-offline-sounds');

  const listed = await page.locator(LIST_NAME, { hasText: pick }).count();
  await page.locator(TILE, { hasText: pick }).first().click();
  await page.waitForFunction(({ selector, name, before }) => [...document.querySelectorAll(selector)]
    .filter((element) => element.textContent.includes(name)).length > before,
  { selector: LIST_NAME, name: pick, before: listed }, { timeout: 30_000 });
  assert.equal(await page.locator('#blockhaus-library-refusal').isVisible(), false);
  assert.deepEqual(context.pageErrors, []);
  await context.close();
});

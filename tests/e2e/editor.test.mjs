// SPDX-License-Identifier: AGPL-3.0-or-later
// The editor in real Chromium: a new project gets an id from the server, a change made through
// the editor is saved and is there after a reload, and no page asks any other host for anything.
// A save over the student's storage quota (507) is said in words and not retried (issue #12).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useClassroom, newWatchedContext, loginContext, openEditor, startServer, makeClassroom,
  renameSprite, waitForSaveState, screenshot, spriteNames, createProject, EDITOR_TIMEOUT,
} from './support.mjs';

const suite = useClassroom();

test('a new project is created, changed in the editor, saved and reloaded', { timeout: 300_000 }, async () => {
  const { server, browser, classroom } = suite;
  const [anna] = classroom.students;
  const context = await newWatchedContext(browser, server);
  await loginContext(context, server, anna.username, anna.password);
  const page = await context.newPage();

  await page.goto(`${server.origin}/editor?project=new`);
  // The editor POSTs the new project at once and we keep the address bar in step.
  await page.waitForURL(/\/editor\?project=\d+$/, { timeout: EDITOR_TIMEOUT });
  const projectId = Number(new URL(page.url()).searchParams.get('project'));
  await page.waitForSelector('body[data-editor-ready="true"]', { timeout: EDITOR_TIMEOUT });
  await waitForSaveState(page, 'saved');
  const created = await anna.api.ok('GET', `/api/v1/projects/${projectId}/meta`);
  assert.equal(created.owner.username, anna.username);

  await page.waitForSelector('[class*="sprite-info_sprite-info"] input', { timeout: EDITOR_TIMEOUT });
  await renameSprite(page, 'Rocket');
  await waitForSaveState(page, 'unsaved');
  await page.keyboard.press('Control+s');
  await waitForSaveState(page, 'saved');
  await screenshot(page, 'editor');

  const stored = await anna.api.ok('GET', `/api/v1/projects/${projectId}`);
  assert.deepEqual(spriteNames(stored), ['Rocket']);
  const meta = await anna.api.ok('GET', `/api/v1/projects/${projectId}/meta`);
  assert.ok(meta.version > created.version, 'the save made a new version');

  await page.reload();
  await openEditor(page, server, projectId);
  assert.equal(await page.locator('[class*="sprite-info_sprite-info"] input').first().inputValue(), 'Rocket');

  assert.deepEqual(context.foreignRequests(), [], 'requests to other hosts');
  await context.close();
});

test('a sprite dragged into the backpack is stored by Blockhaus and listed again', { timeout: 300_000 }, async () => {
  const { server, browser, classroom } = suite;
  const [, ben] = classroom.students;
  const project = await createProject(ben.api, { title: 'Zoo', spriteName: 'Giraffe' });
  const context = await newWatchedContext(browser, server);
  await loginContext(context, server, ben.username, ben.password);
  const page = await context.newPage();
  await openEditor(page, server, project.id);

  await page.getByText('Backpack', { exact: true }).click();
  const backpack = page.locator('[class*="backpack_backpack-list"]');
  await backpack.waitFor({ timeout: 30_000 });
  // A real drag with the mouse, as a child does it: from the sprite tile into the backpack.
  const tile = page.locator('[class*="sprite-selector-item_sprite-selector-item"]').first();
  const from = await tile.boundingBox();
  const to = await backpack.boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  for (let step = 1; step <= 20; step += 1) {
    await page.mouse.move(from.x + (to.x + 60 - from.x) * step / 20, from.y + (to.y + to.height / 2 - from.y) * step / 20);
  }
  await page.mouse.up();

  const item = page.locator('[class*="backpack_backpack-item"]');
  await item.first().waitFor({ timeout: 30_000 });
  const items = await ben.api.ok('GET', '/api/v1/backpack');
  assert.equal(items.length, 1);
  assert.equal(items[0].type, 'sprite');
  assert.equal(items[0].name, 'Giraffe');

  // Listed again after a reload, with its thumbnail served by Blockhaus.
  await page.reload();
  await page.waitForSelector('body[data-editor-ready="true"]', { timeout: EDITOR_TIMEOUT });
  await page.getByText('Backpack', { exact: true }).click();
  await page.locator('[class*="backpack_backpack-item"] img').first().waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('[class*="backpack_backpack-item"]').count(), 1);
  await screenshot(page, 'backpack');

  assert.deepEqual(context.foreignRequests(), [], 'requests to other hosts');
  await context.close();
});

test('a save without network keeps the work, retries, and closing the tab warns', { timeout: 120_000 }, async () => {
  const { server, browser, classroom } = suite;
  const [anna] = classroom.students;
  const project = await createProject(anna.api, { title: 'Offline', spriteName: 'Kite' });
  const context = await newWatchedContext(browser, server);
  await loginContext(context, server, anna.username, anna.password);
  const page = await context.newPage();
  await openEditor(page, server, project.id);

  await context.setOffline(true);
  await renameSprite(page, 'Balloon');
  await page.keyboard.press('Control+s');
  await waitForSaveState(page, 'offline');
  assert.match(await page.locator('#save-status-text').textContent(), /no connection|Not saved/);

  // Leaving now would lose the change: the browser asks first.
  const warned = new Promise((resolve) => page.once('dialog', (dialog) => {
    resolve(dialog.type());
    dialog.dismiss();
  }));
  await page.close({ runBeforeUnload: true });
  assert.equal(await warned, 'beforeunload');
  assert.equal(page.isClosed(), false, 'the page stays open when the student cancels');

  // Back online, the retry (with backoff) saves without anyone pressing a button.
  await context.setOffline(false);
  // Well before the 60 s autosave, so this waits for the retry itself.
  await waitForSaveState(page, 'saved', 40_000);
  assert.deepEqual(spriteNames(await anna.api.ok('GET', `/api/v1/projects/${project.id}`)), ['Balloon']);

  assert.deepEqual(context.foreignRequests(), [], 'requests to other hosts');
  await context.close();
});

test('a save over the storage quota says so, is not retried, and works once space is freed', { timeout: 300_000 }, async () => {
  const { browser } = suite;
  // A server of its own where a student may store 1 MB.
  const server = await startServer({ extraArgs: ['--student-quota-mb', '1'] });
  try {
    const { students: [quinn] } = await makeClassroom(server, ['Quinn Quota']);
    const project = await createProject(quinn.api, { title: 'Tight', spriteName: 'Mouse' });
    // A trashed project that leaves less room than one more version of the first one.
    const filler = await quinn.api.ok('GET', `/api/v1/projects/${project.id}`);
    const { used_bytes: used, quota_bytes: quota } = await quinn.api.ok('GET', '/api/v1/me/storage');
    const base = JSON.stringify(filler).length;
    // Room left afterwards: about half a body, less than the editor's next save needs.
    filler.targets[0].variables = { fill: ['filler', 'x'.repeat(quota - used - base - 100 - Math.floor(base / 2))] };
    const big = await quinn.api.ok('POST', '/api/v1/projects?title=Filler', { json: filler });
    await quinn.api.ok('DELETE', `/api/v1/projects/${big.id}`);
    const full = await quinn.api.ok('GET', '/api/v1/me/storage');
    assert.ok(quota - full.used_bytes < base, `room left: ${quota - full.used_bytes} of ${base} needed`);

    const context = await newWatchedContext(browser, server);
    await loginContext(context, server, quinn.username, quinn.password);
    const page = await context.newPage();
    await openEditor(page, server, project.id);
    await renameSprite(page, 'Squeezed');
    await page.keyboard.press('Control+s');
    await waitForSaveState(page, 'failed');
    // In words, with the student's numbers, and no "trying again" countdown: waiting makes no room.
    const text = await page.locator('#save-status-text').textContent();
    assert.match(text, /storage space is full/);
    assert.doesNotMatch(text, /Trying again/);
    await screenshot(page, 'editor-quota-full');

    // Space freed (as the trash page does it): the next save goes through.
    await quinn.api.ok('DELETE', `/api/v1/projects/${big.id}?purge=1`);
    await page.keyboard.press('Control+s');
    await waitForSaveState(page, 'saved');
    assert.deepEqual(spriteNames(await quinn.api.ok('GET', `/api/v1/projects/${project.id}`)), ['Squeezed']);

    assert.deepEqual(context.foreignRequests(), [], 'requests to other hosts');
    await context.close();
  } finally {
    await server.stop();
  }
});

test('a new costume is uploaded once, before the project that names it; the title follows the editor', { timeout: 300_000 }, async () => {
  const { server, browser, classroom } = suite;
  const [, ben] = classroom.students;
  const project = await createProject(ben.api, { title: 'Costumes', spriteName: 'Robot' });
  const context = await newWatchedContext(browser, server);
  await loginContext(context, server, ben.username, ben.password);
  const page = await context.newPage();
  await openEditor(page, server, project.id);

  // A costume from "my computer", twice: the second one has the same bytes.
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="60" height="40">'
    + '<rect width="60" height="40" fill="#2e7d32"/></svg>');
  await page.getByRole('tab', { name: 'Costumes' }).click();
  for (const name of ['green-1', 'green-2']) {
    const upload = page.locator('[class*="asset-panel_wrapper"] input[type="file"]').first();
    await upload.setInputFiles({ name: `${name}.svg`, mimeType: 'image/svg+xml', buffer: svg });
    await page.locator('[class*="sprite-selector-item_sprite-name"]', { hasText: name }).waitFor({ timeout: 30_000 });
    await waitForSaveState(page, 'unsaved');
    const thumbnail = page.waitForResponse((response) => response.request().method() === 'PUT'
      && response.url().endsWith(`/api/v1/projects/${project.id}/thumbnail`), { timeout: 30_000 });
    await page.keyboard.press('Control+s');
    await waitForSaveState(page, 'saved');
    assert.equal((await thumbnail).status(), 204, 'the thumbnail follows the save');
  }

  // The title typed into the editor's own title field reaches the server.
  const title = page.locator('[class*="menu-bar_title-field"] input, input[class*="title-field"]').first();
  await title.fill('Robot Dance');
  await title.press('Enter');
  await page.waitForFunction(() => document.getElementById('editor-title').textContent === 'Robot Dance'
    && document.getElementById('save-status').dataset.state === 'saved', null, { timeout: 30_000 });
  assert.equal((await ben.api.ok('GET', `/api/v1/projects/${project.id}/meta`)).title, 'Robot Dance');

  // The editor cleans imported SVGs up, so the stored bytes (and name) are its own; both
  // imports end up as the same asset.
  const stored = await ben.api.ok('GET', `/api/v1/projects/${project.id}`);
  const robot = stored.targets.find((target) => target.name === 'Robot');
  const green = robot.costumes.filter((costume) => costume.name.startsWith('green'));
  assert.equal(green.length, 2);
  assert.equal(green[0].md5ext, green[1].md5ext);
  const md5ext = green[0].md5ext;
  const uploads = context.calls.filter((call) => call.startsWith(`PUT /api/v1/assets/${md5ext}`)
    || call.startsWith(`POST /api/v1/assets/${md5ext}`));
  assert.equal(uploads.length, 1, `one upload of the costume, not ${uploads.length}`);
  const firstProjectSave = context.calls.findIndex((call) => call.startsWith(`PUT /api/v1/projects/${project.id}?`));
  assert.ok(context.calls.indexOf(uploads[0]) < firstProjectSave, 'the asset arrived before the project naming it');

  assert.deepEqual(context.foreignRequests(), [], 'requests to other hosts');
  await context.close();
});

test('the sprite library asks Blockhaus for its pictures and never hangs offline', { timeout: 300_000 }, async () => {
  const { server, browser, classroom } = suite;
  const [anna] = classroom.students;
  const project = await createProject(anna.api, { title: 'Library', spriteName: 'Cat' });
  const context = await newWatchedContext(browser, server);
  await loginContext(context, server, anna.username, anna.password);
  const page = await context.newPage();
  await openEditor(page, server, project.id);

  // This server runs with --library-upstream none: every picture is a quick 404, and the picker
  // still lists the items by name instead of spinning.
  // A picture's path starts with /library/ (the editor's own /api/v1/library/available check,
  // which answers 200, must not count).
  const firstPicture = page.waitForResponse(
    (response) => new URL(response.url()).pathname.startsWith('/library/'), { timeout: 30_000 });
  await page.getByRole('button', { name: 'Choose a Sprite' }).first().click();
  assert.equal((await firstPicture).status(), 404);
  const items = page.locator('[class*="library-item_library-item-name"]');
  // Offline with an empty cache the tiles are there but hidden, with a notice saying why (#13).
  await items.first().waitFor({ state: 'attached', timeout: 30_000 });
  assert.ok(await items.count() > 100, 'the catalogue ships with the editor');
  await page.locator('#blockhaus-library-notice').waitFor({ timeout: 30_000 });
  assert.ok(context.calls.some((call) => call.startsWith('GET /library/')), 'pictures come from /library');
  assert.deepEqual(context.foreignRequests(), [], 'requests to other hosts');
  await context.close();
});

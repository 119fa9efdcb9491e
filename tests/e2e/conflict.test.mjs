// SPDX-License-Identifier: AGPL-3.0-or-later
// G1 in the browser: the same project open in two browser contexts. The first save wins; the
// second gets 412 and the conflict dialog, and "keep mine as a new copy" keeps both versions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useClassroom, newWatchedContext, loginContext, openEditor, renameSprite,
  waitForSaveState, screenshot, spriteNames, createProject, EDITOR_TIMEOUT,
} from './support.mjs';

const suite = useClassroom(['Anna Berg']);

test('the second save shows the conflict dialog and keeping a copy loses nothing', { timeout: 300_000 }, async () => {
  const { server, browser, classroom } = suite;
  const [anna] = classroom.students;
  const project = await createProject(anna.api, { title: 'Racing Game', spriteName: 'Car' });
  const contexts = [];
  const pages = [];
  for (let i = 0; i < 2; i += 1) {
    const context = await newWatchedContext(browser, server);
    await loginContext(context, server, anna.username, anna.password);
    contexts.push(context);
    pages.push(await context.newPage());
  }
  const [first, second] = pages;
  // Both open version 1 before either saves.
  await Promise.all(pages.map((page) => openEditor(page, server, project.id)));

  await renameSprite(first, 'Alpha');
  await first.keyboard.press('Control+s');
  await waitForSaveState(first, 'saved');

  await renameSprite(second, 'Beta');
  await second.click('#save-now');
  const dialog = second.locator('#conflict-dialog');
  await dialog.waitFor({ state: 'visible', timeout: 30_000 });
  assert.match(await second.locator('#conflict-text').textContent(), /Anna Berg|You saved/);
  assert.equal(await second.locator('#save-status').getAttribute('data-state'), 'conflict');
  await screenshot(second, 'conflict-dialog');

  await second.click('#conflict-copy');
  await second.waitForURL((url) => url.searchParams.get('project') !== String(project.id), { timeout: EDITOR_TIMEOUT });
  const copyId = Number(new URL(second.url()).searchParams.get('project'));
  await second.waitForSelector('body[data-editor-ready="true"]', { timeout: EDITOR_TIMEOUT });

  const original = await anna.api.ok('GET', `/api/v1/projects/${project.id}`);
  assert.deepEqual(spriteNames(original), ['Alpha'], 'the first save is intact');
  const copy = await anna.api.ok('GET', `/api/v1/projects/${copyId}`);
  assert.deepEqual(spriteNames(copy), ['Beta'], 'the second student\'s work is in the copy');
  const copyMeta = await anna.api.ok('GET', `/api/v1/projects/${copyId}/meta`);
  assert.match(copyMeta.title, /Racing Game/);
  assert.equal(copyMeta.owner.username, anna.username);
  const { versions } = await anna.api.ok('GET', `/api/v1/projects/${project.id}/versions`);
  assert.equal(versions[0].version, 2, 'exactly one save reached the original');

  for (const context of contexts) {
    assert.deepEqual(context.foreignRequests(), [], 'requests to other hosts');
    await context.close();
  }
});

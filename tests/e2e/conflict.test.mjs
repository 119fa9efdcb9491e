// SPDX-License-Identifier: AGPL-3.0-or-later
// G1 in the browser: the same project open in two browser contexts. The first save wins; the
// second gets 412 and the conflict dialog. Each of its three choices is driven end to end (#12):
// "keep mine as a new copy" keeps both contents in two projects, "load the newer version" shows
// the winner and goes on from it, "save mine on top" keeps both in the version history.
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

/**
 * Opens one new project in two logged-in contexts, saves "Alpha" from the first and "Beta" from
 * the second, and returns once the second shows the conflict dialog.
 */
async function collide(title) {
  const { server, browser, classroom } = suite;
  const [anna] = classroom.students;
  const project = await createProject(anna.api, { title, spriteName: 'Car' });
  const contexts = [];
  const pages = [];
  for (let i = 0; i < 2; i += 1) {
    const context = await newWatchedContext(browser, server);
    await loginContext(context, server, anna.username, anna.password);
    contexts.push(context);
    pages.push(await context.newPage());
  }
  await Promise.all(pages.map((page) => openEditor(page, server, project.id)));
  const [first, second] = pages;
  await renameSprite(first, 'Alpha');
  await first.keyboard.press('Control+s');
  await waitForSaveState(first, 'saved');
  await renameSprite(second, 'Beta');
  await second.click('#save-now');
  await second.locator('#conflict-dialog').waitFor({ state: 'visible', timeout: 30_000 });
  assert.equal(await second.locator('#save-status').getAttribute('data-state'), 'conflict');
  return { anna, project, contexts, first, second };
}

async function storedVersion(api, projectId, version) {
  return api.ok('GET', `/api/v1/projects/${projectId}/versions/${version}`);
}

async function closeAll(contexts) {
  for (const context of contexts) {
    assert.deepEqual(context.foreignRequests(), [], 'requests to other hosts');
    await context.close();
  }
}

test('"load the newer version" shows the winner and saves on from it', { timeout: 300_000 }, async () => {
  const { anna, project, contexts, second } = await collide('Loading Game');
  const projectsBefore = await anna.api.ok('GET', '/api/v1/projects');

  // The page loads the project again: the other save is what the student now sees.
  const reloaded = second.waitForEvent('load', { timeout: EDITOR_TIMEOUT });
  await second.click('#conflict-load');
  await reloaded;
  assert.equal(new URL(second.url()).searchParams.get('project'), String(project.id));
  await second.waitForSelector('body[data-editor-ready="true"]', { timeout: EDITOR_TIMEOUT });
  const nameField = second.locator('[class*="sprite-info_sprite-info"] input').first();
  await nameField.waitFor({ timeout: EDITOR_TIMEOUT });
  assert.equal(await nameField.inputValue(), 'Alpha', 'the newer version is on screen');
  await screenshot(second, 'conflict-loaded-newer');

  // Nothing that was saved is lost, and no copy was made behind the student's back.
  const { versions } = await anna.api.ok('GET', `/api/v1/projects/${project.id}/versions`);
  assert.deepEqual(versions.map((entry) => entry.version), [2, 1]);
  assert.deepEqual(spriteNames(await storedVersion(anna.api, project.id, 2)), ['Alpha']);
  assert.deepEqual(spriteNames(await storedVersion(anna.api, project.id, 1)), ['Car']);
  const projectsAfter = await anna.api.ok('GET', '/api/v1/projects');
  assert.equal(projectsAfter.projects.length, projectsBefore.projects.length, 'no copy was created');

  // The loaded page builds on version 2: its next save is no conflict.
  await renameSprite(second, 'Gamma');
  await second.click('#save-now');
  await waitForSaveState(second, 'saved');
  const meta = await anna.api.ok('GET', `/api/v1/projects/${project.id}/meta`);
  assert.equal(meta.version, 3);
  assert.deepEqual(spriteNames(await anna.api.ok('GET', `/api/v1/projects/${project.id}`)), ['Gamma']);
  assert.deepEqual(spriteNames(await storedVersion(anna.api, project.id, 2)), ['Alpha']);

  await closeAll(contexts);
});

test('"save mine on top" makes mine the newest and keeps the other in the history', { timeout: 300_000 }, async () => {
  const { anna, project, contexts, first, second } = await collide('Stacking Game');

  await second.click('#conflict-overwrite');
  await waitForSaveState(second, 'saved');
  assert.equal(await second.locator('#conflict-dialog').isVisible(), false);
  assert.equal(new URL(second.url()).searchParams.get('project'), String(project.id), 'no copy');
  await screenshot(second, 'conflict-saved-on-top');

  const meta = await anna.api.ok('GET', `/api/v1/projects/${project.id}/meta`);
  assert.equal(meta.version, 3, 'mine went on top of the other save');
  assert.deepEqual(spriteNames(await anna.api.ok('GET', `/api/v1/projects/${project.id}`)), ['Beta']);
  // Both contents are in the version history: nothing is lost.
  const { versions } = await anna.api.ok('GET', `/api/v1/projects/${project.id}/versions`);
  assert.deepEqual(versions.map((entry) => entry.version), [3, 2, 1]);
  assert.deepEqual(spriteNames(await storedVersion(anna.api, project.id, 3)), ['Beta']);
  assert.deepEqual(spriteNames(await storedVersion(anna.api, project.id, 2)), ['Alpha']);
  assert.deepEqual(spriteNames(await storedVersion(anna.api, project.id, 1)), ['Car']);

  // The first page, still on version 2, now gets the dialog itself: nobody overwrites silently.
  await renameSprite(first, 'Delta');
  await first.click('#save-now');
  await first.locator('#conflict-dialog').waitFor({ state: 'visible', timeout: 30_000 });
  assert.match(await first.locator('#conflict-text').textContent(), /Anna Berg|You saved/);

  await closeAll(contexts);
});

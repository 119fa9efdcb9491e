// SPDX-License-Identifier: AGPL-3.0-or-later
// The students' pages in real Chromium: joining with a class code, the project list, the .sb3
// download and upload round trip, remixing from the class gallery, and the trash's "delete for
// good" and "empty trash" behind a confirmation dialog with the space used (issue #12).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  useClassroom, newWatchedContext, loginContext, screenshot, spriteNames,
  createProject, artifacts, waitForSaveState, EDITOR_TIMEOUT,
} from './support.mjs';

const suite = useClassroom(['Anna Berg', 'Ben Cole', 'Chris Dunn']);

test('a student joins with the class code, picks their name and logs in', { timeout: 120_000 }, async () => {
  const { server, browser, classroom } = suite;
  const [anna] = classroom.students;
  await createProject(anna.api, { title: 'Space Cat' });
  await createProject(anna.api, { title: 'Maze', spriteName: 'Mouse', colour: '#4a90e2' });
  const context = await newWatchedContext(browser, server);
  const page = await context.newPage();

  await page.goto(`${server.origin}/join`);
  await page.fill('#class-code', classroom.klass.join_code.toLowerCase());
  await screenshot(page, 'join');
  await page.click('#code-submit');
  await page.getByRole('button', { name: anna.display_name }).click();

  await page.fill('#password', 'not-the-password');
  await page.click('#login-submit');
  await page.locator('#password-error').filter({ hasText: /password/i }).waitFor({ timeout: 15_000 });

  await page.fill('#password', anna.password);
  await page.click('#login-submit');
  await page.waitForURL(/\/projects/, { timeout: 15_000 });
  await page.locator('#project-list li.project-card').nth(1).waitFor({ timeout: 15_000 });
  assert.equal(await page.locator('#project-list li.project-card').count(), 2);
  await screenshot(page, 'projects');

  // The QR link of the join screen: /join/CODE goes straight to the name list.
  const other = await newWatchedContext(browser, server);
  const qrPage = await other.newPage();
  await qrPage.goto(`${server.origin}/join/${classroom.klass.join_code}`);
  await qrPage.getByRole('button', { name: classroom.students[1].display_name }).waitFor({ timeout: 15_000 });

  for (const watched of [context, other]) {
    assert.deepEqual(watched.foreignRequests(), [], 'requests to other hosts');
    await watched.close();
  }
});

test('a project downloaded as .sb3 and uploaded again is the same project', { timeout: 120_000 }, async () => {
  const { server, browser, classroom } = suite;
  const [, ben] = classroom.students;
  const project = await createProject(ben.api, { title: 'Round Trip', spriteName: 'Boomerang' });
  const context = await newWatchedContext(browser, server);
  await loginContext(context, server, ben.username, ben.password);
  const page = await context.newPage();
  await page.goto(`${server.origin}/projects`);

  const card = page.locator(`li.project-card[data-project-id="${project.id}"]`);
  await card.getByRole('button', { name: /^More/ }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 15_000 }),
    card.getByRole('link', { name: /Download/ }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'Round Trip.sb3');
  const file = path.join(artifacts, 'Round Trip.sb3');
  await download.saveAs(file);
  assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK', 'an .sb3 is a zip archive');

  await page.setInputFiles('#upload-input', file);
  await page.locator('li.project-card').nth(1).waitFor({ timeout: 15_000 });
  const { projects } = await ben.api.ok('GET', '/api/v1/projects');
  const uploaded = projects.find((meta) => meta.id !== project.id);
  assert.ok(uploaded, 'the upload made a second project');
  assert.equal(uploaded.title, 'Round Trip');
  const original = await ben.api.ok('GET', `/api/v1/projects/${project.id}`);
  const copy = await ben.api.ok('GET', `/api/v1/projects/${uploaded.id}`);
  assert.deepEqual(spriteNames(copy), spriteNames(original));
  assert.deepEqual(copy.targets.map((target) => target.costumes.map((costume) => costume.md5ext)),
    original.targets.map((target) => target.costumes.map((costume) => costume.md5ext)));

  assert.deepEqual(context.foreignRequests(), [], 'requests to other hosts');
  await context.close();
});

test('a shared project is remixed from the class gallery into my own copy', { timeout: 180_000 }, async () => {
  const { server, browser, classroom } = suite;
  const [anna, , chris] = classroom.students;
  const project = await createProject(anna.api, { title: 'Dance Party', spriteName: 'Dancer' });
  await anna.api.ok('PUT', `/api/v1/projects/${project.id}/share`, { json: { group_ids: [classroom.klass.id] } });
  const context = await newWatchedContext(browser, server);
  await loginContext(context, server, chris.username, chris.password);
  const page = await context.newPage();
  await page.goto(`${server.origin}/gallery`);
  // Play first: the player, then "Look inside" opens the (read-only) editor.
  await page.getByRole('link', { name: /Play.*Dance Party/ }).click();
  await page.waitForSelector('body.player-mode[data-editor-ready="true"]', { timeout: EDITOR_TIMEOUT });
  await page.click('#look-inside');
  await page.waitForSelector('[class*="sprite-info_sprite-info"] input', { timeout: EDITOR_TIMEOUT });
  await waitForSaveState(page, 'readonly');

  await page.goto(`${server.origin}/gallery`);
  await page.getByRole('button', { name: /Remix.*Dance Party/ }).click();
  await page.waitForURL(/\/editor\?project=\d+/, { timeout: 15_000 });
  const remixId = Number(new URL(page.url()).searchParams.get('project'));
  assert.notEqual(remixId, project.id);
  await page.waitForSelector('body[data-editor-ready="true"]', { timeout: EDITOR_TIMEOUT });

  const remix = await chris.api.ok('GET', `/api/v1/projects/${remixId}/meta`);
  assert.equal(remix.owner.username, chris.username);
  assert.deepEqual(spriteNames(await chris.api.ok('GET', `/api/v1/projects/${remixId}`)), ['Dancer']);
  const original = await anna.api.ok('GET', `/api/v1/projects/${project.id}/meta`);
  assert.equal(original.version, project.version, 'the original is untouched');

  assert.deepEqual(context.foreignRequests(), [], 'requests to other hosts');
  await context.close();
});

test('the trash deletes for good only after a confirmation, and the space used is shown', { timeout: 120_000 }, async () => {
  const { server, browser, classroom } = suite;
  const chris = classroom.students[2];
  const keep = await createProject(chris.api, { title: 'Keeper' });
  const first = await createProject(chris.api, { title: 'Old One', spriteName: 'Ghost' });
  const second = await createProject(chris.api, { title: 'Old Two', spriteName: 'Bat' });
  for (const project of [first, second]) await chris.api.ok('DELETE', `/api/v1/projects/${project.id}`);
  const context = await newWatchedContext(browser, server);
  await loginContext(context, server, chris.username, chris.password);
  const page = await context.newPage();

  await page.goto(`${server.origin}/projects`);
  const storage = page.locator('#storage-line');
  await storage.waitFor({ state: 'visible', timeout: 15_000 });
  assert.match(await storage.textContent(), /of 200\sMB used/);

  await page.goto(`${server.origin}/projects?trash=1`);
  await page.locator('#trash-list li.project-card').nth(1).waitFor({ timeout: 15_000 });
  const purgeButton = `[data-focus-key="purge-${first.id}"]`;
  // By keyboard: the question opens with Cancel focused, Escape closes it and nothing is lost.
  await page.focus(purgeButton);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('purge-dialog').open, undefined, { timeout: 5_000 });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'purge-cancel');
  assert.match(await page.locator('#purge-title').textContent(), /Old One/);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.getElementById('purge-dialog').open, undefined, { timeout: 5_000 });
  assert.equal(await page.evaluate(() => document.activeElement.dataset.focusKey), `purge-${first.id}`);
  assert.equal(await page.locator('#trash-list li.project-card').count(), 2);

  await page.click(purgeButton);
  await page.click('#purge-confirm');
  await page.locator(`#trash-list li[data-project-id="${first.id}"]`).waitFor({ state: 'detached', timeout: 15_000 });
  assert.equal((await chris.api.request('GET', `/api/v1/projects/${first.id}/meta`)).status, 404);

  await page.click('#empty-trash');
  await page.waitForFunction(() => document.getElementById('purge-dialog').open, undefined, { timeout: 5_000 });
  await page.click('#purge-confirm');
  await page.locator('#trash-empty').waitFor({ state: 'visible', timeout: 15_000 });
  assert.deepEqual((await chris.api.ok('GET', '/api/v1/projects?trash=1')).projects, []);
  const mine = (await chris.api.ok('GET', '/api/v1/projects')).projects.map((project) => project.id);
  // The project in use stays (Chris may have others from earlier tests); the trashed ones are gone.
  assert.ok(mine.includes(keep.id));
  assert.ok(!mine.includes(first.id) && !mine.includes(second.id));
  await screenshot(page, 'trash-emptied');

  assert.deepEqual(context.foreignRequests(), [], 'requests to other hosts');
  await context.close();
});

test('a teacher logs in, sees who is online and opens a student\'s project read-only', { timeout: 180_000 }, async () => {
  const { server, browser, classroom } = suite;
  const [anna] = classroom.students;
  const project = await createProject(anna.api, { title: 'Secret Garden', spriteName: 'Flower' });
  const context = await newWatchedContext(browser, server);
  const page = await context.newPage();
  await page.goto(`${server.origin}/join`);
  await page.locator('#teacher-login summary').click();
  await page.fill('#teacher-username', classroom.teacherLogin.username);
  await page.fill('#teacher-password', classroom.teacherLogin.password);
  await page.click('#teacher-login-submit');
  await page.waitForURL(/\/projects/, { timeout: 15_000 });

  await page.goto(`${server.origin}/teacher`);
  const row = page.locator(`tr[data-student-id="${anna.id}"]`);
  await row.waitFor({ timeout: 15_000 });
  // Anna used the API a moment ago: online, said in words.
  assert.match(await row.textContent(), /online/i);
  await screenshot(page, 'teacher');
  await row.getByRole('button', { name: anna.display_name }).click();
  await page.getByRole('link', { name: /Open \(read-only\).*Secret Garden/ }).click();
  await page.waitForURL(new RegExp(`/editor\\?project=${project.id}`), { timeout: 15_000 });
  await page.waitForSelector('body[data-editor-ready="true"]', { timeout: EDITOR_TIMEOUT });
  await waitForSaveState(page, 'readonly');
  assert.equal(await page.locator('#save-now').isVisible(), false, 'no saving into a student\'s project');
  assert.equal(await page.locator('#remix-button').isVisible(), true);
  assert.match(await page.locator('#editor-owner').textContent(), /Anna Berg/);

  assert.deepEqual(context.foreignRequests(), [], 'requests to other hosts');
  await context.close();
});

test('the About page links both licenses, served by Blockhaus; German follows the browser', { timeout: 60_000 }, async () => {
  const { server, browser, classroom } = suite;
  const context = await newWatchedContext(browser, server, { locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto(`${server.origin}/about`);
  for (const id of ['#scratch-license-link', '#blockhaus-license-link']) {
    const href = await page.locator(id).getAttribute('href');
    const response = await context.request.get(new URL(href, server.origin).toString());
    assert.equal(response.status(), 200, href);
    assert.match(await response.text(), /GNU AFFERO GENERAL PUBLIC LICENSE/);
  }
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  await page.goto(`${server.origin}/join`);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  assert.match(await page.locator('label[for="class-code"]').textContent(), /Klassen/i);

  assert.deepEqual(context.foreignRequests(), [], 'requests to other hosts');
  await context.close();
});

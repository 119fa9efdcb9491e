// SPDX-License-Identifier: AGPL-3.0-or-later
// Live classroom controls in the browser (#16): two students' editors are open; the teacher
// presses "Pencils down" through the API and both editors show the full-screen pause within 2 s,
// the last edit saved first; "Continue" removes it. A project sent to everyone shows up as a
// notice on a student's other pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useClassroom, newWatchedContext, loginContext, openEditor, renameSprite, screenshot,
  spriteNames, createProject,
} from './support.mjs';

const suite = useClassroom(['Anna Berg', 'Ben Cole']);

async function studentPage(student) {
  const { server, browser } = suite;
  const context = await newWatchedContext(browser, server);
  await loginContext(context, server, student.username, student.password);
  return { context, page: await context.newPage() };
}

test('pencils down pauses every editor within 2 s after saving; continue ends it', { timeout: 240_000 }, async () => {
  const { server, classroom } = suite;
  const { teacher, klass, students } = classroom;
  const opened = [];
  for (const student of students) {
    const project = await createProject(student.api, { title: `${student.display_name}'s game`, spriteName: 'Cat' });
    const { context, page } = await studentPage(student);
    await openEditor(page, server, project.id);
    await page.waitForSelector('html[data-live-connected="true"]', { timeout: 10_000 });
    opened.push({ student, project, context, page });
  }
  // Anna's last edit is not saved yet when the teacher presses the button.
  const anna = opened[0];
  await renameSprite(anna.page, 'Pencil');
  await anna.page.waitForFunction(() => document.getElementById('save-status')?.dataset.state === 'unsaved',
    null, { timeout: 10_000 }).catch(() => {}); // some editors report the change only on save

  const pressed = Date.now();
  await teacher.ok('PUT', `/api/v1/classes/${klass.id}/live`, { json: { pencils_down: true } });
  await Promise.all(opened.map(({ page }) => page.locator('#pause-overlay').waitFor({ state: 'visible', timeout: 2_000 })));
  const took = Date.now() - pressed;
  assert.ok(took < 2_000, `the pause took ${took} ms`);
  for (const { page } of opened) {
    const overlay = page.locator('#pause-overlay');
    assert.equal(await overlay.getAttribute('role'), 'dialog');
    assert.equal(await overlay.getAttribute('aria-modal'), 'true');
    assert.ok(await page.evaluate(() => document.getElementById('pause-overlay').contains(document.activeElement)),
      'the focus is in the pause');
    assert.ok(await page.evaluate(() => document.getElementById('main').inert), 'the editor is inert');
  }
  await screenshot(anna.page, 'pencils-down');
  // Saved first: the stored project has the last edit.
  await anna.page.waitForFunction(() => /saved/i.test(document.getElementById('pause-save')?.textContent || ''),
    null, { timeout: 15_000 });
  const stored = await anna.student.api.ok('GET', `/api/v1/projects/${anna.project.id}`);
  assert.deepEqual(spriteNames(stored), ['Pencil']);

  await teacher.ok('PUT', `/api/v1/classes/${klass.id}/live`, { json: { pencils_down: false } });
  await Promise.all(opened.map(({ page }) => page.locator('#pause-overlay').waitFor({ state: 'hidden', timeout: 2_000 })));
  for (const { page } of opened) {
    assert.equal(await page.evaluate(() => document.getElementById('main').inert), false);
  }
  for (const { context } of opened) {
    assert.deepEqual(context.pageErrors, [], 'no script errors');
    await context.close();
  }
});

test('a project sent to everyone is announced on the projects page', { timeout: 120_000 }, async () => {
  const { server, classroom } = suite;
  const { teacher, klass, students } = classroom;
  const { context, page } = await studentPage(students[1]);
  await page.goto(`${server.origin}/projects`);
  await page.waitForSelector('#site-header nav', { timeout: 30_000 });
  const starter = await createProject(teacher, { title: 'Maze starter', spriteName: 'Mouse' });
  // Notices are not replayed: wait until the page's stream is open.
  await page.waitForSelector('html[data-live-connected="true"]', { timeout: 10_000 });
  await teacher.ok('POST', `/api/v1/classes/${klass.id}/live/send`, {
    json: { project_id: starter.id, press_id: 'e2e-press-1' },
  });
  const bar = page.locator('#status-message');
  await bar.waitFor({ state: 'visible', timeout: 5_000 });
  assert.match(await bar.textContent(), /Maze starter/);
  await context.close();
});

test('the teacher page presses the same buttons', { timeout: 120_000 }, async () => {
  const { server, browser, classroom } = suite;
  const { teacher, teacherLogin, klass } = classroom;
  const context = await newWatchedContext(browser, server);
  await loginContext(context, server, teacherLogin.username, teacherLogin.password);
  const page = await context.newPage();
  await page.goto(`${server.origin}/teacher`);
  const card = page.locator('.class-card', { hasText: klass.name });
  const state = card.locator('.live-state');
  await state.filter({ hasText: /off/ }).waitFor({ timeout: 15_000 });
  await card.getByRole('button', { name: 'Pencils down' }).click();
  await state.filter({ hasText: /ON/ }).waitFor({ timeout: 5_000 });
  const live = await teacher.ok('GET', `/api/v1/classes/${klass.id}/live`);
  assert.equal(live.pencils_down, true);
  await card.getByRole('button', { name: 'Continue' }).click();
  await state.filter({ hasText: /off/ }).waitFor({ timeout: 5_000 });
  assert.equal((await teacher.ok('GET', `/api/v1/classes/${klass.id}/live`)).pencils_down, false);
  assert.deepEqual(context.pageErrors, [], 'no script errors');
  await context.close();
});

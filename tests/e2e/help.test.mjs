// SPDX-License-Identifier: AGPL-3.0-or-later
// "I need help" and feedback in the browser (issue #16 parts 3, 4): a student asks for help in
// the editor and sees their place; the teacher view shows the entry and marks it done, which
// the student's editor then says; the teacher comments on the project in the teacher view and
// the student sees "1 new comment" on My projects and reads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useClassroom, newWatchedContext, loginContext, openEditor, screenshot, createProject,
} from './support.mjs';

const suite = useClassroom(['Anna Berg']);

test('help queue from the editor to the teacher view and back', { timeout: 240_000 }, async () => {
  const { server, browser, classroom } = suite;
  const [anna] = classroom.students;
  const project = await createProject(anna.api, { title: 'Maze Runner' });

  const studentContext = await newWatchedContext(browser, server);
  await loginContext(studentContext, server, anna.username, anna.password);
  const editor = await studentContext.newPage();
  await openEditor(editor, server, project.id);
  await editor.click('#help-button');
  await editor.locator('#help-dialog').waitFor({ state: 'visible' });
  assert.equal(await editor.evaluate(() => document.activeElement.id), 'help-question');
  await editor.fill('#help-question', 'My cat walks through walls');
  await editor.click('#help-send');
  await editor.locator('#help-dialog').waitFor({ state: 'hidden' });
  await editor.waitForFunction(() => /next in the queue|number 1 /.test(
    document.getElementById('help-status')?.textContent || ''), null, { timeout: 10_000 });
  assert.equal(await editor.isVisible('#help-withdraw'), true);
  await screenshot(editor, 'help-editor-waiting');

  const teacherContext = await newWatchedContext(browser, server);
  await loginContext(teacherContext, server, classroom.teacherLogin.username, classroom.teacherLogin.password);
  const teacher = await teacherContext.newPage();
  await teacher.goto(`${server.origin}/teacher`);
  const row = teacher.locator('#help-rows tr').first();
  await row.waitFor({ timeout: 15_000 });
  assert.match(await row.textContent(), /Anna Berg/);
  assert.match(await row.textContent(), /Maze Runner/);
  assert.match(await row.textContent(), /walks through walls/);
  assert.equal(await row.locator('a', { hasText: 'Open read-only' }).getAttribute('href'),
    `/editor?project=${project.id}`);
  await screenshot(teacher, 'help-teacher-queue');
  await row.locator('button', { hasText: 'Done' }).click();
  await teacher.locator('#help-empty').waitFor({ state: 'visible', timeout: 10_000 });

  // The editor asks again every few seconds and then says so.
  await editor.waitForFunction(() => /marked your question as answered/.test(
    document.getElementById('help-status')?.textContent || ''), null, { timeout: 20_000 });
  assert.equal(await editor.isVisible('#help-button'), true);

  // Feedback: the teacher comments from the student's projects in the teacher view.
  await teacher.click(`button[data-student-id="${anna.id}"]`);
  await teacher.locator('#student-project-list button', { hasText: 'Feedback' }).first().click();
  await teacher.locator('#comment-dialog').waitFor({ state: 'visible' });
  await teacher.fill('#comment-text', 'Well done! Try adding a timer.');
  await teacher.click('#comment-send');
  await teacher.locator('#comment-list li', { hasText: 'adding a timer' }).waitFor({ timeout: 10_000 });

  const projects = await studentContext.newPage();
  await projects.goto(`${server.origin}/projects`);
  const card = projects.locator(`li[data-project-id="${project.id}"]`);
  await card.locator('.feedback-badge', { hasText: '1 new comment' }).waitFor({ timeout: 15_000 });
  await screenshot(projects, 'feedback-badge');
  await card.locator('button', { hasText: 'Feedback' }).click();
  await projects.locator('#feedback-list li', { hasText: 'adding a timer' }).waitFor({ timeout: 10_000 });
  assert.match(await projects.locator('#feedback-list li').first().textContent(), /New/);
  // Read: the badge now counts the comment without calling it new.
  await projects.waitForFunction((id) => {
    const badge = document.querySelector(`li[data-project-id="${id}"] .feedback-badge`);
    return badge && badge.dataset.unread === '0';
  }, project.id, { timeout: 10_000 });
  const summary = await anna.api.ok('GET', '/api/v1/me/feedback');
  assert.equal(summary.unread, 0);

  for (const context of [studentContext, teacherContext]) {
    assert.deepEqual(context.pageErrors, [], 'page errors');
    assert.deepEqual(context.cspViolations, [], 'CSP violations');
    await context.close();
  }
});

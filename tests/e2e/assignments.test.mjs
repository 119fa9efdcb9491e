// SPDX-License-Identifier: AGPL-3.0-or-later
// Assignments (#16) in Chromium: the teacher creates and hands out an assignment on the teacher
// page, a student opens it (their own copy, with the editor's banner) and hands it in behind a
// confirmation, the teacher sees it in the class grid and returns it with feedback, and the
// student sees the feedback. The editor shows a frozen copy read-only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useClassroom, newWatchedContext, loginContext, screenshot } from './support.mjs';

const suite = useClassroom(['Anna Berg', 'Ben Cole']);

test('hand out, open, hand in, return with feedback', { timeout: 180_000 }, async () => {
  const { server, browser, classroom } = suite;
  const [anna] = classroom.students;

  // The teacher creates the assignment (empty starter) and hands it out at once.
  const teacherContext = await newWatchedContext(browser, server);
  await loginContext(teacherContext, server, classroom.teacherLogin.username, classroom.teacherLogin.password);
  const teacherPage = await teacherContext.newPage();
  await teacherPage.goto(`${server.origin}/teacher`);
  await teacherPage.locator('#new-assignment:not([disabled])').waitFor({ timeout: 15_000 });
  await teacherPage.click('#new-assignment');
  await teacherPage.getByLabel('Title').fill('Dancing cat');
  await teacherPage.getByLabel('Instructions').fill('Make the cat dance to music.');
  assert.equal(await teacherPage.locator('#assignment-handout').isChecked(), true);
  await screenshot(teacherPage, 'assignment-create');
  await teacherPage.click('#assignment-create');
  const teacherCard = teacherPage.locator('#teacher-assignment-list li.assignment-card', { hasText: 'Dancing cat' });
  await teacherCard.getByText('0 of 2 handed in').waitFor({ timeout: 15_000 });

  // The student sees it on My projects, opens it (the editor names the assignment) ...
  const studentContext = await newWatchedContext(browser, server);
  await loginContext(studentContext, server, anna.username, anna.password);
  const studentPage = await studentContext.newPage();
  await studentPage.goto(`${server.origin}/projects`);
  const studentCard = studentPage.locator('#assignment-list li.assignment-card', { hasText: 'Dancing cat' });
  await studentCard.getByText('Not started').waitFor({ timeout: 15_000 });
  await studentCard.getByText('Make the cat dance to music.').waitFor();
  await studentCard.getByRole('button', { name: 'Open' }).click();
  await studentPage.waitForURL(/\/editor\?project=\d+/, { timeout: 15_000 });
  const projectId = Number(new URL(studentPage.url()).searchParams.get('project'));
  await studentPage.locator('#editor-assignment', { hasText: 'Dancing cat' }).waitFor({ timeout: 30_000 });

  // ... and hands it in behind the confirmation dialog.
  await studentPage.goto(`${server.origin}/projects`);
  await studentCard.getByText('In progress').waitFor({ timeout: 15_000 });
  await studentCard.getByRole('button', { name: 'Hand in' }).click();
  const dialog = studentPage.getByRole('alertdialog');
  await dialog.waitFor();
  assert.equal(await studentPage.evaluate(() => document.activeElement.id), 'handin-cancel');
  await dialog.getByRole('button', { name: 'Hand in' }).click();
  await studentCard.getByText('Handed in').waitFor({ timeout: 15_000 });
  await screenshot(studentPage, 'assignment-handed-in');

  // The copy is frozen: the editor says so and offers no saving.
  await studentPage.goto(`${server.origin}/editor?project=${projectId}`);
  await studentPage.locator('#editor-assignment.frozen').waitFor({ timeout: 30_000 });
  assert.equal(await studentPage.locator('#save-now').isHidden(), true);

  // The teacher sees it in the grid and returns it with feedback, letting Anna go on.
  await teacherPage.reload();
  await teacherCard.getByText('1 of 2 handed in').waitFor({ timeout: 15_000 });
  await teacherCard.getByRole('button', { name: 'Show the class' }).click();
  const row = teacherPage.locator('#assignment-grid-rows tr', { hasText: 'Anna Berg' });
  await row.getByText('Handed in').waitFor({ timeout: 15_000 });
  assert.equal(await row.getByRole('link', { name: 'Open (read-only)' }).getAttribute('href'),
    `/editor?project=${projectId}`);
  await row.getByRole('button', { name: 'Return with feedback' }).click();
  await teacherPage.getByLabel('Feedback').fill('Lovely moves! Now add a drum.');
  await teacherPage.locator('#return-continue').check();
  await teacherPage.click('#return-send');
  await row.getByText('Returned').waitFor({ timeout: 15_000 });

  // The student sees the feedback and may go on.
  await studentPage.goto(`${server.origin}/projects`);
  await studentCard.getByText('Lovely moves! Now add a drum.').waitFor({ timeout: 15_000 });
  await studentCard.getByText('Returned').waitFor();
  await studentCard.getByRole('button', { name: 'Hand in' }).waitFor();
  await screenshot(studentPage, 'assignment-returned');

  for (const context of [teacherContext, studentContext]) {
    assert.deepEqual(context.pageErrors, [], 'page errors');
    assert.deepEqual(context.foreignRequests(), [], 'requests to other hosts');
    await context.close();
  }
});

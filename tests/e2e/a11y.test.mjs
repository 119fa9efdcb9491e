// SPDX-License-Identifier: AGPL-3.0-or-later
// Accessibility of Blockhaus's own pages, checked with axe-core in real Chromium: every page a
// student or teacher sees (the join steps, including a shown error, My projects with its menu
// and dialogs open, the trash, the class gallery, the teacher view with a student chosen,
// About, and our bar and conflict dialog on the editor page), in English and in German. Blockhaus
// promises WCAG 2.1 AA to 8–14 year olds and their teachers, so any violation of the WCAG 2.0/2.1
// A and AA rules fails the test with a readable list. The Scratch editor itself is third-party
// and not checked. axe runs from node_modules (no request leaves 127.0.0.1).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
  startServer, makeClassroom, launchBrowser, newWatchedContext, loginContext, createProject,
  openEditor, saveStatus, screenshot, EDITOR_TIMEOUT,
} from './support.mjs';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// Proven false positives, each for one rule on one element, with the reason. A result is only
// dropped when both the rule id and the element's selector match. Empty: nothing is excused.
const falsePositives = [
  // { rule: 'rule-id', target: '#element', reason: 'why axe is wrong here' },
];

const locales = [
  { name: 'en', locale: 'en-GB' },
  { name: 'de', locale: 'de-DE' },
];

let server;
let browser;
let classroom;
let teacherUser;
const projects = {};

before(async () => {
  server = await startServer();
  classroom = await makeClassroom(server, ['Anna Berg', 'Ben Cole', 'Chris Dunn', 'Dana Frey', 'Emil Gross']);
  browser = await launchBrowser();
  const [anna, ben] = classroom.students;
  const share = (client, project) => client.ok('PUT', `/api/v1/projects/${project.id}/share`,
    { json: { group_ids: [classroom.klass.id] } });

  // Anna: two projects (one shared, with two versions for the history), one in the trash.
  projects.spaceCat = await createProject(anna.api, { title: 'Space Cat' });
  const body = await anna.api.ok('GET', `/api/v1/projects/${projects.spaceCat.id}`);
  body.targets[1].name = 'Kitty';
  projects.spaceCat = await anna.api.ok('PUT', `/api/v1/projects/${projects.spaceCat.id}`,
    { json: body, headers: { 'If-Match': `"${projects.spaceCat.version}"` } });
  await share(anna.api, projects.spaceCat);
  projects.maze = await createProject(anna.api, { title: 'Maze', spriteName: 'Mouse', colour: '#4a90e2' });
  projects.old = await createProject(anna.api, { title: 'Old Game', spriteName: 'Ghost', colour: '#888888' });
  await anna.api.ok('DELETE', `/api/v1/projects/${projects.old.id}`);
  // Ben shares one with the class, so Anna's gallery has something in it.
  projects.dance = await createProject(ben.api, { title: 'Dance Party', spriteName: 'Dancer', colour: '#e94f9b' });
  await share(ben.api, projects.dance);

  teacherUser = (await classroom.teacher.ok('GET', '/api/v1/session')).user;
  // #16: Ben waits in the help queue; the teacher commented on Anna's Space Cat.
  await ben.api.ok('POST', '/api/v1/help/mine', { json: { question: 'How do I make it jump?' } });
  await classroom.teacher.ok('POST', `/api/v1/projects/${projects.spaceCat.id}/comments`,
    { json: { text: 'Lovely cat! Can it jump too?' } });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Logs the context in with an API client's session: the token is the bh_session cookie. */
async function useSession(context, client) {
  await context.addCookies([{ name: 'bh_session', value: client.token, url: server.origin }]);
}

/** A watched context in `locale`; `run(page)` does the checks; no request may leave the server. */
async function withPage({ locale, login }, run) {
  // axe is injected as an inline script, which the pages' CSP rightly refuses; the test tool
  // bypasses it (tests/e2e/csp.test.mjs checks the pages under their real policy).
  const context = await newWatchedContext(browser, server, { locale, bypassCSP: true });
  try {
    if (login) await login(context);
    const page = await context.newPage();
    await run(page);
    assert.deepEqual(context.foreignRequests(), [], 'requests to other hosts');
  } finally {
    await context.close();
  }
}

const studentLogin = (student) => (context) => loginContext(context, server, student.username, student.password);

/** Waits until our script has translated the page and drawn the shared header. */
async function pageReady(page, lang, { header = true } = {}) {
  await page.waitForFunction(({ wanted, withHeader }) => document.documentElement.lang === wanted
    && (!withHeader || document.querySelector('#site-header .header-inner') !== null),
  { wanted: lang, withHeader: header }, { timeout: 15_000 });
}

function formatViolations(violations) {
  return violations.map((violation) => {
    const nodes = violation.nodes.map((node) => {
      const summary = (node.failureSummary || '').split('\n').map((line) => `        ${line.trim()}`).join('\n');
      return `    at ${node.target.join(' ')}\n${summary}`;
    }).join('\n');
    return `- ${violation.id} [${violation.impact}] ${violation.help}\n  ${violation.helpUrl}\n${nodes}`;
  }).join('\n');
}

/**
 * Runs axe on `context` (default: the whole page) and fails with a readable list of every
 * WCAG 2.x A/AA violation. Also saves a screenshot named after the check.
 */
async function expectAccessible(page, label, context = undefined) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: axePath });
  }
  const violations = await page.evaluate(async ({ context: axeContext, tags }) => {
    const results = await window.axe.run(axeContext ?? document, { runOnly: { type: 'tag', values: tags } });
    return results.violations.map(({ id, impact, help, helpUrl, nodes }) => ({
      id, impact, help, helpUrl,
      nodes: nodes.map(({ target, failureSummary }) => ({ target: target.map(String), failureSummary })),
    }));
  }, { context, tags: wcagTags });
  const real = violations.map((violation) => ({
    ...violation,
    nodes: violation.nodes.filter((node) => !falsePositives.some((excused) =>
      excused.rule === violation.id && node.target.join(' ') === excused.target)),
  })).filter((violation) => violation.nodes.length > 0);
  await screenshot(page, `a11y-${label.replace(/[^\w-]+/g, '-')}`);
  assert.equal(real.length, 0, `axe found ${real.length} WCAG 2.1 AA violation(s) on ${label}:\n${formatViolations(real)}`);
}

async function closeDialog(page, id) {
  await page.keyboard.press('Escape');
  await page.waitForFunction((dialogId) => !document.getElementById(dialogId).open, id, { timeout: 5_000 });
}

for (const { name, locale } of locales) {
  test(`join: class code, name list and a wrong password (${name})`, { timeout: 120_000 }, async () => {
    // One student per language, so the wrong tries never add up to a lock-out.
    const student = classroom.students[name === 'en' ? 0 : 1];
    await withPage({ locale }, async (page) => {
      await page.goto(`${server.origin}/join`);
      await pageReady(page, name);
      await expectAccessible(page, `join step 1 (${name})`);
      await page.click('#code-submit'); // no code typed: the error line shows
      await page.waitForFunction(() => document.getElementById('code-error').textContent.trim() !== '',
        undefined, { timeout: 5_000 });
      await expectAccessible(page, `join step 1 with an error (${name})`);

      await page.click('#teacher-login summary');
      await page.fill('#teacher-username', teacherUser.username);
      await page.fill('#teacher-password', 'not-the-password');
      await page.click('#teacher-login-submit');
      await page.waitForFunction(() => document.getElementById('teacher-error').textContent.trim() !== '',
        undefined, { timeout: 15_000 });
      await expectAccessible(page, `join teacher login with an error (${name})`);
      await page.click('#teacher-login summary');

      await page.fill('#class-code', classroom.klass.join_code);
      await page.click('#code-submit');
      await page.locator(`#name-list button[data-username="${student.username}"]`).waitFor({ timeout: 15_000 });
      await expectAccessible(page, `join step 2 (${name})`);

      await page.click(`#name-list button[data-username="${student.username}"]`);
      await page.fill('#password', 'not-the-password');
      await page.click('#login-submit');
      await page.waitForFunction(() => document.getElementById('password-error').textContent.trim() !== '',
        undefined, { timeout: 15_000 });
      await expectAccessible(page, `join step 3 with an error (${name})`);
    });
  });

  test(`join: too many wrong passwords show the wait timer (${name})`, { timeout: 120_000 }, async () => {
    // Its own student: the lock-out must not touch anyone who logs in elsewhere in this file.
    const student = classroom.students[name === 'en' ? 3 : 4];
    await withPage({ locale }, async (page) => {
      await page.goto(`${server.origin}/join/${classroom.klass.join_code}`);
      await pageReady(page, name);
      await page.click(`#name-list button[data-username="${student.username}"]`);
      // The browser runs on the server's own machine (127.0.0.1), which the server never
      // throttles (issue #12; tst_throttleapi covers the lock itself). So the 429 a classroom
      // machine gets after its fifth wrong password is played here, exactly as the server
      // sends it; the page then counts down.
      await page.route('**/api/v1/session', (route) => (route.request().method() !== 'POST' ? route.fallback()
        : route.fulfill({
          status: 429,
          headers: { 'Retry-After': '30', 'Content-Type': 'application/json' },
          body: JSON.stringify({ error: 'too_many_requests', retry_after: 30,
            message: 'Too many wrong passwords. Please wait a little and try again.' }),
        })));
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await page.fill('#password', `wrong-password-${attempt}`);
        await page.click('#login-submit');
        // Answered: either the wait timer shows, or the button is back with an error line.
        await page.waitForFunction(() => !document.getElementById('password-wait').hidden
          || (!document.getElementById('login-submit').disabled
            && document.getElementById('password-error').textContent.trim() !== ''),
        undefined, { timeout: 15_000 });
        if (await page.locator('#password-wait').isVisible()) break;
      }
      await page.locator('#password-wait').waitFor({ state: 'visible', timeout: 15_000 });
      await expectAccessible(page, `join step 3 waiting after too many tries (${name})`);
    });
  });

  test(`my projects with the menu and the dialogs open, and the trash (${name})`, { timeout: 120_000 }, async () => {
    const [anna] = classroom.students;
    await withPage({ locale, login: studentLogin(anna) }, async (page) => {
      await page.goto(`${server.origin}/projects`);
      await pageReady(page, name);
      await page.locator('#project-list li.project-card').nth(1).waitFor({ timeout: 15_000 });
      assert.equal(await page.locator('#project-list li.project-card').count(), 2);
      await expectAccessible(page, `projects (${name})`);

      const id = projects.spaceCat.id;
      const openMore = async () => {
        await page.click(`[data-focus-key="more-${id}"]`);
        await page.locator(`#more-${id}`).waitFor({ state: 'visible', timeout: 5_000 });
      };
      await openMore();
      await expectAccessible(page, `projects with the More menu open (${name})`);

      await page.click(`[data-focus-key="rename-${id}"]`);
      await page.waitForFunction(() => document.getElementById('rename-dialog').open, undefined, { timeout: 5_000 });
      await page.fill('#rename-input', '');
      await page.click('#rename-save'); // an empty name shows the dialog's error line
      await page.waitForFunction(() => document.getElementById('rename-error').textContent.trim() !== '',
        undefined, { timeout: 5_000 });
      await expectAccessible(page, `rename dialog with an error (${name})`);
      await closeDialog(page, 'rename-dialog');

      await openMore();
      await page.click(`[data-focus-key="share-${id}"]`);
      await page.locator('#share-groups input[type="checkbox"]').first().waitFor({ timeout: 5_000 });
      await expectAccessible(page, `share dialog (${name})`);
      await closeDialog(page, 'share-dialog');

      await openMore();
      await page.click(`[data-focus-key="history-${id}"]`);
      await page.locator('#history-list li').nth(1).waitFor({ timeout: 15_000 });
      await page.locator('#history-loading').waitFor({ state: 'hidden', timeout: 15_000 });
      await expectAccessible(page, `version history dialog (${name})`);
      await closeDialog(page, 'history-dialog');

      // The teacher's comments (#16), from the card's Feedback button.
      await page.click(`[data-focus-key="feedback-${id}"]`);
      await page.locator('#feedback-list li').first().waitFor({ timeout: 15_000 });
      await page.locator('#feedback-loading').waitFor({ state: 'hidden', timeout: 15_000 });
      await expectAccessible(page, `feedback dialog (${name})`);
      await closeDialog(page, 'feedback-dialog');

      // Moving a project to the trash shows the status bar with "Undo"; Undo brings it back.
      await page.click(`[data-focus-key="more-${projects.maze.id}"]`);
      await page.click(`[data-focus-key="trash-${projects.maze.id}"]`);
      await page.locator('#status-message button').first().waitFor({ state: 'visible', timeout: 15_000 });
      await expectAccessible(page, `projects with the Undo message (${name})`);
      await page.locator('#status-message button:not(.status-close)').click();
      await page.locator(`#project-list li[data-project-id="${projects.maze.id}"]`).waitFor({ timeout: 15_000 });

      await page.goto(`${server.origin}/projects?trash=1`);
      await pageReady(page, name);
      await page.locator('#trash-list li.project-card').first().waitFor({ timeout: 15_000 });
      await expectAccessible(page, `trash (${name})`);

      // "Delete for good" asks first; the question is checked open, then closed unanswered.
      await page.focus(`[data-focus-key="purge-${projects.old.id}"]`);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.getElementById('purge-dialog').open, undefined, { timeout: 5_000 });
      await expectAccessible(page, `delete for good dialog (${name})`);
      await closeDialog(page, 'purge-dialog');
    });
  });

  test(`class gallery with a shared project (${name})`, { timeout: 60_000 }, async () => {
    const [anna] = classroom.students;
    await withPage({ locale, login: studentLogin(anna) }, async (page) => {
      await page.goto(`${server.origin}/gallery`);
      await pageReady(page, name);
      await page.locator(`#gallery-list li[data-project-id="${projects.dance.id}"]`).waitFor({ timeout: 15_000 });
      await expectAccessible(page, `gallery (${name})`);
    });
  });

  test(`teacher view with a student chosen (${name})`, { timeout: 60_000 }, async () => {
    const [anna] = classroom.students;
    await withPage({ locale, login: (context) => useSession(context, classroom.teacher) }, async (page) => {
      await page.goto(`${server.origin}/teacher`);
      await pageReady(page, name);
      await page.locator('#teacher-content').waitFor({ state: 'visible', timeout: 15_000 });
      assert.equal(await page.locator('.user-name strong').textContent(), teacherUser.display_name);
      const studentButton = page.locator(`button.student-button[data-student-id="${anna.id}"]`);
      await studentButton.waitFor({ timeout: 15_000 });
      await studentButton.click();
      await page.locator('#student-project-list li.project-card').nth(1).waitFor({ timeout: 15_000 });
      await page.locator('#help-rows tr').first().waitFor({ timeout: 15_000 }); // the help queue (#16)
      await expectAccessible(page, `teacher view (${name})`);

      // The comment box on a student's project (#16).
      await page.click(`[data-focus-key="comment-${projects.spaceCat.id}"]`);
      await page.locator('#comment-list li').first().waitFor({ timeout: 15_000 });
      await expectAccessible(page, `comment dialog (${name})`);
      await closeDialog(page, 'comment-dialog');
    });
  });

  test(`about, logged out and logged in (${name})`, { timeout: 60_000 }, async () => {
    await withPage({ locale }, async (page) => {
      await page.goto(`${server.origin}/about`);
      await pageReady(page, name);
      await expectAccessible(page, `about logged out (${name})`);
    });
    await withPage({ locale, login: studentLogin(classroom.students[2]) }, async (page) => {
      await page.goto(`${server.origin}/about`);
      await pageReady(page, name);
      await page.locator('#logout-button').waitFor({ timeout: 15_000 });
      await expectAccessible(page, `about logged in (${name})`);
    });
  });

  test(`editor page: our bar and the conflict dialog (${name})`, { timeout: 300_000 }, async () => {
    const [anna] = classroom.students;
    await withPage({ locale, login: studentLogin(anna) }, async (page) => {
      await openEditor(page, server, projects.maze.id);
      await pageReady(page, name, { header: false });
      await expectAccessible(page, `editor bar (${name})`, { include: ['#editor-bar'] });

      await page.evaluate((text) => {
        document.getElementById('conflict-text').textContent = text;
        document.getElementById('conflict-dialog').showModal();
      }, name === 'de'
        ? 'Anna Berg hat vor 2 Minuten Version 3 dieses Projekts gespeichert, nachdem du es geöffnet hast.'
        : 'Anna Berg saved version 3 of this project 2 minutes ago, after you opened it.');
      await page.locator('#conflict-dialog').waitFor({ state: 'visible', timeout: 5_000 });
      await expectAccessible(page, `editor conflict dialog (${name})`, { include: ['#conflict-dialog'] });
      await page.evaluate(() => document.getElementById('conflict-dialog').close());

      // "I need help" (#16): the question dialog, then the place in the queue in the bar.
      await page.click('#help-button');
      await page.locator('#help-dialog').waitFor({ state: 'visible', timeout: 5_000 });
      await expectAccessible(page, `editor help dialog (${name})`, { include: ['#help-dialog'] });
      await page.fill('#help-question', 'Where is the jump block?');
      await page.click('#help-send');
      await page.locator('#help-withdraw').waitFor({ state: 'visible', timeout: 10_000 });
      await expectAccessible(page, `editor bar, waiting for help (${name})`, { include: ['#editor-bar'] });
      await page.click('#help-withdraw');
      await page.locator('#help-button').waitFor({ state: 'visible', timeout: 10_000 });

      // Every look of the save indicator (colours and shapes differ per state).
      const shown = await saveStatus(page);
      for (const state of ['loading', 'saving', 'saved', 'unsaved', 'offline', 'conflict', 'failed', 'readonly']) {
        await page.evaluate((wanted) => { document.getElementById('save-status').dataset.state = wanted; }, state);
        await expectAccessible(page, `editor bar, save state ${state} (${name})`, { include: ['#editor-bar'] });
      }
      await page.evaluate((wanted) => { document.getElementById('save-status').dataset.state = wanted; }, shown);
    });
  });

  test(`editor page: our bar on a classmate's project (${name})`, { timeout: 300_000 }, async () => {
    const [anna] = classroom.students;
    await withPage({ locale, login: studentLogin(anna) }, async (page) => {
      // Played from the gallery: the owner line, Remix and Look inside are shown.
      await page.goto(`${server.origin}/editor?project=${projects.dance.id}&play=1`);
      await page.waitForSelector('body[data-editor-ready="true"]', { timeout: EDITOR_TIMEOUT });
      await pageReady(page, name, { header: false });
      await page.locator('#look-inside').waitFor({ state: 'visible', timeout: 5_000 });
      await expectAccessible(page, `editor bar, a classmate's project (${name})`, { include: ['#editor-bar'] });
    });
  });
}

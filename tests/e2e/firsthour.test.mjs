// SPDX-License-Identifier: AGPL-3.0-or-later
// The first hour end to end with the mouse alone (#13 "done when"): a teacher who never set an
// environment variable starts Blockhaus on a fresh computer, completes the welcome with clicks
// (a password made for them, a first class), opens the teacher page signed in from the
// dashboard, adds a student, and that student joins with the code the Join tab shows, opens the
// editor and saves; the save is on the teacher page, over the API and in the Projects tab; the
// window then closes and the server stops cleanly.
//
// The dashboard runs in a real X window under Xvfb (ctest starts this suite in xvfb-run) inside
// tests/e2e/firsthourhelper.cpp, which clicks it as a teacher's mouse does and prints what it
// opens in the browser; Chromium opens it. The helper gets no BLOCKHAUS_* variable and a fresh
// home folder, so its settings and data folder are those of a first start.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ApiClient, artifacts, launchBrowser, newWatchedContext, renameSprite, screenshot, spriteNames,
  waitForSaveState, EDITOR_TIMEOUT,
} from './support.mjs';

const helperPath = process.env.BLOCKHAUS_FIRSTHOUR_HELPER;
const webRoot = process.env.BLOCKHAUS_WEB_ROOT;
const STEP_TIMEOUT = 60_000;

const suite = { output: '' };

/** Waits for the helper's next line that matches; a "fail" line or its exit rejects at once. */
function nextMatch(pattern, timeoutMs = STEP_TIMEOUT) {
  return new Promise((resolve, reject) => {
    let timer;
    const finish = (error, match) => {
      clearTimeout(timer);
      suite.helper.stdout.off('data', look);
      suite.helper.off('exit', exited);
      if (error) reject(error); else resolve(match);
    };
    function look() {
      const failed = /^fail (.*)$/m.exec(suite.output);
      if (failed) {
        finish(new Error(`the dashboard helper failed: ${failed[1]}`));
        return true;
      }
      const match = pattern.exec(suite.output);
      if (!match) return false;
      suite.output = suite.output.slice(match.index + match[0].length);
      finish(null, match);
      return true;
    }
    function exited(code) {
      if (!look()) finish(new Error(`the dashboard helper exited with ${code} before ${pattern}:\n${suite.output}`));
    }
    timer = setTimeout(() => finish(new Error(`no ${pattern} from the helper; it said:\n${suite.output}`)), timeoutMs);
    if (look()) return;
    suite.helper.stdout.on('data', look);
    suite.helper.on('exit', exited);
  });
}

/** Sends one step to the helper and collects its lines up to "ok STEP". */
async function step(command) {
  suite.helper.stdin.write(`${command}\n`);
  const name = command.split(' ')[0];
  const [, lines] = await nextMatch(new RegExp(`^([\\s\\S]*?)^ok ${name}$`, 'm'));
  return lines.split('\n').filter(Boolean);
}

function lineValue(lines, keyword) {
  const line = lines.find((l) => l.startsWith(`${keyword} `));
  assert.ok(line, `no "${keyword}" in ${JSON.stringify(lines)}`);
  return line.slice(keyword.length + 1).split(' ');
}

before(async () => {
  assert.ok(helperPath, 'BLOCKHAUS_FIRSTHOUR_HELPER is not set (run through ctest)');
  // ctest runs this suite under xvfb-run with QT_QPA_PLATFORM=xcb: a real X window. Where Xvfb
  // is missing, QT_QPA_PLATFORM=offscreen runs the same clicks without X (a fallback only).
  const platform = process.env.QT_QPA_PLATFORM || 'xcb';
  if (platform === 'xcb') assert.ok(process.env.DISPLAY, 'no DISPLAY: run this suite under xvfb-run');
  suite.home = mkdtempSync(path.join(tmpdir(), 'blockhaus-e2e-firsthour-'));
  // A teacher's environment: nothing of ours, a home folder of their own (where the settings
  // and the default data folder are), the real X display.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('BLOCKHAUS_')
    && !key.startsWith('XDG_')));
  env.HOME = suite.home;
  env.QT_QPA_PLATFORM = platform;
  // Only what keeps the test on loopback and off the internet: the executable's own options.
  const args = [artifacts, '--listen', '127.0.0.1', '--port', '0', '--web-root', webRoot,
    '--library-upstream', 'none'];
  suite.helper = spawn(helperPath, args, { env, stdio: ['pipe', 'pipe', 'inherit'] });
  suite.helper.stdout.setEncoding('utf8');
  suite.helper.stdout.on('data', (chunk) => { suite.output += chunk; process.stdout.write(`# helper: ${chunk}`); });
  const [, shownOn] = await nextMatch(/^platform (\S+)$/m);
  assert.equal(shownOn, platform, 'the dashboard runs on the platform asked for');
  const [, dataDir] = await nextMatch(/^data (.+)$/m);
  assert.ok(dataDir.startsWith(suite.home), `the default data folder of a fresh home: ${dataDir}`);
  const [, port] = await nextMatch(/^listening on port (\d+)$/m);
  suite.origin = `http://127.0.0.1:${port}`;
  suite.server = { origin: suite.origin };
  suite.browser = await launchBrowser();
});

after(async () => {
  await suite.browser?.close();
  if (suite.helper && suite.helper.exitCode === null) {
    const exited = new Promise((resolve) => suite.helper.once('exit', resolve));
    suite.helper.stdin.end();
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    if (suite.helper.exitCode === null) suite.helper.kill('SIGKILL');
  }
  if (suite.home) rmSync(suite.home, { recursive: true, force: true });
});

test('from first start to the first student save with the mouse alone', { timeout: 600_000 }, async () => {
  const { server, browser } = suite;

  // 1. First start: the welcome, completed with clicks; it closes, the made password is shown
  //    once, and the Join tab shows the new class's code.
  const welcome = await step('welcome');
  const [teacherName, teacherPassword] = lineValue(welcome, 'teacher');
  const [joinAddress, joinCode] = lineValue(welcome, 'join');
  assert.match(joinCode, /^[A-Z0-9]{4,}$/);
  assert.ok(joinAddress.startsWith(server.origin), `the Join tab shows ${joinAddress}`);
  // The password shown once is the teacher's for the web pages.
  const teacherApi = await ApiClient.login(server.origin, teacherName, teacherPassword);

  // 2. The first student, added on the Students tab; the password as the dialog shows it.
  const studentName = 'Anna Berg';
  const added = await step(`students ${studentName}`);
  const [studentUsername, studentPassword] = lineValue(added, 'student');

  // 3. "Open the teacher page": the link the click opens, in Chromium, signed in.
  const opened = await step('teacherpage');
  const [link] = lineValue(opened, 'link');
  assert.equal(new URL(link).pathname, '/login/once');
  assert.ok(!link.includes(teacherPassword), 'no password in the link');
  const teacherContext = await newWatchedContext(browser, server);
  const teacherPage = await teacherContext.newPage();
  await teacherPage.goto(link);
  await teacherPage.waitForURL(`${server.origin}/teacher`, { timeout: 15_000 });
  await teacherPage.locator('#teacher-content').waitFor({ state: 'visible', timeout: 15_000 });
  await teacherPage.locator('#class-list').getByText('5b').first().waitFor({ timeout: 15_000 });
  await teacherPage.locator('#class-list').getByText(joinCode).first().waitFor({ timeout: 15_000 });
  await teacherPage.locator('#student-rows').getByText(studentName).first().waitFor({ timeout: 15_000 });
  await screenshot(teacherPage, 'firsthour-1-teacher-page');

  // 4. The student: the address and the code from the Join tab, their name, their password.
  const studentContext = await newWatchedContext(browser, server);
  const page = await studentContext.newPage();
  await page.goto(joinAddress);
  await page.locator('#class-code').click();
  await page.keyboard.type(joinCode);
  await page.locator('#code-submit').click();
  await page.getByRole('button', { name: studentName }).click();
  await page.locator('#password').click();
  await page.keyboard.type(studentPassword);
  await screenshot(page, 'firsthour-2-student-login');
  await page.locator('#login-submit').click();
  await page.waitForURL(/\/projects/, { timeout: 15_000 });

  // 5. The first project: made, changed in the real editor and saved with "Save now".
  await page.getByRole('link', { name: 'Make your first project' }).click();
  await page.waitForURL(/\/editor\?project=\d+$/, { timeout: EDITOR_TIMEOUT });
  const projectId = Number(new URL(page.url()).searchParams.get('project'));
  await page.waitForSelector('body[data-editor-ready="true"]', { timeout: EDITOR_TIMEOUT });
  await page.waitForSelector('[class*="sprite-info_sprite-info"] input', { timeout: EDITOR_TIMEOUT });
  await waitForSaveState(page, 'saved');
  await renameSprite(page, 'Rocket');
  await waitForSaveState(page, 'unsaved');
  await page.getByRole('button', { name: 'Save now', exact: true }).click();
  await waitForSaveState(page, 'saved');
  await screenshot(page, 'firsthour-3-student-saved');

  // 6. The save landed: read back as the teacher over the API, on the teacher page and in the
  //    dashboard's Projects tab.
  const stored = await teacherApi.ok('GET', `/api/v1/projects/${projectId}`);
  assert.deepEqual(spriteNames(stored), ['Rocket']);
  const meta = await teacherApi.ok('GET', `/api/v1/projects/${projectId}/meta`);
  assert.equal(meta.owner.username, studentUsername);
  await teacherPage.reload();
  await teacherPage.locator('#student-rows').getByText(studentName).first().click();
  await teacherPage.locator('#student-project-list').getByText(meta.title).first().waitFor({ timeout: 15_000 });
  await screenshot(teacherPage, 'firsthour-4-teacher-sees-the-save');
  const shown = await step(`projects ${studentName}`);
  assert.ok(shown.includes(`project ${meta.title}`), `the Projects tab shows ${JSON.stringify(shown)}`);

  // 7. The teacher closes the window and stops the server; the helper ends cleanly.
  const exited = new Promise((resolve) => suite.helper.once('exit', resolve));
  suite.helper.stdin.write('quit\n');
  await nextMatch(/^stopped$/m, 30_000);
  assert.equal(await exited, 0);
  assert.ok(readdirSync(artifacts).some((name) => name.startsWith('dashboard-firsthour-')));

  for (const watched of [teacherContext, studentContext]) {
    assert.deepEqual(watched.pageErrors, []);
    assert.deepEqual(watched.cspViolations, []);
    assert.deepEqual(watched.foreignRequests(), [], 'requests to other hosts');
    await watched.close();
  }
});

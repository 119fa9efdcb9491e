// SPDX-License-Identifier: AGPL-3.0-or-later
// The dashboard's "Open the teacher page" in real Chromium (#13): the link a click opens (taken
// from the dashboard's Students tab running offscreen in tests/e2e/loginlinkhelper.cpp) lands
// on /teacher signed in, with no password anywhere; the same link a second time shows a
// readable page that says why, and signs nobody in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, newWatchedContext, screenshot } from './support.mjs';

const helperPath = process.env.BLOCKHAUS_LOGIN_HELPER;
const webRoot = process.env.BLOCKHAUS_WEB_ROOT;

const suite = {};

/** Reads lines from the helper until one matches; bounded. */
function nextMatch(pattern, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const look = () => {
      const match = pattern.exec(suite.output);
      if (match) {
        suite.output = suite.output.slice(match.index + match[0].length);
        clearTimeout(timer);
        suite.helper.stdout.off('data', look);
        resolve(match);
        return true;
      }
      return false;
    };
    const timer = setTimeout(() => reject(new Error(`helper said:\n${suite.output}`)), timeoutMs);
    if (!look()) suite.helper.stdout.on('data', look);
  });
}

async function dashboardLink() {
  suite.helper.stdin.write('teacher\n');
  const [, url] = await nextMatch(/^link (\S+)$/m);
  return url;
}

before(async () => {
  assert.ok(helperPath, 'BLOCKHAUS_LOGIN_HELPER is not set (run through ctest)');
  suite.dataDir = mkdtempSync(path.join(tmpdir(), 'blockhaus-e2e-link-'));
  suite.output = '';
  suite.helper = spawn(helperPath, [suite.dataDir, webRoot], { stdio: ['pipe', 'pipe', 'inherit'] });
  suite.helper.stdout.setEncoding('utf8');
  suite.helper.stdout.on('data', (chunk) => { suite.output += chunk; });
  const [, port] = await nextMatch(/listening on port (\d+)/);
  suite.origin = `http://127.0.0.1:${port}`;
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
  rmSync(suite.dataDir, { recursive: true, force: true });
});

test('the dashboard link opens the teacher page signed in, once', { timeout: 120_000 }, async () => {
  const link = await dashboardLink();
  const url = new URL(link);
  assert.equal(url.origin, suite.origin);
  assert.equal(url.pathname, '/login/once');
  assert.equal(url.searchParams.get('next'), '/teacher');
  assert.ok(!link.includes('e2e-login-link-admin-1'), 'no password in the link');

  const server = { origin: suite.origin };
  const context = await newWatchedContext(suite.browser, server);
  const page = await context.newPage();
  await page.goto(link);
  await page.waitForURL(`${suite.origin}/teacher`, { timeout: 15_000 });
  await page.locator('#teacher-content').waitFor({ state: 'visible', timeout: 15_000 });
  assert.equal(await page.locator('#not-teacher').isVisible(), false);
  const session = await page.evaluate(async () => (await fetch('/api/v1/session')).json());
  assert.equal(session.user.username, 'admin');
  const cookies = await context.cookies(suite.origin);
  const cookie = cookies.find((c) => c.name === 'bh_session');
  assert.ok(cookie && cookie.httpOnly && cookie.sameSite === 'Strict', JSON.stringify(cookies));
  await screenshot(page, 'login-link-teacher');

  // The same link again, in a fresh browser: refused with a page a person can read.
  const other = await newWatchedContext(suite.browser, server);
  const second = await other.newPage();
  const response = await second.goto(link);
  assert.equal(response.status(), 401);
  await second.getByRole('heading', { name: 'This sign-in link cannot be used' }).waitFor({ timeout: 15_000 });
  await second.getByRole('link', { name: /Sign in with your username and password/ }).waitFor();
  assert.deepEqual(await other.cookies(suite.origin), []);
  await screenshot(second, 'login-link-used');

  for (const watched of [context, other]) {
    assert.deepEqual(watched.pageErrors, []);
    assert.deepEqual(watched.cspViolations, []);
    assert.deepEqual(watched.foreignRequests(), []);
    await watched.close();
  }
});

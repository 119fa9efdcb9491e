// SPDX-License-Identifier: AGPL-3.0-or-later
// The pages' Content-Security-Policy in real Chromium (issue #12): the Scratch editor loads a
// project, shows costumes and sounds, opens the paint editor, the library and the backpack,
// takes a new costume and saves, and the pages of the site are used, all without one CSP
// violation; an uploaded SVG with <script> opened at its own address runs nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  useClassroom, newWatchedContext, loginContext, openEditor, renameSprite, waitForSaveState,
  createProject, spriteNames, EDITOR_TIMEOUT,
} from './support.mjs';

const suite = useClassroom();

// Like waitForLoadState('networkidle'), but blind to the page's long-lived connections: every
// signed-in page keeps its live event stream open (#16), so the network is never idle. Watch a
// page from its creation; settled() waits for 'load', then until no other request has been in
// flight for 500 ms (bounded).
function watchRequests(page) {
  const longLived = (url) => /^\/api\/v1\/(events|cloud)$/.test(new URL(url).pathname);
  const inFlight = new Set();
  page.on('request', (request) => { if (!longLived(request.url())) inFlight.add(request); });
  page.on('requestfinished', (request) => inFlight.delete(request));
  page.on('requestfailed', (request) => inFlight.delete(request));
  return {
    async settled(timeoutMs = 30_000) {
      await page.waitForLoadState('load');
      let quietSince = Date.now();
      const deadline = Date.now() + timeoutMs;
      while (Date.now() - quietSince < 500) {
        assert.ok(Date.now() < deadline, `requests still in flight: ${[...inFlight].map((r) => r.url())}`);
        if (inFlight.size > 0) quietSince = Date.now();
        await page.waitForTimeout(50);
      }
    },
  };
}

function describe(violations) {
  return JSON.stringify(violations, null, 1);
}

test('the violation record sees a refused inline script (the check can fail)', { timeout: 60_000 }, async () => {
  const { server, browser } = suite;
  const context = await newWatchedContext(browser, server);
  const page = await context.newPage();
  await page.goto(`${server.origin}/join`);
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__ran = true;';
    document.head.append(script);
  });
  await page.waitForFunction(() => true);
  assert.equal(await page.evaluate(() => window.__ran === true), false, 'inline script must not run');
  await assert.doesNotReject(async () => {
    for (let i = 0; i < 50 && context.cspViolations.length === 0; i += 1) await page.waitForTimeout(100);
  });
  assert.ok(context.cspViolations.some((v) => v.directive === 'script-src-elem' || /script/.test(v.console || '')),
    describe(context.cspViolations));
  await context.close();
});

test('the editor loads, edits and saves without a CSP violation', { timeout: 300_000 }, async () => {
  const { server, browser, classroom } = suite;
  const [anna] = classroom.students;
  const project = await createProject(anna.api, { title: 'Policy', spriteName: 'Cat' });
  const context = await newWatchedContext(browser, server);
  await loginContext(context, server, anna.username, anna.password);
  const page = await context.newPage();
  const network = watchRequests(page);

  // The pages a student goes through first.
  await page.goto(`${server.origin}/projects`);
  await network.settled();
  await openEditor(page, server, project.id);

  // A change and a save (project, thumbnail).
  await renameSprite(page, 'Rocket');
  await waitForSaveState(page, 'unsaved');
  await page.keyboard.press('Control+s');
  await waitForSaveState(page, 'saved');

  // Costumes: the paint editor, and a costume from "my computer" that is uploaded on save.
  await page.getByRole('tab', { name: 'Costumes' }).click();
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="50" height="30">'
    + '<rect width="50" height="30" fill="#1565c0"/></svg>');
  const upload = page.locator('[class*="asset-panel_wrapper"] input[type="file"]').first();
  await upload.setInputFiles({ name: 'blue.svg', mimeType: 'image/svg+xml', buffer: svg });
  await page.locator('[class*="sprite-selector-item_sprite-name"]', { hasText: 'blue' }).waitFor({ timeout: 30_000 });
  await page.keyboard.press('Control+s');
  await waitForSaveState(page, 'saved');

  // Sounds (the editor decodes and draws them), the sprite library and the backpack.
  await page.getByRole('tab', { name: 'Sounds' }).click();
  await page.waitForTimeout(500);
  await page.getByRole('tab', { name: 'Code' }).click();
  await page.getByRole('button', { name: 'Choose a Sprite' }).first().click();
  // Hidden offline (#13), but drawn.
  await page.locator('[class*="library-item_library-item-name"]').first().waitFor({ state: 'attached', timeout: 30_000 });
  await page.keyboard.press('Escape');
  await page.getByText('Backpack', { exact: true }).click();
  await page.waitForTimeout(500);

  // After a reload the saved project comes back (load path with the stored assets).
  await page.reload();
  await page.waitForSelector('body[data-editor-ready="true"]', { timeout: EDITOR_TIMEOUT });
  assert.deepEqual(spriteNames(await anna.api.ok('GET', `/api/v1/projects/${project.id}`)), ['Rocket']);

  assert.deepEqual(context.cspViolations, [], describe(context.cspViolations));
  await context.close();
});

test('a new project in the editor and the teacher pages cause no CSP violation', { timeout: 300_000 }, async () => {
  const { server, browser, classroom } = suite;
  const context = await newWatchedContext(browser, server);
  await loginContext(context, server, classroom.teacherLogin.username, classroom.teacherLogin.password);
  const page = await context.newPage();
  const network = watchRequests(page);
  await page.goto(`${server.origin}/teacher`);
  await network.settled();
  await page.goto(`${server.origin}/editor?project=new`);
  await page.waitForURL(/\/editor\?project=\d+$/, { timeout: EDITOR_TIMEOUT });
  await page.waitForSelector('body[data-editor-ready="true"]', { timeout: EDITOR_TIMEOUT });
  await waitForSaveState(page, 'saved');
  await page.goto(`${server.origin}/join/${classroom.klass.join_code}`);
  await network.settled();
  assert.deepEqual(context.cspViolations, [], describe(context.cspViolations));
  await context.close();
});

test('an uploaded SVG with a script runs nothing when opened at its own address', { timeout: 60_000 }, async () => {
  const { server, browser, classroom } = suite;
  const [, ben] = classroom.students;
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    + '<script>document.title = "ran:" + document.cookie;</script><rect width="10" height="10"/></svg>');
  const md5 = createHash('md5').update(svg).digest('hex');
  await ben.api.ok('PUT', `/api/v1/assets/${md5}.svg`, { body: svg, headers: { 'Content-Type': 'image/svg+xml' } });

  const context = await newWatchedContext(browser, server);
  await loginContext(context, server, classroom.teacherLogin.username, classroom.teacherLogin.password);
  const page = await context.newPage();
  const response = await page.goto(`${server.origin}/api/v1/assets/${md5}.svg`);
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-security-policy'], /sandbox/);
  await page.waitForLoadState('load');
  assert.ok(!(await page.title()).startsWith('ran:'), 'the script ran');
  await context.close();
});

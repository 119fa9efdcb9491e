// SPDX-License-Identifier: AGPL-3.0-or-later
// Classroom cloud variables in the browser (#16 part 5): two students of one class open the
// same project, the owner in the editor and a classmate in the player. Its stage has a cloud
// variable "☁ score" with a monitor and the script "when green flag clicked: change ☁ score by
// 1". Each click of the flag reaches the other browser through the server's WebSocket, and the
// value is in the database afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useClassroom, newWatchedContext, loginContext, screenshot, EDITOR_TIMEOUT,
} from './support.mjs';

const suite = useClassroom(['Anna Berg', 'Ben Cole']);

/** A project.json with one cloud variable on the stage, its monitor and the flag script. */
async function cloudProject(client) {
  const { createHash } = await import('node:crypto');
  const backdrop = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360" '
    + 'viewBox="0 0 480 360"><rect width="480" height="360" fill="#dff3ff"/></svg>');
  const md5 = createHash('md5').update(backdrop).digest('hex');
  await client.ok('PUT', `/api/v1/assets/${md5}.svg`, { body: backdrop, headers: { 'Content-Type': 'image/svg+xml' } });
  const project = {
    targets: [{
      isStage: true, name: 'Stage', variables: { cloudScore: ['☁ score', 0, true] }, lists: {}, broadcasts: {},
      blocks: {
        flag: { opcode: 'event_whenflagclicked', next: 'change', parent: null, inputs: {}, fields: {},
          shadow: false, topLevel: true, x: 0, y: 0 },
        change: { opcode: 'data_changevariableby', next: null, parent: 'flag',
          inputs: { VALUE: [1, [4, '1']] }, fields: { VARIABLE: ['☁ score', 'cloudScore'] },
          shadow: false, topLevel: false },
      },
      comments: {}, currentCostume: 0,
      costumes: [{ name: 'backdrop1', assetId: md5, md5ext: `${md5}.svg`, dataFormat: 'svg',
        rotationCenterX: 240, rotationCenterY: 180 }],
      sounds: [], volume: 100, layerOrder: 0, tempo: 60, videoTransparency: 50, videoState: 'on',
      textToSpeechLanguage: null,
    }],
    monitors: [{ id: 'cloudScore', mode: 'default', opcode: 'data_variable', params: { VARIABLE: '☁ score' },
      spriteName: null, value: 0, width: 0, height: 0, x: 5, y: 5, visible: true,
      sliderMin: 0, sliderMax: 100, isDiscrete: true }],
    extensions: [],
    meta: { semver: '3.0.0', vm: '0.2.0', agent: 'Blockhaus e2e' },
  };
  return client.ok('POST', `/api/v1/projects?title=${encodeURIComponent('Cloud Counter')}`, { json: project });
}

async function monitorValue(page) {
  return (await page.locator('[class*="monitor_value_"]').first().textContent()).trim();
}

async function waitForMonitor(page, value) {
  await page.waitForFunction((wanted) => {
    const element = document.querySelector('[class*="monitor_value_"]');
    return element && element.textContent.trim() === wanted;
  }, value, { timeout: 20_000 });
}

test('two students of one class see each other\'s cloud variable', { timeout: 240_000 }, async () => {
  const { server, browser, classroom } = suite;
  const [anna, ben] = classroom.students;
  const project = await cloudProject(anna.api);
  await anna.api.ok('PUT', `/api/v1/projects/${project.id}/share`, { json: { group_ids: [classroom.klass.id] } });
  const meta = await ben.api.ok('GET', `/api/v1/projects/${project.id}/meta`);
  assert.equal(meta.cloud_variables, true, 'a classmate may use the cloud variables');

  const contexts = [];
  const pages = [];
  const handshakes = new Set(); // pages whose cloud connection has sent its handshake
  const received = new Map(); // page -> the cloud messages it received
  for (const [student, address] of [[anna, `/editor?project=${project.id}`], [ben, `/editor?project=${project.id}&play=1`]]) {
    const context = await newWatchedContext(browser, server);
    await loginContext(context, server, student.username, student.password);
    const page = await context.newPage();
    received.set(page, []);
    page.on('websocket', (socket) => {
      socket.on('framesent', (frame) => {
        if (String(frame.payload).includes('"handshake"')) handshakes.add(page);
      });
      socket.on('framereceived', (frame) => received.get(page).push(String(frame.payload)));
    });
    await page.goto(server.origin + address);
    contexts.push(context);
    pages.push(page);
  }
  for (const page of pages) {
    await page.waitForSelector('body[data-editor-ready="true"]', { timeout: EDITOR_TIMEOUT });
  }
  const [annaPage, benPage] = pages;
  // Each page opens its cloud connection once the project is shown; a flag click before its
  // handshake would stay local.
  for (const page of pages) {
    await assertEventually(() => handshakes.has(page));
  }
  const flag = (page) => page.locator('[class*="green-flag_green-flag"]').first().click();

  await waitForMonitor(annaPage, '0');
  await flag(annaPage);
  await waitForMonitor(annaPage, '1');
  // The player shows its monitors only once started: Ben's browser has the 1 when it arrived.
  await assertEventually(() => received.get(benPage).some((text) => /"value":"1"/.test(text)));
  await flag(benPage); // 1 + 1, sent back
  await waitForMonitor(benPage, '2');
  await waitForMonitor(annaPage, '2');
  await flag(annaPage);
  await waitForMonitor(annaPage, '3');
  await waitForMonitor(benPage, '3');
  await screenshot(benPage, 'cloud-player');
  assert.equal(await monitorValue(annaPage), '3');

  for (const context of contexts) {
    assert.deepEqual(context.pageErrors, [], 'page errors');
    assert.deepEqual(context.cspViolations, [], 'CSP violations');
    assert.deepEqual(context.foreignRequests(), [], 'requests to other hosts');
    await context.close();
  }
});

/** Polls a condition for at most timeout ms (for state outside the page). */
async function assertEventually(condition, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    assert.ok(Date.now() < deadline, 'condition not met in time');
    await new Promise((resolve) => { setTimeout(resolve, 100); });
  }
}

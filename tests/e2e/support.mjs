// SPDX-License-Identifier: AGPL-3.0-or-later
// Shared parts of the browser tests: a real `blockhaus --headless` on 127.0.0.1 with a fresh
// data folder, a classroom made through the API, Debian's chromium driven by playwright-core
// (never a downloaded browser), a record of every request the pages make, and screenshots as
// artifacts in the build tree.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const binary = process.env.BLOCKHAUS_BINARY;
const webRoot = process.env.BLOCKHAUS_WEB_ROOT;
export const artifacts = process.env.BLOCKHAUS_ARTIFACTS || path.join(tmpdir(), 'blockhaus-e2e');
const chromiumPath = process.env.BLOCKHAUS_CHROMIUM || '/usr/bin/chromium';

// Generous bounds: the editor bundle takes ~6 s to parse on a quiet core, more under load.
export const EDITOR_TIMEOUT = 90_000;

// The *.pg runs of a suite (#15): BLOCKHAUS_TEST_DATABASE names the maintenance database of the
// cluster tools/pg-cluster.sh started (PGHOST, PGPORT, PGUSER and PGPASSWORD with it); each server
// gets a fresh database there, dropped when it stops. psql is PostgreSQL's own client.
const pgCluster = process.env.BLOCKHAUS_TEST_DATABASE;

function psql(sql) {
  execFileSync('psql', ['--no-psqlrc', '--quiet', '--set', 'ON_ERROR_STOP=1', '--dbname', 'postgres',
    '--command', sql], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
}

function createPgDatabase() {
  const name = `e2e_${randomBytes(6).toString('hex')}`;
  psql(`CREATE DATABASE ${name}`);
  const url = new URL(pgCluster);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/** Starts the server; resolves when it prints the port it listens on. */
export async function startServer({ libraryUpstream = 'none', extraArgs = [] } = {}) {
  assert.ok(binary, 'BLOCKHAUS_BINARY is not set (run through ctest)');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'blockhaus-e2e-'));
  const adminPassword = 'e2e-admin-password-1';
  const database = pgCluster ? createPgDatabase() : null;
  const databaseArgs = database ? ['--database', database.url] : [];
  const child = spawn(binary, ['--headless', '--listen', '127.0.0.1', '--port', '0', '--data-dir', dataDir,
    '--web-root', webRoot, '--library-upstream', libraryUpstream, ...databaseArgs, ...extraArgs], {
    env: { ...process.env, BLOCKHAUS_ADMIN_PASSWORD: adminPassword },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk) => {
      output += chunk;
      const match = /listening on port (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  const origin = `http://127.0.0.1:${port}`;
  const server = {
    origin,
    port,
    pid: child.pid,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
      if (database) psql(`DROP DATABASE IF EXISTS ${database.name} WITH (FORCE)`);
    },
  };
  server.driver = database ? 'postgresql' : 'sqlite';
  server.admin = await ApiClient.login(origin, 'admin', adminPassword);
  return server;
}

/** A bearer-token client for setting up data (bearer requests need no Origin header). */
export class ApiClient {
  constructor(origin, token) {
    this.origin = origin;
    this.token = token;
  }

  static async login(origin, username, password) {
    const response = await fetch(`${origin}/api/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const text = await response.text();
    assert.equal(response.status, 201, `login of ${username}: ${text}`);
    return new ApiClient(origin, JSON.parse(text).token);
  }

  async request(method, pathname, { json, body, headers = {} } = {}) {
    const response = await fetch(this.origin + pathname, {
      method,
      headers: {
        Authorization: `Bearer ${this.token}`,
        ...(json !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: json !== undefined ? JSON.stringify(json) : body,
    });
    const text = Buffer.from(await response.arrayBuffer());
    let data = null;
    if ((response.headers.get('content-type') || '').includes('json') && text.length) data = JSON.parse(text.toString());
    return { status: response.status, headers: response.headers, data, bytes: text };
  }

  async ok(method, pathname, options) {
    const reply = await this.request(method, pathname, options);
    assert.ok(reply.status >= 200 && reply.status < 300,
      `${method} ${pathname} answered ${reply.status}: ${reply.bytes.toString().slice(0, 300)}`);
    return reply.data;
  }
}

/** A teacher, a class with its join code, and students with their passwords. */
export async function makeClassroom(server, names = ['Anna Berg', 'Ben Cole']) {
  const suffix = Math.random().toString(36).slice(2, 8);
  const teacherPassword = 'teacher-password-1';
  await server.admin.ok('POST', '/api/v1/users', {
    json: { username: `teacher-${suffix}`, display_name: 'Ms Teacher', role: 'teacher', password: teacherPassword },
  });
  const teacher = await ApiClient.login(server.origin, `teacher-${suffix}`, teacherPassword);
  const klass = await teacher.ok('POST', '/api/v1/classes', { json: { name: `Class 5b ${suffix}` } });
  const { students } = await teacher.ok('POST', `/api/v1/classes/${klass.id}/students`, { json: { names } });
  for (const student of students) {
    student.api = await ApiClient.login(server.origin, student.username, student.password);
  }
  return { teacher, teacherLogin: { username: `teacher-${suffix}`, password: teacherPassword }, klass, students };
}

/** Debian's chromium, headless, sandbox off only when running as root (CI). */
export async function launchBrowser() {
  const args = ['--disable-background-networking', '--disable-component-update', '--no-first-run',
    '--disable-default-apps', '--disable-sync', '--metrics-recording-only', '--disable-gpu',
    '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--mute-audio'];
  if (process.getuid && process.getuid() === 0) args.push('--no-sandbox');
  return chromium.launch({ executablePath: chromiumPath, headless: true, args });
}

/**
 * A browser context whose pages are watched: every request's URL is recorded, and console
 * errors and page crashes are collected. `foreignRequests()` lists requests to other hosts.
 */
export async function newWatchedContext(browser, server, { locale = 'en-GB', bypassCSP = false } = {}) {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 860 }, locale, acceptDownloads: true, bypassCSP,
  });
  const requests = [];
  const pageErrors = [];
  const calls = [];
  context.on('request', (request) => {
    requests.push(request.url());
    calls.push(`${request.method()} ${request.url().replace(server.origin, '')}`);
  });
  // Content-Security-Policy violations (issue #12): the document's securitypolicyviolation
  // events, and Chromium's console reports of refused loads (they also cover what the editor's
  // workers were refused).
  const cspViolations = [];
  await context.exposeBinding('__blockhausCspViolation', ({ page }, violation) => {
    cspViolations.push({ page: page?.url().replace(server.origin, ''), ...violation });
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__blockhausCspViolation({
        directive: event.effectiveDirective, blocked: event.blockedURI,
        source: `${event.sourceFile}:${event.lineNumber}`, sample: event.sample,
      });
    });
  });
  context.on('page', (page) => {
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) {
        cspViolations.push({ page: page.url().replace(server.origin, ''), console: message.text() });
      }
    });
  });
  context.foreignRequests = () => requests.filter((url) => {
    if (url.startsWith('data:') || url.startsWith('blob:')) return false;
    return !url.startsWith(`${server.origin}/`) && url !== server.origin;
  });
  context.requests = requests;
  context.calls = calls; // "METHOD /path" in the order the pages sent them
  context.pageErrors = pageErrors;
  context.cspViolations = cspViolations;
  return context;
}

/** Logs the context in through the API, as the login page would (cookie + Origin). */
export async function loginContext(context, server, username, password) {
  const response = await context.request.post(`${server.origin}/api/v1/session`, {
    data: { username, password }, headers: { Origin: server.origin },
  });
  assert.equal(response.status(), 201, await response.text());
}

/** Opens the editor and waits until the project is on screen. */
export async function openEditor(page, server, projectId) {
  await page.goto(`${server.origin}/editor?project=${projectId}`);
  await page.waitForSelector('body[data-editor-ready="true"]', { timeout: EDITOR_TIMEOUT });
  // The sprite name field exists once the editor has rendered its sprite info pane.
  await page.waitForSelector('[class*="sprite-info_sprite-info"] input', { timeout: EDITOR_TIMEOUT });
}

export async function saveStatus(page) {
  return page.locator('#save-status').getAttribute('data-state');
}

/** Waits until the save indicator says `state` (bounded). */
export async function waitForSaveState(page, state, timeout = 30_000) {
  await page.waitForFunction((wanted) => document.getElementById('save-status')?.dataset.state === wanted,
    state, { timeout });
}

/** Renames the current sprite through the editor's own "Sprite" name field. */
export async function renameSprite(page, name) {
  const field = page.locator('[class*="sprite-info_sprite-info"] input').first();
  await field.click();
  await field.fill(name);
  await field.press('Enter');
}

export async function screenshot(page, name) {
  mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The names of the sprites in a stored project.json. */
export function spriteNames(projectJson) {
  return (projectJson.targets || []).filter((target) => !target.isStage).map((target) => target.name);
}

/**
 * A small valid Scratch 3 project stored through the API: its costume is uploaded first, then
 * the project.json that names it. Returns the ProjectMeta.
 */
export async function createProject(client, { title = 'Space Cat', spriteName = 'Cat', colour = '#f5a623' } = {}) {
  const { createHash } = await import('node:crypto');
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="80" height="80" viewBox="0 0 80 80">`
    + `<circle cx="40" cy="40" r="36" fill="${colour}"/></svg>`);
  const backdrop = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360" viewBox="0 0 480 360">'
    + '<rect width="480" height="360" fill="#dff3ff"/></svg>');
  const md5 = (bytes) => createHash('md5').update(bytes).digest('hex');
  for (const bytes of [svg, backdrop]) {
    await client.ok('PUT', `/api/v1/assets/${md5(bytes)}.svg`, { body: bytes, headers: { 'Content-Type': 'image/svg+xml' } });
  }
  const costume = (name, bytes, cx, cy) => ({
    name, assetId: md5(bytes), md5ext: `${md5(bytes)}.svg`, dataFormat: 'svg', rotationCenterX: cx, rotationCenterY: cy,
  });
  const project = {
    targets: [
      { isStage: true, name: 'Stage', variables: {}, lists: {}, broadcasts: {}, blocks: {}, comments: {},
        currentCostume: 0, costumes: [costume('backdrop1', backdrop, 240, 180)], sounds: [], volume: 100,
        layerOrder: 0, tempo: 60, videoTransparency: 50, videoState: 'on', textToSpeechLanguage: null },
      { isStage: false, name: spriteName, variables: {}, lists: {}, broadcasts: {}, blocks: {}, comments: {},
        currentCostume: 0, costumes: [costume('costume1', svg, 40, 40)], sounds: [], volume: 100, layerOrder: 1,
        visible: true, x: 0, y: 0, size: 100, direction: 90, draggable: false, rotationStyle: 'all around' },
    ],
    monitors: [],
    extensions: [],
    meta: { semver: '3.0.0', vm: '0.2.0', agent: 'Blockhaus e2e' },
  };
  return client.ok('POST', `/api/v1/projects?title=${encodeURIComponent(title)}`, { json: project });
}

/**
 * The common frame of a suite: one server, one classroom and one browser for all its tests,
 * stopped afterwards. The returned object is filled in before the first test runs.
 */
export function useClassroom(names) {
  const suite = {};
  before(async () => {
    suite.server = await startServer();
    suite.classroom = await makeClassroom(suite.server, names);
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}

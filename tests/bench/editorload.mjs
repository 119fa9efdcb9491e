// SPDX-License-Identifier: AGPL-3.0-or-later
// Editor load benchmark (issue #4): what a student's browser fetches to open
// /editor?project=ID, and what thirty of them at once cost the server.
//
//   1. Cold load in a fresh Chromium context (empty HTTP cache): bytes on the wire, requests,
//      time from navigation start until the project is on screen.
//   2. Warm load: reload in the same context (HTTP cache filled): bytes, requests, how many 304.
//   3. Thirty simultaneous cold loads: the URL list of one real cold load is replayed from 30
//      Node clients at once, each with its own session cookie and a pool of 6 keep-alive
//      connections like Chromium's per-host limit. Thirty Chromiums on two cores would measure
//      Chromium's script parsing, not the server. Also run once with Accept-Encoding: identity.
//
// Every figure is the median of BENCH_RUNS runs (default 3); nothing is asserted, this is a
// benchmark. Usage: tools/bench-editor.sh (or node tests/bench/editorload.mjs).
// Environment: BENCH_RUNS (3), BENCH_CLIENTS (30), BENCH_CONNECTIONS (6),
//              BLOCKHAUS_BINARY, BLOCKHAUS_WEB_ROOT (default: the build/ tree of this checkout).
import http from 'node:http';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
process.env.BLOCKHAUS_BINARY ||= path.join(repo, 'build/bin/blockhaus');
process.env.BLOCKHAUS_WEB_ROOT ||= path.join(repo, 'build/share/blockhaus/web');
// support.mjs reads the environment when it is loaded, so load it only now.
const { startServer, makeClassroom, launchBrowser, loginContext, EDITOR_TIMEOUT } =
  await import('../e2e/support.mjs');

const RUNS = positiveInt(process.env.BENCH_RUNS, 3);
const CLIENTS = positiveInt(process.env.BENCH_CLIENTS, 30);
const CONNECTIONS = positiveInt(process.env.BENCH_CONNECTIONS, 6);
const REQUEST_TIMEOUT = 120_000; // one replayed request
const REPLAY_TIMEOUT = 600_000; // one whole replay run
const QUIET_MS = 500; // no request in flight for this long = the load has finished
const QUIET_TIMEOUT = 30_000;
const SPRITE_INPUT = '[class*="sprite-info_sprite-info"] input';

function positiveInt(text, fallback) {
  const value = Number.parseInt(text ?? '', 10);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function median(values) {
  const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile. */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const MB = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
const KB = (bytes) => `${(bytes / 1e3).toFixed(1)} kB`;
const MiB = (kib) => `${(kib / 1024).toFixed(0)} MiB`;
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;

function procStatus(pid, field) {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : NaN;
  } catch {
    return NaN;
  }
}

/** Resets the process's peak RSS (VmHWM) to its current RSS; false if the kernel refuses. */
function resetPeakRss(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Chromium: cold and warm load with a record of every request.

/** Sets window.__editorShownAt (ms since navigation start) once the project is on screen. */
function editorShownProbe(selector) {
  const check = () => {
    if (window.__editorShownAt !== undefined) return true;
    if (document.body?.dataset.editorReady === 'true' && document.querySelector(selector)) {
      window.__editorShownAt = performance.now();
      return true;
    }
    return false;
  };
  const observer = new MutationObserver(() => {
    if (check()) observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-editor-ready'] });
}

/**
 * Watches one page: the page target's own requests through CDP (exact bytes on the wire and the
 * raw status, so a revalidated 304 is not hidden behind the cached 200), and through Playwright
 * the requests of its workers, which the page's CDP session does not see.
 */
async function watchNetwork(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let cdpRecords = new Map();
  let pwRecords = [];
  let inFlight = 0;
  let lastActivity = performance.now();
  const cdpRecord = (id) => {
    let record = cdpRecords.get(id);
    if (!record) cdpRecords.set(id, (record = { id }));
    return record;
  };
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.redirectResponse) {
      // The previous hop of a redirect chain: keep it as its own finished request.
      const previous = cdpRecord(e.requestId);
      cdpRecords.set(`${e.requestId}#${cdpRecords.size}`, { ...previous, status: e.redirectResponse.status, finished: true });
      cdpRecords.delete(e.requestId);
    }
    Object.assign(cdpRecord(e.requestId), { url: e.request.url, method: e.request.method, type: e.type, start: e.timestamp });
  });
  cdp.on('Network.responseReceived', (e) => {
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    Object.assign(cdpRecord(e.requestId), {
      shownStatus: e.response.status,
      encoding: headers['content-encoding'] || '',
      contentType: headers['content-type'] || '',
      cacheControl: headers['cache-control'] || '',
      diskCache: Boolean(e.response.fromDiskCache),
    });
  });
  cdp.on('Network.responseReceivedExtraInfo', (e) => {
    cdpRecord(e.requestId).wireStatus = e.statusCode;
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    cdpRecord(e.requestId).servedFromCache = true;
  });
  cdp.on('Network.loadingFinished', (e) => {
    Object.assign(cdpRecord(e.requestId), { bytes: e.encodedDataLength, finished: true });
  });
  cdp.on('Network.loadingFailed', (e) => {
    Object.assign(cdpRecord(e.requestId), { failed: e.errorText, finished: true, bytes: 0 });
  });

  const onRequest = (request) => {
    inFlight += 1;
    lastActivity = performance.now();
    pwRecords.push({ request, url: request.url(), method: request.method() });
  };
  const onDone = (failed) => async (request) => {
    const record = pwRecords.find((r) => r.request === request);
    try {
      if (record) {
        record.failed = failed ? (request.failure()?.errorText || 'failed') : undefined;
        record.headers = await request.allHeaders();
        const response = failed ? null : await request.response();
        if (response) {
          record.status = response.status();
          record.responseHeaders = await response.allHeaders();
          record.sizes = await request.sizes();
        }
      }
    } catch (error) {
      if (record) record.error = String(error);
    } finally {
      inFlight -= 1;
      lastActivity = performance.now();
    }
  };
  const onFinished = onDone(false);
  const onFailed = onDone(true);
  context.on('request', onRequest);
  context.on('requestfinished', onFinished);
  context.on('requestfailed', onFailed);

  return {
    reset() {
      cdpRecords = new Map();
      pwRecords = [];
    },
    /** Resolves once no request has been in flight for QUIET_MS (bounded by QUIET_TIMEOUT). */
    async quiet() {
      const deadline = performance.now() + QUIET_TIMEOUT;
      await new Promise((resolve) => {
        const timer = setInterval(() => {
          const now = performance.now();
          if ((inFlight <= 0 && now - lastActivity >= QUIET_MS) || now > deadline) {
            clearInterval(timer);
            resolve();
          }
        }, 50);
      });
      return inFlight;
    },
    /** One entry per request the page or its workers made (data: and blob: URLs left out). */
    collect(origin) {
      const cdpList = [...cdpRecords.values()]
        // A worker's script shows up here too, but its loading finishes in the worker's target.
        .filter((r) => r.url && /^https?:/.test(r.url) && r.finished)
        .sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
      const used = new Set();
      const entries = [];
      for (const pw of pwRecords) {
        if (!/^https?:/.test(pw.url)) continue;
        const match = cdpList.find((r) => !used.has(r) && r.url === pw.url && r.method === pw.method);
        const entry = { url: pw.url, method: pw.method, headers: pw.headers || {}, failed: pw.failed };
        if (match) {
          used.add(match);
          const fromCache = Boolean(match.servedFromCache) || (!match.wireStatus && (match.bytes ?? 0) === 0);
          Object.assign(entry, {
            source: 'page',
            status: match.wireStatus ?? match.shownStatus ?? pw.status,
            fromCache,
            bytes: fromCache ? 0 : (match.bytes ?? 0),
            encoding: match.encoding,
            contentType: match.contentType,
            cacheControl: match.cacheControl,
            failed: match.failed || pw.failed,
          });
        } else {
          // A worker's request: Playwright's sizes. A cache hit has headers + body == 0; the
          // worker's own script reports no body size, so fall back to its Content-Length.
          const sizes = pw.sizes || { responseHeadersSize: 0, responseBodySize: 0 };
          const fromCache = sizes.responseHeadersSize + sizes.responseBodySize <= 0;
          const rh = pw.responseHeaders || {};
          const contentLength = Number(rh['content-length'] || 0);
          const body = pw.status === 304 ? 0 : Math.max(sizes.responseBodySize, contentLength);
          Object.assign(entry, {
            source: 'worker',
            status: pw.status,
            fromCache,
            bytes: fromCache ? 0 : sizes.responseHeadersSize + body,
            encoding: rh['content-encoding'] || '',
            contentType: rh['content-type'] || '',
            cacheControl: rh['cache-control'] || '',
          });
        }
        entry.foreign = !entry.url.startsWith(`${origin}/`);
        entries.push(entry);
      }
      return entries;
    },
    async detach() {
      context.off('request', onRequest);
      context.off('requestfinished', onFinished);
      context.off('requestfailed', onFailed);
      await cdp.detach().catch(() => {});
    },
  };
}

function summarise(entries) {
  const network = entries.filter((e) => !e.fromCache && !e.failed);
  return {
    bytes: network.reduce((sum, e) => sum + (e.bytes || 0), 0),
    requests: network.length,
    notModified: network.filter((e) => e.status === 304).length,
    fromCache: entries.filter((e) => e.fromCache).length,
    failed: entries.filter((e) => e.failed).length,
    bad: network.filter((e) => !(e.status >= 200 && e.status < 300) && e.status !== 304),
    foreign: entries.filter((e) => e.foreign),
  };
}

async function waitEditorShown(page) {
  await page.waitForSelector('body[data-editor-ready="true"]', { timeout: EDITOR_TIMEOUT });
  await page.waitForSelector(SPRITE_INPUT, { timeout: EDITOR_TIMEOUT });
  await page.waitForFunction(() => window.__editorShownAt !== undefined, null, { timeout: EDITOR_TIMEOUT });
  return page.evaluate(() => window.__editorShownAt);
}

/** One cold load in a fresh context, then a reload in the same context. */
async function chromiumRun(browser, server, student, projectId) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'en-GB' });
  try {
    await context.addInitScript(editorShownProbe, SPRITE_INPUT);
    await loginContext(context, server, student.username, student.password);
    const page = await context.newPage();
    const net = await watchNetwork(context, page);

    const t0 = performance.now();
    await page.goto(`${server.origin}/editor?project=${projectId}`, { timeout: EDITOR_TIMEOUT });
    const coldMs = await waitEditorShown(page);
    const coldWallMs = performance.now() - t0;
    const coldPending = await net.quiet();
    const cold = net.collect(server.origin);

    net.reset();
    const t1 = performance.now();
    await page.reload({ timeout: EDITOR_TIMEOUT });
    const warmMs = await waitEditorShown(page);
    const warmWallMs = performance.now() - t1;
    const warmPending = await net.quiet();
    const warm = net.collect(server.origin);
    await net.detach();
    return { cold, warm, coldMs, warmMs, coldWallMs, warmWallMs, pending: coldPending + warmPending };
  } finally {
    await context.close().catch(() => {});
  }
}

/** A new project made by the editor itself (project=new), as a student would. */
async function createProjectInEditor(browser, server, student) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'en-GB' });
  try {
    await loginContext(context, server, student.username, student.password);
    const page = await context.newPage();
    await page.goto(`${server.origin}/editor?project=new`, { timeout: EDITOR_TIMEOUT });
    await page.waitForURL(/\/editor\?project=\d+$/, { timeout: EDITOR_TIMEOUT });
    const projectId = Number(new URL(page.url()).searchParams.get('project'));
    await page.waitForFunction(() => document.getElementById('save-status')?.dataset.state === 'saved', null,
      { timeout: EDITOR_TIMEOUT });
    return projectId;
  } finally {
    await context.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// Replay: many clients fetching one recorded cold load at once.

const SKIPPED_HEADERS = new Set(['host', 'connection', 'cookie', 'accept-encoding', 'content-length',
  'if-none-match', 'if-modified-since', 'cache-control', 'pragma']);

/** The replayable request list of one recorded cold load, with {project} for the project id. */
function recordReplayList(entries, origin, projectId) {
  const list = [];
  for (const e of entries) {
    if (e.foreign || e.failed || e.method !== 'GET') continue;
    const pathname = e.url.slice(origin.length)
      .replace(new RegExp(`(project=|/projects/)${projectId}(?=$|[/?&#])`, 'g'), '$1{project}');
    const headers = {};
    for (const [name, value] of Object.entries(e.headers || {})) {
      if (!name.startsWith(':') && !SKIPPED_HEADERS.has(name.toLowerCase())) headers[name] = value;
    }
    list.push({ path: pathname, headers });
  }
  return list;
}

function replayGet(agent, port, pathname, headers) {
  return new Promise((resolve) => {
    const started = performance.now();
    const request = http.get({ host: '127.0.0.1', port, path: pathname, headers, agent }, (response) => {
      let headerBytes = `HTTP/${response.httpVersion} ${response.statusCode} ${response.statusMessage}\r\n`.length + 2;
      for (let i = 0; i < response.rawHeaders.length; i += 2) {
        headerBytes += response.rawHeaders[i].length + 2 + Buffer.byteLength(response.rawHeaders[i + 1]) + 2;
      }
      let bodyBytes = 0;
      response.on('data', (chunk) => { bodyBytes += chunk.length; });
      response.on('end', () => resolve({
        path: pathname, status: response.statusCode, headerBytes, bodyBytes,
        encoding: response.headers['content-encoding'] || '', ms: performance.now() - started,
      }));
      response.on('error', (error) => resolve({ path: pathname, status: 0, error: String(error), headerBytes, bodyBytes }));
    });
    request.setTimeout(REQUEST_TIMEOUT, () => request.destroy(new Error('timeout')));
    request.on('error', (error) => resolve({ path: pathname, status: 0, error: String(error), headerBytes: 0, bodyBytes: 0 }));
  });
}

/** One client: the recorded list in order, at most `connections` requests in flight. */
async function replayClient(port, list, client, acceptEncoding, t0) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const item = list[next++];
      const pathname = item.path.split('{project}').join(String(client.projectId));
      results.push(await replayGet(agent, port, pathname,
        { ...item.headers, Cookie: client.cookie, 'Accept-Encoding': acceptEncoding }));
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  agent.destroy();
  return { results, doneMs: performance.now() - t0 };
}

async function replayRun(server, list, clients, acceptEncoding) {
  const hwmReset = resetPeakRss(server.pid);
  const rssBefore = procStatus(server.pid, 'VmRSS');
  let peakSampled = rssBefore;
  const sampler = setInterval(() => {
    const rss = procStatus(server.pid, 'VmRSS');
    if (rss > peakSampled) peakSampled = rss;
  }, 20);
  const t0 = performance.now();
  let timer;
  const all = Promise.all(clients.map((client) => replayClient(server.port, list, client, acceptEncoding, t0)));
  const outcome = await Promise.race([all,
    new Promise((resolve) => { timer = setTimeout(() => resolve(null), REPLAY_TIMEOUT); })]);
  clearTimeout(timer);
  clearInterval(sampler);
  const wallMs = performance.now() - t0;
  const hwm = procStatus(server.pid, 'VmHWM');
  if (!outcome) throw new Error(`replay did not finish within ${REPLAY_TIMEOUT / 1000} s`);
  const results = outcome.flatMap((c) => c.results);
  const done = outcome.map((c) => c.doneMs);
  const bad = results.filter((r) => !((r.status >= 200 && r.status < 300) || r.status === 304));
  return {
    acceptEncoding,
    wallMs,
    bytes: results.reduce((sum, r) => sum + r.headerBytes + r.bodyBytes, 0),
    requests: results.length,
    p50: percentile(done, 50),
    p95: percentile(done, 95),
    max: Math.max(...done),
    bad: bad.length,
    badList: bad.slice(0, 10).map((r) => `${r.status || r.error} ${r.path}`),
    // VmHWM after clear_refs is the peak of this run; without it, the peak VmRSS we sampled.
    peakRssKiB: hwmReset ? hwm : peakSampled,
    peakRssSource: hwmReset ? 'VmHWM' : 'VmRSS sampled every 20 ms',
    rssBeforeKiB: rssBefore,
  };
}

async function cookieLogin(origin, username, password) {
  const response = await fetch(`${origin}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify({ username, password }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`login of ${username}: ${response.status} ${text}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
  if (!cookies.length) throw new Error(`login of ${username} set no cookie`);
  return cookies.join('; ');
}

// ---------------------------------------------------------------------------------------------

function describeEntry(e) {
  const name = e.url.replace(/^https?:\/\/[^/]+/, '');
  return `${String(e.status ?? '-').padStart(3)} ${(e.fromCache ? 'cache' : KB(e.bytes)).padStart(10)} `
    + `${(e.encoding || '-').padEnd(4)} ${name}`;
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r, j) => {
    const line = `| ${r.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
    return j === 0 ? `${line}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|` : line;
  }).join('\n');
}

async function main() {
  for (const file of [process.env.BLOCKHAUS_BINARY, path.join(process.env.BLOCKHAUS_WEB_ROOT, 'scratch-gui-standalone.js')]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: build blockhaus and blockhaus_web first`);
  }
  console.log(`editorload: ${RUNS} run(s), ${CLIENTS} replay clients x ${CONNECTIONS} connections`);
  const server = await startServer();
  let browser;
  // Stopped from outside (Ctrl-C, timeout): still stop the server and the browser we started.
  const onSignal = (signal) => {
    console.error(`editorload: ${signal}, stopping the server and the browser`);
    Promise.race([Promise.allSettled([browser?.close(), server.stop()]),
      new Promise((resolve) => setTimeout(resolve, 25_000))]).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (!server.pid) throw new Error('startServer() did not expose the server pid');
    console.log(`editorload: server pid ${server.pid} on ${server.origin}`);
    const names = Array.from({ length: CLIENTS }, (_, i) => `Student ${String(i + 1).padStart(2, '0')}`);
    const { students } = await makeClassroom(server, names);
    browser = await launchBrowser();

    // Unmeasured: a first load makes the project the way the editor does (and warms the page
    // cache of the web root), then every other student gets a copy of it through the API.
    const first = students[0];
    const projectId = await createProjectInEditor(browser, server, first);
    const projectJson = (await first.api.request('GET', `/api/v1/projects/${projectId}`)).bytes;
    first.projectId = projectId;
    for (const student of students.slice(1)) {
      const created = await student.api.ok('POST', '/api/v1/projects?title=Bench',
        { body: projectJson, headers: { 'Content-Type': 'application/json' } });
      student.projectId = created.id;
    }
    console.log(`editorload: project ${projectId} (${projectJson.length} bytes of project.json) and ${students.length - 1} copies`);

    const chromium = [];
    for (let run = 1; run <= RUNS; run += 1) {
      const r = await chromiumRun(browser, server, first, projectId);
      r.coldSum = summarise(r.cold);
      r.warmSum = summarise(r.warm);
      chromium.push(r);
      console.log(`editorload: chromium run ${run}: cold ${MB(r.coldSum.bytes)} in ${r.coldSum.requests} requests, `
        + `editor shown after ${sec(r.coldMs)}; warm ${KB(r.warmSum.bytes)} in ${r.warmSum.requests} requests `
        + `(${r.warmSum.notModified} x 304, ${r.warmSum.fromCache} from cache), shown after ${sec(r.warmMs)}`);
    }
    await browser.close();
    browser = undefined;

    const recorded = chromium[0];
    console.log('\neditorload: requests of the first cold load (status, bytes on the wire, encoding, path)');
    for (const e of recorded.cold) console.log(`    ${describeEntry(e)}`);
    console.log('editorload: requests of the first warm reload');
    for (const e of recorded.warm) console.log(`    ${describeEntry(e)}`);

    const list = recordReplayList(recorded.cold, server.origin, projectId);
    const clients = [];
    for (const student of students) {
      clients.push({ cookie: await cookieLogin(server.origin, student.username, student.password), projectId: student.projectId });
    }
    const replays = [];
    for (let run = 1; run <= RUNS; run += 1) {
      const r = await replayRun(server, list, clients, 'gzip, deflate, br');
      replays.push(r);
      console.log(`editorload: replay run ${run}: ${clients.length} clients x ${list.length} requests, ${MB(r.bytes)} `
        + `in ${sec(r.wallMs)}, per client p50 ${sec(r.p50)} p95 ${sec(r.p95)} max ${sec(r.max)}, `
        + `non-2xx/304 ${r.bad}, server peak RSS ${MiB(r.peakRssKiB)}`);
      if (r.badList.length) console.log(`    ${r.badList.join('\n    ')}`);
    }
    const identity = await replayRun(server, list, clients, 'identity');
    console.log(`editorload: replay identity: ${MB(identity.bytes)} in ${sec(identity.wallMs)}, per client p50 `
      + `${sec(identity.p50)} p95 ${sec(identity.p95)} max ${sec(identity.max)}, non-2xx/304 ${identity.bad}, `
      + `server peak RSS ${MiB(identity.peakRssKiB)}`);
    if (identity.badList.length) console.log(`    ${identity.badList.join('\n    ')}`);

    // Things worth a look: failures, other hosts, compressible bodies sent raw, warm re-downloads.
    const notes = [];
    for (const r of chromium) {
      for (const e of [...r.coldSum.bad, ...r.warmSum.bad]) notes.push(`status ${e.status}: ${e.url}`);
      for (const e of [...r.coldSum.foreign, ...r.warmSum.foreign]) notes.push(`request to another host: ${e.url}`);
      if (r.coldSum.failed || r.warmSum.failed) notes.push(`failed requests: cold ${r.coldSum.failed}, warm ${r.warmSum.failed}`);
      if (r.pending) notes.push(`${r.pending} request(s) still in flight when a load was taken as finished`);
    }
    const raw = recorded.cold.filter((e) => !e.fromCache && e.status === 200 && !e.encoding
      && /javascript|css|svg|json|html/.test(e.contentType) && e.bytes > 1500);
    if (raw.length) {
      notes.push(`served uncompressed (compressible, > 1.5 kB): ${raw.map((e) => `${e.url.replace(server.origin, '')} `
        + `(${KB(e.bytes)})`).join(', ')}`);
    }
    const refetched = recorded.warm.filter((e) => !e.fromCache && e.status === 200 && e.bytes > 0);
    if (refetched.length) {
      notes.push(`warm reload fetched again with 200: ${refetched.map((e) => `${e.url.replace(server.origin, '')} `
        + `(${KB(e.bytes)}, Cache-Control: ${e.cacheControl || 'none'})`).join(', ')}`);
    }
    const revalidated = recorded.warm.filter((e) => !e.fromCache && e.status === 304);
    if (revalidated.length) {
      notes.push(`warm reload revalidated (304): ${revalidated.map((e) => e.url.replace(server.origin, '')).join(', ')}`);
    }
    const [u1, u2] = [new Set(chromium[0].cold.map((e) => e.url)), new Set(chromium.at(-1).cold.map((e) => e.url))];
    if (u1.size !== u2.size || [...u1].some((u) => !u2.has(u))) notes.push('the cold runs did not fetch the same URLs');

    const pick = (key, sumKey) => median(chromium.map((r) => (sumKey ? r[sumKey][key] : r[key])));
    const rp = (key) => median(replays.map((r) => r[key]));
    console.log(`\nEditor loads: medians of ${RUNS} run(s); bytes are response headers + encoded bodies `
      + '(1 MB = 10^6 bytes); times from navigation start until the project is on screen');
    console.log(table([
      ['load (one Chromium)', 'bytes', 'requests', '304', 'from cache', 'editor shown after'],
      ['cold (empty cache)', MB(pick('bytes', 'coldSum')), pick('requests', 'coldSum'), pick('notModified', 'coldSum'),
        pick('fromCache', 'coldSum'), sec(pick('coldMs'))],
      ['warm (reload)', KB(pick('bytes', 'warmSum')), pick('requests', 'warmSum'), pick('notModified', 'warmSum'),
        pick('fromCache', 'warmSum'), sec(pick('warmMs'))],
    ]));
    console.log();
    console.log(table([
      [`${clients.length} simultaneous cold loads (replay)`, 'wall time', 'bytes', 'requests',
        'per client p50 / p95 / max', 'non-2xx/304', 'server peak RSS'],
      [`Accept-Encoding: gzip, deflate, br (median of ${RUNS})`, sec(rp('wallMs')), MB(rp('bytes')), rp('requests'),
        `${sec(rp('p50'))} / ${sec(rp('p95'))} / ${sec(rp('max'))}`, rp('bad'), MiB(rp('peakRssKiB'))],
      ['Accept-Encoding: identity (1 run)', sec(identity.wallMs), MB(identity.bytes), identity.requests,
        `${sec(identity.p50)} / ${sec(identity.p95)} / ${sec(identity.max)}`, identity.bad, MiB(identity.peakRssKiB)],
    ]));
    const wifi = (bytes) => sec((bytes * 8) / 100e6 * 1000);
    console.log(`\nAt 100 Mbit/s (line rate, no protocol overhead): ${clients.length} cold loads ${wifi(rp('bytes'))} `
      + `compressed, ${wifi(identity.bytes)} identity; one warm reload ${wifi(pick('bytes', 'warmSum'))}.`);
    console.log(`Server peak RSS measured as ${replays[0].peakRssSource}; RSS before a replay ${MiB(replays[0].rssBeforeKiB)}.`);
    if (notes.length) {
      console.log('\nNotes:');
      for (const note of [...new Set(notes)]) console.log(`  - ${note}`);
    }
    console.log(JSON.stringify({
      runs: RUNS, clients: clients.length, connections: CONNECTIONS,
      cold: { bytes: pick('bytes', 'coldSum'), requests: pick('requests', 'coldSum'), ms: pick('coldMs'), runs: chromium.map((r) => Math.round(r.coldMs)) },
      warm: { bytes: pick('bytes', 'warmSum'), requests: pick('requests', 'warmSum'), not_modified: pick('notModified', 'warmSum'),
        from_cache: pick('fromCache', 'warmSum'), ms: pick('warmMs'), runs: chromium.map((r) => Math.round(r.warmMs)) },
      replay: replays.map(({ badList, ...r }) => r),
      identity: (({ badList, ...r }) => r)(identity),
    }));
  } finally {
    await browser?.close().catch(() => {});
    await server.stop();
  }
}

try {
  await main();
} catch (error) {
  console.error(`editorload: ${error.stack || error}`);
  process.exitCode = 1;
}

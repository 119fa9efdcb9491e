// SPDX-License-Identifier: AGPL-3.0-or-later
// The one place where the Blockhaus pages talk to the server (API.md, /api/v1).
//
// Every request goes to this same origin. The session lives in the HttpOnly
// cookie `bh_session`, so we never see or store a token here; `fetch` sends the
// cookie (credentials: 'same-origin') and, for POST/PUT/PATCH/DELETE, the
// browser adds the `Origin` header the server's CSRF check wants.
//
// api(method, path, {json, body, headers, signal}) resolves to
//   {status, headers, data}
// where `data` is
//   - the parsed JSON when the response is JSON (`application/json`, `…+json`),
//   - the unread Response itself when the response is binary
//     (images, `.sb3`/zip, `application/octet-stream`): call
//     `data.blob()` / `data.arrayBuffer()` yourself,
//   - null otherwise (204 No Content, empty or plain-text bodies).
// It throws ApiError for every non-2xx answer, and an ApiError with status 0 and
// code 'network' when the server cannot be reached. An aborted request (via
// `signal`) rejects with the browser's own AbortError, so callers can ignore it.

export class ApiError extends Error {
  /**
   * @param {string} message readable text, from the server's JSON `message` when there is one
   * @param {{status: number, code: string, body?: any, retryAfter?: number|null}} details
   */
  constructor(message, { status, code, body = null, retryAfter = null }) {
    super(message);
    this.name = 'ApiError';
    /** HTTP status; 0 when the server could not be reached. */
    this.status = status;
    /** API.md error code (`unauthorized`, `conflict`, …) or 'network'. */
    this.code = code;
    /** The parsed JSON error body (has extra fields such as `current_version`), or null. */
    this.body = body;
    /** Seconds to wait from the `Retry-After` header (429, 503), or null. */
    this.retryAfter = retryAfter;
  }
}

// Status → API.md error code, for answers that carry no JSON body (e.g. a proxy page).
const codeForStatus = {
  400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found',
  405: 'method_not_allowed', 409: 'exists', 411: 'length_required', 412: 'conflict',
  413: 'payload_too_large', 415: 'unsupported_media_type', 422: 'unprocessable',
  423: 'assignment_closed', 428: 'precondition_required', 429: 'too_many_requests', 431: 'headers_too_large',
  500: 'internal', 503: 'unavailable', 507: 'insufficient_storage',
};

function isJsonType(contentType) {
  const type = (contentType || '').split(';')[0].trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}

function isBinaryType(contentType) {
  const type = (contentType || '').split(';')[0].trim().toLowerCase();
  return type.startsWith('image/') || type.startsWith('audio/') || type === 'application/zip'
    || type === 'application/x.scratch.sb3' || type === 'application/octet-stream';
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value) {
  if (value == null || value === '') return null;
  const trimmed = String(value).trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const when = Date.parse(trimmed);
  if (Number.isNaN(when)) return null;
  return Math.max(0, Math.ceil((when - Date.now()) / 1000));
}

async function readJson(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Call the Blockhaus API.
 * @param {string} method 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'
 * @param {string} path absolute path on this server, e.g. '/api/v1/projects'
 * @param {{json?: any, body?: BodyInit, headers?: Record<string,string>, signal?: AbortSignal}} [options]
 *   `json` is serialised and sent as application/json; `body` is sent as is
 *   (set its Content-Type in `headers`).
 * @returns {Promise<{status: number, headers: Headers, data: any}>}
 */
export async function api(method, path, { json, body, headers, signal } = {}) {
  const requestHeaders = new Headers(headers || {});
  if (!requestHeaders.has('Accept')) requestHeaders.set('Accept', 'application/json');
  let requestBody = body;
  if (json !== undefined) {
    requestBody = JSON.stringify(json);
    requestHeaders.set('Content-Type', 'application/json');
  }

  let response;
  try {
    response = await fetch(path, {
      method,
      headers: requestHeaders,
      body: requestBody,
      signal,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (error) {
    if (error && error.name === 'AbortError') throw error;
    throw new ApiError('The Blockhaus server could not be reached.', { status: 0, code: 'network' });
  }

  const contentType = response.headers.get('Content-Type');
  if (!response.ok) {
    const errorBody = isJsonType(contentType) ? await readJson(response) : null;
    const code = (errorBody && errorBody.error) || codeForStatus[response.status] || 'http_error';
    const message = (errorBody && errorBody.message) || `HTTP ${response.status}`;
    throw new ApiError(message, {
      status: response.status,
      code,
      body: errorBody,
      retryAfter: parseRetryAfter(response.headers.get('Retry-After')),
    });
  }

  let data = null;
  if (method !== 'HEAD' && response.status !== 204) {
    if (isJsonType(contentType)) data = await readJson(response);
    else if (isBinaryType(contentType)) data = response;
  }
  return { status: response.status, headers: response.headers, data };
}

/**
 * The logged-in user (API.md `User`: id, username, display_name, role, groups),
 * or null when nobody is logged in. Other failures (server down) throw ApiError.
 * @returns {Promise<object|null>}
 */
export async function currentUser() {
  try {
    const { data } = await api('GET', '/api/v1/session');
    return (data && data.user) || null;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** The login page's address that comes back here afterwards. */
export function loginUrl(next = location.pathname + location.search + location.hash) {
  return `/join?next=${encodeURIComponent(next)}`;
}

/**
 * Resolves to the logged-in user. When nobody is logged in it sends the browser
 * to `/join?next=<this page>` and resolves to null (the page should stop).
 * @returns {Promise<object|null>}
 */
export async function requireLogin() {
  const user = await currentUser();
  if (!user) {
    location.replace(loginUrl());
    return null;
  }
  return user;
}

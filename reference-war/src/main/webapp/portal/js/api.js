// The portal's only way to the server: same-origin calls to the public REST API (/api/v1),
// authenticated by the session cookie, with the session's CSRF token on every state change.
// Shared by the client portal and the team console.

/** The API's base, relative to the page: /portal/ -> /api/v1/ (also under a WAR's context path). */
export const API_BASE = new URL('../api/v1/', document.baseURI).pathname;

let csrfToken = null;

/** Remembers the CSRF token of the current session (from POST or GET /session). */
export function setCsrfToken(token) {
  csrfToken = token;
}

/** An answer of the API that is not a success: its status and its problem+json body. */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem || {};
  }

  /** The stable problem code, e.g. "insufficient-credits". */
  get code() {
    return this.problem.code || null;
  }

  /** The field errors of a 400: [{field, message}]. */
  get fieldErrors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

/** Raised when the session has ended (401): the app shows the sign-in again. */
export class SignedOut extends ApiError {}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const listeners = new Set();

/** Calls fn() whenever a request finds the session ended. */
export function onSignedOut(fn) {
  listeners.add(fn);
}

/**
 * One API call. `path` is relative to /api/v1/. Returns the parsed JSON (or text for non-JSON,
 * null for 204); throws ApiError with the problem's fields otherwise.
 */
export async function request(method, path, { body, accept, idempotencyKey, quietAuth } = {}) {
  const headers = { Accept: accept || 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (UNSAFE.has(method) && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  if (idempotencyKey) {
    headers['Idempotency-Key'] = idempotencyKey;
  }
  let response;
  try {
    response = await fetch(API_BASE + path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, {
      title: 'Network error',
      detail: 'The server could not be reached. Check your connection and try again.',
    });
  }
  if (response.status === 204) {
    return null;
  }
  const type = response.headers.get('Content-Type') || '';
  const isJson = type.includes('json');
  const payload = isJson ? await response.json().catch(() => null) : await response.text();
  if (response.ok) {
    return payload;
  }
  const problem = isJson && payload ? payload : { title: `HTTP ${response.status}` };
  if (response.status === 401 && !quietAuth) {
    const error = new SignedOut(401, problem);
    listeners.forEach((fn) => fn(error));
    throw error;
  }
  throw new ApiError(response.status, problem);
}

export const get = (path, options) => request('GET', path, options);
export const post = (path, body, options = {}) => request('POST', path, { ...options, body });
export const put = (path, body, options = {}) => request('PUT', path, { ...options, body });
export const del = (path, options) => request('DELETE', path, options);

/** A fresh Idempotency-Key, so that a retried click never buys or spends twice. */
export function newIdempotencyKey() {
  if (crypto.randomUUID) {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Encodes one path segment. */
export const seg = (s) => encodeURIComponent(s);

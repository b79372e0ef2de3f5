// Sign-in, the current session and sign-out: POST/GET/DELETE /api/v1/session.
import { del, get, post, setCsrfToken } from './api.js';

let current = null;

/** The signed-in session ({user, roles, memberships, csrfToken}), or null. */
export function session() {
  return current;
}

function remember(s) {
  current = s;
  setCsrfToken(s ? s.csrfToken : null);
  return s;
}

/** The session of the browser's cookie, or null when signed out. */
export async function restore() {
  try {
    return remember(await get('session', { quietAuth: true }));
  } catch (e) {
    if (e.status === 401) {
      return remember(null);
    }
    throw e;
  }
}

/** Signs in; throws ApiError (401: wrong user name or password; 400: a field missing). */
export async function signIn(username, password) {
  return remember(await post('session', { username, password }, { quietAuth: true }));
}

/** Signs out (the server forgets the session; the cookie is cleared). */
export async function signOut() {
  try {
    await del('session', { quietAuth: true });
  } finally {
    remember(null);
  }
}

/** Forgets the session locally (it ended on the server). */
export function forget() {
  remember(null);
}

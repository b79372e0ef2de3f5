// The sign-in form shared by the client portal and the team console, and which of the two a
// signed-in principal belongs to: team and admin members go to the console, clients to the portal.
import { ApiError } from './api.js';
import * as sessions from './session.js';
import { announce, clearErrors, field, formError, h, replace, showErrors } from './ui.js';

/** The staff memberships (admin, team) of a session. */
export const staffMemberships = (s) => s.memberships.filter((m) => m.role === 'admin' || m.role === 'team');

/** The client memberships of a session. */
export const clientMemberships = (s) => s.memberships.filter((m) => m.role === 'client');

/** The page a session belongs on: "console.html" for staff, "./" (the portal) for clients. */
export function homeFor(s) {
  return staffMemberships(s).length > 0 && clientMemberships(s).length === 0 ? 'console.html' : './';
}

/**
 * Shows the sign-in form in `main`; on success calls onSignedIn(session). `message` (optional) is
 * shown above the form, e.g. "Your session has ended".
 */
export function showSignIn(main, { message = null, onSignedIn }) {
  const user = field('username', 'User name', { autocomplete: 'username', required: true });
  const pass = field('password', 'Password', {
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const error = formError();
  const button = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', { class: 'card narrow', novalidate: true }, error, user.field, pass.field, button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const missing = [];
    if (!user.input.value.trim()) {
      missing.push({ field: 'username', message: 'Enter your user name.' });
    }
    if (!pass.input.value) {
      missing.push({ field: 'password', message: 'Enter your password.' });
    }
    if (missing.length) {
      showErrors(form, new ApiError(400, { errors: missing }));
      return;
    }
    button.disabled = true;
    try {
      const s = await sessions.signIn(user.input.value.trim(), pass.input.value);
      announce(`Signed in as ${s.user}`);
      onSignedIn(s);
    } catch (e) {
      pass.input.value = '';
      showErrors(form, e.status === 401 ? new ApiError(401, { detail: 'Wrong user name or password.' }) : e);
    } finally {
      button.disabled = false;
    }
  });
  document.title = 'Sign in — credits4j';
  replace(
    main,
    h('h1', { tabindex: '-1' }, 'Sign in'),
    message ? h('p', { class: 'notice', role: 'status' }, message) : null,
    form,
  );
  user.input.focus();
}

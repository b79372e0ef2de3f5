// What every screen of the team console shares: the signed-in member's workspace, its formatters,
// paths of the REST API, and how a screen starts.
import { seg } from '../api.js';
import { h, replace } from '../ui.js';

/** {session, membership (role admin or team), fmt}. Set by app.js when a member signs in. */
export const ctx = { session: null, membership: null, fmt: null };

export const main = document.getElementById('main');

/** `workspaces/{ws}/{rest}`, relative to the API's base. */
export const wsPath = (rest = '') => `workspaces/${seg(ctx.membership.workspace)}/${rest}`;

/** `workspaces/{ws}/organizations/{org}/{rest}`. */
export const orgPath = (org, rest = '') => wsPath(`organizations/${seg(org)}/${rest}`);

/** Whether the signed-in member is an admin of the workspace (packages, settings, keys …). */
export const isAdmin = () => ctx.membership && ctx.membership.role === 'admin';

/** Starts a screen: its title (focused, so keyboard and screen-reader users land on it). */
export function screen(title, ...children) {
  document.title = `${title} — credits4j console`;
  const heading = h('h1', { tabindex: '-1' }, title);
  replace(main, heading, ...children);
  heading.focus();
  return heading;
}

/** What an admin-only screen shows a team member (the API would refuse it with 403). */
export function adminOnly(title) {
  screen(
    title,
    h(
      'p',
      { class: 'notice', role: 'status' },
      'Only the workspace’s admins can see this. Ask an admin of ',
      ctx.membership.workspaceName || ctx.membership.workspace,
      ' if you need it.',
    ),
  );
}

/** A section card with a heading (h2) and a body element. */
export function section(id, title, ...body) {
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...body);
}

/** Query string from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') {
      q.set(k, String(v));
    }
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A number from an input, or undefined when blank (the API then names the field if required). */
export function num(input) {
  const v = input.value.trim();
  return v === '' ? undefined : Number(v);
}

/** A trimmed text from an input, or undefined when blank. */
export function text(input) {
  const v = input.value.trim();
  return v === '' ? undefined : v;
}

// The team console: sign-in, the choice of workspace, navigation and routing. The screens live in
// the modules beside this one; every one of them reads and writes through the public REST API.
import { onSignedOut } from '../api.js';
import { formatterFor } from '../format.js';
import * as sessions from '../session.js';
import { clientMemberships, showSignIn, staffMemberships } from '../signin.js';
import { h, replace } from '../ui.js';
import { showOrganizations, showOrganization, showEntry } from './organizations.js';
import { showTroubleshooting } from './troubleshoot.js';
import { showPackages, showPackageForm, showOfferings, showOfferingForm } from './catalog.js';
import { showReports } from './reports.js';
import { showApiKeys, showNotifications, showReconciliation, showSettings, showWebhooks } from './admin.js';
import { ctx, isAdmin, main, screen } from './context.js';
import { showPurchases } from './purchases.js';
import { showAutoTopUp } from './topup.js';
import { showSubscriptions } from './subscriptions.js';
import { showStatement, showStatements } from './statements.js';
import { showMembers, showWebhook } from './access.js';

const nav = document.getElementById('nav');
const account = document.getElementById('account');
const CHOSEN = 'credits4j.console.workspace';

onSignedOut(() => {
  sessions.forget();
  ctx.session = null;
  signInScreen('Your session has ended. Please sign in again.');
});

window.addEventListener('hashchange', () => route());
// A link to the screen already shown (e.g. "New request" after a request was created) shows it
// afresh: the hash does not change, so no hashchange would.
document.addEventListener('click', (event) => {
  const a = event.target.closest && event.target.closest('a[href^="#/"]');
  if (a && a.getAttribute('href') === location.hash && !event.defaultPrevented) {
    event.preventDefault();
    route();
  }
});

start();

async function start() {
  try {
    const s = await sessions.restore();
    if (s) {
      enter(s);
    } else {
      signInScreen();
    }
  } catch (e) {
    replace(main, h('h1', { tabindex: '-1' }, 'credits4j'), h('p', { role: 'alert' }, e.message));
  }
}

function signInScreen(message = null) {
  nav.hidden = true;
  replace(account);
  showSignIn(main, { message, onSignedIn: enter });
}

function enter(s) {
  ctx.session = s;
  const staff = staffMemberships(s);
  if (staff.length === 0) {
    showClientsElsewhere(s);
    return;
  }
  const chosen = sessionStorage.getItem(CHOSEN);
  const membership = staff.find((m) => m.workspace === chosen) || (staff.length === 1 ? staff[0] : null);
  if (!membership) {
    showWorkspacePicker(s, staff);
    return;
  }
  ctx.membership = membership;
  ctx.fmt = formatterFor(membership);
  nav.hidden = false;
  nav.querySelectorAll('[data-admin]').forEach((li) => {
    li.hidden = !isAdmin();
  });
  replace(
    account,
    h('span', {}, `${s.user} · ${membership.role} · ${membership.workspaceName || membership.workspace}`),
    staff.length > 1
      ? h('button', { type: 'button', class: 'link', onclick: () => showWorkspacePicker(s, staff) }, 'Switch workspace')
      : null,
    h('button', { type: 'button', class: 'link', onclick: signOut }, 'Sign out'),
  );
  if (!location.hash || location.hash === '#/') {
    location.hash = '#/organizations';
  } else {
    route();
  }
}

async function signOut() {
  await sessions.signOut().catch(() => {});
  ctx.session = null;
  ctx.membership = null;
  sessionStorage.removeItem(CHOSEN);
  history.replaceState(null, '', location.pathname); // the next sign-in starts afresh
  signInScreen('You have signed out.');
}

/** A client signed in: the console is not for it (the API refuses its operations too). */
function showClientsElsewhere(s) {
  nav.hidden = true;
  replace(account, h('button', { type: 'button', class: 'link', onclick: signOut }, 'Sign out'));
  const clients = clientMemberships(s);
  screen(
    'Not a team member',
    h(
      'p',
      { class: 'notice', role: 'alert', id: 'not-team' },
      `${s.user} is not a member of any workspace’s team, so the team console has nothing to show. `,
      clients.length ? 'Your credits are in the client portal.' : 'Ask an admin to add you to the team.',
    ),
    clients.length ? h('p', {}, h('a', { href: './', class: 'button primary' }, 'Go to the client portal')) : null,
  );
}

function showWorkspacePicker(s, staff) {
  nav.hidden = true;
  screen(
    'Choose a workspace',
    h('p', {}, 'You are a member of several workspaces; the console shows one at a time.'),
    h(
      'ul',
      { class: 'choices' },
      staff.map((m) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              dataset: { workspace: m.workspace },
              onclick: () => {
                sessionStorage.setItem(CHOSEN, m.workspace);
                location.hash = '#/organizations';
                enter(s);
              },
            },
            `${m.workspaceName || m.workspace} (${m.role})`,
          ),
        ),
      ),
    ),
  );
}

function route() {
  if (!ctx.membership) {
    return;
  }
  const path = location.hash.replace(/^#\/?/, '');
  const [page, id, sub, subId] = path.split('/').map((p) => decodeURIComponent(p || ''));
  nav.querySelectorAll('a').forEach((a) => {
    if (a.getAttribute('href') === `#/${page}`) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  });
  switch (page) {
    case 'organizations':
      if (id && sub === 'troubleshoot') {
        return showTroubleshooting(id);
      }
      if (id && sub === 'entries' && subId) {
        return showEntry(id, subId);
      }
      if (id && sub === 'auto-top-up') {
        return showAutoTopUp(id);
      }
      if (id && sub === 'subscriptions') {
        return showSubscriptions(id);
      }
      if (id && sub === 'statements') {
        return showStatements(id);
      }
      return id ? showOrganization(id) : showOrganizations();
    case 'purchases':
      return showPurchases();
    case 'statements':
      return id ? showStatement(id) : showOrganizations();
    case 'packages':
      return id ? showPackageForm(id === 'new' ? null : id) : showPackages();
    case 'offerings':
      return id ? showOfferingForm(id === 'new' ? null : id) : showOfferings();
    case 'reports':
      return showReports();
    case 'reconciliation':
      return showReconciliation();
    case 'notifications':
      return showNotifications();
    case 'webhooks':
      return id ? showWebhook(id) : showWebhooks();
    case 'members':
      return showMembers();
    case 'api-keys':
      return showApiKeys();
    case 'settings':
      return showSettings();
    default:
      location.hash = '#/organizations';
      return undefined;
  }
}

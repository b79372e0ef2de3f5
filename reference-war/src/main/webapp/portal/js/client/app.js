// The client portal: sign-in, dashboard, catalog, checkout, new request, requests. Every screen
// reads and writes through the public REST API (../api.js); formatting follows the workspace.
import { get, newIdempotencyKey, onSignedOut, post, seg } from '../api.js';
import { ENTRY_TYPES, PURCHASE_STATUS, REQUEST_STATUS } from '../labels.js';
import { lineChart } from '../chart.js';
import { showStatement, showStatements, showSubscriptions } from './account.js';
import { formatterFor } from '../format.js';
import * as sessions from '../session.js';
import { clientMemberships, homeFor, showSignIn as showSignInForm } from '../signin.js';
import {
  announce,
  clearErrors,
  csvButton,
  empty,
  field,
  formError,
  h,
  loading,
  openDialog,
  replace,
  showErrors,
  withStates,
} from '../ui.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const account = document.getElementById('account');
const CHOSEN = 'credits4j.portal.workspace';

/** The signed-in client's place: its workspace membership and formatters. */
let ctx = null;

const orgPath = (rest = '') =>
  `workspaces/${seg(ctx.membership.workspace)}/organizations/${seg(ctx.membership.organization)}/${rest}`;
const wsPath = (rest = '') => `workspaces/${seg(ctx.membership.workspace)}/${rest}`;

// ---- start, routing ------------------------------------------------------------------------

onSignedOut(() => {
  sessions.forget();
  ctx = null;
  showSignIn('Your session has ended. Please sign in again.');
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
      showSignIn();
    }
  } catch (e) {
    replace(main, h('h1', { tabindex: '-1' }, 'credits4j'), h('p', { role: 'alert' }, e.message));
  }
}

function enter(s) {
  const clients = clientMemberships(s);
  if (clients.length === 0 && homeFor(s) !== './') {
    location.replace(homeFor(s));
    return;
  }
  if (clients.length === 0) {
    showNoWorkspace(s);
    return;
  }
  const chosen = sessionStorage.getItem(CHOSEN);
  const membership = clients.find((m) => m.workspace === chosen) || (clients.length === 1 ? clients[0] : null);
  if (!membership) {
    showWorkspacePicker(s, clients);
    return;
  }
  ctx = { session: s, membership, fmt: formatterFor(membership) };
  renderAccount();
  nav.hidden = false;
  if (!location.hash || location.hash === '#/' || location.hash === '#/signin') {
    location.hash = '#/dashboard';
  } else {
    route();
  }
}

function renderAccount() {
  const m = ctx.membership;
  replace(
    account,
    h('span', {}, `${ctx.session.user} · ${m.organization} · ${m.workspaceName || m.workspace}`),
    h('button', { type: 'button', class: 'link', onclick: signOut }, 'Sign out'),
  );
}

async function signOut() {
  await sessions.signOut().catch(() => {});
  ctx = null;
  sessionStorage.removeItem(CHOSEN);
  history.replaceState(null, '', location.pathname); // the next sign-in starts afresh
  showSignIn('You have signed out.');
}

function route() {
  if (!ctx) {
    return;
  }
  const parts = location.hash.replace(/^#\/?/, '').split('/');
  const [page, id] = parts;
  nav.querySelectorAll('a').forEach((a) => {
    if (a.getAttribute('href') === `#/${parts.join('/')}`) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  });
  if (page === 'catalog') {
    showCatalog();
  } else if (page === 'checkout-complete' || page === 'checkout-canceled') {
    showCheckoutReturn(page === 'checkout-canceled');
  } else if (page === 'purchases' && id) {
    showPurchase(decodeURIComponent(id));
  } else if (page === 'checkout' && id) {
    showCheckout(decodeURIComponent(id));
  } else if (page === 'subscriptions') {
    showSubscriptions(env());
  } else if (page === 'statements') {
    if (id) {
      showStatement(env(), decodeURIComponent(id));
    } else {
      showStatements(env());
    }
  } else if (page === 'requests' && id === 'new') {
    showNewRequest();
  } else if (page === 'requests') {
    showRequests();
  } else {
    showDashboard();
  }
}

/** What the screens of the other modules need of this one. */
function env() {
  return { fmt: ctx.fmt, orgPath, wsPath, screen };
}

/** Starts a screen: its title (focused, so keyboard and screen-reader users land on it). */
function screen(title, ...children) {
  document.title = `${title} — credits4j`;
  const heading = h('h1', { tabindex: '-1' }, title);
  replace(main, heading, ...children);
  heading.focus();
  return heading;
}

// ---- sign-in -------------------------------------------------------------------------------

function showSignIn(message = null) {
  nav.hidden = true;
  replace(account);
  showSignInForm(main, {
    message,
    onSignedIn: (s) => {
      if (homeFor(s) !== './') {
        location.assign(homeFor(s)); // a team member or admin: the team console
        return;
      }
      enter(s);
    },
  });
}

function showNoWorkspace(s) {
  nav.hidden = true;
  ctx = null;
  replace(account, h('button', { type: 'button', class: 'link', onclick: signOut }, 'Sign out'));
  screen(
    'No client workspace',
    h(
      'p',
      {},
      `${s.user} is not the client of an organization in any workspace. `,
      'The client portal is for clients; ask your agency to add you as a client of your organization.',
    ),
  );
}

function showWorkspacePicker(s, clients) {
  nav.hidden = true;
  replace(account, h('button', { type: 'button', class: 'link', onclick: signOut }, 'Sign out'));
  const list = h(
    'ul',
    { class: 'choices' },
    clients.map((m) =>
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
              enter(s);
            },
          },
          `${m.organization} in ${m.workspaceName || m.workspace}`,
        ),
      ),
    ),
  );
  screen('Choose a workspace', h('p', {}, 'You are a client in several workspaces.'), list);
}

// ---- dashboard -----------------------------------------------------------------------------

function showDashboard() {
  const f = ctx.fmt;
  const walletBox = h('section', { 'aria-labelledby': 'h-wallet', class: 'card' });
  const expiringBox = h('section', { 'aria-labelledby': 'h-expiring', class: 'card' });
  const purchasesBox = h('section', { 'aria-labelledby': 'h-purchases', class: 'card' });
  const historyBox = h('section', { 'aria-labelledby': 'h-history', class: 'card wide' });
  const usageBox = h('section', { 'aria-labelledby': 'h-usage', class: 'card' });
  const trendBox = h('section', { 'aria-labelledby': 'h-trend', class: 'card wide' });
  const quickBox = h('section', { 'aria-labelledby': 'h-quick', class: 'card' });
  screen(
    'Dashboard',
    h('div', { class: 'grid' }, walletBox, expiringBox, quickBox, purchasesBox, historyBox, usageBox, trendBox),
  );

  const section = (box, id, title, body) => replace(box, h('h2', { id }, title), body);
  const walletBody = h('div');
  const expiringBody = h('div');
  section(walletBox, 'h-wallet', 'Your credits', walletBody);
  section(expiringBox, 'h-expiring', 'Upcoming expirations', expiringBody);
  const walletLoad = get(orgPath('wallet'));
  withStates(walletBody, 'Loading your balance', () => walletLoad, (w) =>
    h(
      'dl',
      { class: 'figures' },
      h('div', {}, h('dt', {}, 'Balance'), h('dd', { id: 'balance' }, f.credits(w.balance))),
      h('div', {}, h('dt', {}, 'Available'), h('dd', { id: 'available' }, f.credits(w.available))),
      h('div', {}, h('dt', {}, 'Held for open requests'), h('dd', { id: 'held' }, f.credits(w.held))),
    ),
  );
  withStates(expiringBody, 'Loading expirations', () => walletLoad, (w) =>
    w.expiringSoon.length === 0
      ? empty('No credits expire soon.')
      : h(
          'ul',
          { class: 'plain', id: 'expirations' },
          w.expiringSoon.map((e) =>
            h('li', {}, h('strong', {}, `${f.credits(e.credits)} credits`), ` expire on ${f.dateTime(e.expiresAt)}`),
          ),
        ),
  );

  const quickBody = h('div');
  section(quickBox, 'h-quick', 'Buy credits', quickBody);
  withStates(quickBody, 'Loading packages', () => get(wsPath('catalog')), (page) => {
    const featured = sortCatalog(page.items).slice(0, 3);
    return featured.length === 0
      ? empty('No packages are on sale right now.')
      : h(
          'ul',
          { class: 'plain' },
          featured.map((p) =>
            h(
              'li',
              {},
              h('a', { href: `#/checkout/${encodeURIComponent(p.id)}` }, `Buy ${p.name}`),
              ` — ${f.credits(p.totalCredits)} credits for ${f.money(p.price)}`,
            ),
          ),
          h('li', {}, h('a', { href: '#/catalog' }, 'All packages')),
        );
  });

  const purchasesBody = h('div');
  section(purchasesBox, 'h-purchases', 'Your purchases', purchasesBody);
  withStates(purchasesBody, 'Loading purchases', () => get(orgPath('purchases?limit=5')), (page) =>
    page.items.length === 0
      ? empty('No purchases yet.', h('a', { href: '#/catalog' }, 'See the packages'))
      : h(
          'ul',
          { class: 'plain', id: 'purchases' },
          page.items.map((p) =>
            h(
              'li',
              {},
              h('strong', {}, p.packageName),
              ` · ${f.credits(p.totalCredits)} credits · ${f.money(p.price)} · `,
              h('span', { class: `status status-${p.status.toLowerCase()}` }, PURCHASE_STATUS[p.status] || p.status),
              p.status === 'PENDING' && p.gateway !== 'manual'
                ? [' · ', h('a', { href: `#/purchases/${encodeURIComponent(p.id)}` }, `Pay for ${p.packageName}`)]
                : null,
            ),
          ),
        ),
  );

  renderHistory(historyBox);

  const usageBody = h('div');
  section(usageBox, 'h-usage', 'Usage by service', usageBody);
  withStates(usageBody, 'Loading usage', () => get(orgPath('requests?limit=200')), (page) => {
    const byService = new Map();
    for (const r of page.items) {
      if (r.status !== 'CANCELED' && r.credits) {
        byService.set(r.offeringName, (byService.get(r.offeringName) || 0) + Number(r.credits));
      }
    }
    const total = [...byService.values()].reduce((a, b) => a + b, 0);
    return byService.size === 0
      ? empty('No credits spent on services yet.', h('a', { href: '#/requests/new' }, 'Create a request'))
      : h(
          'table',
          { class: 'table' },
          h('caption', { class: 'visually-hidden' }, 'Credits spent per service'),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Service'), h('th', { scope: 'col', class: 'num' }, 'Credits'), h('th', { scope: 'col' }, 'Share'))),
          h(
            'tbody',
            {},
            [...byService.entries()]
              .sort((a, b) => b[1] - a[1])
              .map(([name, credits]) =>
                h(
                  'tr',
                  {},
                  h('th', { scope: 'row' }, name),
                  h('td', { class: 'num' }, f.credits(credits)),
                  h('td', {}, h('meter', { min: 0, max: total, value: credits, 'aria-label': `${name}: share of credits spent` })),
                ),
              ),
          ),
        );
  });

  const trendBody = h('div');
  section(trendBox, 'h-trend', 'Balance over the last 30 days', trendBody);
  const to = f.today();
  const from = f.addDays(to, -29);
  withStates(
    trendBody,
    'Loading the balance trend',
    () => get(orgPath(`statistics?from=${from}&to=${to}`)),
    (stats) => {
      const points = (stats.balances || []).map((b) => ({ label: f.day(b.day), value: Number(b.balance) }));
      if (points.length === 0) {
        return empty('No balance history yet.');
      }
      return h(
        'div',
        {},
        lineChart(points, { title: `Daily balance from ${points[0].label} to ${points[points.length - 1].label}`, formatValue: f.credits }),
        h(
          'details',
          {},
          h('summary', {}, 'Show the balances as a table'),
          h(
            'table',
            { class: 'table' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'), h('th', { scope: 'col', class: 'num' }, 'Balance'))),
            h('tbody', {}, points.map((p) => h('tr', {}, h('td', {}, p.label), h('td', { class: 'num' }, f.credits(p.value))))),
          ),
        ),
      );
    },
  );
}

function renderHistory(box) {
  const f = ctx.fmt;
  const select = h(
    'select',
    { id: 'history-type', name: 'type' },
    h('option', { value: '' }, 'All types'),
    Object.entries(ENTRY_TYPES).map(([k, v]) => h('option', { value: k }, v)),
  );
  const csv = csvButton({
    id: 'history-csv',
    load: () => get(orgPath(`transactions${select.value ? `?type=${select.value}` : ''}`), { accept: 'text/csv' }),
    filename: () => `credits-${ctx.membership.organization}.csv`,
    done: 'History downloaded as CSV.',
  });
  const body = h('div');
  const load = () =>
    withStates(body, 'Loading history', () => get(orgPath(`transactions?limit=20${select.value ? `&type=${select.value}` : ''}`)), (page) =>
      page.items.length === 0
        ? empty(select.value ? 'No entries of this type.' : 'No history yet.')
        : h(
            'table',
            { class: 'table', id: 'history' },
            h('caption', { class: 'visually-hidden' }, 'Recent entries, newest first'),
            h(
              'thead',
              {},
              h('tr', {}, ['When', 'Type', 'Description', 'Credits', 'Balance after'].map((t, i) => h('th', { scope: 'col', class: i >= 3 ? 'num' : null }, t))),
            ),
            h(
              'tbody',
              {},
              page.items.map((e) =>
                h(
                  'tr',
                  {},
                  h('td', {}, f.dateTime(e.occurredAt)),
                  h('td', {}, ENTRY_TYPES[e.type] || e.type),
                  h('td', {}, e.description || ''),
                  h('td', { class: 'num' }, f.credits(e.amount)),
                  h('td', { class: 'num' }, f.credits(e.balanceAfter)),
                ),
              ),
            ),
          ),
    );
  select.addEventListener('change', load);
  replace(
    box,
    h('h2', { id: 'h-history' }, 'Recent history'),
    h('div', { class: 'toolbar' }, h('label', { for: 'history-type' }, 'Type'), select, csv),
    body,
  );
  load();
}

// ---- catalog, checkout ---------------------------------------------------------------------

function sortCatalog(items) {
  return [...items].sort((a, b) => (b.featured === a.featured ? a.sortOrder - b.sortOrder : b.featured ? 1 : -1));
}

function packageCard(p, { buy = true } = {}) {
  const f = ctx.fmt;
  const discount = Number(p.discountPercent || 0);
  return h(
    'article',
    { class: `package${p.featured ? ' featured' : ''}`, 'aria-labelledby': `pkg-${p.id}` },
    p.featured ? h('p', { class: 'badge' }, 'Featured') : null,
    h('h2', { id: `pkg-${p.id}` }, p.name),
    p.description ? h('p', {}, p.description) : null,
    h(
      'dl',
      { class: 'facts' },
      h('div', {}, h('dt', {}, 'Credits'), h('dd', {}, f.credits(p.totalCredits), Number(p.bonusCredits) > 0 ? ` (including ${f.credits(p.bonusCredits)} bonus)` : '')),
      h('div', {}, h('dt', {}, 'Price'), h('dd', {}, f.money(p.price))),
      h('div', {}, h('dt', {}, 'Per credit'), h('dd', {}, f.unitPrice(p.pricePerCredit))),
      discount > 0 ? h('div', {}, h('dt', {}, 'Saving'), h('dd', {}, `${f.percent(discount)} off the base rate`)) : null,
      p.expiryDays ? h('div', {}, h('dt', {}, 'Valid for'), h('dd', {}, `${p.expiryDays} days`)) : null,
      p.promotionEndsAt ? h('div', {}, h('dt', {}, 'Offer ends'), h('dd', {}, f.dateTime(p.promotionEndsAt))) : null,
    ),
    buy ? h('a', { class: 'button primary', href: `#/checkout/${encodeURIComponent(p.id)}`, 'aria-label': `Buy ${p.name}` }, 'Buy') : null,
  );
}

function showCatalog() {
  const body = h('div');
  screen('Buy credits', body);
  withStates(body, 'Loading packages', () => get(wsPath('catalog')), (page) =>
    page.items.length === 0
      ? empty('No packages are on sale right now. Please check back later.')
      : h('div', { class: 'packages' }, sortCatalog(page.items).map((p) => packageCard(p))),
  );
}

const CHECKOUT = 'credits4j.portal.checkout';
const HOSTED = { stripe: 'Pay by card' };

function showCheckout(packageId) {
  const body = h('div');
  screen('Checkout', body);
  const load = () => Promise.all([get(wsPath('catalog')), get(wsPath('payment-gateways')).catch(() => ({ items: [{ name: 'manual', hostedCheckout: false }] }))]);
  withStates(body, 'Loading the package', load, ([page, gateways]) => {
    const p = page.items.find((x) => x.id === packageId);
    if (!p) {
      return empty('This package is not on sale (any more).', h('a', { href: '#/catalog' }, 'See the packages'));
    }
    const hosted = gateways.items.filter((g) => g.hostedCheckout);
    const error = formError();
    const result = h('div', { id: 'checkout-result', tabindex: '-1' });
    const button = h('button', { type: 'submit', class: 'primary', id: 'place-order' }, `Buy ${p.name}`);
    const choices = [
      ...hosted.map((g) => ({ value: g.name, label: `${HOSTED[g.name] || g.name}: you continue to ${g.name === 'stripe' ? 'Stripe Checkout' : 'the payment page'} and come back here; the credits are added as soon as the payment is confirmed` })),
      { value: 'manual', label: 'Pay by bank transfer: the order stays pending until the team confirms your payment; the credits are added then' },
    ];
    const how =
      hosted.length === 0
        ? h(
            'p',
            { class: 'notice' },
            'How you pay: the order is placed now and stays ',
            h('strong', {}, 'pending until the team confirms your payment'),
            ' (for example your bank transfer). The credits are added to your balance then.',
          )
        : h(
            'fieldset',
            { class: 'field', id: 'payment-choice' },
            h('legend', {}, 'How you pay'),
            choices.map((c, i) =>
              h(
                'div',
                { class: 'field check' },
                h('input', { type: 'radio', name: 'gateway', id: `gateway-${c.value}`, value: c.value, checked: i === 0 }),
                h('label', { for: `gateway-${c.value}` }, c.label),
              ),
            ),
            h('p', { class: 'field-error', id: 'f-gateway-error', hidden: true }),
          );
    const form = h('form', { class: 'card' }, error, how, button);
    const key = newIdempotencyKey(); // one order per visit to this page, however often submitted
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form);
      const chosen = form.querySelector('input[name="gateway"]:checked');
      const gateway = chosen ? chosen.value : 'manual';
      const redirect = hosted.some((g) => g.name === gateway);
      const ok = await openDialog({
        title: `Buy ${p.name}?`,
        body: h(
          'div',
          {},
          h('p', {}, `${ctx.fmt.credits(p.totalCredits)} credits for ${ctx.fmt.money(p.price)}.`),
          h('p', {}, redirect ? 'You continue to the payment page to pay by card.' : 'The order stays pending until the team confirms your payment.'),
        ),
        confirm: redirect ? 'Continue to payment' : 'Place order',
      });
      if (!ok) {
        return;
      }
      button.disabled = true;
      try {
        const purchase = await post(orgPath('purchases'), { packageId: p.id, gateway }, { idempotencyKey: key });
        if (purchase.checkoutUrl) {
          sessionStorage.setItem(CHECKOUT, purchase.id);
          replace(result, h('p', { role: 'status' }, 'Taking you to the payment page …'));
          location.assign(purchase.checkoutUrl);
          return;
        }
        form.remove();
        await showPurchaseResult(result, purchase);
      } catch (e) {
        button.disabled = false;
        showErrors(form, e);
      }
    });
    return h('div', {}, packageCard(p, { buy: false }), form, result);
  });
}

async function showPurchaseResult(el, purchase) {
  const f = ctx.fmt;
  const pending = purchase.status === 'PENDING';
  replace(
    el,
    h('h2', {}, pending ? 'Order placed: payment pending' : 'Purchase complete'),
    h(
      'p',
      { role: 'status' },
      pending
        ? `Your order of ${purchase.packageName} (${f.credits(purchase.totalCredits)} credits for ${f.money(purchase.price)}) is pending until the team confirms your payment. The credits are added then.`
        : `${f.credits(purchase.totalCredits)} credits of ${purchase.packageName} were added.`,
    ),
    loading('Loading your balance'),
  );
  el.focus();
  try {
    const w = await get(orgPath('wallet'));
    el.lastChild.replaceWith(h('p', { id: 'new-balance' }, `Your balance: ${f.credits(w.balance)} credits (${f.credits(w.available)} available).`));
  } catch (e) {
    el.lastChild.replaceWith(h('p', {}, `Your balance could not be loaded: ${e.message}`));
  }
  el.append(h('p', {}, h('a', { href: '#/dashboard' }, 'Back to the dashboard')));
}

/** Back from the payment page (the gateway's success or cancel URL): the order it was for. */
function showCheckoutReturn(canceled) {
  const id = sessionStorage.getItem(CHECKOUT);
  if (!id) {
    screen(
      canceled ? 'Payment canceled' : 'Payment',
      h('p', { class: 'notice' }, 'This page does not know which order you paid for. Your orders and their state are on the dashboard.'),
      h('p', {}, h('a', { href: '#/dashboard', class: 'button primary' }, 'Go to the dashboard')),
    );
    return;
  }
  history.replaceState(null, '', `#/purchases/${encodeURIComponent(id)}`);
  showPurchase(id, { canceled });
}

const POLL_MS = 2000;
const POLL_TIMES = 90; // three minutes

/**
 * One order and the balance: while its payment is pending it is asked again every two seconds
 * (the gateway's webhook credits it), up to three minutes; then the state is said as it stands.
 */
function showPurchase(id, { canceled = false } = {}) {
  const f = ctx.fmt;
  const state = h('div', { id: 'purchase-state', 'aria-live': 'polite' });
  const balance = h('p', { id: 'new-balance' });
  const actions = h('div', { class: 'toolbar' });
  const hash = location.hash;
  screen(canceled ? 'Payment canceled' : 'Your order', state, balance, actions, h('p', {}, h('a', { href: '#/dashboard' }, 'Back to the dashboard')));
  let polls = 0;
  const showBalance = async () => {
    try {
      const w = await get(orgPath('wallet'));
      replace(balance, `Your balance: ${f.credits(w.balance)} credits (${f.credits(w.available)} available).`);
    } catch (e) {
      replace(balance, `Your balance could not be loaded: ${e.message}`);
    }
  };
  const render = (p) => {
    const what = `${p.packageName}: ${f.credits(p.totalCredits)} credits for ${f.money(p.price)}`;
    replace(actions);
    if (p.status === 'CREDITED' || p.status === 'PARTIALLY_REFUNDED' || p.status === 'REFUNDED') {
      sessionStorage.removeItem(CHECKOUT);
      replace(state, h('p', { class: 'ok-text', role: 'status', id: 'purchase-status', 'data-status': p.status }, `Paid: ${f.credits(p.totalCredits)} credits of ${p.packageName} were added.`));
      return false;
    }
    if (p.status === 'FAILED' || p.status === 'CANCELED') {
      sessionStorage.removeItem(CHECKOUT);
      replace(state, h('p', { class: 'bad-text', role: 'alert', id: 'purchase-status', 'data-status': p.status }, `${what}. ${p.status === 'FAILED' ? `The payment failed${p.failureReason ? `: ${p.failureReason}` : ''}.` : 'The order was canceled.'} Nothing was charged for credits you did not get.`));
      replace(actions, h('a', { href: '#/catalog', class: 'button secondary' }, 'See the packages'));
      return false;
    }
    if (p.status === 'PAID') {
      replace(state, h('p', { role: 'status', id: 'purchase-status', 'data-status': p.status }, `${what}. Paid; adding the credits …`));
      return true;
    }
    // PENDING
    if (p.gateway === 'manual') {
      replace(state, h('p', { class: 'notice', role: 'status', id: 'purchase-status', 'data-status': p.status }, `${what}. Pending until the team confirms your payment; the credits are added then.`));
      return false;
    }
    const waiting = polls < POLL_TIMES;
    replace(
      state,
      h(
        'p',
        { class: 'notice', role: 'status', id: 'purchase-status', 'data-status': p.status },
        canceled
          ? `${what}. You left the payment page before paying: the order is pending and nothing was charged.`
          : waiting
            ? `${what}. Waiting for the payment to be confirmed … This page updates by itself.`
            : `${what}. The payment has not been confirmed yet. If you paid, the credits are added as soon as the confirmation arrives; reload this page to see it.`,
      ),
    );
    replace(
      actions,
      h('button', { type: 'button', class: canceled ? 'primary' : 'secondary', id: 'continue-payment', onclick: () => continuePayment(p, actions) }, canceled ? 'Continue to payment' : 'Back to the payment page'),
    );
    return waiting && !canceled;
  };
  const poll = async () => {
    if (location.hash !== hash && location.hash !== `#/purchases/${encodeURIComponent(id)}`) {
      return; // the client went elsewhere
    }
    try {
      const p = await get(wsPath(`purchases/${seg(id)}`));
      const again = render(p);
      await showBalance();
      polls += 1;
      if (again) {
        setTimeout(poll, POLL_MS);
      }
    } catch (e) {
      if (e.status !== 401) {
        replace(state, h('div', { class: 'state failure', role: 'alert' }, h('p', {}, `The order could not be loaded: ${e.message}`), h('button', { type: 'button', class: 'secondary', onclick: poll }, 'Try again')));
      }
    }
  };
  replace(state, loading('Loading your order'));
  poll();
}

/** Sends the client back to the gateway's page of a PENDING order. */
async function continuePayment(p, actions) {
  const b = actions.querySelector('button');
  if (b) {
    b.disabled = true;
  }
  try {
    const r = await post(wsPath(`purchases/${seg(p.id)}/checkout`), {}, { idempotencyKey: newIdempotencyKey() });
    if (r.checkoutUrl) {
      sessionStorage.setItem(CHECKOUT, p.id);
      location.assign(r.checkoutUrl);
      return;
    }
    actions.append(h('p', { role: 'alert' }, 'This order has no payment page: it is paid by bank transfer.'));
  } catch (e) {
    actions.append(h('p', { class: 'field-error', role: 'alert' }, e.message));
  } finally {
    if (b) {
      b.disabled = false;
    }
  }
}

// ---- requests ------------------------------------------------------------------------------

function showNewRequest() {
  const body = h('div');
  screen('New request', body);
  withStates(body, 'Loading services', () => get(wsPath('offerings?active=true&limit=100')), (page) => {
    const offerings = page.items.filter((o) => o.active && o.pricingType === 'CREDIT_BASED');
    if (offerings.length === 0) {
      return empty('No services can be requested with credits right now.');
    }
    return requestForm(offerings);
  });
}

function requestForm(offerings) {
  const f = ctx.fmt;
  const service = field(
    'offeringId',
    'Service',
    { tag: 'select', required: true },
  );
  // Element.append() would turn an array into the text "[object HTMLOptionElement],…": spread it.
  service.input.append(
    h('option', { value: '' }, 'Choose a service'),
    ...offerings.map((o) =>
      h('option', { value: o.id }, `${o.name} — ${f.credits(o.creditsPerUnit)} credits per ${o.unitLabel || 'unit'}`),
    ),
  );
  const units = field(
    'units',
    'Units',
    { type: 'number', inputmode: 'decimal', min: '0', step: 'any', value: '1', required: true },
    'How many of the service’s units, e.g. 1 logo.',
  );
  const preview = h('div', { id: 'preview', class: 'preview', 'aria-live': 'polite' });
  const error = formError();
  const submit = h('button', { type: 'submit', class: 'primary', id: 'create-request', disabled: true }, 'Create request');
  const form = h('form', { class: 'card', novalidate: true }, error, service.field, units.field, preview, submit);
  let current = null;
  let seq = 0;
  const key = { value: newIdempotencyKey() };

  const update = async () => {
    clearErrors(form);
    submit.disabled = true;
    current = null;
    const offeringId = service.input.value;
    const n = units.input.value.trim();
    if (!offeringId || !n) {
      replace(preview, h('p', { class: 'hint' }, 'Choose a service and the units to see the cost.'));
      return;
    }
    const mine = ++seq;
    replace(preview, loading('Working out the cost'));
    try {
      const p = await get(orgPath(`requests/preview?offeringId=${encodeURIComponent(offeringId)}&units=${encodeURIComponent(n)}`));
      if (mine !== seq) {
        return;
      }
      current = p;
      key.value = newIdempotencyKey();
      renderPreview(preview, p);
      submit.disabled = !p.affordable;
    } catch (e) {
      if (mine !== seq) {
        return;
      }
      replace(preview);
      showErrors(form, e);
    }
  };
  service.input.addEventListener('change', update);
  service.input.addEventListener('input', update);
  units.input.addEventListener('input', debounce(update, 300));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!current || !current.affordable) {
      return;
    }
    submit.disabled = true;
    try {
      const created = await post(
        orgPath('requests'),
        { offeringId: service.input.value, units: Number(units.input.value) },
        { idempotencyKey: key.value },
      );
      announce(`Request created: ${f.credits(created.credits)} credits.`);
      replace(
        main,
        h('h1', { tabindex: '-1' }, 'Request created'),
        h(
          'p',
          { role: 'status', id: 'request-created' },
          `Your ${created.offeringName} request (${f.credits(created.units)} ${created.units == 1 ? 'unit' : 'units'}) costs ${f.credits(created.credits)} credits.`,
        ),
        h('p', {}, h('a', { href: '#/requests' }, 'See your requests'), ' · ', h('a', { href: '#/dashboard' }, 'Dashboard')),
      );
      main.querySelector('h1').focus();
    } catch (e) {
      submit.disabled = false;
      if (e.code === 'insufficient-credits') {
        renderShortfall(preview, e.problem);
        submit.disabled = true;
      }
      showErrors(form, e);
    }
  });
  replace(preview, h('p', { class: 'hint' }, 'Choose a service and the units to see the cost.'));
  return form;
}

function renderPreview(el, p) {
  const f = ctx.fmt;
  replace(
    el,
    h(
      'dl',
      { class: 'figures' },
      h('div', {}, h('dt', {}, 'Cost'), h('dd', { id: 'preview-cost' }, `${f.credits(p.credits)} credits`)),
      h('div', {}, h('dt', {}, 'Your balance'), h('dd', { id: 'preview-balance' }, `${f.credits(p.balance)} credits`)),
      h('div', {}, h('dt', {}, 'Available now'), h('dd', {}, `${f.credits(p.available)} credits`)),
      h('div', {}, h('dt', {}, 'Remaining after'), h('dd', { id: 'preview-remaining' }, p.affordable ? `${f.credits(p.remaining)} credits` : '—')),
    ),
  );
  if (!p.affordable) {
    renderShortfall(el, p, true);
  }
}

/** A shortfall: how many credits are missing and the packages that would cover them. */
function renderShortfall(el, p, keep = false) {
  const f = ctx.fmt;
  const packages = p.suggestedPackages || [];
  const box = h(
    'div',
    { class: 'shortfall', id: 'shortfall', role: 'alert' },
    h('p', {}, h('strong', {}, `You need ${f.credits(p.shortfall)} more credits`), ' for this request.'),
    packages.length
      ? h(
          'ul',
          { class: 'plain' },
          packages.map((pkg) =>
            h(
              'li',
              {},
              h('a', { href: `#/checkout/${encodeURIComponent(pkg.id)}`, class: 'button secondary' }, `Buy ${pkg.name}`),
              ` — ${f.credits(pkg.totalCredits)} credits for ${f.money(pkg.price)}`,
            ),
          ),
        )
      : h('p', {}, h('a', { href: '#/catalog' }, 'See the packages')),
  );
  if (!keep) {
    replace(el);
  }
  el.append(box);
}

function showRequests() {
  const body = h('div');
  screen('Your requests', h('p', {}, h('a', { href: '#/requests/new', class: 'button primary' }, 'New request')), body);
  const f = ctx.fmt;
  const load = () =>
    withStates(body, 'Loading requests', () => get(orgPath('requests?limit=100')), (page) =>
      page.items.length === 0
        ? empty('No requests yet.')
        : h(
            'table',
            { class: 'table', id: 'requests' },
            h('caption', { class: 'visually-hidden' }, 'Your requests, newest first'),
            h('thead', {}, h('tr', {}, ['Service', 'Units', 'Credits', 'Status', 'Created', 'Action'].map((t, i) => h('th', { scope: 'col', class: i === 1 || i === 2 ? 'num' : null }, t)))),
            h(
              'tbody',
              {},
              page.items.map((r) =>
                h(
                  'tr',
                  {},
                  h('th', { scope: 'row' }, r.offeringName),
                  h('td', { class: 'num' }, f.credits(r.units)),
                  h('td', { class: 'num' }, f.credits(r.credits)),
                  h('td', {}, h('span', { class: `status status-${r.status.toLowerCase()}` }, REQUEST_STATUS[r.status] || r.status)),
                  h('td', {}, f.dateTime(r.createdAt)),
                  h('td', {}, r.status === 'OPEN' ? cancelButton(r, load) : ''),
                ),
              ),
            ),
          ),
    );
  load();
}

function cancelButton(r, reload) {
  const button = h('button', { type: 'button', class: 'secondary', 'aria-label': `Cancel the ${r.offeringName} request` }, 'Cancel');
  button.addEventListener('click', async () => {
    const ok = await openDialog({
      title: 'Cancel this request?',
      body: h('p', {}, `${r.offeringName}, ${ctx.fmt.credits(r.credits)} credits. Canceled requests cannot be reopened.`),
      confirm: 'Cancel request',
      cancel: 'Keep it',
    });
    if (!ok) {
      return;
    }
    try {
      await post(wsPath(`requests/${seg(r.id)}/cancel`), {}, { idempotencyKey: newIdempotencyKey() });
      announce('Request canceled.');
      await reload();
      main.querySelector('h1').focus();
    } catch (e) {
      announce(`The request could not be canceled: ${e.message}`);
      button.after(h('p', { class: 'field-error', role: 'alert' }, e.message));
    }
  });
  return button;
}

function debounce(fn, ms) {
  let timer = null;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}

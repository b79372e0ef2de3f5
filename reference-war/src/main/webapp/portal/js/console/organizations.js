// The organizations: the list (balances, low-balance flags, search, cursor paging), one
// organization (lots, history, purchases, requests, holds) with the team's actions, and one entry.
import { get, newIdempotencyKey, post, put, seg } from '../api.js';
import {
  ALLOTMENT_STATUS,
  ENTRY_TYPES,
  HOLD_STATUS,
  LOT_SOURCES,
  PERIODS,
  PURCHASE_STATUS,
  REASONS,
  REQUEST_STATUS,
  statusText,
} from '../labels.js';
import {
  announce,
  csvButton,
  empty,
  field,
  formDialog,
  h,
  openDialog,
  replace,
  selectField,
  table,
  withStates,
} from '../ui.js';
import { ctx, num, orgPath, query, screen, section, text, wsPath } from './context.js';

const status = (labels, s) => {
  const t = statusText(labels, s);
  return h('span', { class: t.cls }, t.text);
};

const reasonOptions = [['', 'Choose a reason'], ...Object.entries(REASONS)];

// ---- the list ------------------------------------------------------------------------------

export function showOrganizations() {
  const f = ctx.fmt;
  const search = field('search', 'Search', { type: 'search' }, 'Part of the id or the name');
  const low = selectField(
    'lowBalance',
    'Balance',
    [
      ['', 'All organizations'],
      ['true', 'Low balance only'],
      ['false', 'Not low'],
    ],
    '',
  );
  const form = h(
    'form',
    { class: 'card', role: 'search', id: 'org-search' },
    h('div', { class: 'cols' }, search.field, low.field),
    h('button', { type: 'submit', class: 'primary' }, 'Search'),
  );
  const body = h('div', { class: 'card', id: 'org-list' });
  const cursors = [null];
  let page = 0;
  const load = () =>
    withStates(
      body,
      'Loading organizations',
      () =>
        get(
          wsPath(
            `organizations${query({
              search: search.input.value.trim(),
              lowBalance: low.input.value,
              limit: 25,
              cursor: cursors[page],
            })}`,
          ),
        ),
      (result) => {
        if (result.items.length === 0) {
          return empty(
            search.input.value || low.input.value ? 'No organization matches.' : 'No organizations yet.',
            h('button', { type: 'button', class: 'secondary', onclick: register }, 'Register an organization'),
          );
        }
        cursors[page + 1] = result.nextCursor || null;
        return h(
          'div',
          {},
          table(
            [
              { title: 'Organization', cell: (o) => h('a', { href: `#/organizations/${encodeURIComponent(o.organization)}` }, o.displayName || o.organization) },
              { title: 'Id', cell: (o) => o.organization },
              { title: 'Balance', num: true, cell: (o) => f.credits(o.balance) },
              { title: 'Held', num: true, cell: (o) => f.credits(o.held) },
              { title: 'Available', num: true, cell: (o) => f.credits(o.available) },
              { title: 'Flags', cell: (o) => (o.lowBalance ? h('span', { class: 'flag' }, 'Low balance') : '') },
            ],
            result.items,
            { caption: 'Organizations with their balances', id: 'organizations' },
          ),
          h(
            'div',
            { class: 'pager' },
            page > 0
              ? h('button', { type: 'button', class: 'secondary', onclick: () => { page -= 1; load(); } }, 'Previous page')
              : null,
            result.nextCursor
              ? h('button', { type: 'button', class: 'secondary', onclick: () => { page += 1; load(); } }, 'Next page')
              : null,
          ),
        );
      },
    );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    cursors.length = 1;
    page = 0;
    load();
  });
  const register = async () => {
    const id = field('organization', 'Id', { required: true, autocomplete: 'off' }, 'The host platform’s own id of the organization');
    const name = field('displayName', 'Name', { autocomplete: 'off' });
    const done = await formDialog({
      title: 'Register an organization',
      fields: [id, name],
      confirm: 'Register',
      submit: () => {
        if (!id.input.value.trim()) {
          throw fieldError('organization', 'Enter the organization’s id.');
        }
        return put(orgPath(id.input.value.trim()), { displayName: text(name.input) });
      },
    });
    if (done) {
      announce('Organization registered.');
      location.hash = `#/organizations/${encodeURIComponent(id.input.value.trim())}`;
    }
  };
  screen(
    'Organizations',
    h('p', {}, h('button', { type: 'button', class: 'secondary', onclick: register }, 'Register an organization')),
    form,
    body,
  );
  load();
}

/** An error for one field, shown like the API's 400. */
function fieldError(name, message) {
  const e = new Error(message);
  e.name = 'ApiError';
  e.status = 400;
  e.problem = { errors: [{ field: name, message }] };
  e.fieldErrors = e.problem.errors;
  return e;
}

// ---- one organization ----------------------------------------------------------------------

export function showOrganization(org) {
  const f = ctx.fmt;
  const figures = h('div');
  const actions = h('div', { class: 'toolbar' });
  const lots = h('div');
  const history = h('div');
  const purchases = h('div');
  const requests = h('div');
  const holds = h('div');
  const allotments = h('div');
  const name = h('p', { class: 'lead', id: 'org-name' });
  screen(
    `Organization ${org}`,
    name,
    h(
      'p',
      {},
      h('a', { href: '#/organizations' }, 'All organizations'),
      ' · ',
      h('a', { href: `#/organizations/${encodeURIComponent(org)}/troubleshoot` }, 'Troubleshoot'),
      ' · ',
      h('a', { href: `#/organizations/${encodeURIComponent(org)}/auto-top-up` }, 'Auto top-up'),
      ' · ',
      h('a', { href: `#/organizations/${encodeURIComponent(org)}/subscriptions` }, 'Subscriptions'),
      ' · ',
      h('a', { href: `#/organizations/${encodeURIComponent(org)}/statements` }, 'Usage statements'),
    ),
    section('h-wallet', 'Credits', figures, actions),
    section('h-purchases', 'Purchases', purchases),
    section('h-requests', 'Requests', requests),
    section('h-holds', 'Holds', holds),
    section('h-allotments', 'Allotments', allotments),
    section('h-lots', 'Lots', lots),
    section('h-history', 'History', history),
  );
  const reload = () => {
    loadWallet();
    loadPurchases();
    loadRequests();
    loadHolds();
    loadAllotments();
    historyBox.load();
  };
  const loadWallet = () => {
    const w = get(orgPath(org, 'wallet'));
    withStates(figures, 'Loading the balance', () => w, (wallet) =>
      h(
        'dl',
        { class: 'figures', id: 'org-figures' },
        h('div', {}, h('dt', {}, 'Balance'), h('dd', { id: 'org-balance' }, f.credits(wallet.balance))),
        h('div', {}, h('dt', {}, 'Available'), h('dd', { id: 'org-available' }, f.credits(wallet.available))),
        h('div', {}, h('dt', {}, 'Held'), h('dd', {}, f.credits(wallet.held))),
        Number(wallet.overdraftLimit) > 0 ? h('div', {}, h('dt', {}, 'Overdraft used'), h('dd', {}, `${f.credits(wallet.overdraftUsed)} of ${f.credits(wallet.overdraftLimit)}`)) : null,
      ),
    );
    withStates(lots, 'Loading lots', () => w, (wallet) =>
      wallet.lots.length === 0
        ? empty('No lots: no credits were ever granted.')
        : table(
            [
              { title: 'Source', cell: (l) => LOT_SOURCES[l.source] || l.source },
              { title: 'Granted', cell: (l) => f.dateTime(l.grantedAt) },
              { title: 'Original', num: true, cell: (l) => f.credits(l.original) },
              { title: 'Remaining', num: true, cell: (l) => f.credits(l.remaining) },
              { title: 'Held', num: true, cell: (l) => f.credits(l.reserved) },
              { title: 'Expires', cell: (l) => (l.expiresAt ? f.dateTime(l.expiresAt) : 'Never') },
              { title: 'Cost per credit', num: true, cell: (l) => f.unitPrice(l.costBasis) },
            ],
            wallet.lots,
            { caption: 'Lots, oldest first', id: 'lots' },
          ),
    );
  };
  replace(
    actions,
    h('button', { type: 'button', class: 'primary', id: 'adjust', onclick: () => adjust(org, reload) }, 'Add or deduct credits'),
    h('button', { type: 'button', class: 'secondary', id: 'transfer', onclick: () => transfer(org, reload) }, 'Transfer credits'),
  );

  const loadPurchases = () =>
    withStates(purchases, 'Loading purchases', () => get(orgPath(org, 'purchases?limit=100')), (page) =>
      page.items.length === 0
        ? empty('No purchases.')
        : table(
            [
              { title: 'Package', cell: (p) => p.packageName },
              { title: 'Credits', num: true, cell: (p) => f.credits(p.totalCredits) },
              { title: 'Price', num: true, cell: (p) => f.money(p.price) },
              { title: 'Status', cell: (p) => status(PURCHASE_STATUS, p.status) },
              { title: 'Ordered', cell: (p) => f.dateTime(p.createdAt) },
              { title: 'Entry', cell: (p) => (p.creditEntry ? entryLink(org, p.creditEntry, 'Credit entry') : '—') },
              {
                title: 'Actions',
                cell: (p) =>
                  h(
                    'div',
                    { class: 'row-actions' },
                    p.status === 'PENDING' || p.status === 'PAID'
                      ? h('button', { type: 'button', class: 'secondary', 'aria-label': `Confirm the payment of ${p.packageName}`, onclick: () => confirmPayment(p, reload) }, 'Confirm payment')
                      : null,
                    p.status === 'CREDITED' || p.status === 'PARTIALLY_REFUNDED'
                      ? h('button', { type: 'button', class: 'secondary', 'aria-label': `Refund ${p.packageName}`, onclick: () => refund(p, reload) }, 'Refund')
                      : null,
                  ),
              },
            ],
            page.items,
            { caption: 'Purchases, newest first', id: 'org-purchases' },
          ),
    );

  const loadRequests = () =>
    withStates(requests, 'Loading requests', () => get(orgPath(org, 'requests?limit=100')), (page) =>
      page.items.length === 0
        ? empty('No requests.')
        : table(
            [
              { title: 'Service', cell: (r) => r.offeringName },
              { title: 'Units', num: true, cell: (r) => f.credits(r.units) },
              { title: 'Credits', num: true, cell: (r) => f.credits(r.credits) },
              { title: 'Status', cell: (r) => status(REQUEST_STATUS, r.status) },
              { title: 'Created', cell: (r) => f.dateTime(r.createdAt) },
              { title: 'Entry', cell: (r) => (r.usageEntry ? entryLink(org, r.usageEntry, 'Usage entry') : '—') },
              {
                title: 'Actions',
                cell: (r) =>
                  h(
                    'div',
                    { class: 'row-actions' },
                    r.status === 'OPEN'
                      ? h('button', { type: 'button', class: 'secondary', 'aria-label': `Start the ${r.offeringName} request`, onclick: () => requestAction(r, 'start', reload) }, 'Start')
                      : null,
                    r.status === 'OPEN' || r.status === 'IN_PROGRESS'
                      ? [
                          h('button', { type: 'button', class: 'secondary', 'aria-label': `Deliver the ${r.offeringName} request`, onclick: () => requestAction(r, 'deliver', reload) }, 'Deliver'),
                          h('button', { type: 'button', class: 'secondary', 'aria-label': `Cancel the ${r.offeringName} request`, onclick: () => requestAction(r, 'cancel', reload) }, 'Cancel'),
                        ]
                      : null,
                  ),
              },
            ],
            page.items,
            { caption: 'Requests, newest first', id: 'org-requests' },
          ),
    );

  const loadHolds = () =>
    withStates(holds, 'Loading holds', () => get(orgPath(org, 'holds?limit=100')), (page) =>
      page.items.length === 0
        ? empty('No holds.')
        : table(
            [
              { title: 'Description', cell: (x) => x.description || x.id },
              { title: 'Credits', num: true, cell: (x) => f.credits(x.amount) },
              { title: 'Captured', num: true, cell: (x) => f.credits(x.captured) },
              { title: 'Status', cell: (x) => status(HOLD_STATUS, x.status) },
              { title: 'Times out', cell: (x) => f.dateTime(x.expiresAt) },
              {
                title: 'Actions',
                cell: (x) =>
                  x.status === 'ACTIVE'
                    ? h('button', { type: 'button', class: 'secondary', 'aria-label': `Release the hold of ${f.credits(x.amount)} credits`, onclick: () => releaseHold(x, reload) }, 'Release')
                    : '',
              },
            ],
            page.items,
            { caption: 'Holds, newest first', id: 'org-holds' },
          ),
    );

  const loadAllotments = () =>
    withStates(allotments, 'Loading allotments', () => get(orgPath(org, 'allotments?limit=100')), (page) =>
      h(
        'div',
        {},
        page.items.length === 0
          ? empty('No allotments: the organization gets no credits on a schedule.')
          : table(
              [
                { title: 'Credits', cell: (a) => `${f.credits(a.credits)} ${(PERIODS[a.period] || a.period).toLowerCase()}` },
                { title: 'From', cell: (a) => f.day(a.startDate) },
                { title: 'Until', cell: (a) => (a.endDate ? f.day(a.endDate) : 'No end') },
                { title: 'Unused credits', cell: (a) => unusedText(a.unusedCredits) },
                { title: 'Next grant', cell: (a) => (a.nextPeriodStart ? f.day(a.nextPeriodStart) : '—') },
                { title: 'Granted', num: true, cell: (a) => String(a.periodsGranted) },
                { title: 'Status', cell: (a) => status(ALLOTMENT_STATUS, a.status) },
                {
                  title: 'Actions',
                  cell: (a) =>
                    h(
                      'div',
                      { class: 'row-actions' },
                      a.status === 'ACTIVE' ? allotmentButton(a, 'pause', 'Pause', loadAllotments) : null,
                      a.status === 'PAUSED' ? allotmentButton(a, 'resume', 'Resume', loadAllotments) : null,
                      a.status === 'ACTIVE' || a.status === 'PAUSED' ? allotmentButton(a, 'cancel', 'Cancel', loadAllotments) : null,
                    ),
                },
              ],
              page.items,
              { caption: 'Allotments', id: 'org-allotments' },
            ),
        h('p', {}, h('button', { type: 'button', class: 'secondary', id: 'new-allotment', onclick: () => newAllotment(org, reload) }, 'New allotment')),
      ),
    );

  get(wsPath(`organizations/${seg(org)}`))
    .then((o) => replace(name, o.displayName, o.lowBalance ? [' ', h('span', { class: 'flag' }, 'Low balance')] : null))
    .catch(() => replace(name));

  const historyBox = historySection(history, org);
  loadWallet();
  loadPurchases();
  loadRequests();
  loadHolds();
  loadAllotments();
  historyBox.load();
}

function unusedText(rule) {
  const f = ctx.fmt;
  if (!rule || rule.kind === 'EXPIRE') {
    return 'Expire';
  }
  if (rule.kind === 'ROLLOVER_ALL') {
    return 'Roll over';
  }
  return `Roll over up to ${f.credits(rule.maximum)}`;
}

function allotmentButton(a, action, label, reload) {
  const f = ctx.fmt;
  const what = `${f.credits(a.credits)} credits ${(PERIODS[a.period] || a.period).toLowerCase()}`;
  return h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      'aria-label': `${label} the allotment of ${what}`,
      onclick: async () => {
        const ok = await openDialog({
          title: `${label} this allotment?`,
          body: h(
            'p',
            {},
            what,
            action === 'cancel' ? '. Nothing more is granted; credits already granted stay.' : action === 'pause' ? '. No credits are granted while it is paused.' : '. Grants start again with the next period.',
          ),
          confirm: `${label} allotment`,
          cancel: 'Keep it',
        });
        if (ok) {
          await runAction(() => post(wsPath(`allotments/${seg(a.id)}/${action}`), {}, { idempotencyKey: newIdempotencyKey() }), { pause: 'Allotment paused.', resume: 'Allotment resumed.', cancel: 'Allotment canceled.' }[action], reload);
        }
      },
    },
    label,
  );
}

function newAllotment(org, reload) {
  const f = ctx.fmt;
  const credits = field('credits', 'Credits each period', { type: 'number', inputmode: 'decimal', min: '0', step: 'any', required: true });
  const period = selectField('period', 'Period', Object.entries(PERIODS), 'MONTHLY');
  const start = field('startDate', 'First period starts on', { type: 'date', value: f.today(), required: true }, `A day in the workspace’s time zone, ${f.zone}`);
  const end = field('endDate', 'No period starts on or after (optional)', { type: 'date' });
  const unused = selectField('unusedCredits', 'Unused credits at the end of a period', [['EXPIRE', 'Expire'], ['ROLLOVER_ALL', 'Roll over']], 'EXPIRE');
  const description = field('description', 'Description', { autocomplete: 'off' });
  return formDialog({
    title: `New allotment for ${org}`,
    fields: [credits, period, start, end, unused, description],
    confirm: 'Create allotment',
    submit: async () => {
      const created = await post(
        orgPath(org, 'allotments'),
        {
          credits: num(credits.input),
          period: period.input.value,
          startDate: start.input.value || undefined,
          endDate: end.input.value || undefined,
          unusedCredits: { kind: unused.input.value },
          description: text(description.input),
        },
        { idempotencyKey: newIdempotencyKey() },
      );
      announce('Allotment created.');
      reload();
      return created;
    },
  });
}

/** A link to one ledger entry's page. */
export function entryLink(org, entryId, label = 'Entry') {
  return h('a', { href: `#/organizations/${encodeURIComponent(org)}/entries/${encodeURIComponent(entryId)}` }, label);
}

/** The history of an organization: type filter, paging by cursor, CSV download. */
function historySection(el, org, { type = '' } = {}) {
  const f = ctx.fmt;
  const select = selectField('type', 'Type', [['', 'All types'], ...Object.entries(ENTRY_TYPES)], type);
  select.input.id = 'history-type';
  select.field.querySelector('label').setAttribute('for', 'history-type');
  const csv = csvButton({
    id: 'history-csv',
    load: () => get(orgPath(org, `transactions${query({ type: select.input.value })}`), { accept: 'text/csv' }),
    filename: () => `credits-${org}.csv`,
    done: 'History downloaded as CSV.',
  });
  const body = h('div');
  const more = h('div', { class: 'pager' });
  let rows = [];
  const render = (nextCursor) => {
    replace(
      more,
      nextCursor ? h('button', { type: 'button', class: 'secondary', onclick: () => load(nextCursor) }, 'Show older entries') : null,
    );
    return rows.length === 0
      ? empty(select.input.value ? 'No entries of this type.' : 'No history yet.')
      : table(
          [
            { title: 'When', cell: (e) => entryLink(org, e.id, f.dateTime(e.occurredAt)) },
            { title: 'Type', cell: (e) => ENTRY_TYPES[e.type] || e.type },
            { title: 'Reason', cell: (e) => (e.reason ? REASONS[e.reason] || e.reason : '') },
            { title: 'Description', cell: (e) => e.description || '' },
            { title: 'By', cell: (e) => (e.actor ? e.actor.name || e.actor.id : '') },
            { title: 'Credits', num: true, cell: (e) => f.credits(e.amount) },
            { title: 'Balance after', num: true, cell: (e) => f.credits(e.balanceAfter) },
          ],
          rows,
          { caption: 'Ledger entries, newest first', id: 'history' },
        );
  };
  const load = (cursor = null) => {
    if (!cursor) {
      rows = [];
      replace(more);
    }
    return withStates(
      body,
      'Loading history',
      () => get(orgPath(org, `transactions${query({ limit: 25, type: select.input.value, cursor })}`)),
      (page) => {
        rows = rows.concat(page.items);
        return render(page.nextCursor);
      },
    );
  };
  select.input.addEventListener('change', () => load());
  replace(el, h('div', { class: 'toolbar' }, select.field, csv), body, more);
  return { load };
}

// ---- actions -------------------------------------------------------------------------------

function adjust(org, reload) {
  const direction = selectField('direction', 'Direction', [['ADD', 'Add credits'], ['DEDUCT', 'Deduct credits']], 'ADD');
  const credits = field('credits', 'Credits', { type: 'number', inputmode: 'decimal', min: '0', step: 'any', required: true });
  const reason = selectField('reason', 'Reason', reasonOptions);
  const description = field('description', 'Description', { autocomplete: 'off' }, 'Shown in the history; required when deducting');
  const expires = field('expiresAt', 'Expires on (optional, adding only)', { type: 'date' }, `The credits expire at the start of this day, ${ctx.fmt.zone}`);
  return formDialog({
    title: `Add or deduct credits: ${org}`,
    fields: [direction, credits, reason, description, expires],
    confirm: 'Save adjustment',
    submit: async () => {
      const body = {
        direction: direction.input.value,
        credits: num(credits.input),
        reason: reason.input.value || undefined,
        description: text(description.input),
        expiresAt: expires.input.value ? ctx.fmt.startOfDay(expires.input.value) : undefined,
      };
      const entry = await post(orgPath(org, 'adjustments'), body, { idempotencyKey: newIdempotencyKey() });
      announce(`${ENTRY_TYPES[entry.type] || entry.type}: ${ctx.fmt.credits(entry.amount)} credits. New balance ${ctx.fmt.credits(entry.balanceAfter)}.`);
      reload();
      return entry;
    },
  });
}

function transfer(org, reload) {
  const to = field('toOrganization', 'To organization', { required: true, autocomplete: 'off' }, 'The id of the organization receiving the credits');
  const credits = field('credits', 'Credits', { type: 'number', inputmode: 'decimal', min: '0', step: 'any', required: true });
  const reason = selectField('reason', 'Reason', reasonOptions);
  const description = field('description', 'Description', { autocomplete: 'off' });
  return formDialog({
    title: `Transfer credits from ${org}`,
    fields: [to, credits, reason, description],
    confirm: 'Transfer',
    submit: async () => {
      const result = await post(
        wsPath('transfers'),
        {
          fromOrganization: org,
          toOrganization: text(to.input),
          credits: num(credits.input),
          reason: reason.input.value || undefined,
          description: text(description.input),
        },
        { idempotencyKey: newIdempotencyKey() },
      );
      announce(`Transferred ${ctx.fmt.credits(-result.outgoing.amount)} credits to ${result.incoming.organization}.`);
      reload();
      return result;
    },
  });
}

export function confirmPayment(p, reload) {
  const reference = field('reference', 'Payment reference', { required: true, autocomplete: 'off' }, 'E.g. the bank transfer’s reference');
  return formDialog({
    title: `Confirm the payment of ${p.packageName}`,
    intro: h('p', {}, `${ctx.fmt.credits(p.totalCredits)} credits for ${ctx.fmt.money(p.price)}, ordered ${ctx.fmt.dateTime(p.createdAt)}. The credits are added when you confirm.`),
    fields: [reference],
    confirm: 'Confirm payment',
    submit: async () => {
      const done = await post(wsPath(`purchases/${seg(p.id)}/confirm`), { reference: text(reference.input) }, { idempotencyKey: newIdempotencyKey() });
      announce(`Payment confirmed: ${PURCHASE_STATUS[done.status] || done.status}.`);
      reload();
      return done;
    },
  });
}

function refund(p, reload) {
  const left = Number(p.totalCredits) - Number(p.creditsRefunded || 0);
  const credits = field('credits', 'Credits to refund', { type: 'number', inputmode: 'decimal', min: '0', step: 'any' }, `Leave empty to refund all that is left (${ctx.fmt.credits(left)}); the money follows pro rata`);
  return formDialog({
    title: `Refund ${p.packageName}`,
    intro: h('p', {}, `Paid ${ctx.fmt.money(p.amountPaid || p.price)}; refunded so far ${ctx.fmt.money(p.amountRefunded)}.`),
    fields: [credits],
    confirm: 'Refund',
    submit: async () => {
      const r = await post(wsPath(`purchases/${seg(p.id)}/refund`), { credits: num(credits.input) }, { idempotencyKey: newIdempotencyKey() });
      announce('Refund recorded.');
      reload();
      return r;
    },
  });
}

async function requestAction(r, action, reload) {
  const f = ctx.fmt;
  const what = `${r.offeringName}, ${f.credits(r.units)} units, ${f.credits(r.credits)} credits`;
  const path = wsPath(`requests/${seg(r.id)}/${action}`);
  if (action === 'start') {
    const ok = await openDialog({ title: 'Start this request?', body: h('p', {}, what), confirm: 'Start' });
    if (ok) {
      await runAction(() => post(path, {}, { idempotencyKey: newIdempotencyKey() }), 'Request started.', reload);
    }
    return;
  }
  if (action === 'deliver') {
    const units = field('actualUnits', 'Units delivered (optional)', { type: 'number', inputmode: 'decimal', min: '0', step: 'any' }, r.estimated ? 'The request was estimated: the actual units settle its cost' : 'Leave empty to deliver what was requested');
    await formDialog({
      title: 'Deliver this request',
      intro: h('p', {}, what),
      fields: [units],
      confirm: 'Mark delivered',
      submit: async () => {
        const done = await post(path, { actualUnits: num(units.input) }, { idempotencyKey: newIdempotencyKey() });
        announce('Request delivered.');
        reload();
        return done;
      },
    });
    return;
  }
  const reason = field('reason', 'Reason', { autocomplete: 'off' }, r.usageEntry ? 'The credits are given back if the service reverses on cancel' : null);
  await formDialog({
    title: 'Cancel this request',
    intro: h('p', {}, what),
    fields: [reason],
    confirm: 'Cancel request',
    submit: async () => {
      const done = await post(path, { reason: text(reason.input) }, { idempotencyKey: newIdempotencyKey() });
      announce('Request canceled.');
      reload();
      return done;
    },
  });
}

async function releaseHold(x, reload) {
  const ok = await openDialog({
    title: 'Release this hold?',
    body: h('p', {}, `${ctx.fmt.credits(x.amount)} credits held${x.description ? ` for ${x.description}` : ''} become available again.`),
    confirm: 'Release',
  });
  if (ok) {
    await runAction(() => post(wsPath(`holds/${seg(x.id)}/release`), {}, { idempotencyKey: newIdempotencyKey() }), 'Hold released.', reload);
  }
}

/** Runs an action confirmed in a dialog; a refusal is said in an alert dialog. */
export async function runAction(action, done, reload) {
  try {
    await action();
    announce(done);
    reload();
  } catch (e) {
    if (e.status !== 401) {
      await openDialog({ title: 'Not done', body: h('p', { role: 'alert' }, e.message), confirm: 'OK', cancel: 'Close' });
    }
  }
}

// ---- one entry -----------------------------------------------------------------------------

export function showEntry(org, entryId) {
  const f = ctx.fmt;
  const body = h('div');
  screen(
    'Ledger entry',
    h('p', {}, h('a', { href: `#/organizations/${encodeURIComponent(org)}` }, `Organization ${org}`)),
    body,
  );
  withStates(body, 'Loading the entry', () => get(orgPath(org, `transactions/${seg(entryId)}`)), (e) => {
    const row = (k, v) => (v === undefined || v === null || v === '' ? null : h('div', {}, h('dt', {}, k), h('dd', {}, v)));
    const refs = e.references || {};
    return h(
      'div',
      { class: 'card' },
      h(
        'dl',
        { class: 'facts', id: 'entry' },
        row('Type', ENTRY_TYPES[e.type] || e.type),
        row('Credits', f.credits(e.amount)),
        row('Balance after', f.credits(e.balanceAfter)),
        row('When', f.dateTime(e.occurredAt)),
        row('Sequence', String(e.sequence)),
        row('Reason', e.reason ? REASONS[e.reason] || e.reason : null),
        row('Description', e.description),
        row('By', e.actor ? `${e.actor.name || e.actor.id} (${e.actor.type.toLowerCase()})` : null),
        row('Counterparty', e.counterparty),
        row('Reverses', e.reversedEntry ? entryLink(org, e.reversedEntry, 'the reversed entry') : null),
        row('Purchase', refs.purchaseId),
        row('Request', refs.requestId),
        row('Hash', h('code', {}, e.hash)),
      ),
      (e.allocations || []).length
        ? h(
            'div',
            {},
            h('h2', {}, 'Lots touched'),
            table(
              [
                { title: 'Lot', cell: (a) => a.lot || 'Overdraft' },
                { title: 'Credits', num: true, cell: (a) => f.credits(a.amount) },
              ],
              e.allocations,
              { caption: 'The entry’s allocations to lots' },
            ),
          )
        : null,
    );
  });
}

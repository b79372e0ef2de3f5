// The admins' screens: the workspace's reconciliation, the notification outbox and the workspace's
// settings (webhook endpoints, API keys and members: access.js). A team member sees that they are
// for admins (the API refuses them with 403 too).
import { get, newIdempotencyKey, post, put, seg } from '../api.js';
import { announce, checkbox, csvButton, empty, field, formError, h, openDialog, selectField, showErrors, table, withStates } from '../ui.js';
import { adminOnly, ctx, isAdmin, num, query, screen, section, text, wsPath } from './context.js';

const statusSpan = (s) => h('span', { class: `status status-${String(s).toLowerCase()}` }, s.charAt(0) + s.slice(1).toLowerCase());
const orgLink = (org) => (org ? h('a', { href: `#/organizations/${encodeURIComponent(org)}` }, org) : '');

// ---- reconciliation ------------------------------------------------------------------------

export function showReconciliation() {
  if (!isAdmin()) {
    adminOnly('Reconciliation');
    return;
  }
  const f = ctx.fmt;
  const body = h('div');
  const csv = csvButton({
    id: 'reconciliation-csv',
    load: () => get(wsPath('reconciliation'), { accept: 'text/csv' }),
    filename: () => `reconciliation-${ctx.membership.workspace}.csv`,
    done: 'Reconciliation downloaded as CSV.',
  });
  const run = () =>
    withStates(body, 'Reconciling every wallet', () => get(wsPath('reconciliation')), (r) => {
      const list = (title, items, render) =>
        section(`h-${title.replace(/\W+/g, '-').toLowerCase()}`, title, items.length === 0 ? h('p', { class: 'ok-text' }, 'None.') : h('ul', { class: 'plain' }, items.map((x) => h('li', {}, render(x)))));
      const describe = (x) =>
        typeof x === 'string'
          ? x
          : [orgLink(x.organization), x.organization ? ': ' : '', x.problem || (x.discrepancies || []).join(' ') || x.status || x.id || JSON.stringify(x)];
      return h(
        'div',
        {},
        h('p', { id: 'reconciliation-verdict', class: r.clean ? 'ok-text' : 'bad-text', role: 'status' }, r.clean ? `Clean: ${r.walletsChecked} wallets checked ${f.dateTime(r.checkedAt)}.` : `Findings in ${r.walletsChecked} wallets checked ${f.dateTime(r.checkedAt)}.`),
        list('Drifting wallets', r.drifting || [], describe),
        list('Broken chains', r.brokenChains || [], describe),
        list('Paid but not credited', r.paidNotCredited || [], (p) => [orgLink(p.organization), `: ${p.packageName || ''} ${p.id || ''}`]),
        list('Idempotency keys used twice', r.duplicateKeys || [], describe),
      );
    });
  screen('Reconciliation', h('div', { class: 'toolbar' }, h('button', { type: 'button', class: 'primary', onclick: run }, 'Run again'), csv), body);
  run();
}

// ---- the notification outbox ---------------------------------------------------------------

export function showNotifications() {
  if (!isAdmin()) {
    adminOnly('Notifications');
    return;
  }
  const f = ctx.fmt;
  const filter = selectField('status', 'Show', [['', 'All'], ['PENDING', 'Pending'], ['DELIVERED', 'Delivered'], ['DEAD', 'Dead (gave up)']], '');
  const body = h('div', { class: 'card' });
  const load = () =>
    withStates(body, 'Loading notifications', () => get(wsPath(`notifications${query({ status: filter.input.value, limit: 100 })}`)), (page) =>
      page.items.length === 0
        ? empty('No notifications.')
        : table(
            [
              { title: 'Type', cell: (n) => n.type.replace(/_/g, ' ').toLowerCase() },
              { title: 'Organization', cell: (n) => orgLink(n.organization) },
              { title: 'When', cell: (n) => f.dateTime(n.occurredAt) },
              { title: 'Status', cell: (n) => statusSpan(n.status) },
              { title: 'Attempts', num: true, cell: (n) => String(n.attempts) },
              { title: 'Last error', cell: (n) => n.lastError || '' },
              {
                title: 'Actions',
                cell: (n) =>
                  n.status === 'DEAD'
                    ? h('button', { type: 'button', class: 'secondary', 'aria-label': `Retry the ${n.type.toLowerCase()} notification`, onclick: async () => {
                        try {
                          await post(wsPath(`notifications/${seg(n.id)}/retry`), {}, { idempotencyKey: newIdempotencyKey() });
                          announce('Queued again.');
                          load();
                        } catch (e) {
                          announce(`Not retried: ${e.message}`);
                        }
                      } }, 'Retry')
                    : '',
              },
            ],
            page.items,
            { caption: 'Notifications, newest first', id: 'notifications' },
          ),
    );
  const purge = async () => {
    const ok = await openDialog({ title: 'Purge delivered notifications?', body: h('p', {}, 'Delivered notifications are deleted from the outbox; pending and dead ones stay.'), confirm: 'Purge' });
    if (ok) {
      try {
        const r = await post(wsPath('notifications/purge'), {}, { idempotencyKey: newIdempotencyKey() });
        announce(`Purged ${r.deleted ?? r.purged ?? ''} notifications.`);
        load();
      } catch (e) {
        announce(`Not purged: ${e.message}`);
      }
    }
  };
  filter.input.addEventListener('change', load);
  screen('Notifications', h('div', { class: 'toolbar' }, filter.field, h('button', { type: 'button', class: 'secondary', onclick: purge }, 'Purge delivered')), body);
  load();
}

// ---- webhooks and API keys: their screens, which change them too, are in access.js ------------

export { showApiKeys, showWebhooks } from './access.js';

// ---- settings ------------------------------------------------------------------------------

export function showSettings() {
  if (!isAdmin()) {
    adminOnly('Settings');
    return;
  }
  const body = h('div');
  screen('Settings', body);
  withStates(body, 'Loading the settings', () => get(wsPath('settings')), (s) => settingsForm(s));
}

function settingsForm(s) {
  const name = field('name', 'Workspace name', { value: s.name || '', autocomplete: 'off' });
  const currency = field('currency', 'Currency (ISO 4217)', { value: s.currency, required: true, autocomplete: 'off', maxlength: '3' });
  const rate = field('baseCreditRate', 'Base price of a credit', { type: 'number', inputmode: 'decimal', min: '0', step: 'any', value: s.baseCreditRate ? s.baseCreditRate.amount : '' }, 'Packages show their discount against it');
  const scale = field('creditScale', 'Decimal places of credits', { type: 'number', inputmode: 'numeric', min: '0', max: '4', step: '1', value: s.creditScale });
  const zone = field('timeZone', 'Time zone', { value: s.timeZone, autocomplete: 'off' }, 'An IANA zone such as Europe/Berlin: days of reports and dates shown');
  const expiry = field('defaultExpiryDays', 'Default validity (days)', { type: 'number', inputmode: 'numeric', min: '1', step: '1', value: s.defaultExpiryDays ?? '' }, 'Empty: credits do not expire unless a package says so');
  const grace = field('gracePeriodDays', 'Grace period (days)', { type: 'number', inputmode: 'numeric', min: '0', step: '1', value: s.gracePeriodDays });
  const warning = field('warningDays', 'Warn before expiry (days, comma-separated)', { value: (s.warningDays || []).join(', '), autocomplete: 'off' });
  const low = field('lowBalanceThreshold', 'Low-balance threshold (credits)', { type: 'number', inputmode: 'decimal', min: '0', step: 'any', value: s.lowBalanceThreshold ?? '' }, 'Empty: no low-balance flag');
  const capCredits = field('rolloverCapCredits', 'Rollover cap (credits)', { type: 'number', inputmode: 'decimal', min: '0', step: 'any', value: s.rolloverCapCredits ?? '' });
  const capPercent = field('rolloverCapPercent', 'Rollover cap (percent)', { type: 'number', inputmode: 'numeric', min: '0', max: '100', step: '1', value: s.rolloverCapPercent ?? '' });
  const enabled = checkbox('creditsEnabled', 'Credits module switched on', s.creditsEnabled);
  const rollover = checkbox('rolloverEnabled', 'Unused credits roll over at expiry', s.rolloverEnabled);
  const error = formError();
  const submit = h('button', { type: 'submit', class: 'primary', id: 'save-settings' }, 'Save settings');
  const form = h(
    'form',
    { class: 'card', novalidate: true, id: 'settings-form' },
    error,
    h('div', { class: 'cols' }, name.field, currency.field, rate.field, scale.field, zone.field, expiry.field, grace.field, warning.field, low.field, capCredits.field, capPercent.field),
    enabled.field,
    rollover.field,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const days = warning.input.value.split(',').map((x) => x.trim()).filter(Boolean);
    const body = {
      name: text(name.input),
      currency: text(currency.input),
      baseCreditRate: rate.input.value.trim() === '' ? undefined : { amount: rate.input.value.trim(), currency: text(currency.input) },
      creditScale: num(scale.input),
      timeZone: text(zone.input),
      defaultExpiryDays: num(expiry.input),
      gracePeriodDays: num(grace.input),
      warningDays: days.map(Number),
      lowBalanceThreshold: num(low.input),
      rolloverCapCredits: num(capCredits.input),
      rolloverCapPercent: num(capPercent.input),
      creditsEnabled: enabled.input.checked,
      rolloverEnabled: rollover.input.checked,
    };
    submit.disabled = true;
    try {
      await put(wsPath('settings'), body);
      announce('Settings saved. Sign in again to see a new currency, scale or time zone everywhere.');
      form.querySelector('.form-error').hidden = true;
      submit.after(h('p', { class: 'ok-text', role: 'status', id: 'settings-saved' }, 'Saved.'));
    } catch (e) {
      showErrors(form, e);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

// Troubleshooting an organization, the questions the team is asked most: why was a request
// refused, was a purchase credited, does the wallet reconcile. Each answer links to the entries
// behind it.
import { get } from '../api.js';
import { PURCHASE_STATUS } from '../labels.js';
import { empty, field, h, replace, selectField, withStates } from '../ui.js';
import { ctx, isAdmin, num, orgPath, query, screen, section, wsPath } from './context.js';
import { entryLink } from './organizations.js';

const RECENT_DAYS = 30;

export function showTroubleshooting(org) {
  const refused = h('div');
  const credited = h('div');
  const reconciled = h('div');
  screen(
    `Troubleshoot ${org}`,
    h('p', {}, h('a', { href: `#/organizations/${encodeURIComponent(org)}` }, `Organization ${org}`)),
    section('h-refused', 'Why was a request refused?', refused),
    section('h-credited', 'Was a purchase credited?', credited),
    section('h-reconciled', 'Does the wallet reconcile?', reconciled),
  );
  requestRefused(refused, org);
  purchaseCredited(credited, org);
  walletReconciles(reconciled, org);
}

function requestRefused(el, org) {
  const f = ctx.fmt;
  withStates(el, 'Loading services', () => get(wsPath('offerings?limit=200')), (page) => {
    const offerings = page.items;
    if (offerings.length === 0) {
      return empty('The workspace has no services.');
    }
    const service = selectField('offeringId', 'Service', [['', 'Choose a service'], ...offerings.map((o) => [o.id, `${o.name}${o.active ? '' : ' (inactive)'}`])]);
    const units = field('units', 'Units', { type: 'number', inputmode: 'decimal', min: '0', step: 'any', value: '1' });
    const answers = h('ul', { class: 'plain answers', id: 'refusal-answers', 'aria-live': 'polite' });
    const form = h('form', { class: 'toolbar', novalidate: true }, service.field, units.field, h('button', { type: 'submit', class: 'primary' }, 'Check'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const o = offerings.find((x) => x.id === service.input.value);
      if (!o) {
        replace(answers, h('li', { role: 'alert' }, 'Choose the service the client asked for.'));
        return;
      }
      replace(answers, h('li', {}, 'Checking …'));
      const items = [];
      // The service itself.
      items.push(
        answer(
          o.active && o.pricingType === 'CREDIT_BASED',
          o.active
            ? o.pricingType === 'CREDIT_BASED'
              ? `${o.name} is active and credit-based: ${f.credits(o.creditsPerUnit)} credits per ${o.unitLabel || 'unit'}.`
              : `${o.name} is not credit-based (it is invoiced at ${f.money(o.price)}): requests for it spend no credits.`
            : `${o.name} is inactive: clients cannot request it.`,
          h('a', { href: `#/offerings/${encodeURIComponent(o.id)}` }, 'The service'),
        ),
      );
      if (o.concurrentRequestLimit || o.totalRequestLimit) {
        items.push(answer(null, `Limits: ${o.concurrentRequestLimit ? `${o.concurrentRequestLimit} open at a time` : 'no concurrency limit'}; ${o.totalRequestLimit ? `${o.totalRequestLimit} in all` : 'no total limit'}. A request beyond them is refused (409).`, h('a', { href: `#/organizations/${encodeURIComponent(org)}` }, 'The organization’s requests')));
      }
      // The cost against the balance, what is held.
      try {
        const p = await get(orgPath(org, `requests/preview${query({ offeringId: o.id, units: num(units.input) ?? 1 })}`));
        items.push(
          answer(
            p.affordable,
            p.affordable
              ? `It costs ${f.credits(p.credits)} credits; ${f.credits(p.available)} are available (balance ${f.credits(p.balance)}, ${f.credits(Number(p.balance) - Number(p.available))} held): enough.`
              : `It costs ${f.credits(p.credits)} credits but only ${f.credits(p.available)} are available (balance ${f.credits(p.balance)}, ${f.credits(Number(p.balance) - Number(p.available))} held): ${f.credits(p.shortfall)} short.`,
            h('a', { href: `#/organizations/${encodeURIComponent(org)}` }, 'Balance, lots and holds'),
          ),
        );
      } catch (e) {
        items.push(
          answer(
            false,
            e.code === 'module-disabled'
              ? `The credits module is switched off for the workspace: ${e.message}`
              : `The cost could not be worked out: ${e.message}`,
            isAdmin() ? h('a', { href: '#/settings' }, 'Workspace settings') : null,
          ),
        );
      }
      // Credits that expired recently.
      try {
        const since = ctx.fmt.startOfDay(ctx.fmt.addDays(ctx.fmt.today(), -RECENT_DAYS));
        const expired = await get(orgPath(org, `transactions${query({ type: 'EXPIRATION', from: since, limit: 20 })}`));
        const total = expired.items.reduce((a, e) => a + Math.abs(Number(e.amount)), 0);
        items.push(
          answer(
            expired.items.length === 0,
            expired.items.length === 0
              ? `No credits expired in the last ${RECENT_DAYS} days.`
              : `${f.credits(total)} credits expired in the last ${RECENT_DAYS} days.`,
            expired.items.map((e) => [entryLink(org, e.id, `${f.credits(e.amount)} on ${f.date(e.occurredAt)}`), ' ']),
          ),
        );
      } catch (e) {
        items.push(answer(false, `The expirations could not be read: ${e.message}`));
      }
      if (isAdmin()) {
        try {
          const s = await get(wsPath('settings'));
          items.push(answer(s.creditsEnabled, s.creditsEnabled ? 'The credits module is switched on.' : 'The credits module is switched off: every credit operation is refused.', h('a', { href: '#/settings' }, 'Settings')));
        } catch (e) {
          items.push(answer(false, `The settings could not be read: ${e.message}`));
        }
      }
      replace(answers, items);
    });
    return h('div', {}, form, answers);
  });
}

function purchaseCredited(el, org) {
  const f = ctx.fmt;
  withStates(el, 'Loading purchases', () => get(orgPath(org, 'purchases?limit=50')), (page) =>
    page.items.length === 0
      ? empty('The organization has bought nothing.')
      : h(
          'ul',
          { class: 'plain answers', id: 'purchase-answers' },
          page.items.map((p) => {
            const credited = Boolean(p.creditEntry);
            const why = {
              PENDING: 'the payment is not confirmed yet: confirm it once the money has arrived',
              PAID: 'paid but not yet credited: the reconciliation job credits it within a minute',
              FAILED: `the payment failed${p.failureReason ? `: ${p.failureReason}` : ''}`,
              CANCELED: 'the order was canceled',
            }[p.status];
            return answer(
              credited,
              credited
                ? `${p.packageName} of ${f.dateTime(p.createdAt)}: ${PURCHASE_STATUS[p.status] || p.status}, ${f.credits(p.totalCredits)} credits credited ${f.dateTime(p.creditedAt)}${p.gatewayReference ? ` (payment ${p.gatewayReference})` : ''}.`
                : `${p.packageName} of ${f.dateTime(p.createdAt)}: not credited — ${why || p.status}.`,
              credited ? entryLink(org, p.creditEntry, 'The purchase’s ledger entry') : h('a', { href: `#/organizations/${encodeURIComponent(org)}` }, 'The organization’s purchases'),
            );
          }),
        ),
  );
}

function walletReconciles(el, org) {
  const f = ctx.fmt;
  if (!isAdmin()) {
    replace(el, h('p', { class: 'notice' }, 'Only the workspace’s admins can run the reconciliation.'));
    return;
  }
  withStates(
    el,
    'Reconciling',
    () => Promise.all([get(orgPath(org, 'reconciliation')), get(orgPath(org, 'verification'))]),
    ([r, v]) =>
      h(
        'ul',
        { class: 'plain answers', id: 'reconciliation-answers' },
        answer(
          r.clean,
          r.clean
            ? `Clean: the balance ${f.credits(r.balance)} equals the sum of its ${r.entries} entries and of its lots’ remaining credits.`
            : `Drift: ${r.discrepancies.join(' ')}`,
          h('a', { href: `#/organizations/${encodeURIComponent(org)}` }, 'The history'),
        ),
        answer(
          v.valid,
          v.valid ? `The hash chain of ${v.entriesChecked} entries verifies${v.keyed ? ' with the ledger keys' : ''}.` : `The chain does not verify: ${v.problem}`,
          v.firstBadSequence ? `First entry concerned: number ${v.firstBadSequence}.` : null,
        ),
      ),
  );
}

/** One answer: a verdict (true: fine, false: the problem, null: information), a sentence, links. */
function answer(ok, sentence, ...links) {
  const mark = ok === null ? 'Note' : ok ? 'OK' : 'Problem';
  return h(
    'li',
    {},
    h('strong', { class: ok === null ? '' : ok ? 'ok-text' : 'bad-text' }, `${mark}: `),
    sentence,
    links.flat().some(Boolean) ? h('span', {}, ' — ', links) : null,
  );
}

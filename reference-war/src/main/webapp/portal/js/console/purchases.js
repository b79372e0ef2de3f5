// Every organization's purchases in one list, by state: the team sees the manual payments waiting
// for its confirmation (PENDING, the default) and confirms them here.
import { get } from '../api.js';
import { GATEWAYS, PURCHASE_STATUS, statusText } from '../labels.js';
import { empty, h, selectField, table, withStates } from '../ui.js';
import { confirmPayment } from './organizations.js';
import { ctx, query, screen, wsPath } from './context.js';

export function showPurchases() {
  const f = ctx.fmt;
  const state = selectField('status', 'State', [['', 'All states'], ...Object.entries(PURCHASE_STATUS)], 'PENDING');
  state.input.id = 'purchases-status';
  state.field.querySelector('label').setAttribute('for', 'purchases-status');
  const form = h(
    'form',
    { class: 'card', role: 'search', id: 'purchase-filter' },
    h('div', { class: 'cols' }, state.field),
    h('button', { type: 'submit', class: 'primary' }, 'Show'),
  );
  const body = h('div', { class: 'card', id: 'purchase-list' });
  const cursors = [null];
  let page = 0;
  const load = () =>
    withStates(
      body,
      'Loading purchases',
      () => get(wsPath(`purchases${query({ status: state.input.value, limit: 25, cursor: cursors[page] })}`)),
      (result) => {
        if (result.items.length === 0) {
          return empty(
            state.input.value === 'PENDING'
              ? 'No payments to confirm: every order is paid or closed.'
              : state.input.value
                ? 'No purchases in this state.'
                : 'No purchases yet.',
          );
        }
        cursors[page + 1] = result.nextCursor || null;
        return h(
          'div',
          {},
          table(
            [
              { title: 'Ordered', cell: (p) => f.dateTime(p.createdAt) },
              { title: 'Organization', cell: (p) => h('a', { href: `#/organizations/${encodeURIComponent(p.organization)}` }, p.organization) },
              { title: 'Package', cell: (p) => p.packageName },
              { title: 'Credits', num: true, cell: (p) => f.credits(p.totalCredits) },
              { title: 'Price', num: true, cell: (p) => f.money(p.price) },
              { title: 'Payment', cell: (p) => GATEWAYS[p.gateway] || p.gateway },
              { title: 'State', cell: (p) => { const t = statusText(PURCHASE_STATUS, p.status); return h('span', { class: t.cls }, t.text); } },
              {
                title: 'Actions',
                cell: (p) =>
                  p.gateway === 'manual' && (p.status === 'PENDING' || p.status === 'PAID')
                    ? h(
                        'button',
                        { type: 'button', class: 'secondary', 'aria-label': `Confirm the payment of ${p.packageName} by ${p.organization}`, onclick: () => confirmPayment(p, load) },
                        'Confirm payment',
                      )
                    : p.status === 'PENDING'
                      ? 'Awaiting the gateway'
                      : '',
              },
            ],
            result.items,
            { caption: 'Purchases, newest first', id: 'workspace-purchases' },
          ),
          h(
            'div',
            { class: 'pager' },
            page > 0 ? h('button', { type: 'button', class: 'secondary', onclick: () => { page -= 1; load(); } }, 'Previous page') : null,
            result.nextCursor ? h('button', { type: 'button', class: 'secondary', onclick: () => { page += 1; load(); } }, 'Next page') : null,
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
  screen(
    'Purchases',
    h('p', {}, 'Every organization’s orders. A manual payment stays pending until the team confirms that the money arrived; the credits are added then.'),
    form,
    body,
  );
  load();
}

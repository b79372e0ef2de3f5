// The client's subscriptions to recurring services (subscribe, pause, resume, cancel) and its
// monthly usage statements (list, one statement, CSV). Every call goes to the public REST API; the
// portal's app.js hands over its place: {fmt, orgPath, wsPath, screen}.
import { get, newIdempotencyKey, post, seg } from '../api.js';
import { SUBSCRIPTION_PAUSE_REASONS, SUBSCRIPTION_STATUS, statusText } from '../labels.js';
import { announce, csvButton, empty, formDialog, h, openDialog, selectField, table, withStates } from '../ui.js';

const EVERY = { DAILY: 'a day', WEEKLY: 'a week', MONTHLY: 'a month', QUARTERLY: 'a quarter', YEARLY: 'a year' };

export function showSubscriptions(env) {
  const f = env.fmt;
  const body = h('div');
  env.screen('Subscriptions', h('p', {}, 'Services charged every period from your credits, once per period as it starts. A period your credits cannot cover pauses the subscription; resume it after buying credits.'), body);
  const load = () =>
    withStates(body, 'Loading your subscriptions', () => get(env.orgPath('subscriptions?limit=100')), (page) =>
      h(
        'div',
        { class: 'card' },
        page.items.length === 0
          ? empty('You have no subscriptions.')
          : table(
              [
                { title: 'Service', cell: (s) => s.offeringName },
                { title: 'Credits', num: true, cell: (s) => `${f.credits(s.credits)} ${EVERY[s.period] || ''}` },
                { title: 'Next charge', cell: (s) => (s.status === 'ACTIVE' && s.nextPeriodStart ? f.day(s.nextPeriodStart) : '—') },
                {
                  title: 'State',
                  cell: (s) => {
                    const t = statusText(SUBSCRIPTION_STATUS, s.status);
                    return h('span', { class: t.cls }, t.text, s.pauseReason ? ` (${SUBSCRIPTION_PAUSE_REASONS[s.pauseReason] || s.pauseReason})` : '');
                  },
                },
                {
                  title: 'Actions',
                  cell: (s) =>
                    h(
                      'div',
                      { class: 'row-actions' },
                      s.status === 'ACTIVE' ? action(env, s, 'pause', 'Pause', load) : null,
                      s.status === 'PAUSED' ? action(env, s, 'resume', 'Resume', load) : null,
                      s.status !== 'CANCELLED' ? action(env, s, 'cancel', 'Cancel', load) : null,
                    ),
                },
              ],
              page.items,
              { caption: 'Your subscriptions', id: 'my-subscriptions' },
            ),
        h('p', {}, h('button', { type: 'button', class: 'primary', id: 'subscribe', onclick: () => subscribe(env, load) }, 'Subscribe to a service')),
      ),
    );
  load();
}

function action(env, s, verb, label, reload) {
  const words = {
    pause: 'Nothing is charged while it is paused, and the service pauses too.',
    resume: 'The running period is charged now, then every period as it starts.',
    cancel: 'Nothing more is charged. Periods already charged stay charged.',
  };
  return h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      'aria-label': `${label} the subscription to ${s.offeringName}`,
      onclick: async () => {
        const ok = await openDialog({ title: `${label} your subscription to ${s.offeringName}?`, body: h('p', {}, words[verb]), confirm: `${label} subscription`, cancel: 'Keep it' });
        if (!ok) {
          return;
        }
        try {
          await post(env.wsPath(`subscriptions/${seg(s.id)}/${verb}`), {}, { idempotencyKey: newIdempotencyKey() });
          announce({ pause: 'Subscription paused.', resume: 'Subscription resumed.', cancel: 'Subscription canceled.' }[verb]);
          reload();
        } catch (e) {
          if (e.status !== 401) {
            await openDialog({ title: 'Not done', body: h('p', { role: 'alert' }, e.message), confirm: 'OK', cancel: 'Close' });
          }
        }
      },
    },
    label,
  );
}

async function subscribe(env, reload) {
  const f = env.fmt;
  let offerings;
  try {
    offerings = (await get(env.wsPath('offerings?active=true&limit=100'))).items.filter((o) => o.serviceType === 'RECURRING' && o.active);
  } catch (e) {
    await openDialog({ title: 'Services could not be loaded', body: h('p', { role: 'alert' }, e.message), confirm: 'OK', cancel: 'Close' });
    return;
  }
  if (offerings.length === 0) {
    await openDialog({ title: 'No service to subscribe to', body: h('p', {}, 'Your agency offers no service charged every period.'), confirm: 'OK', cancel: 'Close' });
    return;
  }
  const offering = selectField('offeringId', 'Service', [['', 'Choose a service'], ...offerings.map((o) => [o.id, `${o.name}: ${f.credits(o.creditsPerUnit)} credits ${EVERY[o.period] || ''}`])], '');
  const key = newIdempotencyKey();
  const done = await formDialog({
    title: 'Subscribe to a service',
    intro: h('p', {}, 'The first period is charged now from your credits, then each period as it starts.'),
    fields: [offering],
    confirm: 'Subscribe',
    submit: () => post(env.orgPath('subscriptions'), { offeringId: offering.input.value || undefined }, { idempotencyKey: key }),
  });
  if (done) {
    announce(`Subscribed to ${done.offeringName}.`);
    reload();
  }
}

export function showStatements(env) {
  const f = env.fmt;
  const body = h('div');
  env.screen('Statements', h('p', {}, 'One statement per month, issued after the month ends: your credits at its start and end, what came in and went out, and usage by service.'), body);
  withStates(body, 'Loading your statements', () => get(env.orgPath('statements?limit=24')), (page) =>
    h(
      'div',
      { class: 'card' },
      page.items.length === 0
        ? empty('No statements yet: the first is issued after your first whole month.')
        : table(
            [
              { title: 'Month', cell: (s) => h('a', { href: `#/statements/${encodeURIComponent(s.id)}` }, `${f.period(s.periodStart, s.periodEnd)}`) },
              { title: 'Opening', num: true, cell: (s) => f.credits(s.openingBalance) },
              { title: 'Used', num: true, cell: (s) => f.credits(s.creditsUsed) },
              { title: 'Closing', num: true, cell: (s) => f.credits(s.closingBalance) },
            ],
            page.items,
            { caption: 'Your statements, newest first', id: 'my-statements' },
          ),
    ),
  );
}

export function showStatement(env, id) {
  const f = env.fmt;
  const body = h('div');
  env.screen('Statement', body);
  withStates(body, 'Loading the statement', () => get(env.wsPath(`statements/${seg(id)}`)), (s) => {
    document.querySelector('#main h1').textContent = `Statement, ${f.period(s.periodStart, s.periodEnd)}`;
    const lines = [
      ['Opening balance', s.openingBalance],
      ['Bought', s.creditsBought],
      ['Granted', s.creditsGranted],
      ['Received', s.creditsReceived],
      ['Used', s.creditsUsed],
      ['Given back', s.creditsReversed],
      ['Deducted', s.creditsDeducted],
      ['Refunded', s.creditsRefunded],
      ['Sent', s.creditsSent],
      ['Expired', s.creditsExpired],
      ['Other changes', s.otherChanges],
      ['Closing balance', s.closingBalance],
    ];
    const csv = csvButton({
      id: 'my-statement-csv',
      load: () => get(env.wsPath(`statements/${seg(id)}`), { accept: 'text/csv' }),
      filename: () => `statement-${s.organization}-${s.periodStart.slice(0, 7)}.csv`,
      done: 'The statement was downloaded as CSV.',
      failure: 'inline',
    });
    return h(
      'div',
      { class: 'card' },
      h('p', {}, h('a', { href: '#/statements' }, 'All statements')),
      table([{ title: 'Line', cell: (r) => r[0] }, { title: 'Credits', num: true, cell: (r) => f.credits(r[1]) }], lines, { caption: 'Credits from opening to closing', id: 'my-statement-lines' }),
      s.usage.length === 0
        ? h('p', {}, 'No credits were used this month.')
        : table(
            [
              { title: 'Service', cell: (u) => u.offeringName || 'Other usage' },
              { title: 'Credits', num: true, cell: (u) => f.credits(u.credits) },
            ],
            s.usage,
            { caption: 'Usage by service', id: 'my-statement-usage' },
          ),
      h('div', { class: 'toolbar' }, csv),
    );
  });
}

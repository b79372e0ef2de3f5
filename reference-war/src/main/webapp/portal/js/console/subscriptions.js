// An organization's subscriptions to recurring services: each period is charged once as a usage
// entry. The team subscribes the organization, pauses, resumes and cancels, and sees the charges.
import { get, newIdempotencyKey, post, seg } from '../api.js';
import { PERIODS, SUBSCRIPTION_PAUSE_REASONS, SUBSCRIPTION_STATUS, statusText } from '../labels.js';
import { announce, empty, field, formDialog, h, openDialog, selectField, table, withStates } from '../ui.js';
import { runAction } from './organizations.js';
import { ctx, orgPath, screen, section, text, wsPath } from './context.js';

const EVERY = { DAILY: 'a day', WEEKLY: 'a week', MONTHLY: 'a month', QUARTERLY: 'a quarter', YEARLY: 'a year' };

export function showSubscriptions(org) {
  const f = ctx.fmt;
  const list = h('div');
  screen(
    `Subscriptions of ${org}`,
    h('p', {}, h('a', { href: `#/organizations/${encodeURIComponent(org)}` }, `Organization ${org}`)),
    section('h-subscriptions', 'Subscriptions', list),
  );
  const load = () =>
    withStates(list, 'Loading subscriptions', () => get(orgPath(org, 'subscriptions?limit=100')), (page) =>
      h(
        'div',
        {},
        page.items.length === 0
          ? empty('No subscriptions: the organization pays for no recurring service.')
          : table(
              [
                { title: 'Service', cell: (s) => s.offeringName },
                { title: 'Credits', num: true, cell: (s) => `${f.credits(s.credits)} ${EVERY[s.period] ? `${EVERY[s.period]}` : (PERIODS[s.period] || s.period).toLowerCase()}` },
                { title: 'Since', cell: (s) => f.day(s.startDate) },
                { title: 'Next charge', cell: (s) => (s.status === 'ACTIVE' && s.nextPeriodStart ? f.day(s.nextPeriodStart) : '—') },
                { title: 'Periods charged', num: true, cell: (s) => String(s.periodsCharged) },
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
                      h('button', { type: 'button', class: 'secondary', 'aria-label': `Charges of ${s.offeringName}`, onclick: () => showCharges(org, s) }, 'Charges'),
                      s.status === 'ACTIVE' ? actionButton(s, 'pause', 'Pause', load) : null,
                      s.status === 'PAUSED' ? actionButton(s, 'resume', 'Resume', load) : null,
                      s.status !== 'CANCELLED' ? actionButton(s, 'cancel', 'Cancel', load) : null,
                    ),
                },
              ],
              page.items,
              { caption: 'Subscriptions, oldest first', id: 'subscriptions' },
            ),
        h('p', {}, h('button', { type: 'button', class: 'primary', id: 'subscribe', onclick: () => subscribe(org, load) }, 'Subscribe to a service')),
      ),
    );
  load();
}

function actionButton(s, action, label, reload) {
  const f = ctx.fmt;
  const what = `${s.offeringName}, ${f.credits(s.credits)} credits ${EVERY[s.period] || ''}`;
  const words = {
    pause: 'No period is charged while it is paused; periods that end meanwhile are not charged later.',
    resume: 'The running period is charged now (refused if the credits do not cover it), then every period as it starts.',
    cancel: 'Nothing more is charged. Periods already charged stay charged.',
  };
  return h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      'aria-label': `${label} the subscription to ${s.offeringName}`,
      onclick: async () => {
        const ok = await openDialog({
          title: `${label} this subscription?`,
          body: h('div', {}, h('p', {}, what), h('p', {}, words[action])),
          confirm: `${label} subscription`,
          cancel: 'Keep it',
        });
        if (ok) {
          await runAction(
            () => post(wsPath(`subscriptions/${seg(s.id)}/${action}`), {}, { idempotencyKey: newIdempotencyKey() }),
            { pause: 'Subscription paused.', resume: 'Subscription resumed.', cancel: 'Subscription canceled.' }[action],
            reload,
          );
        }
      },
    },
    label,
  );
}

async function subscribe(org, reload) {
  const f = ctx.fmt;
  let offerings = [];
  try {
    offerings = (await get(wsPath('offerings?active=true&limit=100'))).items.filter((o) => o.serviceType === 'RECURRING' && o.active);
  } catch (e) {
    await openDialog({ title: 'Services could not be loaded', body: h('p', { role: 'alert' }, e.message), confirm: 'OK', cancel: 'Close' });
    return;
  }
  if (offerings.length === 0) {
    await openDialog({ title: 'No recurring service', body: h('p', {}, 'No active service is charged every period. An admin creates one under Services (recurring, with its period).'), confirm: 'OK', cancel: 'Close' });
    return;
  }
  const offering = selectField(
    'offeringId',
    'Service',
    [['', 'Choose a service'], ...offerings.map((o) => [o.id, `${o.name}: ${f.credits(o.creditsPerUnit)} credits ${EVERY[o.period] || ''}`])],
    '',
  );
  const start = field('startDate', 'First period starts on (optional)', { type: 'date', min: f.today() }, `Today by default (the first period is charged at once); a day in ${f.zone}`);
  const key = newIdempotencyKey();
  const done = await formDialog({
    title: `Subscribe ${org} to a service`,
    intro: h('p', {}, 'Each period is charged once, as it starts, from the organization’s credits; a period the credits cannot cover pauses the subscription.'),
    fields: [offering, start],
    confirm: 'Subscribe',
    submit: () => post(orgPath(org, 'subscriptions'), { offeringId: offering.input.value || undefined, startDate: text(start.input) }, { idempotencyKey: key }),
  });
  if (done) {
    announce(`Subscribed to ${done.offeringName}.`);
    reload();
  }
}

async function showCharges(org, s) {
  const f = ctx.fmt;
  const box = h('div', { id: 'charges' });
  const shown = openDialog({ title: `Charges of ${s.offeringName}`, body: box, confirm: 'Close', cancel: 'Back to the subscriptions' });
  await withStates(box, 'Loading charges', () => get(wsPath(`subscriptions/${seg(s.id)}/charges`)), (page) =>
    page.items.length === 0
      ? empty('No period was charged yet.')
      : table(
          [
            { title: 'Period', cell: (c) => `${f.day(c.periodStart)} – ${f.day(c.periodEnd)}` },
            { title: 'Credits', num: true, cell: (c) => f.credits(c.credits) },
            { title: 'Charged', cell: (c) => f.dateTime(c.chargedAt) },
            { title: 'Entry', cell: (c) => (c.entryId ? h('a', { href: `#/organizations/${encodeURIComponent(org)}/entries/${encodeURIComponent(c.entryId)}`, onclick: (e) => e.currentTarget.closest('dialog').close() }, 'Usage entry') : '—') },
          ],
          page.items,
          { caption: 'Periods charged', id: 'charges-table' },
        ),
  );
  await shown;
}

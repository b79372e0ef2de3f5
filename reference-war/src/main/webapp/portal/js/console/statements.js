// Monthly usage statements: an organization's list, one statement as issued (with its CSV), and
// for admins issuing last month's statements now (the job the schedule also runs).
import { get, newIdempotencyKey, post, seg } from '../api.js';
import { announce, csvButton, empty, h, openDialog, table, withStates } from '../ui.js';
import { ctx, isAdmin, orgPath, screen, section, wsPath } from './context.js';

export function showStatements(org) {
  const f = ctx.fmt;
  const list = h('div');
  const cursors = [null];
  let page = 0;
  screen(
    `Usage statements of ${org}`,
    h('p', {}, h('a', { href: `#/organizations/${encodeURIComponent(org)}` }, `Organization ${org}`)),
    h('p', {}, 'One statement per month: the credits at its start and end, what came in and went out, usage by service and what was about to expire. Statements are issued after each month ends.'),
    section('h-statements', 'Statements', list),
  );
  const load = () =>
    withStates(list, 'Loading statements', () => get(orgPath(org, `statements?limit=12${cursors[page] ? `&cursor=${encodeURIComponent(cursors[page])}` : ''}`)), (result) => {
      cursors[page + 1] = result.nextCursor || null;
      return h(
        'div',
        {},
        result.items.length === 0
          ? empty('No statements yet: the first is issued after the organization’s first whole month.')
          : table(
              [
                { title: 'Month', cell: (s) => h('a', { href: `#/statements/${encodeURIComponent(s.id)}` }, `${f.period(s.periodStart, s.periodEnd)}`) },
                { title: 'Opening', num: true, cell: (s) => f.credits(s.openingBalance) },
                { title: 'Used', num: true, cell: (s) => f.credits(s.creditsUsed) },
                { title: 'Closing', num: true, cell: (s) => f.credits(s.closingBalance) },
                { title: 'Issued', cell: (s) => f.dateTime(s.issuedAt) },
              ],
              result.items,
              { caption: 'Usage statements, newest first', id: 'statements' },
            ),
        h(
          'div',
          { class: 'pager' },
          page > 0 ? h('button', { type: 'button', class: 'secondary', onclick: () => { page -= 1; load(); } }, 'Newer statements') : null,
          result.nextCursor ? h('button', { type: 'button', class: 'secondary', onclick: () => { page += 1; load(); } }, 'Older statements') : null,
        ),
        isAdmin() ? h('p', {}, h('button', { type: 'button', class: 'secondary', id: 'issue-statements', onclick: () => issue(load) }, 'Issue last month’s statements now')) : null,
      );
    });
  load();
}

/** Admins: the statements job for the workspace now, with a confirmation and its result. */
async function issue(reload) {
  const ok = await openDialog({
    title: 'Issue last month’s statements now?',
    body: h('p', {}, 'Every organization of the workspace gets its statement for the last month that ended, once: statements already issued are left as they are. The schedule does the same after each month.'),
    confirm: 'Issue statements',
  });
  if (!ok) {
    return;
  }
  try {
    const r = await post(wsPath('jobs/issue-statements'), {}, { idempotencyKey: newIdempotencyKey() });
    const said = `Issued ${r.issued} statement${r.issued === 1 ? '' : 's'}; ${r.alreadyIssued} had been issued before${r.failures ? `; ${r.failures} failed (see the server's log)` : ''}.`;
    announce(said);
    await openDialog({ title: 'Statements issued', body: h('p', { id: 'issue-result', role: 'status' }, said), confirm: 'OK', cancel: 'Close' });
    reload();
  } catch (e) {
    if (e.status !== 401) {
      await openDialog({ title: 'Not issued', body: h('p', { role: 'alert' }, e.message), confirm: 'OK', cancel: 'Close' });
    }
  }
}

export function showStatement(id) {
  const f = ctx.fmt;
  const body = h('div');
  screen('Usage statement', body);
  withStates(body, 'Loading the statement', () => get(wsPath(`statements/${seg(id)}`)), (s) => {
    document.querySelector('#main h1').textContent = `Usage statement of ${s.organization}, ${f.period(s.periodStart, s.periodEnd)}`;
    const rows = [
      ['Opening balance', s.openingBalance],
      ['Bought', s.creditsBought],
      ['Granted (allotted, added, rolled over)', s.creditsGranted],
      ['Received (transfers in)', s.creditsReceived],
      ['Used', negative(s.creditsUsed)],
      ['Reversed', s.creditsReversed],
      ['Deducted by the team', negative(s.creditsDeducted)],
      ['Refunded', negative(s.creditsRefunded)],
      ['Sent (transfers out)', negative(s.creditsSent)],
      ['Expired', negative(s.creditsExpired)],
      ['Other changes', s.otherChanges],
      ['Closing balance', s.closingBalance],
    ];
    const csv = csvButton({
      id: 'statement-csv',
      load: () => get(wsPath(`statements/${seg(id)}`), { accept: 'text/csv' }),
      filename: () => `statement-${s.organization}-${s.periodStart.slice(0, 7)}.csv`,
      done: 'The statement was downloaded as CSV.',
      failure: 'inline',
    });
    return h(
      'div',
      {},
      h('p', {}, h('a', { href: `#/organizations/${encodeURIComponent(s.organization)}/statements` }, `All statements of ${s.organization}`)),
      h('p', {}, `Days in ${s.timeZone}; issued ${f.dateTime(s.issuedAt)}.`),
      section(
        'h-credits',
        'Credits',
        table(
          [
            { title: 'Line', cell: (r) => r[0] },
            { title: 'Credits', num: true, cell: (r) => f.credits(r[1]) },
          ],
          rows,
          { caption: 'Credits from opening to closing', id: 'statement-lines' },
        ),
      ),
      section(
        'h-usage',
        'Usage by service',
        s.usage.length === 0
          ? empty('No credits were used this month.')
          : table(
              [
                { title: 'Service', cell: (u) => u.offeringName || 'Other usage' },
                { title: 'Credits', num: true, cell: (u) => f.credits(u.credits) },
                { title: 'Entries', num: true, cell: (u) => String(u.entries) },
              ],
              s.usage,
              { caption: 'Usage by service', id: 'statement-usage' },
            ),
      ),
      section(
        'h-expiring',
        `Expiring within ${s.expiringWithinDays} days of the month’s end`,
        s.expiring.length === 0
          ? empty('Nothing was about to expire.')
          : table(
              [
                { title: 'Expires', cell: (x) => f.dateTime(x.expiresAt) },
                { title: 'Credits', num: true, cell: (x) => f.credits(x.credits) },
              ],
              s.expiring,
              { caption: 'Credits about to expire', id: 'statement-expiring' },
            ),
      ),
      h('div', { class: 'toolbar' }, csv),
    );
  });
}

function negative(n) {
  return Number(n) === 0 ? n : -Math.abs(Number(n));
}

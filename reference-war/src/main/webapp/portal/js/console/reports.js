// Reports over a period in the workspace's time zone: sales and revenue by period and package,
// popular services, redemption and expiration rates, liability over time, the roll-forward; each
// as a table (and a chart where a series helps) with its CSV download from the API.
import { get } from '../api.js';
import { lineChart } from '../chart.js';
import { csvButton, empty, field, h, selectField, table, withStates } from '../ui.js';
import { ctx, query, screen, section, wsPath } from './context.js';

export function showReports() {
  const f = ctx.fmt;
  const to = field('to', 'To', { type: 'date', value: f.today(), required: true });
  const from = field('from', 'From', { type: 'date', value: f.addDays(f.today(), -29), required: true });
  const granularity = selectField('granularity', 'Per', [['DAY', 'Day'], ['WEEK', 'Week'], ['MONTH', 'Month']], 'DAY');
  const form = h(
    'form',
    { class: 'card', id: 'report-period', novalidate: true },
    h('div', { class: 'cols' }, from.field, to.field, granularity.field),
    h('p', { class: 'hint' }, `Days in the workspace’s time zone, ${f.zone}.`),
    h('button', { type: 'submit', class: 'primary' }, 'Show'),
  );
  const boxes = {
    summary: h('div'),
    revenue: h('div'),
    packages: h('div'),
    services: h('div'),
    liability: h('div'),
    rollforward: h('div'),
  };
  const reportCsv = (report, extra = {}) =>
    csvButton({
      id: `csv-${report.replace('/', '-')}`,
      load: () => get(wsPath(`reports/${report}${query({ from: from.input.value, to: to.input.value, ...extra })}`), { accept: 'text/csv' }),
      filename: () => `${report.replace('/', '-')}-${ctx.membership.workspace}-${to.input.value}.csv`,
      done: `The ${report.replace('/', ' ')} report was downloaded as CSV.`,
      failure: 'both',
    });
  screen(
    'Reports',
    form,
    section('h-summary', 'Summary', boxes.summary),
    section('h-revenue', 'Sales and revenue', boxes.revenue),
    section('h-by-package', 'Sales by package', boxes.packages),
    section('h-services', 'Popular services', boxes.services),
    section('h-liability', 'Outstanding credits (liability)', boxes.liability),
    section('h-rollforward', 'Roll-forward', boxes.rollforward),
  );
  const load = () => {
    const period = { from: from.input.value, to: to.input.value };
    const gran = granularity.input.value;
    const summary = get(wsPath(`reports/summary${query({ ...period, granularity: gran })}`));
    const revenue = get(wsPath(`reports/revenue${query({ ...period, granularity: gran })}`));
    withStates(boxes.summary, 'Loading the summary', () => summary, (s) => {
      const c = s.credits;
      const granted = Number(c.sold) + Number(c.allotted) + Number(c.manuallyAdded) + Number(c.rolledOver);
      const rate = (n) => (granted > 0 ? f.percent((100 * Number(n)) / granted) : '—');
      return h(
        'div',
        {},
        h(
          'dl',
          { class: 'figures', id: 'summary' },
          h('div', {}, h('dt', {}, 'Revenue'), h('dd', { id: 'summary-revenue' }, f.money(s.revenue))),
          h('div', {}, h('dt', {}, 'Packages sold'), h('dd', {}, String(s.packagesSold))),
          h('div', {}, h('dt', {}, 'Credits sold'), h('dd', {}, f.credits(c.sold))),
          h('div', {}, h('dt', {}, 'Credits consumed'), h('dd', {}, f.credits(c.consumed))),
          h('div', {}, h('dt', {}, 'Redemption rate'), h('dd', { id: 'redemption-rate' }, rate(c.consumed))),
          h('div', {}, h('dt', {}, 'Expiration rate'), h('dd', { id: 'expiration-rate' }, rate(c.expired))),
          h('div', {}, h('dt', {}, 'Organizations'), h('dd', {}, String(s.organizations))),
        ),
        h('p', { class: 'hint' }, 'Rates: credits consumed or expired in the period against the credits granted in it (sold, allotted, added, rolled over).'),
        h('div', { class: 'toolbar' }, reportCsv('summary', { granularity: gran })),
      );
    });
    withStates(boxes.revenue, 'Loading revenue', () => revenue, (r) => {
      const points = r.series.map((b) => ({ label: f.day(b.from), value: Number(b.revenue.amount) }));
      return h(
        'div',
        {},
        h(
          'dl',
          { class: 'figures' },
          h('div', {}, h('dt', {}, 'Recognized'), h('dd', {}, f.money(r.recognized))),
          h('div', {}, h('dt', {}, 'Breakage'), h('dd', {}, f.money(r.breakage))),
          h('div', {}, h('dt', {}, 'Refunded'), h('dd', {}, f.money(r.refunded))),
          h('div', {}, h('dt', {}, 'Deferred at the end'), h('dd', {}, f.money(r.deferredClosing))),
        ),
        points.length ? lineChart(points, { title: `Revenue per ${gran.toLowerCase()} from ${points[0].label} to ${points[points.length - 1].label}`, formatValue: (v) => f.money({ amount: v, currency: r.currency }) }) : null,
        h(
          'details',
          {},
          h('summary', {}, 'Show the series as a table'),
          table(
            [
              { title: 'Period', cell: (b) => (b.from === b.to ? f.day(b.from) : `${f.day(b.from)} – ${f.day(b.to)}`) },
              { title: 'Purchases', num: true, cell: (b) => String(b.purchases) },
              { title: 'Credits sold', num: true, cell: (b) => f.credits(b.creditsSold) },
              { title: 'Revenue', num: true, cell: (b) => f.money(b.revenue) },
              { title: 'Recognized', num: true, cell: (b) => f.money(b.recognized) },
              { title: 'Refunded', num: true, cell: (b) => f.money(b.refunded) },
            ],
            r.series,
            { caption: 'Sales and revenue per period', id: 'revenue-series' },
          ),
        ),
        h('div', { class: 'toolbar' }, reportCsv('revenue', { granularity: gran })),
      );
    });
    withStates(boxes.packages, 'Loading sales by package', () => revenue, (r) =>
      r.salesByPackage.length === 0
        ? empty('Nothing was sold in this period.')
        : table(
            [
              { title: 'Package', cell: (p) => p.packageName },
              { title: 'Purchases', num: true, cell: (p) => String(p.purchases) },
              { title: 'Credits', num: true, cell: (p) => f.credits(p.credits) },
              { title: 'Revenue', num: true, cell: (p) => f.money(p.revenue) },
              { title: 'Average price', num: true, cell: (p) => f.money(p.averagePrice) },
            ],
            r.salesByPackage,
            { caption: 'Sales by package', id: 'sales-by-package' },
          ),
    );
    withStates(boxes.services, 'Loading services', () => get(wsPath(`reports/services${query(period)}`)), (s) =>
      h(
        'div',
        {},
        s.offerings.length === 0
          ? empty('No credits were spent on services in this period.')
          : table(
              [
                { title: 'Service', cell: (o) => o.name },
                { title: 'Credits consumed', num: true, cell: (o) => f.credits(o.creditsConsumed) },
                { title: 'Requests', num: true, cell: (o) => String(o.requests) },
                { title: 'Delivered', num: true, cell: (o) => String(o.delivered) },
                { title: 'Canceled', num: true, cell: (o) => String(o.canceled) },
              ],
              [...s.offerings].sort((a, b) => Number(b.creditsConsumed) - Number(a.creditsConsumed)),
              { caption: 'Services by credits consumed', id: 'services-report' },
            ),
        h('div', { class: 'toolbar' }, reportCsv('services')),
      ),
    );
    withStates(boxes.liability, 'Loading the liability', () => get(wsPath(`reports/liability/series${query({ ...period, granularity: gran })}`)), (series) => {
      const points = series.points;
      if (points.length === 0) {
        return empty('The period starts after today: there is no liability to show yet.');
      }
      const now = points[points.length - 1];
      const label = (p) => (p.start === p.end ? f.day(p.start) : `${f.day(p.start)} – ${f.day(p.end)}`);
      return h(
        'div',
        {},
        h(
          'dl',
          { class: 'figures' },
          h('div', {}, h('dt', {}, `Outstanding credits (${label(now)})`), h('dd', { id: 'liability-credits' }, f.credits(now.outstandingCredits))),
          h('div', {}, h('dt', {}, 'Of which paid'), h('dd', {}, f.credits(now.paidCredits))),
          h('div', {}, h('dt', {}, 'Value'), h('dd', { id: 'liability-value' }, f.money(now.value))),
        ),
        lineChart(points.map((p) => ({ label: label(p), value: Number(p.outstandingCredits) })), { title: `Outstanding credits at the end of each ${gran.toLowerCase()}, ${label(points[0])} to ${label(now)}`, formatValue: f.credits }),
        h(
          'details',
          {},
          h('summary', {}, 'Show the liability as a table'),
          table(
            [
              { title: 'Period', cell: (p) => label(p) },
              { title: 'As of', cell: (p) => f.dateTime(p.asOf) },
              { title: 'Outstanding credits', num: true, cell: (p) => f.credits(p.outstandingCredits) },
              { title: 'Paid credits', num: true, cell: (p) => f.credits(p.paidCredits) },
              { title: 'Value', num: true, cell: (p) => f.money(p.value) },
              { title: 'Organizations', num: true, cell: (p) => String(p.organizations) },
            ],
            points,
            { caption: 'Liability over time', id: 'liability-series' },
          ),
        ),
        h('div', { class: 'toolbar' }, reportCsv('liability/series', { granularity: gran })),
      );
    });
    withStates(boxes.rollforward, 'Loading the roll-forward', () => get(wsPath(`reports/rollforward${query(period)}`)), (r) => {
      const c = r.credits;
      const row = (label, credits, money) => ({ label, credits, money });
      const rows = [
        row('Opening', c.opening, r.opening),
        row('Sold', c.flows.sold, r.sold),
        row('Granted otherwise (allotted, added, rolled over)', Number(c.flows.allotted) + Number(c.flows.manuallyAdded) + Number(c.flows.rolledOver), r.granted),
        row('Consumed', -Number(c.flows.consumed), r.consumed),
        row('Deducted', -Number(c.flows.manuallyDeducted), r.deducted),
        row('Expired', -Number(c.flows.expired), r.expired),
        row('Refunded', -Number(c.flows.refunded), r.refunded),
        row('Closing', c.closing, r.closing),
      ];
      return h(
        'div',
        {},
        table(
          [
            { title: 'Line', cell: (x) => x.label },
            { title: 'Credits', num: true, cell: (x) => f.credits(x.credits) },
            { title: 'Value', num: true, cell: (x) => f.money(x.money) },
          ],
          rows,
          { caption: 'Credits and their value, opening to closing', id: 'rollforward' },
        ),
        h('p', { id: 'rollforward-ties', class: r.tiesOut ? 'ok-text' : 'bad-text' }, r.tiesOut ? 'It ties out: opening plus the flows equals closing.' : `It does not tie out: a difference of ${f.money(r.difference)} (${f.credits(c.difference)} credits).`),
        h('div', { class: 'toolbar' }, reportCsv('rollforward')),
      );
    });
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  load();
}

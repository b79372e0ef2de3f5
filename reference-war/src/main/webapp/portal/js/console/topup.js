// An organization's auto top-up rule: what it buys and when, its state (pause, resume, delete),
// and every attempt the job made. The agency sets the rule; the client only reads it (and saves its
// own card in the portal through the gateway's page).
import { ApiError, del, get, newIdempotencyKey, post, put, seg } from '../api.js';
import { AUTO_TOP_UP_ATTEMPT_STATUS, AUTO_TOP_UP_STATUS, GATEWAYS, statusText } from '../labels.js';
import { announce, empty, field, formDialog, h, openDialog, selectField, table, withStates } from '../ui.js';
import { runAction } from './organizations.js';
import { ctx, num, orgPath, screen, section, wsPath } from './context.js';

const status = (labels, s) => {
  const t = statusText(labels, s);
  return h('span', { class: t.cls }, t.text);
};

/** The rule, or null when the organization has none (404 auto-top-up-not-found). */
async function ruleOf(org) {
  try {
    return await get(orgPath(org, 'auto-top-up'));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && e.code === 'auto-top-up-not-found') {
      return null;
    }
    throw e;
  }
}

export function showAutoTopUp(org) {
  const f = ctx.fmt;
  const rule = h('div');
  const attempts = h('div');
  screen(
    `Auto top-up of ${org}`,
    h('p', {}, h('a', { href: `#/organizations/${encodeURIComponent(org)}` }, `Organization ${org}`)),
    h('p', {}, 'When a debit leaves the organization’s available credits below the threshold, one purchase starts: of a package, or of the smallest package reaching a target balance.'),
    section('h-rule', 'Rule', rule),
    section('h-attempts', 'Attempts', attempts),
  );
  const load = () => {
    withStates(
      rule,
      'Loading the rule',
      () => Promise.all([ruleOf(org), get(wsPath('packages?status=ACTIVE&limit=100'))]),
      ([r, packages]) => {
        const names = Object.fromEntries(packages.items.map((p) => [p.id, p.name]));
        const setButton = (label, primary) =>
          h('button', { type: 'button', class: primary ? 'primary' : 'secondary', id: 'set-rule', onclick: () => setRule(org, r, packages.items, load) }, label);
        if (!r) {
          return empty('No auto top-up rule: the organization buys credits only when someone orders them.', setButton('Set a rule', true));
        }
        return h(
          'div',
          {},
          h(
            'dl',
            { class: 'figures', id: 'rule' },
            h('div', {}, h('dt', {}, 'State'), h('dd', { id: 'rule-status' }, status(AUTO_TOP_UP_STATUS, r.status), r.pausedReason ? ` (${r.pausedReason})` : '')),
            h('div', {}, h('dt', {}, 'When available is below'), h('dd', { id: 'rule-threshold' }, `${f.credits(r.threshold)} credits`)),
            h('div', {}, h('dt', {}, 'Buys'), h('dd', { id: 'rule-buys' }, r.packageId ? names[r.packageId] || `package ${r.packageId}` : `enough to reach ${f.credits(r.targetBalance)} credits`)),
            h('div', {}, h('dt', {}, 'At most per day'), h('dd', {}, String(r.maxPerDay))),
            h('div', {}, h('dt', {}, 'Pays through'), h('dd', {}, GATEWAYS[r.gateway] || r.gateway)),
            r.gateway !== 'manual'
              ? h('div', {}, h('dt', {}, 'Declines in a row'), h('dd', {}, `${r.consecutiveDeclines} of ${r.maxDeclines} before it pauses`))
              : null,
            r.gateway !== 'manual'
              ? h('div', {}, h('dt', {}, 'Saved card'), h('dd', {}, r.paymentMethod ? `saved with ${r.paymentMethod.gateway}` : 'none yet: the client saves one in the portal'))
              : null,
            h('div', {}, h('dt', {}, 'Last changed'), h('dd', {}, `${f.dateTime(r.updatedAt)}${r.changedBy ? ` by ${r.changedBy.name || r.changedBy.id}` : ''}`)),
          ),
          h(
            'div',
            { class: 'toolbar' },
            setButton('Change the rule', true),
            r.status === 'ACTIVE'
              ? h('button', { type: 'button', class: 'secondary', id: 'pause-rule', onclick: () => stateChange(org, 'pause', load) }, 'Pause')
              : h('button', { type: 'button', class: 'secondary', id: 'resume-rule', onclick: () => stateChange(org, 'resume', load) }, 'Resume'),
            h('button', { type: 'button', class: 'secondary', id: 'delete-rule', onclick: () => deleteRule(org, load) }, 'Delete the rule'),
          ),
        );
      },
    );
    withStates(attempts, 'Loading attempts', () => get(orgPath(org, 'auto-top-up/attempts?limit=50')), (page) =>
      page.items.length === 0
        ? empty('No attempts yet.')
        : table(
            [
              { title: 'Triggered', cell: (a) => f.dateTime(a.triggeredAt) },
              { title: 'Available then', num: true, cell: (a) => f.credits(a.available) },
              { title: 'State', cell: (a) => status(AUTO_TOP_UP_ATTEMPT_STATUS, a.status) },
              { title: 'Pays through', cell: (a) => GATEWAYS[a.gateway] || a.gateway || '' },
              { title: 'Detail', cell: (a) => a.detail || '' },
              { title: 'Finished', cell: (a) => (a.finishedAt ? f.dateTime(a.finishedAt) : '—') },
            ],
            page.items,
            { caption: 'Auto top-up attempts, newest first', id: 'attempts' },
          ),
    );
  };
  load();
}

async function setRule(org, current, packages, reload) {
  const f = ctx.fmt;
  let gateways = [{ name: 'manual' }];
  try {
    gateways = (await get(wsPath('payment-gateways'))).items;
  } catch (e) {
    // the manual gateway is always there
  }
  const threshold = field('threshold', 'When available credits fall below', { type: 'number', inputmode: 'decimal', min: '0', step: 'any', required: true, value: current ? current.threshold : '' });
  const buys = selectField(
    'packageId',
    'Buy',
    [['', 'Choose what to buy'], ...packages.map((p) => [p.id, `${p.name} (${f.credits(p.totalCredits)} credits, ${f.money(p.price)})`]), ['target', 'Enough to reach a target balance']],
    current ? (current.packageId || 'target') : '',
  );
  const target = field('targetBalance', 'Target balance (credits)', { type: 'number', inputmode: 'decimal', min: '0', step: 'any', value: current && current.targetBalance ? current.targetBalance : '' }, 'Only when buying to a target: the smallest package that reaches it');
  const maxPerDay = field('maxPerDay', 'At most per day', { type: 'number', inputmode: 'numeric', min: '1', max: '100', step: '1', value: current ? current.maxPerDay : '1' });
  const gateway = selectField('gateway', 'Pay through', gateways.map((g) => [g.name, GATEWAYS[g.name] || g.name]), current ? current.gateway : 'manual', 'Manual: a pending order the team confirms; a card is charged without the client present');
  const maxDeclines = field('maxDeclines', 'Pause after this many declines in a row', { type: 'number', inputmode: 'numeric', min: '1', max: '20', step: '1', value: current ? current.maxDeclines : '3' });
  const done = await formDialog({
    title: current ? `Change the auto top-up of ${org}` : `Set an auto top-up for ${org}`,
    fields: [threshold, buys, target, maxPerDay, gateway, maxDeclines],
    confirm: 'Save rule',
    submit: () => {
      const body = {
        threshold: num(threshold.input),
        maxPerDay: num(maxPerDay.input),
        gateway: gateway.input.value,
        maxDeclines: num(maxDeclines.input),
      };
      if (buys.input.value === 'target') {
        body.targetBalance = num(target.input);
        if (body.targetBalance === undefined) {
          throw fieldError('targetBalance', 'Enter the target balance.');
        }
      } else if (buys.input.value) {
        body.packageId = buys.input.value;
      } else {
        throw fieldError('packageId', 'Choose what to buy.');
      }
      return put(orgPath(org, 'auto-top-up'), body);
    },
  });
  if (done) {
    announce('Auto top-up rule saved.');
    reload();
  }
}

function fieldError(name, message) {
  return new ApiError(400, { detail: message, errors: [{ field: name, message }] });
}

async function stateChange(org, action, reload) {
  const pause = action === 'pause';
  const ok = await openDialog({
    title: pause ? 'Pause the auto top-up?' : 'Resume the auto top-up?',
    body: h('p', {}, pause ? 'Nothing is bought automatically while it is paused.' : 'It buys again when available credits fall below the threshold; declines are counted from zero.'),
    confirm: pause ? 'Pause' : 'Resume',
    cancel: 'Keep it as it is',
  });
  if (ok) {
    await runAction(() => post(orgPath(org, `auto-top-up/${seg(action)}`), {}, { idempotencyKey: newIdempotencyKey() }), pause ? 'Auto top-up paused.' : 'Auto top-up resumed.', reload);
  }
}

async function deleteRule(org, reload) {
  const ok = await openDialog({
    title: 'Delete the auto top-up rule?',
    body: h('p', {}, 'Nothing is bought automatically any more. Its attempts stay listed.'),
    confirm: 'Delete rule',
    cancel: 'Keep it',
  });
  if (ok) {
    await runAction(() => del(orgPath(org, 'auto-top-up')), 'Auto top-up rule deleted.', reload);
  }
}

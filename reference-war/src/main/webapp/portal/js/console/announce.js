// Announcing a package (a promotion) to the workspace's clients: a confirmation with an optional
// message, then what the API did (how many organizations were told now, how many had been before).
import { newIdempotencyKey, post, seg } from '../api.js';
import { announce, field, formDialog, h, openDialog } from '../ui.js';
import { text, wsPath } from './context.js';

export async function announcePackage(p) {
  const message = field('message', 'Message (optional)', { tag: 'textarea', rows: '3', maxlength: '200' }, 'Added to the e-mail and the webhook; the package’s credits, price and dates are said anyway');
  const key = newIdempotencyKey();
  const result = await formDialog({
    title: `Announce ${p.name} to the clients?`,
    intro: h('p', {}, 'Every client organization not told about this package yet gets one notification (e-mail, webhook promotion.announced). Organizations told before are not told again.'),
    fields: [message],
    confirm: 'Announce',
    submit: () => post(wsPath(`packages/${seg(p.id)}/announce`), { message: text(message.input) }, { idempotencyKey: key }),
  });
  if (!result) {
    return;
  }
  const said = `${p.name} announced: ${result.notified} of ${result.organizations} organization${result.organizations === 1 ? '' : 's'} notified now${result.alreadyNotified ? `, ${result.alreadyNotified} had been told before` : ''}.`;
  announce(said);
  await openDialog({ title: 'Announced', body: h('p', { id: 'announce-result', role: 'status' }, said), confirm: 'OK', cancel: 'Close' });
}

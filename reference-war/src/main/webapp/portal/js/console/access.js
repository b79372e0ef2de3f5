// Who and what may reach the workspace, for its admins: signed webhook endpoints (create, edit,
// enable and disable, rotate the secret, delete, the delivery log and replaying one event), API
// keys (create, revoke) and the workspace's members (add, change the role, remove). A secret is
// shown once, in the dialog that follows its creation; nothing shown later holds it.
import { del, get, newIdempotencyKey, post, put, seg } from '../api.js';
import { announce, empty, field, formDialog, h, openDialog, replace, selectField, table, withStates } from '../ui.js';
import { adminOnly, ctx, query, screen, section, text, wsPath } from './context.js';

/** The event types an endpoint can subscribe to (docs/webhooks.md), in the order shown. */
export const EVENT_TYPES = [
  ['purchase.credited', 'A purchase credited'],
  ['purchase.refunded', 'A purchase refunded'],
  ['purchase.failed', 'A payment failed'],
  ['purchase.reminder', 'A pending purchase reminded'],
  ['request.created', 'A request created'],
  ['request.delivered', 'A request delivered'],
  ['request.canceled', 'A request canceled'],
  ['balance.low', 'A balance below the threshold'],
  ['credits.expiring_soon', 'Credits expiring soon'],
  ['credits.expired', 'Credits expired'],
  ['allotment.granted', 'An allotment granted'],
  ['hold.expired', 'A hold expired'],
  ['auto_top_up.succeeded', 'An auto top-up succeeded'],
  ['auto_top_up.failed', 'An auto top-up failed'],
  ['auto_top_up.paused', 'An auto top-up paused'],
  ['subscription.charged', 'A subscription charged'],
  ['subscription.paused', 'A subscription paused'],
  ['statement.issued', 'A statement issued'],
  ['promotion.announced', 'A promotion announced'],
  ['webhook_endpoint.disabled', 'An endpoint disabled after failures'],
];

const OVERLAPS = [
  ['PT0S', 'None: the old secret stops at once'],
  ['PT1H', '1 hour'],
  ['PT24H', '24 hours'],
  ['P7D', '7 days'],
];

const word = (s) => s.charAt(0) + s.slice(1).toLowerCase().replace(/_/g, ' ');
const statusSpan = (s) => h('span', { class: `status status-${String(s).toLowerCase()}` }, word(s));

/** Refuses the screen to a team member (the API would answer 403); true when it may go on. */
function admins(title) {
  if (ctx.membership.role !== 'admin') {
    adminOnly(title);
    return false;
  }
  return true;
}

/**
 * The dialog that shows a secret this once: a read-only field the admin can select, a "Copy"
 * button, and the warning that it is not shown again.
 */
function showSecretOnce({ title, what, secret, id }) {
  const input = h('input', { id, readonly: true, value: secret, class: 'secret', 'aria-describedby': `${id}-warning`, spellcheck: 'false', autocomplete: 'off' });
  const copied = h('p', { class: 'hint', role: 'status', id: `${id}-copied` });
  const copy = h('button', { type: 'button', class: 'secondary', id: `${id}-copy` }, 'Copy');
  copy.addEventListener('click', async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(secret);
      copied.textContent = 'Copied to the clipboard.';
    } catch (e) {
      // Without clipboard access the text stays selected: Ctrl+C copies it.
      copied.textContent = 'Selected: press Ctrl+C (or ⌘C) to copy it.';
    }
  });
  return openDialog({
    title,
    body: h(
      'div',
      {},
      h('p', { class: 'notice', id: `${id}-warning` }, `This is the only time the ${what} is shown. Copy it now and keep it somewhere safe: it cannot be shown again (a new one can be made).`),
      h('div', { class: 'field' }, h('label', { for: id }, what.charAt(0).toUpperCase() + what.slice(1)), h('div', { class: 'secret-row' }, input, copy)),
      copied,
    ),
    confirm: 'Done',
    cancel: 'Close',
  });
}

/** Event types as a group of checkboxes named eventTypes (errors shown under the group). */
function eventTypesField(chosen = []) {
  const boxes = EVENT_TYPES.map(([type, label]) => {
    const id = `f-event-${type.replace(/\W/g, '-')}`;
    const input = h('input', { type: 'checkbox', id, value: type, checked: chosen.includes(type), 'data-event-type': type });
    return { input, el: h('li', { class: 'field check' }, input, h('label', { for: id }, label, ' ', h('code', {}, type))) };
  });
  const error = h('p', { class: 'field-error', id: 'f-eventTypes-error', hidden: true });
  const all = h('button', { type: 'button', class: 'link' }, 'Select all');
  all.addEventListener('click', () => boxes.forEach((b) => (b.input.checked = true)));
  const group = h(
    'fieldset',
    { class: 'field event-types', id: 'f-eventTypes', name: 'eventTypes', 'aria-describedby': 'f-eventTypes-error' },
    h('legend', {}, 'Event types'),
    h('p', { class: 'hint' }, 'The endpoint receives only the events it subscribes to. ', all),
    error,
    h('ul', { class: 'plain cols' }, boxes.map((b) => b.el)),
  );
  return { field: group, values: () => boxes.filter((b) => b.input.checked).map((b) => b.input.value) };
}

// ---- webhook endpoints ---------------------------------------------------------------------

export function showWebhooks() {
  if (!admins('Webhooks')) {
    return;
  }
  const f = ctx.fmt;
  const body = h('div', { class: 'card' });
  const load = () =>
    withStates(body, 'Loading endpoints', () => get(wsPath('webhook-endpoints')), (page) =>
      page.items.length === 0
        ? empty('No webhook endpoints yet. Add one to receive signed events.')
        : table(
            [
              { title: 'URL', cell: (w) => h('a', { href: `#/webhooks/${encodeURIComponent(w.id)}` }, w.url) },
              { title: 'Events', cell: (w) => w.eventTypes.join(', ') },
              { title: 'Status', cell: (w) => statusSpan(w.status) },
              { title: 'Failing since', cell: (w) => (w.failingSince ? f.dateTime(w.failingSince) : '—') },
              { title: 'Description', cell: (w) => w.description || w.disabledReason || '' },
            ],
            page.items,
            { caption: 'Webhook endpoints', id: 'webhooks' },
          ),
    );
  const add = h('button', { type: 'button', class: 'primary', id: 'add-endpoint' }, 'Add an endpoint');
  add.addEventListener('click', async () => {
    const made = await endpointDialog(null);
    if (made) {
      load();
      await showSecretOnce({ title: 'Endpoint added: its signing secret', what: 'signing secret', secret: made.secret, id: 'webhook-secret' });
      location.hash = `#/webhooks/${encodeURIComponent(made.endpoint.id)}`;
    }
  });
  screen(
    'Webhooks',
    h('p', { class: 'hint' }, 'Endpoints receive the workspace’s events over HTTPS, signed with their secret (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature).'),
    h('div', { class: 'toolbar' }, add),
    body,
  );
  load();
}

/** Creates (endpoint null) or edits an endpoint's URL, description and event types. */
function endpointDialog(endpoint) {
  const url = field('url', 'URL', { type: 'url', required: true, autocomplete: 'off', value: endpoint ? endpoint.url : '' }, 'HTTPS; where the events are posted');
  const description = field('description', 'Description (optional)', { autocomplete: 'off', maxlength: '200', value: endpoint ? endpoint.description || '' : '' });
  const types = eventTypesField(endpoint ? endpoint.eventTypes : []);
  return formDialog({
    title: endpoint ? 'Edit the endpoint' : 'Add a webhook endpoint',
    fields: [url, description, types.field],
    confirm: endpoint ? 'Save the endpoint' : 'Add the endpoint',
    submit: async () => {
      const body = { url: text(url.input), eventTypes: types.values(), description: text(description.input) };
      if (endpoint) {
        const saved = await put(wsPath(`webhook-endpoints/${seg(endpoint.id)}`), { ...body, status: endpoint.status });
        announce('Endpoint saved.');
        return saved;
      }
      return post(wsPath('webhook-endpoints'), body, { idempotencyKey: newIdempotencyKey() });
    },
  });
}

export function showWebhook(id) {
  if (!admins('Webhook endpoint')) {
    return;
  }
  const f = ctx.fmt;
  const summary = h('div', { class: 'card' });
  const log = h('div');
  screen('Webhook endpoint', h('p', {}, h('a', { href: '#/webhooks' }, 'All endpoints')), summary, section('h-deliveries', 'Delivery log', log));
  const path = wsPath(`webhook-endpoints/${seg(id)}`);
  const load = () =>
    withStates(summary, 'Loading the endpoint', () => get(path), (w) => {
      const row = (label, value, valueId = null) => h('div', {}, h('dt', {}, label), h('dd', { id: valueId }, value));
      const edit = h('button', { type: 'button', class: 'secondary', id: 'edit-endpoint' }, 'Edit');
      edit.addEventListener('click', async () => {
        if (await endpointDialog(w)) {
          load();
        }
      });
      const enabled = w.status === 'ENABLED';
      const toggle = h('button', { type: 'button', class: 'secondary', id: 'toggle-endpoint' }, enabled ? 'Disable' : 'Enable');
      toggle.addEventListener('click', async () => {
        const done = await formDialog({
          title: enabled ? 'Disable this endpoint?' : 'Enable this endpoint?',
          intro: h('p', {}, enabled ? `Nothing is sent to ${w.url} while it is disabled; events of that time are not sent later.` : `Events are sent to ${w.url} again; its failure record is cleared.`),
          confirm: enabled ? 'Disable' : 'Enable',
          submit: () => put(path, { url: w.url, eventTypes: w.eventTypes, description: w.description, status: enabled ? 'DISABLED' : 'ENABLED' }),
        });
        if (done) {
          announce(enabled ? 'Endpoint disabled.' : 'Endpoint enabled.');
          load();
        }
      });
      const rotate = h('button', { type: 'button', class: 'secondary', id: 'rotate-secret' }, 'Rotate the secret');
      rotate.addEventListener('click', async () => {
        const overlap = selectField('overlap', 'The old secret keeps signing for', OVERLAPS, 'PT24H', 'Both secrets sign during the overlap, so receivers can switch without losing events');
        const rotated = await formDialog({
          title: 'Rotate the signing secret?',
          intro: h('p', {}, 'A new secret is made and shown once.'),
          fields: [overlap],
          confirm: 'Rotate',
          submit: () => post(`${path}/rotate-secret`, { overlap: overlap.input.value }, { idempotencyKey: newIdempotencyKey() }),
        });
        if (rotated) {
          load();
          await showSecretOnce({ title: 'The new signing secret', what: 'signing secret', secret: rotated.secret, id: 'webhook-secret' });
        }
      });
      const remove = h('button', { type: 'button', class: 'danger', id: 'delete-endpoint' }, 'Delete');
      remove.addEventListener('click', async () => {
        const done = await formDialog({
          title: 'Delete this endpoint?',
          intro: h('p', {}, `${w.url} receives no more events, and its delivery log is deleted with it. This cannot be undone.`),
          confirm: 'Delete',
          submit: () => del(path),
        });
        if (done) {
          announce('Endpoint deleted.');
          location.hash = '#/webhooks';
        }
      });
      return h(
        'div',
        {},
        h(
          'dl',
          { class: 'facts', id: 'endpoint' },
          row('URL', w.url, 'endpoint-url'),
          row('Status', statusSpan(w.status), 'endpoint-status'),
          row('Event types', w.eventTypes.join(', '), 'endpoint-events'),
          w.description ? row('Description', w.description) : null,
          row('Created', f.dateTime(w.createdAt)),
          w.previousSecretUntil ? row('The previous secret signs until', f.dateTime(w.previousSecretUntil), 'previous-secret-until') : null,
          w.failingSince ? row('Failing since', f.dateTime(w.failingSince)) : null,
          w.disabledReason ? row('Disabled because', w.disabledReason) : null,
        ),
        h('div', { class: 'actions' }, edit, toggle, rotate, remove),
      );
    });
  load();
  deliveryLog(log, path);
}

function deliveryLog(el, path) {
  const f = ctx.fmt;
  const rows = [];
  const body = h('div');
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Older deliveries');
  const refresh = h('button', { type: 'button', class: 'secondary', id: 'refresh-deliveries' }, 'Refresh');
  let cursor = null;
  const render = () =>
    rows.length === 0
      ? empty('No deliveries yet: events the endpoint subscribes to appear here when they are sent.')
      : table(
          [
            { title: 'Event', cell: (d) => [h('code', {}, d.eventType), h('br'), h('span', { class: 'hint' }, d.eventId)] },
            { title: 'Status', cell: (d) => statusSpan(d.status) },
            { title: 'Attempts', num: true, cell: (d) => String(d.attempts) },
            { title: 'Last answer', cell: (d) => [d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : '—', d.lastLatencyMillis !== undefined ? ` in ${d.lastLatencyMillis} ms` : ''] },
            { title: 'Error', cell: (d) => d.lastError || '' },
            { title: 'Created', cell: (d) => f.dateTime(d.createdAt) },
            { title: 'Delivered or next attempt', cell: (d) => (d.deliveredAt ? f.dateTime(d.deliveredAt) : d.nextAttemptAt ? `next ${f.dateTime(d.nextAttemptAt)}` : '—') },
            {
              title: 'Actions',
              cell: (d) => h('button', { type: 'button', class: 'secondary', 'aria-label': `Replay event ${d.eventId}`, onclick: () => replay(d) }, 'Replay'),
            },
          ],
          rows,
          { caption: 'Deliveries, newest first', id: 'deliveries' },
        );
  const page = async (reset) => {
    const p = await get(`${path}/deliveries${query({ cursor: reset ? null : cursor, limit: 50 })}`);
    if (reset) {
      rows.length = 0;
    }
    rows.push(...p.items);
    cursor = p.nextCursor || null;
    more.hidden = !cursor;
    return rows;
  };
  const load = () => withStates(body, 'Loading the delivery log', () => page(true), render);
  const replay = async (d) => {
    const done = await formDialog({
      title: 'Send this event again?',
      intro: h('p', {}, `Event ${d.eventId} (${d.eventType}) is sent to this endpoint again, with the same webhook-id and body: receivers that deduplicate by webhook-id ignore it.`),
      confirm: 'Replay',
      submit: () => post(`${path}/replay`, { eventId: d.eventId }, { idempotencyKey: newIdempotencyKey() }),
    });
    if (done) {
      announce('The event is queued to be sent again.');
      load();
    }
  };
  more.addEventListener('click', async () => {
    try {
      await page(false);
      replace(body, render());
    } catch (e) {
      announce(`Not loaded: ${e.message}`);
    }
  });
  refresh.addEventListener('click', load);
  replace(el, h('div', { class: 'toolbar' }, refresh), body, more);
  load();
}

// ---- API keys ------------------------------------------------------------------------------

export function showApiKeys() {
  if (!admins('API keys')) {
    return;
  }
  const f = ctx.fmt;
  const body = h('div', { class: 'card' });
  const load = () =>
    withStates(body, 'Loading API keys', () => get(wsPath('api-keys')), (list) => {
      const items = list.items || list;
      return items.length === 0
        ? empty('No API keys yet. A key lets a machine call the API as the team or as one organization’s client.')
        : table(
            [
              { title: 'Label', cell: (k) => k.label || k.id },
              { title: 'Role', cell: (k) => (k.organization ? `client of ${k.organization}` : k.role) },
              { title: 'Status', cell: (k) => statusSpan(k.status) },
              { title: 'Created', cell: (k) => `${f.dateTime(k.createdAt)}${k.createdBy ? ` by ${k.createdBy}` : ''}` },
              { title: 'Expires', cell: (k) => (k.expiresAt ? f.dateTime(k.expiresAt) : 'Never') },
              { title: 'Last used', cell: (k) => (k.lastUsedAt ? f.dateTime(k.lastUsedAt) : 'Never') },
              {
                title: 'Actions',
                cell: (k) =>
                  k.status === 'ACTIVE'
                    ? h('button', { type: 'button', class: 'secondary', 'aria-label': `Revoke the key ${k.label}`, onclick: () => revoke(k) }, 'Revoke')
                    : k.revokedAt
                      ? `revoked ${f.dateTime(k.revokedAt)}${k.revokedBy ? ` by ${k.revokedBy}` : ''}`
                      : '',
              },
            ],
            items,
            { caption: 'API keys', id: 'api-keys' },
          );
    });
  const revoke = async (k) => {
    const done = await formDialog({
      title: `Revoke the key “${k.label}”?`,
      intro: h('p', {}, 'Calls with this key are refused (401) from now on. This cannot be undone: a new key can be made.'),
      confirm: 'Revoke',
      submit: () => del(wsPath(`api-keys/${seg(k.id)}`)),
    });
    if (done) {
      announce(`Key ${k.label} revoked.`);
      load();
    }
  };
  const create = h('button', { type: 'button', class: 'primary', id: 'create-api-key' }, 'Create an API key');
  create.addEventListener('click', async () => {
    const label = field('label', 'Label', { required: true, autocomplete: 'off', maxlength: '100' }, 'Who or what uses it, e.g. “acme’s portal”');
    const role = selectField('role', 'Acts as', [['team', 'The team'], ['client', 'The client of one organization']], 'team');
    const organization = field('organization', 'Organization', { autocomplete: 'off' }, 'For a client key: the id of the organization it acts for');
    const expires = field('expiresAt', 'Expires on (optional)', { type: 'date' }, `The key stops working at the start of this day, ${f.zone}`);
    const showOrganization = () => {
      organization.field.hidden = role.input.value !== 'client';
    };
    role.input.addEventListener('change', showOrganization);
    showOrganization();
    const made = await formDialog({
      title: 'Create an API key',
      fields: [label, role, organization, expires],
      confirm: 'Create the key',
      submit: () =>
        post(
          wsPath('api-keys'),
          {
            label: text(label.input),
            role: role.input.value,
            organization: role.input.value === 'client' ? text(organization.input) : undefined,
            expiresAt: expires.input.value ? f.startOfDay(expires.input.value) : undefined,
          },
          { idempotencyKey: newIdempotencyKey() },
        ),
    });
    if (made) {
      load();
      await showSecretOnce({ title: `Key “${made.label}” created`, what: 'key', secret: made.key, id: 'api-key-secret' });
    }
  });
  screen(
    'API keys',
    h('p', { class: 'hint' }, 'Keys for machines: they send Authorization: Bearer <key>. A key acts in this workspace only, as the team or as one organization’s client, never as an admin.'),
    h('div', { class: 'toolbar' }, create),
    body,
  );
  load();
}

// ---- members -------------------------------------------------------------------------------

const ROLES = [
  ['admin', 'Admin: everything, settings and members included'],
  ['team', 'Team: the daily work'],
  ['client', 'Client of one organization'],
];

export function showMembers() {
  if (!admins('Members')) {
    return;
  }
  const body = h('div', { class: 'card' });
  const me = ctx.session.user;
  const load = () =>
    withStates(body, 'Loading the members', () => get(wsPath('members')), (list) =>
      list.items.length === 0
        ? empty('No members.')
        : table(
            [
              { title: 'User name', cell: (m) => (m.principal === me ? `${m.principal} (you)` : m.principal) },
              { title: 'Role', cell: (m) => (m.role === 'client' ? ['client of ', h('a', { href: `#/organizations/${encodeURIComponent(m.organization)}` }, m.organization)] : m.role) },
              {
                title: 'Actions',
                cell: (m) =>
                  h(
                    'div',
                    { class: 'row-actions' },
                    h('button', { type: 'button', class: 'secondary', 'aria-label': `Change the role of ${m.principal}`, onclick: () => memberDialog(m) }, 'Change role'),
                    h('button', { type: 'button', class: 'secondary', 'aria-label': `Remove ${m.principal}`, onclick: () => removeMember(m) }, 'Remove'),
                  ),
              },
            ],
            [...list.items].sort((a, b) => a.principal.localeCompare(b.principal)),
            { caption: 'Members of the workspace', id: 'members' },
          ),
    );
  const memberDialog = async (member) => {
    const principal = field('principal', 'User name', { required: true, autocomplete: 'off', value: member ? member.principal : '', readonly: member ? true : undefined }, member ? null : 'The login’s name in the server’s identity store, exactly');
    const role = selectField('role', 'Role', ROLES, member ? member.role : 'team', 'A membership gives no more than the login’s own role');
    const organization = field('organization', 'Organization', { autocomplete: 'off', value: member && member.organization ? member.organization : '' }, 'For a client: the id of its organization');
    const showOrganization = () => {
      organization.field.hidden = role.input.value !== 'client';
    };
    role.input.addEventListener('change', showOrganization);
    showOrganization();
    const saved = await formDialog({
      title: member ? `Change the role of ${member.principal}` : 'Add a member',
      fields: [principal, role, organization],
      confirm: member ? 'Save the role' : 'Add the member',
      submit: async (form) => {
        const name = principal.input.value;
        if (name.trim() === '') {
          // The path needs a name: say so at the field, as the API would.
          throw Object.assign(new Error('User name is required'), { name: 'ApiError', status: 400, fieldErrors: [{ field: 'principal', message: 'is required' }] });
        }
        form.dataset.principal = name;
        return put(wsPath(`members/${seg(name)}`), { role: role.input.value, organization: role.input.value === 'client' ? text(organization.input) : undefined });
      },
    });
    if (saved) {
      announce(member ? `${saved.principal} is now ${saved.role}.` : `${saved.principal} added as ${saved.role}.`);
      load();
    }
  };
  const removeMember = async (m) => {
    const done = await formDialog({
      title: `Remove ${m.principal}?`,
      intro: h('p', {}, `${m.principal} can no longer see or change anything in ${ctx.membership.workspaceName || ctx.membership.workspace}, from its next request on.${m.principal === me ? ' That is you: you will lose the console for this workspace.' : ''}`),
      confirm: 'Remove',
      submit: () => del(wsPath(`members/${seg(m.principal)}`)),
    });
    if (done) {
      announce(`${m.principal} removed.`);
      load();
    }
  };
  const add = h('button', { type: 'button', class: 'primary', id: 'add-member' }, 'Add a member');
  add.addEventListener('click', () => memberDialog(null));
  screen(
    'Members',
    h('p', { class: 'hint' }, 'Who may use this workspace: admins and the team in this console, clients in the portal for their organization. Logins and passwords stay in the server’s identity store.'),
    h('div', { class: 'toolbar' }, add),
    body,
  );
  load();
}

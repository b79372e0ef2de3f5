// Packages and services (offerings): the lists, and one form each to create or edit (promotions
// with their dates, featured, purchase limits; a service's pricing and request limits).
// Deactivating keeps the history: a package is DELETEd (the API deactivates it), a service is
// saved inactive.
import { del, get, newIdempotencyKey, post, put, seg } from '../api.js';
import { announce, checkbox, empty, field, formError, h, openDialog, selectField, showErrors, table, withStates } from '../ui.js';
import { adminOnly, ctx, isAdmin, num, query, screen, text, wsPath } from './context.js';
import { announcePackage } from './announce.js';

const yesNo = (b) => (b ? 'Yes' : 'No');

// ---- packages ------------------------------------------------------------------------------

export function showPackages() {
  const f = ctx.fmt;
  const filter = selectField('status', 'Show', [['ALL', 'All packages'], ['ACTIVE', 'Active'], ['INACTIVE', 'Inactive']], 'ALL');
  const body = h('div', { class: 'card' });
  const load = () =>
    withStates(body, 'Loading packages', () => get(wsPath(`packages${query({ status: filter.input.value, limit: 200 })}`)), (page) =>
      page.items.length === 0
        ? empty('No packages.', isAdmin() ? h('a', { href: '#/packages/new' }, 'Create a package') : null)
        : table(
            [
              { title: 'Package', cell: (p) => (isAdmin() ? h('a', { href: `#/packages/${encodeURIComponent(p.id)}`, 'aria-label': `Edit ${p.name}` }, p.name) : p.name) },
              { title: 'Credits', num: true, cell: (p) => f.credits(p.totalCredits) },
              { title: 'Price', num: true, cell: (p) => f.money(p.price) },
              { title: 'Per credit', num: true, cell: (p) => f.unitPrice(p.pricePerCredit) },
              { title: 'Valid', cell: (p) => (p.expiryDays ? `${p.expiryDays} days` : 'No expiry') },
              { title: 'Featured', cell: (p) => yesNo(p.featured) },
              { title: 'Promotion', cell: (p) => promotion(p) },
              { title: 'Limit', cell: (p) => (p.purchaseLimitPerOrganization ? `${p.purchaseLimitPerOrganization} per organization` : '—') },
              { title: 'State', cell: (p) => h('span', { class: `status status-${p.active ? 'credited' : 'canceled'}` }, p.active ? 'Active' : 'Inactive') },
              {
                title: 'Actions',
                cell: (p) =>
                  p.active
                    ? h(
                        'div',
                        { class: 'row-actions' },
                        h('button', { type: 'button', class: 'secondary', 'aria-label': `Announce ${p.name} to the clients`, onclick: () => announcePackage(p) }, 'Announce'),
                        isAdmin() ? h('button', { type: 'button', class: 'secondary', 'aria-label': `Deactivate ${p.name}`, onclick: () => deactivatePackage(p, load) }, 'Deactivate') : null,
                      )
                    : '',
              },
            ],
            page.items,
            { caption: 'Packages', id: 'packages' },
          ),
    );
  filter.input.addEventListener('change', load);
  screen(
    'Packages',
    isAdmin()
      ? h('p', {}, h('a', { href: '#/packages/new', class: 'button primary' }, 'New package'))
      : h('p', { class: 'hint' }, 'Only admins create and edit packages.'),
    h('div', { class: 'toolbar' }, filter.field),
    body,
  );
  load();
}

function promotion(p) {
  const f = ctx.fmt;
  if (!p.promotionStartsAt && !p.promotionEndsAt) {
    return '—';
  }
  // The end is the first instant after the promotion: show the last day it runs.
  const lastDay = p.promotionEndsAt ? f.date(new Date(Date.parse(p.promotionEndsAt) - 1).toISOString()) : 'open-ended';
  return `${p.promotionStartsAt ? f.date(p.promotionStartsAt) : 'now'} – ${lastDay}`;
}

async function deactivatePackage(p, reload) {
  const ok = await openDialog({
    title: `Deactivate ${p.name}?`,
    body: h('p', {}, 'Clients can no longer buy it; purchases already made keep their credits.'),
    confirm: 'Deactivate',
  });
  if (!ok) {
    return;
  }
  try {
    await del(wsPath(`packages/${seg(p.id)}`));
    announce(`${p.name} deactivated.`);
    reload();
  } catch (e) {
    await openDialog({ title: 'Not deactivated', body: h('p', { role: 'alert' }, e.message), confirm: 'OK', cancel: 'Close' });
  }
}

export function showPackageForm(id) {
  if (!isAdmin()) {
    adminOnly(id ? 'Edit package' : 'New package');
    return;
  }
  const body = h('div');
  screen(id ? 'Edit package' : 'New package', h('p', {}, h('a', { href: '#/packages' }, 'All packages')), body);
  withStates(body, 'Loading the package', () => (id ? get(wsPath(`packages/${seg(id)}`)) : Promise.resolve(null)), (p) => packageForm(p));
}

function packageForm(p) {
  const f = ctx.fmt;
  const currency = (p && p.price.currency) || ctx.membership.currency;
  const endDay = p && p.promotionEndsAt ? f.dayOf(new Date(Date.parse(p.promotionEndsAt) - 1).toISOString()) : '';
  const name = field('name', 'Name', { required: true, value: p ? p.name : '', autocomplete: 'off' });
  const description = field('description', 'Description', { value: p ? p.description || '' : '', autocomplete: 'off' });
  const credits = field('credits', 'Credits', { type: 'number', inputmode: 'decimal', min: '0', step: 'any', required: true, value: p ? p.credits : '' });
  const bonus = field('bonusCredits', 'Bonus credits', { type: 'number', inputmode: 'decimal', min: '0', step: 'any', value: p ? p.bonusCredits : '0' });
  const price = field('price', `Price (${currency})`, { type: 'number', inputmode: 'decimal', min: '0', step: 'any', required: true, value: p ? p.price.amount : '' });
  const expiry = field('expiryDays', 'Valid for (days)', { type: 'number', inputmode: 'numeric', min: '1', step: '1', value: p && p.expiryDays ? p.expiryDays : '' }, 'Empty: the workspace’s default');
  const starts = field('promotionStartsAt', 'Promotion starts on', { type: 'date', value: p && p.promotionStartsAt ? f.dayOf(p.promotionStartsAt) : '' }, `From the start of this day, ${f.zone}; empty: at once`);
  const ends = field('promotionEndsAt', 'Promotion ends on', { type: 'date', value: endDay }, `Until the end of this day, ${f.zone}; empty: no end`);
  const limit = field('purchaseLimitPerOrganization', 'Purchases per organization', { type: 'number', inputmode: 'numeric', min: '1', step: '1', value: p && p.purchaseLimitPerOrganization ? p.purchaseLimitPerOrganization : '' }, 'Empty: no limit');
  const sort = field('sortOrder', 'Sort order', { type: 'number', inputmode: 'numeric', step: '1', value: p ? p.sortOrder : '0' });
  const featured = checkbox('featured', 'Featured (shown first in the catalog)', p ? p.featured : false);
  const shown = checkbox('shownInCatalog', 'Shown in the client catalog', p ? p.shownInCatalog : true);
  const active = checkbox('active', 'Active (can be bought)', p ? p.active : true);
  const error = formError();
  const submit = h('button', { type: 'submit', class: 'primary', id: 'save-package' }, p ? 'Save package' : 'Create package');
  const form = h(
    'form',
    { class: 'card', novalidate: true, id: 'package-form' },
    error,
    h('div', { class: 'cols' }, name.field, description.field, credits.field, bonus.field, price.field, expiry.field),
    h('fieldset', {}, h('legend', {}, 'Promotion and catalog'), h('div', { class: 'cols' }, starts.field, ends.field, limit.field, sort.field), featured.field, shown.field, active.field),
    submit,
  );
  const key = newIdempotencyKey();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      ...(p ? { rollover: p.rollover } : {}),
      name: text(name.input),
      description: text(description.input),
      credits: num(credits.input),
      bonusCredits: num(bonus.input),
      price: price.input.value.trim() === '' ? undefined : { amount: price.input.value.trim(), currency },
      expiryDays: num(expiry.input),
      promotionStartsAt: starts.input.value ? f.startOfDay(starts.input.value) : undefined,
      promotionEndsAt: ends.input.value ? f.startOfDay(f.addDays(ends.input.value, 1)) : undefined,
      purchaseLimitPerOrganization: num(limit.input),
      sortOrder: num(sort.input),
      featured: featured.input.checked,
      shownInCatalog: shown.input.checked,
      active: active.input.checked,
    };
    submit.disabled = true;
    try {
      const saved = p
        ? await put(wsPath(`packages/${seg(p.id)}`), body)
        : await post(wsPath('packages'), body, { idempotencyKey: key });
      announce(`${saved.name} saved.`);
      location.hash = '#/packages';
    } catch (e) {
      showErrors(form, e);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

// ---- services (offerings) ------------------------------------------------------------------

export function showOfferings() {
  const f = ctx.fmt;
  const body = h('div', { class: 'card' });
  screen(
    'Services',
    isAdmin()
      ? h('p', {}, h('a', { href: '#/offerings/new', class: 'button primary' }, 'New service'))
      : h('p', { class: 'hint' }, 'Only admins create and edit services.'),
    body,
  );
  withStates(body, 'Loading services', () => get(wsPath('offerings?limit=200')), (page) =>
    page.items.length === 0
      ? empty('No services.', isAdmin() ? h('a', { href: '#/offerings/new' }, 'Create a service') : null)
      : table(
          [
            { title: 'Service', cell: (o) => (isAdmin() ? h('a', { href: `#/offerings/${encodeURIComponent(o.id)}`, 'aria-label': `Edit ${o.name}` }, o.name) : o.name) },
            { title: 'Pricing', cell: (o) => (o.pricingType === 'CREDIT_BASED' ? `${f.credits(o.creditsPerUnit)} credits per ${o.unitLabel || 'unit'}` : `${f.money(o.price)} (invoiced)`) },
            { title: 'Open at a time', cell: (o) => (o.concurrentRequestLimit ? String(o.concurrentRequestLimit) : 'No limit') },
            { title: 'In all', cell: (o) => (o.totalRequestLimit ? String(o.totalRequestLimit) : 'No limit') },
            { title: 'Estimated', cell: (o) => yesNo(o.estimated) },
            { title: 'State', cell: (o) => h('span', { class: `status status-${o.active ? 'credited' : 'canceled'}` }, o.active ? 'Active' : 'Inactive') },
          ],
          page.items,
          { caption: 'Services', id: 'offerings' },
        ),
  );
}

export function showOfferingForm(id) {
  if (!isAdmin()) {
    adminOnly(id ? 'Edit service' : 'New service');
    return;
  }
  const body = h('div');
  screen(id ? 'Edit service' : 'New service', h('p', {}, h('a', { href: '#/offerings' }, 'All services')), body);
  withStates(body, 'Loading the service', () => (id ? get(wsPath(`offerings/${seg(id)}`)) : Promise.resolve(null)), (o) => offeringForm(o));
}

function offeringForm(o) {
  const currency = (o && o.price && o.price.currency) || ctx.membership.currency;
  const name = field('name', 'Name', { required: true, value: o ? o.name : '', autocomplete: 'off' });
  const description = field('description', 'Description', { value: o ? o.description || '' : '', autocomplete: 'off' });
  const pricing = selectField('pricingType', 'Pricing', [['CREDIT_BASED', 'Credit-based'], ['STANDARD', 'Invoiced (no credits)']], o ? o.pricingType : 'CREDIT_BASED');
  const perUnit = field('creditsPerUnit', 'Credits per unit', { type: 'number', inputmode: 'decimal', min: '0', step: 'any', value: o && o.creditsPerUnit !== undefined ? o.creditsPerUnit : '' });
  const unitLabel = field('unitLabel', 'Unit', { value: o ? o.unitLabel || '' : '', autocomplete: 'off' }, 'E.g. logo, graphic, 1000 words');
  const unitSize = field('unitSize', 'Unit size', { type: 'number', inputmode: 'decimal', min: '0', step: 'any', value: o && o.unitSize !== undefined ? o.unitSize : '1' });
  const price = field('price', `Price (${currency}, invoiced services)`, { type: 'number', inputmode: 'decimal', min: '0', step: 'any', value: o && o.price ? o.price.amount : '' });
  const concurrent = field('concurrentRequestLimit', 'Open requests at a time', { type: 'number', inputmode: 'numeric', min: '1', step: '1', value: o && o.concurrentRequestLimit ? o.concurrentRequestLimit : '' }, 'Empty: no limit');
  const total = field('totalRequestLimit', 'Requests in all', { type: 'number', inputmode: 'numeric', min: '1', step: '1', value: o && o.totalRequestLimit ? o.totalRequestLimit : '' }, 'Empty: no limit');
  const notes = field('deliveryNotes', 'Delivery notes', { value: o ? o.deliveryNotes || '' : '', autocomplete: 'off' });
  const active = checkbox('active', 'Active (clients can request it)', o ? o.active : true);
  const estimated = checkbox('estimated', 'Estimated (the cost is settled on delivery)', o ? o.estimated : false);
  const reverse = checkbox('reverseOnCancel', 'Give the credits back when a request is canceled', o ? o.reverseOnCancel : true);
  const error = formError();
  const submit = h('button', { type: 'submit', class: 'primary', id: 'save-offering' }, o ? 'Save service' : 'Create service');
  const form = h(
    'form',
    { class: 'card', novalidate: true, id: 'offering-form' },
    error,
    h('div', { class: 'cols' }, name.field, description.field, pricing.field, perUnit.field, unitLabel.field, unitSize.field, price.field, concurrent.field, total.field, notes.field),
    active.field,
    estimated.field,
    reverse.field,
    submit,
  );
  const key = newIdempotencyKey();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      ...(o && o.holdTimeout ? { holdTimeout: o.holdTimeout } : {}),
      name: text(name.input),
      description: text(description.input),
      pricingType: pricing.input.value,
      creditsPerUnit: num(perUnit.input),
      unitLabel: text(unitLabel.input),
      unitSize: num(unitSize.input),
      price: price.input.value.trim() === '' ? undefined : { amount: price.input.value.trim(), currency },
      concurrentRequestLimit: num(concurrent.input),
      totalRequestLimit: num(total.input),
      deliveryNotes: text(notes.input),
      active: active.input.checked,
      estimated: estimated.input.checked,
      reverseOnCancel: reverse.input.checked,
    };
    submit.disabled = true;
    try {
      const saved = o ? await put(wsPath(`offerings/${seg(o.id)}`), body) : await post(wsPath('offerings'), body, { idempotencyKey: key });
      announce(`${saved.name} saved.`);
      location.hash = '#/offerings';
    } catch (e) {
      showErrors(form, e);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

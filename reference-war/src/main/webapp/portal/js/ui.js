// Building blocks of the portal's screens: elements, the API's errors shown in words next to the
// fields they name, loading/empty/failure states, dialogs with focus management, announcements.
// Shared by the client portal and the team console.

/** An element: h('p', {class: 'x'}, 'text', child, ...). Attributes starting with "on" listen. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) {
      continue;
    }
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.substring(2).toLowerCase(), v);
    } else if (k === 'dataset') {
      Object.assign(el.dataset, v);
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) {
      continue;
    }
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces an element's children. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A labelled input with its error slot: {field, label, input, error}. */
export function field(name, label, inputAttrs = {}, hint = null) {
  const id = `f-${name}`;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  const tag = inputAttrs.tag || 'input';
  const attrs = { ...inputAttrs };
  delete attrs.tag;
  const input = h(tag, {
    id,
    name,
    'aria-describedby': [hintEl ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' '),
    ...attrs,
  });
  const wrapper = h('div', { class: 'field' }, h('label', { for: id }, label), hintEl, input, error);
  return { field: wrapper, input, error };
}

/** Removes the errors shown in a form. */
export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((e) => {
    e.hidden = true;
    e.textContent = '';
  });
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  const summary = form.querySelector('.form-error');
  if (summary) {
    summary.hidden = true;
    summary.replaceChildren();
  }
}

/**
 * Shows an API error in a form: each {field, message} next to the input of that name (the first
 * one focused), anything else in the form's summary. Returns whether something was shown.
 */
export function showErrors(form, error) {
  clearErrors(form);
  const rest = [];
  let first = null;
  for (const { field: name, message } of error.fieldErrors || []) {
    const input = name ? form.querySelector(`[name="${CSS.escape(name)}"]`) : null;
    const slot = input ? form.querySelector(`#${CSS.escape(input.id)}-error`) : null;
    if (slot) {
      // The API's messages name no field ("is required"): lead with the field's label.
      // A group of checkboxes (a fieldset named so) is labelled by its legend.
      const label = form.querySelector(`label[for="${CSS.escape(input.id)}"]`) || (input.tagName === 'FIELDSET' ? input.querySelector('legend') : null);
      slot.textContent = label && /^[a-z]/.test(message) ? `${label.textContent} ${message}` : message;
      slot.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      first = first || input;
    } else {
      rest.push(name ? `${name}: ${message}` : message);
    }
  }
  const summary = form.querySelector('.form-error');
  if (!first || rest.length) {
    const text = rest.length ? rest.join('; ') : error.message;
    if (summary) {
      summary.textContent = text;
      summary.hidden = false;
    }
  }
  if (first) {
    (first.tagName === 'FIELDSET' ? first.querySelector('input') || first : first).focus();
  } else if (summary) {
    summary.focus();
  }
  return true;
}

/** A form-level error slot (role=alert), placed at the top of a form. */
export function formError() {
  return h('p', { class: 'form-error', role: 'alert', tabindex: '-1', hidden: true });
}

/** "Loading …" placeholder, announced politely. */
export function loading(what = 'Loading') {
  return h('p', { class: 'state loading', role: 'status' }, `${what} …`);
}

/** An empty state: what is missing and, optionally, what to do. */
export function empty(text, action = null) {
  return h('div', { class: 'state empty' }, h('p', {}, text), action);
}

/** A failure state with the API's words and a retry button. */
export function failure(error, retry) {
  return h(
    'div',
    { class: 'state failure', role: 'alert' },
    h('p', {}, `Something went wrong: ${error.message}`),
    retry ? h('button', { type: 'button', class: 'secondary', onclick: retry }, 'Try again') : null,
  );
}

/** Renders into `el` what `load()` yields, with loading and failure states around it. */
export async function withStates(el, what, load, render) {
  replace(el, loading(what));
  try {
    const data = await load();
    replace(el, render(data));
  } catch (e) {
    if (e.name === 'ApiError' && e.status === 401) {
      return; // the sign-in screen takes over
    }
    replace(el, failure(e, () => withStates(el, what, load, render)));
  }
}

/** Says something to screen readers through the page's live region. */
export function announce(text) {
  const live = document.getElementById('live');
  if (live) {
    live.textContent = '';
    setTimeout(() => {
      live.textContent = text;
    }, 50);
  }
}

/**
 * A modal dialog (the native <dialog>: focus stays inside, Esc closes). Focus moves to the
 * dialog's first control and back to the opener when it closes. Resolves with the button's value.
 */
export function openDialog({ title, body, confirm = 'Confirm', cancel = 'Cancel' }) {
  const opener = document.activeElement;
  const titleId = `dlg-${Math.random().toString(36).slice(2)}`;
  const form = h('form', { method: 'dialog' });
  const dialog = h(
    'dialog',
    { 'aria-labelledby': titleId, class: 'dialog' },
    form,
  );
  const confirmButton = h('button', { value: 'confirm', class: 'primary' }, confirm);
  append(form, [
    h('h2', { id: titleId }, title),
    body,
    h(
      'div',
      { class: 'actions' },
      confirmButton,
      h('button', { value: 'cancel', class: 'secondary', formnovalidate: true }, cancel),
    ),
  ]);
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      const value = dialog.returnValue === 'confirm';
      dialog.remove();
      if (opener && opener.focus && document.contains(opener)) {
        opener.focus();
      }
      resolve(value);
    });
    dialog.showModal();
    confirmButton.focus();
  });
}

/**
 * A modal dialog holding a form: `fields` are field() results (or other elements), `submit(form)`
 * does the work and resolves with a result; an API error is shown next to the field it names and
 * the dialog stays open; success closes it and resolves with the result (null when canceled).
 * Focus goes to the first input, and back to the opener when it closes.
 */
export function formDialog({ title, intro = null, fields = [], confirm = 'Save', submit }) {
  const opener = document.activeElement;
  const titleId = `dlg-${Math.random().toString(36).slice(2)}`;
  const error = formError();
  const confirmButton = h('button', { type: 'submit', class: 'primary' }, confirm);
  const cancelButton = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
  const form = h(
    'form',
    { novalidate: true },
    h('h2', { id: titleId }, title),
    intro,
    error,
    fields.map((f) => (f && f.field ? f.field : f)),
    h('div', { class: 'actions' }, confirmButton, cancelButton),
  );
  const dialog = h('dialog', { 'aria-labelledby': titleId, class: 'dialog' }, form);
  document.body.append(dialog);
  return new Promise((resolve) => {
    let result = null;
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (opener && opener.focus && document.contains(opener)) {
        opener.focus();
      }
      resolve(result);
    });
    cancelButton.addEventListener('click', () => dialog.close());
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form);
      confirmButton.disabled = true;
      try {
        result = (await submit(form)) ?? true;
        dialog.close();
      } catch (e) {
        if (e.name === 'ApiError' && e.status === 401) {
          dialog.close();
          return;
        }
        showErrors(form, e);
      } finally {
        confirmButton.disabled = false;
      }
    });
    dialog.showModal();
    const first = form.querySelector('input, select, textarea');
    (first || confirmButton).focus();
  });
}

/** A labelled checkbox: {field, input}. */
export function checkbox(name, label, checked = false) {
  const id = `f-${name}`;
  const input = h('input', { type: 'checkbox', id, name, checked, 'aria-describedby': `${id}-error` });
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  return { field: h('div', { class: 'field check' }, input, h('label', { for: id }, label), error), input, error };
}

/** A select of [value, text] pairs wrapped as a field(). */
export function selectField(name, label, options, value = '', hint = null) {
  const f = field(name, label, { tag: 'select' }, hint);
  for (const [v, text] of options) {
    f.input.append(h('option', { value: v, selected: v === value }, text));
  }
  return f;
}

/**
 * A table: columns [{title, num?, cell(row) -> node|text}], rows, a caption for screen readers.
 * The first column's cells are row headers.
 */
export function table(columns, rows, { caption, id = null } = {}) {
  // At a phone's width a wide table scrolls sideways inside its wrapper: the wrapper is a labelled
  // region that keyboard users can focus and scroll.
  return h(
    'div',
    { class: 'table-wrap', role: 'region', 'aria-label': caption, tabindex: '0' },
    h(
      'table',
      { class: 'table', id },
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.title)))),
      h(
        'tbody',
        {},
        rows.map((r) =>
          h(
            'tr',
            {},
            columns.map((c, i) =>
              h(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : null, class: c.num ? 'num' : null }, c.cell(r)),
            ),
          ),
        ),
      ),
    ),
  );
}

/** Saves text as a file through a temporary link (same origin, no popup). */
export function download(text, filename, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/**
 * A "Download CSV" button, disabled while it works: `load()` fetches the text, which is saved as
 * `filename()` and `done` announced. A failure is announced (`failure: 'announce'`), shown under the
 * button (`'inline'`) or both (`'both'`).
 */
export function csvButton({ id, load, filename, done, failure = 'announce' }) {
  const button = h('button', { type: 'button', class: 'secondary', id }, 'Download CSV');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      download(await load(), filename());
      announce(done);
    } catch (e) {
      if (failure !== 'inline') announce(`The download failed: ${e.message}`);
      if (failure !== 'announce') button.after(h('p', { class: 'field-error', role: 'alert' }, e.message));
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

// Building blocks of the portal's screens: elements, the API's errors shown in words next to the
// fields they name, loading/empty/failure states, dialogs with focus management, announcements.
// Shared by the client portal and (later) the team console.

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
      slot.textContent = message;
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
    first.focus();
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

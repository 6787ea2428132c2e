// Small DOM helpers shared by the views: element builders, formatting and
// the loading/error life cycle of a page section.

import { isAbort } from './api.js';

const SVGNS = 'http://www.w3.org/2000/svg';

function build(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.setAttribute('class', Array.isArray(v) ? v.filter(Boolean).join(' ') : v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// h builds an HTML element: h('a', {href: '#'}, 'text', child, [more]).
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

// s builds an SVG element.
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVGNS, tag), attrs, children);
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

const intFmt = new Intl.NumberFormat('en-GB');
export const fmtInt = (n) => intFmt.format(n ?? 0);
export const fmtNum = (n, digits = 2) => (n === null || n === undefined || Number.isNaN(n) ? '—' : (n > 0 ? '+' : n < 0 ? '−' : '') + Math.abs(n).toFixed(digits));
export const fmtPct = (part, whole) => (whole ? `${Math.round((100 * part) / whole)}%` : '—');

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// fmtDay formats a YYYY-MM-DD day as "12 Jan 2016".
export function fmtDay(day) {
  if (!day) return '—';
  const [y, m, d] = day.split('-').map(Number);
  return `${d} ${months[m - 1]} ${y}`;
}

// fmtPeriod labels a timeline period by its bucket.
export function fmtPeriod(start, bucket, short = false) {
  const [y, m, d] = start.split('-').map(Number);
  switch (bucket) {
    case 'YEAR': return String(y);
    case 'MONTH': return short ? `${months[m - 1]} ’${String(y).slice(2)}` : `${months[m - 1]} ${y}`;
    case 'WEEK': return short ? `${d} ${months[m - 1]} ’${String(y).slice(2)}` : `week of ${d} ${months[m - 1]} ${y}`;
    default: return short ? `${d} ${months[m - 1]} ’${String(y).slice(2)}` : `${d} ${months[m - 1]} ${y}`;
  }
}

// The four CAMEO quad classes, in the API's order.
export const QUADS = [
  { n: 1, key: 'verbalCooperation', label: 'Verbal cooperation', short: 'Verbal coop.', kind: 'coop' },
  { n: 2, key: 'materialCooperation', label: 'Material cooperation', short: 'Material coop.', kind: 'coop' },
  { n: 3, key: 'verbalConflict', label: 'Verbal conflict', short: 'Verbal confl.', kind: 'conflict' },
  { n: 4, key: 'materialConflict', label: 'Material conflict', short: 'Material confl.', kind: 'conflict' },
];

export function quadBadge(q) {
  const info = QUADS[q - 1];
  if (!info) return h('span', { class: 'quad' }, '?');
  return h('span', { class: `quad quad-${q}`, title: info.label }, h('span', { class: 'quad-swatch', 'aria-hidden': 'true' }), info.short);
}

// tone describes a Goldstein value in words, for screen readers and print.
export function tone(g) {
  if (g > 0.05) return 'cooperative';
  if (g < -0.05) return 'conflictual';
  return 'neutral';
}

export function goldsteinCell(g) {
  return h('span', { class: `gs gs-${tone(g)}`, title: `Goldstein ${fmtNum(g)} (${tone(g)})` }, fmtNum(g, 1));
}

// retryable shares one call among the sections that need it, and calls
// again after a failure (so that a section's Retry button asks anew).
export function retryable(fn) {
  let p = null;
  return () => (p ||= fn().catch((e) => { p = null; throw e; }));
}

// loadInto runs load(body) in a section body, showing a loading state and,
// on failure, the error with a retry button. It marks the element with
// data-state = loading | ready | error (the browser test waits on it).
export async function loadInto(body, load, { signal, what = 'this section' } = {}) {
  const run = async () => {
    clear(body);
    body.dataset.state = 'loading';
    body.setAttribute('aria-busy', 'true');
    body.append(h('p', { class: 'loading' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Loading…'));
    try {
      const out = await load();
      if (signal && signal.aborted) return;
      clear(body);
      append(body, [out]);
      body.dataset.state = 'ready';
    } catch (e) {
      if (isAbort(e) || (signal && signal.aborted)) return;
      clear(body);
      body.dataset.state = 'error';
      body.append(errorBox(`Could not load ${what}.`, e, run));
    } finally {
      body.removeAttribute('aria-busy');
    }
  };
  return run();
}

export function errorBox(title, err, retry) {
  const msgs = err && err.messages ? err.messages : [String(err && err.message ? err.message : err)];
  return h('div', { class: 'error-box', role: 'alert' },
    h('p', { class: 'error-title' }, title),
    h('ul', null, msgs.map((m) => h('li', null, m))),
    retry ? h('button', { type: 'button', class: 'btn btn-small', onclick: retry }, 'Retry') : null);
}

// card builds a titled section of a page; returns {el, body}.
export function card(title, { id, subtitle, actions, wide } = {}) {
  const hid = id ? `${id}-title` : undefined;
  const body = h('div', { class: 'card-body' });
  const el = h('section', { class: ['card', wide && 'card-wide'], id, 'aria-labelledby': hid },
    h('div', { class: 'card-head' },
      h('div', null,
        h('h2', { id: hid }, title),
        subtitle ? h('p', { class: 'card-sub' }, subtitle) : null),
      actions ? h('div', { class: 'card-actions' }, actions) : null),
    body);
  return { el, body };
}

export function emptyNote(text) {
  return h('p', { class: 'empty' }, text);
}

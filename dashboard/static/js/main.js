// The dashboard shell: hash router, the date-range form in the header and
// the error banner that shows every failed API call.

import { onError } from './api.js';
import { h, clear } from './dom.js';
import { parse, update, link, GLOBAL } from './route.js';
import { ensureDefs } from './charts.js';
import * as home from './views/home.js';
import * as actor from './views/actor.js';
import * as dyad from './views/dyad.js';
import * as network from './views/network.js';

const routes = { '': home, actor, dyad, network };

const view = document.getElementById('view');
const banner = document.getElementById('errors');
const form = document.getElementById('range');
const fromInput = document.getElementById('range-from');
const toInput = document.getElementById('range-to');

let controller = null;
let lastPath = null;

// Errors: one banner line per distinct message, cleared on navigation.
onError((err, op) => {
  const msg = `${op}: ${err.message}`;
  if ([...banner.querySelectorAll('.banner-text')].some((el) => el.textContent === msg)) return;
  const item = h('div', { class: 'banner banner-error' },
    h('strong', null, 'API error'),
    h('span', { class: 'banner-text' }, msg),
    h('button', { type: 'button', class: 'banner-close', 'aria-label': 'Dismiss error', onclick: () => item.remove() }, '×'));
  banner.append(item);
  while (banner.children.length > 4) banner.firstElementChild.remove();
});

function syncRange(params) {
  fromInput.value = params.get('from') || '';
  toInput.value = params.get('to') || '';
  form.classList.toggle('range-active', GLOBAL.some((k) => params.get(k)));
  const msg = form.querySelector('.range-error');
  if (msg) msg.remove();
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const from = fromInput.value, to = toInput.value;
  const old = form.querySelector('.range-error');
  if (old) old.remove();
  if (from && to && from >= to) {
    form.append(h('p', { class: 'range-error', role: 'alert' }, 'From must be before To.'));
    fromInput.focus();
    return;
  }
  update({ from: from || null, to: to || null });
});
document.getElementById('range-clear').addEventListener('click', () => update({ from: null, to: null }));

document.querySelector('[data-skip]').addEventListener('click', (e) => {
  e.preventDefault();
  document.getElementById('main').focus();
});

function render() {
  const route = parse();
  const mod = routes[route.segs[0] || ''];
  const samePath = route.path === lastPath;
  const focusedId = samePath && document.activeElement && document.activeElement.id;
  const scroll = samePath ? window.scrollY : 0;
  if (controller) controller.abort();
  controller = new AbortController();
  clear(banner);
  // Keep the page height while a view re-renders in place, so that
  // changing a control does not scroll the page.
  view.style.minHeight = samePath ? `${view.offsetHeight}px` : '';
  clear(view);
  syncRange(route.params);
  // Home links keep the date range.
  for (const a of document.querySelectorAll('[data-nav="home"], .brand')) a.setAttribute('href', link([]));
  for (const a of document.querySelectorAll('[data-nav]')) {
    a.toggleAttribute('aria-current', false);
    if (a.dataset.nav === 'home' && !route.segs.length) a.setAttribute('aria-current', 'page');
  }
  const root = h('div', { class: `page page-${route.segs[0] || 'home'}`, dataset: { view: route.segs[0] || 'home' } });
  view.append(root);
  let out = {};
  if (!mod) {
    root.append(h('h1', { tabindex: '-1' }, 'Page not found'), h('p', null, 'No view at ', h('code', null, location.hash), '. ', h('a', { href: '#/' }, 'Back to the overview'), '.'));
    out = { title: 'Not found' };
  } else {
    out = mod.render(root, { segs: route.segs, params: route.params, signal: controller.signal }) || {};
  }
  document.title = `${out.title || 'Overview'} · Dyad`;
  if (samePath) {
    window.scrollTo(0, scroll);
    setTimeout(() => { view.style.minHeight = ''; }, 2000);
    const again = focusedId && document.getElementById(focusedId);
    if (again) again.focus({ preventScroll: true });
  } else if (lastPath !== null) {
    window.scrollTo(0, 0);
    (out.focus || root.querySelector('h1'))?.focus({ preventScroll: true });
  } else if (out.focus) {
    out.focus.focus({ preventScroll: true });
  }
  lastPath = route.path;
}

ensureDefs();
window.addEventListener('hashchange', render);
render();

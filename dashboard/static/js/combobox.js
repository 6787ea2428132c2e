// An actor picker following the WAI-ARIA combobox pattern (editable
// combobox with list autocomplete): suggestions from actors(search) as you
// type, debounced; ArrowDown/ArrowUp move through them, Enter picks,
// Escape closes (a second Escape clears). Besides each actor it offers its
// family ("RUS*": the country and every actor under it) when the query
// names the country or is a code prefix.

import { gql, isAbort } from './api.js';
import { h, s, clear, fmtInt } from './dom.js';
import { remember, normalise, validSelector } from './labels.js';

const SEARCH = `query SearchActors($q: String!, $first: Int!) {
  actors(search: $q, first: $first) { code name countryName sectorName asSource asTarget }
}`;

let uid = 0;

// suggestions turns search results into options: families first, then actors.
export function suggestions(query, actors) {
  const q = query.trim();
  const upper = q.toUpperCase();
  const lower = q.toLowerCase();
  const opts = [];
  const seen = new Set();
  if (q.endsWith('*') && validSelector(upper)) {
    opts.push({ value: upper, kind: 'family', name: `All actors under ${upper.slice(0, -1)}`, detail: `selector ${upper}` });
    seen.add(upper);
  }
  for (const a of actors) {
    if (!a.countryName) continue;
    const fam = a.code.slice(0, 3) + '*';
    if (seen.has(fam)) continue;
    const namesCountry = lower.length >= 2 && a.countryName.toLowerCase().includes(lower);
    const codePrefix = upper.length >= 2 && a.code.startsWith(upper.replace(/\*$/, ''));
    if (namesCountry || codePrefix) {
      seen.add(fam);
      opts.push({ value: fam, kind: 'family', name: a.countryName, detail: `${fam.slice(0, 3)} and every actor under it` });
    }
  }
  const families = opts.length;
  for (const a of actors) {
    if (seen.has(a.code)) continue;
    seen.add(a.code);
    const sector = a.sectorName ? ` · ${a.sectorName}` : '';
    opts.push({
      value: a.code, kind: 'actor', name: a.name,
      detail: `${a.countryName || a.code.slice(0, 3)}${sector} · ${fmtInt(a.asSource + a.asTarget)} events`,
    });
    // When the query named no country, still offer the family of the best
    // match, right after it ("Russian military" → RUSMIL, then RUS*).
    const fam = a.code.slice(0, 3) + '*';
    if (!families && a.countryName && a.code.length > 3 && opts.length === 1 && !seen.has(fam)) {
      seen.add(fam);
      opts.push({ value: fam, kind: 'family', name: a.countryName, detail: `${fam.slice(0, 3)} and every actor under it` });
    }
  }
  return opts;
}

// actorPicker returns {el, input, focus()}; onPick(option) is called with
// the chosen option ({value: selector, kind, name}).
export function actorPicker({ label, placeholder = 'Actor name or code, e.g. Russia, SYRGOV, IGO*', onPick, hint, value = '', compact = false, id }) {
  const base = id || `picker-${++uid}`;
  const listId = `${base}-list`;
  const hintId = `${base}-hint`;
  const input = h('input', {
    id: base, type: 'text', role: 'combobox', class: 'picker-input',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId,
    'aria-describedby': hintId, autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false',
    placeholder, value,
  });
  const list = h('ul', { id: listId, role: 'listbox', class: 'picker-list', 'aria-label': `${label}: suggestions`, hidden: true });
  const status = h('p', { class: 'sr-only', role: 'status', 'aria-live': 'polite' });
  const hintEl = h('p', { id: hintId, class: compact ? 'sr-only' : 'picker-hint' },
    hint || 'Type at least two characters. Use ↑ and ↓ to choose and Enter to open. A code ending in * selects a whole family.');
  const el = h('div', { class: ['picker', compact && 'picker-compact'] },
    h('label', { for: base, class: 'picker-label' }, label),
    h('div', { class: 'picker-box' },
      s('svg', { class: 'picker-icon', viewBox: '0 0 20 20', 'aria-hidden': 'true', focusable: 'false' },
        s('circle', { cx: 8.5, cy: 8.5, r: 5.5 }), s('path', { d: 'M13 13l4.5 4.5' })),
      input, list),
    hintEl, status);

  let options = [];
  let active = -1;
  let timer = 0;
  let seq = 0;
  let ctrl = null;

  const open = () => {
    list.hidden = options.length === 0;
    input.setAttribute('aria-expanded', String(!list.hidden));
  };
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    setActive(-1);
  };
  function setActive(i) {
    active = i;
    [...list.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    if (i >= 0 && list.children[i]) {
      input.setAttribute('aria-activedescendant', list.children[i].id);
      list.children[i].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }
  function pick(opt) {
    close();
    input.value = opt.kind === 'family' ? opt.value : `${opt.name} (${opt.value})`;
    onPick(opt);
  }
  function render(q) {
    clear(list);
    options.forEach((o, i) => {
      const li = h('li', {
        id: `${base}-opt-${i}`, role: 'option', 'aria-selected': 'false', class: ['picker-option', `picker-${o.kind}`],
        dataset: { value: o.value, kind: o.kind },
        onmousedown: (e) => e.preventDefault(),
        onclick: () => pick(o),
        onmousemove: () => { if (active !== i) setActive(i); },
      },
      h('span', { class: 'opt-badge' }, o.value),
      h('span', { class: 'opt-main' },
        h('span', { class: 'opt-name' }, o.kind === 'family' ? `${o.name} — all actors` : o.name),
        h('span', { class: 'opt-detail' }, o.detail)));
      list.append(li);
    });
    if (!options.length && q) {
      status.textContent = `No actor matches “${q}”.`;
    } else {
      status.textContent = options.length ? `${options.length} suggestions. Use the up and down arrows to choose.` : '';
    }
    active = -1;
    input.removeAttribute('aria-activedescendant');
    open();
  }
  async function search() {
    const q = input.value.trim();
    const mine = ++seq;
    if (ctrl) ctrl.abort();
    if (q.replace(/\*$/, '').length < 2) {
      options = q.endsWith('*') && validSelector(normalise(q)) ? suggestions(q, []) : [];
      render('');
      return;
    }
    ctrl = new AbortController();
    el.dataset.state = 'loading';
    try {
      const data = await gql(SEARCH, { q: q.replace(/\*$/, ''), first: 12 }, { signal: ctrl.signal });
      if (mine !== seq) return;
      data.actors.forEach(remember);
      options = suggestions(q, data.actors);
      render(q);
      el.dataset.state = 'ready';
    } catch (e) {
      if (isAbort(e) || mine !== seq) return;
      options = [];
      render('');
      status.textContent = 'Search failed.';
      el.dataset.state = 'error';
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(search, 180);
  });
  input.addEventListener('keydown', (e) => {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (list.hidden && options.length) open();
        if (options.length) setActive(active + 1 >= options.length ? 0 : active + 1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (list.hidden && options.length) open();
        if (options.length) setActive(active <= 0 ? options.length - 1 : active - 1);
        break;
      case 'Enter': {
        e.preventDefault();
        if (active >= 0 && !list.hidden) { pick(options[active]); break; }
        const raw = normalise(input.value);
        if (options.length === 1) pick(options[0]);
        else if (validSelector(raw) && !options.length) pick({ value: raw, kind: raw.endsWith('*') ? 'family' : 'actor', name: raw });
        else if (options.length) { open(); setActive(0); }
        break;
      }
      case 'Escape':
        if (!list.hidden) { e.preventDefault(); close(); }
        else if (input.value) { e.preventDefault(); input.value = ''; options = []; }
        break;
      case 'Tab':
        close();
        break;
      default:
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  input.addEventListener('focus', () => { if (options.length && input.value) open(); });

  return { el, input, focus: () => input.focus() };
}

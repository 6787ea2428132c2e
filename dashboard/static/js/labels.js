// Human names for actor selectors: "RUSGOV" is the actor's name, "RUS*" the
// country's (or the family head's) name with "all actors". Answers are kept
// for the session.

import { gql, isAbort } from './api.js';
import { h } from './dom.js';
import { actorHref } from './route.js';

const known = new Map();

export function isFamily(sel) {
  return sel.endsWith('*');
}

export function normalise(sel) {
  return String(sel || '').trim().toUpperCase();
}

export function validSelector(sel) {
  return /^[A-Z0-9-]+\*?$/.test(sel);
}

function familyLabel(sel, members) {
  const prefix = sel.slice(0, -1);
  const head = members.find((m) => m.code === prefix);
  let name = head ? head.name : '';
  if (!name && prefix.length === 3) {
    const withCountry = members.find((m) => m.countryName);
    if (withCountry) name = withCountry.countryName;
  }
  return {
    sel,
    family: true,
    name: name || prefix,
    known: members.length > 0,
    members,
  };
}

// labels resolves several selectors in one request.
export async function labels(sels, { signal } = {}) {
  const want = [...new Set(sels)].filter((s) => !known.has(s));
  if (want.length) {
    const decls = [];
    const fields = [];
    const vars = {};
    want.forEach((sel, i) => {
      vars[`s${i}`] = isFamily(sel) ? sel.slice(0, -1) : sel;
      decls.push(`$s${i}: String!`);
      fields.push(isFamily(sel)
        ? `a${i}: actors(search: $s${i}, first: 100) { code name countryName sectorName asSource asTarget }`
        : `a${i}: actor(code: $s${i}) { code name countryName sectorName asSource asTarget }`);
    });
    let data;
    try {
      data = await gql(`query Labels(${decls.join(', ')}) { ${fields.join('\n')} }`, vars, { signal });
    } catch (e) {
      if (isAbort(e)) throw e;
      // The error is on the banner already; show the codes instead of names.
      return sels.map((s) => known.get(s) || { sel: s, family: isFamily(s), name: isFamily(s) ? s.slice(0, -1) : s, known: false, members: [] });
    }
    want.forEach((sel, i) => {
      const v = data[`a${i}`];
      if (isFamily(sel)) {
        const prefix = sel.slice(0, -1);
        known.set(sel, familyLabel(sel, (v || []).filter((a) => a.code.startsWith(prefix))));
      } else {
        known.set(sel, v ? { sel, family: false, name: v.name, known: true, actor: v } : { sel, family: false, name: sel, known: false });
      }
    });
  }
  return sels.map((s) => known.get(s));
}

export async function label(sel, opts) {
  return (await labels([sel], opts))[0];
}

// remember records actor names seen elsewhere (search results, tables).
export function remember(actor) {
  if (actor && actor.code && actor.name && !known.has(actor.code)) {
    known.set(actor.code, { sel: actor.code, family: false, name: actor.name, known: true, actor });
  }
}

// text is a one-line description: "Russia (RUSGOV)", "Russian Federation — all actors (RUS*)".
export function text(l) {
  return l.family ? `${l.name} — all actors (${l.sel})` : `${l.name} (${l.sel})`;
}

// chip renders a selector as a link to its actor page.
export function chip(l, { link = true } = {}) {
  const inner = [
    h('span', { class: 'chip-name' }, l.name),
    h('span', { class: 'chip-code' }, l.sel),
  ];
  if (l.family) inner.splice(1, 0, h('span', { class: 'chip-fam' }, 'all'));
  return link
    ? h('a', { class: ['chip', l.family && 'chip-family'], href: actorHref(l.sel), title: text(l) }, inner)
    : h('span', { class: ['chip', l.family && 'chip-family'], title: text(l) }, inner);
}

// actorLink renders an actor (code, name) from an API answer.
export function actorLink(a, { code = true } = {}) {
  remember(a);
  return h('a', { class: 'actor-link', href: actorHref(a.code), title: `${a.name} (${a.code})` },
    h('span', { class: 'actor-name' }, a.name),
    code && a.name !== a.code ? h('span', { class: 'code' }, a.code) : null);
}

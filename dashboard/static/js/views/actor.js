// Actor page (#/actor/SEL): who supports and opposes the actor, a summary
// of its events as source and as target, its activity over time, the
// family's members and its events with provenance.
//
//   actor(code) / actors(search)                       -- labels.js
//   timeline(source: SEL, bucket: YEAR), timeline(target: SEL, bucket: YEAR)
//   timeline(actor: SEL, bucket: $bucket)
//   supporters(of: SEL, first: 10), opponents(of: SEL, first: 10)
//   events(filter: {actors: [SEL]}, first: 25, after)   -- events.js

import { gql } from '../api.js';
import { h, card, loadInto, retryable, fmtInt, emptyNote, errorBox } from '../dom.js';
import { label, text, actorLink, isFamily, normalise, validSelector } from '../labels.js';
import { actorPicker } from '../combobox.js';
import { timelineChart } from '../charts.js';
import { eventsTable } from '../events.js';
import { actorHref, dyadHref, networkHref, range, update } from '../route.js';
import { pageHeader, bucketControl, rankTable, RANK_FIELDS, tallyCells, tallyHead, sumPoints, BUCKETS } from './common.js';

const POINT = 'start events goldsteinSum verbalCooperation materialCooperation verbalConflict materialConflict';

const SUMMARY = `query ActorSummary($sel: String!, $from: String, $to: String) {
  asSource: timeline(source: $sel, from: $from, to: $to, bucket: YEAR) { ${POINT} }
  asTarget: timeline(target: $sel, from: $from, to: $to, bucket: YEAR) { ${POINT} }
}`;

const ACTIVITY = `query ActorActivity($sel: String!, $from: String, $to: String, $bucket: Bucket) {
  timeline(actor: $sel, from: $from, to: $to, bucket: $bucket) { ${POINT} }
}`;

const STANCE = `query ActorStance($sel: String!, $from: String, $to: String) {
  supporters(of: $sel, first: 10, from: $from, to: $to) { ...Ranked }
  opponents(of: $sel, first: 10, from: $from, to: $to) { ...Ranked }
}
${RANK_FIELDS}`;

export function render(root, { segs, params, signal }) {
  const sel = normalise(segs[1]);
  if (!validSelector(sel)) {
    root.append(pageHeader({ title: 'Not an actor selector' }), errorBox(`“${segs[1] || ''}” is not a CAMEO actor code or family (e.g. RUSGOV, RUS*).`));
    return { title: 'Actor' };
  }
  const r = range(params);
  const bucket = BUCKETS.includes(params.get('bucket')) ? params.get('bucket') : 'MONTH';
  const fam = isFamily(sel);

  const titleEl = h('span', null, sel);
  const subtitle = h('span', null, fam ? `${sel.slice(0, -1)} and every actor under it` : 'CAMEO actor');
  const compare = actorPicker({
    id: 'compare-with', label: 'Compare with', compact: true, placeholder: 'Actor or family, e.g. Syria',
    onPick: (o) => { location.hash = dyadHref(sel, o.value); },
  });
  const actions = [
    h('a', { class: 'btn', href: networkHref(sel, { hops: 1 }) }, 'Network'),
    h('a', { class: 'btn', href: networkHref(sel, { hops: 2 }) }, 'Network, 2 hops'),
    !fam && sel.length > 3 ? h('a', { class: 'btn btn-ghost', href: actorHref(sel.slice(0, 3) + '*') }, `Family ${sel.slice(0, 3)}*`) : null,
  ];
  root.append(pageHeader({
    crumbs: [{ label: 'Actor' }, { label: sel }],
    kicker: fam ? 'Actor family' : 'Actor',
    title: titleEl, subtitle, range: r,
    actions: h('div', { class: 'actions-stack' }, h('div', { class: 'btn-row' }, actions), compare.el),
  }));

  const summary = card('Events as source and as target', { id: 'summary', subtitle: 'Counts by quad class and mean Goldstein value in the selected dates' });
  const sup = card('Top supporters', { id: 'supporters', subtitle: 'Actors whose events towards it sum to a positive Goldstein score' });
  const opp = card('Top opponents', { id: 'opponents', subtitle: 'Actors whose events towards it sum to a negative Goldstein score' });
  const activity = card('Activity over time', {
    id: 'activity', subtitle: 'All its events, as source or target',
    actions: bucketControl(bucket, (b) => update({ bucket: b })),
  });
  const members = fam ? card('Actors in this family', { id: 'members', subtitle: 'All dates · most active first' }) : null;
  const events = card('Events', { id: 'events', subtitle: 'Every event it is part of, with the reports behind it' });

  root.append(
    h('div', { class: 'grid-2' }, sup.el, opp.el),
    summary.el,
    activity.el,
    members ? members.el : null,
    events.el);

  const lab = label(sel, { signal });
  lab.then((l) => {
    titleEl.textContent = l.family ? `${l.name} — all actors` : l.name;
    document.title = `${l.name} · Dyad`;
    if (!l.family && l.actor) {
      subtitle.textContent = `${sel} · ${[l.actor.countryName, l.actor.sectorName].filter(Boolean).join(' · ') || 'CAMEO actor'} · ${fmtInt(l.actor.asSource)} events as source, ${fmtInt(l.actor.asTarget)} as target (all dates)`;
    } else if (l.family) {
      subtitle.textContent = `${sel} · ${sel.slice(0, -1)} and the ${l.members.length} actor${l.members.length === 1 ? '' : 's'} under it`;
    } else {
      subtitle.textContent = `${sel} is not in the store.`;
    }
  }).catch(() => {});

  const vars = { sel, ...r };
  loadInto(summary.body, async () => {
    const d = await gql(SUMMARY, vars, { signal });
    const src = sumPoints(d.asSource), tgt = sumPoints(d.asTarget);
    return h('div', { class: 'table-scroll' }, h('table', { class: 'data' },
      h('caption', { class: 'sr-only' }, 'Events as source and as target by quad class'),
      tallyHead('Role'),
      h('tbody', null,
        h('tr', null, h('th', { scope: 'row' }, 'As source (acts)'), tallyCells(src)),
        h('tr', null, h('th', { scope: 'row' }, 'As target (acted on)'), tallyCells(tgt)))));
  }, { signal, what: 'the event summary' });

  const stance = retryable(() => gql(STANCE, vars, { signal }));
  loadInto(sup.body, async () => rankTable((await stance()).supporters, { sel, stance: 'supporters' }), { signal, what: 'the supporters' });
  loadInto(opp.body, async () => rankTable((await stance()).opponents, { sel, stance: 'opponents' }), { signal, what: 'the opponents' });

  loadInto(activity.body, async () => {
    const [d, l] = await Promise.all([gql(ACTIVITY, { ...vars, bucket }, { signal }), lab]);
    if (!d.timeline.length) return emptyNote('No events in this range.');
    return timelineChart(d.timeline, { bucket, title: `Events of ${text(l)} per ${bucket.toLowerCase()}` });
  }, { signal, what: 'the activity timeline' });

  if (members) {
    loadInto(members.body, async () => {
      const l = await lab;
      if (!l.members.length) return emptyNote('No actor in the store has a code starting with ' + sel.slice(0, -1) + '.');
      return h('div', { class: 'table-scroll' }, h('table', { class: 'data' },
        h('caption', { class: 'sr-only' }, 'Actors in this family'),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, 'Actor'), h('th', { scope: 'col' }, 'Sector'),
          h('th', { scope: 'col', class: 'num' }, 'As source'), h('th', { scope: 'col', class: 'num' }, 'As target'),
          h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Links')))),
        h('tbody', null, [...l.members].sort((a, b) => (b.asSource + b.asTarget) - (a.asSource + a.asTarget)).map((a) => h('tr', null,
          h('th', { scope: 'row' }, actorLink(a)),
          h('td', { class: 'muted' }, a.sectorName || (a.code.length === 3 ? 'country' : '—')),
          h('td', { class: 'num' }, fmtInt(a.asSource)),
          h('td', { class: 'num' }, fmtInt(a.asTarget)),
          h('td', { class: 'row-links' }, h('a', { href: networkHref(a.code), 'aria-label': `Network of ${a.name}` }, 'Network')))))));
    }, { signal, what: 'the family members' });
  }

  const table = eventsTable({ streams: [{ filter: { actors: [sel], ...r } }], signal, caption: `Events of ${sel}` });
  events.body.append(table.el);
  events.body.dataset.state = 'ready';

  return { title: sel, focus: null };
}

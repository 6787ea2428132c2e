// Dyad page (#/dyad/A/B?bucket=MONTH&dir=both): how two actors (or
// families) act on each other.
//
//   relations(source: A, target: B)               -- both directions
//   timeline(source: A, target: B, bucket), timeline(source: B, target: A, bucket)
//   events(filter: {sources: [A], targets: [B]}), events(filter: {sources: [B], targets: [A]})
//
// dir = both (default) | ab | ba chooses the timeline and events shown.

import { gql } from '../api.js';
import { h, card, loadInto, fmtInt, fmtNum, fmtDay, emptyNote, errorBox, tone, QUADS } from '../dom.js';
import { labels, chip, normalise, validSelector } from '../labels.js';
import { timelineChart, mergeTimelines, quadBar } from '../charts.js';
import { eventsTable } from '../events.js';
import { dyadHref, networkHref, range, update } from '../route.js';
import { pageHeader, bucketControl, segmented, BUCKETS } from './common.js';

const TALLY = 'source target events verbalCooperation materialCooperation verbalConflict materialConflict goldsteinSum goldsteinMean first last byRoot { root name events }';
const RELATIONS = `query DyadRelations($a: String!, $b: String!, $from: String, $to: String) {
  relations(source: $a, target: $b, from: $from, to: $to) { forward { ${TALLY} } backward { ${TALLY} } }
}`;
const POINT = 'start events goldsteinSum verbalCooperation materialCooperation verbalConflict materialConflict';
const TIMELINE = `query DyadTimeline($a: String!, $b: String!, $from: String, $to: String, $bucket: Bucket) {
  ab: timeline(source: $a, target: $b, from: $from, to: $to, bucket: $bucket) { ${POINT} }
  ba: timeline(source: $b, target: $a, from: $from, to: $to, bucket: $bucket) { ${POINT} }
}`;

// Root names in the ontology are upper case ("ENGAGE IN DIPLOMATIC COOPERATION").
const sentenceCase = (s) => (s === s.toUpperCase() ? s.charAt(0) + s.slice(1).toLowerCase() : s);

function relationCard(t, from, to) {
  const mean = t.events ? t.goldsteinMean : null;
  const body = t.events
    ? [
      h('dl', { class: 'kpis' },
        h('div', null, h('dt', null, 'Events'), h('dd', null, fmtInt(t.events))),
        h('div', null, h('dt', null, 'Mean Goldstein'), h('dd', { class: `gs-${tone(mean)}` }, fmtNum(mean), h('span', { class: 'kpi-note' }, tone(mean)))),
        h('div', null, h('dt', null, 'Goldstein sum'), h('dd', null, fmtNum(t.goldsteinSum, 1))),
        h('div', null, h('dt', null, 'Span'), h('dd', { class: 'kpi-small' }, `${fmtDay(t.first)} – ${fmtDay(t.last)}`))),
      quadBar(t, { width: 400, height: 14 }),
      h('table', { class: 'data compact quads' },
        h('caption', { class: 'sr-only' }, `${from.name} towards ${to.name}: events by quad class`),
        h('tbody', null, QUADS.map((q) => h('tr', null,
          h('th', { scope: 'row' }, h('span', { class: `quad quad-${q.n}` }, h('span', { class: 'quad-swatch', 'aria-hidden': 'true' }), q.label)),
          h('td', { class: 'num' }, fmtInt(t[q.key])),
          h('td', { class: 'num muted' }, t.events ? `${Math.round((100 * t[q.key]) / t.events)}%` : '—'))))),
      t.byRoot.length ? h('div', { class: 'roots' },
        h('h4', null, 'Most frequent actions'),
        h('ol', null, t.byRoot.slice(0, 5).map((r) => h('li', null, h('span', { class: 'code' }, r.root), ' ', sentenceCase(r.name), h('span', { class: 'count' }, fmtInt(r.events)))))) : null,
    ]
    : [emptyNote('No events in this direction in the selected dates.')];
  return h('section', { class: 'relation', 'aria-label': `${from.name} acting on ${to.name}` },
    h('h3', null, h('span', null, from.name), h('span', { class: 'arrow', 'aria-hidden': 'true' }, '→'), h('span', { class: 'sr-only' }, 'acting on'), h('span', null, to.name)),
    body);
}

export function render(root, { segs, params, signal }) {
  const a = normalise(segs[1]);
  const b = normalise(segs[2]);
  if (!validSelector(a) || !validSelector(b)) {
    root.append(pageHeader({ title: 'Not a dyad' }), errorBox('A dyad needs two actor selectors: #/dyad/RUS*/SYR*.'));
    return { title: 'Dyad' };
  }
  const r = range(params);
  const bucket = BUCKETS.includes(params.get('bucket')) ? params.get('bucket') : 'MONTH';
  const dir = ['both', 'ab', 'ba'].includes(params.get('dir')) ? params.get('dir') : 'both';

  const titleEl = h('span', { class: 'dyad-title' }, `${a} ⇄ ${b}`);
  const chips = h('div', { class: 'dyad-chips' });
  const netA = h('a', { class: 'btn', href: networkHref(a) }, `Network of ${a}`);
  const netB = h('a', { class: 'btn', href: networkHref(b) }, `Network of ${b}`);
  root.append(pageHeader({
    crumbs: [{ label: 'Dyad' }, { label: `${a} ⇄ ${b}` }],
    kicker: 'Dyad',
    title: titleEl,
    subtitle: chips,
    range: r,
    actions: h('div', { class: 'btn-row' },
      h('a', { class: 'btn', href: dyadHref(b, a, { ...Object.fromEntries(params), dir: { ab: 'ba', ba: 'ab' }[dir] || null }) }, 'Swap ⇄'),
      netA, netB),
  }));

  const dirControl = h('div', { class: 'toolbar', role: 'group', 'aria-label': 'Timeline and events options' });
  const relations = card('Relations', { id: 'relations', subtitle: 'How each side acts on the other', wide: true });
  const timeline = card('Timeline', { id: 'timeline', subtitle: 'Events per period by quad class, and the mean Goldstein value', actions: bucketControl(bucket, (v) => update({ bucket: v })) });
  const events = card('Events', { id: 'events', subtitle: 'With the sentence and article each was coded from' });
  root.append(relations.el, dirControl, timeline.el, events.el);

  const lab = labels([a, b], { signal });
  lab.then(([la, lb]) => {
    titleEl.textContent = `${la.name} ⇄ ${lb.name}`;
    chips.replaceChildren(chip(la), h('span', { class: 'chip-sep', 'aria-hidden': 'true' }, '⇄'), chip(lb));
    document.title = `${la.name} ⇄ ${lb.name} · Dyad`;
    netA.textContent = `Network of ${la.name}`;
    netB.textContent = `Network of ${lb.name}`;
    dirControl.replaceChildren(h('p', { class: 'toolbar-note' }, 'Applies to the timeline and the events below.'), segmented({
      name: 'dir', legend: 'Direction', value: dir, onChange: (v) => update({ dir: v === 'both' ? null : v }),
      options: [
        { value: 'both', label: 'Both directions' },
        { value: 'ab', label: `${la.name} → ${lb.name}` },
        { value: 'ba', label: `${lb.name} → ${la.name}` },
      ],
    }));
  }).catch(() => {});

  const vars = { a, b, ...r };
  loadInto(relations.body, async () => {
    const [d, [la, lb]] = await Promise.all([gql(RELATIONS, vars, { signal }), lab]);
    return h('div', { class: 'relations' }, relationCard(d.relations.forward, la, lb), relationCard(d.relations.backward, lb, la));
  }, { signal, what: 'the relations' });

  loadInto(timeline.body, async () => {
    const [d, [la, lb]] = await Promise.all([gql(TIMELINE, { ...vars, bucket }, { signal }), lab]);
    const lists = dir === 'ab' ? [d.ab] : dir === 'ba' ? [d.ba] : [d.ab, d.ba];
    const points = mergeTimelines(lists, bucket);
    if (!points.length) return emptyNote('No events between them in the selected dates.');
    const what = dir === 'ab' ? `${la.name} → ${lb.name}` : dir === 'ba' ? `${lb.name} → ${la.name}` : `${la.name} ⇄ ${lb.name}`;
    return timelineChart(points, { bucket, title: `Events ${what} per ${bucket.toLowerCase()}` });
  }, { signal, what: 'the timeline' });

  const streams = [];
  if (dir !== 'ba') streams.push({ filter: { sources: [a], targets: [b], ...r } });
  if (dir !== 'ab') streams.push({ filter: { sources: [b], targets: [a], ...r } });
  const table = eventsTable({ streams, signal, caption: `Events between ${a} and ${b}` });
  events.body.append(table.el);
  events.body.dataset.state = 'ready';

  return { title: `${a} ⇄ ${b}` };
}

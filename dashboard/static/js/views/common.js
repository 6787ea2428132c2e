// Pieces shared by the views: page header, segmented controls and the
// supporters/opponents ranking table.

import { h, QUADS, fmtInt, fmtNum, emptyNote } from '../dom.js';
import { quadBar } from '../charts.js';
import { actorLink } from '../labels.js';
import { dyadHref, describeRange, link } from '../route.js';

export const BUCKETS = ['DAY', 'WEEK', 'MONTH', 'YEAR'];

export function pageHeader({ crumbs = [], title, kicker, subtitle, actions, range }) {
  return h('header', { class: 'page-head' },
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' },
      h('ol', null,
        h('li', null, h('a', { href: link([]) }, 'Overview')),
        crumbs.map((c, i) => h('li', null, c.href && i < crumbs.length - 1 ? h('a', { href: c.href }, c.label) : h('span', { 'aria-current': i === crumbs.length - 1 ? 'page' : null }, c.label))))),
    h('div', { class: 'page-title' },
      h('div', null,
        kicker ? h('p', { class: 'kicker' }, kicker) : null,
        h('h1', { tabindex: '-1' }, title),
        subtitle ? h('p', { class: 'subtitle' }, subtitle) : null,
        range ? h('p', { class: 'range-note' }, h('span', { class: 'range-pill' }, describeRange(range))) : null),
      actions ? h('div', { class: 'page-actions' }, actions) : null));
}

// segmented builds a radio group styled as a segmented control.
export function segmented({ name, legend, options, value, onChange }) {
  return h('fieldset', { class: 'segmented' },
    h('legend', null, legend),
    h('div', { class: 'segmented-options' },
      options.map((o) => h('label', { class: 'seg' },
        h('input', { type: 'radio', name, value: o.value, checked: o.value === value, id: `${name}-${o.value}`,
          onchange: (e) => { if (e.target.checked) onChange(o.value); } }),
        h('span', null, o.label)))));
}

export function bucketControl(value, onChange, name = 'bucket') {
  return segmented({
    name, legend: 'Period', value,
    options: BUCKETS.map((b) => ({ value: b, label: b[0] + b.slice(1).toLowerCase() })),
    onChange,
  });
}

export const RANK_FIELDS = `fragment Ranked on RankedActor {
  actor { code name } score events verbalCooperation materialCooperation verbalConflict materialConflict first last
}`;

// rankTable lists supporters or opponents of sel.
export function rankTable(rows, { sel, stance }) {
  if (!rows.length) return emptyNote(stance === 'supporters' ? 'No actor has a positive score towards it in this range.' : 'No actor has a negative score towards it in this range.');
  return h('table', { class: 'data rank', dataset: { stance } },
    h('caption', { class: 'sr-only' }, `${stance === 'supporters' ? 'Top supporters' : 'Top opponents'}, ranked by summed Goldstein score`),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col', class: 'num' }, '#'),
      h('th', { scope: 'col' }, 'Actor'),
      h('th', { scope: 'col', class: 'num' }, h('abbr', { title: 'Summed Goldstein value of its events towards this actor' }, 'Score')),
      h('th', { scope: 'col', class: 'num' }, 'Events'),
      h('th', { scope: 'col' }, 'Mix'),
      h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Dyad')))),
    h('tbody', null, rows.map((r, i) => h('tr', null,
      h('td', { class: 'num muted' }, i + 1),
      h('th', { scope: 'row' }, actorLink(r.actor)),
      h('td', { class: `num score score-${stance}` }, fmtNum(r.score, 1)),
      h('td', { class: 'num' }, fmtInt(r.events)),
      h('td', null, quadBar(r, { width: 96, height: 10 }),
        h('span', { class: 'sr-only' }, QUADS.map((q) => `${q.label} ${r[q.key]}`).join(', '))),
      h('td', { class: 'row-links' }, h('a', { href: dyadHref(r.actor.code, sel), 'aria-label': `Dyad ${r.actor.name} and ${sel}` }, 'Dyad →'))))));
}

// tallyRow is one row of a quad-class summary table.
export function tallyCells(t) {
  const mean = t.events ? t.goldsteinSum / t.events : null;
  return [
    h('td', { class: 'num strong' }, fmtInt(t.events)),
    QUADS.map((q) => h('td', { class: 'num' }, fmtInt(t[q.key]))),
    h('td', { class: 'num' }, mean === null ? '—' : fmtNum(mean)),
    h('td', null, quadBar(t, { width: 120, height: 10 })),
  ];
}

export function tallyHead(first) {
  return h('thead', null, h('tr', null,
    h('th', { scope: 'col' }, first),
    h('th', { scope: 'col', class: 'num' }, 'Events'),
    QUADS.map((q) => h('th', { scope: 'col', class: 'num' }, q.short)),
    h('th', { scope: 'col', class: 'num' }, 'Mean Goldstein'),
    h('th', { scope: 'col' }, 'Mix')));
}

export function sumPoints(points) {
  const t = { events: 0, goldsteinSum: 0 };
  for (const q of QUADS) t[q.key] = 0;
  for (const p of points) {
    t.events += p.events;
    t.goldsteinSum += p.goldsteinSum;
    for (const q of QUADS) t[q.key] += p[q.key];
  }
  return t;
}

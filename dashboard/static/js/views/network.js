// Network page (#/network/SEL?hops=2&min=1&max=40): the actor's
// neighbourhood as a picture and as a table.
//
//   network(actor: SEL, hops, minEvents, maxNodes, from, to) {
//     nodes { actor { code name } hops }
//     edges { source { code name } target { code name } events goldsteinSum sign ... } }

import { gql } from '../api.js';
import { h, card, loadInto, retryable, fmtInt, fmtNum, emptyNote, errorBox, QUADS } from '../dom.js';
import { label, text, actorLink, normalise, validSelector } from '../labels.js';
import { networkSVG, networkLegend, signKind, signWord, MAX_EDGES } from '../network.js';
import { quadBar } from '../charts.js';
import { actorHref, dyadHref, range, update } from '../route.js';
import { pageHeader, segmented } from './common.js';

const NETWORK = `query Network($sel: String!, $hops: Int, $min: Int, $max: Int, $from: String, $to: String) {
  network(actor: $sel, hops: $hops, minEvents: $min, maxNodes: $max, from: $from, to: $to) {
    nodes { actor { code name } hops }
    edges { source { code name } target { code name } events goldsteinSum sign
      verbalCooperation materialCooperation verbalConflict materialConflict }
  }
}`;

const intParam = (params, k, def, lo, hi) => {
  const n = parseInt(params.get(k), 10);
  return Number.isFinite(n) && n >= lo && n <= hi ? n : def;
};

export function render(root, { segs, params, signal }) {
  const sel = normalise(segs[1]);
  if (!validSelector(sel)) {
    root.append(pageHeader({ title: 'Not an actor selector' }), errorBox('A network needs an actor selector: #/network/SYRGOV.'));
    return { title: 'Network' };
  }
  const r = range(params);
  const hops = intParam(params, 'hops', 1, 1, 4);
  const min = intParam(params, 'min', 1, 1, 100000);
  const max = intParam(params, 'max', 40, 2, 500);

  const titleEl = h('span', null, `Network of ${sel}`);
  root.append(pageHeader({
    crumbs: [{ label: 'Actor', href: actorHref(sel) }, { label: `Network of ${sel}` }],
    kicker: 'Network',
    title: titleEl,
    subtitle: 'Actors linked by events, hop by hop from the centre. Select a node to open its actor page.',
    range: r,
    actions: h('div', { class: 'btn-row' }, h('a', { class: 'btn', href: actorHref(sel) }, 'Actor page')),
  }));

  const minInput = h('input', { type: 'number', id: 'net-min', min: 1, step: 1, value: min, inputmode: 'numeric' });
  const controls = h('form', {
    class: 'toolbar', 'aria-label': 'Network options',
    onsubmit: (e) => { e.preventDefault(); update({ min: minInput.value > 1 ? minInput.value : null }); },
  },
  segmented({ name: 'hops', legend: 'Hops', value: String(hops), options: [1, 2, 3, 4].map((n) => ({ value: String(n), label: String(n) })), onChange: (v) => update({ hops: v }) }),
  segmented({ name: 'max', legend: 'At most', value: String(max), options: [20, 40, 80, 150].map((n) => ({ value: String(n), label: `${n} actors` })), onChange: (v) => update({ max: v }) }),
  h('div', { class: 'field-inline' },
    h('label', { for: 'net-min' }, 'Min. events per link'),
    minInput,
    h('button', { type: 'submit', class: 'btn btn-small' }, 'Apply')));
  const pic = card('Neighbourhood', { id: 'network', wide: true });
  const list = card('Links', { id: 'links', subtitle: 'Every edge of the picture, most events first' });
  root.append(controls, pic.el, list.el);

  const lab = label(sel, { signal });
  lab.then((l) => { titleEl.textContent = `Network of ${l.family ? l.name + ' (all actors)' : l.name}`; document.title = `Network of ${l.name} · Dyad`; }).catch(() => {});

  const data = retryable(() => gql(NETWORK, { sel, hops, min, max, ...r }, { signal }));
  loadInto(pic.body, async () => {
    const [d, l] = await Promise.all([data(), lab]);
    const net = d.network;
    if (!net.nodes.length) return emptyNote('No events link this actor to others in the selected dates.');
    const kinds = { coop: 0, conflict: 0, neutral: 0 };
    for (const e of net.edges) kinds[signKind(e.sign)]++;
    const desc = `${net.nodes.length} actors and ${net.edges.length} directed links within ${hops} hop${hops > 1 ? 's' : ''} of ${text(l)}: ` +
      `${kinds.coop} cooperative, ${kinds.conflict} conflictual, ${kinds.neutral} neutral. ` +
      (net.edges.length > MAX_EDGES ? `The picture draws the ${MAX_EDGES} links with the most events; raise the minimum events per link to thin it out. ` : '') +
      'The table of links below lists them all.';
    return h('figure', { class: 'chart-figure network-figure', dataset: { nodes: net.nodes.length, edges: net.edges.length } },
      h('div', { class: 'chart-scroll' }, networkSVG(net, { title: `Network of ${text(l)}`, description: desc })),
      h('figcaption', null, networkLegend(), h('p', { class: 'chart-desc' }, desc)));
  }, { signal, what: 'the network' });

  loadInto(list.body, async () => {
    const net = (await data()).network;
    if (!net.edges.length) return emptyNote('No links.');
    const hopsOf = new Map(net.nodes.map((n) => [n.actor.code, n.hops]));
    const edges = [...net.edges].sort((x, y) => (y.events - x.events) || (x.source.code < y.source.code ? -1 : 1));
    return h('div', { class: 'table-scroll' }, h('table', { class: 'data' },
      h('caption', { class: 'sr-only' }, 'Links of the network'),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, 'Source'), h('th', { scope: 'col' }, 'Target'),
        h('th', { scope: 'col', class: 'num' }, 'Hops'),
        h('th', { scope: 'col', class: 'num' }, 'Events'),
        h('th', { scope: 'col' }, 'Sign'),
        h('th', { scope: 'col', class: 'num' }, 'Mean Goldstein'),
        h('th', { scope: 'col' }, 'Mix'),
        h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Dyad')))),
      h('tbody', null, edges.map((e) => {
        const kind = signKind(e.sign);
        return h('tr', null,
          h('td', null, actorLink(e.source)),
          h('td', null, actorLink(e.target)),
          h('td', { class: 'num muted' }, `${hopsOf.get(e.source.code)}–${hopsOf.get(e.target.code)}`),
          h('td', { class: 'num' }, fmtInt(e.events)),
          h('td', null, h('span', { class: `sign sign-${kind}` }, signWord[kind])),
          h('td', { class: 'num' }, fmtNum(e.events ? e.goldsteinSum / e.events : 0)),
          h('td', null, quadBar(e, { width: 96, height: 10 }), h('span', { class: 'sr-only' }, QUADS.map((q) => `${q.label} ${e[q.key]}`).join(', '))),
          h('td', { class: 'row-links' }, h('a', { href: dyadHref(e.source.code, e.target.code) }, 'Dyad →')));
      }))));
  }, { signal, what: 'the links' });

  return { title: `Network of ${sel}` };
}

// The network picture: a deterministic concentric layout (one ring per
// hop; each node placed near the nodes that link it inwards), directed
// curved edges signed by Goldstein (cooperation solid, conflict dashed,
// neutral dotted, plus colour) and sized by event count. Nodes are links
// to actor pages, so the picture is navigable with the keyboard.

import { h, s, fmtInt, fmtNum, tone } from './dom.js';
import { actorHref } from './route.js';

const TAU = Math.PI * 2;

// layout returns a Map code -> {x, y, r, ring} for nodes [{code, hops}]
// and edges [{source, target, events}].
export function layout(nodes, edges, { radius = 320 } = {}) {
  const degree = new Map(nodes.map((n) => [n.code, 0]));
  const adj = new Map(nodes.map((n) => [n.code, new Map()]));
  for (const e of edges) {
    degree.set(e.source, (degree.get(e.source) || 0) + e.events);
    degree.set(e.target, (degree.get(e.target) || 0) + e.events);
    for (const [a, b] of [[e.source, e.target], [e.target, e.source]]) {
      if (!adj.has(a)) continue;
      adj.get(a).set(b, (adj.get(a).get(b) || 0) + e.events);
    }
  }
  const maxHop = Math.max(0, ...nodes.map((n) => n.hops));
  const rings = [];
  for (const n of nodes) (rings[n.hops] ||= []).push(n.code);
  const centres = rings[0] || [];
  const base = centres.length > 1 ? Math.min(radius * 0.4, 28 + 10 * centres.length) : 0;
  const step = maxHop ? (radius - base) / maxHop : 0;
  const pos = new Map();
  const maxDeg = Math.max(1, ...degree.values());
  // Nodes shrink when a ring is crowded, so that they do not overlap.
  const crowd = Math.max(1, ...rings.filter(Boolean).map((r) => r.length));
  const big = Math.max(6, Math.min(20, (TAU * radius) / crowd / 2.6));
  const size = (code) => 4 + big * 0.35 + big * 0.65 * Math.sqrt((degree.get(code) || 0) / maxDeg);
  const byWeight = (a, b) => (degree.get(b) - degree.get(a)) || (a < b ? -1 : a > b ? 1 : 0);

  const place = (codes, r, order, offset = -Math.PI / 2) => {
    codes.forEach((code, i) => {
      const a = offset + (TAU * i) / codes.length;
      pos.set(code, { x: r * Math.cos(a), y: r * Math.sin(a), r: size(code), angle: a, ring: order });
    });
  };
  const sortedCentres = [...centres].sort(byWeight);
  if (sortedCentres.length === 1) pos.set(sortedCentres[0], { x: 0, y: 0, r: size(sortedCentres[0]) + 3, angle: 0, ring: 0 });
  else place(sortedCentres, base, 0);

  for (let hop = 1; hop <= maxHop; hop++) {
    const codes = rings[hop] || [];
    if (!codes.length) continue;
    const r = base + step * hop;
    // Anchor each node at the weighted mean direction of its inner neighbours.
    const anchor = new Map();
    let spread = false;
    for (const code of codes) {
      let sx = 0, sy = 0;
      for (const [other, w] of adj.get(code) || []) {
        const p = pos.get(other);
        if (p && p.ring < hop && (p.x || p.y)) { sx += w * Math.cos(p.angle); sy += w * Math.sin(p.angle); }
      }
      if (sx || sy) spread = true;
      anchor.set(code, sx || sy ? Math.atan2(sy, sx) : -Math.PI / 2);
    }
    if (!spread) {
      // Around a single centre every direction is as good: spread evenly.
      place([...codes].sort(byWeight), r, hop);
      continue;
    }
    const norm = (a) => ((a % TAU) + TAU) % TAU;
    const sorted = [...codes].sort((a, b) => (norm(anchor.get(a)) - norm(anchor.get(b))) || byWeight(a, b));
    const angles = sorted.map((c) => norm(anchor.get(c)));
    // Push neighbours apart until each pair is at least minGap apart (a
    // fixed number of rounds, so the layout is deterministic).
    const n = angles.length;
    const minGap = Math.min(TAU / n, Math.max(0.5, TAU / (n * 1.6)));
    if (minGap * n > TAU * 0.8) {
      // A crowded ring: even slots, turned to best match the anchors.
      let sx = 0, sy = 0;
      angles.forEach((a, i) => { sx += Math.cos(a - (TAU * i) / n); sy += Math.sin(a - (TAU * i) / n); });
      const offset = sx || sy ? Math.atan2(sy, sx) : -Math.PI / 2;
      angles.forEach((_, i) => { angles[i] = offset + (TAU * i) / n; });
    }
    for (let round = 0; round < 200 && n > 1; round++) {
      for (let i = 0; i < n; i++) {
        const j = (i + 1) % n;
        const gap = j ? angles[j] - angles[i] : angles[0] + TAU - angles[i];
        if (gap < minGap) {
          const d = (minGap - gap) / 2;
          angles[i] -= d;
          angles[j] += d;
        }
      }
    }
    sorted.forEach((code, i) => {
      const a = angles[i];
      pos.set(code, { x: r * Math.cos(a), y: r * Math.sin(a), r: size(code), angle: a, ring: hop });
    });
  }
  return pos;
}

function trim(p, q, by) {
  const dx = q.x - p.x, dy = q.y - p.y;
  const len = Math.hypot(dx, dy) || 1;
  return { x: p.x + (dx / len) * by, y: p.y + (dy / len) * by };
}

const signKind = (sign) => (sign > 0 ? 'coop' : sign < 0 ? 'conflict' : 'neutral');
const signWord = { coop: 'cooperation', conflict: 'conflict', neutral: 'neutral' };

// networkSVG draws the network; names maps code -> name.
// MAX_EDGES bounds the edges drawn; the strongest are kept (the table
// under the picture lists them all).
export const MAX_EDGES = 240;
const MAX_LABELS = 24;

export function networkSVG(net, { title, description }) {
  const nodes = net.nodes.map((n) => ({ code: n.actor.code, name: n.actor.name, hops: n.hops }));
  let edges = net.edges.map((e) => ({ ...e, source: e.source.code, target: e.target.code }));
  if (edges.length > MAX_EDGES) {
    edges = [...edges].sort((a, b) => (b.events - a.events) || (Math.abs(b.goldsteinSum) - Math.abs(a.goldsteinSum))).slice(0, MAX_EDGES);
  }
  const R = 300;
  const pos = layout(nodes, edges, { radius: R });
  const W = 1000, H = 730;
  const maxEvents = Math.max(1, ...edges.map((e) => e.events));
  const svg = s('svg', {
    class: ['chart', 'network', edges.length > 80 && 'dense'], viewBox: `${-W / 2} ${-H / 2} ${W} ${H}`, role: 'group',
    'aria-labelledby': 'net-title net-desc',
  },
  s('title', { id: 'net-title' }, title),
  s('desc', { id: 'net-desc' }, description),
  s('defs', null, ['coop', 'conflict', 'neutral'].map((k) => s('marker', {
    id: `arrow-${k}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 15, markerHeight: 15,
    markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse',
  }, s('path', { d: 'M0,1 L10,5 L0,9 z', class: `arrowhead arrow-${k}` })))));

  // Hop rings, each labelled in its widest gap between nodes.
  const rings = s('g', { class: 'rings', 'aria-hidden': 'true' });
  const byRing = new Map();
  for (const p of pos.values()) {
    const r = Math.hypot(p.x, p.y);
    if (r < 1) continue;
    if (!byRing.has(p.ring)) byRing.set(p.ring, { r, angles: [] });
    byRing.get(p.ring).angles.push(((Math.atan2(p.y, p.x) % TAU) + TAU) % TAU);
  }
  for (const [ring, { r, angles }] of [...byRing].sort((a, b) => a[0] - b[0])) {
    rings.append(s('circle', { cx: 0, cy: 0, r, class: 'ring' }));
    if (ring === 0) continue;
    angles.sort((a, b) => a - b);
    let best = angles[0] + Math.PI, widest = -1;
    angles.forEach((a, i) => {
      const next = i + 1 < angles.length ? angles[i + 1] : angles[0] + TAU;
      if (next - a > widest) { widest = next - a; best = (a + next) / 2; }
    });
    rings.append(s('text', { x: (r + 4) * Math.cos(best), y: (r + 4) * Math.sin(best) + 4, class: 'ring-label', 'text-anchor': 'middle' }, `${ring} hop${ring > 1 ? 's' : ''}`));
  }
  svg.append(rings);

  const names = new Map(nodes.map((n) => [n.code, n.name]));
  const pair = new Set(edges.map((e) => `${e.source}>${e.target}`));
  const eg = s('g', { class: 'edges' });
  for (const e of edges) {
    const a = pos.get(e.source), b = pos.get(e.target);
    if (!a || !b) continue;
    const kind = signKind(e.sign);
    const dx = b.x - a.x, dy = b.y - a.y;
    const len = Math.hypot(dx, dy) || 1;
    // Bend to the right of the direction of travel so that A→B and B→A part.
    const bend = pair.has(`${e.target}>${e.source}`) ? 0.16 : 0.06;
    const c = { x: (a.x + b.x) / 2 + (dy / len) * len * bend, y: (a.y + b.y) / 2 - (dx / len) * len * bend };
    const p0 = trim(a, c, a.r + 1);
    const p1 = trim(b, c, b.r + 3);
    const width = 1.2 + 4.3 * Math.sqrt(e.events / maxEvents);
    const mean = e.events ? e.goldsteinSum / e.events : 0;
    eg.append(s('path', {
      class: `edge edge-${kind}`, d: `M${p0.x.toFixed(1)},${p0.y.toFixed(1)} Q${c.x.toFixed(1)},${c.y.toFixed(1)} ${p1.x.toFixed(1)},${p1.y.toFixed(1)}`,
      'stroke-width': width.toFixed(2), 'marker-end': `url(#arrow-${kind})`,
      dataset: { source: e.source, target: e.target },
    }, s('title', null, `${names.get(e.source) || e.source} → ${names.get(e.target) || e.target}: ${fmtInt(e.events)} events, ${signWord[kind]} (Goldstein sum ${fmtNum(e.goldsteinSum, 1)}, mean ${fmtNum(mean)})`)));
  }
  svg.append(eg);

  const ng = s('g', { class: 'nodes' });
  const order = [...nodes].sort((x, y) => y.hops - x.hops);
  // In a big network only the busiest nodes are labelled; the others show
  // their label on hover and focus.
  const weight = new Map(nodes.map((n) => [n.code, 0]));
  for (const e of edges) {
    weight.set(e.source, weight.get(e.source) + e.events);
    weight.set(e.target, weight.get(e.target) + e.events);
  }
  const ranked = [...nodes].sort((x, y) => ((y.hops === 0) - (x.hops === 0)) || (weight.get(y.code) - weight.get(x.code)) || (x.code < y.code ? -1 : 1));
  const labelled = new Set((nodes.length <= 30 ? ranked : ranked.slice(0, MAX_LABELS)).map((n) => n.code));
  for (const n of order) {
    const p = pos.get(n.code);
    const out = Math.hypot(p.x, p.y) > 1 ? { x: p.x / Math.hypot(p.x, p.y), y: p.y / Math.hypot(p.x, p.y) } : { x: 0, y: 1 };
    const lx = p.x + out.x * (p.r + 6);
    const ly = p.y + out.y * (p.r + 6);
    const anchor = out.x > 0.3 ? 'start' : out.x < -0.3 ? 'end' : 'middle';
    const dy = out.y > 0.3 ? 12 : out.y < -0.3 ? -4 : 4;
    const deg = edges.filter((e) => e.source === n.code || e.target === n.code).reduce((a, e) => a + e.events, 0);
    const label = n.name.length > 22 ? n.name.slice(0, 21) + '…' : n.name;
    const a = s('a', {
      href: actorHref(n.code), class: ['node', n.hops === 0 && 'node-centre', `node-hop-${Math.min(n.hops, 4)}`, !labelled.has(n.code) && 'minor'],
      'aria-label': `${n.name} (${n.code}), ${n.hops === 0 ? 'centre' : `${n.hops} hop${n.hops > 1 ? 's' : ''} away`}, ${deg} events in this network. Open actor page.`,
      dataset: { code: n.code, hops: n.hops },
    },
    s('title', null, `${n.name} (${n.code}) · ${deg} events · ${n.hops === 0 ? 'centre' : `${n.hops} hop${n.hops > 1 ? 's' : ''}`}`),
    s('circle', { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: p.r.toFixed(1) }),
    s('text', { x: lx.toFixed(1), y: (ly + dy).toFixed(1), 'text-anchor': anchor, class: 'node-label' }, label,
      n.name !== n.code ? s('tspan', { class: 'node-code', dx: 4 }, n.code) : null));
    const on = () => highlight(svg, n.code, true);
    const off = () => highlight(svg, n.code, false);
    a.addEventListener('mouseenter', on);
    a.addEventListener('mouseleave', off);
    a.addEventListener('focus', on);
    a.addEventListener('blur', off);
    ng.append(a);
  }
  svg.append(ng);
  return svg;
}

function highlight(svg, code, on) {
  svg.classList.toggle('has-focus', on);
  for (const e of svg.querySelectorAll('.edge')) {
    e.classList.toggle('hl', on && (e.dataset.source === code || e.dataset.target === code));
  }
  const linked = new Set([code]);
  if (on) for (const e of svg.querySelectorAll('.edge.hl')) { linked.add(e.dataset.source); linked.add(e.dataset.target); }
  for (const n of svg.querySelectorAll('.node')) n.classList.toggle('hl', on && linked.has(n.dataset.code));
}

export function networkLegend() {
  const line = (kind, label) => h('li', null,
    s('svg', { class: 'swatch', viewBox: '0 0 34 12', width: 34, height: 12, 'aria-hidden': 'true' },
      s('path', { d: 'M1 6 L29 6', class: `edge edge-${kind}`, 'stroke-width': 2.5 }),
      s('path', { d: 'M27 2 L33 6 L27 10 z', class: `arrowhead arrow-${kind}` })), label);
  return h('ul', { class: 'legend' },
    line('coop', 'Cooperation (solid, blue): summed Goldstein > 0'),
    line('conflict', 'Conflict (dashed, red): summed Goldstein < 0'),
    line('neutral', 'Neutral (dotted)'),
    h('li', null, 'Arrow: who acts on whom · width: events · node size: events in view · rings: hops from the centre'));
}

export { signKind, signWord, tone };

// Hand-built SVG charts: the dyad timeline (diverging stacked bars of the
// four quad classes, cooperation above the axis and conflict below, with
// the mean Goldstein value per period as a line on a second axis) and the
// small quad-class bars of tables. Colours come from CSS classes; verbal
// classes are also hatched so that they read in greyscale print.

import { h, s, QUADS, fmtInt, fmtNum, fmtPeriod, tone } from './dom.js';

// ensureDefs adds the shared SVG patterns to the document once.
export function ensureDefs() {
  if (document.getElementById('dyad-defs')) return;
  const hatch = (id, cls, d) => s('pattern', { id, patternUnits: 'userSpaceOnUse', width: 6, height: 6 },
    s('rect', { width: 6, height: 6, class: `${cls}-bg` }),
    s('path', { d, class: `${cls}-ink`, 'stroke-width': 1.4 }));
  const defs = s('svg', { id: 'dyad-defs', width: 0, height: 0, 'aria-hidden': 'true', focusable: 'false', style: 'position:absolute;width:0;height:0;overflow:hidden' },
    s('defs', null,
      hatch('pat-q1', 'pq1', 'M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2'),
      hatch('pat-q3', 'pq3', 'M-1,5 l2,2 M0,0 l6,6 M5,-1 l2,2'),
      s('pattern', { id: 'pat-q4', patternUnits: 'userSpaceOnUse', width: 5, height: 5 },
        s('rect', { width: 5, height: 5, class: 'pq4-bg' }),
        s('circle', { cx: 2.5, cy: 2.5, r: 0.9, class: 'pq4-ink' }))));
  document.body.prepend(defs);
}

// swatch is a small legend square of quad class q.
export function swatch(q) {
  ensureDefs();
  return s('svg', { class: 'swatch', viewBox: '0 0 14 14', width: 14, height: 14, 'aria-hidden': 'true', focusable: 'false' },
    s('rect', { x: 0.5, y: 0.5, width: 13, height: 13, rx: 2, class: `fill-q${q}` }));
}

export function quadLegend({ goldstein = false } = {}) {
  return h('ul', { class: 'legend' },
    QUADS.map((q) => h('li', null, swatch(q.n), q.label + (q.kind === 'coop' ? ' (↑)' : ' (↓)'))),
    goldstein ? h('li', null,
      s('svg', { class: 'swatch', viewBox: '0 0 22 14', width: 22, height: 14, 'aria-hidden': 'true' },
        s('path', { d: 'M1 10 L8 5 L14 8 L21 3', class: 'gs-line' }), s('circle', { cx: 8, cy: 5, r: 2.4, class: 'gs-dot' })),
      'Mean Goldstein (right axis)') : null);
}

// quadBar is a 100% stacked bar of a tally's four quad classes.
export function quadBar(t, { width = 160, height = 12 } = {}) {
  ensureDefs();
  const total = QUADS.reduce((a, q) => a + (t[q.key] || 0), 0);
  const parts = QUADS.map((q) => `${q.label}: ${t[q.key] || 0}`).join(', ');
  const svg = s('svg', { class: 'quadbar', viewBox: `0 0 ${width} ${height}`, width, height, preserveAspectRatio: 'none', role: 'img', 'aria-label': total ? parts : 'no events' },
    s('rect', { x: 0, y: 0, width, height, rx: 2, class: 'quadbar-bg' }));
  let x = 0;
  for (const q of QUADS) {
    const w = total ? ((t[q.key] || 0) / total) * width : 0;
    if (w > 0) svg.append(s('rect', { x, y: 0, width: w, height, class: `fill-q${q.n}` }, s('title', null, `${q.label}: ${fmtInt(t[q.key])}`)));
    x += w;
  }
  return svg;
}

function niceStep(max, ticks) {
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

// nextPeriod returns the start of the period after start (YYYY-MM-DD).
export function nextPeriod(start, bucket) {
  const [y, m, d] = start.split('-').map(Number);
  let t;
  switch (bucket) {
    case 'YEAR': t = Date.UTC(y + 1, 0, 1); break;
    case 'MONTH': t = Date.UTC(y, m, 1); break;
    case 'WEEK': t = Date.UTC(y, m - 1, d + 7); break;
    default: t = Date.UTC(y, m - 1, d + 1);
  }
  return new Date(t).toISOString().slice(0, 10);
}

// mergeTimelines adds timelines (of the two directions of a dyad) period by
// period, filling the periods between them so that gaps show as gaps.
export function mergeTimelines(lists, bucket) {
  const by = new Map();
  for (const list of lists) {
    for (const p of list) {
      const cur = by.get(p.start) || { start: p.start, events: 0, goldsteinSum: 0, verbalCooperation: 0, materialCooperation: 0, verbalConflict: 0, materialConflict: 0 };
      cur.events += p.events;
      cur.goldsteinSum += p.goldsteinSum;
      for (const q of QUADS) cur[q.key] += p[q.key];
      by.set(p.start, cur);
    }
  }
  if (!by.size) return [];
  const starts = [...by.keys()].sort();
  const out = [];
  let guard = 0;
  for (let t = starts[0]; t <= starts[starts.length - 1] && guard < 10000; t = nextPeriod(t, bucket), guard++) {
    out.push(by.get(t) || { start: t, events: 0, goldsteinSum: 0, verbalCooperation: 0, materialCooperation: 0, verbalConflict: 0, materialConflict: 0 });
  }
  return out;
}

let chartSeq = 0;

// timelineChart draws points ({start, events, goldsteinSum, verbalCooperation, ...})
// and returns a <figure> with the chart, a legend and a data table.
export function timelineChart(points, { bucket, title, description }) {
  ensureDefs();
  const id = `tl-${++chartSeq}`;
  const W = 960, H = 340;
  const m = { l: 56, r: 56, t: 18, b: 42 };
  const pw = W - m.l - m.r, ph = H - m.t - m.b;
  const zeroY = m.t + ph / 2;
  const half = ph / 2;
  const coop = (p) => p.verbalCooperation + p.materialCooperation;
  const conf = (p) => p.verbalConflict + p.materialConflict;
  const peak = Math.max(1, ...points.map(coop), ...points.map(conf));
  const step = Math.max(1, niceStep(peak, 3)); // counts are whole numbers
  const top = Math.ceil(peak / step) * step;
  const yCount = (c) => (c / top) * half;
  const yG = (g) => zeroY - (g / 10) * half;
  const n = points.length;
  const band = pw / Math.max(n, 1);
  const barW = Math.max(1, Math.min(band * (n > 120 ? 0.95 : 0.72), 48));
  const xMid = (i) => m.l + band * (i + 0.5);

  const total = points.reduce((a, p) => a + p.events, 0);
  const gsum = points.reduce((a, p) => a + p.goldsteinSum, 0);
  const busiest = points.reduce((b, p) => (p.events > (b ? b.events : 0) ? p : b), null);
  const descText = description || (total
    ? `${fmtInt(total)} events in ${n} ${bucket.toLowerCase()} periods from ${fmtPeriod(points[0].start, bucket)} to ${fmtPeriod(points[n - 1].start, bucket)}; ` +
      `${fmtInt(points.reduce((a, p) => a + coop(p), 0))} cooperative and ${fmtInt(points.reduce((a, p) => a + conf(p), 0))} conflictual. ` +
      `Busiest period: ${fmtPeriod(busiest.start, bucket)} with ${fmtInt(busiest.events)} event${busiest.events === 1 ? '' : 's'}. Overall mean Goldstein ${fmtNum(gsum / total)} (${tone(gsum / total)}).`
    : 'No events in this range.');

  const svg = s('svg', {
    class: 'chart timeline', viewBox: `0 0 ${W} ${H}`, role: 'img',
    'aria-labelledby': `${id}-title ${id}-desc`, preserveAspectRatio: 'xMidYMid meet',
  },
  s('title', { id: `${id}-title` }, title),
  s('desc', { id: `${id}-desc` }, descText));

  // Grid and axes.
  const grid = s('g', { class: 'grid' });
  for (let v = step; v <= top + 1e-9; v += step) {
    for (const sign of [1, -1]) {
      const y = zeroY - sign * yCount(v);
      grid.append(s('line', { x1: m.l, x2: m.l + pw, y1: y, y2: y }));
      grid.append(s('text', { x: m.l - 8, y: y + 4, class: 'tick tick-left' }, fmtInt(v)));
    }
  }
  for (const g of [-10, -5, 5, 10]) {
    grid.append(s('text', { x: m.l + pw + 8, y: yG(g) + 4, class: 'tick tick-right' }, (g > 0 ? '+' : '−') + Math.abs(g)));
  }
  grid.append(s('text', { x: m.l + pw + 8, y: zeroY + 4, class: 'tick tick-right' }, '0'));
  grid.append(s('text', { x: m.l - 8, y: zeroY + 4, class: 'tick tick-left' }, '0'));
  svg.append(grid);
  svg.append(s('text', { class: 'axis-title', transform: `translate(14 ${zeroY}) rotate(-90)` }, 'Events: conflict ↓   cooperation ↑'));
  svg.append(s('text', { class: 'axis-title', transform: `translate(${W - 12} ${zeroY}) rotate(90)` }, 'Mean Goldstein (−10 to +10)'));
  svg.append(s('text', { class: 'zone-label', x: m.l + 6, y: m.t + 12 }, 'Cooperation'));
  svg.append(s('text', { class: 'zone-label', x: m.l + 6, y: m.t + ph - 6 }, 'Conflict'));

  // Bars: material classes next to the axis, verbal ones outside.
  const bars = s('g', { class: 'bars' });
  points.forEach((p, i) => {
    const g = s('g', { class: 'period', dataset: { start: p.start, events: p.events } });
    const tip = `${fmtPeriod(p.start, bucket)}: ${fmtInt(p.events)} events` +
      (p.events ? ` · mean Goldstein ${fmtNum(p.goldsteinSum / p.events)}` : '') +
      QUADS.map((q) => `\n${q.label}: ${fmtInt(p[q.key])}`).join('');
    g.append(s('title', null, tip));
    g.append(s('rect', { class: 'hover-band', x: m.l + band * i, y: m.t, width: band, height: ph }));
    const x = xMid(i) - barW / 2;
    let up = zeroY;
    for (const q of [2, 1]) {
      const hgt = yCount(p[QUADS[q - 1].key]);
      if (hgt <= 0) continue;
      up -= hgt;
      g.append(s('rect', { class: `bar fill-q${q}`, x, y: up, width: barW, height: hgt, dataset: { quad: q } }));
    }
    let down = zeroY;
    for (const q of [4, 3]) {
      const hgt = yCount(p[QUADS[q - 1].key]);
      if (hgt <= 0) continue;
      g.append(s('rect', { class: `bar fill-q${q}`, x, y: down, width: barW, height: hgt, dataset: { quad: q } }));
      down += hgt;
    }
    bars.append(g);
  });
  svg.append(bars);
  svg.append(s('line', { class: 'zero', x1: m.l, x2: m.l + pw, y1: zeroY, y2: zeroY }));

  // Goldstein line: segments join consecutive periods that have events.
  const line = s('g', { class: 'gs' });
  let seg = [];
  const flush = () => {
    if (seg.length > 1) line.append(s('polyline', { class: 'gs-line', points: seg.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ') }));
    seg = [];
  };
  points.forEach((p, i) => {
    if (!p.events) { flush(); return; }
    seg.push([xMid(i), yG(p.goldsteinSum / p.events)]);
  });
  flush();
  if (n <= 400) {
    points.forEach((p, i) => {
      if (!p.events) return;
      const mean = p.goldsteinSum / p.events;
      line.append(s('circle', { class: 'gs-dot', cx: xMid(i), cy: yG(mean), r: n > 120 ? 1.8 : 3.2 },
        s('title', null, `${fmtPeriod(p.start, bucket)}: mean Goldstein ${fmtNum(mean)}`)));
    });
  }
  svg.append(line);

  // X labels.
  const maxLabels = Math.max(2, Math.floor(pw / 84));
  const every = Math.max(1, Math.ceil(n / maxLabels));
  const xl = s('g', { class: 'x-labels' });
  points.forEach((p, i) => {
    if (i % every) return;
    xl.append(s('line', { class: 'x-tick', x1: xMid(i), x2: xMid(i), y1: m.t + ph, y2: m.t + ph + 5 }));
    xl.append(s('text', { class: 'tick tick-x', x: xMid(i), y: m.t + ph + 20 }, fmtPeriod(p.start, bucket, true)));
  });
  svg.append(xl);
  svg.append(s('rect', { class: 'frame', x: m.l, y: m.t, width: pw, height: ph }));

  // Text alternative: the numbers behind the chart.
  const table = h('table', { class: 'data compact' },
    h('caption', { class: 'sr-only' }, `${title}: events per period`),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Period'),
      QUADS.map((q) => h('th', { scope: 'col', class: 'num' }, q.label)),
      h('th', { scope: 'col', class: 'num' }, 'Events'),
      h('th', { scope: 'col', class: 'num' }, 'Mean Goldstein'))),
    h('tbody', null, points.filter((p) => p.events).map((p) => h('tr', null,
      h('th', { scope: 'row' }, fmtPeriod(p.start, bucket)),
      QUADS.map((q) => h('td', { class: 'num' }, fmtInt(p[q.key]))),
      h('td', { class: 'num' }, fmtInt(p.events)),
      h('td', { class: 'num' }, fmtNum(p.goldsteinSum / p.events))))));

  return h('figure', { class: 'chart-figure', dataset: { points: n, events: total, bucket } },
    h('div', { class: 'chart-scroll' }, svg),
    h('figcaption', null, quadLegend({ goldstein: true }), h('p', { class: 'chart-desc' }, descText)),
    h('details', { class: 'chart-data' }, h('summary', null, 'Show the data as a table'), table));
}

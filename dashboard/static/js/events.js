// The events table with provenance. It pages through one or more event
// connections (one per direction of a dyad) with their endCursors and
// merges them in the API's (date, id) order, so "both directions" is one
// list. "Load more" asks only for the streams that ran dry.

import { gql } from './api.js';
import { h, clear, fmtInt, fmtDay, quadBadge, goldsteinCell, errorBox, emptyNote } from './dom.js';
import { actorLink } from './labels.js';

const FIELDS = `fragment EventRow on Event {
  id date code goldstein quadClass numMentions numOutlets
  eventType { name }
  source { code name }
  target { code name }
  place { name }
  mentions { sentence article { title outlet url } }
}`;

function query(n) {
  const decls = ['$first: Int!'];
  const fields = [];
  for (let i = 0; i < n; i++) {
    decls.push(`$f${i}: EventFilter`, `$a${i}: String`);
    fields.push(`s${i}: events(filter: $f${i}, first: $first, after: $a${i}) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { ...EventRow } } }`);
  }
  return `query EventPage(${decls.join(', ')}) {\n${fields.join('\n')}\n}\n${FIELDS}`;
}

const before = (a, b) => (a.date !== b.date ? a.date < b.date : a.id < b.id);

function articleLink(article) {
  if (!article) return h('span', { class: 'muted' }, 'article not stored');
  const title = article.title || article.url || 'Untitled article';
  return h('span', { class: 'prov' },
    article.url
      ? h('a', { href: article.url, target: '_blank', rel: 'noopener noreferrer', class: 'article-link' }, title, h('span', { class: 'sr-only' }, ' (opens in a new tab)'))
      : h('span', { class: 'article-title' }, title),
    article.outlet ? h('span', { class: 'outlet' }, article.outlet) : null);
}

function row(e) {
  const [first, ...more] = e.mentions;
  return h('tr', { dataset: { id: e.id } },
    h('td', { class: 'nowrap' }, h('time', { datetime: e.date }, fmtDay(e.date))),
    h('td', { class: 'dyad-cell' },
      h('div', null, actorLink(e.source)),
      h('div', null, h('span', { class: 'arrow', 'aria-hidden': 'true' }, '→'), h('span', { class: 'sr-only' }, 'acts on '), actorLink(e.target))),
    h('td', { class: 'event-cell' },
      h('div', null, h('span', { class: 'code' }, e.code), ' ', h('span', { class: 'event-name' }, e.eventType.name)),
      h('div', { class: 'event-meta' }, quadBadge(e.quadClass), goldsteinCell(e.goldstein),
        e.place ? h('span', { class: 'place' }, `in ${e.place.name}`) : null)),
    h('td', { class: 'report-cell' },
      first ? h('blockquote', { class: 'sentence' }, first.sentence) : null,
      first ? articleLink(first.article) : null,
      more.length ? h('details', { class: 'more-reports' },
        h('summary', null, `${more.length} more report${more.length > 1 ? 's' : ''} · ${fmtInt(e.numOutlets)} outlet${e.numOutlets === 1 ? '' : 's'}`),
        h('ul', null, more.map((m) => h('li', null, h('blockquote', { class: 'sentence' }, m.sentence), articleLink(m.article))))) : null));
}

// eventsTable shows the events of streams ([{filter}]) page by page.
export function eventsTable({ streams, pageSize = 25, signal, caption = 'Events' }) {
  const state = streams.map((st) => ({ filter: st.filter, after: null, hasNext: true, buffer: [], total: 0, fetched: false }));
  const seen = new Set();
  let shown = 0;
  const tbody = h('tbody');
  const status = h('p', { class: 'table-status', role: 'status', 'aria-live': 'polite' });
  const errors = h('div');
  const more = h('button', { type: 'button', class: 'btn', hidden: true }, 'Load more');
  const table = h('table', { class: 'data events' },
    h('caption', { class: 'sr-only' }, caption),
    h('colgroup', null, h('col', { class: 'c-date' }), h('col', { class: 'c-dyad' }), h('col', { class: 'c-event' }), h('col', { class: 'c-report' })),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Date'),
      h('th', { scope: 'col' }, 'Source → target'),
      h('th', { scope: 'col' }, 'Event (CAMEO)'),
      h('th', { scope: 'col' }, 'Report: sentence, article, outlet'))),
    tbody);
  const el = h('div', { class: 'events-wrap', dataset: { state: 'loading' } },
    h('div', { class: 'table-scroll' }, table), h('div', { class: 'table-foot' }, status, more), errors);

  async function fetchStreams(which) {
    const vars = { first: pageSize };
    which.forEach((st, i) => { vars[`f${i}`] = st.filter; vars[`a${i}`] = st.after; });
    const data = await gql(query(which.length), vars, { signal, cache: false });
    which.forEach((st, i) => {
      const c = data[`s${i}`];
      st.total = c.totalCount;
      st.hasNext = c.pageInfo.hasNextPage && !!c.pageInfo.endCursor && c.edges.length > 0;
      st.after = c.pageInfo.endCursor || st.after;
      st.buffer.push(...c.edges.map((e) => e.node));
      st.fetched = true;
    });
  }

  async function page() {
    const out = [];
    while (out.length < pageSize) {
      const dry = state.filter((st) => !st.buffer.length && st.hasNext);
      if (dry.length) { await fetchStreams(dry); continue; }
      let best = null;
      for (const st of state) if (st.buffer.length && (!best || before(st.buffer[0], best.buffer[0]))) best = st;
      if (!best) break;
      const e = best.buffer.shift();
      if (seen.has(e.id)) continue;
      seen.add(e.id);
      out.push(e);
    }
    return out;
  }

  async function loadMore() {
    more.disabled = true;
    el.dataset.state = 'loading';
    el.setAttribute('aria-busy', 'true');
    clear(errors);
    try {
      const rows = await page();
      if (signal && signal.aborted) return;
      for (const e of rows) tbody.append(row(e));
      shown += rows.length;
      const total = state.reduce((a, st) => a + st.total, 0);
      const left = state.some((st) => st.buffer.length || st.hasNext);
      if (!shown) {
        table.hidden = true;
        status.replaceChildren(emptyNote('No events match.'));
      } else {
        status.textContent = `Showing ${fmtInt(shown)} of ${fmtInt(total)} events, oldest first.`;
      }
      more.hidden = !left;
      el.dataset.state = 'ready';
      if (rows.length && shown > rows.length) tbody.children[shown - rows.length].querySelector('a')?.focus();
    } catch (e) {
      if (signal && signal.aborted) return;
      el.dataset.state = 'error';
      errors.append(errorBox('Could not load events.', e, loadMore));
    } finally {
      more.disabled = false;
      el.removeAttribute('aria-busy');
    }
  }
  more.addEventListener('click', loadMore);
  const ready = loadMore();
  return { el, ready };
}

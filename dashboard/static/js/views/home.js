// Home: store statistics, actor search, the most active actors and a form
// to open a dyad.
//
//   stats { articles events mentions actors places }
//   actors(search: "", first: 12)      -- most active first
//   actors(search: $q, first: 12)      -- the search box (combobox.js)

import { gql } from '../api.js';
import { h, append, card, loadInto, retryable, fmtInt, emptyNote } from '../dom.js';
import { actorPicker } from '../combobox.js';
import { actorLink, remember } from '../labels.js';
import { actorHref, dyadHref, networkHref } from '../route.js';

const HOME = `query Home {
  stats { articles events mentions actors places }
  actors(search: "", first: 12) { code name countryName sectorName asSource asTarget }
}`;

export function render(root, { signal }) {
  const picker = actorPicker({
    id: 'home-search',
    label: 'Find an actor',
    onPick: (o) => { location.hash = actorHref(o.value); },
  });
  const stats = h('div', { class: 'stats', id: 'stats' });
  const search = h('section', { class: 'hero', 'aria-labelledby': 'home-title' },
    h('div', { class: 'hero-main' },
      h('h1', { id: 'home-title', tabindex: '-1' }, 'Who does what to whom'),
      h('p', { class: 'lede' }, 'Explore actor–action–target events coded in the CAMEO ontology from news reports, with the sentence and article behind every event.'),
      h('div', { class: 'hero-search' }, picker.el)),
    h('aside', { class: 'hero-side', 'aria-labelledby': 'stats-title' },
      h('h2', { id: 'stats-title', class: 'side-title' }, 'In the store'),
      stats));

  const top = card('Most active actors', { id: 'top-actors', subtitle: 'All dates · events as source and as target' });
  const compare = card('Compare two actors', { id: 'compare', subtitle: 'Open the dyad page: timeline, relations and events in both directions' });

  let src = null, tgt = null;
  const open = h('button', { type: 'submit', class: 'btn btn-primary', disabled: true }, 'Open dyad');
  const ready = () => { open.disabled = !(src && tgt); };
  const pa = actorPicker({ id: 'cmp-a', label: 'Actor A', compact: true, placeholder: 'e.g. Russia or RUS*', onPick: (o) => { src = o.value; ready(); pb.focus(); } });
  const pb = actorPicker({ id: 'cmp-b', label: 'Actor B', compact: true, placeholder: 'e.g. Syria or SYR*', onPick: (o) => { tgt = o.value; ready(); open.focus(); } });
  pa.input.addEventListener('input', () => { src = null; ready(); });
  pb.input.addEventListener('input', () => { tgt = null; ready(); });
  const examples = h('p', { class: 'examples' });
  compare.body.append(h('form', {
    class: 'compare-form',
    onsubmit: (e) => { e.preventDefault(); if (src && tgt) location.hash = dyadHref(src, tgt); },
  }, pa.el, pb.el, h('div', { class: 'form-actions' }, open)), examples);

  root.append(search, h('div', { class: 'grid-2 grid-home' }, top.el, compare.el));

  const data = retryable(() => gql(HOME, {}, { signal }));
  loadInto(stats, async () => {
    const st = (await data()).stats;
    const item = (label, n, note) => h('div', { class: 'stat', title: note }, h('dt', null, label), h('dd', null, fmtInt(n)));
    return h('dl', { class: 'stat-list' },
      item('Events', st.events, 'actor–action–target events'),
      item('Mentions', st.mentions, 'sentences reporting them'),
      item('Articles', st.articles, 'news reports'),
      item('Actors', st.actors, 'CAMEO actor codes'),
      item('Places', st.places, 'geocoded locations'));
  }, { signal, what: 'the store statistics' });

  loadInto(top.body, async () => {
    const actors = (await data()).actors;
    actors.forEach(remember);
    if (!actors.length) return emptyNote('The store is empty. Ingest articles with `dyad ingest` first.');
    const fams = [];
    for (const a of actors) {
      const f = a.code.slice(0, 3) + '*';
      if (a.countryName && !fams.includes(f)) fams.push(f);
    }
    if (fams.length >= 2) {
      append(examples, ['Try ', h('a', { href: dyadHref(fams[0], fams[1]) }, `${fams[0]} ⇄ ${fams[1]}`),
        fams.length >= 3 ? [' or ', h('a', { href: dyadHref(fams[0], fams[2]) }, `${fams[0]} ⇄ ${fams[2]}`)] : null, '.']);
    }
    const max = Math.max(1, ...actors.map((a) => a.asSource + a.asTarget));
    return h('table', { class: 'data' },
      h('caption', { class: 'sr-only' }, 'Most active actors, all dates'),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, 'Actor'),
        h('th', { scope: 'col', class: 'num' }, 'As source'),
        h('th', { scope: 'col', class: 'num' }, 'As target'),
        h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Activity')),
        h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Links')))),
      h('tbody', null, actors.map((a) => h('tr', null,
        h('th', { scope: 'row' }, actorLink(a),
          h('span', { class: 'actor-sub' }, [a.countryName || a.code.slice(0, 3), a.sectorName].filter(Boolean).join(' · '))),
        h('td', { class: 'num' }, fmtInt(a.asSource)),
        h('td', { class: 'num' }, fmtInt(a.asTarget)),
        h('td', { class: 'spark' }, h('span', { class: 'meter', style: `--w:${(100 * (a.asSource + a.asTarget)) / max}%`, 'aria-hidden': 'true' })),
        h('td', { class: 'row-links' }, h('a', { href: networkHref(a.code), 'aria-label': `Network of ${a.name}` }, 'Network'))))));
  }, { signal, what: 'the most active actors' });

  return { title: 'Overview', focus: picker.input };
}

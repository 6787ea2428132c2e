// Hash routes: #/<view>/<arg>...?<params>. Path segments are URI-encoded
// (the * of family selectors stays readable); from and to are the global
// date range and are carried over by every link built with link().

export const GLOBAL = ['from', 'to'];

export function parse(hash = location.hash) {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  const segs = path.split('/').filter(Boolean).map((p) => {
    try { return decodeURIComponent(p); } catch { return p; }
  });
  return { segs, params, path: '/' + segs.join('/') };
}

const enc = (seg) => encodeURIComponent(seg).replace(/%2A/gi, '*');

// build makes a hash from path segments and a params object or
// URLSearchParams; empty values are left out.
export function build(segs, params = {}) {
  const p = new URLSearchParams();
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [k, v] of entries) {
    if (v !== undefined && v !== null && v !== '') p.set(k, v);
  }
  const qs = p.toString().replace(/%2A/gi, '*');
  return '#/' + segs.map(enc).join('/') + (qs ? '?' + qs : '');
}

// link builds a hash to another view, keeping the current date range.
export function link(segs, params = {}) {
  const cur = parse().params;
  const merged = {};
  for (const k of GLOBAL) if (cur.get(k)) merged[k] = cur.get(k);
  return build(segs, { ...merged, ...params });
}

// update changes some params of the current route (null removes one).
export function update(changes, { replace = false } = {}) {
  const { segs, params } = parse();
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === '') params.delete(k);
    else params.set(k, v);
  }
  const hash = build(segs, params);
  if (replace) {
    history.replaceState(null, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = hash;
  }
}

export const actorHref = (sel, params) => link(['actor', sel], params);
export const dyadHref = (a, b, params) => link(['dyad', a, b], params);
export const networkHref = (sel, params) => link(['network', sel], params);

// range returns the current date range as API arguments (absent values
// are left out, so the API sees no limit).
export function range(params = parse().params) {
  const out = {};
  for (const k of GLOBAL) {
    const v = params.get(k);
    if (v && /^\d{4}-\d{2}-\d{2}$/.test(v)) out[k] = v;
  }
  return out;
}

export function describeRange(r) {
  if (r.from && r.to) return `${r.from} to ${r.to} (excl.)`;
  if (r.from) return `from ${r.from}`;
  if (r.to) return `before ${r.to}`;
  return 'all dates';
}

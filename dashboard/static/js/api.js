// The one GraphQL client of the dashboard. Every call to the API goes
// through gql(): it POSTs {query, variables} to /graphql, turns transport,
// HTTP and GraphQL errors into one GraphQLError, and reports each error to
// the listeners (the page's error banner) so that failures are never silent.

const endpoint = new URL('graphql', document.baseURI).href;

export class GraphQLError extends Error {
  constructor(messages, { status = 0, query = '' } = {}) {
    super(messages.join('; '));
    this.name = 'GraphQLError';
    this.messages = messages;
    this.status = status;
    this.query = query;
  }
}

const listeners = new Set();

// onError registers fn(error, operationName) for every failed call.
export function onError(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function report(err, op) {
  for (const fn of listeners) {
    try { fn(err, op); } catch (e) { console.error(e); }
  }
}

// A short-lived cache of answers, so that re-rendering a view after a
// control changes (bucket, direction) does not ask again for what it has.
const cache = new Map();
const cacheTTL = 60_000;
const cacheMax = 200;

function operationName(query) {
  const m = /^\s*(?:query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(query);
  return m ? m[1] : 'query';
}

// gql runs a query and returns its data. Options: signal (AbortSignal),
// cache (default true for queries).
export async function gql(query, variables = {}, { signal, cache: useCache = true } = {}) {
  const op = operationName(query);
  const body = JSON.stringify({ query, variables });
  const key = useCache ? body : null;
  if (key) {
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < cacheTTL) return hit.data;
  }
  let res;
  try {
    res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body,
      signal,
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    const err = new GraphQLError([`Cannot reach the API (${e.message}).`], { query });
    report(err, op);
    throw err;
  }
  let payload = null;
  try {
    payload = await res.json();
  } catch (e) {
    if (e.name === 'AbortError') throw e;
  }
  const errors = payload && Array.isArray(payload.errors) ? payload.errors : [];
  if (errors.length || !res.ok || !payload || !payload.data) {
    const messages = errors.length
      ? errors.map((e) => (e.path ? `${e.path.join('.')}: ` : '') + e.message)
      : [`HTTP ${res.status} ${res.statusText || ''}`.trim() + (payload ? '' : ': the answer is not JSON')];
    const err = new GraphQLError(messages, { status: res.status, query });
    report(err, op);
    throw err;
  }
  if (key) {
    if (cache.size >= cacheMax) cache.delete(cache.keys().next().value);
    cache.set(key, { at: Date.now(), data: payload.data });
  }
  return payload.data;
}

export function isAbort(e) {
  return e && e.name === 'AbortError';
}

package dgraph

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyadgraph/dyad/schema"
)

const (
	defaultSearchResults = 20
	// maxPathHops bounds Path; each hop is two Dgraph edges.
	maxPathHops = 6
	// pathTimeout bounds a shortest-path query when ctx has no earlier deadline.
	pathTimeout = 30 * time.Second
)

// Articles returns articles by ID in input order; unknown IDs give zero values.
func (s *Store) Articles(ctx context.Context, ids []string) ([]schema.Article, error) {
	out := make([]schema.Article, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = strings.TrimSpace(id)
	}
	q := newQuery()
	blocks := fmt.Sprintf("a(func: eq(article.xid, %s)) { article.xid article.url article.title article.outlet article.published article.language }\n", q.list(keys))
	var res struct {
		A []struct {
			ID        string    `json:"article.xid"`
			URL       string    `json:"article.url"`
			Title     string    `json:"article.title"`
			Outlet    string    `json:"article.outlet"`
			Published time.Time `json:"article.published"`
			Language  string    `json:"article.language"`
		} `json:"a"`
	}
	if err := s.run(ctx, q, blocks, &res); err != nil {
		return nil, fmt.Errorf("dgraph: articles: %w", err)
	}
	byID := make(map[string]schema.Article, len(res.A))
	for _, a := range res.A {
		byID[a.ID] = schema.Article{ID: a.ID, URL: a.URL, Title: a.Title, Outlet: a.Outlet, Published: a.Published.UTC(), Language: a.Language}
	}
	for i, k := range keys {
		out[i] = byID[k]
	}
	return out, nil
}

// actorFields are what summaries read of actor nodes; their event counts
// come from countEvents.
const actorFields = "actor.xid actor.name"

type actorJSONNode struct {
	Code string `json:"actor.xid"`
	Name string `json:"actor.name"`
}

// countBatch is how many actors one counting query asks about: two blocks
// each, run in parallel by Dgraph.
const countBatch = 200

// summaries adds event counts to actor nodes: for each actor, the lengths
// of the posting lists of its code in the event.src and event.tgt
// indexes, two count blocks an actor.
func (s *Store) summaries(ctx context.Context, actors []actorJSONNode) ([]schema.ActorSummary, error) {
	out := make([]schema.ActorSummary, len(actors))
	for i, a := range actors {
		out[i].Actor = schema.Actor{Code: a.Code, Name: a.Name}
	}
	for lo := 0; lo < len(actors); lo += countBatch {
		part := out[lo:min(lo+countBatch, len(out))]
		q := newQuery()
		var blocks strings.Builder
		for i, a := range part {
			c := q.str(a.Code)
			fmt.Fprintf(&blocks, "s%d(func: eq(event.src, %s)) { count(uid) }\nt%d(func: eq(event.tgt, %s)) { count(uid) }\n", i, c, i, c)
		}
		var res map[string][]struct {
			Count int `json:"count"`
		}
		if err := s.run(ctx, q, blocks.String(), &res); err != nil {
			return nil, fmt.Errorf("count events: %w", err)
		}
		for i := range part {
			for _, c := range res["s"+strconv.Itoa(i)] {
				part[i].AsSource = c.Count
			}
			for _, c := range res["t"+strconv.Itoa(i)] {
				part[i].AsTarget = c.Count
			}
		}
	}
	return out, nil
}

// actorNodes returns the stored actors with the given codes, in no order.
func (s *Store) actorNodes(ctx context.Context, codes []string) ([]actorJSONNode, error) {
	if len(codes) == 0 {
		return nil, nil
	}
	q := newQuery()
	blocks := fmt.Sprintf("a(func: eq(actor.xid, %s)) { %s }\n", q.list(codes), actorFields)
	var res struct {
		A []actorJSONNode `json:"a"`
	}
	if err := s.run(ctx, q, blocks, &res); err != nil {
		return nil, err
	}
	return res.A, nil
}

// actorNames returns the names of the actors with the given codes.
func (s *Store) actorNames(ctx context.Context, codes []string) (map[string]string, error) {
	nodes, err := s.actorNodes(ctx, codes)
	if err != nil {
		return nil, fmt.Errorf("actor names: %w", err)
	}
	names := make(map[string]string, len(nodes))
	for _, a := range nodes {
		names[a.Code] = a.Name
	}
	return names, nil
}

// Actors returns actor summaries by code in input order; unknown codes
// give zero values.
func (s *Store) Actors(ctx context.Context, codes []string) ([]schema.ActorSummary, error) {
	out := make([]schema.ActorSummary, len(codes))
	if len(codes) == 0 {
		return out, nil
	}
	keys := make([]string, len(codes))
	for i, c := range codes {
		keys[i] = strings.ToUpper(strings.TrimSpace(c))
	}
	nodes, err := s.actorNodes(ctx, keys)
	if err != nil {
		return nil, fmt.Errorf("dgraph: actors: %w", err)
	}
	found, err := s.summaries(ctx, nodes)
	if err != nil {
		return nil, fmt.Errorf("dgraph: actors: %w", err)
	}
	byCode := make(map[string]schema.ActorSummary, len(found))
	for _, a := range found {
		byCode[a.Code] = a
	}
	for i, k := range keys {
		out[i] = byCode[k]
	}
	return out, nil
}

// SearchActors finds actors whose code or name contains search, ignoring
// case, most active first. Matching uses the trigram indexes of actor.code
// and actor.name; the matches are counted and ranked here.
func (s *Store) SearchActors(ctx context.Context, search string, first int) ([]schema.ActorSummary, error) {
	if first <= 0 {
		first = defaultSearchResults
	}
	search = strings.TrimSpace(search)
	q := newQuery()
	var blocks string
	switch {
	case search == "":
		blocks = fmt.Sprintf("a(func: has(actor.xid)) { %s }\n", actorFields)
	case utf8.RuneCountInString(search) < 3:
		// Too short for a trigram lookup: filter every actor.
		re := q.str(containsRegexp(search))
		blocks = fmt.Sprintf("a(func: has(actor.xid)) @filter(regexp(actor.code, %s) OR regexp(actor.name, %s)) { %s }\n", re, re, actorFields)
	default:
		re := q.str(containsRegexp(search))
		blocks = fmt.Sprintf("C as var(func: regexp(actor.code, %s))\nN as var(func: regexp(actor.name, %s))\na(func: uid(C, N)) { %s }\n", re, re, actorFields)
	}
	var res struct {
		A []actorJSONNode `json:"a"`
	}
	err := s.run(ctx, q, blocks, &res)
	if err != nil && strings.Contains(err.Error(), "wide-ranging") {
		// The trigram index cannot narrow this pattern: filter every actor.
		q = newQuery()
		re := q.str(containsRegexp(search))
		blocks = fmt.Sprintf("a(func: has(actor.xid)) @filter(regexp(actor.code, %s) OR regexp(actor.name, %s)) { %s }\n", re, re, actorFields)
		err = s.run(ctx, q, blocks, &res)
	}
	if err != nil {
		return nil, fmt.Errorf("dgraph: search actors: %w", err)
	}
	out, err := s.summaries(ctx, res.A)
	if err != nil {
		return nil, fmt.Errorf("dgraph: search actors: %w", err)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if na, nb := a.AsSource+a.AsTarget, b.AsSource+b.AsTarget; na != nb {
			return na > nb
		}
		return a.Code < b.Code
	})
	if len(out) > first {
		out = out[:first]
	}
	return out, nil
}

// Path finds the shortest chain of actors linked by events in either
// direction, at most maxHops (capped at 6) events long, breadth-first: one
// grouped query per level over the actor codes of events (see neighbours).
// Among equally short chains the one returned is chosen canonically (see
// canonicalPath): the one whose actors, read from the end, have the
// smallest codes — what the sqlite store returns too.
func (s *Store) Path(ctx context.Context, from, to string, maxHops int) ([]string, error) {
	from = strings.ToUpper(strings.TrimSpace(from))
	to = strings.ToUpper(strings.TrimSpace(to))
	for _, c := range []string{from, to} {
		if sel, err := schema.ParseSelector(c); err != nil || sel.Prefix {
			return nil, fmt.Errorf("dgraph: path: %q is not an actor code", c)
		}
	}
	maxHops = min(maxHops, maxPathHops)
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, pathTimeout)
		defer cancel()
	}
	var res struct {
		Path []struct {
			Code string `json:"actor.xid"`
		} `json:"path"`
	}
	q := newQuery()
	if from == to {
		blocks := fmt.Sprintf("path(func: eq(actor.xid, %s)) { actor.xid }\n", q.str(from))
		if err := s.run(ctx, q, blocks, &res); err != nil {
			return nil, fmt.Errorf("dgraph: path %s→%s: %w", from, to, err)
		}
		if len(res.Path) == 0 {
			return nil, nil
		}
		return []string{from}, nil
	}
	if maxHops < 1 {
		return nil, nil
	}
	// Breadth-first, one grouped query per level over the actor codes
	// copied onto events: on a dense graph a shortest-path search over the
	// event nodes exceeds Dgraph's query edge limit, while the neighbours
	// of a level are only a few hundred codes.
	levels := []map[string]bool{{from: true}}
	seen := map[string]bool{from: true}
	for hop := 1; hop <= maxHops; hop++ {
		next, err := s.neighbours(ctx, keys(levels[hop-1]))
		if err != nil {
			return nil, fmt.Errorf("dgraph: path %s→%s: %w", from, to, err)
		}
		level := map[string]bool{}
		for c := range next {
			if !seen[c] {
				seen[c] = true
				level[c] = true
			}
		}
		if len(level) == 0 {
			return nil, nil
		}
		levels = append(levels, level)
		if level[to] {
			break
		}
	}
	hops := len(levels) - 1
	if !levels[hops][to] {
		return nil, nil
	}
	// Walk back from the end, taking at each level the neighbour with the
	// smallest code: the path whose actors, read from the end, are
	// smallest, as the SQLite store chooses.
	path := make([]string, hops+1)
	path[0], path[hops] = from, to
	for k := hops - 1; k >= 1; k-- {
		next, err := s.neighbours(ctx, []string{path[k+1]})
		if err != nil {
			return nil, fmt.Errorf("dgraph: path %s→%s: %w", from, to, err)
		}
		best := ""
		for c := range next {
			if levels[k][c] && (best == "" || c < best) {
				best = c
			}
		}
		if best == "" {
			return nil, fmt.Errorf("dgraph: path %s→%s: lost the path at hop %d", from, to, k)
		}
		path[k] = best
	}
	return path, nil
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// neighbours returns the actors linked to any of codes by an event in
// either direction.
func (s *Store) neighbours(ctx context.Context, codes []string) (map[string]bool, error) {
	q := newQuery()
	list := q.list(codes)
	blocks := fmt.Sprintf("out(func: eq(event.src, %s)) @groupby(event.tgt) { count(uid) }\nin(func: eq(event.tgt, %s)) @groupby(event.src) { count(uid) }\n", list, list)
	var res struct {
		Out []struct {
			Groups []struct {
				Code string `json:"event.tgt"`
			} `json:"@groupby"`
		} `json:"out"`
		In []struct {
			Groups []struct {
				Code string `json:"event.src"`
			} `json:"@groupby"`
		} `json:"in"`
	}
	if err := s.run(ctx, q, blocks, &res); err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, b := range res.Out {
		for _, g := range b.Groups {
			out[g.Code] = true
		}
	}
	for _, b := range res.In {
		for _, g := range b.Groups {
			out[g.Code] = true
		}
	}
	return out, nil
}

// Stats counts the nodes of each kind by their identifying predicate.
func (s *Store) Stats(ctx context.Context) (schema.Stats, error) {
	const blocks = `ar(func: has(article.xid)) { count(uid) }
ev(func: has(event.xid)) { count(uid) }
mn(func: has(mention.event)) { count(uid) }
mf(func: has(event.article)) { count(uid) }
ac(func: has(actor.xid)) { count(uid) }
pl(func: has(place.xid)) { count(uid) }
`
	type count []struct {
		N int `json:"count"`
	}
	var res struct {
		Ar, Ev, Mn, Mf, Ac, Pl count
	}
	if err := s.run(ctx, newQuery(), blocks, &res); err != nil {
		return schema.Stats{}, fmt.Errorf("dgraph: stats: %w", err)
	}
	n := func(c count) int {
		if len(c) == 0 {
			return 0
		}
		return c[0].N
	}
	return schema.Stats{Articles: n(res.Ar), Events: n(res.Ev), Mentions: n(res.Mn) + n(res.Mf), Actors: n(res.Ac), Places: n(res.Pl)}, nil
}

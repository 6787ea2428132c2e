package schema

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/dyadgraph/dyad/schema/cameo"
)

// The functions in this file answer analysts' questions from Store.Aggregate:
// the store groups and counts in the database, and these turn the grouped
// rows (a few per actor, code or period, never one per event) into answers.
// Rows are sorted before floats are summed so that every backend gives
// bit-identical results.

// QuadCounts counts events by quad class: index 0 is quad class 1.
type QuadCounts [4]int

// Add counts n events of quad class q.
func (c *QuadCounts) Add(q cameo.Quad, n int) {
	if q >= 1 && q <= 4 {
		c[q-1] += n
	}
}

// Cooperative is the number of verbal and material cooperation events.
func (c QuadCounts) Cooperative() int { return c[0] + c[1] }

// Conflictual is the number of verbal and material conflict events.
func (c QuadCounts) Conflictual() int { return c[2] + c[3] }

// Tally is what analysts ask of any set of events: how many, of which kind,
// how cooperative.
type Tally struct {
	Events       int
	Quads        QuadCounts
	Roots        map[string]int // events per two-digit root, when grouped by code
	GoldsteinSum float64
	First, Last  time.Time // zero when Events is 0
	goldstein10  int       // GoldsteinSum×10, summed exactly
}

// GoldsteinMean is the mean Goldstein value, 0 without events.
func (t Tally) GoldsteinMean() float64 {
	if t.Events == 0 {
		return 0
	}
	return t.GoldsteinSum / float64(t.Events)
}

// add counts a row in. Rows grouped by code also count towards Roots.
func (t *Tally) add(o *cameo.Ontology, r AggregateRow) error {
	if r.Code != "" {
		et, ok := o.Event(r.Code)
		if !ok {
			return fmt.Errorf("stored event code %q is not in the ontology", r.Code)
		}
		if t.Roots == nil {
			t.Roots = map[string]int{}
		}
		t.Roots[et.Root] += r.Count
	}
	t.Events += r.Count
	for i, n := range r.Quads {
		t.Quads[i] += n
	}
	t.goldstein10 += r.Goldstein10
	t.GoldsteinSum = float64(t.goldstein10) / 10
	if !r.First.IsZero() && (t.First.IsZero() || r.First.Before(t.First)) {
		t.First = r.First
	}
	if r.Last.After(t.Last) {
		t.Last = r.Last
	}
	return nil
}

func sortRows(rows []AggregateRow) {
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if !a.Bucket.Equal(b.Bucket) {
			return a.Bucket.Before(b.Bucket)
		}
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.Target != b.Target {
			return a.Target < b.Target
		}
		return a.Code < b.Code
	})
}

// Relations is how two actors (or selector families) acted on each other.
type Relations struct {
	Source, Target string // the selectors asked for
	Forward        Tally  // Source acting on Target
	Backward       Tally  // Target acting on Source
}

// DyadRelations summarises the events between two actors in both directions
// within [from, to).
func DyadRelations(ctx context.Context, s Store, o *cameo.Ontology, source, target string, from, to time.Time) (Relations, error) {
	rel := Relations{Source: source, Target: target}
	for _, dir := range []struct {
		src, tgt string
		into     *Tally
	}{{source, target, &rel.Forward}, {target, source, &rel.Backward}} {
		rows, err := s.Aggregate(ctx, EventFilter{Sources: []string{dir.src}, Targets: []string{dir.tgt}, From: from, To: to}, Grouping{Code: true})
		if err != nil {
			return Relations{}, fmt.Errorf("relations %s→%s: %w", dir.src, dir.tgt, err)
		}
		sortRows(rows)
		for _, r := range rows {
			if err := dir.into.add(o, r); err != nil {
				return Relations{}, err
			}
		}
	}
	return rel, nil
}

// TimelinePoint is one period of a timeline.
type TimelinePoint struct {
	Start time.Time // first day of the period
	Tally
}

// MaxTimelinePoints bounds the periods of one timeline.
const MaxTimelinePoints = 5000

// Timeline counts the events matching f per period, empty periods
// included, from f.From (or the first event) to f.To (or the last event).
func Timeline(ctx context.Context, s Store, o *cameo.Ontology, f EventFilter, b Bucket) ([]TimelinePoint, error) {
	rows, err := s.Aggregate(ctx, f, Grouping{Bucket: b})
	if err != nil {
		return nil, fmt.Errorf("timeline: %w", err)
	}
	sortRows(rows)
	first, last := f.From, f.To
	if first.IsZero() && len(rows) > 0 {
		first = rows[0].Bucket
	}
	if last.IsZero() && len(rows) > 0 {
		last = b.Next(rows[len(rows)-1].Bucket)
	}
	if first.IsZero() || !first.Before(last) {
		return []TimelinePoint{}, nil
	}
	var points []TimelinePoint
	index := map[time.Time]int{}
	for t := b.Start(first); t.Before(last); t = b.Next(t) {
		if len(points) == MaxTimelinePoints {
			return nil, fmt.Errorf("timeline: more than %d %s periods; use a larger bucket or a shorter range", MaxTimelinePoints, b)
		}
		index[t] = len(points)
		points = append(points, TimelinePoint{Start: t})
	}
	for _, r := range rows {
		i, ok := index[r.Bucket]
		if !ok {
			continue
		}
		if err := points[i].add(o, r); err != nil {
			return nil, err
		}
	}
	return points, nil
}

// RankedActor is an actor ranked by how it acts towards another.
type RankedActor struct {
	Code string
	// Score is the summed Goldstein value of its events towards the ranked
	// actor: positive for supporters, negative for opponents.
	Score float64
	Tally
}

// Stance chooses supporters or opponents.
type Stance int

// Stances.
const (
	Supporters Stance = iota // score > 0, highest first
	Opponents                // score < 0, lowest first
)

// Rank lists the actors acting on the actors selected by of within
// [from, to), ranked by summed Goldstein value of their events towards
// them (the score): supporters have a positive score, opponents a negative
// one. Actors selected by of themselves are left out. Ties go to more
// events, then to the code.
func Rank(ctx context.Context, s Store, o *cameo.Ontology, of string, stance Stance, from, to time.Time, first int) ([]RankedActor, error) {
	sel, err := ParseSelector(of)
	if err != nil {
		return nil, err
	}
	rows, err := s.Aggregate(ctx, EventFilter{Targets: []string{of}, From: from, To: to}, Grouping{Source: true})
	if err != nil {
		return nil, fmt.Errorf("rank %s: %w", of, err)
	}
	sortRows(rows)
	by := map[string]*RankedActor{}
	var order []string
	for _, r := range rows {
		if sel.Matches(r.Source) {
			continue
		}
		ra, ok := by[r.Source]
		if !ok {
			ra = &RankedActor{Code: r.Source}
			by[r.Source] = ra
			order = append(order, r.Source)
		}
		if err := ra.add(o, r); err != nil {
			return nil, err
		}
	}
	var out []RankedActor
	for _, code := range order {
		ra := by[code]
		ra.Score = ra.GoldsteinSum
		if stance == Supporters && ra.Score > 0 || stance == Opponents && ra.Score < 0 {
			out = append(out, *ra)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Score != b.Score {
			if stance == Supporters {
				return a.Score > b.Score
			}
			return a.Score < b.Score
		}
		if a.Events != b.Events {
			return a.Events > b.Events
		}
		return a.Code < b.Code
	})
	if first > 0 && len(out) > first {
		out = out[:first]
	}
	return out, nil
}

// Network is an actor's neighbourhood: actors and the directed, weighted
// and signed edges of their events.
type Network struct {
	Nodes []NetworkNode
	Edges []NetworkEdge
}

// NetworkNode is an actor in a network and its distance from the centre.
type NetworkNode struct {
	Code string
	Hops int
}

// NetworkEdge is the events from one actor to another.
type NetworkEdge struct {
	Source, Target string
	Tally
}

// NetworkQuery asks for an actor's neighbourhood.
type NetworkQuery struct {
	Actor     string // a selector; every actor it selects is a centre (0 hops)
	Hops      int    // 1 to MaxNetworkHops
	From, To  time.Time
	MinEvents int // edges with fewer events are left out
	// MaxNodes bounds the network; nodes beyond it are dropped, farthest
	// and least connected first.
	MaxNodes int
	// MaxFrontier bounds how many of a hop's new nodes the next hop
	// expands: the most connected ones (default 25). On dense event graphs
	// every actor is two hops from every other, so an unbounded second hop
	// would scan nearly every event.
	MaxFrontier int
}

// MaxNetworkHops bounds how far a network reaches.
const MaxNetworkHops = 4

// ActorNetwork walks out from an actor hop by hop; each hop is one grouped
// query over the events touching the current frontier, which is the
// MaxFrontier most connected nodes found by the hop before.
func ActorNetwork(ctx context.Context, s Store, o *cameo.Ontology, q NetworkQuery) (Network, error) {
	if q.Hops < 1 || q.Hops > MaxNetworkHops {
		return Network{}, fmt.Errorf("network: hops %d: want 1 to %d", q.Hops, MaxNetworkHops)
	}
	if q.MinEvents < 1 {
		q.MinEvents = 1
	}
	if q.MaxNodes <= 0 {
		q.MaxNodes = 500
	}
	if q.MaxFrontier <= 0 {
		q.MaxFrontier = 25
	}
	hops := map[string]int{}
	edges := map[[2]string]*NetworkEdge{}
	frontier := []string{q.Actor}
	centre, err := ParseSelector(q.Actor)
	if err != nil {
		return Network{}, err
	}
	for hop := 1; hop <= q.Hops && len(frontier) > 0; hop++ {
		rows, err := s.Aggregate(ctx, EventFilter{Actors: frontier, From: q.From, To: q.To}, Grouping{Source: true, Target: true})
		if err != nil {
			return Network{}, fmt.Errorf("network hop %d: %w", hop, err)
		}
		// Rows are not sorted: tallies sum integers, so their order does
		// not matter, and every ordering below breaks ties by code.
		// Sum per directed pair first, so MinEvents sees whole edges.
		pairs := make(map[[2]string]int, len(rows)) // index in found
		found := make([]NetworkEdge, 0, len(rows))
		for _, r := range rows {
			k := [2]string{r.Source, r.Target}
			if _, done := edges[k]; done {
				continue
			}
			i, ok := pairs[k]
			if !ok {
				i = len(found)
				pairs[k] = i
				found = append(found, NetworkEdge{Source: r.Source, Target: r.Target})
			}
			if err := found[i].add(o, r); err != nil {
				return Network{}, err
			}
		}
		var next []string
		weight := map[string]int{} // events linking each new node to the network
		for i := range found {
			e := &found[i]
			if e.Events < q.MinEvents {
				continue
			}
			k := [2]string{e.Source, e.Target}
			edges[k] = e
			for _, code := range k {
				weight[code] += e.Events
				if _, seen := hops[code]; seen {
					continue
				}
				if hop == 1 && centre.Matches(code) {
					hops[code] = 0
					continue
				}
				hops[code] = hop
				next = append(next, code)
			}
		}
		sort.Slice(next, func(i, j int) bool {
			if wi, wj := weight[next[i]], weight[next[j]]; wi != wj {
				return wi > wj
			}
			return next[i] < next[j]
		})
		if len(next) > q.MaxFrontier {
			next = next[:q.MaxFrontier]
		}
		frontier = next
	}
	var n Network
	for code, h := range hops {
		n.Nodes = append(n.Nodes, NetworkNode{Code: code, Hops: h})
	}
	degree := map[string]int{}
	for _, e := range edges {
		degree[e.Source] += e.Events
		degree[e.Target] += e.Events
	}
	sort.Slice(n.Nodes, func(i, j int) bool {
		a, b := n.Nodes[i], n.Nodes[j]
		if a.Hops != b.Hops {
			return a.Hops < b.Hops
		}
		if degree[a.Code] != degree[b.Code] {
			return degree[a.Code] > degree[b.Code]
		}
		return a.Code < b.Code
	})
	if len(n.Nodes) > q.MaxNodes {
		n.Nodes = n.Nodes[:q.MaxNodes]
	}
	kept := map[string]bool{}
	for _, nd := range n.Nodes {
		kept[nd.Code] = true
	}
	for _, e := range edges {
		if kept[e.Source] && kept[e.Target] {
			n.Edges = append(n.Edges, *e)
		}
	}
	sort.Slice(n.Edges, func(i, j int) bool {
		a, b := n.Edges[i], n.Edges[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		return a.Target < b.Target
	})
	return n, nil
}

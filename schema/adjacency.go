package schema

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dyadgraph/dyad/schema/cameo"
)

// EventMatcher tests an event's actors and code against a filter's actor
// and code conditions, for stores that read packed rollups and pending
// events in Go.
type EventMatcher struct {
	Sources, Targets, Actors []Selector
	o                        *cameo.Ontology
	prefix                   string
	roots                    map[string]bool
	quads                    map[int]bool
}

// NewEventMatcher parses the actor and code conditions of f.
func NewEventMatcher(o *cameo.Ontology, f EventFilter) (*EventMatcher, error) {
	m := &EventMatcher{o: o, prefix: f.CodePrefix}
	var err error
	if m.Sources, err = ParseSelectors(f.Sources); err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	if m.Targets, err = ParseSelectors(f.Targets); err != nil {
		return nil, fmt.Errorf("targets: %w", err)
	}
	if m.Actors, err = ParseSelectors(f.Actors); err != nil {
		return nil, fmt.Errorf("actors: %w", err)
	}
	if len(f.Roots) > 0 {
		m.roots = map[string]bool{}
		for _, r := range f.Roots {
			m.roots[r] = true
		}
	}
	if len(f.Quads) > 0 {
		m.quads = map[int]bool{}
		for _, q := range f.Quads {
			m.quads[q] = true
		}
	}
	return m, nil
}

// AnyMatches reports whether one of the selectors matches the code.
func AnyMatches(sels []Selector, code string) bool {
	for _, s := range sels {
		if s.Matches(code) {
			return true
		}
	}
	return false
}

// MatchActors reports whether an event from src to tgt meets the actor
// conditions.
func (m *EventMatcher) MatchActors(src, tgt string) bool {
	return (len(m.Sources) == 0 || AnyMatches(m.Sources, src)) &&
		(len(m.Targets) == 0 || AnyMatches(m.Targets, tgt)) &&
		(len(m.Actors) == 0 || AnyMatches(m.Actors, src) || AnyMatches(m.Actors, tgt))
}

// FiltersCodes reports whether the filter has code conditions.
func (m *EventMatcher) FiltersCodes() bool {
	return m.prefix != "" || m.roots != nil || m.quads != nil
}

// MatchCode reports whether an event code meets the code conditions; codes
// unknown to the ontology meet only a prefix.
func (m *EventMatcher) MatchCode(code string) bool {
	if !strings.HasPrefix(code, m.prefix) {
		return false
	}
	if m.roots == nil && m.quads == nil {
		return true
	}
	et, ok := m.o.Event(code)
	if !ok {
		return false
	}
	return (m.roots == nil || m.roots[et.Root]) && (m.quads == nil || m.quads[int(et.Quad)])
}

// Adjacency lists hold an actor's all-time totals with each counterpart,
// one line "OTHER n q1 q2 q3 q4 g10 first last" (AppendSum) per
// counterpart: its out-list the events it is the source of, its in-list
// those it is the target of. Stores keep them so that a network's hop or
// an actor's ranking reads a value per actor, not a row per dyad.

// AdjacencyList is a set of lists an aggregate reads.
type AdjacencyList struct {
	Out    bool       // out-lists, else in-lists
	Actors []Selector // whose lists; nil for every actor's
	// Skip leaves out the rows whose source matches: an in-list read
	// beside the same actors' out-lists would count those rows twice.
	Skip []Selector
}

// AdjacencyLists says which lists answer all-time totals under m's actor
// conditions: the sources' out-lists, else the targets' in-lists, else the
// actors' out-lists and in-lists, else every out-list. Rows read from them
// must still pass m.MatchActors.
func AdjacencyLists(m *EventMatcher) []AdjacencyList {
	switch {
	case len(m.Sources) > 0:
		return []AdjacencyList{{Out: true, Actors: m.Sources}}
	case len(m.Targets) > 0:
		return []AdjacencyList{{Actors: m.Targets}}
	case len(m.Actors) > 0:
		return []AdjacencyList{{Out: true, Actors: m.Actors}, {Actors: m.Actors, Skip: m.Actors}}
	}
	return []AdjacencyList{{Out: true}}
}

// AppendAdjacency appends the rows of the list of actor that m keeps, as
// rows of grouping g.
func AppendAdjacency(dst []AggregateRow, l AdjacencyList, actor, list string, m *EventMatcher, g Grouping) ([]AggregateRow, error) {
	dst = slices.Grow(dst, strings.Count(list, "\n")+1)
	for line := range strings.Lines(list) {
		other, sum, ok := strings.Cut(strings.TrimSuffix(line, "\n"), " ")
		if !ok {
			return dst, fmt.Errorf("adjacency of %s: malformed line %q", actor, line)
		}
		src, tgt := actor, other
		if !l.Out {
			src, tgt = other, actor
		}
		if !m.MatchActors(src, tgt) || AnyMatches(l.Skip, src) {
			continue
		}
		var r AggregateRow
		if err := ParseSum(sum, &r); err != nil {
			return dst, fmt.Errorf("adjacency of %s: %w", actor, err)
		}
		if g.Source {
			r.Source = src
		}
		if g.Target {
			r.Target = tgt
		}
		dst = append(dst, r)
	}
	return dst, nil
}

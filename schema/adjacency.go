package schema

import (
	"fmt"
	"strings"

	"github.com/dyadgraph/dyad/schema/cameo"
)

// EventMatcher tests an event's actors and code against a filter's actor
// and code conditions, for stores that read packed rollups and pending
// events in Go.
type EventMatcher struct {
	Sources, Targets, Actors []Selector
	sources, targets, actors selectorSet
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
	m.sources, m.targets, m.actors = newSelectorSet(m.Sources), newSelectorSet(m.Targets), newSelectorSet(m.Actors)
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

// MatchActors reports whether an event from src to tgt meets the actor
// conditions.
func (m *EventMatcher) MatchActors(src, tgt string) bool {
	return (len(m.Sources) == 0 || m.sources.match(src)) &&
		(len(m.Targets) == 0 || m.targets.match(tgt)) &&
		(len(m.Actors) == 0 || m.actors.match(src) || m.actors.match(tgt))
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
// one entry "OTHER n q1 q2 q3 q4 g10 first last;" (AppendKeyedSum) per
// counterpart: its out-list the events it is the source of, its in-list
// those it is the target of. Stores keep them so that a network's hop or
// an actor's ranking reads a value per actor, not a row per dyad.

// AdjacencyList is a set of lists an aggregate reads.
type AdjacencyList struct {
	Out    bool       // out-lists, else in-lists
	Actors []Selector // whose lists; nil for every actor's
	// SkipActorSources leaves out the rows whose source is one of the
	// filter's Actors: an in-list read beside the same actors' out-lists
	// would count those rows twice.
	SkipActorSources bool
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
		return []AdjacencyList{{Out: true, Actors: m.Actors}, {Actors: m.Actors, SkipActorSources: true}}
	}
	return []AdjacencyList{{Out: true}}
}

// AppendAdjacency appends the rows of the list of actor that m keeps, as
// rows of grouping g.
func AppendAdjacency(dst []AggregateRow, l AdjacencyList, actor, list string, m *EventMatcher, g Grouping) ([]AggregateRow, error) {
	err := ParseKeyedSums(list, func(other string, r AggregateRow) error {
		src, tgt := actor, other
		if !l.Out {
			src, tgt = other, actor
		}
		if !m.MatchActors(src, tgt) || l.SkipActorSources && m.actors.match(src) {
			return nil
		}
		if g.Source {
			r.Source = src
		}
		if g.Target {
			r.Target = tgt
		}
		dst = append(dst, r)
		return nil
	})
	if err != nil {
		return dst, fmt.Errorf("adjacency of %s: %w", actor, err)
	}
	return dst, nil
}

// selectorSet matches codes against selectors: exact ones by map lookup,
// since a network's second hop tests tens of thousands of codes against
// its whole frontier.
type selectorSet struct {
	exact    map[string]bool
	prefixes []string
}

func newSelectorSet(sels []Selector) selectorSet {
	set := selectorSet{exact: map[string]bool{}}
	for _, s := range sels {
		if s.Prefix {
			set.prefixes = append(set.prefixes, s.Code)
		} else {
			set.exact[s.Code] = true
		}
	}
	return set
}

func (s selectorSet) match(code string) bool {
	if s.exact[code] {
		return true
	}
	for _, p := range s.prefixes {
		if strings.HasPrefix(code, p) {
			return true
		}
	}
	return false
}

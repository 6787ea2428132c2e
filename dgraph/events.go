package dgraph

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dgraph-io/dgo/v230"

	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/schema/cameo"
)

// Page sizes of Events.
const (
	defaultPageSize = 50
	maxPageSize     = 1000
)

// selection is an EventFilter translated to DQL: var blocks, a root
// function over the most selective index, and a filter for the rest. Its
// blocks define the uid variable R holding the matching events.
type selection struct {
	q      *query
	blocks string
	empty  bool // the filter can match nothing; no need to ask
}

// cond is one ANDed condition of a filter; root is set when the condition
// can serve as a root function on its own.
type cond struct {
	filter string
	root   string   // a single root function, or ""
	union  []string // alternatively root functions to union via var blocks
}

// selectors translates actor selectors on one predicate.
// Values of pred are actor codes after prefix.
func selectorFuncs(q *query, pred, prefix string, sels []schema.Selector) []string {
	var exact []string
	var funcs []string
	for _, s := range sels {
		if s.Prefix {
			lo, hi := s.Range()
			funcs = append(funcs, fmt.Sprintf("between(%s, %s, %s)", pred, q.str(prefix+lo), q.str(prefix+hi)))
		} else {
			exact = append(exact, prefix+s.Code)
		}
	}
	if len(exact) > 0 {
		funcs = append(funcs, fmt.Sprintf("eq(%s, %s)", pred, q.list(exact)))
	}
	return funcs
}

func orCond(funcs []string) cond {
	c := cond{filter: "(" + strings.Join(funcs, " OR ") + ")"}
	if len(funcs) == 1 {
		c.root = funcs[0]
	} else {
		c.union = funcs
	}
	return c
}

// selectEvents translates a filter. It fails on malformed selectors.
func (s *Store) selectEvents(f schema.EventFilter) (*selection, error) {
	srcs, err := schema.ParseSelectors(f.Sources)
	if err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	tgts, err := schema.ParseSelectors(f.Targets)
	if err != nil {
		return nil, fmt.Errorf("targets: %w", err)
	}
	acts, err := schema.ParseSelectors(f.Actors)
	if err != nil {
		return nil, fmt.Errorf("actors: %w", err)
	}
	q := newQuery()
	var blocks strings.Builder
	// Conditions in order of expected selectivity; the first that can be a
	// root function becomes the root, the others the filter.
	var conds []cond
	// Actor conditions are read from their indexes into uid variables and
	// combined as uid sets: the events of a dyad are the intersection of
	// two sorted lists, where a value filter would read the target of
	// every event of the busier actor.
	actorVars := 0
	actorCond := func(funcs []string) cond {
		var vars []string
		for _, fn := range funcs {
			v := "A" + strconv.Itoa(actorVars)
			actorVars++
			fmt.Fprintf(&blocks, "%s as var(func: %s)\n", v, fn)
			vars = append(vars, v)
		}
		u := "uid(" + strings.Join(vars, ", ") + ")"
		return cond{root: u, filter: u}
	}
	if len(srcs) > 0 {
		conds = append(conds, actorCond(selectorFuncs(q, "event.src", "", srcs)))
	}
	if len(tgts) > 0 {
		conds = append(conds, actorCond(selectorFuncs(q, "event.tgt", "", tgts)))
	}
	if len(acts) > 0 {
		conds = append(conds, actorCond(append(selectorFuncs(q, "event.src", "", acts), selectorFuncs(q, "event.tgt", "", acts)...)))
	}
	single := func(fn string) { conds = append(conds, cond{filter: fn, root: fn}) }
	// Outlets, places, countries and mention counts have few distinct
	// values, so their indexes would be huge posting lists rewritten by
	// every batch: they are not indexed and only ever filter.
	filterOnly := func(fn string) { conds = append(conds, cond{filter: fn}) }
	if f.Outlet != "" {
		filterOnly(fmt.Sprintf("eq(event.outletset, %s)", q.str(f.Outlet)))
	}
	if p := strings.ToLower(strings.TrimSpace(f.Place)); p != "" {
		filterOnly(fmt.Sprintf("eq(event.placename, %s)", q.str(p)))
	}
	if c := strings.ToUpper(strings.TrimSpace(f.Country)); c != "" {
		filterOnly(fmt.Sprintf("eq(event.country, %s)", q.str(c)))
	}
	empty := false
	switch {
	case !f.From.IsZero() && !f.To.IsZero():
		empty = empty || !f.From.Before(f.To)
		// between is inclusive: the exclusive end is checked by the filter.
		conds = append(conds, cond{
			filter: fmt.Sprintf("ge(event.date, %s)", q.date(f.From)),
			root:   fmt.Sprintf("between(event.date, %s, %s)", q.date(f.From), q.date(f.To)),
		}, cond{filter: fmt.Sprintf("lt(event.date, %s)", q.date(f.To))})
	case !f.From.IsZero():
		single(fmt.Sprintf("ge(event.date, %s)", q.date(f.From)))
	case !f.To.IsZero():
		single(fmt.Sprintf("lt(event.date, %s)", q.date(f.To)))
	}
	if f.CodePrefix != "" {
		// CAMEO codes are digits, all below '~'.
		single(fmt.Sprintf("between(event.code, %s, %s)", q.str(f.CodePrefix), q.str(f.CodePrefix+"~")))
	}
	// Roots and quad classes are not stored: a root is the first two
	// digits of the code, and a quad class is a run of roots, so both are
	// ranges of event.code.
	// Roots and quad classes unknown to the ontology match nothing.
	if len(f.Roots) > 0 {
		if funcs := codeRanges(q, f.Roots, s.roots); len(funcs) > 0 {
			conds = append(conds, orCond(funcs))
		} else {
			empty = true
		}
	}
	if len(f.Quads) > 0 {
		var roots []string
		for _, n := range f.Quads {
			roots = append(roots, s.quadRoots[n]...)
		}
		if funcs := codeRanges(q, roots, s.roots); len(funcs) > 0 {
			conds = append(conds, orCond(funcs))
		} else {
			empty = true
		}
	}
	if f.MinMentions > 1 {
		filterOnly(fmt.Sprintf("ge(event.mentions, %s)", q.int(f.MinMentions)))
	}

	root := "has(event.xid)"
	rootIdx := -1
	for i, c := range conds {
		if c.root != "" || len(c.union) > 0 {
			rootIdx = i
			break
		}
	}
	if rootIdx >= 0 {
		c := conds[rootIdx]
		if c.root != "" {
			root = c.root
		} else {
			var vars []string
			for j, fn := range c.union {
				v := fmt.Sprintf("U%d", j)
				fmt.Fprintf(&blocks, "%s as var(func: %s)\n", v, fn)
				vars = append(vars, v)
			}
			root = "uid(" + strings.Join(vars, ", ") + ")"
		}
	}
	var filters []string
	for i, c := range conds {
		if i != rootIdx {
			filters = append(filters, c.filter)
		}
	}
	filter := ""
	if len(filters) > 0 {
		filter = " @filter(" + strings.Join(filters, " AND ") + ")"
	}
	fmt.Fprintf(&blocks, "R as var(func: %s)%s\n", root, filter)
	return &selection{q: q, blocks: blocks.String(), empty: empty}, nil
}

// codeRanges returns between() functions on event.code matching the codes
// of the given roots, merging roots adjacent in all (the sorted roots of
// the ontology) into one range. Roots not in all are left out.
func codeRanges(q *query, roots, all []string) []string {
	want := map[string]bool{}
	for _, r := range roots {
		want[r] = true
	}
	var funcs []string
	add := func(lo, hi string) {
		funcs = append(funcs, fmt.Sprintf("between(event.code, %s, %s)", q.str(lo), q.str(hi+"~")))
	}
	start := -1
	for i, r := range all {
		if want[r] {
			delete(want, r)
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			add(all[start], all[i-1])
			start = -1
		}
	}
	if start >= 0 {
		add(all[start], all[len(all)-1])
	}
	return funcs
}

// Cursors are base64url("YYYY-MM-DD|event id").
func encodeCursor(day time.Time, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(day.Format(schema.DayLayout) + "|" + id))
}

func decodeCursor(c string) (time.Time, string, error) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return time.Time{}, "", fmt.Errorf("malformed cursor %q", c)
	}
	day, id, ok := strings.Cut(string(raw), "|")
	if !ok || id == "" {
		return time.Time{}, "", fmt.Errorf("malformed cursor %q", c)
	}
	t, err := time.Parse(schema.DayLayout, day)
	if err != nil {
		return time.Time{}, "", fmt.Errorf("malformed cursor %q", c)
	}
	return t, id, nil
}

// eventFields is the selection of an event with its mentions.
const eventFields = `uid event.xid event.src event.tgt event.code event.date event.mentions outlets: count(event.outletset)
	event.place { place.name place.country place.lat place.lon }
	sentidx: event.sentidx sentence: event.sentence evidence: event.evidence article: event.article { article.xid } reporter: event.reporter { actor.xid actor.name }
	~mention.event { sentidx: mention.sentidx sentence: mention.sentence evidence: mention.evidence article: mention.article { article.xid } reporter: mention.reporter { actor.xid actor.name } }`

type actorJSON struct {
	Code string `json:"actor.xid"`
	Name string `json:"actor.name"`
}

type eventJSON struct {
	XID      string    `json:"event.xid"`
	Code     string    `json:"event.code"`
	Date     time.Time `json:"event.date"`
	Mentions int       `json:"event.mentions"`
	Outlets  int       `json:"outlets"`
	Src      string    `json:"event.src"`
	Tgt      string    `json:"event.tgt"`
	Place    *struct {
		Name    string  `json:"place.name"`
		Country string  `json:"place.country"`
		Lat     float64 `json:"place.lat"`
		Lon     float64 `json:"place.lon"`
	} `json:"event.place"`
	// The first mention is stored on the event node, the others on
	// mention nodes; eventFields reads both under the same aliases.
	mentionJSON
	Reports []mentionJSON `json:"~mention.event"`
}

// mentionJSON is a mention, as eventFields aliases its fields.
type mentionJSON struct {
	SentIdx  int    `json:"sentidx"`
	Sentence string `json:"sentence"`
	Evidence string `json:"evidence"`
	Article  *struct {
		XID string `json:"article.xid"`
	} `json:"article"`
	Reporter *actorJSON `json:"reporter"`
}

// event converts a stored event; names maps the codes of its actors to
// their names.
func (e eventJSON) event(o *cameo.Ontology, names map[string]string) (schema.Event, error) {
	et, ok := o.Event(e.Code)
	if !ok {
		return schema.Event{}, fmt.Errorf("event %s: stored code %q is not in the ontology", e.XID, e.Code)
	}
	out := schema.Event{
		ID: e.XID, Code: e.Code, Root: et.Root, Quad: int(et.Quad), Goldstein: et.Goldstein,
		Date: schema.Day(e.Date), NumMentions: max(e.Mentions, 1), NumOutlets: e.Outlets,
	}
	out.Source = schema.Actor{Code: e.Src, Name: names[e.Src]}
	out.Target = schema.Actor{Code: e.Tgt, Name: names[e.Tgt]}
	if p := e.Place; p != nil {
		out.Place = &schema.Place{Name: p.Name, Country: p.Country, Lat: p.Lat, Lon: p.Lon}
	}
	reports := e.Reports
	if e.mentionJSON.Article != nil {
		reports = append(reports, e.mentionJSON)
	}
	for _, r := range reports {
		m := schema.Mention{SentenceIndex: r.SentIdx, Sentence: r.Sentence}
		if r.Article != nil {
			m.ArticleID = r.Article.XID
		}
		if r.Evidence != "" {
			if err := json.Unmarshal([]byte(r.Evidence), &m.Evidence); err != nil {
				return schema.Event{}, fmt.Errorf("event %s: evidence: %w", e.XID, err)
			}
		}
		if r.Reporter != nil {
			m.ReportedBy = &schema.Actor{Code: r.Reporter.Code, Name: r.Reporter.Name}
		}
		out.Mentions = append(out.Mentions, m)
	}
	sort.Slice(out.Mentions, func(i, j int) bool {
		a, b := out.Mentions[i], out.Mentions[j]
		if a.ArticleID != b.ArticleID {
			return a.ArticleID < b.ArticleID
		}
		return a.SentenceIndex < b.SentenceIndex
	})
	return out, nil
}

// Events returns one page of matching events in (date, ID) order.
func (s *Store) Events(ctx context.Context, f schema.EventFilter, p schema.PageRequest) (schema.EventPage, error) {
	sel, err := s.selectEvents(f)
	if err != nil {
		return schema.EventPage{}, fmt.Errorf("dgraph: events: %w", err)
	}
	first := p.First
	if first <= 0 {
		first = defaultPageSize
	}
	first = min(first, maxPageSize)
	q := sel.q
	after := ""
	if p.After != "" {
		day, id, err := decodeCursor(p.After)
		if err != nil {
			return schema.EventPage{}, fmt.Errorf("dgraph: events: %w", err)
		}
		d := q.date(day)
		cmp := "gt"
		if p.Newest {
			cmp = "lt"
		}
		after = fmt.Sprintf(" @filter(%[1]s(event.date, %[2]s) OR (eq(event.date, %[2]s) AND %[1]s(event.xid, %[3]s)))", cmp, d, q.str(id))
	}
	if sel.empty {
		return schema.EventPage{Events: []schema.Event{}, Cursors: []string{}}, nil
	}
	order := "orderasc"
	if p.Newest {
		order = "orderdesc"
	}
	blocks := sel.blocks +
		"total(func: uid(R)) { count(uid) }\n" +
		fmt.Sprintf("ev(func: uid(R), %[1]s: event.date, %[1]s: event.xid, first: %[2]s)%[3]s {\n%[4]s\n}\n", order, q.int(first+1), after, eventFields)
	var out struct {
		Total []struct {
			Count int `json:"count"`
		} `json:"total"`
		Events []eventJSON `json:"ev"`
	}
	if err := s.run(ctx, q, blocks, &out); err != nil {
		return schema.EventPage{}, fmt.Errorf("dgraph: events: %w", err)
	}
	page := schema.EventPage{Events: []schema.Event{}, Cursors: []string{}}
	if len(out.Total) > 0 {
		page.Total = out.Total[0].Count
	}
	if len(out.Events) > first {
		page.HasNext = true
		out.Events = out.Events[:first]
	}
	var codes []string
	for _, ej := range out.Events {
		codes = append(codes, ej.Src, ej.Tgt)
	}
	names, err := s.actorNames(ctx, codes)
	if err != nil {
		return schema.EventPage{}, fmt.Errorf("dgraph: events: %w", err)
	}
	for _, ej := range out.Events {
		e, err := ej.event(s.onto, names)
		if err != nil {
			return schema.EventPage{}, fmt.Errorf("dgraph: events: %w", err)
		}
		page.Events = append(page.Events, e)
		page.Cursors = append(page.Cursors, encodeCursor(e.Date, e.ID))
	}
	return page, nil
}

// Aggregate answers from the rollups when they can (rollup.go), else by
// grouping events.
func (s *Store) Aggregate(ctx context.Context, f schema.EventFilter, g schema.Grouping) ([]schema.AggregateRow, error) {
	if g.Bucket != "" {
		if _, err := schema.ParseBucket(string(g.Bucket)); err != nil {
			return nil, fmt.Errorf("dgraph: aggregate: %w", err)
		}
	}
	if rollupAnswers(f, g) {
		rows, err := s.aggregateRollup(ctx, f, g)
		if err != nil {
			return nil, fmt.Errorf("dgraph: aggregate: %w", err)
		}
		return rows, nil
	}
	txn := s.dg.NewReadOnlyTxn()
	defer txn.Discard(ctx)
	return s.aggregateEvents(ctx, txn, f, g)
}

// aggregateEvents groups the matching events with @groupby. Dgraph sums no
// derived values, so the groups always include the event code and rows of
// the requested grouping are folded from them here, with their quad
// classes and Goldstein values taken from the ontology: a few rows per
// code, never one per event.
func (s *Store) aggregateEvents(ctx context.Context, txn *dgo.Txn, f schema.EventFilter, g schema.Grouping) ([]schema.AggregateRow, error) {
	sel, err := s.selectEvents(f)
	if err != nil {
		return nil, fmt.Errorf("dgraph: aggregate: %w", err)
	}
	preds := []string{"event.code"}
	if g.Source {
		preds = append(preds, "event.src")
	}
	if g.Target {
		preds = append(preds, "event.tgt")
	}
	// Periods are not stored: group by day and fold days into periods.
	bucketPred := ""
	if g.Bucket != "" {
		if _, err := schema.ParseBucket(string(g.Bucket)); err != nil {
			return nil, fmt.Errorf("dgraph: aggregate: %w", err)
		}
		bucketPred = "event.date"
		preds = append(preds, bucketPred)
	}
	if sel.empty {
		return nil, nil
	}
	blocks := sel.blocks + fmt.Sprintf("g(func: uid(R)) @groupby(%s) { count(uid) min(event.date) max(event.date) }\n", strings.Join(preds, ", "))
	var out struct {
		G []struct {
			Groups []map[string]json.RawMessage `json:"@groupby"`
		} `json:"g"`
	}
	if err := runIn(ctx, txn, sel.q, blocks, &out); err != nil {
		return nil, fmt.Errorf("dgraph: aggregate: %w", err)
	}
	var byCode []schema.AggregateRow
	for _, blk := range out.G {
		for _, grp := range blk.Groups {
			var r schema.AggregateRow
			var bucket string
			for _, f := range []struct {
				key string
				dst any
			}{
				{"event.src", &r.Source}, {"event.tgt", &r.Target}, {"event.code", &r.Code},
				{bucketPred, &bucket}, {"count", &r.Count},
				{"min(event.date)", &r.First}, {"max(event.date)", &r.Last},
			} {
				raw, ok := grp[f.key]
				if !ok || f.key == "" {
					continue
				}
				if err := json.Unmarshal(raw, f.dst); err != nil {
					return nil, fmt.Errorf("dgraph: aggregate: decode %s: %w", f.key, err)
				}
			}
			if bucketPred != "" {
				t, err := time.Parse(time.RFC3339, bucket)
				if err != nil {
					return nil, fmt.Errorf("dgraph: aggregate: event date %q: %w", bucket, err)
				}
				r.Bucket = g.Bucket.Start(schema.Day(t))
			}
			if r.Count == 0 {
				continue
			}
			r.First, r.Last = dayOrZero(r.First), dayOrZero(r.Last)
			if r.First.IsZero() || r.Last.IsZero() {
				return nil, errors.New("dgraph: aggregate: events without dates")
			}
			byCode = append(byCode, r)
		}
	}
	rows, err := schema.FoldCodes(s.onto, byCode, g.Code)
	if err != nil {
		return nil, fmt.Errorf("dgraph: aggregate: %w", err)
	}
	return rows, nil
}

func dayOrZero(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return schema.Day(t)
}

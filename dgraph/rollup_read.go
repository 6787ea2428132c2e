package dgraph

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dgraph-io/dgo/v230"

	"github.com/dyadgraph/dyad/schema"
)

// Reads of the rollups (rollup.go): which aggregates they answer and how.

// rollupAnswers says whether the rollups can answer an aggregate: filtered
// by actors, codes and dates, grouped by sides, code and months or years,
// but not by code or on codes together with periods or dates (the month
// lists have no codes).
func rollupAnswers(f schema.EventFilter, g schema.Grouping) bool {
	periods := g.Bucket != "" || !f.From.IsZero() || !f.To.IsZero()
	codes := g.Code || f.CodePrefix != "" || len(f.Roots) > 0 || len(f.Quads) > 0
	return (g.Bucket == "" || g.Bucket == schema.BucketMonth || g.Bucket == schema.BucketYear) &&
		!(periods && codes) &&
		strings.TrimSpace(f.Country) == "" && strings.TrimSpace(f.Place) == "" &&
		strings.TrimSpace(f.Outlet) == "" && f.MinMentions <= 1
}

// aggregateRollup answers an aggregate that rollupAnswers accepts: rollups
// of whole months (or of all time) plus pending deltas, and events of the
// partial months at the ends of a range, all in one snapshot.
func (s *Store) aggregateRollup(ctx context.Context, f schema.EventFilter, g schema.Grouping) ([]schema.AggregateRow, error) {
	m, err := schema.NewEventMatcher(s.onto, f)
	if err != nil {
		return nil, err
	}
	plan := schema.PlanRange(f.From, f.To)
	txn := s.dg.NewReadOnlyTxn()
	defer txn.Discard(ctx)
	var rows []schema.AggregateRow
	switch {
	case plan.Total && g.Bucket == "" && !g.Code && !m.FiltersCodes():
		rows, err = s.readAdjacency(ctx, txn, m, g)
	case plan.Total || plan.RolledFrom != "":
		rows, err = s.readDyads(ctx, txn, m, plan, g)
	}
	if err != nil {
		return nil, err
	}
	for _, r := range plan.Raw {
		from, _ := time.Parse(schema.DayLayout, r[0])
		to, _ := time.Parse(schema.DayLayout, r[1])
		part := f
		part.From, part.To = from, to
		raw, err := s.aggregateEvents(ctx, txn, part, g)
		if err != nil {
			return nil, err
		}
		rows = append(rows, raw...)
	}
	return schema.MergeRows(rows), nil
}

// pendingRows turns the pending deltas into rows of the grouping: the
// events matching m within the plan's whole months (all, when plan.Total),
// with quad classes and Goldstein values from their codes.
func (s *Store) pendingRows(deltas []deltaJSON, m *schema.EventMatcher, plan schema.RangePlan, g schema.Grouping) ([]schema.AggregateRow, error) {
	var byCode []schema.AggregateRow
	for _, d := range deltas {
		err := parseDelta(d.Rows, func(e deltaEvent) error {
			if !m.MatchActors(e.src, e.tgt) || !m.MatchCode(e.code) ||
				!plan.Total && (e.day < plan.RolledFrom || e.day >= plan.RolledTo) {
				return nil
			}
			day, err := time.Parse(schema.DayLayout, e.day)
			if err != nil {
				return fmt.Errorf("rollup delta day %q: %w", e.day, err)
			}
			r := schema.AggregateRow{Code: e.code, Count: 1, First: day, Last: day}
			if g.Source {
				r.Source = e.src
			}
			if g.Target {
				r.Target = e.tgt
			}
			if g.Bucket != "" {
				r.Bucket = g.Bucket.Start(day)
			}
			byCode = append(byCode, r)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return schema.FoldCodes(s.onto, byCode, g.Code)
}

// deltaJSON is a pending delta as pendingBlock reads it.
type deltaJSON struct {
	Rows string `json:"delta.rows"`
}

const pendingBlock = "d(func: eq(delta.open, true)) { delta.rows }\n"

// readAdjacency reads all-time totals from the actors' adjacency lists
// (schema.AdjacencyLists) plus the pending deltas, in one result block:
// a list's key says its direction.
func (s *Store) readAdjacency(ctx context.Context, txn *dgo.Txn, m *schema.EventMatcher, g schema.Grouping) ([]schema.AggregateRow, error) {
	q := newQuery()
	var blocks strings.Builder
	var vars []string
	byDir := map[string]schema.AdjacencyList{}
	for _, l := range schema.AdjacencyLists(m) {
		dir := "in"
		if l.Out {
			dir = "out"
		}
		byDir[dir] = l
		funcs := selectorFuncs(q, "adj.key", dir+" ", l.Actors)
		if l.Actors == nil {
			funcs = []string{fmt.Sprintf("between(adj.key, %s, %s)", q.str(dir+" "), q.str(dir+" ~"))}
		}
		for _, fn := range funcs {
			v := "L" + strconv.Itoa(len(vars))
			fmt.Fprintf(&blocks, "%s as var(func: %s)\n", v, fn)
			vars = append(vars, v)
		}
	}
	fmt.Fprintf(&blocks, "l(func: uid(%s)) { adj.key adj.rows }\n", strings.Join(vars, ", "))
	blocks.WriteString(pendingBlock)
	var out struct {
		L []struct {
			Key  string `json:"adj.key"`
			Rows string `json:"adj.rows"`
		} `json:"l"`
		D []deltaJSON `json:"d"`
	}
	if err := runIn(ctx, txn, q, blocks.String(), &out); err != nil {
		return nil, fmt.Errorf("dgraph: aggregate: %w", err)
	}
	lines := 0
	for _, n := range out.L {
		lines += strings.Count(n.Rows, string(schema.KeyedSumSep))
	}
	sums := make([]schema.AggregateRow, 0, lines)
	for _, n := range out.L {
		dir, actor, _ := strings.Cut(n.Key, " ")
		l, ok := byDir[dir]
		if !ok {
			return nil, fmt.Errorf("dgraph: aggregate: adjacency key %q", n.Key)
		}
		var err error
		if sums, err = schema.AppendAdjacency(sums, l, actor, n.Rows, m, g); err != nil {
			return nil, fmt.Errorf("dgraph: aggregate: %w", err)
		}
	}
	pending, err := s.pendingRows(out.D, m, schema.RangePlan{Total: true}, g)
	if err != nil {
		return nil, fmt.Errorf("dgraph: aggregate: %w", err)
	}
	return append(sums, pending...), nil
}

// readDyads reads the dyads matching m: their codes for all-time
// aggregates by or filtered on code, else their months (within the plan's
// whole months unless plan.Total); plus the pending deltas.
func (s *Store) readDyads(ctx context.Context, txn *dgo.Txn, m *schema.EventMatcher, plan schema.RangePlan, g schema.Grouping) ([]schema.AggregateRow, error) {
	q := newQuery()
	var blocks strings.Builder
	var conds []string
	nvars := 0
	actorVar := func(preds []string, sels []schema.Selector) {
		var vars []string
		for _, pred := range preds {
			for _, fn := range selectorFuncs(q, pred, "", sels) {
				v := "A" + strconv.Itoa(nvars)
				nvars++
				fmt.Fprintf(&blocks, "%s as var(func: %s)\n", v, fn)
				vars = append(vars, v)
			}
		}
		conds = append(conds, "uid("+strings.Join(vars, ", ")+")")
	}
	if len(m.Sources) > 0 {
		actorVar([]string{"dyad.src"}, m.Sources)
	}
	if len(m.Targets) > 0 {
		actorVar([]string{"dyad.tgt"}, m.Targets)
	}
	if len(m.Actors) > 0 {
		actorVar([]string{"dyad.src", "dyad.tgt"}, m.Actors)
	}
	if len(conds) == 0 {
		conds = append(conds, "has(dyad.key)")
	}
	filter := ""
	if len(conds) > 1 {
		filter = " @filter(" + strings.Join(conds[1:], " AND ") + ")"
	}
	fmt.Fprintf(&blocks, "R as var(func: %s)%s\n", conds[0], filter)
	useCodes := g.Code || m.FiltersCodes() // only all time: see rollupAnswers
	field := "dyad.months"
	if useCodes {
		field = "dyad.codes"
	}
	var monthLo, monthHi string // [lo, hi)
	if !plan.Total {
		monthLo, monthHi = plan.RolledFrom[:7], plan.RolledTo[:7]
	}
	var byCode, sums []schema.AggregateRow
	after := "0x0" // a uid Dgraph returned: spliced, as after takes no variable
	for page := 0; ; page++ {
		text := blocks.String() + fmt.Sprintf("r(func: uid(R), first: %d, after: %s) { uid dyad.key %s }\n", rollupPage, after, field)
		if page == 0 {
			text += pendingBlock
		}
		var out struct {
			R []struct {
				UID    string `json:"uid"`
				Key    string `json:"dyad.key"`
				Codes  string `json:"dyad.codes"`
				Months string `json:"dyad.months"`
			} `json:"r"`
			D []deltaJSON `json:"d"`
		}
		if err := runIn(ctx, txn, q, text, &out); err != nil {
			return nil, fmt.Errorf("dgraph: aggregate: %w", err)
		}
		for _, n := range out.R {
			src, tgt, ok := strings.Cut(n.Key, " ")
			if !ok {
				return nil, fmt.Errorf("dgraph: aggregate: malformed dyad key %q", n.Key)
			}
			var base schema.AggregateRow
			if g.Source {
				base.Source = src
			}
			if g.Target {
				base.Target = tgt
			}
			var err error
			if useCodes {
				err = decodeCodes(n.Codes, func(code string, st codeStat) error {
					if !m.MatchCode(code) {
						return nil
					}
					r := base
					r.Code, r.Count = code, st.n
					var err1, err2 error
					r.First, err1 = time.Parse(schema.DayLayout, st.first)
					r.Last, err2 = time.Parse(schema.DayLayout, st.last)
					byCode = append(byCode, r)
					return errors.Join(err1, err2)
				})
			} else {
				err = schema.ParseKeyedSums(n.Months, func(month string, r schema.AggregateRow) error {
					if !plan.Total && (month < monthLo || month >= monthHi) {
						return nil
					}
					r.Source, r.Target = base.Source, base.Target
					if g.Bucket != "" {
						t, err := time.Parse("2006-01", month)
						if err != nil {
							return fmt.Errorf("month %q: %w", month, err)
						}
						r.Bucket = g.Bucket.Start(t)
					}
					sums = append(sums, r)
					return nil
				})
			}
			if err != nil {
				return nil, fmt.Errorf("dgraph: aggregate: dyad %s: %w", n.Key, err)
			}
		}
		if page == 0 {
			pending, err := s.pendingRows(out.D, m, plan, g)
			if err != nil {
				return nil, fmt.Errorf("dgraph: aggregate: %w", err)
			}
			sums = append(sums, pending...)
		}
		if len(out.R) < rollupPage {
			break
		}
		after = out.R[len(out.R)-1].UID
		if !isUID(after) {
			return nil, fmt.Errorf("dgraph: aggregate: malformed uid %q", after)
		}
	}
	folded, err := schema.FoldCodes(s.onto, byCode, g.Code)
	if err != nil {
		return nil, fmt.Errorf("dgraph: aggregate: %w", err)
	}
	return append(sums, folded...), nil
}

// isUID reports whether s is a uid as Dgraph writes them, 0x and hex digits.
func isUID(s string) bool {
	if len(s) < 3 || s[:2] != "0x" {
		return false
	}
	for _, c := range s[2:] {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

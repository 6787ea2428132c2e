package sqlite

import (
	"fmt"
	"strings"

	"github.com/dyadgraph/dyad/schema"
)

// where is a conjunction of SQL conditions and their arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// String is the WHERE clause, or "" without conditions.
func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// with returns a copy of w with one more condition.
func (w *where) with(cond string, args ...any) *where {
	c := &where{conds: append([]string(nil), w.conds...), args: append([]any(nil), w.args...)}
	c.add(cond, args...)
	return c
}

// eventWhere translates a filter into conditions on the events table,
// aliased e.
func eventWhere(f schema.EventFilter) (*where, error) {
	w := &where{}
	for _, side := range []struct {
		name string
		sels []string
		cols []string
	}{
		{"sources", f.Sources, []string{"e.src"}},
		{"targets", f.Targets, []string{"e.tgt"}},
		{"actors", f.Actors, []string{"e.src", "e.tgt"}},
	} {
		if len(side.sels) == 0 {
			continue
		}
		sels, err := schema.ParseSelectors(side.sels)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", side.name, err)
		}
		cond, args := selectorCond(sels, side.cols)
		w.add(cond, args...)
	}
	if f.CodePrefix != "" {
		if !isDigits(f.CodePrefix) || len(f.CodePrefix) > 4 {
			return nil, fmt.Errorf("code prefix %q: want 1 to 4 digits", f.CodePrefix)
		}
		w.add("e.code >= ? AND e.code < ?", f.CodePrefix, f.CodePrefix+"~")
	}
	if len(f.Roots) > 0 {
		w.add("e.root IN (SELECT value FROM json_each(?))", jsonList(f.Roots))
	}
	if len(f.Quads) > 0 {
		if err := addQuads(w, f.Quads); err != nil {
			return nil, err
		}
	}
	if !f.From.IsZero() {
		w.add("e.day >= ?", schema.FirstDayFrom(f.From))
	}
	if !f.To.IsZero() {
		w.add("e.day < ?", schema.FirstDayFrom(f.To))
	}
	if c := strings.TrimSpace(f.Country); c != "" {
		w.add("e.country = ?", strings.ToUpper(c))
	}
	if p := strings.TrimSpace(f.Place); p != "" {
		w.add("e.place_name_lower = ?", strings.ToLower(p))
	}
	if f.Outlet != "" {
		w.add(`EXISTS (SELECT 1 FROM mentions m JOIN articles a ON a.id = m.article_id
			WHERE m.event_seq = e.seq AND a.outlet = ?)`, f.Outlet)
	}
	if f.MinMentions > 0 {
		w.add("e.num_mentions >= ?", f.MinMentions)
	}
	return w, nil
}

// maxInlineList bounds the exact codes passed as one parameter each; longer
// lists go as one JSON array, well below SQLite's limit of 32766 parameters.
// The query planner makes better use of the indexes with inline lists.
const maxInlineList = 500

// selectorCond matches any of the selectors on any of the columns. Exact
// codes become one IN list per column, prefixes range scans; both use the
// column indexes.
func selectorCond(sels []schema.Selector, cols []string) (string, []any) {
	var exact []string
	var terms []string
	var args []any
	for _, s := range sels {
		if !s.Prefix {
			exact = append(exact, s.Code)
			continue
		}
		lo, hi := s.Range()
		for _, c := range cols {
			terms = append(terms, fmt.Sprintf("(%s >= ? AND %s < ?)", c, c))
			args = append(args, lo, hi)
		}
	}
	if len(exact) > maxInlineList {
		list := jsonList(exact)
		for _, c := range cols {
			terms = append(terms, c+" IN (SELECT value FROM json_each(?))")
			args = append(args, list)
		}
	} else if len(exact) > 0 {
		marks := placeholders(len(exact))
		for _, c := range cols {
			terms = append(terms, c+" IN ("+marks+")")
			for _, code := range exact {
				args = append(args, code)
			}
		}
	}
	return "(" + strings.Join(terms, " OR ") + ")", args
}

func addQuads(w *where, quads []int) error {
	args := make([]any, len(quads))
	for i, q := range quads {
		if q < 1 || q > 4 {
			return fmt.Errorf("quad class %d: want 1 to 4", q)
		}
		args[i] = q
	}
	w.add("e.quad IN ("+placeholders(len(quads))+")", args...)
	return nil
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// placeholders returns n comma-separated question marks.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

package schema

import (
	"fmt"
	"time"

	"github.com/dyadgraph/dyad/schema/cameo"
)

// FoldCodes completes rows counted per event code: it fills each row's
// quad classes and Goldstein sum from its code and, unless keepCode, sums
// the rows that differ only in code. Stores whose database cannot sum
// derived values count per code and fold here: a few rows per code, never
// one per event. Rows keep their first-seen order.
func FoldCodes(o *cameo.Ontology, rows []AggregateRow, keepCode bool) ([]AggregateRow, error) {
	out := make([]AggregateRow, len(rows))
	for i, r := range rows {
		et, ok := o.Event(r.Code)
		if !ok {
			return nil, fmt.Errorf("stored event code %q is not in the ontology", r.Code)
		}
		if !keepCode {
			r.Code = ""
		}
		r.Quads = QuadCounts{}
		r.Quads.Add(et.Quad, r.Count)
		r.Goldstein10 = Goldstein10(et.Goldstein) * r.Count
		out[i] = r
	}
	return MergeRows(out), nil
}

// MergeRows sums rows with the same source, target, code and bucket,
// keeping the order in which keys first appear. It reuses rows' storage.
func MergeRows(rows []AggregateRow) []AggregateRow {
	type key struct {
		source, target, code string
		bucket               time.Time
	}
	at := make(map[key]int, len(rows))
	out := rows[:0]
	for _, r := range rows {
		k := key{r.Source, r.Target, r.Code, r.Bucket}
		i, ok := at[k]
		if !ok {
			at[k] = len(out)
			out = append(out, r)
			continue
		}
		out[i].Add(r)
	}
	return out
}

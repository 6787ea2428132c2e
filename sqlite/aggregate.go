package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/dyadgraph/dyad/schema"
)

// bucketKeys are SQL expressions giving the first day of an event's period
// as YYYY-MM-DD, the same key as schema.Bucket.Key.
var bucketKeys = map[schema.Bucket]string{
	schema.BucketDay: "e.day",
	// strftime %w is 0 on Sunday; weeks start on Monday.
	schema.BucketWeek:  "date(e.day, '-' || ((CAST(strftime('%w', e.day) AS INTEGER) + 6) % 7) || ' days')",
	schema.BucketMonth: "substr(e.day, 1, 7) || '-01'",
	schema.BucketYear:  "substr(e.day, 1, 4) || '-01-01'",
}

// Aggregate counts the events matching f in one GROUP BY query.
func (s *Store) Aggregate(ctx context.Context, f schema.EventFilter, g schema.Grouping) ([]schema.AggregateRow, error) {
	rows, err := s.aggregate(ctx, f, g)
	if err != nil {
		return nil, fmt.Errorf("sqlite: aggregate: %w", err)
	}
	return rows, nil
}

func (s *Store) aggregate(ctx context.Context, f schema.EventFilter, g schema.Grouping) ([]schema.AggregateRow, error) {
	w, err := eventWhere(f)
	if err != nil {
		return nil, err
	}
	var keys []string
	for _, k := range []struct {
		on  bool
		sql string
	}{{g.Source, "e.src"}, {g.Target, "e.tgt"}, {g.Code, "e.code"}} {
		if k.on {
			keys = append(keys, k.sql)
		}
	}
	if g.Bucket != "" {
		expr, ok := bucketKeys[g.Bucket]
		if !ok {
			return nil, fmt.Errorf("bucket %q: want DAY, WEEK, MONTH or YEAR", g.Bucket)
		}
		keys = append(keys, expr)
	}
	q := "SELECT " + strings.Join(append(keys[:len(keys):len(keys)], "COUNT(*)", "MIN(e.day)", "MAX(e.day)"), ", ") +
		" FROM events e" + w.String()
	if len(keys) > 0 {
		q += " GROUP BY " + strings.Join(keys, ", ")
	}
	rows, err := s.r.QueryContext(ctx, q, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []schema.AggregateRow
	for rows.Next() {
		r, err := scanAggregate(rows.Scan, g, len(keys))
		if err != nil {
			return nil, err
		}
		if r.Count > 0 { // without grouping, no events still give a row
			out = append(out, r)
		}
	}
	return out, rows.Err()
}

// scanAggregate reads a row of n keys in the order Aggregate selects them,
// then the count and the first and last day.
func scanAggregate(scan func(...any) error, g schema.Grouping, n int) (schema.AggregateRow, error) {
	var (
		r           schema.AggregateRow
		bucket      string
		first, last *string // NULL when nothing matched
	)
	dest := make([]any, 0, n+3)
	for _, k := range []struct {
		on bool
		to *string
	}{{g.Source, &r.Source}, {g.Target, &r.Target}, {g.Code, &r.Code}, {g.Bucket != "", &bucket}} {
		if k.on {
			dest = append(dest, k.to)
		}
	}
	if err := scan(append(dest, &r.Count, &first, &last)...); err != nil {
		return r, err
	}
	if r.Count == 0 {
		return r, nil
	}
	var err error
	if g.Bucket != "" {
		if r.Bucket, err = parseDay(bucket); err != nil {
			return r, err
		}
	}
	if r.First, err = parseDay(*first); err != nil {
		return r, err
	}
	r.Last, err = parseDay(*last)
	return r, err
}

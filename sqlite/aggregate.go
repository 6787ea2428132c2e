package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

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
	if rollupAnswers(f, g) {
		return s.aggregateRollup(ctx, f, g)
	}
	w, err := eventWhere(f)
	if err != nil {
		return nil, err
	}
	// Events are always grouped by code too: a code gives its quad class
	// and Goldstein value, and the covering dyad and target indexes hold
	// codes but not those columns. Rows are folded to the grouping asked
	// for afterwards.
	byCode := g
	byCode.Code = true
	var keys []string
	for _, k := range []struct {
		on  bool
		sql string
	}{{byCode.Source, "e.src"}, {byCode.Target, "e.tgt"}, {byCode.Code, "e.code"}} {
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
		" FROM events e" + w.String() + " GROUP BY " + strings.Join(keys, ", ")
	rows, err := s.r.QueryContext(ctx, q, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var byCodeRows []schema.AggregateRow
	for rows.Next() {
		r, err := scanCodeRow(rows.Scan, byCode)
		if err != nil {
			return nil, err
		}
		byCodeRows = append(byCodeRows, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return schema.FoldCodes(s.onto, byCodeRows, g.Code)
}

// scanCodeRow reads a row of the events aggregate: the keys grouped by,
// the count, and the first and last day.
func scanCodeRow(scan func(...any) error, g schema.Grouping) (schema.AggregateRow, error) {
	var (
		r           schema.AggregateRow
		bucket      string
		first, last string
	)
	var dest []any
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
	var err error
	if g.Bucket != "" {
		if r.Bucket, err = parseDay(bucket); err != nil {
			return r, err
		}
	}
	if r.First, err = parseDay(first); err != nil {
		return r, err
	}
	r.Last, err = parseDay(last)
	return r, err
}

// queryAggregate runs a rollup query selecting the grouped keys (source,
// then target), the count, the counts per quad class, the summed Goldstein
// value ×10 and the first and last day, and reads its rows.
func (s *Store) queryAggregate(ctx context.Context, q string, args []any, g schema.Grouping) ([]schema.AggregateRow, error) {
	return queryAggregate(ctx, s.r, q, args, g)
}

// querier is a *sql.DB or *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func queryAggregate(ctx context.Context, db querier, q string, args []any, g schema.Grouping) ([]schema.AggregateRow, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var (
		out  []schema.AggregateRow
		days = dayCache{}
		// Scan targets, reused: a network reads tens of thousands of rows.
		r           schema.AggregateRow
		count       int64            // int64 and Null types scan without strconv
		quads       [4]sql.NullInt64 // NULL when nothing matched
		g10         sql.NullInt64
		first, last sql.RawBytes
	)
	var dest []any
	if g.Source {
		dest = append(dest, &r.Source)
	}
	if g.Target {
		dest = append(dest, &r.Target)
	}
	dest = append(dest, &count, &quads[0], &quads[1], &quads[2], &quads[3], &g10, &first, &last)
	for rows.Next() {
		r = schema.AggregateRow{}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		if count == 0 { // without grouping, no events still give a row
			continue
		}
		r.Count = int(count)
		for i, q := range quads {
			r.Quads[i] = int(q.Int64)
		}
		r.Goldstein10 = int(g10.Int64)
		if r.First, err = days.parse(first); err != nil {
			return nil, err
		}
		if r.Last, err = days.parse(last); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// dayCache parses stored days, each distinct day once.
type dayCache map[string]time.Time

func (c dayCache) parse(b []byte) (time.Time, error) {
	if t, ok := c[string(b)]; ok {
		return t, nil
	}
	t, err := parseDay(string(b))
	if err == nil {
		c[string(b)] = t
	}
	return t, err
}

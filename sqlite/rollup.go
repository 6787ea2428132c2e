package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/dyadgraph/dyad/schema"
)

// Rollups: counts of events per directed dyad, kept at three grains —
// all time, per year, per month — in tables of one shape:
//
//	rollup_total  period ''
//	rollup_year   period 'YYYY'
//	rollup_month  period 'YYYY-MM'
//
// each row holding the number of events, their quad classes, their summed
// Goldstein value ×10 and their first and last day. Networks and rankings
// of busy actors read these instead of every event: a hub's second hop is
// a few thousand dyad rows, not most of the corpus.
//
// Writes do not touch the rollups. Events are folded in in bulk, by seq,
// after a pause in writing, on open and close, and within a write once
// DefaultFoldEvery of them have arrived since the last fold
// (rollup_state.folded_seq); until then they are the tail, read from the
// events table beside the rollups. Every aggregate the rollups answer is
// rollup rows plus tail events in one statement, so it is always exact,
// on read-only stores too. Events are never deleted or changed in the
// fields a rollup keeps (their dyad, day, code), so folding is append-only.

// DefaultFoldEvery is how many unfolded events make a write fold them into
// the rollups. Folding costs about a tenth of write time (a bulk GROUP BY
// and an upsert per dyad and period), so it is left to pauses in writing
// (DefaultFoldIdle) and done inside writes only when a long uninterrupted
// ingest has let the tail grow this large: the tail is what every rollup
// read scans beside the rollups, a few milliseconds per 10,000 events.
const DefaultFoldEvery = 200000

// DefaultFoldIdle is how long after the last write a store folds whatever
// tail is left, so that reads after an ingest settles find none; Close
// folds it too.
const DefaultFoldIdle = time.Second

// idleFolder folds the tail once writes pause.
type idleFolder struct {
	mu      sync.Mutex
	timer   *time.Timer
	closed  bool
	running sync.WaitGroup
	ctx     context.Context // cancelled by Close
	cancel  context.CancelFunc
}

// afterWrite (re)arms the idle fold.
func (s *Store) afterWrite() {
	f := &s.folder
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed || s.foldIdle <= 0 {
		return
	}
	if f.timer == nil {
		f.timer = time.AfterFunc(s.foldIdle, s.foldTail)
		return
	}
	f.timer.Reset(s.foldIdle)
}

// foldTail folds every unfolded event. It is best effort: when it fails
// (a busy or full disk), the tail is still read beside the rollups and
// the next write or close folds it.
func (s *Store) foldTail() {
	f := &s.folder
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		return
	}
	f.running.Add(1)
	f.mu.Unlock()
	defer f.running.Done()
	s.fold(f.ctx)
}

// Fold folds every event not yet in the rollups. Reads are exact without
// it; it only saves them reading the tail.
func (s *Store) Fold(ctx context.Context) error {
	if err := s.fold(ctx); err != nil {
		return fmt.Errorf("sqlite: fold rollups: %w", err)
	}
	return nil
}

func (s *Store) fold(ctx context.Context) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := foldIfDue(ctx, tx, 1); err != nil {
		return err
	}
	return tx.Commit()
}

// stopFolding stops the idle fold and waits for a running one.
func (s *Store) stopFolding() {
	f := &s.folder
	f.mu.Lock()
	f.closed = true
	if f.timer != nil {
		f.timer.Stop()
	}
	f.mu.Unlock()
	if f.cancel != nil {
		f.cancel()
	}
	f.running.Wait()
}

// rollupLevel is one grain of the rollups.
type rollupLevel struct {
	table  string
	period string // SQL giving the period of an event of the events table
}

var rollupLevels = []rollupLevel{
	{"rollup_total", "''"},
	{"rollup_year", "substr(day, 1, 4)"},
	{"rollup_month", "substr(day, 1, 7)"},
}

// rollupMigration creates the rollups and folds every stored event in.
func rollupMigration() string {
	var b strings.Builder
	b.WriteString(`CREATE TABLE rollup_state (
	id         INTEGER PRIMARY KEY CHECK (id = 1),
	folded_seq INTEGER NOT NULL -- events with seq up to this are in the rollups
);
INSERT INTO rollup_state (id, folded_seq) VALUES (1, 0);
`)
	for _, l := range rollupLevels {
		fmt.Fprintf(&b, `CREATE TABLE %[1]s (
	src       TEXT NOT NULL,
	tgt       TEXT NOT NULL,
	period    TEXT NOT NULL,
	n         INTEGER NOT NULL, -- events
	q1        INTEGER NOT NULL, -- events of quad class 1 ... 4
	q2        INTEGER NOT NULL,
	q3        INTEGER NOT NULL,
	q4        INTEGER NOT NULL,
	g10       INTEGER NOT NULL, -- summed Goldstein value ×10
	first_day TEXT NOT NULL,
	last_day  TEXT NOT NULL,
	PRIMARY KEY (src, tgt, period)
) WITHOUT ROWID;
-- Covering, so an actor's rows as a target are read like its rows as a
-- source: in one index range, without a lookup per row.
CREATE INDEX %[1]s_target ON %[1]s (tgt, src, period, n, q1, q2, q3, q4, g10, first_day, last_day);
`, l.table)
	}
	for _, l := range rollupLevels {
		b.WriteString(foldSQL(l, "seq > 0"))
		b.WriteString(";\n")
	}
	b.WriteString("UPDATE rollup_state SET folded_seq = (SELECT COALESCE(MAX(seq), 0) FROM events);\n")
	return b.String()
}

// adjacencyMigration creates the adjacency lists: per actor, its all-time
// totals with each counterpart as entries "OTHER n q1 q2 q3 q4 g10 first
// last;" (schema.AppendKeyedSum) in one value, dir 0 for the events it is the
// source of, 1 for those it is the target of. A network's hop reads one
// value per frontier actor and direction instead of a row per dyad, which
// modernc's SQLite and database/sql make cost a microsecond or more each.
func adjacencyMigration() string {
	return `CREATE TABLE rollup_adjacency (
	actor TEXT NOT NULL,
	dir   INTEGER NOT NULL, -- 0: actor is the source; 1: the target
	rows  TEXT NOT NULL,
	PRIMARY KEY (actor, dir)
) WITHOUT ROWID;
` + adjacencySQL(0, "1") + ";\n" + adjacencySQL(1, "1") + ";\n"
}

// adjacencySQL rebuilds from rollup_total the lists of one direction of
// the actors matching cond (SQL over the column actor).
func adjacencySQL(dir int, cond string) string {
	actor, other := "src", "tgt"
	if dir == 1 {
		actor, other = other, actor
	}
	line := other + " || ' ' || n || ' ' || q1 || ' ' || q2 || ' ' || q3 || ' ' || q4 || ' ' || g10 || ' ' || first_day || ' ' || last_day"
	return fmt.Sprintf(`INSERT INTO rollup_adjacency (actor, dir, rows)
SELECT actor, %[1]d, group_concat(line || ';', '')
FROM (SELECT %[2]s AS actor, %[3]s AS line FROM rollup_total) WHERE %[4]s GROUP BY actor
ON CONFLICT (actor, dir) DO UPDATE SET rows = excluded.rows`, dir, actor, line, cond)
}

// eventSums selects what a rollup row holds, summed over events (columns
// qualified with prefix, "" or "e."): count, quad classes, Goldstein ×10,
// first and last day.
func eventSums(prefix string) string {
	return strings.NewReplacer("$", prefix).Replace("COUNT(*), SUM($quad = 1), SUM($quad = 2), SUM($quad = 3), SUM($quad = 4), " +
		"SUM(CAST(round($goldstein * 10) AS INTEGER)), MIN($day), MAX($day)")
}

// foldSQL adds the events matching cond to a level's rows.
func foldSQL(l rollupLevel, cond string) string {
	return fmt.Sprintf(`INSERT INTO %s (src, tgt, period, n, q1, q2, q3, q4, g10, first_day, last_day)
SELECT src, tgt, %s, %s
FROM events WHERE %s GROUP BY 1, 2, 3
ON CONFLICT (src, tgt, period) DO UPDATE SET
	n = n + excluded.n, q1 = q1 + excluded.q1, q2 = q2 + excluded.q2,
	q3 = q3 + excluded.q3, q4 = q4 + excluded.q4, g10 = g10 + excluded.g10,
	first_day = min(first_day, excluded.first_day), last_day = max(last_day, excluded.last_day)`,
		l.table, l.period, eventSums(""), cond)
}

// foldIfDue folds the tail into the rollups, inside the writing
// transaction, once at least every events have arrived since the last fold.
func foldIfDue(ctx context.Context, tx *sql.Tx, every int) error {
	var folded, last int64
	err := tx.QueryRowContext(ctx, `SELECT folded_seq, (SELECT COALESCE(MAX(seq), 0) FROM events) FROM rollup_state`).Scan(&folded, &last)
	if err != nil {
		return fmt.Errorf("fold rollups: %w", err)
	}
	if last-folded < int64(max(every, 1)) {
		return nil
	}
	for _, l := range rollupLevels {
		if _, err := tx.ExecContext(ctx, foldSQL(l, "seq > ? AND seq <= ?"), folded, last); err != nil {
			return fmt.Errorf("fold rollups into %s: %w", l.table, err)
		}
	}
	for dir, col := range []string{"src", "tgt"} {
		q := adjacencySQL(dir, "actor IN (SELECT "+col+" FROM events WHERE seq > ? AND seq <= ?)")
		if _, err := tx.ExecContext(ctx, q, folded, last); err != nil {
			return fmt.Errorf("fold rollups into adjacency lists: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE rollup_state SET folded_seq = ?`, last); err != nil {
		return fmt.Errorf("fold rollups: %w", err)
	}
	return nil
}

// rollupAnswers says whether the rollups can answer an aggregate: grouped
// by dyad side only, filtered by actors and dates only.
func rollupAnswers(f schema.EventFilter, g schema.Grouping) bool {
	return !g.Code && g.Bucket == "" &&
		f.CodePrefix == "" && len(f.Roots) == 0 && len(f.Quads) == 0 &&
		strings.TrimSpace(f.Country) == "" && strings.TrimSpace(f.Place) == "" &&
		strings.TrimSpace(f.Outlet) == "" && f.MinMentions <= 1
}

// aggregateRollup answers an aggregate that rollupAnswers accepts in one
// statement: the rollup rows of the whole periods of the range, the tail
// events within them, and the events of the partial months at its ends.
// Each part is grouped on its own — the all-time rollup of a dyad grouping
// needs no grouping at all, being one row per dyad already — and the parts
// are merged here, which costs less than a GROUP BY over their union.
func (s *Store) aggregateRollup(ctx context.Context, f schema.EventFilter, g schema.Grouping) ([]schema.AggregateRow, error) {
	// An actor on either side is read as two ranges, the actor as source
	// and the actor as target of others, since SQLite answers an OR of two
	// indexed columns with a lookup per row.
	sides, err := eventWhere(schema.EventFilter{Sources: f.Sources, Targets: f.Targets})
	if err != nil {
		return nil, err
	}
	rollupSides := []*where{sides}
	if len(f.Actors) > 0 {
		sels, err := schema.ParseSelectors(f.Actors)
		if err != nil {
			return nil, fmt.Errorf("actors: %w", err)
		}
		asSource, srcArgs := selectorCond(sels, []string{"e.src"})
		asTarget, tgtArgs := selectorCond(sels, []string{"e.tgt"})
		rollupSides = []*where{
			sides.with(asSource, srcArgs...),
			sides.with(asTarget, tgtArgs...).with("NOT "+asSource, srcArgs...),
		}
	}
	actors, err := eventWhere(schema.EventFilter{Sources: f.Sources, Targets: f.Targets, Actors: f.Actors})
	if err != nil {
		return nil, err
	}
	var keys []string
	if g.Source {
		keys = append(keys, "e.src")
	}
	if g.Target {
		keys = append(keys, "e.tgt")
	}
	groupBy := ""
	if len(keys) > 0 {
		groupBy = " GROUP BY " + strings.Join(keys, ", ")
	}
	keyList := strings.Join(append(keys[:len(keys):len(keys)], ""), ", ")
	var parts []string
	var args []any
	const sums = "COALESCE(SUM(e.n), 0), SUM(e.q1), SUM(e.q2), SUM(e.q3), SUM(e.q4), SUM(e.g10), MIN(e.first_day), MAX(e.last_day)"
	rollup := func(table, cond string, condArgs ...any) {
		for _, side := range rollupSides {
			w := side.with(cond, condArgs...)
			if table == "rollup_total" && g.Source && g.Target {
				parts = append(parts, "SELECT "+keyList+"e.n, e.q1, e.q2, e.q3, e.q4, e.g10, e.first_day, e.last_day FROM "+table+" e"+w.String())
			} else {
				parts = append(parts, "SELECT * FROM (SELECT "+keyList+sums+" FROM "+table+" e"+w.String()+groupBy+")")
			}
			args = append(args, w.args...)
		}
	}
	// events reads events; the tail by seq alone (NOT INDEXED leaves
	// SQLite the rowid range), as the actor indexes would walk all of a
	// busy actor's events to find the few new ones.
	events := func(tailOnly bool, cond string, condArgs ...any) {
		w := actors.with(cond, condArgs...)
		from := " FROM events e"
		if tailOnly {
			from += " NOT INDEXED"
		}
		parts = append(parts, "SELECT * FROM (SELECT "+keyList+eventSums("e.")+from+w.String()+groupBy+")")
		args = append(args, w.args...)
	}
	const tail = "e.seq > (SELECT folded_seq FROM rollup_state)"
	p := schema.PlanRange(f.From, f.To)
	if p.Total {
		events(true, tail)
		return s.aggregateAdjacency(ctx, f, g, parts[0], args)
	}
	if p.Years != [2]string{} {
		rollup("rollup_year", "e.period >= ? AND e.period < ?", p.Years[0], p.Years[1])
	}
	for _, m := range p.Months {
		rollup("rollup_month", "e.period >= ? AND e.period < ?", m[0], m[1])
	}
	if p.RolledFrom != "" {
		events(true, tail+" AND e.day >= ? AND e.day < ?", p.RolledFrom, p.RolledTo)
	}
	for _, r := range p.Raw {
		events(false, "e.day >= ? AND e.day < ?", r[0], r[1])
	}
	if len(parts) == 0 {
		return nil, nil
	}
	// One statement, so every part reads the same snapshot.
	rows, err := s.queryAggregate(ctx, strings.Join(parts, " UNION ALL "), args, g)
	if err != nil {
		return nil, err
	}
	return schema.MergeRows(rows), nil
}

// aggregateAdjacency answers all-time totals from the adjacency lists
// (schema.AdjacencyLists) plus the tail, read by tailSQL, in one snapshot.
func (s *Store) aggregateAdjacency(ctx context.Context, f schema.EventFilter, g schema.Grouping, tailSQL string, tailArgs []any) ([]schema.AggregateRow, error) {
	m, err := schema.NewEventMatcher(s.onto, f)
	if err != nil {
		return nil, err
	}
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var out []schema.AggregateRow
	for _, l := range schema.AdjacencyLists(m) {
		dir := 1
		if l.Out {
			dir = 0
		}
		q := "SELECT actor, rows FROM rollup_adjacency WHERE dir = ?"
		args := []any{dir}
		if l.Actors != nil {
			cond, condArgs := selectorCond(l.Actors, []string{"actor"})
			q += " AND " + cond
			args = append(args, condArgs...)
		}
		if out, err = appendAdjacency(ctx, tx, out, l, m, g, q, args); err != nil {
			return nil, err
		}
	}
	tail, err := queryAggregate(ctx, tx, tailSQL, tailArgs, g)
	if err != nil {
		return nil, err
	}
	return schema.MergeRows(append(out, tail...)), nil
}

func appendAdjacency(ctx context.Context, tx *sql.Tx, out []schema.AggregateRow, l schema.AdjacencyList, m *schema.EventMatcher, g schema.Grouping, q string, args []any) ([]schema.AggregateRow, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var actor, list string
		if err := rows.Scan(&actor, &list); err != nil {
			return nil, err
		}
		if out, err = schema.AppendAdjacency(out, l, actor, list, m, g); err != nil {
			return nil, err
		}
	}
	return out, rows.Err()
}

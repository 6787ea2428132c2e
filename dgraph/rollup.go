package dgraph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dgraph-io/dgo/v230"
	"github.com/dgraph-io/dgo/v230/protos/api"

	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/schema/cameo"
)

// Rollups: counts of events per directed dyad, all time (level T) and per
// month (level M), one node per dyad and period:
//
//	roll.key    "T SRC TGT" or "M 2015-03 SRC TGT" (@upsert: folders creating the same row conflict)
//	roll.src    "T:SRC" / "M:SRC"   (exact: equality and prefix ranges, per level)
//	roll.tgt    "T:TGT" / "M:TGT"
//	roll.month  "2015-03"           (M only; exact: month ranges)
//	roll.sum    "n q1 q2 q3 q4 g10 first last" — the row's totals (M only)
//	roll.codes  "code n first last;..." — the same events per CAMEO code
//
// and, for the all-time totals, one adjacency node per actor and direction:
//
//	adj.key     "out SRC" / "in TGT" (exact, @upsert)
//	adj.rows    a line "OTHER n q1 q2 q3 q4 g10 first last" per counterpart
//
// Networks, rankings, relations and month or year timelines read these
// instead of grouping events: a hub's second hop is 2 adjacency values per
// frontier actor, not most of the corpus. Dgraph spends about 10µs per
// value it fetches, so all-time totals, which networks and rankings read
// for thousands of dyads, are packed per actor; rows that need codes
// (relations, code filters) read a dyad's roll.codes, month rows roll.sum.
//
// Writes never touch rollup rows, so ingest transactions never conflict
// over hub dyads. Each write transaction that creates events adds one
// delta node (delta.rows: a line "SRC TGT YYYY-MM-DD CODE" per new event),
// committed with the events. A folder merges pending deltas into the rows
// and deletes them, in one transaction; folders conflict only with each
// other. Reads add the pending deltas to the rows they read in the same
// snapshot, so answers are exact whether or not anything was folded.
// Date ranges are read as whole months from M rows plus the partial months
// at the ends from events (schema.PlanRange).

// Folding defaults.
const (
	// DefaultFoldEvery is how many events a process writes before it folds
	// the pending deltas in the background. Reads parse every pending delta,
	// about a millisecond per 10,000 events.
	DefaultFoldEvery = 20000
	// DefaultFoldIdle is how long after its last write a process folds
	// what is pending.
	DefaultFoldIdle = time.Second
)

// Bounds of one fold transaction and of one page of rollup rows.
const (
	foldDeltas    = 100  // delta nodes per fold transaction
	foldLookup    = 1000 // keys per lookup of existing rows
	rollupPage    = 50000
	backfillPage  = 20000 // events per delta when building rollups of an existing store
	closeFoldTime = 30 * time.Second
)

// rollupsMarker marks a store whose events all have rollups or deltas.
const rollupsMarker = "rollup.built"

// Levels of rollups.
const (
	levelTotal = 'T'
	levelMonth = 'M'
)

// deltaLine appends a new event's line to a delta.
func deltaLine(b *strings.Builder, e schema.Event) {
	b.WriteString(e.Source.Code)
	b.WriteByte(' ')
	b.WriteString(e.Target.Code)
	b.WriteByte(' ')
	b.WriteString(e.Date.Format(schema.DayLayout))
	b.WriteByte(' ')
	b.WriteString(e.Code)
	b.WriteByte('\n')
}

// deltaEvent is one line of a delta.
type deltaEvent struct{ src, tgt, day, code string }

func parseDelta(rows string, fn func(deltaEvent) error) error {
	for line := range strings.Lines(rows) {
		f := strings.Fields(line)
		if len(f) != 4 || len(f[2]) != len(schema.DayLayout) {
			return fmt.Errorf("malformed rollup delta line %q", line)
		}
		if err := fn(deltaEvent{f[0], f[1], f[2], f[3]}); err != nil {
			return err
		}
	}
	return nil
}

// codeStat counts the events of one code in a rollup row; days are
// YYYY-MM-DD.
type codeStat struct {
	n           int
	first, last string
}

func (c *codeStat) add(o codeStat) {
	if c.n == 0 || o.first < c.first {
		c.first = o.first
	}
	if o.last > c.last {
		c.last = o.last
	}
	c.n += o.n
}

// rollupRow is a row being folded.
type rollupRow struct {
	uid   string // "" for a new row
	level byte
	month string
	src   string
	tgt   string
	codes map[string]*codeStat
}

func rollupKey(level byte, month, src, tgt string) string {
	if level == levelTotal {
		return "T " + src + " " + tgt
	}
	return "M " + month + " " + src + " " + tgt
}

func parseRollupKey(k string) (level byte, month, src, tgt string, err error) {
	f := strings.Fields(k)
	switch {
	case len(f) == 3 && f[0] == "T":
		return levelTotal, "", f[1], f[2], nil
	case len(f) == 4 && f[0] == "M" && len(f[1]) == 7:
		return levelMonth, f[1], f[2], f[3], nil
	}
	return 0, "", "", "", fmt.Errorf("malformed rollup key %q", k)
}

func encodeCodes(codes map[string]*codeStat) string {
	keys := make([]string, 0, len(codes))
	for c := range codes {
		keys = append(keys, c)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, c := range keys {
		if i > 0 {
			b.WriteByte(';')
		}
		st := codes[c]
		fmt.Fprintf(&b, "%s %d %s %s", c, st.n, st.first, st.last)
	}
	return b.String()
}

func decodeCodes(s string, fn func(code string, st codeStat) error) error {
	for s != "" {
		var entry string
		entry, s, _ = strings.Cut(s, ";")
		f := strings.Fields(entry)
		if len(f) != 4 {
			return fmt.Errorf("malformed rollup codes entry %q", entry)
		}
		n, err := strconv.Atoi(f[1])
		if err != nil || n <= 0 {
			return fmt.Errorf("malformed rollup codes entry %q", entry)
		}
		if err := fn(f[0], codeStat{n: n, first: f[2], last: f[3]}); err != nil {
			return err
		}
	}
	return nil
}

// encodeSum totals a row's codes: "n q1 q2 q3 q4 g10 first last".
func encodeSum(o *cameo.Ontology, codes map[string]*codeStat) (string, error) {
	var r struct {
		n, g10      int
		quads       schema.QuadCounts
		first, last string
	}
	for c, st := range codes {
		et, ok := o.Event(c)
		if !ok {
			return "", fmt.Errorf("stored event code %q is not in the ontology", c)
		}
		r.n += st.n
		r.quads.Add(et.Quad, st.n)
		r.g10 += schema.Goldstein10(et.Goldstein) * st.n
		if r.first == "" || st.first < r.first {
			r.first = st.first
		}
		if st.last > r.last {
			r.last = st.last
		}
	}
	return fmt.Sprintf("%d %d %d %d %d %d %s %s", r.n, r.quads[0], r.quads[1], r.quads[2], r.quads[3], r.g10, r.first, r.last), nil
}

// decodeSum fills a row's counts from roll.sum.
func decodeSum(s string, r *schema.AggregateRow) error {
	f := strings.Fields(s)
	if len(f) != 8 {
		return fmt.Errorf("malformed rollup sum %q", s)
	}
	var n [6]int
	for i := range n {
		v, err := strconv.Atoi(f[i])
		if err != nil {
			return fmt.Errorf("malformed rollup sum %q", s)
		}
		n[i] = v
	}
	first, err1 := time.Parse(schema.DayLayout, f[6])
	last, err2 := time.Parse(schema.DayLayout, f[7])
	if err1 != nil || err2 != nil {
		return fmt.Errorf("malformed rollup sum %q", s)
	}
	r.Count, r.Quads, r.Goldstein10 = n[0], schema.QuadCounts{n[1], n[2], n[3], n[4]}, n[5]
	r.First, r.Last = first, last
	return nil
}

// folder folds pending deltas in the background: once a process has
// written FoldEvery events, and FoldIdle after its last write.
type folder struct {
	mu      sync.Mutex
	pending int // events written since the last fold began
	running bool
	closed  bool
	timer   *time.Timer
	wg      sync.WaitGroup
	// gate serialises folds and keeps them out of DropAll.
	gate sync.Mutex
}

// afterWrite counts new events and folds when due.
func (s *Store) afterWrite(newEvents int) {
	if newEvents == 0 {
		return
	}
	f := &s.folder
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return
	}
	f.pending += newEvents
	if f.pending >= s.cfg.FoldEvery {
		s.startFoldLocked()
	}
	if s.cfg.FoldIdle > 0 {
		if f.timer == nil {
			f.timer = time.AfterFunc(s.cfg.FoldIdle, s.startFold)
		} else {
			f.timer.Reset(s.cfg.FoldIdle)
		}
	}
}

func (s *Store) startFold() {
	s.folder.mu.Lock()
	defer s.folder.mu.Unlock()
	s.startFoldLocked()
}

// startFoldLocked starts a background fold unless one runs or the store
// is closed. Folding is best effort: pending deltas are read anyway, and
// a failed fold is retried by the next trigger.
func (s *Store) startFoldLocked() {
	f := &s.folder
	if f.running || f.closed || s.cfg.FoldIdle < 0 {
		return
	}
	f.running = true
	f.pending = 0
	f.wg.Add(1)
	go func() {
		defer f.wg.Done()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		s.Fold(ctx) //nolint:errcheck // best effort, see above
		f.mu.Lock()
		f.running = false
		f.mu.Unlock()
	}()
}

// stopFolding stops background folds and waits for a running one.
func (s *Store) stopFolding() (pending bool) {
	f := &s.folder
	f.mu.Lock()
	f.closed = true
	if f.timer != nil {
		f.timer.Stop()
	}
	pending = f.pending > 0
	f.mu.Unlock()
	f.wg.Wait()
	return pending
}

// Fold merges every pending delta into the rollup rows. It is safe to call
// at any time from any process; a fold aborted by a concurrent one leaves
// the rest to that one.
func (s *Store) Fold(ctx context.Context) error {
	s.folder.gate.Lock()
	defer s.folder.gate.Unlock()
	for {
		n, err := s.foldOnce(ctx)
		if errors.Is(err, dgo.ErrAborted) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("dgraph: fold rollups: %w", withCtx(ctx, err))
		}
		if n < foldDeltas {
			return nil
		}
	}
}

// foldOnce folds up to foldDeltas deltas in one transaction and returns
// how many it found.
func (s *Store) foldOnce(ctx context.Context) (int, error) {
	txn := s.dg.NewTxn()
	defer txn.Discard(ctx)
	resp, err := txn.Query(ctx, fmt.Sprintf("{ d(func: has(delta.rows), first: %d) { uid delta.rows } }", foldDeltas))
	if err != nil {
		return 0, err
	}
	var out struct {
		D []struct {
			UID  string `json:"uid"`
			Rows string `json:"delta.rows"`
		} `json:"d"`
	}
	if err := json.Unmarshal(resp.Json, &out); err != nil {
		return 0, fmt.Errorf("decode deltas: %w", err)
	}
	if len(out.D) == 0 {
		return 0, nil
	}
	rows := map[string]*rollupRow{}
	var keys []string
	add := func(level byte, month, src, tgt, code string, st codeStat) {
		k := rollupKey(level, month, src, tgt)
		r, ok := rows[k]
		if !ok {
			r = &rollupRow{level: level, month: month, src: src, tgt: tgt, codes: map[string]*codeStat{}}
			rows[k] = r
			keys = append(keys, k)
		}
		c, ok := r.codes[code]
		if !ok {
			c = &codeStat{}
			r.codes[code] = c
		}
		c.add(st)
	}
	var del strings.Builder
	for _, d := range out.D {
		err := parseDelta(d.Rows, func(e deltaEvent) error {
			st := codeStat{n: 1, first: e.day, last: e.day}
			add(levelTotal, "", e.src, e.tgt, e.code, st)
			add(levelMonth, e.day[:7], e.src, e.tgt, e.code, st)
			return nil
		})
		if err != nil {
			return 0, fmt.Errorf("delta %s: %w", d.UID, err)
		}
		fmt.Fprintf(&del, "<%s> <delta.rows> * .\n", d.UID)
	}
	// Add the rows' stored counts.
	for start := 0; start < len(keys); start += foldLookup {
		chunk := keys[start:min(start+foldLookup, len(keys))]
		q := newQuery()
		blocks := fmt.Sprintf("r(func: eq(roll.key, %s)) { uid roll.key roll.codes }\n", q.list(chunk))
		resp, err := txn.QueryWithVars(ctx, q.text(blocks), q.vars)
		if err != nil {
			return 0, fmt.Errorf("look up rollup rows: %w", err)
		}
		var found struct {
			R []struct {
				UID   string `json:"uid"`
				Key   string `json:"roll.key"`
				Codes string `json:"roll.codes"`
			} `json:"r"`
		}
		if err := json.Unmarshal(resp.Json, &found); err != nil {
			return 0, fmt.Errorf("look up rollup rows: decode: %w", err)
		}
		for _, f := range found.R {
			r, ok := rows[f.Key]
			if !ok || r.uid != "" {
				continue
			}
			r.uid = f.UID
			err := decodeCodes(f.Codes, func(code string, st codeStat) error {
				c, ok := r.codes[code]
				if !ok {
					c = &codeStat{}
					r.codes[code] = c
				}
				c.add(st)
				return nil
			})
			if err != nil {
				return 0, fmt.Errorf("rollup row %s: %w", f.Key, err)
			}
		}
	}
	var w nquads
	adjacent := map[string]map[string]string{} // adjacency key → counterpart → sum
	for i, k := range keys {
		r := rows[k]
		ref := "<" + r.uid + ">"
		if r.uid == "" {
			ref = "_:r" + strconv.Itoa(i)
			lv := string(r.level) + ":"
			w.str(ref, "roll.key", k)
			w.str(ref, "roll.src", lv+r.src)
			w.str(ref, "roll.tgt", lv+r.tgt)
			if r.level == levelMonth {
				w.str(ref, "roll.month", r.month)
			}
		}
		sum, err := encodeSum(s.onto, r.codes)
		if err != nil {
			return 0, fmt.Errorf("rollup row %s: %w", k, err)
		}
		if r.level == levelMonth {
			w.str(ref, "roll.sum", sum)
		} else {
			for _, a := range [...][3]string{{"out ", r.src, r.tgt}, {"in ", r.tgt, r.src}} {
				key := a[0] + a[1]
				if adjacent[key] == nil {
					adjacent[key] = map[string]string{}
				}
				adjacent[key][a[2]] = sum
			}
		}
		w.str(ref, "roll.codes", encodeCodes(r.codes))
	}
	if err := s.foldAdjacency(ctx, txn, adjacent, &w); err != nil {
		return 0, err
	}
	_, err = txn.Mutate(ctx, &api.Mutation{SetNquads: []byte(w.String()), DelNquads: []byte(del.String()), CommitNow: true})
	if err != nil {
		return 0, err
	}
	return len(out.D), nil
}

// foldAdjacency writes the changed all-time sums into the actors'
// adjacency lists: updated lists hold the other counterparts unchanged.
func (s *Store) foldAdjacency(ctx context.Context, txn *dgo.Txn, changed map[string]map[string]string, w *nquads) error {
	keys := make([]string, 0, len(changed))
	for k := range changed {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	uids := map[string]string{}
	for start := 0; start < len(keys); start += foldLookup {
		chunk := keys[start:min(start+foldLookup, len(keys))]
		q := newQuery()
		blocks := fmt.Sprintf("a(func: eq(adj.key, %s)) { uid adj.key adj.rows }\n", q.list(chunk))
		var found struct {
			A []struct {
				UID  string `json:"uid"`
				Key  string `json:"adj.key"`
				Rows string `json:"adj.rows"`
			} `json:"a"`
		}
		if err := runIn(ctx, txn, q, blocks, &found); err != nil {
			return fmt.Errorf("look up adjacency: %w", err)
		}
		for _, a := range found.A {
			rows, ok := changed[a.Key]
			if !ok || uids[a.Key] != "" {
				continue
			}
			uids[a.Key] = a.UID
			for line := range strings.Lines(a.Rows) {
				other, sum, ok := strings.Cut(strings.TrimSuffix(line, "\n"), " ")
				if !ok {
					return fmt.Errorf("adjacency %s: malformed line %q", a.Key, line)
				}
				if _, updated := rows[other]; !updated {
					rows[other] = sum
				}
			}
		}
	}
	for i, k := range keys {
		ref := "<" + uids[k] + ">"
		if uids[k] == "" {
			ref = "_:adj" + strconv.Itoa(i)
			w.str(ref, "adj.key", k)
		}
		w.str(ref, "adj.rows", encodeAdjacency(changed[k]))
	}
	return nil
}

func encodeAdjacency(rows map[string]string) string {
	others := make([]string, 0, len(rows))
	for o := range rows {
		others = append(others, o)
	}
	sort.Strings(others)
	var b strings.Builder
	for _, o := range others {
		b.WriteString(o)
		b.WriteByte(' ')
		b.WriteString(rows[o])
		b.WriteByte('\n')
	}
	return b.String()
}

// prepareRollups makes sure every stored event is in the rollups or a
// pending delta. A store written before rollups existed gets deltas of
// all its events, read in one snapshot; no other process may write to it
// during that first Open.
func (s *Store) prepareRollups(ctx context.Context) error {
	var state struct {
		M []struct{ UID string } `json:"m"`
		E []struct{ UID string } `json:"e"`
	}
	q := newQuery()
	blocks := "m(func: has(" + rollupsMarker + "), first: 1) { uid }\ne(func: has(event.xid), first: 1) { uid }\n"
	if err := s.run(ctx, q, blocks, &state); err != nil {
		return fmt.Errorf("rollups: %w", err)
	}
	if len(state.M) > 0 {
		return nil
	}
	if len(state.E) > 0 {
		if err := s.backfillDeltas(ctx); err != nil {
			return fmt.Errorf("rollups: %w", err)
		}
	}
	return s.markRollups(ctx)
}

func (s *Store) markRollups(ctx context.Context) error {
	_, err := s.dg.NewTxn().Mutate(ctx, &api.Mutation{
		SetNquads: []byte(`_:m <` + rollupsMarker + `> "1" .` + "\n"), CommitNow: true})
	if err != nil {
		return fmt.Errorf("rollups: mark built: %w", err)
	}
	return nil
}

// backfillDeltas writes a delta per page of stored events.
func (s *Store) backfillDeltas(ctx context.Context) error {
	read := s.dg.NewReadOnlyTxn()
	defer read.Discard(ctx)
	after := "0x0"
	for {
		q := newQuery()
		blocks := fmt.Sprintf("e(func: has(event.xid), first: %d, after: %s) { uid event.src event.tgt event.date event.code }\n", backfillPage, after)
		var page struct {
			E []struct {
				UID  string    `json:"uid"`
				Src  string    `json:"event.src"`
				Tgt  string    `json:"event.tgt"`
				Date time.Time `json:"event.date"`
				Code string    `json:"event.code"`
			} `json:"e"`
		}
		if err := runIn(ctx, read, q, blocks, &page); err != nil {
			return fmt.Errorf("read events: %w", err)
		}
		if len(page.E) == 0 {
			return nil
		}
		var b strings.Builder
		for _, e := range page.E {
			deltaLine(&b, schema.Event{Source: schema.Actor{Code: e.Src}, Target: schema.Actor{Code: e.Tgt}, Date: schema.Day(e.Date), Code: e.Code})
		}
		var w nquads
		w.str("_:d", "delta.rows", b.String())
		if _, err := s.dg.NewTxn().Mutate(ctx, &api.Mutation{SetNquads: []byte(w.String()), CommitNow: true}); err != nil {
			return fmt.Errorf("write delta: %w", err)
		}
		after = page.E[len(page.E)-1].UID
	}
}

// rollupAnswers says whether the rollups can answer an aggregate: grouped
// by sides, code and months or years, filtered by actors, codes and dates.
func rollupAnswers(f schema.EventFilter, g schema.Grouping) bool {
	return (g.Bucket == "" || g.Bucket == schema.BucketMonth || g.Bucket == schema.BucketYear) &&
		strings.TrimSpace(f.Country) == "" && strings.TrimSpace(f.Place) == "" &&
		strings.TrimSpace(f.Outlet) == "" && f.MinMentions <= 1
}

// eventMatch tells whether an event of the given actors and code matches
// a filter's actor and code conditions.
type eventMatch struct {
	o                *cameo.Ontology
	srcs, tgts, acts []schema.Selector
	prefix           string
	roots            map[string]bool
	quads            map[int]bool
}

func newEventMatch(o *cameo.Ontology, f schema.EventFilter) (*eventMatch, error) {
	m := &eventMatch{o: o, prefix: f.CodePrefix}
	var err error
	if m.srcs, err = schema.ParseSelectors(f.Sources); err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	if m.tgts, err = schema.ParseSelectors(f.Targets); err != nil {
		return nil, fmt.Errorf("targets: %w", err)
	}
	if m.acts, err = schema.ParseSelectors(f.Actors); err != nil {
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

func anyMatches(sels []schema.Selector, code string) bool {
	for _, s := range sels {
		if s.Matches(code) {
			return true
		}
	}
	return false
}

func (m *eventMatch) actors(src, tgt string) bool {
	return (len(m.srcs) == 0 || anyMatches(m.srcs, src)) &&
		(len(m.tgts) == 0 || anyMatches(m.tgts, tgt)) &&
		(len(m.acts) == 0 || anyMatches(m.acts, src) || anyMatches(m.acts, tgt))
}

func (m *eventMatch) filtersCodes() bool { return m.prefix != "" || m.roots != nil || m.quads != nil }

func (m *eventMatch) code(code string) bool {
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

// aggregateRollup answers an aggregate that rollupAnswers accepts: rollup
// rows of whole months (or of all time) plus pending deltas, and events
// of the partial months at the ends of a range, all in one snapshot.
func (s *Store) aggregateRollup(ctx context.Context, f schema.EventFilter, g schema.Grouping) ([]schema.AggregateRow, error) {
	m, err := newEventMatch(s.onto, f)
	if err != nil {
		return nil, err
	}
	plan := schema.PlanRange(f.From, f.To)
	txn := s.dg.NewReadOnlyTxn()
	defer txn.Discard(ctx)
	var rows []schema.AggregateRow
	switch {
	case plan.Total && g.Bucket == "" && !g.Code && !m.filtersCodes():
		rows, err = s.readAdjacency(ctx, txn, m, g)
	case plan.Total && g.Bucket == "":
		rows, err = s.readRollups(ctx, txn, m, levelTotal, plan, g)
	case plan.Total || plan.RolledFrom != "":
		rows, err = s.readRollups(ctx, txn, m, levelMonth, plan, g)
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

// readAdjacency reads all-time totals from the actors' adjacency lists:
// the out-lists of the sources, else the in-lists of the targets, else
// both lists of the actors (in-lists without rows whose source is one of
// them, which its out-list holds), else every out-list; plus the pending
// deltas.
func (s *Store) readAdjacency(ctx context.Context, txn *dgo.Txn, m *eventMatch, g schema.Grouping) ([]schema.AggregateRow, error) {
	q := newQuery()
	var blocks strings.Builder
	type list struct {
		out  bool
		skip []schema.Selector // in-lists: sources to leave out
	}
	var lists []list
	add := func(dir string, sels []schema.Selector, l list) {
		for _, fn := range selectorFuncs(q, "adj.key", dir+" ", sels) {
			fmt.Fprintf(&blocks, "l%d(func: %s) { adj.key adj.rows }\n", len(lists), fn)
			lists = append(lists, l)
		}
	}
	switch {
	case len(m.srcs) > 0:
		add("out", m.srcs, list{out: true})
	case len(m.tgts) > 0:
		add("in", m.tgts, list{})
	case len(m.acts) > 0:
		add("out", m.acts, list{out: true})
		add("in", m.acts, list{skip: m.acts})
	default:
		fmt.Fprintf(&blocks, "l0(func: between(adj.key, %s, %s)) { adj.key adj.rows }\n", q.str("out "), q.str("out ~"))
		lists = append(lists, list{out: true})
	}
	blocks.WriteString("d(func: has(delta.rows)) { delta.rows }\n")
	var out map[string]json.RawMessage
	if err := runIn(ctx, txn, q, blocks.String(), &out); err != nil {
		return nil, fmt.Errorf("dgraph: aggregate: %w", err)
	}
	var sums []schema.AggregateRow
	for i, l := range lists {
		var nodes []struct {
			Key  string `json:"adj.key"`
			Rows string `json:"adj.rows"`
		}
		if raw, ok := out["l"+strconv.Itoa(i)]; ok {
			if err := json.Unmarshal(raw, &nodes); err != nil {
				return nil, fmt.Errorf("dgraph: aggregate: decode adjacency: %w", err)
			}
		}
		for _, n := range nodes {
			_, actor, _ := strings.Cut(n.Key, " ")
			for line := range strings.Lines(n.Rows) {
				other, sum, ok := strings.Cut(strings.TrimSuffix(line, "\n"), " ")
				if !ok {
					return nil, fmt.Errorf("dgraph: aggregate: adjacency %s: malformed line %q", n.Key, line)
				}
				src, tgt := actor, other
				if !l.out {
					src, tgt = other, actor
				}
				if !m.actors(src, tgt) || anyMatches(l.skip, src) {
					continue
				}
				var r schema.AggregateRow
				if err := decodeSum(sum, &r); err != nil {
					return nil, fmt.Errorf("dgraph: aggregate: adjacency %s: %w", n.Key, err)
				}
				if g.Source {
					r.Source = src
				}
				if g.Target {
					r.Target = tgt
				}
				sums = append(sums, r)
			}
		}
	}
	var deltas []struct {
		Rows string `json:"delta.rows"`
	}
	if raw, ok := out["d"]; ok {
		if err := json.Unmarshal(raw, &deltas); err != nil {
			return nil, fmt.Errorf("dgraph: aggregate: decode deltas: %w", err)
		}
	}
	var byCode []schema.AggregateRow
	for _, d := range deltas {
		if err := deltaRows(d.Rows, m, schema.RangePlan{Total: true}, g, &byCode); err != nil {
			return nil, fmt.Errorf("dgraph: aggregate: %w", err)
		}
	}
	folded, err := schema.FoldCodes(s.onto, byCode, false)
	if err != nil {
		return nil, fmt.Errorf("dgraph: aggregate: %w", err)
	}
	return append(sums, folded...), nil
}

// deltaRows appends a row per event of a delta that matches m within the
// plan's whole months (all, when plan.Total).
func deltaRows(rows string, m *eventMatch, plan schema.RangePlan, g schema.Grouping, out *[]schema.AggregateRow) error {
	return parseDelta(rows, func(e deltaEvent) error {
		if !m.actors(e.src, e.tgt) || !m.code(e.code) ||
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
		*out = append(*out, r)
		return nil
	})
}

// readRollups reads the rollup rows of a level matching m (whole months
// [plan.RolledFrom, plan.RolledTo) unless plan.Total) and the pending
// deltas, as rows of the grouping.
func (s *Store) readRollups(ctx context.Context, txn *dgo.Txn, m *eventMatch, level byte, plan schema.RangePlan, g schema.Grouping) ([]schema.AggregateRow, error) {
	q := newQuery()
	var blocks strings.Builder
	lv := string(level) + ":"
	var conds []string
	nvars := 0
	actorVar := func(preds []string, sels []schema.Selector) {
		var vars []string
		for _, pred := range preds {
			for _, fn := range selectorFuncs(q, pred, lv, sels) {
				v := "A" + strconv.Itoa(nvars)
				nvars++
				fmt.Fprintf(&blocks, "%s as var(func: %s)\n", v, fn)
				vars = append(vars, v)
			}
		}
		conds = append(conds, "uid("+strings.Join(vars, ", ")+")")
	}
	if len(m.srcs) > 0 {
		actorVar([]string{"roll.src"}, m.srcs)
	}
	if len(m.tgts) > 0 {
		actorVar([]string{"roll.tgt"}, m.tgts)
	}
	if len(m.acts) > 0 {
		actorVar([]string{"roll.src", "roll.tgt"}, m.acts)
	}
	if !plan.Total {
		// between is inclusive: up to the month before RolledTo.
		hi, _ := time.Parse(schema.DayLayout, plan.RolledTo)
		last := hi.AddDate(0, -1, 0).Format("2006-01")
		conds = append(conds, fmt.Sprintf("between(roll.month, %s, %s)", q.str(plan.RolledFrom[:7]), q.str(last)))
	}
	if len(conds) == 0 {
		conds = append(conds, fmt.Sprintf("between(roll.src, %s, %s)", q.str(lv), q.str(lv+"~")))
	}
	filter := ""
	if len(conds) > 1 {
		filter = " @filter(" + strings.Join(conds[1:], " AND ") + ")"
	}
	fmt.Fprintf(&blocks, "R as var(func: %s)%s\n", conds[0], filter)
	useCodes := g.Code || m.filtersCodes()
	field := "roll.sum"
	if useCodes {
		field = "roll.codes"
	}
	after := "0x0" // a uid Dgraph returned: spliced, as after takes no variable
	deltas := "d(func: has(delta.rows)) { delta.rows }\n"

	var byCode, sums []schema.AggregateRow
	bucketOf := func(month string) (time.Time, error) {
		if g.Bucket == "" {
			return time.Time{}, nil
		}
		t, err := time.Parse("2006-01", month)
		if err != nil {
			return time.Time{}, fmt.Errorf("rollup month %q: %w", month, err)
		}
		return g.Bucket.Start(t), nil
	}
	parseDay := func(d string) (time.Time, error) {
		t, err := time.Parse(schema.DayLayout, d)
		if err != nil {
			return time.Time{}, fmt.Errorf("rollup day %q: %w", d, err)
		}
		return t, nil
	}
	for page := 0; ; page++ {
		var out struct {
			R []struct {
				UID   string `json:"uid"`
				Key   string `json:"roll.key"`
				Sum   string `json:"roll.sum"`
				Codes string `json:"roll.codes"`
			} `json:"r"`
			D []struct {
				Rows string `json:"delta.rows"`
			} `json:"d"`
		}
		text := blocks.String() + fmt.Sprintf("r(func: uid(R), first: %d, after: %s) { uid roll.key %s }\n", rollupPage, after, field)
		if page == 0 {
			text += deltas
		}
		if err := runIn(ctx, txn, q, text, &out); err != nil {
			return nil, fmt.Errorf("dgraph: aggregate: %w", err)
		}
		for _, n := range out.R {
			_, month, src, tgt, err := parseRollupKey(n.Key)
			if err != nil {
				return nil, fmt.Errorf("dgraph: aggregate: %w", err)
			}
			base := schema.AggregateRow{}
			if g.Source {
				base.Source = src
			}
			if g.Target {
				base.Target = tgt
			}
			if base.Bucket, err = bucketOf(month); err != nil {
				return nil, fmt.Errorf("dgraph: aggregate: %w", err)
			}
			if !useCodes {
				r := base
				if err := decodeSum(n.Sum, &r); err != nil {
					return nil, fmt.Errorf("dgraph: aggregate: %w", err)
				}
				sums = append(sums, r)
				continue
			}
			err = decodeCodes(n.Codes, func(code string, st codeStat) error {
				if !m.code(code) {
					return nil
				}
				r := base
				r.Code, r.Count = code, st.n
				var err error
				if r.First, err = parseDay(st.first); err != nil {
					return err
				}
				r.Last, err = parseDay(st.last)
				byCode = append(byCode, r)
				return err
			})
			if err != nil {
				return nil, fmt.Errorf("dgraph: aggregate: %w", err)
			}
		}
		for _, d := range out.D {
			if err := deltaRows(d.Rows, m, plan, g, &byCode); err != nil {
				return nil, fmt.Errorf("dgraph: aggregate: %w", err)
			}
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

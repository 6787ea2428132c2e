package dgraph

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dgraph-io/dgo/v230"
	"github.com/dgraph-io/dgo/v230/protos/api"

	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/schema/cameo"
)

// Rollups: event counts per directed dyad, kept on one node per dyad,
//
//	dyad.key     "SRC TGT" (@upsert: folders creating the same dyad conflict)
//	dyad.src     "SRC", dyad.tgt "TGT" (exact: equality and prefix ranges)
//	dyad.codes   "code n first last;..." — all time, per CAMEO code
//	dyad.months  an entry "YYYY-MM n q1 q2 q3 q4 g10 first last;" per month
//
// and, for all-time totals, one adjacency node per actor and direction:
//
//	adj.key      "out SRC" / "in TGT" (exact, @upsert)
//	adj.rows     an entry "OTHER n q1 q2 q3 q4 g10 first last;" per counterpart
//
// Dgraph spends about 10µs on each value it fetches, so rollups are packed
// into few values: a network's hop reads two adjacency values per frontier
// actor, not a node per dyad or most of the corpus; relations read two
// dyads' codes, a dyad's timeline two month lists. Aggregates that need
// both codes and periods (a code filter on a timeline) group events.
//
// Writes never touch rollups, so ingest transactions never conflict over
// hub dyads. Each write transaction that creates events adds one delta
// node (delta.rows: a line "SRC TGT YYYY-MM-DD CODE" per new event;
// delta.open: true, indexed, so that pending deltas are one posting list
// where has(delta.rows) would walk every delta ever deleted),
// committed with the events. A folder merges pending deltas into dyads and
// adjacency lists and deletes them, in one transaction; folders conflict
// only with each other. Reads add the pending deltas to what they read in
// the same snapshot, so answers are exact whether or not anything was
// folded. Date ranges are read as whole months from month lists plus the
// partial months at the ends from events (schema.PlanRange).

// Folding defaults.
const (
	// DefaultFoldEvery is how many events a process writes before it folds
	// the pending deltas in the background. A fold costs the alpha about
	// as much as writing a fifth of the events it folds, mostly rewriting
	// the adjacency lists of the busy actors, which every fold touches
	// however few events it folds: folding every 20,000 events halved
	// batched write throughput (2,900 against 4,400–4,800 events/s at
	// 100,000 events, dyad bench store), every 50,000 cost nothing
	// measurable. Reads parse every pending delta, a few milliseconds per
	// 10,000 events.
	DefaultFoldEvery = 50000
	// DefaultFoldIdle is how long after its last write a process folds
	// what is pending.
	DefaultFoldIdle = time.Second
)

// Bounds of one fold transaction and of one page of rollup reads.
const (
	foldDeltas    = 20   // delta nodes per fold transaction
	foldLookup    = 1000 // keys per lookup of stored dyads and lists
	rollupPage    = 20000
	backfillPage  = 5000 // events per delta when building rollups of an existing store
	closeFoldTime = 30 * time.Second
)

// rollupsMarker marks a store whose events all have rollups or deltas.
const rollupsMarker = "rollup.built"

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

// writeDelta adds a delta node holding rows (deltaLine).
func writeDelta(w *nquads, rows string) {
	w.str("_:delta", "delta.rows", rows)
	w.str("_:delta", "delta.open", "true")
}

// deltaEvent is one line of a delta.
type deltaEvent struct{ src, tgt, day, code string }

func parseDelta(rows string, fn func(deltaEvent) error) error {
	for line := range strings.Lines(rows) {
		var e deltaEvent
		var rest string
		var ok1, ok2, ok3 bool
		e.src, rest, ok1 = strings.Cut(strings.TrimSuffix(line, "\n"), " ")
		e.tgt, rest, ok2 = strings.Cut(rest, " ")
		e.day, e.code, ok3 = strings.Cut(rest, " ")
		if !ok1 || !ok2 || !ok3 || len(e.day) != len(schema.DayLayout) || strings.Contains(e.code, " ") {
			return fmt.Errorf("malformed rollup delta line %q", line)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

// codeStat counts the events of one code; days are YYYY-MM-DD.
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

// codeStats counts events per code.
type codeStats map[string]*codeStat

func (cs codeStats) add(code string, st codeStat) {
	c, ok := cs[code]
	if !ok {
		c = &codeStat{}
		cs[code] = c
	}
	c.add(st)
}

func encodeCodes(codes codeStats) string {
	var b strings.Builder
	for i, c := range slices.Sorted(maps.Keys(codes)) {
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

// sumOf totals events counted per code: quad classes and Goldstein values
// come from the ontology.
func sumOf(o *cameo.Ontology, codes codeStats) (schema.AggregateRow, error) {
	var r schema.AggregateRow
	var first, last string
	for c, st := range codes {
		et, ok := o.Event(c)
		if !ok {
			return r, fmt.Errorf("stored event code %q is not in the ontology", c)
		}
		r.Count += st.n
		r.Quads.Add(et.Quad, st.n)
		r.Goldstein10 += schema.Goldstein10(et.Goldstein) * st.n
		if first == "" || st.first < first {
			first = st.first
		}
		if st.last > last {
			last = st.last
		}
	}
	var err1, err2 error
	r.First, err1 = time.Parse(schema.DayLayout, first)
	r.Last, err2 = time.Parse(schema.DayLayout, last)
	if err := errors.Join(err1, err2); err != nil {
		return r, fmt.Errorf("rollup days: %w", err)
	}
	return r, nil
}

// encodeKeyed packs keyed sums (schema.AppendKeyedSum) sorted by key: a
// dyad's months, an actor's counterparts.
func encodeKeyed(rows map[string]schema.AggregateRow) string {
	b := make([]byte, 0, len(rows)*48)
	for _, k := range slices.Sorted(maps.Keys(rows)) {
		b = schema.AppendKeyedSum(b, k, rows[k])
	}
	return string(b)
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
		// Events written while this fold ran may have missed it, their
		// idle timer having fired meanwhile: give them another.
		if f.pending > 0 && !f.closed && f.timer != nil {
			f.timer.Reset(s.cfg.FoldIdle)
		}
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

// Fold merges every pending delta into the rollups. It is safe to call at
// any time from any process; a fold aborted by a concurrent one leaves the
// rest to that one.
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

// dyadFold is a dyad being folded.
type dyadFold struct {
	uid      string // "" for a new dyad
	src, tgt string
	codes    codeStats
	months   map[string]codeStats // the new events per month
	stored   string               // the stored month list
}

// foldOnce folds up to foldDeltas deltas in one transaction and returns
// how many it found.
func (s *Store) foldOnce(ctx context.Context) (int, error) {
	txn := s.dg.NewTxn()
	defer txn.Discard(ctx)
	var pending struct {
		D []struct {
			UID  string `json:"uid"`
			Rows string `json:"delta.rows"`
		} `json:"d"`
	}
	err := runIn(ctx, txn, newQuery(), fmt.Sprintf("d(func: eq(delta.open, true), first: %d) { uid delta.rows }\n", foldDeltas), &pending)
	if err != nil {
		return 0, fmt.Errorf("read deltas: %w", err)
	}
	if len(pending.D) == 0 {
		return 0, nil
	}
	dyads := map[string]*dyadFold{}
	var keys []string
	var del strings.Builder
	for _, d := range pending.D {
		err := parseDelta(d.Rows, func(e deltaEvent) error {
			k := e.src + " " + e.tgt
			df, ok := dyads[k]
			if !ok {
				df = &dyadFold{src: e.src, tgt: e.tgt, codes: codeStats{}, months: map[string]codeStats{}}
				dyads[k] = df
				keys = append(keys, k)
			}
			st := codeStat{n: 1, first: e.day, last: e.day}
			df.codes.add(e.code, st)
			month := e.day[:7]
			if df.months[month] == nil {
				df.months[month] = codeStats{}
			}
			df.months[month].add(e.code, st)
			return nil
		})
		if err != nil {
			return 0, fmt.Errorf("delta %s: %w", d.UID, err)
		}
		fmt.Fprintf(&del, "<%[1]s> <delta.rows> * .\n<%[1]s> <delta.open> * .\n", d.UID)
	}
	// Add what the dyads hold already.
	type storedDyad struct {
		UID    string `json:"uid"`
		Key    string `json:"dyad.key"`
		Codes  string `json:"dyad.codes"`
		Months string `json:"dyad.months"`
	}
	err = lookupKeys(ctx, txn, "dyad.key", "dyad.codes dyad.months", keys, func(f storedDyad) error {
		df, ok := dyads[f.Key]
		if !ok || df.uid != "" {
			return nil
		}
		df.uid, df.stored = f.UID, f.Months
		err := decodeCodes(f.Codes, func(code string, st codeStat) error {
			df.codes.add(code, st)
			return nil
		})
		if err != nil {
			return fmt.Errorf("dyad %s: %w", f.Key, err)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("look up dyads: %w", err)
	}
	var w nquads
	adjacent := map[string]map[string]schema.AggregateRow{} // list key → counterpart → all-time sum
	for i, k := range keys {
		df := dyads[k]
		ref := "<" + df.uid + ">"
		if df.uid == "" {
			ref = "_:y" + strconv.Itoa(i)
			w.str(ref, "dyad.key", k)
			w.str(ref, "dyad.src", df.src)
			w.str(ref, "dyad.tgt", df.tgt)
		}
		months := map[string]schema.AggregateRow{}
		err := schema.ParseKeyedSums(df.stored, func(month string, r schema.AggregateRow) error {
			months[month] = r
			return nil
		})
		if err != nil {
			return 0, fmt.Errorf("dyad %s: %w", k, err)
		}
		for month, codes := range df.months {
			sum, err := sumOf(s.onto, codes)
			if err != nil {
				return 0, fmt.Errorf("dyad %s: %w", k, err)
			}
			r := months[month]
			r.Add(sum)
			months[month] = r
		}
		total, err := sumOf(s.onto, df.codes)
		if err != nil {
			return 0, fmt.Errorf("dyad %s: %w", k, err)
		}
		w.str(ref, "dyad.codes", encodeCodes(df.codes))
		w.str(ref, "dyad.months", encodeKeyed(months))
		for _, l := range [...][3]string{{"out ", df.src, df.tgt}, {"in ", df.tgt, df.src}} {
			if adjacent[l[0]+l[1]] == nil {
				adjacent[l[0]+l[1]] = map[string]schema.AggregateRow{}
			}
			adjacent[l[0]+l[1]][l[2]] = total
		}
	}
	if err := s.foldAdjacency(ctx, txn, adjacent, &w); err != nil {
		return 0, err
	}
	_, err = txn.Mutate(ctx, &api.Mutation{SetNquads: []byte(w.String()), DelNquads: []byte(del.String()), CommitNow: true})
	if err != nil {
		return 0, err
	}
	return len(pending.D), nil
}

// lookupKeys reads, foldLookup keys a query, the nodes whose key predicate
// holds one of keys, with their uid, key and fields, into each.
func lookupKeys[T any](ctx context.Context, txn *dgo.Txn, pred, fields string, keys []string, each func(T) error) error {
	for start := 0; start < len(keys); start += foldLookup {
		chunk := keys[start:min(start+foldLookup, len(keys))]
		q := newQuery()
		var found struct {
			R []T `json:"r"`
		}
		blocks := fmt.Sprintf("r(func: eq(%[1]s, %[2]s)) { uid %[1]s %[3]s }\n", pred, q.list(chunk), fields)
		if err := runIn(ctx, txn, q, blocks, &found); err != nil {
			return err
		}
		for _, n := range found.R {
			if err := each(n); err != nil {
				return err
			}
		}
	}
	return nil
}

// foldAdjacency writes changed all-time sums into the actors' adjacency
// lists; the other counterparts of a list stay as they are.
func (s *Store) foldAdjacency(ctx context.Context, txn *dgo.Txn, changed map[string]map[string]schema.AggregateRow, w *nquads) error {
	keys := slices.Sorted(maps.Keys(changed))
	uids := map[string]string{}
	type storedList struct {
		UID  string `json:"uid"`
		Key  string `json:"adj.key"`
		Rows string `json:"adj.rows"`
	}
	err := lookupKeys(ctx, txn, "adj.key", "adj.rows", keys, func(a storedList) error {
		rows, ok := changed[a.Key]
		if !ok || uids[a.Key] != "" {
			return nil
		}
		uids[a.Key] = a.UID
		err := schema.ParseKeyedSums(a.Rows, func(other string, r schema.AggregateRow) error {
			if _, updated := rows[other]; !updated {
				rows[other] = r
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("adjacency %s: %w", a.Key, err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("look up adjacency: %w", err)
	}
	for i, k := range keys {
		ref := "<" + uids[k] + ">"
		if uids[k] == "" {
			ref = "_:a" + strconv.Itoa(i)
			w.str(ref, "adj.key", k)
		}
		w.str(ref, "adj.rows", encodeKeyed(changed[k]))
	}
	return nil
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
		writeDelta(&w, b.String())
		if _, err := s.dg.NewTxn().Mutate(ctx, &api.Mutation{SetNquads: []byte(w.String()), CommitNow: true}); err != nil {
			return fmt.Errorf("write delta: %w", err)
		}
		after = page.E[len(page.E)-1].UID
	}
}

package sqlite

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/schema/storetest"
)

// TestRollupsMatchEvents checks that aggregates answered from rollups and
// their tail equal the same aggregates counted over events (grouping by
// code bypasses the rollups), on a synthetic corpus folded at an odd
// interval, for random actors, families and date ranges.
func TestRollupsMatchEvents(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	defer s.Close()
	s.foldEvery = 2500 // batches of about 1,000: folds every third, leaves a tail
	s.foldIdle = 0
	batches := storetest.Synthetic(storetest.SyntheticOptions{Events: 20000, Seed: 7, Years: 3})
	writeAll(t, s, batches)
	var folded, last int
	if err := s.r.QueryRowContext(ctx, `SELECT folded_seq, (SELECT MAX(seq) FROM events) FROM rollup_state`).Scan(&folded, &last); err != nil {
		t.Fatal(err)
	}
	if folded == 0 || folded == last {
		t.Fatalf("folded up to %d of %d events: want some folded and a tail", folded, last)
	}
	actors := map[string]int{}
	for _, b := range batches {
		for _, e := range b.Events {
			actors[e.Source.Code]++
		}
	}
	var codes []string
	for c := range actors {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	hubs := append([]string(nil), codes...)
	sort.SliceStable(hubs, func(i, j int) bool { return actors[hubs[i]] > actors[hubs[j]] })
	hubs = hubs[:10]
	r := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC)
	randomDay := func() time.Time {
		if r.IntN(3) == 0 {
			return time.Time{}
		}
		return start.AddDate(0, 0, r.IntN(3*365+60)-30)
	}
	groupings := []schema.Grouping{{}, {Source: true}, {Target: true}, {Source: true, Target: true}}
	for i := 0; i < 200; i++ {
		var f schema.EventFilter
		sel := codes[r.IntN(len(codes))]
		if r.IntN(4) == 0 {
			sel = sel[:3] + "*"
		}
		switch r.IntN(3) {
		case 0:
			f.Sources = []string{sel}
		case 1:
			f.Targets = []string{sel}
		default:
			// Busy actors: events between the two are counted once.
			f.Actors = []string{sel, hubs[r.IntN(len(hubs))]}
			if r.IntN(2) == 0 {
				f.Actors = []string{hubs[r.IntN(len(hubs))], hubs[r.IntN(len(hubs))][:3] + "*"}
			}
		}
		f.From, f.To = randomDay(), randomDay()
		g := groupings[r.IntN(len(groupings))]
		got, err := s.Aggregate(ctx, f, g)
		if err != nil {
			t.Fatal(err)
		}
		want, err := foldCodes(ctx, s, f, g)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(storetest.SortedRows(got), storetest.SortedRows(want)) {
			t.Fatalf("filter %+v grouping %+v:\nrollups %+v\nevents  %+v", f, g, storetest.SortedRows(got), storetest.SortedRows(want))
		}
	}
}

// foldCodes counts over events: it groups by code too, which the rollups
// cannot answer, and sums the codes away.
func foldCodes(ctx context.Context, s *Store, f schema.EventFilter, g schema.Grouping) ([]schema.AggregateRow, error) {
	withCode := g
	withCode.Code = true
	rows, err := s.Aggregate(ctx, f, withCode)
	if err != nil {
		return nil, err
	}
	sums := map[[2]string]*schema.AggregateRow{}
	for _, r := range rows {
		k := [2]string{r.Source, r.Target}
		acc, ok := sums[k]
		if !ok {
			acc = &schema.AggregateRow{Source: r.Source, Target: r.Target, First: r.First, Last: r.Last}
			sums[k] = acc
		}
		acc.Count += r.Count
		acc.Goldstein10 += r.Goldstein10
		for i := range r.Quads {
			acc.Quads[i] += r.Quads[i]
		}
		if r.First.Before(acc.First) {
			acc.First = r.First
		}
		if r.Last.After(acc.Last) {
			acc.Last = r.Last
		}
	}
	var out []schema.AggregateRow
	for _, r := range sums {
		out = append(out, *r)
	}
	return out, nil
}

func foldState(t *testing.T, s *Store) (folded, last int) {
	t.Helper()
	err := s.r.QueryRowContext(context.Background(), `SELECT folded_seq, (SELECT COALESCE(MAX(seq), 0) FROM events) FROM rollup_state`).Scan(&folded, &last)
	if err != nil {
		t.Fatal(err)
	}
	return folded, last
}

// TestTailFoldedWhenIdleAndOnClose: a pause in writes folds the tail, and
// so does closing the store.
func TestTailFoldedWhenIdleAndOnClose(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dyad.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.foldIdle = 20 * time.Millisecond
	writeAll(t, s, storetest.FixtureBatches())
	deadline := time.Now().Add(5 * time.Second)
	for {
		folded, last := foldState(t, s)
		if folded == last && last > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after an idle pause: folded up to %d of %d events", folded, last)
		}
		time.Sleep(10 * time.Millisecond)
	}
	s.foldIdle = time.Hour
	writeAll(t, s, storetest.Synthetic(storetest.SyntheticOptions{Events: 500, Seed: 3}))
	if folded, last := foldState(t, s); folded == last {
		t.Fatalf("a write within the idle pause folded: %d of %d", folded, last)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if folded, last := foldState(t, s); folded != last {
		t.Errorf("after close: folded up to %d of %d events", folded, last)
	}
}

// TestAdjacencyMigration: a store whose rollups were folded before the
// adjacency lists existed gets them, built from its rollups, on Open.
func TestAdjacencyMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dyad.db")
	s, err := open(ctx, path, migrations[:4])
	if err != nil {
		t.Fatal(err)
	}
	s.foldIdle = 0
	batches := storetest.Synthetic(storetest.SyntheticOptions{Events: 5000, Seed: 5, Years: 2})
	writeAll(t, s, batches)
	// Fold as version 4 did: the rollups only.
	for _, l := range rollupLevels {
		if _, err := s.w.ExecContext(ctx, foldSQL(l, "seq > 0")); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.w.ExecContext(ctx, `UPDATE rollup_state SET folded_seq = (SELECT MAX(seq) FROM events)`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var lists int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM rollup_adjacency`).Scan(&lists); err != nil || lists == 0 {
		t.Fatalf("%d adjacency lists after migrating (%v)", lists, err)
	}
	for _, tt := range []struct {
		f schema.EventFilter
		g schema.Grouping
	}{
		{schema.EventFilter{Actors: []string{batches[0].Events[0].Source.Code}}, schema.Grouping{Source: true, Target: true}},
		{schema.EventFilter{Targets: []string{batches[0].Events[0].Target.Code[:3] + "*"}}, schema.Grouping{Source: true}},
		{schema.EventFilter{}, schema.Grouping{Target: true}},
	} {
		got, err := s.Aggregate(ctx, tt.f, tt.g)
		if err != nil {
			t.Fatal(err)
		}
		want, err := foldCodes(ctx, s, tt.f, tt.g)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || !reflect.DeepEqual(storetest.SortedRows(got), storetest.SortedRows(want)) {
			t.Errorf("filter %+v grouping %+v:\nadjacency %v\nevents    %v", tt.f, tt.g, storetest.SortedRows(got), storetest.SortedRows(want))
		}
	}
}

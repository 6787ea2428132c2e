package dgraph_test

import (
	"context"
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/dgraph"
	"github.com/dyadgraph/dyad/dgraph/dgraphtest"
	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/schema/storetest"
)

// foldingStore folds the rollup deltas after every write, so that the
// conformance suite reads folded rows and not only pending deltas.
type foldingStore struct{ *dgraph.Store }

func (s foldingStore) Write(ctx context.Context, b schema.Batch) (schema.WriteResult, error) {
	res, err := s.Store.Write(ctx, b)
	if err != nil {
		return res, err
	}
	return res, s.Fold(ctx)
}

func TestConformanceFoldingEveryWrite(t *testing.T) {
	dgraphtest.Lock(t)
	storetest.Run(t, func(t *testing.T) schema.Store {
		return foldingStore{dgraphtest.OpenConfig(t, dgraph.Config{FoldIdle: -1})}
	})
}

func writeBatches(t *testing.T, s schema.Store, batches []schema.Batch) {
	t.Helper()
	for i, b := range batches {
		if _, err := s.Write(context.Background(), b); err != nil {
			t.Fatalf("batch %d: %v", i, err)
		}
	}
}

// checkRollupsMatchEvents compares aggregates answered from rollups and
// deltas with the same aggregates grouped over events, for random actors,
// families, codes, groupings and date ranges.
func checkRollupsMatchEvents(t *testing.T, s *dgraph.Store, batches []schema.Batch, seed uint64, n int) {
	t.Helper()
	ctx := context.Background()
	seen := map[string]bool{}
	var actors []string
	for _, b := range batches {
		for _, e := range b.Events {
			if !seen[e.Source.Code] {
				seen[e.Source.Code] = true
				actors = append(actors, e.Source.Code)
			}
		}
	}
	sort.Strings(actors)
	r := rand.New(rand.NewPCG(seed, seed))
	pick := func() string {
		a := actors[r.IntN(len(actors))]
		if r.IntN(4) == 0 {
			return a[:3] + "*"
		}
		return a
	}
	randDay := func() time.Time {
		return time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(3*365+60))
	}
	groupings := []schema.Grouping{
		{Source: true, Target: true}, {Source: true}, {Target: true}, {}, {Code: true},
		{Source: true, Code: true}, {Bucket: schema.BucketMonth}, {Bucket: schema.BucketYear, Target: true},
	}
	for i := 0; i < n; i++ {
		var f schema.EventFilter
		switch r.IntN(4) {
		case 0:
			f.Actors = []string{pick()}
		case 1:
			f.Sources, f.Targets = []string{pick()}, []string{pick()}
		case 2:
			f.Targets = []string{pick(), pick()}
		}
		switch r.IntN(4) {
		case 0:
			f.From, f.To = randDay(), randDay()
			if f.To.Before(f.From) {
				f.From, f.To = f.To, f.From
			}
		case 1:
			f.From = randDay()
		case 2:
			f.To = randDay().Add(time.Duration(r.IntN(24)) * time.Hour)
		}
		switch r.IntN(6) {
		case 0:
			f.CodePrefix = []string{"0", "19", "042"}[r.IntN(3)]
		case 1:
			f.Roots = []string{"04", "19"}
		case 2:
			f.Quads = []int{1 + r.IntN(4)}
		}
		g := groupings[r.IntN(len(groupings))]
		got, err := s.Aggregate(ctx, f, g)
		if err != nil {
			t.Fatalf("filter %+v grouping %+v: %v", f, g, err)
		}
		want, err := dgraph.AggregateEvents(ctx, s, f, g)
		if err != nil {
			t.Fatalf("filter %+v grouping %+v: events: %v", f, g, err)
		}
		if !reflect.DeepEqual(storetest.SortedRows(got), storetest.SortedRows(want)) {
			t.Fatalf("filter %+v grouping %+v:\nrollups %v\nevents  %v", f, g, storetest.SortedRows(got), storetest.SortedRows(want))
		}
	}
}

// TestRollupsMatchEvents: part of a corpus folded, part pending as deltas.
func TestRollupsMatchEvents(t *testing.T) {
	dgraphtest.Lock(t)
	ctx := context.Background()
	s := dgraphtest.OpenConfig(t, dgraph.Config{FoldEvery: 1 << 30, FoldIdle: -1})
	defer s.Close()
	batches := storetest.Synthetic(storetest.SyntheticOptions{Events: 12000, Seed: 7, Years: 3})
	half := len(batches) / 2
	writeBatches(t, s, batches[:half])
	if err := s.Fold(ctx); err != nil {
		t.Fatal(err)
	}
	writeBatches(t, s, batches[half:])
	deltas, rows, err := dgraph.RollupState(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if deltas == 0 || rows == 0 {
		t.Fatalf("%d pending deltas, %d rollup rows: want both", deltas, rows)
	}
	checkRollupsMatchEvents(t, s, batches, 1, 300)
	// Folding everything changes no answer.
	if err := s.Fold(ctx); err != nil {
		t.Fatal(err)
	}
	if deltas, _, err := dgraph.RollupState(ctx, s); err != nil || deltas != 0 {
		t.Fatalf("after Fold: %d pending deltas (%v)", deltas, err)
	}
	checkRollupsMatchEvents(t, s, batches, 2, 150)
}

// TestRollupsBackfilled: a store written before rollups existed gets them
// on Open.
func TestRollupsBackfilled(t *testing.T) {
	dgraphtest.Lock(t)
	ctx := context.Background()
	s := dgraphtest.OpenConfig(t, dgraph.Config{FoldIdle: -1})
	batches := storetest.Synthetic(storetest.SyntheticOptions{Events: 3000, Seed: 11, Years: 3})
	writeBatches(t, s, batches)
	if err := dgraph.DropRollups(ctx, s); err != nil {
		t.Fatal(err)
	}
	if deltas, rows, err := dgraph.RollupState(ctx, s); err != nil || deltas+rows != 0 {
		t.Fatalf("after dropping rollups: %d deltas, %d rows (%v)", deltas, rows, err)
	}
	s.Close()
	s, err := dgraph.Open(ctx, dgraph.Config{Addr: dgraphtest.Addr(t), FoldIdle: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Fold(ctx); err != nil {
		t.Fatal(err)
	}
	if _, rows, err := dgraph.RollupState(ctx, s); err != nil || rows == 0 {
		t.Fatalf("after Open and Fold: %d rollup rows (%v)", rows, err)
	}
	checkRollupsMatchEvents(t, s, batches, 3, 100)
	// Opening again backfills nothing more.
	s2, err := dgraph.Open(ctx, dgraph.Config{Addr: dgraphtest.Addr(t), FoldIdle: -1})
	if err != nil {
		t.Fatal(err)
	}
	s2.Close()
	checkRollupsMatchEvents(t, s, batches, 4, 50)
}

// TestFoldedWhenIdleAndOnClose: a pause in writes folds the deltas, and
// so does closing the store.
func TestFoldedWhenIdleAndOnClose(t *testing.T) {
	dgraphtest.Lock(t)
	ctx := context.Background()
	s := dgraphtest.OpenConfig(t, dgraph.Config{FoldIdle: 50 * time.Millisecond})
	writeBatches(t, s, storetest.FixtureBatches())
	deadline := time.Now().Add(10 * time.Second)
	for {
		deltas, rows, err := dgraph.RollupState(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		if deltas == 0 && rows > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after an idle pause: %d deltas pending, %d rows", deltas, rows)
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.Close()
	// An observer that never folds watches a writer that folds on close.
	observer, err := dgraph.Open(ctx, dgraph.Config{Addr: dgraphtest.Addr(t), FoldIdle: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer observer.Close()
	s, err = dgraph.Open(ctx, dgraph.Config{Addr: dgraphtest.Addr(t), FoldIdle: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	writeBatches(t, s, storetest.Synthetic(storetest.SyntheticOptions{Events: 500, Seed: 3}))
	if deltas, _, _ := dgraph.RollupState(ctx, observer); deltas == 0 {
		t.Fatal("no pending deltas after writing within the idle pause")
	}
	s.Close()
	if deltas, _, err := dgraph.RollupState(ctx, observer); err != nil || deltas != 0 {
		t.Errorf("after close: %d deltas pending (%v)", deltas, err)
	}
}

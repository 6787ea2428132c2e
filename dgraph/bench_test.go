package dgraph_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/dgraph"
	"github.com/dyadgraph/dyad/dgraph/dgraphtest"
	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/schema/storetest"
)

// benchEvents reads an event count from the environment.
func benchEvents(b *testing.B, env string, def int) int {
	b.Helper()
	v := os.Getenv(env)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		b.Fatalf("%s=%q: want a positive number", env, v)
	}
	return n
}

func countEvents(batches []schema.Batch) int {
	n := 0
	for _, b := range batches {
		n += len(b.Events)
	}
	return n
}

// BenchmarkWrite writes a synthetic corpus (DYAD_BENCH_EVENTS events,
// default 100,000, about 1,000 per batch) into an empty store with 1, 2
// and 4 concurrent writers, and reports events/s.
func BenchmarkWrite(b *testing.B) {
	dgraphtest.Lock(b)
	n := benchEvents(b, "DYAD_BENCH_EVENTS", 100_000)
	batches := storetest.Synthetic(storetest.SyntheticOptions{Events: n, Seed: 1})
	events := countEvents(batches)
	for _, writers := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("writers=%d", writers), func(b *testing.B) {
			s := openEmpty(b)
			ctx := context.Background()
			b.Logf("Dgraph at %s: %d events in %d batches", dgraphtest.Addr(b), events, len(batches))
			var elapsed time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				if err := s.DropAll(ctx); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				start := time.Now()
				writeAll(ctx, b, s, batches, writers)
				elapsed += time.Since(start)
			}
			b.ReportMetric(float64(events*b.N)/elapsed.Seconds(), "events/s")
		})
	}
}

func writeAll(ctx context.Context, b *testing.B, s *dgraph.Store, batches []schema.Batch, writers int) {
	var wg sync.WaitGroup
	next := make(chan schema.Batch)
	errs := make(chan error, writers)
	for range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for batch := range next {
				if _, err := s.Write(ctx, batch); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for _, batch := range batches {
		select {
		case next <- batch:
		case err := <-errs:
			close(next)
			wg.Wait()
			b.Fatal(err)
		}
	}
	close(next)
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
}

// BenchmarkWriteNaive is the baseline: every event is its own upsert
// transaction (its article and one event per Write), one writer.
// DYAD_BENCH_NAIVE_EVENTS sets the count, default 2,000.
func BenchmarkWriteNaive(b *testing.B) {
	dgraphtest.Lock(b)
	n := benchEvents(b, "DYAD_BENCH_NAIVE_EVENTS", 2_000)
	var single []schema.Batch
	for _, batch := range storetest.Synthetic(storetest.SyntheticOptions{Events: n, Seed: 1}) {
		articles := map[string]schema.Article{}
		for _, a := range batch.Articles {
			articles[a.ID] = a
		}
		for _, e := range batch.Events {
			single = append(single, schema.Batch{Articles: []schema.Article{articles[e.Mentions[0].ArticleID]}, Events: []schema.Event{e}})
		}
	}
	s := openEmpty(b)
	ctx := context.Background()
	var elapsed time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if err := s.DropAll(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		writeAll(ctx, b, s, single, 1)
		elapsed += time.Since(start)
	}
	b.ReportMetric(float64(len(single)*b.N)/elapsed.Seconds(), "events/s")
}

package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/dyadgraph/dyad/dgraph"
	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/schema/storetest"
	"github.com/dyadgraph/dyad/sqlite"
)

func runBench(ctx context.Context, e env, args []string) error {
	subs := map[string]func(context.Context, env, []string) error{
		"store": benchStore, "coder": benchCoder, "ingest": benchIngest, "query": benchQuery,
		"load": benchLoad,
	}
	if len(args) > 0 {
		if f, ok := subs[args[0]]; ok {
			return f(ctx, e, args[1:])
		}
	}
	fmt.Fprint(e.stderr, `Usage: dyad bench <store|coder|ingest|query|load> [flags]

Each prints its figures beside a baseline measured in the same run:
  store    events/s writing a synthetic corpus in batches; baseline: one event per transaction
  coder    sentences/s per core coding a generated corpus; baseline: whitespace tokenization alone
  ingest   documents/s, events/s and peak memory end to end at two corpus sizes
  query    p50/p99 latency per GraphQL query type on a synthetic store; baseline: relations summed in Go
  load     req/s, p50/p99 latency, errors and memory of the served API at 1 to 16 clients; baseline: one client
`)
	return errUsage
}

type benchRow struct {
	store, mode string
	events      int
	elapsed     time.Duration
}

func benchStore(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "bench store", "", "Write a synthetic Zipf-distributed corpus to a fresh SQLite file and, with\n--dgraph-scratch, to a Dgraph whose data is DROPPED first. Prints events/s for\nbatched writes beside a naive one-event-per-transaction baseline measured in the same run.")
	n := fs.Int("events", 100000, "events to write in batches")
	naive := fs.Int("naive", 2000, "events to write one per transaction (baseline)")
	writers := fs.Int("writers", 2, "concurrent batch writers")
	scratch := fs.String("dgraph-scratch", "", "HOST:PORT of a scratch Dgraph; ALL ITS DATA IS DROPPED")
	batch := fs.Int("batch", 1000, "events per batched write (articles of 5 events each)")
	if err := parse(fs, args); err != nil {
		return err
	}
	batches := storetest.Synthetic(storetest.SyntheticOptions{Events: *n, Seed: 1, ArticlesPerBatch: max(1, *batch/5)})
	single := singleEventBatches(storetest.Synthetic(storetest.SyntheticOptions{Events: *naive, Seed: 2}))

	dir, err := os.MkdirTemp("", "dyad-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	var rows []benchRow
	sq, err := sqlite.Open(ctx, filepath.Join(dir, "bench.db"))
	if err != nil {
		return err
	}
	defer sq.Close()
	for _, m := range []struct {
		mode    string
		batches []schema.Batch
		writers int
	}{{"naive", single, 1}, {"batched", batches, 1}} {
		d, err := writeAll(ctx, sq, m.batches, m.writers)
		if err != nil {
			return fmt.Errorf("sqlite %s: %w", m.mode, err)
		}
		rows = append(rows, benchRow{"sqlite", m.mode, countEvents(m.batches), d})
	}
	if *scratch != "" {
		dg, err := dgraph.Open(ctx, dgraph.Config{Addr: *scratch})
		if err != nil {
			return err
		}
		defer dg.Close()
		for _, m := range []struct {
			mode    string
			batches []schema.Batch
			writers int
		}{{"naive", single, 1}, {"batched", batches, *writers}} {
			if err := dg.DropAll(ctx); err != nil {
				return err
			}
			d, err := writeAll(ctx, dg, m.batches, m.writers)
			if err != nil {
				return fmt.Errorf("dgraph %s: %w", m.mode, err)
			}
			rows = append(rows, benchRow{"dgraph", m.mode, countEvents(m.batches), d})
		}
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "store\tmode\tevents\tseconds\tevents/s\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.2f\t%.0f\t\n", r.store, r.mode, r.events, r.elapsed.Seconds(), float64(r.events)/r.elapsed.Seconds())
	}
	return tw.Flush()
}

func countEvents(bs []schema.Batch) int {
	n := 0
	for _, b := range bs {
		n += len(b.Events)
	}
	return n
}

// singleEventBatches splits batches so each holds one event and its article.
func singleEventBatches(bs []schema.Batch) []schema.Batch {
	var out []schema.Batch
	for _, b := range bs {
		arts := map[string]schema.Article{}
		for _, a := range b.Articles {
			arts[a.ID] = a
		}
		for _, e := range b.Events {
			out = append(out, schema.Batch{Articles: []schema.Article{arts[e.Mentions[0].ArticleID]}, Events: []schema.Event{e}})
		}
	}
	return out
}

// writeAll writes batches with the given number of concurrent writers.
func writeAll(ctx context.Context, s schema.Store, batches []schema.Batch, writers int) (time.Duration, error) {
	start := time.Now()
	work := make(chan schema.Batch)
	errc := make(chan error, writers)
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range work {
				if _, err := s.Write(ctx, b); err != nil {
					errc <- err
					return
				}
			}
		}()
	}
	var err error
feed:
	for _, b := range batches {
		select {
		case work <- b:
		case err = <-errc:
			break feed
		}
	}
	close(work)
	wg.Wait()
	if err == nil {
		select {
		case err = <-errc:
		default:
		}
	}
	return time.Since(start), err
}

package sqlite

import (
	"context"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/schema/storetest"
)

const benchEvents = 100_000

// BenchmarkWrite writes benchEvents synthetic events into a fresh store in
// batches of about 1,000 events.
func BenchmarkWrite(b *testing.B) {
	benchmarkWrite(b, benchCorpus())
}

// BenchmarkWriteNaive writes the same events one per transaction: the
// baseline that batching is measured against.
func BenchmarkWriteNaive(b *testing.B) {
	benchmarkWrite(b, singleEvents(benchCorpus()))
}

// benchCorpus is benchEvents synthetic events in batches of about 1,000.
func benchCorpus() []schema.Batch {
	return storetest.Synthetic(storetest.SyntheticOptions{Events: benchEvents, Seed: 1})
}

func benchmarkWrite(b *testing.B, batches []schema.Batch) {
	ctx := context.Background()
	events := 0
	for _, bt := range batches {
		events += len(bt.Events)
	}
	var elapsed time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := openTemp(b)
		b.StartTimer()
		start := time.Now()
		for _, bt := range batches {
			if _, err := s.Write(ctx, bt); err != nil {
				b.Fatal(err)
			}
		}
		elapsed += time.Since(start)
		b.StopTimer()
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(events*b.N)/elapsed.Seconds(), "events/s")
}

// singleEvents splits batches into one batch per event, each with the
// article its mention cites.
func singleEvents(batches []schema.Batch) []schema.Batch {
	var out []schema.Batch
	for _, bt := range batches {
		articles := make(map[string]schema.Article, len(bt.Articles))
		for _, a := range bt.Articles {
			articles[a.ID] = a
		}
		for _, e := range bt.Events {
			var arts []schema.Article
			for _, m := range e.Mentions {
				arts = append(arts, articles[m.ArticleID])
			}
			out = append(out, schema.Batch{Articles: arts, Events: []schema.Event{e}})
		}
	}
	return out
}

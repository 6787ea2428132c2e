package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/dyadgraph/dyad/ingest/coder"
	"github.com/dyadgraph/dyad/ingest/ingesttest"
	"github.com/dyadgraph/dyad/sqlite"
)

// BenchmarkIngest codes and stores a generated corpus of 10,000 articles
// end to end into SQLite; BenchmarkReadOnly reads the same corpus without
// coding or storing (the baseline). Both report documents/s.
func BenchmarkIngest(b *testing.B) {
	dir := b.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	writeCorpus(b, corpus, 10000)
	c, err := coder.New(coder.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := sqlite.Open(context.Background(), filepath.Join(dir, "b"+string(rune('a'+i%26))+".db"))
		if err != nil {
			b.Fatal(err)
		}
		sum, err := Run(context.Background(), Config{Store: s, Coder: DictionaryCoder{Coder: c}, Recode: true}, []string{corpus})
		s.Close()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(sum.Read)/sum.Elapsed.Seconds(), "docs/s")
		b.ReportMetric(float64(sum.Events)/sum.Elapsed.Seconds(), "events/s")
	}
}

func BenchmarkReadOnly(b *testing.B) {
	corpus := filepath.Join(b.TempDir(), "corpus.jsonl")
	writeCorpus(b, corpus, 10000)
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		if err := Read(context.Background(), corpus, ReadOptions{}, func(it Item) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
}

func writeCorpus(b *testing.B, path string, n int) {
	b.Helper()
	if err := os.WriteFile(path, ingesttest.Corpus(n, 6, 4), 0o644); err != nil {
		b.Fatal(err)
	}
}

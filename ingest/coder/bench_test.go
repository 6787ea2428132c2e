package coder

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// corpus generates wire-style documents from templates, actors and verbs
// (deterministic; about a third are non-political filler).
func corpus(docs int) []Document {
	rng := rand.New(rand.NewSource(1))
	actors := []string{"Russia", "Ukrainian troops", "The United States", "Syrian rebels", "Chinese President Xi Jinping",
		"Iran", "The European Union", "Israeli forces", "Hamas militants", "Turkey", "German Chancellor Angela Merkel",
		"the Pentagon", "North Korea", "Egyptian police", "NATO", "Iraqi government forces", "Saudi Arabia"}
	verbs := []string{"attacked", "met", "accused", "condemned", "urged", "imposed sanctions on", "signed an agreement with",
		"threatened to strike", "will visit", "shelled", "praised", "arrested members of", "rejected a proposal by",
		"sent troops to", "expelled diplomats from", "has not attacked", "pledged aid to"}
	tails := []string{"on Monday", "yesterday", "last week", "in Aleppo on Sept. 14", "near the border", "", "at talks in Geneva"}
	filler := []string{"Shares in Tokyo rose 2 percent as investors cheered strong earnings.",
		"The film won the top prize at the festival on Sunday.",
		"Heavy rain is forecast for the weekend across northern Europe.",
		"The company said quarterly revenue rose to $3.2 billion."}
	out := make([]Document, docs)
	for d := range out {
		var b strings.Builder
		n := 8 + rng.Intn(8)
		for s := 0; s < n; s++ {
			if rng.Intn(3) == 0 {
				b.WriteString(filler[rng.Intn(len(filler))])
			} else {
				fmt.Fprintf(&b, "%s %s %s %s", actors[rng.Intn(len(actors))], verbs[rng.Intn(len(verbs))],
					actors[rng.Intn(len(actors))], tails[rng.Intn(len(tails))])
				if rng.Intn(4) == 0 {
					b.WriteString(", officials said")
				}
				b.WriteString(".")
			}
			b.WriteString(" ")
			if s%4 == 3 {
				b.WriteString("\n\n")
			}
		}
		out[d] = Document{ID: fmt.Sprint(d), Text: b.String(), Published: time.Date(2015, 6, 9, 0, 0, 0, 0, time.UTC)}
	}
	return out
}

func BenchmarkCode(b *testing.B) {
	c := mustCoder(b)
	docs := corpus(500)
	ctx := context.Background()
	b.ResetTimer()
	sents, events := 0, 0
	for i := 0; i < b.N; i++ {
		r, err := c.Code(ctx, docs[i%len(docs)])
		if err != nil {
			b.Fatal(err)
		}
		sents += r.Sentences
		events += len(r.Events)
	}
	b.ReportMetric(float64(sents)/b.Elapsed().Seconds(), "sentences/s")
	b.ReportMetric(float64(events)/float64(b.N), "events/doc")
}

// BenchmarkTokenizeOnly is the baseline: sentence splitting and
// tokenization of the same corpus, no dictionaries.
func BenchmarkTokenizeOnly(b *testing.B) {
	docs := corpus(500)
	b.ResetTimer()
	sents := 0
	for i := 0; i < b.N; i++ {
		for _, s := range splitSentences(docs[i%len(docs)].Text) {
			_ = tokenize(s)
			sents++
		}
	}
	b.ReportMetric(float64(sents)/b.Elapsed().Seconds(), "sentences/s")
}

// TestMemory reports the heap held by a loaded Coder and the process RSS,
// and enforces the 150 MB budget.
func TestMemory(t *testing.T) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	c, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	load := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	heap := float64(after.HeapAlloc-min(before.HeapAlloc, after.HeapAlloc)) / (1 << 20)
	rss := rssMB()
	t.Logf("New: %v; heap held by the dictionaries %.1f MB; process RSS %.1f MB", load.Round(time.Millisecond), heap, rss)
	if heap > 150 || rss > 150 {
		t.Errorf("memory over budget: heap %.1f MB, RSS %.1f MB", heap, rss)
	}
	runtime.KeepAlive(c)
}

func rssMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			var kb float64
			fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(line, "VmRSS:")), "%f", &kb)
			return kb / 1024
		}
	}
	return 0
}

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/dyadgraph/dyad/dgraph"
	"github.com/dyadgraph/dyad/ingest"
	"github.com/dyadgraph/dyad/ingest/coder"
	"github.com/dyadgraph/dyad/ingest/ingesttest"
	"github.com/dyadgraph/dyad/query"
	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/schema/storetest"
	"github.com/dyadgraph/dyad/sqlite"
)

func benchCoder(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "bench coder", "", "Code a generated wire-style corpus on one goroutine and report sentences/s per core,\nbeside whitespace tokenization of the same text (the baseline).")
	docs := fs.Int("docs", 4000, "documents (6 sentences each)")
	if err := parse(fs, args); err != nil {
		return err
	}
	c, err := coder.New(coder.Options{})
	if err != nil {
		return err
	}
	var texts []coder.Document
	sc := bufio.NewScanner(bytes.NewReader(ingesttest.Corpus(*docs, 6, 3)))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var a ingesttest.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return err
		}
		pub, _ := time.Parse(time.RFC3339, a.Published)
		texts = append(texts, coder.Document{ID: a.ID, Text: a.Text, Published: pub})
	}
	start := time.Now()
	tokens := 0
	for _, d := range texts {
		tokens += len(strings.Fields(d.Text))
	}
	base := time.Since(start)
	sentences, events := 0, 0
	start = time.Now()
	for _, d := range texts {
		res, err := c.Code(ctx, d)
		if err != nil {
			return err
		}
		sentences += res.Sentences
		events += len(res.Events)
	}
	coded := time.Since(start)
	// the live heap (dictionaries, corpus), not the coder's garbage
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	runtime.KeepAlive(c)
	runtime.KeepAlive(texts)
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "pipeline\tsentences\tseconds\tsentences/s/core\tevents/s\t")
	fmt.Fprintf(tw, "tokenize only (baseline)\t%d\t%.3f\t%.0f\t-\t\n", sentences, base.Seconds(), float64(sentences)/base.Seconds())
	fmt.Fprintf(tw, "coder\t%d\t%.3f\t%.0f\t%.0f\t\n", sentences, coded.Seconds(), float64(sentences)/coded.Seconds(), float64(events)/coded.Seconds())
	tw.Flush()
	fmt.Fprintf(e.stdout, "heap in use with dictionaries loaded: %.1f MB (%d tokens in the corpus)\n", float64(ms.HeapInuse)/1e6, tokens)
	return nil
}

func benchIngest(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "bench ingest", "", "Ingest generated corpora end to end (read, code, write) at each size, each in a\nfresh process so peak memory (VmHWM) is its own, into SQLite and, with\n--dgraph-scratch, into a Dgraph whose data is DROPPED first.")
	sizes := fs.String("articles", "10000,20000", "corpus sizes, comma-separated")
	scratch := fs.String("dgraph-scratch", "", "HOST:PORT of a scratch Dgraph; ALL ITS DATA IS DROPPED")
	one := fs.String("one", "", "internal: run one measurement: CORPUS,STORE")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *one != "" {
		return benchIngestOne(ctx, e, *one)
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	stores := []string{"sqlite"}
	if *scratch != "" {
		stores = append(stores, "dgraph:"+*scratch)
	}
	dir, err := os.MkdirTemp("", "dyad-bench-ingest-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	// The corpora are written here, so the measured processes only read them.
	corpora := map[string]string{}
	for _, n := range splitList(*sizes) {
		size, err := strconv.Atoi(n)
		if err != nil {
			return fmt.Errorf("--articles %q: %w", n, err)
		}
		corpora[n] = filepath.Join(dir, n+".jsonl")
		if err := os.WriteFile(corpora[n], ingesttest.Corpus(size, 6, 9), 0o644); err != nil {
			return err
		}
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "store\tarticles\tevents\tseconds\tdocs/s\tevents/s\tpeak RSS MB\t")
	for _, st := range stores {
		for _, n := range splitList(*sizes) {
			out, err := exec.CommandContext(ctx, self, "bench", "ingest", "--one", corpora[n]+","+st).Output()
			if err != nil {
				return fmt.Errorf("bench ingest %s %s: %w", n, st, err)
			}
			fmt.Fprint(tw, string(out))
		}
	}
	return tw.Flush()
}

func benchIngestOne(ctx context.Context, e env, spec string) error {
	corpus, storeKind, _ := strings.Cut(spec, ",")
	dir, err := os.MkdirTemp("", "dyad-bench-ingest-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	var s schema.Store
	if addr, ok := strings.CutPrefix(storeKind, "dgraph:"); ok {
		dg, err := dgraph.Open(ctx, dgraph.Config{Addr: addr})
		if err != nil {
			return err
		}
		if err := dg.DropAll(ctx); err != nil {
			return err
		}
		s = dg
	} else if s, err = sqlite.Open(ctx, filepath.Join(dir, "bench.db")); err != nil {
		return err
	}
	defer s.Close()
	c, err := coder.New(coder.Options{})
	if err != nil {
		return err
	}
	sum, err := ingest.Run(ctx, ingest.Config{Store: s, Coder: ingest.DictionaryCoder{Coder: c}, Workers: 2}, []string{corpus})
	if err != nil {
		return err
	}
	secs := sum.Elapsed.Seconds()
	name, _, _ := strings.Cut(storeKind, ":")
	fmt.Fprintf(e.stdout, "%s\t%d\t%d\t%.1f\t%.0f\t%.0f\t%.0f\t\n", name, sum.Read, sum.Events, secs, float64(sum.Read)/secs, float64(sum.Events)/secs, peakRSSMB())
	return nil
}

// peakRSSMB reads this process's peak resident set size (Linux VmHWM).
func peakRSSMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return float64(kb) / 1024
		}
	}
	return -1
}

// queryCase is one kind of query the latency benchmark sends.
type queryCase struct {
	name  string
	query string
	vars  func(i int) map[string]any
}

func benchQuery(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "bench query", "", "Load a synthetic Zipf-distributed store and measure GraphQL latency percentiles per\nquery type, through the real HTTP handler, on SQLite and (with --dgraph-scratch,\nwhose data is DROPPED) on Dgraph, at each size given, so the table shows how\ncost grows with size. Baseline: relations computed by paging every event of the\ndyad into Go, as a client without server-side aggregation would.")
	sizes := fs.String("events", "1000000", "events in the store; several sizes separated by commas (e.g. 100000,1000000)")
	reps := fs.Int("n", 200, "requests per query type")
	scratch := fs.String("dgraph-scratch", "", "HOST:PORT of a scratch Dgraph; ALL ITS DATA IS DROPPED")
	jsonOut := fs.String("json", "", "also write the table as JSON to this file")
	sqlitePath := fs.String("sqlite", "", "SQLite file to use and keep, one size only (default: a temporary one per size)")
	reuse := fs.Bool("reuse", false, "skip loading a store that already holds the events (a kept --sqlite file, or the Dgraph not dropped)")
	budget := fs.Duration("budget", 30*time.Second, "stop a query type after this long even if fewer than -n requests were sent")
	only := fs.String("only", "", "measure only the query types whose names contain one of these comma-separated words (e.g. network,relations)")
	if err := parse(fs, args); err != nil {
		return err
	}
	// Measure the server as dyad serve runs it.
	tuneGCForServing(e)
	var counts []int
	for _, f := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return fmt.Errorf("bench query: --events %q: want positive counts separated by commas", *sizes)
		}
		counts = append(counts, n)
	}
	if *sqlitePath != "" && len(counts) > 1 {
		return fmt.Errorf("bench query: --sqlite keeps one store: give one size")
	}
	dir, err := os.MkdirTemp("", "dyad-bench-query-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	type row struct {
		Store       string  `json:"store"`
		Query       string  `json:"query"`
		Events      int     `json:"events"`
		N           int     `json:"n"`
		P50ms       float64 `json:"p50_ms"`
		P90ms       float64 `json:"p90_ms"`
		P99ms       float64 `json:"p99_ms"`
		Maxms       float64 `json:"max_ms"`
		Loadsec     float64 `json:"load_seconds"`
		LoadPerSec  float64 `json:"load_events_per_second"`
		LoadSkipped bool    `json:"load_skipped,omitempty"`
	}
	var rows []row
	// The corpus is generated for each load and dropped before measuring:
	// a million generated events are half a gigabyte of live heap, which
	// a server does not have and which would make every collection cost
	// more than the queries being measured.
	corpus := func(n int) []schema.Batch { return storetest.Synthetic(storetest.SyntheticOptions{Events: n, Seed: 1}) }
	measure := func(name string, s schema.Store, n int, hubs []string) error {
		st, err := s.Stats(ctx)
		if err != nil {
			return err
		}
		var load time.Duration
		loaded := !*reuse || st.Mentions < n
		if loaded {
			if load, err = writeAll(ctx, s, corpus(n), 2); err != nil {
				return fmt.Errorf("%s: loading: %w", name, err)
			}
			// Loading ends when the rollups hold every event: stores fold
			// in the background after writes pause, and the queries are
			// to measure that settled state.
			if f, ok := s.(interface{ Fold(context.Context) error }); ok {
				start := time.Now()
				if err := f.Fold(ctx); err != nil {
					return fmt.Errorf("%s: folding rollups: %w", name, err)
				}
				fmt.Fprintf(e.stderr, "%s: rollups folded in %.1fs after the writes\n", name, time.Since(start).Seconds())
				load += time.Since(start)
			}
		}
		perSec := 0.0
		if loaded {
			perSec = float64(n) / load.Seconds()
		}
		fmt.Fprintf(e.stderr, "%s: %d events ready; loaded in %.0fs (%.0f events/s)\n", name, n, load.Seconds(), perSec)
		runtime.GC() // the dropped corpus; a server starts without it

		srv, err := query.New(query.Config{Store: s, Limits: query.Limits{Timeout: time.Minute}})
		if err != nil {
			return err
		}
		add := func(q string, lat []time.Duration) {
			rows = append(rows, row{name, q, n, len(lat), pct(lat, 50), pct(lat, 90), pct(lat, 99), pct(lat, 100), load.Seconds(), perSec, !loaded})
		}
		for _, qc := range queryCases(hubs) {
			if !selected(qc.name, *only) {
				continue
			}
			lat, err := timeQueries(ctx, srv, qc, *reps, *budget)
			if err != nil {
				// Report it and go on: one failing query type must not hide the others.
				fmt.Fprintf(e.stderr, "%s %s: %v\n", name, qc.name, err)
				add(qc.name+" (FAILED)", nil)
				continue
			}
			add(qc.name, lat)
			fmt.Fprintf(e.stderr, "%s %d %-18s n=%d p50 %.1f ms p90 %.1f ms p99 %.1f ms max %.1f ms\n", name, n, qc.name, len(lat), pct(lat, 50), pct(lat, 90), pct(lat, 99), pct(lat, 100))
		}
		if !selected("relations, naive", *only) {
			return nil
		}
		lat, err := timeNaiveRelations(ctx, s, hubs, max(*reps/10, 5))
		if err != nil {
			return err
		}
		add("relations, naive (baseline)", lat)
		return nil
	}
	for _, n := range counts {
		hubs := hubActors(corpus(n), 12)
		path := *sqlitePath
		if path == "" {
			path = filepath.Join(dir, fmt.Sprintf("q%d.db", n))
		}
		sq, err := sqlite.Open(ctx, path)
		if err != nil {
			return err
		}
		err = measure("sqlite", sq, n, hubs)
		sq.Close()
		if err != nil {
			return err
		}
		if *sqlitePath == "" {
			os.Remove(path)
			os.Remove(path + "-wal")
			os.Remove(path + "-shm")
		}
		if *scratch != "" {
			dg, err := dgraph.Open(ctx, dgraph.Config{Addr: *scratch})
			if err != nil {
				return err
			}
			if !*reuse {
				if err := dg.DropAll(ctx); err != nil {
					dg.Close()
					return err
				}
			}
			err = measure("dgraph", dg, n, hubs)
			dg.Close()
			if err != nil {
				return err
			}
		}
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "store\tquery\tevents\tload ev/s\tn\tp50 ms\tp90 ms\tp99 ms\tmax ms\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.0f\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t\n", r.Store, r.Query, r.Events, r.LoadPerSec, r.N, r.P50ms, r.P90ms, r.P99ms, r.Maxms)
	}
	tw.Flush()
	if *jsonOut != "" {
		b, _ := json.MarshalIndent(rows, "", "  ")
		return os.WriteFile(*jsonOut, b, 0o644)
	}
	return nil
}

// selected reports whether a query type is among the comma-separated
// words of only (all are, when only is empty).
func selected(name, only string) bool {
	if only == "" {
		return true
	}
	for _, w := range strings.Split(only, ",") {
		if w = strings.TrimSpace(w); w != "" && strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// hubActors returns the busiest source actors of a corpus.
func hubActors(batches []schema.Batch, n int) []string {
	count := map[string]int{}
	for _, b := range batches {
		for _, ev := range b.Events {
			count[ev.Source.Code]++
		}
	}
	codes := make([]string, 0, len(count))
	for c := range count {
		codes = append(codes, c)
	}
	sort.Slice(codes, func(i, j int) bool {
		return count[codes[i]] > count[codes[j]] || count[codes[i]] == count[codes[j]] && codes[i] < codes[j]
	})
	return codes[:min(n, len(codes))]
}

func queryCases(hubs []string) []queryCase {
	pair := func(i int) (string, string) { return hubs[i%len(hubs)], hubs[(i*7+1)%len(hubs)] }
	return []queryCase{
		{"relations", `query($a:String!,$b:String!){ relations(source:$a, target:$b){ forward{events goldsteinMean first last byRoot{root events}} backward{events goldsteinMean} } }`,
			func(i int) map[string]any { a, b := pair(i); return map[string]any{"a": a, "b": b} }},
		{"timeline (month)", `query($a:String!,$b:String!){ timeline(source:$a, target:$b, bucket: MONTH){ start events verbalCooperation materialConflict goldsteinSum } }`,
			func(i int) map[string]any { a, b := pair(i); return map[string]any{"a": a, "b": b} }},
		{"events page", `query($a:String!){ events(filter:{actors:[$a]}, first: 50){ totalCount edges{ node{ id date code source{code name} target{code name} sentence } } } }`,
			func(i int) map[string]any { return map[string]any{"a": hubs[i%len(hubs)]} }},
		{"supporters", `query($a:String!){ supporters(of:$a, first: 10){ actor{code name} score events } }`,
			func(i int) map[string]any { return map[string]any{"a": hubs[i%len(hubs)]} }},
		{"network (2 hops)", `query($a:String!){ network(actor:$a, hops: 2, maxNodes: 100){ nodes{ actor{code} hops } edges{ source{code} target{code} events sign } } }`,
			func(i int) map[string]any { return map[string]any{"a": hubs[len(hubs)-1-i%(len(hubs)/2)]} }},
		{"path", `query($a:String!,$b:String!){ path(from:$a, to:$b, maxHops: 4){ hops actors{code} } }`,
			func(i int) map[string]any { a, b := pair(i); return map[string]any{"a": a, "b": b} }},
	}
}

func timeQueries(ctx context.Context, h http.Handler, qc queryCase, n int, budget time.Duration) ([]time.Duration, error) {
	lat := make([]time.Duration, 0, n)
	var mu sync.Mutex
	began := time.Now()
	for i := 0; i < n && (i < 5 || time.Since(began) < budget); i++ {
		body, _ := json.Marshal(map[string]any{"query": qc.query, "variables": qc.vars(i)})
		req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		start := time.Now()
		h.ServeHTTP(rec, req)
		d := time.Since(start)
		var res struct {
			Errors []struct{ Message string } `json:"errors"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || len(res.Errors) > 0 {
			return nil, fmt.Errorf("request %d: %v %v", i, err, res.Errors)
		}
		mu.Lock()
		lat = append(lat, d)
		mu.Unlock()
	}
	return lat, nil
}

// timeNaiveRelations is the baseline: every event of the dyad paged into Go
// and tallied there.
func timeNaiveRelations(ctx context.Context, s schema.Store, hubs []string, n int) ([]time.Duration, error) {
	var lat []time.Duration
	for i := 0; i < n; i++ {
		a, b := hubs[i%len(hubs)], hubs[(i*7+1)%len(hubs)]
		start := time.Now()
		count, sum := 0, 0.0
		for _, dir := range [][2]string{{a, b}, {b, a}} {
			page := schema.PageRequest{First: 1000}
			for {
				p, err := s.Events(ctx, schema.EventFilter{Sources: []string{dir[0]}, Targets: []string{dir[1]}}, page)
				if err != nil {
					return nil, err
				}
				for _, ev := range p.Events {
					count++
					sum += ev.Goldstein
				}
				if !p.HasNext {
					break
				}
				page.After = p.Cursors[len(p.Cursors)-1]
			}
		}
		_ = sum
		lat = append(lat, time.Since(start))
	}
	return lat, nil
}

func pct(d []time.Duration, p int) float64 {
	if len(d) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := (len(s)*p + 99) / 100
	if i > 0 {
		i--
	}
	return float64(s[min(i, len(s)-1)].Microseconds()) / 1000
}

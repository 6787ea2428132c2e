package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/dyadgraph/dyad/ingest"
	"github.com/dyadgraph/dyad/ingest/coder"
	"github.com/dyadgraph/dyad/query"
	"github.com/dyadgraph/dyad/samples"
	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/sqlite"
)

// loadStep is one concurrency level of dyad bench load.
type loadStep struct {
	Concurrency int     `json:"concurrency"`
	Requests    int     `json:"requests"`
	Seconds     float64 `json:"seconds"`
	PerSecond   float64 `json:"requests_per_second"`
	P50ms       float64 `json:"p50_ms"`
	P99ms       float64 `json:"p99_ms"`
	Errors      int     `json:"errors"`
	RSSMB       float64 `json:"rss_mb"`  // process resident set after the step
	HeapMB      float64 `json:"heap_mb"` // live Go heap after the step (after a GC)
}

// loadQueries are the workload's query kinds, sent in turn.
var loadQueries = []string{"relations", "timeline (month)", "events page", "supporters", "network (2 hops)"}

func benchLoad(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "bench load", "", "Serve the GraphQL API in this process on a loopback port, over a fresh SQLite\nstore loaded with the sample corpus through the ingest pipeline (or over --store,\nwhich is only read), and send a mixed workload (relations, timeline, events page,\nsupporters, network) at each concurrency in turn. Each step ends after --duration\nor --requests, whichever comes first. Prints per step: requests, throughput,\np50/p99 latency, errors, and this process's RSS and live Go heap after the step\n(server and clients share the process). Exits 1 if any request failed.")
	store := fs.String("store", "", "serve this store (sqlite:PATH or dgraph:HOST:PORT), read only, instead of the samples")
	levels := fs.String("concurrency", "1,2,4,8,16", "concurrent clients of each step, comma-separated")
	duration := fs.Duration("duration", 5*time.Second, "longest time of a step")
	maxRequests := fs.Int("requests", 20000, "most requests of a step")
	timeout := fs.Duration("timeout", 10*time.Second, "timeout of one request")
	maxRSS := fs.Float64("max-rss-mb", 0, "fail when the process's RSS exceeds this after a step; 0: no limit")
	jsonOut := fs.String("json", "", "also write the table as JSON to this file")
	if err := parse(fs, args); err != nil {
		return err
	}
	var conc []int
	for _, v := range splitList(*levels) {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1024 {
			return fmt.Errorf("--concurrency %q: want numbers from 1 to 1024", v)
		}
		conc = append(conc, n)
	}
	if len(conc) == 0 || *duration <= 0 || *maxRequests < 1 || *timeout <= 0 {
		return errors.New("--concurrency, --duration, --requests and --timeout must be positive")
	}

	s, what, cleanup, err := loadStore(ctx, *store)
	if err != nil {
		return err
	}
	defer cleanup()
	actors, err := s.SearchActors(ctx, "", 12) // most active first
	if err != nil {
		return err
	}
	var hubs []string
	for _, a := range actors {
		hubs = append(hubs, a.Code)
	}
	if len(hubs) < 2 {
		return fmt.Errorf("the store holds %d actors; the workload needs at least 2", len(hubs))
	}
	var cases []queryCase
	for _, qc := range queryCases(hubs) {
		for _, name := range loadQueries {
			if qc.name == name {
				cases = append(cases, qc)
			}
		}
	}

	srv, err := query.New(query.Config{Store: s})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		hs.Shutdown(sctx)
	}()
	endpoint := "http://" + ln.Addr().String() + "/graphql"
	fmt.Fprintf(e.stderr, "bench load: %s; serving %s; queries: %s; busiest actors: %s\n",
		what, endpoint, strings.Join(loadQueries, ", "), strings.Join(hubs[:min(5, len(hubs))], " "))

	maxConc := 0
	for _, c := range conc {
		maxConc = max(maxConc, c)
	}
	client := &http.Client{
		Timeout:   *timeout,
		Transport: &http.Transport{MaxIdleConns: maxConc, MaxIdleConnsPerHost: maxConc, IdleConnTimeout: time.Minute},
	}
	defer client.CloseIdleConnections()
	// The request bodies, prepared once: the workload cycles through them.
	var bodies [][]byte
	for i := 0; i < 10*len(cases); i++ {
		qc := cases[i%len(cases)]
		b, _ := json.Marshal(map[string]any{"query": qc.query, "variables": qc.vars(i / len(cases))})
		bodies = append(bodies, b)
	}

	var steps []loadStep
	var firstErr error
	for _, c := range conc {
		if ctx.Err() != nil {
			break
		}
		st, err := loadRun(ctx, client, endpoint, bodies, c, *duration, *maxRequests)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		st.HeapMB = float64(ms.HeapAlloc) / (1 << 20)
		st.RSSMB = procStatusMB("VmRSS:")
		steps = append(steps, st)
		fmt.Fprintf(e.stderr, "  %d clients: %d requests in %.1fs\n", c, st.Requests, st.Seconds)
	}

	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "concurrency\trequests\treq/s\tp50 ms\tp99 ms\terrors\tRSS MB\theap MB\t")
	errs := 0
	for _, s := range steps {
		fmt.Fprintf(tw, "%d\t%d\t%.0f\t%.1f\t%.1f\t%d\t%.0f\t%.1f\t\n", s.Concurrency, s.Requests, s.PerSecond, s.P50ms, s.P99ms, s.Errors, s.RSSMB, s.HeapMB)
		errs += s.Errors
	}
	tw.Flush()
	if *jsonOut != "" {
		b, _ := json.MarshalIndent(steps, "", "  ")
		if err := os.WriteFile(*jsonOut, b, 0o644); err != nil {
			return err
		}
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if errs > 0 {
		return fmt.Errorf("%d requests failed; the first: %v", errs, firstErr)
	}
	if *maxRSS > 0 {
		for _, s := range steps {
			if s.RSSMB > *maxRSS {
				return fmt.Errorf("RSS %.0f MB after the %d-client step exceeds --max-rss-mb %.0f", s.RSSMB, s.Concurrency, *maxRSS)
			}
		}
	}
	return nil
}

// loadStore opens the store to serve: the one given, or a fresh SQLite file
// with the sample corpus ingested.
func loadStore(ctx context.Context, addr string) (schema.Store, string, func(), error) {
	if addr != "" {
		s, err := openStore(ctx, addr)
		if err != nil {
			return nil, "", nil, err
		}
		st, err := s.Stats(ctx)
		if err != nil {
			s.Close()
			return nil, "", nil, err
		}
		return s, fmt.Sprintf("%s (%d articles, %d events)", addr, st.Articles, st.Events), func() { s.Close() }, nil
	}
	dir, err := os.MkdirTemp("", "dyad-bench-load-")
	if err != nil {
		return nil, "", nil, err
	}
	fail := func(err error) (schema.Store, string, func(), error) {
		os.RemoveAll(dir)
		return nil, "", nil, err
	}
	s, err := sqlite.Open(ctx, filepath.Join(dir, "load.db"))
	if err != nil {
		return fail(err)
	}
	c, err := coder.New(coder.Options{})
	if err != nil {
		s.Close()
		return fail(err)
	}
	sum, err := ingest.Run(ctx, ingest.Config{
		Store: s, Coder: ingest.DictionaryCoder{Coder: c},
		Read: ingest.ReadOptions{Stdin: bytes.NewReader(samples.ArticlesJSONL())},
	}, []string{"-"})
	if err != nil {
		s.Close()
		return fail(fmt.Errorf("loading the samples: %w", err))
	}
	what := fmt.Sprintf("fresh SQLite store with the samples (%d articles, %d events)", sum.Coded, sum.Events)
	return s, what, func() { s.Close(); os.RemoveAll(dir) }, nil
}

// loadRun runs one step: clients send requests in turn until the duration
// or the request budget is spent.
func loadRun(ctx context.Context, client *http.Client, endpoint string, bodies [][]byte, clients int, d time.Duration, maxRequests int) (loadStep, error) {
	var (
		next     atomic.Int64
		errCount atomic.Int64
		mu       sync.Mutex
		lat      = make([]time.Duration, 0, min(maxRequests, 1<<16))
		firstErr error
		wg       sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(d)
	for w := 0; w < clients; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := make([]time.Duration, 0, 256)
			for ctx.Err() == nil && time.Now().Before(deadline) {
				i := next.Add(1) - 1
				if i >= int64(maxRequests) {
					break
				}
				t0 := time.Now()
				err := loadRequest(ctx, client, endpoint, bodies[int(i)%len(bodies)])
				local = append(local, time.Since(t0))
				if err != nil {
					errCount.Add(1)
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
			mu.Lock()
			lat = append(lat, local...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	secs := time.Since(start).Seconds()
	return loadStep{
		Concurrency: clients, Requests: len(lat), Seconds: secs, PerSecond: float64(len(lat)) / secs,
		P50ms: pct(lat, 50), P99ms: pct(lat, 99), Errors: int(errCount.Load()),
	}, firstErr
}

// loadRequest posts one GraphQL request; an HTTP error status, a GraphQL
// error or a response without data is an error.
func loadRequest(ctx context.Context, client *http.Client, endpoint string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return err
	}
	var res struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %s: %.200s", resp.Status, b)
	}
	if err := json.Unmarshal(b, &res); err != nil {
		return fmt.Errorf("response: %w", err)
	}
	if len(res.Errors) > 0 {
		return fmt.Errorf("GraphQL error: %s", res.Errors[0].Message)
	}
	if len(res.Data) == 0 || string(res.Data) == "null" {
		return errors.New("response without data")
	}
	return nil
}

// procStatusMB reads a size field of /proc/self/status (Linux) in MiB, or -1.
func procStatusMB(field string) float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			if err != nil {
				return -1
			}
			return float64(kb) / 1024
		}
	}
	return -1
}
